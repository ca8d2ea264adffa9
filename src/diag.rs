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
#[derive(Debug, Default, Clone)]
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
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["audit-rights", "bank-details", "confidentiality"];
        assert_eq!(did_you_mean("audit-right", ids), Some("audit-rights"));
        assert_eq!(did_you_mean("confidentality", ids), Some("confidentiality"));
        assert_eq!(did_you_mean("weather", ids), None);
    }

    #[test]
    fn suggestions_count_characters_and_prefer_the_closest() {
        // One edit per character, not per byte: `注意事象` is one away from `注意事项`.
        assert_eq!(
            did_you_mean("注意事象", ["注意事项", "付款"]),
            Some("注意事项")
        );
        // Short words allow one edit; ties go to the first candidate.
        assert_eq!(did_you_mean("en", ["zh", "eng", "de"]), Some("eng"));
        assert_eq!(did_you_mean("ab", ["abcd"]), None);
        assert_eq!(
            did_you_mean("bank-detail", ["bank-details", "bank-detail"]),
            Some("bank-detail")
        );
        assert_eq!(did_you_mean(&"x".repeat(10_000), ["audit-rights"]), None);
        assert_eq!(did_you_mean("", ["a", "ab"]), Some("a"));
    }

    #[test]
    fn display_has_location_field_and_hint() {
        let d = Diagnostic::error(Path::new("deal.yaml"), "not an official domain")
            .at(Some((12, 14)))
            .field("buyer.contacts[0].email")
            .hint("check by phone");
        assert_eq!(
            d.to_string(),
            "deal.yaml:12:14: error: `buyer.contacts[0].email`: not an official domain\n  hint: check by phone"
        );
    }

    #[test]
    fn places_that_are_not_files_say_what_they_are() {
        let lang = Diagnostic::error(Where::arg("--lang"), "unknown language `fr`");
        assert_eq!(lang.to_string(), "--lang: error: unknown language `fr`");
        let font = Diagnostic::error(Where::built_in("font"), "is damaged");
        assert_eq!(font.to_string(), "<built-in font>: error: is damaged");
        let job = Diagnostic::error(Where::job("contract"), "was not built");
        assert_eq!(job.to_string(), "contract: error: was not built");
        let file = Diagnostic::warning(Path::new("reports/w.yaml"), "late");
        assert_eq!(file.place, Where::File(PathBuf::from("reports/w.yaml")));
        assert_eq!(file.to_string(), "reports/w.yaml: warning: late");
    }

    #[test]
    fn sorted_puts_the_command_line_before_files() {
        let mut p = Problems::new();
        p.push(Diagnostic::error(Path::new("a.yaml"), "in a file").at(Some((1, 1))));
        p.push(Diagnostic::error(Where::job("letter"), "was not built"));
        p.push(Diagnostic::error(Where::arg("--set"), "unknown set"));
        let msgs: Vec<&str> = p.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["unknown set", "was not built", "in a file"]);
    }

    #[test]
    fn profile_wide_warnings_are_counted_per_file_unless_all_are_asked_for() {
        let mut profile = Problems::new();
        profile.push(Diagnostic::warning(Path::new("deal.yaml"), "w1").at(Some((3, 1))));
        profile.push(Diagnostic::warning(Path::new("deal.yaml"), "w2").at(Some((9, 1))));
        profile.push(Diagnostic::error(Path::new("deal.yaml"), "e").at(Some((5, 1))));
        profile.mark_profile_wide();
        let mut p = Problems::new();
        p.extend(profile);
        p.push(Diagnostic::warning(Path::new("reports/w.yaml"), "week"));
        let lines = p.lines(true, false);
        assert_eq!(
            lines,
            [
                "deal.yaml:5:1: error: e",
                "reports/w.yaml: warning: week",
                "deal.yaml: 2 warnings — `dealguard check` shows them",
            ]
        );
        assert_eq!(p.lines(true, true), lines[..2]);
        assert_eq!(p.lines(false, true).len(), 4);
        let mut other = Problems::new();
        other.push(Diagnostic::warning(Path::new("d/deal.yaml"), "w"));
        other.mark_profile_wide();
        assert_eq!(
            other.lines(true, false),
            ["d/deal.yaml: 1 warning — `dealguard --deal d/deal.yaml check` shows it"]
        );
    }

    #[test]
    fn sorted_puts_errors_first_then_position() {
        let mut p = Problems::new();
        p.push(Diagnostic::warning(Path::new("a"), "w").at(Some((1, 1))));
        p.push(Diagnostic::error(Path::new("a"), "e2").at(Some((5, 1))));
        p.push(Diagnostic::error(Path::new("a"), "e1").at(Some((2, 1))));
        let msgs: Vec<&str> = p.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["e1", "e2", "w"]);
    }
}
