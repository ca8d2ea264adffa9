//! What the commands share, so that each command file holds only its own steps: problem
//! collection across stages (`Run`), the deal prepared up to a selection (`prepare`,
//! `load_profile`, the languages of an output and of its reader), where outputs go and how
//! they are written, the fonts of a PDF (`fonts.rs`), the files of a document
//! (`documents.rs`), the deal's week files (`weeks.rs`) and the deals under a folder
//! (`portfolio.rs`). It imports no command.

mod documents;
mod fonts;
mod portfolio;
mod weeks;

pub(crate) use documents::{
    docx_error, file_name, occasion, outputs, pdf_error, timestamp, Rendered,
};
pub(crate) use fonts::{load_fonts, pdf_fonts};
pub(crate) use portfolio::{find_deals, portfolio, problem_lines, DealRow};
// One deal's row, for `serve` (the portfolio's rows are made by `portfolio`).
#[cfg(feature = "serve")]
pub(crate) use portfolio::row;
pub(crate) use weeks::{load_weeks, reported_weeks, same_weeks, week_files, week_set_problems};

use crate::clauses::{Library, Selection};
use crate::diag::Problems;
use crate::output::{self, Output};
use crate::profile::{self, Langs, Loaded, Ymd};
use crate::render::{self, templates::Templates};
use std::path::{Path, PathBuf};

/// What a command ends with: `Ok` with warnings, or `Err` with every problem found.
pub type Outcome = Result<Problems, Problems>;

/// What a run ends with: `Ok` with warnings and the exit code asked for (0, or
/// [`crate::verify::EXIT_WARNING`] from `verify`, `EXIT_DIFFERS` (5) from `diff`), or `Err` with every problem found.
pub type Ended = Result<(Problems, u8), Problems>;

/// Prints a text that is not a document of the deal; a closed pipe is an error, not a panic.
pub(crate) fn to_stdout(bytes: Vec<u8>) -> Outcome {
    let o = Output {
        path: PathBuf::from("-"),
        bytes,
    };
    output::write_all(&[o]).map_err(Problems::from)?;
    Ok(Problems::new())
}

/// Collects problems across stages so that one run reports everything it can find.
pub(crate) struct Run {
    /// Problems so far.
    pub(crate) problems: Problems,
}

impl Run {
    pub(crate) fn new() -> Self {
        Run {
            problems: Problems::new(),
        }
    }

    /// Keeps the value of a stage, or records its problems and gives up with all of them.
    pub(crate) fn stage<T>(&mut self, r: Result<T, Problems>) -> Result<T, Problems> {
        match r {
            Ok(v) => Ok(v),
            Err(p) => {
                self.problems.extend(p);
                Err(std::mem::take(&mut self.problems))
            }
        }
    }

    /// Stops when errors have been found so far.
    pub(crate) fn checkpoint(&mut self) -> Result<(), Problems> {
        if self.problems.has_errors() {
            return Err(std::mem::take(&mut self.problems));
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Outcome {
        if self.problems.has_errors() {
            Err(self.problems)
        } else {
            Ok(self.problems)
        }
    }
}

/// The languages of an output: `--lang`, or the profile's.
pub(crate) fn resolve_langs(arg: Option<&Langs>, loaded: &Loaded) -> Langs {
    match arg {
        Some(l) => l.clone(),
        None => Langs::new(&loaded.profile.deal.languages),
    }
}

/// The languages of what the buyer reads — letters, replies, the report's mail: `--lang`, else
/// the buyer's (`buyer.languages`), else the deal's. The contract and the report PDF stay in
/// the deal's: both sides sign and file them.
pub(crate) fn reader_langs(arg: Option<&Langs>, loaded: &Loaded) -> Langs {
    match (arg, &loaded.profile.buyer.languages) {
        (Some(l), _) => l.clone(),
        (None, Some(b)) if !b.is_empty() => Langs::new(b),
        (None, _) => Langs::new(&loaded.profile.deal.languages),
    }
}

/// Everything up to a selection: the deal, its clause library, the languages.
pub(crate) struct Prepared {
    pub(crate) loaded: Loaded,
    pub(crate) lib: Library,
    /// The deal's languages (or `--lang`): contract, report, staff documents.
    pub(crate) langs: Langs,
    /// The buyer's languages (or `--lang`): letters, replies, the report's mail.
    pub(crate) reader_langs: Langs,
    pub(crate) templates: Templates,
}

impl Prepared {
    /// The contract schedule rendered in the deal's languages; its reporting clause names the
    /// report's sections with the deal's report labels (a company's over the built-in ones);
    /// with the SCC annexes when the schedule has the GDPR clause.
    pub(crate) fn schedule(&self, sel: &Selection) -> Result<render::Schedule, Problems> {
        let labels = profile::labels(self.templates.layers("report-labels.yaml"))?;
        let mut s = render::render_schedule(sel, &self.loaded, &self.langs, &labels)?;
        let scc = render::templates::Labels::load(&self.templates, "scc-labels.yaml", &self.langs)?;
        s.appendix = render::scc::appendix(&s, &self.loaded.profile, &sel.terms, &scc);
        Ok(s)
    }

    /// The languages of document `what` (a file-name stem: `letter`, `reply-warm`, …).
    pub(crate) fn langs_for(&self, what: &str) -> &Langs {
        if what == "letter" || what.starts_with("reply") {
            &self.reader_langs
        } else {
            &self.langs
        }
    }
}

/// The profile. When its structure has errors, the clause set it names is looked up too (unless
/// `--set` replaces it), if the errors leave `security.clause_set` and `clause_dirs` intact:
/// a typo there shows in the same run, not only once the other errors are fixed.
pub(crate) fn load_profile(deal: &Path, set: Option<&str>) -> Result<Loaded, Problems> {
    profile::load_or_repair(deal).map_err(|b| {
        let fields = ["security.clause_set", "security.clause_dirs"];
        let named = set.is_none() && fields.iter().all(|f| b.intact(f));
        let mut problems = b.problems;
        if let Some(l) = b.repaired.as_ref().filter(|_| named) {
            if let Ok((lib, _)) = Library::for_deal(l) {
                problems.extend(
                    crate::clauses::select::find_set(&lib, l)
                        .err()
                        .unwrap_or_default(),
                );
            }
        }
        problems
    })
}

pub(crate) fn prepare(
    run: &mut Run,
    deal: &Path,
    lang: Option<&Langs>,
    set: Option<&str>,
) -> Result<Prepared, Problems> {
    let mut loaded = run.stage(load_profile(deal, set))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    if let Some(s) = set {
        loaded.profile.security.clause_set = s.to_string();
    }
    let langs = resolve_langs(lang, &loaded);
    let reader_langs = reader_langs(lang, &loaded);
    run.problems.extend(loaded.check_langs(&langs));
    // The buyer's languages need the deal's texts too (its title, the stage names).
    let extra: Vec<_> = (reader_langs.list().iter())
        .filter(|l| !langs.list().contains(l))
        .copied()
        .collect();
    if !extra.is_empty() {
        run.problems.extend(loaded.check_langs(&Langs::new(&extra)));
    }
    let (lib, warnings) = run.stage(Library::for_deal(&loaded))?;
    run.problems.extend(warnings);
    let templates = run.stage(Templates::for_deal(&loaded))?;
    Ok(Prepared {
        loaded,
        lib,
        langs,
        reader_langs,
        templates,
    })
}

pub(crate) fn select<'l>(run: &mut Run, p: &'l Prepared) -> Result<Selection<'l>, Problems> {
    let mut warnings = Problems::new();
    let sel = crate::clauses::select(&p.lib, &p.loaded, &p.langs, &mut warnings);
    run.problems.extend(warnings);
    let sel = run.stage(sel)?;
    run.checkpoint()?;
    Ok(sel)
}

/// Input files of a deal: outputs must never overwrite them.
pub(crate) fn inputs(p: &Prepared) -> Vec<PathBuf> {
    let mut v = vec![p.loaded.src.path.clone()];
    let out = &p.loaded.profile.output;
    for d in p
        .loaded
        .profile
        .security
        .clause_dirs
        .iter()
        .chain(&out.template_dirs)
    {
        let dir = p.loaded.dir.join(d);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            v.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    v
}

/// Where a document goes: `-o` (file, folder or `-`), or `out/` beside deal.yaml.
pub(crate) fn target(loaded: &Loaded, o: Option<&Path>, several: bool, file_name: &str) -> PathBuf {
    match o {
        Some(p) if p.as_os_str() == "-" => PathBuf::from("-"),
        Some(p) if several || p.is_dir() => p.join(file_name),
        Some(p) => p.to_path_buf(),
        None => loaded.dir.join("out").join(file_name),
    }
}

pub(crate) fn write(run: &mut Run, outputs: &[Output], inputs: &[PathBuf]) -> Result<(), Problems> {
    run.problems.extend(output::check_targets(outputs, inputs));
    run.checkpoint()?;
    run.stage(output::write_all(outputs).map_err(Problems::from))?;
    for o in outputs.iter().filter(|o| !o.is_stdout()) {
        eprintln!("wrote {} ({} bytes)", o.path.display(), o.bytes.len());
    }
    Ok(())
}

/// Today's date in UTC, from the system clock: the default of `status --all --today`, where
/// only which reports are late depends on it. The one place dealguard reads the clock; no
/// document's content depends on it.
pub(crate) fn today_utc() -> Ymd {
    Ymd::from_unix(time::OffsetDateTime::now_utc().unix_timestamp())
}

/// `SOURCE_DATE_EPOCH`, when set: the date reproducible builds put in documents.
pub(crate) fn source_date() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
}
