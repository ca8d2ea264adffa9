//! `week new`: what the next week's file starts from — carried over from the latest week
//! (actuals, open plan items, buyer actions, issues, materials not yet received) and the
//! planned share of each stage computed from the deal's stage dates
//! (`profile::week::schedule`).

use crate::profile::deal::Profile;
use crate::profile::week::{
    schedule, IsoWeek, Material, MaterialStatus, Progress, Status, Task, Week,
};
use crate::profile::{Text, Ymd};

/// The carried-over week: the new head, progress rows with this week's plan and last week's
/// actuals, the open items. Summary and the like hold the fill-in marker.
pub(crate) fn carry(profile: &Profile, prev: Option<&Week>, iso: IsoWeek, day: Ymd) -> Week {
    let fill = Text {
        en: Some(crate::profile::week::FILL_IN.to_string()),
        zh: Some(crate::profile::week::FILL_IN.to_string()),
    };
    let fill = restrict(&fill, profile);
    let progress = schedule::planned(profile, day)
        .into_iter()
        .map(|(stage, planned)| {
            // 0 where the dates are not valid: `check` reports those in deal.yaml.
            let planned = planned.unwrap_or(0.0);
            let actual = prev
                .and_then(|w| w.progress.iter().find(|p| p.stage == stage))
                .map_or(0.0, |p| p.actual);
            Progress {
                stage,
                planned: tenth(planned),
                actual: tenth(actual),
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

/// A percentage to the tenth, as a new week file gives it (`66.7`): the planned share is
/// computed from dates, and the writer writes every number exactly as the week holds it.
fn tenth(v: f64) -> f64 {
    schedule::percent(v).parse().unwrap_or(v)
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
