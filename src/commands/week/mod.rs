//! `dealguard week new`: the next week's file, carried over, with the new photos. It reads
//! week files and writes YAML text; no PDF is made here (`status` is in `status.rs`).

mod draft;
// The week page of `serve` calls the form: a CLI built without it has no use for it.
#[cfg_attr(not(feature = "serve"), allow(dead_code, unused_imports))]
pub(crate) mod form;
mod photos;
mod write;

use super::shared::{load_weeks, week_files, write, Outcome, Run};
use crate::cli::WeekNewArgs;
use crate::diag::Diagnostic;
use crate::output::Output;
use crate::profile::deal::Cadence;
use crate::profile::week::schedule::{self, Due};
use crate::profile::week::{self, IsoWeek, LoadedWeek};
use crate::profile::{self, Loaded};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The week to write and why: `--week`, else the next report's week under the deal's cadence
/// after the latest week file (the signing week, or the first milestone, for the first).
fn target_week(
    loaded: &Loaded,
    arg: Option<IsoWeek>,
    latest: Option<IsoWeek>,
) -> Option<(IsoWeek, Option<Due>)> {
    match arg {
        Some(w) => Some((w, None)),
        None => schedule::next_report(&loaded.profile, latest).map(|(w, d)| (w, Some(d))),
    }
}

/// `week new`: writes `reports/<week>.yaml`, never over an existing file.
pub(super) fn new_cmd(deal: &Path, a: &WeekNewArgs) -> Outcome {
    let mut run = Run::new();
    let mut loaded = run.stage(profile::load(deal))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    run.checkpoint()?;
    let weeks = load_weeks(&loaded, &mut run);
    // A week that does not load is reported: its photos could otherwise be offered again.
    run.checkpoint()?;
    let from = match &a.from {
        Some(p) => Some(run.stage(week::load(p, &loaded.profile, &loaded.dir))?),
        None => weeks.last().cloned(),
    };
    let reports = loaded.dir.join("reports");
    let Some((iso, due)) = target_week(&loaded, a.week, weeks.last().map(|w| w.iso)) else {
        return Err(Diagnostic::error(
            &loaded.src.path,
            "no week to write: `deal.signed` is not a valid date",
        )
        .hint("give the week with `--week 2026-W50`")
        .into());
    };
    let path = reports.join(format!("{}.yaml", iso.label()));
    if path.exists() {
        return Err(Diagnostic::error(
            &path,
            format!(
                "`{}` already exists; `week new` never overwrites a week file",
                path.display()
            ),
        )
        .hint("edit that file, or choose another week with `--week`")
        .into());
    }
    let copies = match &a.photos {
        Some(dir) => run.stage(photos::copies(dir, &reports.join("photos")))?,
        None => Vec::new(),
    };
    let text = new_week_text(&loaded, &weeks, from.as_ref(), (iso, due.as_ref()), &copies);
    let mut outs: Vec<Output> = copies.iter().map(|c| c.out.clone()).collect();
    outs.push(Output {
        path: path.clone(),
        bytes: text.into_bytes(),
    });
    let inputs: Vec<PathBuf> = std::iter::once(loaded.src.path.clone())
        .chain(week_files(&loaded.dir))
        .collect();
    write(&mut run, &outs, &inputs)?;
    photos::keep_times(&copies);
    for c in copies
        .iter()
        .filter_map(|c| Some((c.renamed_from.as_ref()?, &c.out.path)))
    {
        eprintln!(
            "copied {} as {}: a different photo already has its name",
            c.0,
            c.1.display()
        );
    }
    if let Some(due) =
        due.filter(|_| loaded.profile.channels.reports.cadence == Cadence::Milestones)
    {
        eprintln!(
            "{}: the next milestone report, as {}",
            iso.label(),
            due.describe()
        );
    }
    eprintln!(
        "next: edit {} (every FILL IN, the actual %), then `dealguard report {}`",
        path.display(),
        path.display()
    );
    run.finish()
}

/// The text of the new week file.
fn new_week_text(
    loaded: &Loaded,
    weeks: &[LoadedWeek],
    from: Option<&LoadedWeek>,
    (iso, due): (IsoWeek, Option<&Due>),
    copies: &[photos::Copy],
) -> String {
    let p = &loaded.profile;
    let day = p.channels.reports.date_in(iso);
    let carried = draft::carry(p, from.map(|w| &w.week), iso, day);
    let used: BTreeSet<PathBuf> = weeks
        .iter()
        .chain(from)
        .flat_map(|w| w.embedded_files().map(|f| f.path.clone()))
        .collect();
    // The stage in progress: the first not finished by last week's actuals.
    let current = photos::current_stage(&carried.progress);
    let cx = photos::Context {
        iso,
        stage_ids: p.production.stages.iter().map(|s| s.id.as_str()).collect(),
        current,
        used,
        report_day: day,
    };
    let found = photos::find(&loaded.dir.join("reports"), copies, &cx);
    let head = write::Head {
        deal_id: &p.deal.id,
        day,
        cadence: p.channels.reports.cadence,
        origin: write::Origin::New(write::New {
            from: from
                .and_then(|w| w.src.path.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            fill: draft::restrict(&profile::Text::same(week::FILL_IN), p),
            due: due.map(Due::describe),
            photos: &found,
        }),
    };
    write::week_file(&head, &carried, iso)
}
