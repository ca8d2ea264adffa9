//! `dealguard status`: one line per week file, then the next report's week and why. It reads
//! week files; nothing is written.

use super::shared::{load_weeks, to_stdout, Outcome, Run};
use crate::profile;
use crate::profile::week::{self, schedule};
use std::path::Path;

/// `status`: one line per week file — week, status, planned and actual completion, forecast
/// shipment, and what is still to fill.
pub(super) fn status_cmd(deal: &Path) -> Outcome {
    let mut run = Run::new();
    let mut loaded = run.stage(profile::load(deal))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    run.checkpoint()?;
    let weeks = load_weeks(&loaded, &mut run);
    let mut out = format!(
        "{:<9}  {:<9}  {:>7}  {:>7}  forecast\n",
        "week", "status", "planned", "actual"
    );
    for w in &weeks {
        let (planned, actual) = schedule::overall(&loaded.profile, &w.week);
        let status = match w.week.status {
            week::Status::OnTrack => "on_track",
            week::Status::AtRisk => "at_risk",
            week::Status::Delayed => "delayed",
        };
        let fill = match w.unfilled.len() {
            0 => String::new(),
            n => format!("  draft: {n} to fill"),
        };
        out.push_str(&format!(
            "{:<9}  {:<9}  {:>6.1}%  {:>6.1}%  {}{fill}\n",
            w.iso.label(),
            status,
            planned,
            actual,
            w.week.forecast_ship.raw
        ));
    }
    if weeks.is_empty() {
        out.push_str("no week files in reports/ yet: `dealguard week new` writes the first\n");
    }
    if let Some((w, due)) = schedule::next_report(&loaded.profile, weeks.last().map(|w| w.iso)) {
        let day = loaded.profile.channels.reports.date_in(w);
        out.push_str(&format!(
            "next report: {} (report day {}): {}\n",
            w.label(),
            day.iso(),
            due.describe()
        ));
    }
    // The week files' own warnings (such as fields to fill) are shown by `check`, not here.
    if let Err(e) = to_stdout(out.into_bytes()) {
        run.problems.extend(e);
    }
    run.finish()
}
