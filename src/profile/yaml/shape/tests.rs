//! Tests of structural errors: all at once, located, in user words.

use super::super::parse;
use super::*;
use crate::profile::deal::Role;
use crate::profile::text::{Date, Text};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct All {
    n: u32,
    x: f64,
    b: bool,
    s: String,
    list: Vec<String>,
    inner: Inner,
    day: Day,
    date: Date,
    text: Text,
    path: PathBuf,
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    opt: Option<String>,
    #[serde(default)]
    people: Vec<Inner>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    name: String,
    phone: Option<String>,
    count: u32,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Day {
    Monday,
    Tuesday,
}

const GOOD: &str = "n: 2\nx: 2.5\nb: true\ns: hello\nlist: [a, b]\ninner: {name: a, count: 1}\n\
                    day: monday\ndate: 2026-11-20\ntext: {en: a, zh: b}\npath: a/b.ttf\n";

/// `GOOD` with the line starting `key:` replaced by `line` (or removed when `line` is empty).
fn with_line(key: &str, line: &str) -> String {
    GOOD.lines()
        .filter_map(|l| match l.starts_with(&format!("{key}:")) {
            true if line.is_empty() => None,
            true => Some(line.to_string()),
            false => Some(l.to_string()),
        })
        .map(|l| l + "\n")
        .collect()
}

fn problems(text: &str) -> Vec<Diagnostic> {
    let s = Source::from_bytes(Path::new("t.yaml"), text.as_bytes()).unwrap();
    match parse::<All>(&s) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().cloned().collect(),
    }
}

fn one(text: &str) -> Diagnostic {
    let mut p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    p.remove(0)
}

#[test]
fn the_good_file_parses() {
    assert!(problems(GOOD).is_empty());
}

#[test]
fn every_type_is_named_in_user_words() {
    for (key, line, want) in [
        (
            "n",
            "n: three",
            "expected a whole number such as `2`, found `three`",
        ),
        (
            "n",
            "n: -1",
            "expected a whole number such as `2`, found `-1`",
        ),
        (
            "n",
            "n: 2.5",
            "expected a whole number such as `2`, found `2.5`",
        ),
        (
            "x",
            "x: lots",
            "expected a number such as `2.5`, found `lots`",
        ),
        ("b", "b: yes", "expected `true` or `false`, found `yes`"),
        ("s", "s: [a]", "expected text, found a list"),
        ("list", "list: a", "expected a list, found `a`"),
        ("inner", "inner: a", "expected fields, found `a`"),
        (
            "day",
            "day: mondey",
            "expected `monday` or `tuesday`, found `mondey`",
        ),
        (
            "day",
            "day:",
            "expected `monday` or `tuesday`, found nothing",
        ),
        (
            "day",
            "day: [monday]",
            "expected `monday` or `tuesday`, found a list",
        ),
        (
            "date",
            "date: {y: 2026}",
            "expected a date `YYYY-MM-DD` such as `2026-11-20`, found fields",
        ),
        (
            "text",
            "text: [a]",
            "expected text, or text per language such as `{en: …, zh: …}`, found a list",
        ),
        (
            "path",
            "path: {a: b}",
            "expected a file path such as `fonts/brand.ttf`, found fields",
        ),
    ] {
        let d = one(&with_line(key, line));
        assert_eq!(d.message, want, "{line}");
        assert_eq!(d.field.as_deref(), Some(key), "{line}");
        let row = GOOD
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .unwrap()
            + 1;
        assert_eq!(d.pos.map(|p| p.0), Some(row), "{line}");
    }
}

#[test]
fn hints_for_variants_roles_and_kinds() {
    let d = one(&with_line("day", "day: mondey"));
    assert_eq!(d.hint.as_deref(), Some("did you mean `monday`?"));
    let d = one(&format!("{GOOD}role: sale\n"));
    assert_eq!(d.message, "unknown role `sale`");
    assert!(d.hint.unwrap().starts_with("did you mean `sales`?"));
    let d = one(&with_line("list", "list: a"));
    assert!(d.hint.unwrap().contains("- item"));
}

#[test]
fn text_where_text_is_asked_for_is_not_blamed() {
    // Reading text, serde_yaml takes plain numbers and empty values as text.
    let text = format!(
        "{}opt: 12345678\npeople: [{{name: 5, phone: 86, count: 1}}]\n",
        with_line("s", "s:")
    );
    assert!(problems(&text).is_empty());
    let text = format!(
        "{}people: [{{name: 5, count: x}}]\n",
        with_line("s", "s: 1")
    );
    let d = one(&text);
    assert_eq!(d.field.as_deref(), Some("people[0].count"));
}

#[test]
fn all_problems_at_once_in_file_order_without_cascades() {
    let text = with_line("n", "n: three")
        .replace("b: true\n", "")
        .replace("day: monday", "day: friday")
        .replace("inner: {name: a, count: 1}", "inner: {nam: a, count: 1}")
        + "people:\n  - name: a\n    count: x\n  - 5\n  - {name: b, count: 2, extra: 1}\n";
    let p = problems(&text);
    let got: Vec<String> = p
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}",
                d.pos.unwrap().0,
                d.field.clone().unwrap_or_default(),
                d.message
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "1: missing field `b`",
            "1:n expected a whole number such as `2`, found `three`",
            "5:inner missing field `name`",
            "5:inner unknown field `nam`, expected one of `name`, `phone`, `count`",
            "6:day expected `monday` or `tuesday`, found `friday`",
            "12:people[0].count expected a whole number such as `2`, found `x`",
            "13:people[1] expected fields, found `5`",
            "14:people[2] unknown field `extra`, expected one of `name`, `phone`, `count`",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
    );
}

#[test]
fn comma_in_a_flow_value_gets_the_quoting_hint_in_texts_too() {
    let d = one(&with_line("text", "text: {en: Acme Co., Ltd., zh: 甲}"));
    assert!(
        d.message.starts_with("unknown language `Ltd.`"),
        "{}",
        d.message
    );
    assert_eq!(d.pos, Some((9, 22)));
    assert_eq!(d.field.as_deref(), Some("text"));
    assert!(d.hint.unwrap().contains("in quotes"));
    let d = one(&with_line("text", "text: {en: a, eng: b}"));
    assert_eq!(d.hint.as_deref(), Some("did you mean `en`?"));
}

#[test]
fn many_problems_are_bounded() {
    let mut text = GOOD.to_string();
    text.push_str("people:\n");
    for _ in 0..200 {
        text.push_str("  - {name: a, count: x}\n");
    }
    let p = problems(&text);
    assert_eq!(p.len(), MAX_REPORTED);
}

#[test]
fn a_wrong_root_is_one_problem() {
    let d = one("- a\n- b\n");
    assert_eq!(d.message, "expected fields, found a list");
}
