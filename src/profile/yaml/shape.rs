//! Load stage: every structural problem of a YAML file in one run, located and in user words.
//!
//! serde stops at the first problem. To find the next one, the file is parsed once into a
//! `serde_yaml::Value` and deserialized again and again (through `Lenient`, which reads like
//! `serde_yaml::from_str` does); `serde_path_to_error` names the field of each failure. A
//! reported field is then neutralised: an unknown key is removed, a wrong value becomes a
//! *placeholder*. A placeholder is tried as `null`, `""`, `0`, `false`, `{}`, `[]` or the first
//! listed variant until its type accepts it, and the fields a `{}` placeholder lacks become
//! placeholders themselves. Failures inside placeholders are repairs, never reported, so a
//! wrong value does not cascade into a "missing field" or a second message. No result of a
//! repaired value is used: parsing fails as soon as one problem was found.

use super::lenient::Lenient;
use super::{child, Index, Source};
use crate::diag::{did_you_mean, Diagnostic, Problems};
use crate::profile::deal::KNOWN_ROLES;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;
use std::collections::BTreeMap;

/// Most problems reported for one file; a file with more is probably not a dealguard file.
const MAX_REPORTED: usize = 50;
/// Most deserialization attempts for one file (each reported problem or repair takes one).
const MAX_TRIES: usize = 500;

/// Serde's words for what a field expects → the user's words, and a hint where one helps.
/// serde's words are matched whole, or as a prefix when they end in a space (`struct Deal`).
const EXPECTED: &[(&str, &str, Option<&str>)] = &[
    ("u8", WHOLE, None),
    ("u16", WHOLE, None),
    ("u32", WHOLE, None),
    ("u64", WHOLE, None),
    ("usize", WHOLE, None),
    ("i32", WHOLE, None),
    ("i64", WHOLE, None),
    ("f32", NUMBER, None),
    ("f64", NUMBER, None),
    ("a boolean", "`true` or `false`", None),
    ("a string", "text", Some(QUOTE_HINT)),
    ("path string", "a file path such as `fonts/brand.ttf`", None),
    ("a sequence", "a list", Some(LIST_HINT)),
    ("a map", "fields", Some(FIELDS_HINT)),
    ("struct ", "fields", Some(FIELDS_HINT)),
];
const WHOLE: &str = "a whole number such as `2`";
const NUMBER: &str = "a number such as `2.5`";
const QUOTE_HINT: &str =
    "put the text in quotes if it starts with `[`, `{` or `-` or contains `: `";
const LIST_HINT: &str = "write one `- item` line per entry below the key, or `[a, b]`";
const FIELDS_HINT: &str = "write one `name: value` line per field, indented below the key";
const COMMA_HINT: &str = "inside `{ … }` a comma ends the value: put a value that contains a comma in quotes, such as \"Co., Ltd.\"";

/// A serde failure, sorted by what can be said and done about it.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// `unknown field` or `unknown language`: a key that does not belong (message as serde's).
    UnknownKey { name: String, message: String },
    /// A required field is not written.
    MissingField(String),
    /// A word that is not one of the listed values.
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    /// A value of the wrong kind (serde's words for what was expected).
    WrongType(String),
    /// A contact role dealguard cannot name in every language.
    UnknownRole(String),
    /// Anything else, such as a custom message of one of our types.
    Other(String),
}

impl Problem {
    fn classify(message: &str) -> Problem {
        let msg = match message.rfind(" at line ") {
            Some(i) => &message[..i],
            None => message,
        };
        let name = |open: &str| between(msg, open, "`").map(str::to_string);
        if let Some(name) = name("unknown field `").or_else(|| name("unknown language `")) {
            return Problem::UnknownKey {
                name,
                message: msg.to_string(),
            };
        }
        if let Some(f) = name("missing field `") {
            return Problem::MissingField(f);
        }
        if let Some(found) = name("unknown variant `") {
            let rest = &msg[msg.find("`,").map_or(msg.len(), |i| i + 2)..];
            return Problem::UnknownVariant {
                found,
                expected: expected_names(rest),
            };
        }
        if let Some(r) = name("unknown role `") {
            return Problem::UnknownRole(r);
        }
        for head in ["invalid type: ", "invalid value: "] {
            if let Some(rest) = msg.strip_prefix(head) {
                if let Some(i) = rest.rfind(", expected ") {
                    return Problem::WrongType(rest[i + ", expected ".len()..].to_string());
                }
            }
        }
        Problem::Other(msg.to_string())
    }
}

/// One step of a field path: a key of a mapping or an index of a list.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

fn path_text(steps: &[Step]) -> String {
    steps.iter().fold(String::new(), |p, s| match s {
        Step::Key(k) => child(&p, k),
        Step::Item(i) => format!("{p}[{i}]"),
    })
}

/// The path of a failure; `None` when serde cannot name a step (a key that is not text).
fn steps(path: &serde_path_to_error::Path) -> Option<Vec<Step>> {
    path.iter()
        .map(|s| match s {
            Segment::Seq { index } => Some(Step::Item(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { variant } => Some(Step::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

/// Every structural problem of `src` as `T`, or `None` when none can be found this way (the
/// caller then reports serde's own first error).
pub(super) fn collect<T: DeserializeOwned>(src: &Source, idx: &Index) -> Option<Problems> {
    let mut value: Value = serde_yaml::from_str(&src.text).ok()?;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut holes = Holes::default();
    for _ in 0..MAX_TRIES {
        let err = match serde_path_to_error::deserialize::<_, T>(Lenient(&value)) {
            Ok(_) => break,
            Err(e) => e,
        };
        let problem = Problem::classify(&err.inner().to_string());
        let Some(steps) = steps(err.path()) else {
            found.push(Diagnostic::error(&src.path, err.inner().to_string()));
            break;
        };
        if holes.covers(&steps) {
            if !holes.repair(&mut value, &steps, &problem) {
                break;
            }
            continue;
        }
        // For an unknown key, its own value: a fragment of a comma-split text has none.
        let at = match &problem {
            Problem::UnknownKey { name, .. } => with(owner(&steps, name), name),
            _ => steps.clone(),
        };
        let node = node(&value, &at).cloned().unwrap_or(Value::Null);
        found.push(describe(src, idx, &steps, &node, &problem));
        if found.len() >= MAX_REPORTED || !holes.neutralise(&mut value, &steps, &problem) {
            break;
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| (a.pos, &a.field, &a.message).cmp(&(b.pos, &b.field, &b.message)));
    found.dedup();
    let mut problems = Problems::new();
    for d in found {
        problems.push(d);
    }
    Some(problems)
}

/// Values put in place of wrong or missing ones, by path, with the next kind to try.
#[derive(Default)]
struct Holes {
    next: BTreeMap<String, usize>,
}

/// What a placeholder is tried as, in order.
fn candidate(i: usize) -> Option<Value> {
    Some(match i {
        0 => Value::Null,
        1 => Value::String(String::new()),
        2 => Value::Number(0.into()),
        3 => Value::Bool(false),
        4 => Value::Mapping(serde_yaml::Mapping::new()),
        5 => Value::Sequence(Vec::new()),
        _ => return None,
    })
}

impl Holes {
    /// Whether a failure at `steps` lies in a placeholder.
    fn covers(&self, steps: &[Step]) -> bool {
        let p = path_text(steps);
        self.next.keys().any(|h| {
            h.is_empty()
                || p == *h
                || p.starts_with(&format!("{h}."))
                || p.starts_with(&format!("{h}["))
        })
    }

    /// Puts a first placeholder at `steps`.
    fn open(&mut self, value: &mut Value, steps: &[Step]) -> bool {
        self.next.insert(path_text(steps), 1);
        set(value, steps, Value::Null)
    }

    /// Removes or replaces the value a reported problem is about, so that serde goes on.
    fn neutralise(&mut self, value: &mut Value, steps: &[Step], problem: &Problem) -> bool {
        match problem {
            Problem::UnknownKey { name, .. } => {
                let parent = owner(steps, name);
                match node_mut(value, parent) {
                    Some(Value::Mapping(m)) => {
                        let before = m.len();
                        m.retain(|k, _| key_text(k).as_deref() != Some(name.as_str()));
                        m.len() < before
                    }
                    _ => false,
                }
            }
            Problem::MissingField(name) => self.open(value, &with(steps, name)),
            _ => self.open(value, steps),
        }
    }

    /// Adjusts a placeholder after a failure inside it; `false` when nothing is left to try.
    fn repair(&mut self, value: &mut Value, steps: &[Step], problem: &Problem) -> bool {
        if let Problem::MissingField(name) = problem {
            return self.open(value, &with(steps, name));
        }
        let p = path_text(steps);
        let Some(next) = self.next.get_mut(&p) else {
            return false;
        };
        if let Problem::UnknownVariant { found, expected } = problem {
            // An enum: the first listed variant fits, unless it was just tried.
            if let Some(first) = expected.first().filter(|f| *f != found) {
                return set(value, steps, Value::String(first.clone()));
            }
        }
        let Some(v) = candidate(*next) else {
            return false;
        };
        *next += 1;
        set(value, steps, v)
    }
}

/// The mapping an unknown key belongs to: serde names either the mapping or the key itself.
fn owner<'a>(steps: &'a [Step], name: &str) -> &'a [Step] {
    match steps.last() {
        Some(Step::Key(k)) if k == name => &steps[..steps.len() - 1],
        _ => steps,
    }
}

fn with(steps: &[Step], name: &str) -> Vec<Step> {
    let mut v = steps.to_vec();
    v.push(Step::Key(name.to_string()));
    v
}

/// A mapping key as the text serde sees.
fn key_text(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn node<'a>(value: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(value, |v, s| match (v, s) {
        (Value::Mapping(m), Step::Key(k)) => m
            .iter()
            .find(|(key, _)| key_text(key).as_deref() == Some(k))
            .map(|(_, v)| v),
        (Value::Sequence(items), Step::Item(i)) => items.get(*i),
        _ => None,
    })
}

fn node_mut<'a>(value: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(value, |v, s| match (v, s) {
        (Value::Mapping(m), Step::Key(k)) => m
            .iter_mut()
            .find(|(key, _)| key_text(key).as_deref() == Some(k))
            .map(|(_, v)| v),
        (Value::Sequence(items), Step::Item(i)) => items.get_mut(*i),
        _ => None,
    })
}

/// Sets the value at `steps`, adding the last key when the mapping lacks it.
fn set(value: &mut Value, steps: &[Step], v: Value) -> bool {
    let Some((last, parent)) = steps.split_last() else {
        *value = v;
        return true;
    };
    let Some(p) = node_mut(value, parent) else {
        return false;
    };
    if p.is_null() {
        // An empty value read as an empty mapping gets its missing fields here.
        *p = Value::Mapping(serde_yaml::Mapping::new());
    }
    match (p, last) {
        (Value::Mapping(m), Step::Key(k)) => {
            let existing = m
                .iter_mut()
                .find(|(key, _)| key_text(key).as_deref() == Some(k.as_str()));
            match existing {
                Some((_, slot)) => *slot = v,
                None => {
                    m.insert(Value::String(k.clone()), v);
                }
            }
            true
        }
        (Value::Sequence(items), Step::Item(i)) => match items.get_mut(*i) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// The located diagnostic for a reported problem.
fn describe(
    src: &Source,
    idx: &Index,
    steps: &[Step],
    node: &Value,
    problem: &Problem,
) -> Diagnostic {
    let path = path_text(steps);
    let at = |d: Diagnostic, field: &str, pos: Option<(usize, usize)>| {
        let d = d.at(pos);
        if field.is_empty() {
            d
        } else {
            d.field(field)
        }
    };
    let err = |msg: String| Diagnostic::error(&src.path, msg);
    // An empty value has no position of its own (the parser puts it on the next line).
    let value_pos = match node {
        Value::Null => idx.key_pos(&path),
        _ => idx.pos(&path),
    };
    match problem {
        Problem::UnknownKey { name, message } => {
            let parent = path_text(owner(steps, name));
            let pos = idx.key_pos(&child(&parent, name));
            let d = at(err(message.clone()), &parent, pos);
            if node.is_null() && after_comma(src, pos) {
                d.hint(COMMA_HINT)
            } else {
                let expected = expected_names(message);
                match did_you_mean(name, expected.iter().map(String::as_str)) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d,
                }
            }
        }
        Problem::MissingField(name) => at(
            err(format!("missing field `{name}`")),
            &path,
            idx.key_pos(&path),
        )
        .hint("add the field; `dealguard init` writes an example with every field"),
        Problem::UnknownVariant { expected, .. } => {
            let d = at(
                err(format!(
                    "expected {}, found {}",
                    one_of(expected),
                    found(node)
                )),
                &path,
                value_pos,
            );
            let word = node.as_str().unwrap_or_default();
            match did_you_mean(word, expected.iter().map(String::as_str)) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d,
            }
        }
        Problem::WrongType(expected) => {
            let (words, hint) = user_words(expected);
            let d = at(
                err(format!("expected {words}, found {}", found(node))),
                &path,
                value_pos,
            );
            match hint {
                Some(h) => d.hint(h),
                None => d,
            }
        }
        Problem::UnknownRole(role) => {
            at(err(format!("unknown role `{role}`")), &path, value_pos).hint(role_hint(role))
        }
        Problem::Other(msg) => at(err(msg.clone()), &path, value_pos),
    }
}

/// The user's words for what serde expected, and a hint; our own types already say it well.
fn user_words(expected: &str) -> (String, Option<&'static str>) {
    for (serde, words, hint) in EXPECTED {
        let hit = match serde.strip_suffix(' ') {
            Some(prefix) => expected.starts_with(prefix) && expected.len() > prefix.len(),
            None => expected == *serde,
        };
        if hit {
            return (words.to_string(), *hint);
        }
    }
    // Variants as serde lists them: "`a` or `b`", "one of `a`, `b`, `c`".
    if expected.starts_with('`') || expected.starts_with("one of `") {
        return (one_of(&quoted(expected)), None);
    }
    (expected.to_string(), None)
}

/// `` `a` `` , `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "nothing".to_string(),
        [a] => a.clone(),
        [a, b] => format!("{a} or {b}"),
        all => format!("one of {}", all.join(", ")),
    }
}

/// What the file has where a problem is, as the user wrote it.
fn found(node: &Value) -> String {
    match node {
        Value::Null => "nothing".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) if s.is_empty() => "empty text".to_string(),
        Value::String(s) => {
            let mut t: String = s.chars().take(40).collect();
            if t.len() < s.len() {
                t.push('…');
            }
            format!("`{t}`")
        }
        Value::Sequence(_) => "a list".to_string(),
        Value::Mapping(_) => "fields".to_string(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

fn role_hint(role: &str) -> String {
    let keys = KNOWN_ROLES.iter().map(|r| r.0);
    match did_you_mean(role, keys.clone()) {
        Some(best) => {
            format!("did you mean `{best}`? Or name it yourself: `role: {{en: …, zh: …}}`")
        }
        None => format!(
            "use one of {}, or name it yourself: `role: {{en: …, zh: …}}`",
            keys.collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The message for serde's first error, for when the problems cannot be collected one by one.
pub(super) fn serde_error(src: &Source, idx: &Index, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we print the location our own way.
    let msg = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let (field, msg) = split_field(&msg);
    let mut d = Diagnostic::error(&src.path, msg.clone());
    let mut at = e.location().map(|l| (l.line(), l.column()));
    if let Some(f) = &field {
        d = d.field(f.clone());
    }
    if let Some(unknown) = between(&msg, "unknown field `", "`") {
        if let Some(p) = field.as_ref().and_then(|f| idx.key_pos(&child(f, unknown))) {
            at = Some(p);
        }
        let expected = expected_names(&msg);
        if after_comma(src, at) {
            d = d.hint(COMMA_HINT);
        } else if let Some(best) = did_you_mean(unknown, expected.iter().map(String::as_str)) {
            d = d.hint(format!("did you mean `{best}`?"));
        }
    } else if msg.starts_with("missing field") {
        d = d.hint("add the field; `dealguard init` writes an example with every field");
    }
    d.at(at)
}

/// Whether the text just before `pos` is a comma: the "key" is really the rest of an unquoted
/// value in a flow mapping (`{name: Co., Ltd.}`).
fn after_comma(src: &Source, pos: Option<(usize, usize)>) -> bool {
    let Some((line, col)) = pos else { return false };
    let Some(text) = src.text.lines().nth(line.saturating_sub(1)) else {
        return false;
    };
    let before: String = text.chars().take(col.saturating_sub(1)).collect();
    before.trim_end().ends_with(',')
}

/// serde_yaml prefixes messages with the field path, as in `seller.contacts[0]: unknown field`.
fn split_field(msg: &str) -> (Option<String>, String) {
    if let Some(i) = msg.find(": ") {
        let head = &msg[..i];
        let is_path = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if is_path {
            return (Some(head.to_string()), msg[i + 2..].to_string());
        }
    }
    (None, msg.to_string())
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

/// The names serde lists after "expected".
fn expected_names(msg: &str) -> Vec<String> {
    msg.find("expected")
        .map_or_else(Vec::new, |i| quoted(&msg[i..]))
}

/// Every name written in backticks.
fn quoted(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
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

    const GOOD: &str =
        "n: 2\nx: 2.5\nb: true\ns: hello\nlist: [a, b]\ninner: {name: a, count: 1}\n\
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
}
