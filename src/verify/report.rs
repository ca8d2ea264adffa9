//! Verify stage: verdicts as text for people and JSON for programs, in the chosen languages —
//! per mail its signs (at most `MAX_SHOWN`), what was not read, whom to call — always ending
//! with the call-back rule. Every string taken from a mail passes [`clean`] first: a mail's
//! control characters never reach the terminal.

use super::messages::{fill, texts, NO_SIGNS, RULE, SIGNS};
use super::messages::{CALL_CONTACT, CALL_PARTY, MORE_SIGNS, NOT_READ, NO_SIGNS_READ};
use super::{diagnostic, Verdicts};
use crate::profile::text::{Lang, Langs};
use dealguard_mail::{Call, Level, MailReport, Sign};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

/// Most signs printed per mail; the rest are counted ("and 12 more signs").
pub const MAX_SHOWN: usize = 50;

/// Characters that move the cursor, erase, ring, or reorder what follows: C0 and C1 controls,
/// DEL, direction marks, embeddings, overrides and isolates, line and paragraph separators.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{2028}' | '\u{2029}')
}

/// Text from a mail made safe to print: every control or direction character shown as a
/// `\u{1b}` escape, nothing else changed.
pub fn clean(s: &str) -> String {
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// [`clean`] line by line, for our own multi-line texts that quote a mail (diagnostics).
fn clean_lines(s: &str) -> String {
    s.lines().map(clean).collect::<Vec<_>>().join("\n  ")
}

fn pick(pair: (&str, &str), lang: Lang) -> String {
    match lang {
        Lang::En => pair.0.to_string(),
        Lang::Zh => pair.1.to_string(),
    }
}

fn level_word(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Strong, Lang::En) => "strong",
        (Level::Warning, Lang::En) => "warning",
        (Level::Note, Lang::En) => "note",
        (Level::Strong, Lang::Zh) => "严重",
        (Level::Warning, Lang::Zh) => "警告",
        (Level::Note, Lang::Zh) => "说明",
    }
}

/// What the sign says, in `lang`; its arguments (taken from the mail) cleaned.
pub fn what(sign: &Sign, lang: Lang) -> String {
    let t = texts(sign.kind);
    let i = usize::from(lang == Lang::Zh);
    let args: Vec<String> = sign.args.iter().map(|a| clean(&a[i])).collect();
    fill(if lang == Lang::Zh { t.zh } else { t.en }, &args)
}

/// What to do about the sign, in `lang` ("" for notes).
pub fn todo(sign: &Sign, lang: Lang) -> &'static str {
    let t = texts(sign.kind);
    if sign.level == Level::Note {
        ""
    } else if lang == Lang::Zh {
        t.todo_zh
    } else {
        t.todo_en
    }
}

fn verdict(m: &MailReport, lang: Lang) -> String {
    if !m.has_warning() {
        // A cut mail was not read whole: say so in the verdict itself.
        return pick(
            if m.cut.is_empty() {
                NO_SIGNS
            } else {
                NO_SIGNS_READ
            },
            lang,
        );
    }
    let strong = m.signs.iter().filter(|s| s.level == Level::Strong).count();
    let weak = m.signs.iter().filter(|s| s.level == Level::Warning).count();
    match lang {
        Lang::En => format!("{} ({strong} strong, {weak} other)", SIGNS.0),
        Lang::Zh => format!("{}（{strong} 项严重，{weak} 项其他）", SIGNS.1),
    }
}

/// The signs printed for a mail, in rule order, and how many more there are. Past
/// `MAX_SHOWN`, the strongest are kept (a flood of notes cannot hide a strong sign).
pub fn shown_signs(m: &MailReport) -> (Vec<&Sign>, usize) {
    if m.signs.len() <= MAX_SHOWN {
        return (m.signs.iter().collect(), 0);
    }
    let mut order: Vec<usize> = (0..m.signs.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(m.signs[i].level), i));
    order.truncate(MAX_SHOWN);
    order.sort_unstable();
    let shown = order.iter().map(|&i| &m.signs[i]).collect();
    (shown, m.signs.len() - MAX_SHOWN)
}

/// "call Nordic Home AB on +46 8 555 010 00 (Anna Lindqvist direct: +46 70 555 12 34)".
fn call_line(c: &Call, lang: Lang) -> String {
    let i = usize::from(lang == Lang::Zh);
    let mut s = fill(
        &pick(CALL_PARTY, lang),
        &[c.party[i].clone(), c.phone.clone()],
    );
    if let Some((name, phone)) = &c.contact {
        s.push_str(&fill(
            &pick(CALL_CONTACT, lang),
            &[name.clone(), phone.clone()],
        ));
    }
    s
}

fn label(l: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if l == Lang::Zh {
        zh
    } else {
        en
    }
}

/// One sign as text: level and what in each language, the evidence, what to do.
fn sign_text(s: &mut String, sign: &Sign, langs: &Langs) {
    for (i, l) in langs.list().iter().enumerate() {
        let bullet = if i == 0 { "-" } else { " " };
        let _ = writeln!(
            s,
            "  {bullet} [{}] {}",
            level_word(sign.level, *l),
            what(sign, *l)
        );
    }
    let _ = writeln!(
        s,
        "    {}: {}",
        label(langs.primary(), "evidence", "证据"),
        clean(&sign.evidence)
    );
    for l in langs.list() {
        let t = todo(sign, *l);
        if !t.is_empty() {
            let _ = writeln!(s, "    {}: {t}", label(*l, "what to do", "处理"));
        }
    }
}

/// One mail as text: file, `From`, subject, verdict, signs, what was not read, whom to call.
fn mail_text(s: &mut String, m: &MailReport, langs: &Langs) {
    let _ = writeln!(s, "{}", clean(&m.file.display().to_string()));
    if let Some(d) = &m.problem {
        let _ = writeln!(s, "  {}\n", clean_lines(&diagnostic(d).to_string()));
        return;
    }
    let from = if m.from.is_empty() {
        "(none)".to_string()
    } else {
        clean(&m.from)
    };
    let _ = writeln!(s, "  From: {from}");
    let _ = writeln!(s, "  Subject: {}", clean(&m.subject));
    for l in langs.list() {
        let _ = writeln!(s, "  {}: {}", label(*l, "verdict", "结论"), verdict(m, *l));
    }
    let (shown, more) = shown_signs(m);
    for sign in shown {
        sign_text(s, sign, langs);
    }
    if more > 0 {
        for l in langs.list() {
            let _ = writeln!(s, "  {}", fill(&pick(MORE_SIGNS, *l), &[more.to_string()]));
        }
    }
    for c in &m.cut {
        for l in langs.list() {
            let what = clean(&c.what[usize::from(*l == Lang::Zh)]);
            let _ = writeln!(s, "  {}: {what}", pick(NOT_READ, *l));
        }
    }
    if let Some(c) = &m.call {
        for l in langs.list() {
            let _ = writeln!(s, "  {}", clean(&call_line(c, *l)));
        }
    }
    s.push('\n');
}

/// The verdicts as text: per mail its file, `From`, subject, verdict and every sign (level,
/// what, evidence, what to do), what was not read and whom to call; then the call-back rule.
pub fn render_text(v: &Verdicts, langs: &Langs) -> String {
    let mut s = String::new();
    for m in &v.mails {
        mail_text(&mut s, m, langs);
    }
    for l in langs.list() {
        let _ = writeln!(
            s,
            "{}",
            fill(&pick(RULE, *l), std::slice::from_ref(&v.callback))
        );
    }
    s
}

fn per_lang(langs: &Langs, f: impl Fn(Lang) -> String) -> Value {
    let mut m = Map::new();
    for l in langs.list() {
        m.insert(l.code().to_string(), Value::String(f(*l)));
    }
    Value::Object(m)
}

fn sign_json(sign: &Sign, langs: &Langs) -> Value {
    json!({
        "kind": texts(sign.kind).key,
        "level": sign.level.key(),
        "what": per_lang(langs, |l| what(sign, l)),
        "evidence": clean(&sign.evidence),
        "todo": per_lang(langs, |l| todo(sign, l).to_string()),
    })
}

fn mail_json(m: &MailReport, langs: &Langs) -> Value {
    let status = match (&m.problem, m.has_warning()) {
        (Some(_), _) => "unreadable",
        (None, true) => "warning-signs",
        (None, false) => "no-warning-signs",
    };
    let (shown, more) = shown_signs(m);
    let cut: Vec<Value> = m
        .cut
        .iter()
        .map(|c| per_lang(langs, |l| clean(&c.what[usize::from(l == Lang::Zh)])))
        .collect();
    let call = m.call.as_ref().map(|c| {
        json!({
            "party": per_lang(langs, |l| c.party[usize::from(l == Lang::Zh)].clone()),
            "phone": c.phone,
            "contact": c.contact.as_ref().map(|x| &x.0),
            "contact_phone": c.contact.as_ref().map(|x| &x.1),
            "text": per_lang(langs, |l| call_line(c, l)),
        })
    });
    json!({
        "file": clean(&m.file.display().to_string()),
        "from": clean(&m.from),
        "from_name": clean(&m.from_name),
        "from_address": clean(&m.from_address),
        "subject": clean(&m.subject),
        "verdict": status,
        "verdict_text": per_lang(langs, |l| verdict(m, l)),
        "signs": shown.iter().map(|s| sign_json(s, langs)).collect::<Vec<_>>(),
        "signs_not_shown": more,
        "cut": cut,
        "call": call,
        "error": m.problem.as_ref().map(|d| clean_lines(&diagnostic(d).to_string())),
    })
}

/// The same as data: `{"mails": [...], "rule": {...}, "callback_phone": ..., "exit_code": ...}`;
/// per mail `from` (the address as written, no header name), `from_name`, `from_address`,
/// `signs` (at most `MAX_SHOWN`) and `signs_not_shown`, `cut`, `call`.
pub fn render_json(v: &Verdicts, langs: &Langs) -> String {
    let mails: Vec<Value> = v.mails.iter().map(|m| mail_json(m, langs)).collect();
    let out = json!({
        "mails": mails,
        "rule": per_lang(langs, |l| fill(&pick(RULE, l), std::slice::from_ref(&v.callback))),
        "callback_phone": v.callback,
        "exit_code": v.exit_code(),
    });
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
