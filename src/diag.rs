//! Diagnostics: the problems found in the user's files, collected and reported all at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a file the user named, an option on the command line, an asset built
/// into dealguard, or a document of `build`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
// The variant order is the order problems are printed in: the command line first, then
// built-in assets, then `build`'s "was not built" lines ahead of the file problems they announce.
pub enum Where {
    /// A command-line option or argument, such as `--set` or the clause id of `clauses show`.
    Arg(String),
    /// An asset compiled into dealguard, such as the built-in font.
    BuiltIn(String),
    /// A document `build` makes, such as `report 2026-W49.yaml`.
    Job(String),
    /// A file as the user named it (relative paths stay relative).
    File(PathBuf),
}

impl Where {
    /// A command-line option or argument.
    pub fn arg(name: impl Into<String>) -> Self {
        Where::Arg(name.into())
    }

    /// An asset compiled into dealguard.
    pub fn built_in(what: impl Into<String>) -> Self {
        Where::BuiltIn(what.into())
    }

    /// A document of `build`.
    pub fn job(label: impl Into<String>) -> Self {
        Where::Job(label.into())
    }
}

impl fmt::Display for Where {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Where::File(p) => write!(f, "{}", p.display()),
            Where::Arg(name) => f.write_str(name),
            Where::BuiltIn(what) => write!(f, "<built-in {what}>"),
            Where::Job(label) => f.write_str(label),
        }
    }
}

impl From<&Path> for Where {
    fn from(p: &Path) -> Self {
        Where::File(p.to_path_buf())
    }
}

impl From<&PathBuf> for Where {
    fn from(p: &PathBuf) -> Self {
        Where::File(p.clone())
    }
}

impl From<PathBuf> for Where {
    fn from(p: PathBuf) -> Self {
        Where::File(p)
    }
}

/// How serious a problem is: errors stop the run, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used as it is.
    Error,
    /// The input works but is probably not what the user meant.
    Warning,
}

/// One problem, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is: a file (as the user named it), an option, a built-in asset….
    pub place: Where,
    /// 1-based line and column, when known.
    pub pos: Option<(usize, usize)>,
    /// Path of the field inside the file, such as `seller.contacts[0].email`.
    pub field: Option<String>,
    /// What is wrong, lowercase, naming things in backticks.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// A failure to read or write a file (exit code 3) rather than a problem in its content.
    pub io: bool,
    /// A warning of the profile's own checks, about the deal as a whole rather than what a
    /// command reads or writes: `check` prints it, the other commands count it in one line
    /// (`Problems::lines`).
    pub profile_wide: bool,
}

impl Diagnostic {
    /// An error in `place` (a file path, or a [`Where`]).
    pub fn error(place: impl Into<Where>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            place: place.into(),
            pos: None,
            field: None,
            message: message.into(),
            hint: None,
            io: false,
            profile_wide: false,
        }
    }

    /// A warning in `place` (a file path, or a [`Where`]).
    pub fn warning(place: impl Into<Where>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(place, message)
        }
    }

    /// Sets line and column.
    pub fn at(mut self, pos: Option<(usize, usize)>) -> Self {
        self.pos = pos;
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks the problem as a failure to read or write a file.
    pub fn io(mut self) -> Self {
        self.io = true;
        self
    }

    /// Sets the hint of a diagnostic already collected.
    pub fn set_hint(&mut self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }

    /// Whether this problem stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.io {
            // The message names the file already: "failed to read `photos/a.jpg` (…)".
            write!(f, "{kind}: ")?;
        } else {
            write!(f, "{}", self.place)?;
            if let Some((line, col)) = self.pos {
                write!(f, ":{line}:{col}")?;
            }
            write!(f, ": {kind}: ")?;
        }
        match &self.field {
            // A located message names the field too, so the reader never has to count lines.
            Some(field) => write!(f, "`{field}`: {}", self.message)?,
            None => write!(f, "{}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The problems found so far; a stage adds to it and the caller decides whether to go on.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Problems {
    items: Vec<Diagnostic>,
    /// Whether the command wrote some outputs despite its errors (`build`: the documents
    /// that failed keep their old files, the others are new).
    partly_written: bool,
}

impl Problems {
    /// An empty collection.
    pub fn new() -> Self {
        Problems::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds one problem and returns it, so a hint can be added.
    pub fn push_mut(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.items.push(d);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    /// Adds all problems of another collection.
    pub fn extend(&mut self, other: Problems) {
        self.items.extend(other.items);
        self.partly_written |= other.partly_written;
    }

    /// Says that outputs were written despite the errors (so the summary does not claim
    /// that nothing was).
    pub fn set_partly_written(&mut self) {
        self.partly_written = true;
    }

    /// Whether outputs were written despite the errors.
    pub fn partly_written(&self) -> bool {
        self.partly_written
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether every error is a failure to read or write (exit code 3, not 1).
    pub fn only_io_errors(&self) -> bool {
        self.has_errors() && self.items.iter().filter(|d| d.is_error()).all(|d| d.io)
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// All problems, errors first, then by place and position, so output is stable.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (a.severity, &a.place, a.pos.unwrap_or((usize::MAX, 0))).cmp(&(
                b.severity,
                &b.place,
                b.pos.unwrap_or((usize::MAX, 0)),
            ))
        });
        v
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Marks every warning as profile-wide (see [`Diagnostic::profile_wide`]); errors stay.
    pub fn mark_profile_wide(&mut self) {
        for d in self.items.iter_mut().filter(|d| !d.is_error()) {
            d.profile_wide = true;
        }
    }

    /// What to print, in order: every problem in full, or with `summary` the profile-wide
    /// warnings counted in one line per file (`deal.yaml: 5 warnings — …`), after the problems
    /// still printed in full; `quiet` leaves that line out. Errors are always in full.
    pub fn lines(&self, summary: bool, quiet: bool) -> Vec<String> {
        let mut out = Vec::new();
        let mut counted: Vec<(&Where, usize)> = Vec::new();
        for d in self.sorted() {
            if !(summary && d.profile_wide && !d.is_error()) {
                out.push(d.to_string());
            } else if let Some(c) = counted.iter_mut().find(|(w, _)| *w == &d.place) {
                c.1 += 1;
            } else {
                counted.push((&d.place, 1));
            }
        }
        for (place, n) in counted.into_iter().filter(|_| !quiet) {
            let s = if n == 1 { "" } else { "s" };
            let check = match place {
                Where::File(p) if p != Path::new("deal.yaml") => {
                    format!("dealguard --deal {} check", p.display())
                }
                _ => "dealguard check".to_string(),
            };
            let them = if n == 1 { "it" } else { "them" };
            out.push(format!("{place}: {n} warning{s} — `{check}` shows {them}"));
        }
        out
    }
}

impl From<Diagnostic> for Problems {
    fn from(d: Diagnostic) -> Self {
        Problems {
            items: vec![d],
            partly_written: false,
        }
    }
}

/// The closest candidate to `word`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c_len = c.chars().count();
        // Allow roughly one typo per three characters, never a completely different word.
        let limit = (len.max(c_len) / 3).max(1);
        // The distance is at least the difference in length: skip the quadratic work
        // (a long unknown word against every candidate) when that alone is too far.
        if len.abs_diff(c_len) > limit {
            continue;
        }
        let d = strsim::levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests;
