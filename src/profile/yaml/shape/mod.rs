//! Load stage: every structural problem of a YAML file in one run, located and in user words.
//!
//! serde stops at the first problem. To find the next one, the file is parsed once into a
//! `serde_yaml::Value` and deserialized again and again (through `Lenient`, which reads like
//! `serde_yaml::from_str` does); `serde_path_to_error` names the field of each failure. A
//! reported field is then neutralised: an unknown key is removed, a wrong value becomes a
//! *placeholder*. A placeholder is tried as `null`, `""`, `0`, `false`, `{}`, `[]` or the first
//! listed variant until its type accepts it, and the fields a `{}` placeholder lacks become
//! placeholders themselves. Failures inside placeholders are repairs, never reported, so a
//! wrong value does not cascade into a "missing field" or a second message. Parsing fails as
//! soon as one problem was found; the repaired value is handed back beside the problems only
//! for checks of fields they leave intact (`yaml::Broken`), never to make an output.

use super::lenient::Lenient;
use super::{child, Index, Source};
use crate::diag::{Diagnostic, Problems};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;
use std::collections::BTreeMap;

mod words;

pub(super) use words::serde_error;
use words::{between, describe, expected_names};

/// Most problems reported for one file; a file with more is probably not a dealguard file.
const MAX_REPORTED: usize = 50;
/// Most deserialization attempts for one file (each reported problem or repair takes one).
const MAX_TRIES: usize = 500;

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

/// Every structural problem of `src` as `T`, and the value repaired, when the repairs were
/// completed; `None` when no problem can be found this way (the caller then reports serde's
/// own first error).
pub(super) fn collect<T: DeserializeOwned>(
    src: &Source,
    idx: &Index,
) -> Option<(Problems, Option<T>)> {
    let mut value: Value = serde_yaml::from_str(&src.text).ok()?;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut holes = Holes::default();
    let mut repaired = None;
    for _ in 0..MAX_TRIES {
        let err = match serde_path_to_error::deserialize::<_, T>(Lenient(&value)) {
            Ok(v) => {
                repaired = Some(v);
                break;
            }
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
    Some((problems, repaired))
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

#[cfg(test)]
mod tests;
