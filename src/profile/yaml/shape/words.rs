//! Load stage: serde's messages about a field turned into located diagnostics in user words
//! (one table of type names, hints for variants, roles and commas in flow values).

use super::{child, owner, path_text, Index, Problem, Source, Step};
use crate::diag::{did_you_mean, Diagnostic};
use crate::profile::deal::KNOWN_ROLES;
use serde_yaml::Value;

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

/// The located diagnostic for a reported problem.
pub(super) fn describe(
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
pub(in crate::profile::yaml) fn serde_error(
    src: &Source,
    idx: &Index,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we print the location our own way.
    let msg = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let (field, msg) = split_field(&msg);
    let mut at = e.location().map(|l| (l.line(), l.column()));
    if let Some(tab) = at.and_then(|a| super::super::tab_at(&src.text, &msg, a)) {
        return super::super::tab_error(&src.path, tab);
    }
    let mut d = Diagnostic::error(&src.path, msg.clone());
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

pub(super) fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

/// The names serde lists after "expected".
pub(super) fn expected_names(msg: &str) -> Vec<String> {
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
