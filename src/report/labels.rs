//! Render stage: the words of the report layout (`templates/report-labels.yaml`), per language.

use crate::assets;
use crate::diag::Problems;
use crate::profile::yaml::{self, Source};
use crate::profile::{Lang, Langs, Text};
use std::collections::BTreeMap;
use std::path::Path;

/// Label texts by key.
#[derive(Debug, Clone)]
pub struct Labels {
    map: BTreeMap<String, Text>,
    langs: Langs,
}

impl Labels {
    /// The built-in labels for `langs`.
    pub fn builtin(langs: &Langs) -> Result<Labels, Problems> {
        let bytes = assets::files_under("templates/report-labels.yaml")
            .next()
            .map_or(&[][..], |(_, b)| b);
        let src = Source::from_bytes(Path::new("<built-in>/templates/report-labels.yaml"), bytes)?;
        let (map, _) = yaml::parse::<BTreeMap<String, Text>>(&src)?;
        Ok(Labels {
            map,
            langs: langs.clone(),
        })
    }

    /// A label in one language; an unknown key gives the key itself (a bug, visible in tests).
    pub fn one(&self, key: &str, lang: Lang) -> String {
        self.map
            .get(key)
            .map_or_else(|| key.to_string(), |t| t.get_or_any(lang).to_string())
    }

    /// A label in every language of the document, joined with " / ".
    pub fn get(&self, key: &str) -> String {
        self.join(|l| self.one(key, l))
    }

    /// A label in every language joined with `sep` (`Critical 致命`).
    pub fn get_sep(&self, key: &str, sep: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        for l in self.langs.list() {
            let s = self.one(key, *l);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(sep)
    }

    /// A label once per language (each its own line in a table header); a key that is not a
    /// label is used as written (`AQL`).
    pub fn lines(&self, key: &str) -> Vec<String> {
        if !self.map.contains_key(key) {
            return vec![key.to_string()];
        }
        let mut parts: Vec<String> = Vec::new();
        for l in self.langs.list() {
            let s = self.one(key, *l);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts
    }

    /// A label when `key` is one; otherwise `key` itself, as written (`AQL`, `Ac / Re`).
    pub fn get_or_literal(&self, key: &str) -> String {
        if self.map.contains_key(key) {
            self.get(key)
        } else {
            key.to_string()
        }
    }

    /// A label with `{name}` placeholders filled, in every language.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        self.join(|l| self.fill_one(key, l, args))
    }

    /// A label with placeholders filled, in one language.
    pub fn fill_one(&self, key: &str, lang: Lang, args: &[(&str, String)]) -> String {
        let mut s = self.one(key, lang);
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    fn join(&self, f: impl Fn(Lang) -> String) -> String {
        let mut parts: Vec<String> = Vec::new();
        for l in self.langs.list() {
            let s = f(*l);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(" / ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_exist_in_both_languages() {
        let l = Labels::builtin(&"en+zh".parse().unwrap()).unwrap();
        assert_eq!(l.get("title"), "Weekly Progress Report / 每周生产进度报告");
        assert_eq!(
            l.fill_one(
                "page",
                Lang::Zh,
                &[("n", "2".into()), ("total", "5".into())]
            ),
            "第2页/共5页"
        );
        for (k, t) in &l.map {
            assert!(t.en.is_some() && t.zh.is_some(), "{k} lacks a language");
        }
    }
}
