//! The portfolio: every deal folder under a folder, one row of facts each — the last report,
//! completion, shipment, the next report and whether it is late, the buyer's open actions and
//! the problems `check` would print. `status --all` prints the rows; `serve`'s portfolio page
//! shows them. A deal whose profile does not load is a row of its own, never a stop.

use super::{load_weeks, prepare, reported_weeks, select, Run};
use crate::diag::Problems;
use crate::profile::week::{is_marker, schedule, LoadedWeek};
use crate::profile::{Date, Lang, Langs, Loaded, Ymd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The file that makes a folder a deal folder.
const PROFILE: &str = "deal.yaml";

/// How many folder levels below DIR are searched: `DIR/*/deal.yaml` and `DIR/*/*/deal.yaml`
/// (a folder of clients, each with a folder per deal), besides `DIR/deal.yaml` itself.
const DEPTH: usize = 2;

/// Every deal profile under `dir`: `dir/deal.yaml` and those one and two folders down, sorted
/// by path. Hidden folders and `out/` are skipped, and a folder or profile that resolves
/// outside `dir` (a symbolic link out of it) is not followed; a deal reached twice through
/// links inside `dir` is listed once, under its first path. With `dir` = `.` the paths are
/// relative (`a/deal.yaml`, not `./a/deal.yaml`). An unreadable `dir` gives no deals.
pub(crate) fn find_deals(dir: &Path) -> Vec<PathBuf> {
    let Ok(root) = dir.canonicalize() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk(dir, &root, 0, &mut found);
    found.sort();
    let mut seen = BTreeSet::new();
    let here = dir == Path::new(".");
    found
        .into_iter()
        .filter(|(_, real)| seen.insert(real.clone()))
        .map(|(p, _)| match p.strip_prefix(".") {
            Ok(rel) if here => rel.to_path_buf(),
            _ => p,
        })
        .collect()
}

/// Collects `folder/deal.yaml` (with its real path) and searches the folders below, down to
/// [`DEPTH`].
fn walk(folder: &Path, root: &Path, depth: usize, found: &mut Vec<(PathBuf, PathBuf)>) {
    let profile = folder.join(PROFILE);
    // `is_file` follows links and is false for folders, FIFOs and devices (never opened).
    if profile.is_file() {
        if let Some(real) = inside(&profile, root) {
            found.push((profile, real));
        }
    }
    if depth == DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "out" {
            continue;
        }
        let path = e.path();
        if path.is_dir() && inside(&path, root).is_some() {
            walk(&path, root, depth + 1, found);
        }
    }
}

/// The real path of `p` when it lies inside `root` (itself a real path).
fn inside(p: &Path, root: &Path) -> Option<PathBuf> {
    p.canonicalize().ok().filter(|real| real.starts_with(root))
}

/// One deal of the portfolio: what its profile and week files say, as of `today`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DealRow {
    /// The deal profile, as found (`DIR/…/deal.yaml`).
    pub(crate) profile: PathBuf,
    /// The deal folder (that of `deal.yaml`).
    pub(crate) dir: PathBuf,
    /// `deal.id`.
    pub(crate) deal_id: String,
    /// The buyer's company name, in the deal's first language.
    pub(crate) buyer: String,
    /// The ISO week of the latest week file that loads (`2026-W49`); `None` before the first.
    pub(crate) last_week: Option<String>,
    /// That week's status: `on_track`, `at_risk` or `delayed`.
    pub(crate) last_status: Option<&'static str>,
    /// That week's overall planned completion, percent ([`schedule::overall`]).
    pub(crate) planned: Option<f64>,
    /// That week's overall actual completion, percent.
    pub(crate) actual: Option<f64>,
    /// The contract's planned shipment (`deal.ship_by`).
    pub(crate) ship_by: Date,
    /// The shipment that week forecasts (`forecast_ship`).
    pub(crate) forecast_ship: Option<Date>,
    /// The next report: its week label, its report day and why it falls in that week
    /// ([`schedule::next_report`] after the latest week file, loading or not).
    pub(crate) next_report: Option<(String, Ymd, String)>,
    /// Whether the next report's day is before `today`: a report that should have been
    /// written has not been. On the report day itself it is not late yet.
    pub(crate) late: bool,
    /// The buyer actions of the last week, in the deal's first language (fill-in markers left
    /// out).
    pub(crate) buyer_actions: Vec<String>,
    /// Errors among `problems`.
    pub(crate) errors: usize,
    /// Warnings among `problems`.
    pub(crate) warnings: usize,
    /// The problems of the profile, its clause set and its week files, as `check` words
    /// them, one line each (without hints): the `errors` errors first, then the warnings.
    pub(crate) problems: Vec<String>,
    /// The same problems in full (file, line, field, hint), for `serve`'s deal page.
    pub(crate) found: Problems,
    /// Week files that still say `FILL IN` somewhere (drafts).
    pub(crate) drafts: usize,
    /// The week files that load, in week order: week, status, fields still `FILL IN`.
    pub(crate) weeks: Vec<(String, &'static str, usize)>,
    /// The deal's languages (`deal.languages`), in their order.
    pub(crate) languages: Langs,
}

impl DealRow {
    /// Days the forecast shipment is after the contract's (negative when earlier); `None`
    /// without a valid date on either side.
    pub(crate) fn slip_days(&self) -> Option<i64> {
        let forecast = self.forecast_ship.as_ref()?.ymd?;
        let planned = self.ship_by.ymd?;
        Some(forecast.days_since_epoch() - planned.days_since_epoch())
    }

    /// The error lines of `problems`.
    pub(crate) fn error_lines(&self) -> &[String] {
        &self.problems[..self.errors.min(self.problems.len())]
    }
}

/// The row of the deal whose profile is `profile`, as of `today` (only `late` depends on it).
/// The profile, its languages and its clause selection are checked as `check` checks them;
/// when they have errors the deal has no row but its problems (`Err`). The week files'
/// problems, errors included, are the row's.
pub(crate) fn row(profile: &Path, today: Ymd) -> Result<DealRow, Problems> {
    let mut run = Run::new();
    let p = prepare(&mut run, profile, None, None)?;
    let sel = select(&mut run, &p)?;
    // Template errors in the clauses show when they are rendered.
    run.stage(p.schedule(&sel))?;
    let weeks = load_weeks(&p.loaded, &mut run);
    for w in &weeks {
        run.problems.extend(w.warnings.clone());
    }
    Ok(facts(&p.loaded, &weeks, run.problems, today))
}

/// The row from a loaded deal, its week files that load (in week order) and every problem
/// found.
fn facts(loaded: &Loaded, weeks: &[LoadedWeek], problems: Problems, today: Ymd) -> DealRow {
    let prof = &loaded.profile;
    let lang = prof.deal.languages.first().copied().unwrap_or(Lang::En);
    let last = weeks.last();
    let (planned, actual) = last.map(|w| schedule::overall(prof, &w.week)).unzip();
    // A week file that does not load is still written: the next report comes after it.
    let latest = (weeks.iter().map(|w| w.iso))
        .chain(reported_weeks(&loaded.dir))
        .max();
    let next_report = schedule::next_report(prof, latest)
        .map(|(w, due)| (w.label(), prof.channels.reports.date_in(w), due.describe()));
    let late = next_report.as_ref().is_some_and(|(_, day, _)| *day < today);
    let buyer_actions = last.map_or_else(Vec::new, |w| {
        (w.week.buyer_actions.iter())
            .map(|t| t.get_or_any(lang).trim())
            .filter(|t| !t.is_empty() && !is_marker(t))
            .map(str::to_string)
            .collect()
    });
    let errors = problems.error_count();
    DealRow {
        profile: loaded.src.path.clone(),
        dir: loaded.dir.clone(),
        deal_id: prof.deal.id.clone(),
        buyer: prof.buyer.display_name(lang).to_string(),
        last_week: last.map(|w| w.iso.label()),
        last_status: last.map(|w| w.week.status.key()),
        planned,
        actual,
        ship_by: prof.deal.ship_by.clone(),
        forecast_ship: last.map(|w| w.week.forecast_ship.clone()),
        next_report,
        late,
        buyer_actions,
        errors,
        warnings: problems.len() - errors,
        problems: problem_lines(&problems),
        found: problems,
        drafts: weeks.iter().filter(|w| !w.unfilled.is_empty()).count(),
        weeks: (weeks.iter())
            .map(|w| (w.iso.label(), w.week.status.key(), w.unfilled.len()))
            .collect(),
        languages: Langs::new(&prof.deal.languages),
    }
}

/// Each problem's first line as `check` prints it (its hint left out), errors first.
pub(crate) fn problem_lines(problems: &Problems) -> Vec<String> {
    (problems.sorted().into_iter())
        .map(|d| {
            let s = d.to_string();
            s.lines().next().unwrap_or_default().to_string()
        })
        .collect()
}

/// One row per deal under `dir` (see [`find_deals`]), in path order: the deal's facts, or its
/// profile and problems when its profile does not load.
pub(crate) fn portfolio(dir: &Path, today: Ymd) -> Vec<Result<DealRow, (PathBuf, Problems)>> {
    find_deals(dir)
        .into_iter()
        .map(|p| row(&p, today).map_err(|e| (p, e)))
        .collect()
}

#[cfg(test)]
mod tests;
