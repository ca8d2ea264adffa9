//! Verify stage: verdicts as text for people and JSON for programs, in the chosen languages,
//! always ending with the call-back rule.

use super::language::{fill, NO_SIGNS, RULE, SIGNS};
use super::{Level, MailReport, Sign, Verdicts};
use crate::profile::text::{Lang, Langs};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

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

/// What the sign says, in `lang`.
pub fn what(sign: &Sign, lang: Lang) -> String {
    let t = sign.kind.texts();
    let i = usize::from(lang == Lang::Zh);
    let args: Vec<String> = sign.args.iter().map(|a| a[i].clone()).collect();
    fill(if lang == Lang::Zh { t.zh } else { t.en }, &args)
}

/// What to do about the sign, in `lang` ("" for notes).
pub fn todo(sign: &Sign, lang: Lang) -> &'static str {
    let t = sign.kind.texts();
    if lang == Lang::Zh {
        t.todo_zh
    } else {
        t.todo_en
    }
}

fn verdict(m: &MailReport, lang: Lang) -> String {
    if !m.has_warning() {
        return pick(NO_SIGNS, lang);
    }
    let strong = m.signs.iter().filter(|s| s.level == Level::Strong).count();
    let weak = m.signs.iter().filter(|s| s.level == Level::Warning).count();
    match lang {
        Lang::En => format!("{} ({strong} strong, {weak} other)", SIGNS.0),
        Lang::Zh => format!("{}（{strong} 项严重，{weak} 项其他）", SIGNS.1),
    }
}

/// The verdicts as text: per mail its file, `From`, subject, verdict and every sign (level,
/// what, evidence, what to do); then the call-back rule.
pub fn render_text(v: &Verdicts, langs: &Langs) -> String {
    let mut s = String::new();
    let zh_label =
        |l: Lang, en: &'static str, zh: &'static str| if l == Lang::Zh { zh } else { en };
    for m in &v.mails {
        let _ = writeln!(s, "{}", m.file.display());
        if let Some(d) = &m.problem {
            let _ = writeln!(s, "  {d}\n");
            continue;
        }
        let _ = writeln!(
            s,
            "  {}",
            // `from` is the header line as written ("From: name <address>").
            if m.from.is_empty() {
                "From: (none)"
            } else {
                &m.from
            }
        );
        let _ = writeln!(s, "  Subject: {}", m.subject);
        for l in langs.list() {
            let _ = writeln!(
                s,
                "  {}: {}",
                zh_label(*l, "verdict", "结论"),
                verdict(m, *l)
            );
        }
        for sign in &m.signs {
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
                zh_label(langs.primary(), "evidence", "证据"),
                sign.evidence
            );
            for l in langs.list() {
                let t = todo(sign, *l);
                if !t.is_empty() {
                    let _ = writeln!(s, "    {}: {t}", zh_label(*l, "what to do", "处理"));
                }
            }
        }
        s.push('\n');
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
        "kind": sign.kind.texts().key,
        "level": sign.level.key(),
        "what": per_lang(langs, |l| what(sign, l)),
        "evidence": sign.evidence,
        "todo": per_lang(langs, |l| todo(sign, l).to_string()),
    })
}

/// The same as data: `{"mails": [...], "rule": {...}, "callback_phone": ..., "exit_code": ...}`.
pub fn render_json(v: &Verdicts, langs: &Langs) -> String {
    let mails: Vec<Value> = v
        .mails
        .iter()
        .map(|m| {
            let status = match (&m.problem, m.has_warning()) {
                (Some(_), _) => "unreadable",
                (None, true) => "warning-signs",
                (None, false) => "no-warning-signs",
            };
            json!({
                "file": m.file.display().to_string(),
                "from": m.from,
                "subject": m.subject,
                "verdict": status,
                "verdict_text": per_lang(langs, |l| verdict(m, l)),
                "signs": m.signs.iter().map(|s| sign_json(s, langs)).collect::<Vec<_>>(),
                "error": m.problem.as_ref().map(|d| d.to_string()),
            })
        })
        .collect();
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
