//! Load stage: the semantic checks of a structurally valid file, all reported at once — the
//! located `Checker` and the field checks the profile and week files share (here), the deal
//! profile's check groups (`profile`), mail domains and addresses (`mail`), the parties' legal
//! names as banks read them (`names`), payment terms and verification (`payment`).

mod mail;
mod names;
mod payment;
mod profile;

pub use payment::short_of_approvers;
pub use profile::check_profile;

use super::text::{Date, Lang, Text, Ymd};
use super::yaml::{Index, Source};
use crate::diag::{Diagnostic, Problems};

/// Collects located problems for one file.
pub struct Checker<'a> {
    src: &'a Source,
    idx: &'a Index,
    /// The problems found so far.
    pub problems: Problems,
}

impl<'a> Checker<'a> {
    /// A checker for one parsed file.
    pub fn new(src: &'a Source, idx: &'a Index) -> Self {
        Checker {
            src,
            idx,
            problems: Problems::new(),
        }
    }

    /// An error at `field`.
    pub fn error(&mut self, field: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(&self.src.path, msg)
            .at(self.idx.pos(field))
            .field(field);
        self.push(d)
    }

    /// A warning at `field`.
    pub fn warning(&mut self, field: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(&self.src.path, msg)
            .at(self.idx.pos(field))
            .field(field);
        self.push(d)
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.problems.push_mut(d)
    }

    /// A required text must not be blank.
    pub fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        }
    }

    /// A date must be a real calendar date.
    pub fn date(&mut self, field: &str, d: &Date) -> Option<Ymd> {
        if d.ymd.is_none() {
            self.error(field, format!("`{}` is not a valid date", d.raw))
                .set_hint("write dates as YYYY-MM-DD, such as 2026-11-20");
        }
        d.ymd
    }

    /// A text must exist in every language of `langs`.
    pub fn text(&mut self, field: &str, t: &Text, langs: &[Lang]) {
        for l in langs {
            match t.get(*l) {
                None => {
                    self.error(
                        field,
                        format!("has no `{l}` text, but the deal is written in `{l}`"),
                    )
                    .set_hint(format!("add `{l}: …` to `{field}`"));
                }
                Some(s) if s.trim().is_empty() => {
                    self.error(&format!("{field}.{l}"), "must not be empty");
                }
                Some(_) => {}
            }
        }
    }

    /// A phone number must look like one.
    pub fn phone(&mut self, field: &str, value: &str) {
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'));
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        } else if !allowed || !(6..=20).contains(&digits) {
            self.error(
                field,
                format!("`{value}` does not look like a phone number"),
            )
            .set_hint("write it with the country code, such as \"+86 574 8888 1234\"");
        }
    }
}

/// Longest text dealguard accepts in one field (a long summary is a few hundred characters).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest list dealguard accepts (contacts, rows of a week, …).
pub const MAX_LIST: usize = 1_000;

/// Refuses oversized texts and lists anywhere in a parsed file, each at its location. Bounds
/// like these keep every later stage (layout, templates) small whatever the input.
pub fn check_sizes(c: &mut Checker, v: &serde_yaml::Value, path: &str) {
    match v {
        serde_yaml::Value::String(s) => {
            let n = s.chars().count();
            if n > MAX_TEXT_CHARS {
                c.error(
                    path,
                    format!("is {n} characters long; a field may have at most {MAX_TEXT_CHARS}"),
                )
                .set_hint("shorten it, or attach the long text as a document");
            }
        }
        serde_yaml::Value::Sequence(items) => {
            if items.len() > MAX_LIST {
                c.error(
                    path,
                    format!(
                        "has {} entries; at most {MAX_LIST} are allowed",
                        items.len()
                    ),
                );
                return;
            }
            for (i, x) in items.iter().enumerate() {
                check_sizes(c, x, &format!("{path}[{i}]"));
            }
        }
        serde_yaml::Value::Mapping(m) => {
            for (k, x) in m {
                let k = k.as_str().unwrap_or("?");
                check_sizes(
                    c,
                    x,
                    &if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    },
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
