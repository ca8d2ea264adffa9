//! The deal's week files in `reports/`: found, loaded, and checked as a set (two files for one
//! week), for `report`, `week new`, `status`, `check` and `build`.

use super::Run;
use crate::diag::{Diagnostic, Problems};
use crate::profile::week::{self, IsoWeek, LoadedWeek};
use crate::profile::Loaded;
use std::path::{Path, PathBuf};

/// The latest week file in `reports/` beside deal.yaml (by its ISO-week name), if any.
pub(crate) fn week_files(deal_dir: &Path) -> Vec<PathBuf> {
    let dir = deal_dir.join("reports");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|e| {
            e.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The ISO weeks of the week files in `reports/`.
pub(crate) fn reported_weeks(deal_dir: &Path) -> Vec<IsoWeek> {
    week_files(deal_dir)
        .iter()
        .filter_map(|f| {
            f.file_stem()
                .and_then(|s| s.to_str())
                .and_then(IsoWeek::parse)
        })
        .collect()
}

/// The week files of the deal that load, in week order; the problems of those that do not,
/// and an error for each file that repeats another's week.
pub(crate) fn load_weeks(loaded: &Loaded, run: &mut Run) -> Vec<LoadedWeek> {
    let mut weeks = Vec::new();
    for path in week_files(&loaded.dir) {
        match week::load(&path, &loaded.profile, &loaded.dir) {
            Ok(w) => weeks.push(w),
            Err(p) => run.problems.extend(p),
        }
    }
    weeks.sort_by_key(|w| w.iso);
    run.problems.extend(same_weeks(&weeks));
    weeks
}

/// An error for each week file whose `week:` another file already has (sorted by week, so
/// the two are neighbours), naming both files.
pub(crate) fn same_weeks(weeks: &[LoadedWeek]) -> Problems {
    let mut p = Problems::new();
    for pair in weeks.windows(2) {
        let [a, b] = pair else { continue };
        if a.iso == b.iso {
            p.push(
                Diagnostic::error(
                    &b.src.path,
                    format!(
                        "{} is also the week of {}",
                        b.iso.label(),
                        a.src.path.display()
                    ),
                )
                .at(b.index.pos("week"))
                .field("week")
                .hint("each week has one file: change `week:` in the copy (and its number)"),
            );
        }
    }
    p
}

/// The problems of the deal's set of week files as a whole (two files for one week), for
/// `build`: each file's own problems are its report's.
pub(crate) fn week_set_problems(loaded: &Loaded) -> Problems {
    let mut weeks: Vec<LoadedWeek> = week_files(&loaded.dir)
        .iter()
        .filter_map(|p| week::load(p, &loaded.profile, &loaded.dir).ok())
        .collect();
    weeks.sort_by_key(|w| w.iso);
    same_weeks(&weeks)
}
