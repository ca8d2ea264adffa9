//! Render stage: the body text of the HTML schedule — clause references ("Clause 15",
//! "第2.2款") as in-page links to the clause ids, telephone numbers kept whole, addresses
//! allowed to break.

use std::collections::BTreeMap;

use crate::render::clauses::Schedule;
use crate::render::escape::{self, Run};

/// The in-page anchor of a clause (`clause-<id>`), and of its sub-clause `k` (1-based).
pub fn anchor(id: &str, k: Option<usize>) -> String {
    match k {
        Some(k) => format!("clause-{id}-{k}"),
        None => format!("clause-{id}"),
    }
}

/// Clause number → (id, number of sub-clauses) for the clauses of one schedule.
pub struct Refs(BTreeMap<usize, (String, usize)>);

impl Refs {
    /// The clauses of a schedule by number.
    pub fn of(s: &Schedule) -> Refs {
        let primary = s.langs.primary();
        Refs(
            s.clauses()
                .map(|c| {
                    let count = c.paras.get(&primary).map_or(0, Vec::len);
                    (c.number, (c.id.clone(), count))
                })
                .collect(),
        )
    }

    /// The anchor a reference to clause `n` (sub-clause `k`) points to, if it exists here.
    fn target(&self, n: usize, k: Option<usize>) -> Option<String> {
        let (id, count) = self.0.get(&n)?;
        match k {
            // A sub-clause of a one-paragraph clause is the clause itself.
            Some(k) if k >= 1 && k <= *count && *count > 1 => Some(anchor(id, Some(k))),
            Some(_) => None,
            None => Some(anchor(id, None)),
        }
    }
}

/// One line of clause text as HTML: escaped, references linked, numbers and addresses marked.
pub fn body(line: &str, refs: &Refs) -> String {
    escape::runs(line)
        .into_iter()
        .map(|(kind, t)| match kind {
            Run::Text => linked(t, refs),
            Run::Phone => format!("<span class=\"tel\">{}</span>", escape::html(t)),
            Run::Address => format!("<span class=\"addr\">{}</span>", escape::html(t)),
        })
        .collect()
}

/// Escaped text with each reference to a clause of this schedule as a link.
fn linked(t: &str, refs: &Refs) -> String {
    let mut out = String::new();
    let mut from = 0;
    let mut i = 0;
    while i < t.len() {
        if let Some((len, href)) = reference_at(&t[i..], refs) {
            out.push_str(&escape::html(&t[from..i]));
            out.push_str(&format!(
                "<a class=\"ref\" href=\"#{}\">{}</a>",
                escape::html(&href),
                escape::html(&t[i..i + len])
            ));
            i += len;
            from = i;
        } else {
            i += t[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&escape::html(&t[from..]));
    out
}

/// A reference at the start of `s`: its byte length and target. "Clause 15", "Clauses 5.1"
/// (the first number), "第15条", "第2.2款"; "第1款" alone is a paragraph of the clause it
/// stands in, so it is left as text.
fn reference_at(s: &str, refs: &Refs) -> Option<(usize, String)> {
    if let Some(rest) = s
        .strip_prefix("Clauses ")
        .or_else(|| s.strip_prefix("Clause "))
    {
        let (n, k, len) = number(rest)?;
        return Some((s.len() - rest.len() + len, refs.target(n, k)?));
    }
    let rest = s.strip_prefix('第')?;
    let (n, k, len) = number(rest)?;
    let tail = &rest[len..];
    let ok = match k {
        None => tail.starts_with('条'),
        Some(_) => tail.starts_with('款') || tail.starts_with('条'),
    };
    ok.then(|| refs.target(n, k))
        .flatten()
        .map(|href| ("第".len() + len + "条".len(), href))
}

/// "15" or "2.2" at the start of `s`: clause, sub-clause and byte length; a full stop that
/// ends a sentence ("Clause 15.") is not part of the number.
pub(crate) fn number(s: &str) -> Option<(usize, Option<usize>, usize)> {
    let digits = |x: &str| x.chars().take_while(char::is_ascii_digit).count();
    let a = digits(s);
    if a == 0 || a > 4 {
        return None;
    }
    let n = s[..a].parse().ok()?;
    let after = &s[a..];
    let b = after.strip_prefix('.').map_or(0, digits);
    if b == 0 || b > 3 {
        return Some((n, None, a));
    }
    let k = after[1..1 + b].parse().ok()?;
    Some((n, Some(k), a + 1 + b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> Refs {
        Refs(BTreeMap::from([
            (2, ("scope".to_string(), 2)),
            (15, ("audit".to_string(), 1)),
        ]))
    }

    #[test]
    fn references_become_links_to_existing_clauses() {
        let r = refs();
        assert_eq!(
            body("see Clause 2.2 and Clause 15.", &r),
            "see <a class=\"ref\" href=\"#clause-scope-2\">Clause 2.2</a> and <a class=\"ref\" href=\"#clause-audit\">Clause 15</a>."
        );
        assert_eq!(
            body("本附件第15条及第2.1款；本条第1款", &r),
            "本附件<a class=\"ref\" href=\"#clause-audit\">第15条</a>及<a class=\"ref\" href=\"#clause-scope-1\">第2.1款</a>；本条第1款"
        );
        // No such clause or sub-clause: plain text.
        assert_eq!(
            body("Clause 9 and Clause 2.7", &r),
            "Clause 9 and Clause 2.7"
        );
        assert_eq!(body("<Clause> 2", &r), "&lt;Clause&gt; 2");
    }
}
