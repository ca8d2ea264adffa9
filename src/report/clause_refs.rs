//! Render stage: clause references in week files. A week text names a clause of the
//! schedule by its id — `[[confidentiality]]`, `[[confidentiality.2]]` for its second
//! paragraph — and the report prints this deal's number in the reader's language
//! ("Clause 13.2", "第13.2款"), so a reference stays right when the clause set changes. A
//! number written by hand ("Clause 13.2") is checked against the words around it.

use crate::clauses::{paragraphs, Library, Selection};
use crate::diag::{did_you_mean, Diagnostic, Problems};
use crate::profile::week::{texts_mut, LoadedWeek};
use crate::profile::Lang;
use crate::render::env::clause_ref;

/// Longest text between `[[` and `]]` taken as a reference.
const MAX_REF: usize = 80;

/// One clause of the deal's schedule, as a week text can point to it.
struct Target {
    id: String,
    number: usize,
    /// Paragraphs of its text (the sub-clauses `.1`, `.2`…).
    paras: usize,
    /// Its title per language, for messages.
    title_en: String,
    title_zh: String,
    /// Words of its English title and id, and character pairs of its Chinese title: what a
    /// sentence speaking of it is likely to contain.
    words: Vec<String>,
    pairs: Vec<String>,
}

/// The clauses of one deal's schedule, by id and by number.
pub struct ClauseRefs {
    targets: Vec<Target>,
    /// Every clause id of the library, for "not in this deal" and did-you-mean.
    library: Vec<String>,
}

impl ClauseRefs {
    /// The references of the schedule `sel` (numbered for this deal), from library `lib`.
    pub fn new(sel: &Selection, lib: &Library) -> Self {
        let targets = sel
            .clauses()
            .map(|(number, c)| {
                let title_en = c.title.en.clone().unwrap_or_default();
                let title_zh = c.title.zh.clone().unwrap_or_default();
                let body = c.text.en.as_deref().or(c.text.zh.as_deref()).unwrap_or("");
                let mut words = content_words(&title_en);
                words.extend(content_words(&c.id.replace('-', " ")));
                words.sort();
                words.dedup();
                Target {
                    id: c.id.clone(),
                    number,
                    paras: paragraphs(body).len(),
                    pairs: han_pairs(&title_zh),
                    title_en,
                    title_zh,
                    words,
                }
            })
            .collect();
        ClauseRefs {
            targets,
            library: lib.clauses.keys().cloned().collect(),
        }
    }

    /// Rewrites every `[[id]]` of the week's texts as this deal's clause number; errors for
    /// references that point nowhere, warnings for hand-written numbers that point elsewhere
    /// than their words (both at the field). The week's texts keep the ids on error.
    pub fn resolve(&self, wk: &mut LoadedWeek) -> Problems {
        let mut problems = Problems::new();
        let path = wk.src.path.clone();
        let index = &wk.index;
        for (field, text) in texts_mut(&mut wk.week) {
            for (lang, slot) in [(Lang::En, &mut text.en), (Lang::Zh, &mut text.zh)] {
                let Some(s) = slot.as_mut() else { continue };
                let f = format!("{field}.{}", lang.code());
                let at = |d: Diagnostic| d.at(index.pos(&f)).field(f.clone());
                for (msg, hint) in self.literal_warnings(s, lang) {
                    problems.push(at(Diagnostic::warning(&path, msg).hint(hint)));
                }
                match self.rewrite(s, lang) {
                    Ok(Some(new)) => *s = new,
                    Ok(None) => {}
                    Err((msg, hint)) => problems.push(at(Diagnostic::error(&path, msg).hint(hint))),
                }
            }
        }
        problems
    }

    /// `s` with its references replaced, `None` when it has none, or the first bad one.
    fn rewrite(&self, s: &str, lang: Lang) -> Result<Option<String>, (String, String)> {
        if !s.contains("[[") {
            return Ok(None);
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(open) = rest.find("[[") {
            out.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let close = after.find("]]").filter(|&c| c <= MAX_REF);
            let Some(close) = close else {
                return Err((
                    "`[[` opens a clause reference that is not closed with `]]`".to_string(),
                    SYNTAX_HINT.to_string(),
                ));
            };
            out.push_str(&self.one(after[..close].trim(), lang)?);
            rest = &after[close + 2..];
        }
        out.push_str(rest);
        Ok(Some(out))
    }

    /// One reference (`id` or `id.N`) as this deal's number.
    fn one(&self, inner: &str, lang: Lang) -> Result<String, (String, String)> {
        let (id, para) = match inner.rsplit_once('.') {
            Some((id, p)) => match p.parse::<u32>() {
                Ok(n) if n >= 1 => (id, Some(n)),
                _ => {
                    return Err((
                        format!("`[[{inner}]]`: `{p}` is not a paragraph number"),
                        SYNTAX_HINT.to_string(),
                    ))
                }
            },
            None => (inner, None),
        };
        let Some(t) = self.targets.iter().find(|t| t.id == id) else {
            return Err(self.unknown(inner, id));
        };
        if let Some(p) = para {
            if p as usize > t.paras {
                return Err((
                    format!(
                        "`[[{inner}]]`: clause `{id}` ({}) has {} paragraph{}",
                        clause_ref(t.number, None, Lang::En),
                        t.paras,
                        if t.paras == 1 { "" } else { "s" }
                    ),
                    format!("`dealguard clauses show {id}` shows its text"),
                ));
            }
        }
        Ok(clause_ref(t.number, para, lang))
    }

    /// The error for an id that is not in the schedule: not in this deal, or no such clause.
    fn unknown(&self, inner: &str, id: &str) -> (String, String) {
        if self.library.iter().any(|c| c == id) {
            return (
                format!("`[[{inner}]]`: clause `{id}` is not in this deal's schedule"),
                "refer to a clause the contract has (`dealguard clauses list` shows them), or add it under `security.clauses.add` in deal.yaml".to_string(),
            );
        }
        let ids = self.targets.iter().map(|t| t.id.as_str());
        let hint = match did_you_mean(id, ids) {
            Some(s) => format!("did you mean `[[{s}]]`?"),
            None => "`dealguard clauses list` shows the clause ids".to_string(),
        };
        (format!("`[[{inner}]]`: there is no clause `{id}`"), hint)
    }

    /// Hand-written clause numbers ("Clause 13.2", "第13条") that this schedule does not
    /// have, or whose sentence speaks of another clause: message and hint for each.
    fn literal_warnings(&self, s: &str, lang: Lang) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (shown, number, para, at) in literal_numbers(s) {
            // The words of its own sentence or clause say what it means.
            let s = segment(s, at);
            let Some(t) = self.targets.iter().find(|t| t.number == number) else {
                out.push((
                    format!(
                        "“{shown}”: this deal's schedule has clauses 1 to {}",
                        self.targets.len()
                    ),
                    "refer to a clause by its id, `[[clause-id]]`: the report prints its number"
                        .to_string(),
                ));
                continue;
            };
            let para_bad = para.is_some_and(|p| p as usize > t.paras);
            let meant = self
                .best_match(s, lang)
                .filter(|m| m.number != number && self.score(m, s, lang) > self.score(t, s, lang));
            if let Some(m) = meant {
                let p = para.map(|p| format!(".{p}")).unwrap_or_default();
                out.push((
                    format!(
                        "“{shown}” is {} in this deal's schedule, but the text speaks of {} ({})",
                        t.title(lang),
                        m.title(lang),
                        clause_ref(m.number, None, lang)
                    ),
                    format!(
                        "write `[[{}{p}]]`: the report prints the clause's number for this deal",
                        m.id
                    ),
                ));
            } else if para_bad {
                out.push((
                    format!(
                        "“{shown}”: {} ({}) has {} paragraphs",
                        clause_ref(number, None, lang),
                        t.title(lang),
                        t.paras
                    ),
                    format!("write `[[{}.N]]` with the paragraph meant", t.id),
                ));
            }
        }
        out
    }

    /// The clause whose title the text's words match best, if any matches at all.
    fn best_match(&self, s: &str, lang: Lang) -> Option<&Target> {
        let mut best: Option<(usize, &Target)> = None;
        for t in &self.targets {
            let sc = self.score(t, s, lang);
            if sc > 0 && best.is_none_or(|(b, _)| sc > b) {
                best = Some((sc, t));
            }
        }
        best.map(|(_, t)| t)
    }

    /// How many of a clause's title words (or Chinese character pairs) the text contains.
    fn score(&self, t: &Target, s: &str, lang: Lang) -> usize {
        match lang {
            Lang::En => {
                let words = content_words(s);
                t.words
                    .iter()
                    .filter(|w| words.iter().any(|x| same_word(w, x)))
                    .count()
            }
            Lang::Zh => {
                let pairs = han_pairs(s);
                t.pairs.iter().filter(|p| pairs.contains(p)).count()
            }
        }
    }
}

impl Target {
    fn title(&self, lang: Lang) -> String {
        let t = match lang {
            Lang::En => &self.title_en,
            Lang::Zh => &self.title_zh,
        };
        format!("“{t}”")
    }
}

const SYNTAX_HINT: &str =
    "a clause reference is `[[clause-id]]` or `[[clause-id.2]]` (its second paragraph); `dealguard clauses list` shows the ids";

/// Words that say nothing about which clause is meant.
const STOP: [&str; 24] = [
    "about", "after", "before", "clause", "clauses", "contract", "from", "have", "into", "must",
    "please", "schedule", "shall", "should", "that", "their", "there", "this", "under", "what",
    "when", "which", "will", "with",
];

/// Lower-case words of four letters or more, without the stop words.
fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Two words are the same when equal or sharing their first five letters ("inspector",
/// "inspection"; "notices", "notice").
fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && a[..5] == b[..5])
}

/// Neighbouring Han character pairs: 个人信息 → 个人, 人信, 信息.
fn han_pairs(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(2)
        .filter(|w| w.iter().all(|c| is_han(*c)))
        .map(|w| w.iter().collect())
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The sentence or clause of `s` around byte `at`: up to the nearest `;`, `!`, `?`, line
/// break, full stop before a space (not the point of "13.2") or their Chinese forms.
fn segment(s: &str, at: usize) -> &str {
    let is_end = |i: usize, c: char| {
        matches!(c, ';' | '!' | '?' | '\n' | '。' | '；' | '！' | '？')
            || (c == '.' && s[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = s[at..]
        .char_indices()
        .find(|&(i, c)| is_end(at + i, c))
        .map_or(s.len(), |(i, _)| at + i);
    &s[start..end]
}

/// Clause numbers written as text: "Clause 13", "clause 13.2", "Clauses 4", "第13条",
/// "第13.2款" — as shown, the clause number, the paragraph and where it starts.
fn literal_numbers(s: &str) -> Vec<(String, usize, Option<u32>, usize)> {
    let mut out = Vec::new();
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("clause") {
        let start = from + i;
        let mut j = start + "clause".len();
        if lower[j..].starts_with('s') {
            j += 1;
        }
        let word_start = start == 0 || !lower[..start].ends_with(|c: char| c.is_alphanumeric());
        let after = lower[j..].trim_start_matches(' ');
        let k = lower.len() - after.len();
        from = j;
        if !word_start || k == j {
            continue;
        }
        if let Some((n, p, len)) = number_at(&s[k..]) {
            out.push((s[start..k + len].to_string(), n, p, start));
            from = k + len;
        }
    }
    let mut from = 0;
    while let Some(i) = s[from..].find('第') {
        let k = from + i + '第'.len_utf8();
        from = k;
        if let Some((n, p, len)) = number_at(&s[k..]) {
            if s[k + len..].starts_with(['条', '款']) {
                let end = k + len + '条'.len_utf8();
                let at = from - '第'.len_utf8();
                out.push((s[at..end].to_string(), n, p, at));
                from = end;
            }
        }
    }
    out
}

/// A clause number at the start of `s` (`13`, `13.2`), as the schedule's own references
/// are read (`render::contract::refs::number`), the paragraph as a `u32`.
fn number_at(s: &str) -> Option<(usize, Option<u32>, usize)> {
    let (n, p, len) = crate::render::contract::refs::number(s)?;
    Some((n, p.and_then(|p| u32::try_from(p).ok()), len))
}

#[cfg(test)]
mod tests;
