//! Select stage: the clause library (built-in, overlaid by company folders) and its sets.

mod parse;
pub mod select;
pub mod topics;
pub mod vars;
pub mod when;

use parse::{parse_clause, parse_set};

use crate::assets;
use crate::context::Policy;
use crate::diag::{did_you_mean, Diagnostic, Problems};
use crate::profile::yaml::{Index, Source};
use crate::profile::Text;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use select::{select, Selection};

/// Most clause (or set) files read from one company folder.
pub const MAX_FILES_PER_FOLDER: usize = 500;

/// Where a clause or set file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into dealguard.
    BuiltIn,
    /// A company folder named in `clause_dirs`.
    Dir(PathBuf),
}

impl Origin {
    /// `built-in` or the folder.
    pub fn label(&self) -> String {
        match self {
            Origin::BuiltIn => "built-in".to_string(),
            Origin::Dir(d) => d.display().to_string(),
        }
    }
}

/// One clause of the library.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Stable id.
    pub id: String,
    /// Version of the wording.
    pub version: u32,
    /// Section it joins when a profile adds it.
    pub section: Option<String>,
    /// Security topics it covers.
    pub topics: Vec<String>,
    /// Condition on the profile, as written and parsed.
    pub when: Option<(String, when::Expr)>,
    /// Profile fields the text uses.
    pub uses: Vec<String>,
    /// Title template per language.
    pub title: Text,
    /// Text template per language.
    pub text: Text,
    /// The file, for messages.
    pub src: Source,
    /// Where each field of the file is.
    pub index: Index,
    /// SHA-256 of the file's text (line endings normalised): what legal signs off.
    pub hash: String,
    /// Built-in or company folder.
    pub origin: Origin,
}

impl Clause {
    /// The first 16 hex digits of the hash, as shown in manifests.
    pub fn short_hash(&self) -> &str {
        &self.hash[..16.min(self.hash.len())]
    }

    /// A located error in this clause's file.
    pub fn error(&self, field: &str, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.src.path, msg)
            .at(self.index.pos(field))
            .field(field)
    }
}

/// A section of a set: a heading and the clause ids under it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Id clauses name in `section:`.
    pub id: String,
    /// Heading per language.
    pub title: Text,
    /// Clause ids, in order.
    #[serde(default)]
    pub clauses: Vec<String>,
}

/// A named clause set: order, sections and number policy.
#[derive(Debug, Clone)]
pub struct ClauseSet {
    /// Name profiles use in `clause_set`.
    pub name: String,
    /// Display name per language.
    pub title: Text,
    /// One line on what it is for.
    pub description: Option<String>,
    /// What it demands of the profile's numbers.
    pub policy: Policy,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// The file, for messages.
    pub src: Source,
    /// Where each field of the file is.
    pub index: Index,
    /// Built-in or company folder.
    pub origin: Origin,
}

/// All clauses and sets known for one deal.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Clauses by id.
    pub clauses: BTreeMap<String, Clause>,
    /// Sets by name.
    pub sets: BTreeMap<String, ClauseSet>,
}

/// Splits rendered or template text into paragraphs (blank-line separated) of lines.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(l.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl Library {
    /// The built-in clauses and sets.
    pub fn builtin() -> Result<Library, Problems> {
        let mut lib = Library::default();
        let mut problems = Problems::new();
        for (path, bytes) in assets::files_under("clauses/") {
            let shown = PathBuf::from(format!("<built-in>/{path}"));
            let src = match Source::from_bytes(&shown, bytes) {
                Ok(s) => s,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            lib.add_file(
                path.starts_with("clauses/sets/"),
                src,
                Origin::BuiltIn,
                &mut problems,
            );
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(lib)
    }

    fn add_file(&mut self, is_set: bool, src: Source, origin: Origin, problems: &mut Problems) {
        if is_set {
            match parse_set(src, origin) {
                Ok(s) => {
                    self.sets.insert(s.name.clone(), s);
                }
                Err(p) => problems.extend(p),
            }
        } else {
            match parse_clause(src, origin) {
                Ok(c) => {
                    self.clauses.insert(c.id.clone(), c);
                }
                Err(p) => problems.extend(p),
            }
        }
    }

    /// Overlays a company folder: same id replaces, new id adds. `shown` is the folder as named
    /// in the profile (for messages), `dir` the folder on disk.
    pub fn overlay(&mut self, dir: &Path, shown: &Path) -> Problems {
        let mut problems = Problems::new();
        let origin = Origin::Dir(shown.to_path_buf());
        for (sub, is_set) in [(dir.to_path_buf(), false), (dir.join("sets"), true)] {
            let entries = match std::fs::read_dir(&sub) {
                Ok(e) => e,
                Err(_) if is_set => continue,
                Err(e) => {
                    problems.push(crate::fs::io_error(shown, "read clause folder", &e));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml") && p.is_file())
                .collect();
            files.sort();
            if files.len() > MAX_FILES_PER_FOLDER {
                problems.push(Diagnostic::error(shown, format!("holds {} clause files; a clause folder may hold at most {MAX_FILES_PER_FOLDER}", files.len()))
                    .hint("is `clause_dirs` naming the right folder?"));
                continue;
            }
            // Two files of one folder must not claim the same id.
            let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
            for f in files {
                let shown_file = if is_set {
                    shown.join("sets")
                } else {
                    shown.to_path_buf()
                }
                .join(f.file_name().unwrap_or_default());
                match Source::read(&f) {
                    Ok(mut src) => {
                        src.path = shown_file.clone();
                        let before = problems.error_count();
                        self.add_file(is_set, src, origin.clone(), &mut problems);
                        if !is_set && problems.error_count() == before {
                            let id = shown_file
                                .file_stem()
                                .and_then(|s| s.to_str())
                                .unwrap_or("")
                                .to_string();
                            if let Some(first) = seen.insert(id.clone(), shown_file.clone()) {
                                problems.push(Diagnostic::error(
                                    &shown_file,
                                    format!(
                                        "clause id `{id}` is also defined in `{}`",
                                        first.display()
                                    ),
                                ));
                            }
                        }
                    }
                    Err(d) => problems.push(d.at(None)),
                }
            }
        }
        problems
    }

    /// The built-in library overlaid by the profile's `clause_dirs`.
    pub fn for_deal(loaded: &crate::profile::Loaded) -> Result<(Library, Problems), Problems> {
        let mut lib = Library::builtin()?;
        let mut problems = Problems::new();
        for (i, d) in loaded.profile.security.clause_dirs.iter().enumerate() {
            let on_disk = loaded.dir.join(d);
            if !on_disk.is_dir() {
                problems.push(
                    Diagnostic::error(
                        &loaded.src.path,
                        format!("clause folder `{}` does not exist", d.display()),
                    )
                    .at(loaded.pos(&format!("security.clause_dirs[{i}]")))
                    .field(format!("security.clause_dirs[{i}]"))
                    .hint("paths in `clause_dirs` are relative to deal.yaml"),
                );
                continue;
            }
            problems.extend(lib.overlay(&on_disk, d));
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok((lib, problems))
    }

    /// Adds (or replaces) one clause from a source, as a company folder would; returns its
    /// problems.
    pub fn add_clause_source(&mut self, src: Source) -> Problems {
        let mut problems = Problems::new();
        self.add_file(
            false,
            src,
            Origin::Dir(PathBuf::from("company")),
            &mut problems,
        );
        problems
    }

    /// A clause id close to `id`, for "did you mean" hints.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        did_you_mean(id, self.clauses.keys().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_library_loads_and_has_both_sets() {
        let lib = Library::builtin().unwrap_or_else(|p| panic!("{:?}", p.sorted()));
        assert!(lib.sets.contains_key("standard"));
        assert!(lib.sets.contains_key("strict"));
        assert!(lib.clauses.len() >= 18, "{} clauses", lib.clauses.len());
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let p = paragraphs("a\n(a) one\n\n\nb\n");
        assert_eq!(
            p,
            vec![
                vec!["a".to_string(), "(a) one".to_string()],
                vec!["b".to_string()]
            ]
        );
    }

    #[test]
    fn clause_file_checks() {
        let src = Source::from_bytes(
            Path::new("x.yaml"),
            b"id: y\nversion: 0\nwhen: a ==\ntitle: {en: T}\ntext:\n  en: |\n    one\n\n    two\n  zh: |\n    \xe4\xb8\x80\n",
        )
        .unwrap();
        let p = parse_clause(src, Origin::BuiltIn).unwrap_err();
        let msgs: Vec<String> = p.iter().map(|d| d.message.clone()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("file named `x.yaml`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("must be 1 or more")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("bad condition")), "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("2 paragraphs and the `zh` text 1")),
            "{msgs:?}"
        );
    }
}
