//! Render stage: the progress trend of section 3 from the second week on — overall planned
//! against actual completion per reported week up to the ship date (a chart), and each
//! stage's change since the previous report.

use super::colors::*;
use super::{pct, Input, FINE};
use crate::profile::week::schedule::overall;
use crate::profile::Ymd;
use dealguard_pdf::layout::{Block, Chart, Part, Series, Style};

/// Most weeks the chart spans; a ship date further out is left off the axis.
const MAX_SLOTS: usize = 104;

/// The chart block and its legend line, or nothing for a week with no earlier week.
pub(super) fn chart(inp: &Input) -> Vec<Block> {
    let Some(first) = inp.earlier.first() else {
        return Vec::new();
    };
    let reports = &inp.profile.channels.reports;
    let start = reports.date_in(first.iso);
    let slot = |d: Ymd| (d.days_since_epoch() - start.days_since_epoch()) as f32 / 7.0;
    let this = reports.date_in(inp.week.iso);
    let ship = inp.profile.deal.ship_by.ymd.filter(|d| {
        let s = slot(*d);
        s >= 0.0 && s < MAX_SLOTS as f32
    });
    let last = ship.map_or(slot(this), |d| slot(d).max(slot(this)));
    let slots = (last.ceil() as usize + 1).clamp(1, MAX_SLOTS);
    let x_labels = (0..slots)
        .map(|i| {
            // `W49`: the year is in the title block.
            let (_, week, _) = start.plus_days(7 * i as i64).date().to_iso_week_date();
            format!("W{week:02}")
        })
        .collect();
    let (mut planned, mut actual) = (Vec::new(), Vec::new());
    for w in inp.earlier.iter().chain(std::iter::once(inp.week)) {
        let s = slot(reports.date_in(w.iso));
        let (p, a) = overall(inp.profile, &w.week);
        planned.push((s, p as f32));
        actual.push((s, a as f32));
    }
    let lb = inp.labels;
    let series = vec![
        Series {
            name: lb.get("planned"),
            points: planned,
            color: MUTED,
            dashed: true,
            filled: false,
        },
        Series {
            name: lb.get("actual"),
            points: actual,
            color: NAVY,
            dashed: false,
            filled: true,
        },
    ];
    let rule = ship.map(|d| (slot(d), lb.fill("ship_rule", &[("date", d.iso())])));
    vec![
        Block::Spacer(6.0),
        Block::Paragraph(vec![Part::new(
            lb.get("trend_title"),
            FINE.bold().color(NAVY),
        )]),
        Block::Chart(Chart {
            height: 150.0,
            x_labels,
            series,
            rule,
            label: Style::new(6.5, MUTED),
            grid: RULE,
        }),
    ]
}

/// The change of a stage's actual completion since the previous report (`+10%`), when that
/// report has the stage.
pub(super) fn delta(inp: &Input, stage: &str, actual: f64) -> Option<String> {
    let prev = inp.earlier.last()?;
    let row = prev.week.progress.iter().find(|r| r.stage == stage)?;
    let d = actual - row.actual;
    Some(if d.abs() < 0.05 {
        "±0%".to_string()
    } else if d > 0.0 {
        format!("+{}", pct(d))
    } else {
        format!("-{}", pct(-d))
    })
}
