//! The week form's fields as a YAML document: field paths (`inspections[0].aql.major`) made
//! into a tree, blank rows and empty optional fields dropped, written as YAML text for the
//! week loader; and a loader's field path taken back to the form's rows.

use crate::commands::week::write::scalar;
use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Most fields one form may send (a week of 200 photos and 50 attachments has a few thousand).
pub(super) const MAX_FIELDS: usize = 20_000;

/// Longest field path accepted; real ones are under 60 characters.
const MAX_PATH: usize = 200;

/// One step of a field path: a key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// `summary`, `en`.
    Key(String),
    /// `[2]`.
    Index(usize),
}

/// A field path split into steps: `progress[2].actual` → `progress`, `2`, `actual`. `None`
/// for anything else (a key of other characters than letters, digits and `_`, an empty key,
/// an index that is not a number).
pub(crate) fn steps(path: &str) -> Option<Vec<Step>> {
    if path.len() > MAX_PATH {
        return None;
    }
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        let key_ok = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !key_ok {
            return None;
        }
        out.push(Step::Key(key.to_string()));
        while !rest.is_empty() {
            let close = rest.find(']')?;
            let n = rest.get(1..close)?;
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            out.push(Step::Index(n.parse().ok()?));
            rest = rest.get(close + 1..)?;
            if !rest.is_empty() && !rest.starts_with('[') {
                return None;
            }
        }
    }
    Some(out)
}

/// The form as a tree. Lists are kept by the form's row numbers, which may have gaps (a row
/// removed in the page); their order is the rows' order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// A value as typed.
    Leaf(String),
    /// Keys and their values.
    Map(BTreeMap<String, Node>),
    /// Rows by the form's row number.
    List(BTreeMap<usize, Node>),
}

impl Node {
    /// Puts `value` at `steps`; a later value for the same field replaces an earlier one (a
    /// form may send a hidden default before the input). `Err` when the field is already a
    /// group, or inside a value.
    pub(super) fn insert(&mut self, steps: &[Step], value: String) -> Result<(), ()> {
        let Some((first, rest)) = steps.split_first() else {
            return match self {
                Node::Leaf(_) => {
                    *self = Node::Leaf(value);
                    Ok(())
                }
                _ => Err(()),
            };
        };
        let fresh = || match rest.first() {
            None => Node::Leaf(String::new()),
            Some(Step::Key(_)) => Node::Map(BTreeMap::new()),
            Some(Step::Index(_)) => Node::List(BTreeMap::new()),
        };
        let child = match (self, first) {
            (Node::Map(m), Step::Key(k)) => m.entry(k.clone()).or_insert_with(fresh),
            (Node::List(l), Step::Index(i)) => l.entry(*i).or_insert_with(fresh),
            _ => return Err(()),
        };
        child.insert(rest, value)
    }

    /// Drops empty values, then groups and rows left with nothing; `false` when nothing is
    /// left of this node.
    pub(super) fn prune(&mut self) -> bool {
        match self {
            Node::Leaf(s) => !s.is_empty(),
            Node::Map(m) => {
                m.retain(|_, v| v.prune());
                !m.is_empty()
            }
            Node::List(l) => {
                l.retain(|_, v| v.prune());
                !l.is_empty()
            }
        }
    }

    /// The YAML text of a pruned tree (a mapping at the top).
    pub(super) fn yaml(&self) -> String {
        let mut o = String::new();
        if let Node::Map(m) = self {
            for (k, v) in m {
                let _ = write!(o, "{}:", scalar(k));
                v.value(&mut o, 2);
            }
        }
        o
    }

    /// Writes this node after a `key:` or a `-`: a value on the same line (a list of values as
    /// `[a, b]`), a group on the lines below at `indent`.
    fn value(&self, o: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        match self {
            Node::Leaf(s) => {
                let _ = writeln!(o, " {}", leaf(s));
            }
            Node::List(l) if l.values().all(|v| matches!(v, Node::Leaf(_))) => {
                let items: Vec<String> = (l.values())
                    .filter_map(|v| match v {
                        Node::Leaf(s) => Some(leaf(s)),
                        _ => None,
                    })
                    .collect();
                let _ = writeln!(o, " [{}]", items.join(", "));
            }
            Node::Map(m) => {
                o.push('\n');
                for (k, v) in m {
                    let _ = write!(o, "{pad}{}:", scalar(k));
                    v.value(o, indent + 2);
                }
            }
            Node::List(l) => {
                o.push('\n');
                for v in l.values() {
                    let _ = write!(o, "{pad}-");
                    v.value(o, indent + 2);
                }
            }
        }
    }

    /// `field` (a path in the document written from this pruned tree) with each row number
    /// put back to the form's: rows dropped or missing in the form shift the document's rows.
    /// Steps the tree does not have are kept as they are.
    pub(super) fn form_field(&self, field: &str) -> String {
        let Some(steps) = steps(field) else {
            return field.to_string();
        };
        let mut node = Some(self);
        let mut out = String::new();
        for s in steps {
            match s {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&k);
                    node = match node {
                        Some(Node::Map(m)) => m.get(&k),
                        _ => None,
                    };
                }
                Step::Index(i) => {
                    let row = match node {
                        Some(Node::List(l)) => l.iter().nth(i),
                        _ => None,
                    };
                    let _ = write!(out, "[{}]", row.map_or(i, |r| *r.0));
                    node = row.map(|r| r.1);
                }
            }
        }
        out
    }
}

/// A typed value as YAML: a number or `true`/`false` plain (so that number fields read it;
/// a text field reads a plain scalar as written), anything else through [`scalar`].
fn leaf(s: &str) -> String {
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let number = match unsigned.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(unsigned),
    };
    if number || s == "true" || s == "false" {
        s.to_string()
    } else {
        scalar(s)
    }
}

/// The form's fields as a tree: each value with `\r\n` (what browsers send for a line break)
/// made `\n` and its surrounding blanks trimmed. A field that is not a path, or that clashes
/// with another (a value and a group at once), is an error about the form.
pub(super) fn build(path: &Path, fields: &[(String, String)]) -> Result<Node, Diagnostic> {
    let bad = |f: &str, why: &str| {
        Diagnostic::error(path, format!("the form sent `{}`: {why}", shown(f)))
            .hint("reload the page and enter the changes again")
    };
    if fields.len() > MAX_FIELDS {
        return Err(Diagnostic::error(
            path,
            format!(
                "the form sent {} fields; a week form has at most {MAX_FIELDS}",
                fields.len()
            ),
        )
        .hint("split the week's photos and attachments over fewer rows, or edit the file"));
    }
    let mut root = Node::Map(BTreeMap::new());
    for (name, value) in fields {
        let s = steps(name).ok_or_else(|| bad(name, "not a field of a week file"))?;
        let value = value.replace("\r\n", "\n").trim().to_string();
        root.insert(&s, value)
            .map_err(|()| bad(name, "a value and a group of fields at once"))?;
    }
    Ok(root)
}

/// A field name as sent, safe to print: control characters shown as `?`, long names cut.
fn shown(f: &str) -> String {
    f.chars()
        .take(MAX_PATH)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
