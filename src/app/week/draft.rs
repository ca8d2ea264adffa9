//! `week new`: what the next week's file starts from — carried over from the latest week
//! (actuals, open plan items, buyer actions, issues, materials not yet received) and the
//! planned share of each stage computed from the deal's stage dates.

use crate::profile::deal::Profile;
use crate::profile::week::{IsoWeek, Material, MaterialStatus, Progress, Status, Task, Week};
use crate::profile::{Text, Ymd};

/// A stage's planned completion on `day`, in percent: linear from its planned start (the
/// previous stage's `planned_end`, or `deal.signed` for the first) to its `planned_end`; 0
/// before the start, 100 from the end on.
pub(crate) fn planned_share(start: Ymd, end: Ymd, day: Ymd) -> f64 {
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
    // Rounded to one decimal, as a merchandiser would type it.
    (1000.0 * done as f64 / span as f64).round() / 10.0
}

/// Planned percent per stage of the deal on `day`, in the deal's order (0 where the dates are
/// not valid: `check` reports those in deal.yaml).
pub(crate) fn planned(profile: &Profile, day: Ymd) -> Vec<(String, f64)> {
    let mut start = profile.deal.signed.ymd;
    profile
        .production
        .stages
        .iter()
        .map(|s| {
            let end = s.planned_end.ymd;
            let share = match (start, end) {
                (Some(a), Some(b)) => planned_share(a, b, day),
                _ => 0.0,
            };
            start = end.or(start);
            (s.id.clone(), share)
        })
        .collect()
}

/// The carried-over week: the new head, progress rows with this week's plan and last week's
/// actuals, the open items. Summary and the like hold the fill-in marker.
pub(crate) fn carry(profile: &Profile, prev: Option<&Week>, iso: IsoWeek, day: Ymd) -> Week {
    let fill = Text {
        en: Some(crate::profile::week::FILL_IN.to_string()),
        zh: Some(crate::profile::week::FILL_IN.to_string()),
    };
    let fill = restrict(&fill, profile);
    let progress = planned(profile, day)
        .into_iter()
        .map(|(stage, planned)| {
            let actual = prev
                .and_then(|w| w.progress.iter().find(|p| p.stage == stage))
                .map_or(0.0, |p| p.actual);
            Progress {
                stage,
                planned,
                actual,
                note: None,
            }
        })
        .collect();
    let open_task = |t: &&Task| t.due.ymd.is_none_or(|d| d >= iso.monday());
    let ship = profile
        .production
        .stages
        .last()
        .map(|s| s.planned_end.clone());
    Week {
        week: iso.label(),
        number: prev.map_or(1, |w| w.number.saturating_add(1)),
        prepared_by: prev.map_or(crate::profile::week::FILL_IN.into(), |w| {
            w.prepared_by.clone()
        }),
        reviewed_by: prev.map_or(crate::profile::week::FILL_IN.into(), |w| {
            w.reviewed_by.clone()
        }),
        status: prev.map_or(Status::OnTrack, |w| w.status),
        forecast_ship: match (prev, ship) {
            (Some(w), _) => w.forecast_ship.clone(),
            (None, Some(d)) => d,
            (None, None) => profile.deal.signed.clone(),
        },
        summary: fill,
        progress,
        inspections: Vec::new(),
        materials: prev.map_or(Vec::new(), |w| {
            w.materials
                .iter()
                .filter(|m| m.status != MaterialStatus::Received)
                // Attachments belong to the week they were added in: shown once, not again.
                .map(|m| Material {
                    attachments: Vec::new(),
                    ..m.clone()
                })
                .collect()
        }),
        photos: Vec::new(),
        videos: Vec::new(),
        plan: prev.map_or(Vec::new(), |w| {
            w.plan.iter().filter(open_task).cloned().collect()
        }),
        issues: prev.map_or(Vec::new(), |w| w.issues.clone()),
        buyer_actions: prev.map_or(Vec::new(), |w| w.buyer_actions.clone()),
    }
}

/// A text only in the deal's languages.
pub(crate) fn restrict(t: &Text, profile: &Profile) -> Text {
    use crate::profile::Lang;
    let has = |l: Lang| profile.deal.languages.contains(&l);
    Text {
        en: t.en.clone().filter(|_| has(Lang::En)),
        zh: t.zh.clone().filter(|_| has(Lang::Zh)),
    }
}

#[cfg(test)]
mod tests {
    use super::planned_share;
    use crate::profile::Ymd;

    #[test]
    fn planned_share_is_linear_between_start_and_end() {
        let d = |s| Ymd::parse(s).unwrap();
        // Cutting: 2026-12-04 → 2026-12-18; on Friday 2026-12-11, 7 of 14 days.
        assert_eq!(
            planned_share(d("2026-12-04"), d("2026-12-18"), d("2026-12-11")),
            50.0
        );
        assert_eq!(
            planned_share(d("2026-12-04"), d("2026-12-18"), d("2026-12-01")),
            0.0
        );
        assert_eq!(
            planned_share(d("2026-12-04"), d("2026-12-18"), d("2026-12-18")),
            100.0
        );
        // Polishing 2026-12-18 → 2026-12-30 on 2026-12-25: 7 of 12 days.
        assert_eq!(
            planned_share(d("2026-12-18"), d("2026-12-30"), d("2026-12-25")),
            58.3
        );
    }
}
