//! Tests of the schedule: planned shares, the weighted overall figure, the next report's week.

use super::*;
use crate::profile::deal::{Cadence, Profile};

fn d(s: &str) -> Ymd {
    Ymd::parse(s).unwrap()
}

fn w(s: &str) -> IsoWeek {
    IsoWeek::parse(s).unwrap()
}

/// The bundled example (signed 2026-11-20; stages end 11-27, 12-18, 12-30, 01-06, 01-10) as a
/// milestones deal with reports at most `days` apart.
fn milestones(days: u32) -> Profile {
    let mut p = crate::profile::example().clone();
    p.channels.reports.cadence = Cadence::Milestones;
    p.channels.reports.weekday = None;
    p.channels.reports.max_interval_days = days;
    p
}

fn week(rows: &[(&str, f64, f64)]) -> Week {
    let mut wk: Week = serde_yaml::from_str(crate::assets::EXAMPLE_WEEK).unwrap();
    wk.progress = rows
        .iter()
        .map(|(s, p, a)| super::super::Progress {
            stage: s.to_string(),
            planned: *p,
            actual: *a,
            note: None,
        })
        .collect();
    wk
}

#[test]
fn planned_share_is_linear_between_start_and_end() {
    // Cutting: 2026-12-04 → 2026-12-18; on Friday 2026-12-11, 7 of 14 days.
    let share = |a, b, day| planned_share(d(a), d(b), d(day));
    assert_eq!(share("2026-12-04", "2026-12-18", "2026-12-11"), 50.0);
    assert_eq!(share("2026-12-04", "2026-12-18", "2026-12-01"), 0.0);
    assert_eq!(share("2026-12-04", "2026-12-18", "2026-12-18"), 100.0);
    // Polishing 2026-12-18 → 2026-12-30 on 2026-12-25: 7 of 12 days.
    assert_eq!(share("2026-12-18", "2026-12-30", "2026-12-25"), 58.3);
}

#[test]
fn spans_run_from_the_previous_end_and_the_first_from_the_signing() {
    let s = spans(crate::profile::example());
    assert_eq!(s[0].dates, Some((d("2026-11-20"), d("2026-11-27"))));
    assert_eq!(s[1].dates, Some((d("2026-11-27"), d("2026-12-18"))));
    assert_eq!(s[4].dates, Some((d("2027-01-06"), d("2027-01-10"))));
    // The example's W49 (report day Friday 2026-12-04) is what the dates give.
    let planned = planned(crate::profile::example(), d("2026-12-04"));
    let got: Vec<f64> = planned.iter().map(|(_, p)| p.unwrap()).collect();
    assert_eq!(got, [100.0, 33.3, 0.0, 0.0, 0.0]);
}

#[test]
fn overall_completion_is_weighted_by_planned_duration() {
    let p = crate::profile::example();
    // Durations: 7, 21, 12, 7, 4 days (51 in all).
    let wk = week(&[
        ("materials", 100.0, 100.0),
        ("cutting", 50.0, 20.0),
        ("polishing", 0.0, 0.0),
        ("assembly", 0.0, 0.0),
        ("packing", 0.0, 100.0),
    ]);
    let (planned, actual) = overall(p, &wk);
    assert!((planned - (7.0 * 100.0 + 21.0 * 50.0) / 51.0).abs() < 1e-9);
    assert!((actual - (7.0 * 100.0 + 21.0 * 20.0 + 4.0 * 100.0) / 51.0).abs() < 1e-9);
    // A plain average would say 30 % planned: the long cutting stage counts for more.
    assert!((planned - 34.31).abs() < 0.01, "{planned}");
    // With the dates' own figures, overall planned is the share of the schedule elapsed: on
    // 2026-12-11, 21 of the 51 days since the signing.
    let day = d("2026-12-11");
    let rows: Vec<(String, f64)> = super::planned(p, day)
        .into_iter()
        .map(|(s, v)| (s, v.unwrap()))
        .collect();
    let rows: Vec<(&str, f64, f64)> = rows.iter().map(|(s, v)| (s.as_str(), *v, 0.0)).collect();
    let (planned, _) = overall(p, &week(&rows));
    assert!((planned - 100.0 * 21.0 / 51.0).abs() < 0.1, "{planned}");
    // A stage the week leaves out counts as 0; no stages, nothing to weigh.
    let (planned, _) = overall(p, &week(&[("materials", 100.0, 0.0)]));
    assert!((planned - 700.0 / 51.0).abs() < 1e-9);
    let mut empty = p.clone();
    empty.production.stages.clear();
    assert_eq!(overall(&empty, &wk), (0.0, 0.0));
}

#[test]
fn weekly_reports_follow_the_weeks() {
    let p = crate::profile::example();
    assert_eq!(next_report(p, None), Some((w("2026-W47"), Due::Signed)));
    assert_eq!(
        next_report(p, Some(w("2026-W49"))),
        Some((w("2026-W50"), Due::Weekly))
    );
    // Across a year with 53 weeks.
    assert_eq!(
        next_report(p, Some(w("2026-W53"))),
        Some((w("2027-W01"), Due::Weekly))
    );
}

#[test]
fn milestone_reports_follow_the_stage_ends_within_the_interval() {
    let p = milestones(14);
    let stage = |s: &str, e: &str| Due::StageEnds {
        stage: s.into(),
        end: d(e),
    };
    // First report: materials ends Friday 2026-11-27 (W48), a week after the signing.
    assert_eq!(
        next_report(&p, None),
        Some((w("2026-W48"), stage("materials", "2026-11-27")))
    );
    // After W48: cutting ends 2026-12-18 (W51), three weeks on; 14 days after Friday
    // 2026-11-27 is Friday 2026-12-11 (W50), which comes first.
    assert_eq!(
        next_report(&p, Some(w("2026-W48"))),
        Some((w("2026-W50"), Due::Interval { days: 14 }))
    );
    assert_eq!(
        next_report(&p, Some(w("2026-W50"))),
        Some((w("2026-W51"), stage("cutting", "2026-12-18")))
    );
    // Polishing ends Wednesday 2026-12-30, in ISO week 2026-W53.
    assert_eq!(
        next_report(&p, Some(w("2026-W51"))),
        Some((w("2026-W53"), stage("polishing", "2026-12-30")))
    );
    // Assembly (2027-01-06) and packing (2027-01-10, a Sunday) both end in 2027-W01: one
    // report, named for the first.
    assert_eq!(
        next_report(&p, Some(w("2026-W53"))),
        Some((w("2027-W01"), stage("assembly", "2027-01-06")))
    );
    // After the last stage, the interval alone.
    assert_eq!(
        next_report(&p, Some(w("2027-W01"))),
        Some((w("2027-W03"), Due::Interval { days: 14 }))
    );
}

#[test]
fn a_short_interval_never_proposes_the_same_week_again() {
    // Five days after a Friday is a Wednesday, before the next Friday: the next week anyway.
    let p = milestones(5);
    assert_eq!(
        next_report(&p, Some(w("2026-W48"))),
        Some((w("2026-W49"), Due::Interval { days: 5 }))
    );
    // Ten days: the Friday of the next week is within them.
    let p = milestones(10);
    assert_eq!(
        next_report(&p, Some(w("2026-W48"))),
        Some((w("2026-W49"), Due::Interval { days: 10 }))
    );
}

#[test]
fn without_a_signing_date_there_is_no_first_report() {
    let mut p = milestones(14);
    p.deal.signed.ymd = None;
    assert_eq!(next_report(&p, None), None);
    p.channels.reports.cadence = Cadence::Weekly;
    assert_eq!(next_report(&p, None), None);
}
