//! Load stage: reading YAML input files into typed values, with a location for every field.
//!
//! serde_yaml gives a line and column for structural errors only. For the semantic checks that
//! follow, a second, event-level pass (yaml-rust2) records where every field starts, so a
//! problem found later can still point at `deal.yaml:31:14`.

mod lenient;
mod shape;

use crate::diag::{Diagnostic, Problems};
use crate::fs::{io_error, read_bounded, ReadFail};
use dealguard_mail::sniff;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Largest input file dealguard reads (profile, week, clause and set files).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of mappings and lists accepted; real files need fewer than ten levels.
pub const MAX_DEPTH: usize = 64;

/// One input file, read and checked to be UTF-8 text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (used in messages).
    pub path: PathBuf,
    /// The file's text, without a byte-order mark.
    pub text: String,
}

impl Source {
    /// Reads a file, refusing oversized and non-UTF-8 ones with a located message.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        match read_bounded(path, MAX_FILE_BYTES as u64) {
            Ok(bytes) => Source::from_bytes(path, &bytes),
            Err(ReadFail::NotAFile) => Err(Diagnostic::error(
                path,
                "is not a regular file, expected a YAML file",
            )),
            Err(ReadFail::TooBig(n)) => Err(too_big(path, n)),
            Err(ReadFail::Io(e)) => Err(io_error(path, "read", &e)),
        }
    }

    /// Builds a source from bytes already in memory (built-in files, tests).
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Source, Diagnostic> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_big(path, bytes.len() as u64));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            // UTF-16 text of ASCII characters is valid UTF-8, zero bytes and all.
            Ok(text) if !text.contains('\0') || sniff::sniff(bytes) == encoding_rs::UTF_8 => {
                Ok(Source {
                    path: path.to_path_buf(),
                    text: text.replace("\r\n", "\n"),
                })
            }
            Ok(_) => Err(not_utf8(path, bytes, 0)),
            Err(e) => Err(not_utf8(path, bytes, e.valid_up_to())),
        }
    }
}

/// A file that is not UTF-8, located at its first byte that is not, naming the encoding it
/// looks like (text editors on Chinese Windows save GBK; Notepad's "Unicode" is UTF-16).
fn not_utf8(path: &Path, bytes: &[u8], bad: usize) -> Diagnostic {
    use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};
    let e = sniff::sniff(bytes);
    let utf16 = e == UTF_16LE || e == UTF_16BE;
    let bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let looks = match () {
        _ if e == GB18030 => "GBK (or GB18030)",
        _ if e == BIG5 => "Big5",
        _ if utf16 && bom => "UTF-16 (with a byte-order mark)",
        _ if utf16 => "UTF-16 (without a byte-order mark)",
        _ => "windows-1252 (Western European)",
    };
    // In UTF-16 every character is "wrong": the file's start is the place to point at.
    let at = if utf16 { 0 } else { bad };
    Diagnostic::error(path, format!("is not UTF-8 text: it looks like {looks}"))
        .at(Some(line_col(bytes, at)))
        .hint("save the file as UTF-8 (most editors offer the encoding in \"Save as\")")
}

fn too_big(path: &Path, len: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("is {len} bytes; input files may be at most {MAX_FILE_BYTES} bytes"),
    )
    .hint("a deal or week file is a few kilobytes; is this the right file?")
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Where every field of a YAML file starts: `seller.contacts[0].email` → (line, column).
#[derive(Debug, Default, Clone)]
pub struct Index {
    values: BTreeMap<String, (usize, usize)>,
    keys: BTreeMap<String, (usize, usize)>,
}

impl Index {
    /// Where the value of `field` starts; for a missing field, where its nearest parent starts.
    pub fn pos(&self, field: &str) -> Option<(usize, usize)> {
        let mut f = field;
        loop {
            if let Some(p) = self.values.get(f) {
                return Some(*p);
            }
            let cut = f.rfind(['.', '['])?;
            f = &f[..cut];
        }
    }

    /// Where the key of `field` is written (for "unknown field" style messages).
    pub fn key_pos(&self, field: &str) -> Option<(usize, usize)> {
        self.keys.get(field).copied().or_else(|| self.pos(field))
    }

    /// Whether the file spells out `field`.
    pub fn has(&self, field: &str) -> bool {
        self.values.contains_key(field)
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: Vec<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

fn child(parent: &str, seg: &str) -> String {
    if parent.is_empty() {
        seg.to_string()
    } else {
        format!("{parent}.{seg}")
    }
}

fn pos(m: &Marker) -> (usize, usize) {
    // yaml-rust2 counts columns from 0; editors and serde_yaml count from 1.
    (m.line(), m.col() + 1)
}

/// Builds the location index and reports what serde_yaml would report badly: syntax errors,
/// duplicate keys, several documents, too deep nesting.
pub fn index(src: &Source) -> Result<Index, Diagnostic> {
    let file = &src.path;
    prescan(src)?;
    let mut idx = Index::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut docs = 0usize;
    let mut parser = Parser::new_from_str(&src.text);
    loop {
        let (event, mark) = next_event(&mut parser, src)?;
        let node_path: Option<String> = match &event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                docs += 1;
                if docs > 1 {
                    return Err(Diagnostic::error(
                        file,
                        "holds several YAML documents; expected one",
                    )
                    .at(Some(pos(&mark)))
                    .hint("remove the `---` line, or split the file"));
                }
                None
            }
            Event::Scalar(..)
            | Event::MappingStart(..)
            | Event::SequenceStart(..)
            | Event::Alias(..) => match node(&mut stack, &event, &mark, &mut idx, file)? {
                Some(p) => Some(p),
                // A key: its value comes next.
                None => continue,
            },
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                None
            }
            _ => None,
        };
        if let Some(p) = node_path {
            idx.values.entry(p.clone()).or_insert(pos(&mark));
            match event {
                Event::MappingStart(..) => stack.push(Frame::Map {
                    path: p,
                    key: None,
                    seen: Vec::new(),
                }),
                Event::SequenceStart(..) => stack.push(Frame::Seq { path: p, next: 0 }),
                _ => {}
            }
            if stack.len() > MAX_DEPTH {
                return Err(Diagnostic::error(
                    file,
                    format!("nesting is deeper than {MAX_DEPTH} levels"),
                )
                .at(Some(pos(&mark))));
            }
        }
    }
    Ok(idx)
}

/// The next parser event; anchors, aliases and syntax errors are located problems.
fn next_event(
    parser: &mut Parser<std::str::Chars<'_>>,
    src: &Source,
) -> Result<(Event, Marker), Diagnostic> {
    let file = &src.path;
    match parser.next_token() {
        Ok((event, mark)) => {
            // Anchors and aliases: no deal file needs them, and they are how alias bombs work.
            let anchored = matches!(&event, Event::Alias(_))
                || matches!(&event, Event::Scalar(_, _, a, _) | Event::MappingStart(a, _) | Event::SequenceStart(a, _) if *a != 0);
            if anchored {
                return Err(Diagnostic::error(
                    file,
                    "YAML anchors and aliases (`&name`, `*name`) are not supported",
                )
                .at(Some(pos(&mark)))
                .hint("write the value out in full; dealguard files are small"));
            }
            Ok((event, mark))
        }
        Err(e) => {
            let at = pos(e.marker());
            if let Some(tab) = tab_at(&src.text, e.info(), at) {
                return Err(tab_error(file, tab));
            }
            Err(Diagnostic::error(file, syntax_message(e.info()))
                .at(Some(at))
                .hint("check indentation and quoting; a value containing `: ` or starting with `@`, `*`, `&`, `!`, `%` or `` ` `` needs quotes"))
        }
    }
}

/// The tab a syntax error at `at` is about, if it is about one: the message names a tab (the
/// scanner reports it where it ends the token before, often at the end of the line above: the
/// tab is the one in the indentation nearest below, else above), or the error points at a tab
/// or just after one (`key:<tab>value`, `-<tab>item`).
fn tab_at(text: &str, message: &str, at: (usize, usize)) -> Option<(usize, usize)> {
    let (line, col) = at;
    let chars: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    for c in [col, col.saturating_sub(1)] {
        if c > 0 && chars.get(c - 1) == Some(&'\t') {
            return Some((line, c));
        }
    }
    if !message.contains("tab") {
        return None;
    }
    // Indentation: the spaces, tabs and list dashes before a line's first other character.
    let indent_tab = |line: &str| {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            match c {
                '\t' => return Some(i + 1),
                ' ' => {}
                '-' if matches!(chars.get(i + 1), Some(' ' | '\t')) => {}
                _ => return None,
            }
        }
        None
    };
    let tabs: Vec<(usize, usize)> = (text.lines().enumerate())
        .filter_map(|(i, l)| indent_tab(l).map(|c| (i + 1, c)))
        .collect();
    (tabs.iter().find(|(l, _)| *l >= line))
        .or_else(|| tabs.last())
        .copied()
}

/// A tab where YAML needs spaces, at the tab.
fn tab_error(file: &Path, at: (usize, usize)) -> Diagnostic {
    Diagnostic::error(
        file,
        "YAML syntax error: a tab, where YAML indents and separates with spaces only",
    )
    .at(Some(at))
    .hint("replace the tab with spaces")
}

/// The path of a node that starts at `mark`, from the open mapping or sequence; `None` when
/// the node is a mapping key (recorded in `idx.keys`, duplicates refused).
fn node(
    stack: &mut [Frame],
    event: &Event,
    mark: &Marker,
    idx: &mut Index,
    file: &Path,
) -> Result<Option<String>, Diagnostic> {
    match stack.last_mut() {
        None => Ok(Some(String::new())),
        Some(Frame::Map { path, key, seen }) => {
            if key.is_some() {
                let k = key.take().unwrap_or_default();
                return Ok(Some(child(path, &k)));
            }
            let Event::Scalar(name, ..) = event else {
                return Err(
                    Diagnostic::error(file, "complex mapping keys are not supported")
                        .at(Some(pos(mark))),
                );
            };
            let full = child(path, name);
            if seen.contains(name) {
                return Err(Diagnostic::error(file, format!("duplicate key `{name}`"))
                    .at(Some(pos(mark)))
                    .field(full)
                    .hint("each key may appear once in a mapping; merge the two entries"));
            }
            seen.push(name.clone());
            idx.keys.insert(full, pos(mark));
            *key = Some(name.clone());
            Ok(None)
        }
        Some(Frame::Seq { path, next }) => {
            let p = format!("{path}[{next}]");
            *next += 1;
            Ok(Some(p))
        }
    }
}

/// Refuses flow collections nested deeper than `MAX_DEPTH` before any parser sees them: YAML
/// parsers take time quadratic in the nesting depth. Only brackets that start a value count,
/// so a `[` inside a plain text does not.
fn prescan(src: &Source) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    for (ln, line) in src.text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        let mut at_value = true;
        for (col, c) in line.chars().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                prev = c;
                continue;
            }
            match c {
                '#' if prev == ' ' || col == 0 => break,
                '\'' | '"' if at_value => quote = Some(c),
                '[' | '{' if at_value => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(Diagnostic::error(
                            &src.path,
                            format!("nesting is deeper than {MAX_DEPTH} levels"),
                        )
                        .at(Some((ln + 1, col + 1)))
                        .hint("dealguard files need only a few levels; is this the right file?"));
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ => {}
            }
            // A value may start after indentation, "- ", ": ", "[", "{" and ",".
            at_value = match c {
                '[' | '{' | ',' => true,
                ' ' if prev == ' ' => at_value,
                ' ' => matches!(prev, ':' | '-' | ',' | '[' | '{'),
                _ => false,
            };
            prev = c;
        }
    }
    Ok(())
}

fn syntax_message(info: &str) -> String {
    format!("YAML syntax error: {info}")
}

/// A file whose structure has errors: every one of them, and the value with each field they
/// report neutralised (see `shape`) when that could be made — for the checks of other stages
/// on fields the errors leave intact (`Broken::intact`), so that one run shows those too;
/// never for an output.
pub struct Broken<R> {
    /// The structural errors.
    pub problems: Problems,
    /// The repaired value (with the file's index).
    pub repaired: Option<R>,
}

impl<R> Broken<R> {
    /// Whether no error is at `field`, inside it or at a mapping or list around it (an unknown
    /// or missing key beside it): its value is read as written (or left to its default).
    pub fn intact(&self, field: &str) -> bool {
        let related = |f: &str| {
            let inside = |outer: &str, inner: &str| {
                inner == outer
                    || inner.starts_with(&format!("{outer}."))
                    || inner.starts_with(&format!("{outer}["))
            };
            !f.is_empty() && (inside(f, field) || inside(field, f))
        };
        (self.problems.iter()).all(|d| !d.field.as_deref().is_some_and(related))
    }
}

/// Reads a typed value from a source: every structural problem becomes a located diagnostic.
pub fn parse<T: DeserializeOwned>(src: &Source) -> Result<(T, Index), Problems> {
    parse_or_repair(src).map_err(|b| b.problems)
}

/// [`parse`], with the repaired value beside the problems of a file whose structure is wrong.
pub fn parse_or_repair<T: DeserializeOwned>(
    src: &Source,
) -> Result<(T, Index), Broken<(T, Index)>> {
    let broken = |problems: Problems| Broken {
        problems,
        repaired: None,
    };
    let idx = index(src).map_err(|d| broken(d.into()))?;
    if src.text.trim().is_empty() || idx.values.is_empty() {
        return Err(broken(
            Diagnostic::error(&src.path, "is empty")
                .hint("run `dealguard init` for a commented example")
                .into(),
        ));
    }
    // Reading the text directly is the fast path, and the behaviour every valid file gets;
    // only a file with problems is read again, problem by problem.
    match serde_yaml::from_str::<T>(&src.text) {
        Ok(v) => Ok((v, idx)),
        Err(e) => Err(match shape::collect::<T>(src, &idx) {
            Some((problems, repaired)) => Broken {
                problems,
                repaired: repaired.map(|v| (v, idx)),
            },
            None => broken(shape::serde_error(src, &idx, &e).into()),
        }),
    }
}

#[cfg(test)]
mod tests;
