//! Load stage: what the deal's stage dates say about a week — each stage's planned share on a
//! day, overall completion weighted by the stages' planned durations, and the week of the next
//! report under the deal's cadence. `week new` writes these, `check` compares a week file with
//! them, and the report, its mail and `status` print the same overall figures.

use super::{IsoWeek, Week};
use crate::profile::deal::{Cadence, Profile};
use crate::profile::Ymd;

/// A stage's planned time span: from its planned start (the previous stage's `planned_end`, or
/// `deal.signed` for the first) to its own `planned_end`; `None` where a date is not valid
/// (`check` reports those in deal.yaml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The stage id.
    pub stage: String,
    /// Planned start and end.
    pub dates: Option<(Ymd, Ymd)>,
}

impl Span {
    /// Planned duration in days, at least one (a one-day stage still counts in the overall
    /// figure); `None` without valid dates.
    fn days(&self) -> Option<f64> {
        let (a, b) = self.dates?;
        Some((b.days_since_epoch() - a.days_since_epoch()).max(1) as f64)
    }
}

/// The stages' spans, in the deal's order.
pub fn spans(profile: &Profile) -> Vec<Span> {
    let mut start = profile.deal.signed.ymd;
    profile
        .production
        .stages
        .iter()
        .map(|s| {
            let end = s.planned_end.ymd;
            let dates = start.zip(end);
            start = end.or(start);
            Span {
                stage: s.id.clone(),
                dates,
            }
        })
        .collect()
}

/// A stage's planned completion on `day`, in percent: linear from `start` to `end`, 0 before
/// the start, 100 from the end on, rounded to one decimal as a merchandiser would type it.
pub fn planned_share(start: Ymd, end: Ymd, day: Ymd) -> f64 {
    if day >= end {
        return 100.0;
    }
    if day <= start {
        return 0.0;
    }
    let (span, done) = (
        end.days_since_epoch() - start.days_since_epoch(),
        day.days_since_epoch() - start.days_since_epoch(),
    );
    (1000.0 * done as f64 / span as f64).round() / 10.0
}

/// A percentage as a week file writes it: `50`, `58.3`.
pub fn percent(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// Planned percent per stage on `day`, in the deal's order (`None` where the dates are not
/// valid).
pub fn planned(profile: &Profile, day: Ymd) -> Vec<(String, Option<f64>)> {
    spans(profile)
        .into_iter()
        .map(|s| {
            let share = s.dates.map(|(a, b)| planned_share(a, b, day));
            (s.stage, share)
        })
        .collect()
}

/// Overall planned and actual completion of a week, in percent: each stage's figures weighted
/// by its planned duration in days, so a six-week sewing stage counts six times a one-week
/// packing stage (with the week's planned figures as the dates give them, overall planned is
/// the share of the whole schedule elapsed). A stage the week does not report counts as 0.
/// Without valid stage dates every stage weighs the same.
pub fn overall(profile: &Profile, week: &Week) -> (f64, f64) {
    let spans = spans(profile);
    let weights: Vec<f64> = if spans.iter().all(|s| s.dates.is_some()) {
        spans.iter().filter_map(Span::days).collect()
    } else {
        vec![1.0; spans.len()]
    };
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let (mut p, mut a) = (0.0, 0.0);
    for (s, w) in spans.iter().zip(&weights) {
        if let Some(r) = week.progress.iter().find(|r| r.stage == s.stage) {
            p += w * r.planned;
            a += w * r.actual;
        }
    }
    (p / total, a / total)
}

/// Why a report falls in its week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// A weekly deal: the week after the latest report.
    Weekly,
    /// The first report of a weekly deal: the week the contract was signed.
    Signed,
    /// A milestones deal: the week stage `stage` is planned to end, on `end`.
    StageEnds {
        /// The stage id.
        stage: String,
        /// Its planned end.
        end: Ymd,
    },
    /// A milestones deal with no stage ending sooner: the last week whose report day is at
    /// most `days` after the previous report (or the signing).
    Interval {
        /// `channels.reports.max_interval_days`.
        days: u32,
    },
}

impl Due {
    /// The reason in words, for `week new`, `status` and the week file's header.
    pub fn describe(&self) -> String {
        match self {
            Due::Weekly => "the week after the latest report".into(),
            Due::Signed => "the week the contract was signed".into(),
            Due::StageEnds { stage, end } => {
                format!("stage `{stage}` is planned to end on {}", end.iso())
            }
            Due::Interval { days } => format!(
                "no stage ends sooner, and reports are at most {days} days apart \
                 (`channels.reports.max_interval_days`)"
            ),
        }
    }
}

/// The week of the next report after `latest` (the latest week file), under the deal's
/// cadence. Weekly: the next week, or the signing week for the first report. Milestones: the
/// earliest of the week a stage ends (after `latest`; from the signing week for the first
/// report) and the last week whose report day is at most `max_interval_days` after the latest
/// report day (or the signing) — never `latest` itself. `None` without a valid signing date
/// for a first report, or past 9999.
pub fn next_report(profile: &Profile, latest: Option<IsoWeek>) -> Option<(IsoWeek, Due)> {
    let reports = &profile.channels.reports;
    let signed = profile.deal.signed.ymd;
    if reports.cadence == Cadence::Weekly {
        return match latest {
            Some(l) => Some((l.next()?, Due::Weekly)),
            None => Some((IsoWeek::of(signed?)?, Due::Signed)),
        };
    }
    // The first week a report may fall in, and the day the interval counts from.
    let (first, from) = match latest {
        Some(l) => (l.next()?, reports.date_in(l)),
        None => {
            let s = signed?;
            (IsoWeek::of(s)?, s)
        }
    };
    let limit = from.plus_days(i64::from(reports.max_interval_days));
    // The last week whose report day is on or before the limit, but not before `first`.
    let mut by_interval = IsoWeek::of(limit)?;
    if reports.date_in(by_interval) > limit {
        by_interval = IsoWeek::of(by_interval.monday().plus_days(-1)).unwrap_or(by_interval);
    }
    let by_interval = by_interval.max(first);
    let stage_end = profile
        .production
        .stages
        .iter()
        .filter_map(|s| Some((s, IsoWeek::of(s.planned_end.ymd?)?)))
        .filter(|(_, w)| *w >= first)
        .min_by_key(|(_, w)| *w);
    match stage_end {
        Some((s, w)) if w <= by_interval => Some((
            w,
            Due::StageEnds {
                stage: s.id.clone(),
                end: s.planned_end.ymd?,
            },
        )),
        _ => Some((
            by_interval,
            Due::Interval {
                days: reports.max_interval_days,
            },
        )),
    }
}

#[cfg(test)]
mod tests;
