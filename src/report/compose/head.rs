//! Render stage: the report's head — section 1, the title block (deal and week facts, status
//! and completion, shipment date), and section 2, the summary.

use super::colors::*;
use super::{bar_color, pct, person, Input, BODY, SMALL};
use crate::profile::deal::Party;
use crate::profile::week::schedule::overall;
use crate::profile::week::Status;
use dealguard_pdf::layout::{Block, Cell, Column, Part, Rgb, Style, Table};

/// Section 1: the deal's id and title, the facts of the week, the status table.
pub(super) fn title(inp: &Input) -> Vec<Block> {
    let p = inp.profile;
    let titles = inp
        .langs
        .distinct(|l| p.deal.title.get_or_any(l).to_string());
    let mut out = vec![Block::Heading {
        text: format!("{} — {}", p.deal.id, titles[0]),
        style: Style::new(14.0, NAVY).bold(),
        rule: None,
    }];
    if let Some(second) = titles.get(1) {
        out.push(Block::Paragraph(vec![Part::new(
            second.clone(),
            Style::new(11.0, NAVY).bold(),
        )]));
    }
    out.push(Block::Spacer(4.0));
    out.push(facts(inp));
    out.push(Block::Spacer(4.0));
    out.push(status_table(inp));
    out
}

/// Buyer, seller, week, period, report number, deal, who prepared and reviewed it.
fn facts(inp: &Input) -> Block {
    let (p, w, iso, lb) = (inp.profile, &inp.week.week, inp.week.iso, inp.labels);
    let names = |party: &Party| {
        inp.langs
            .distinct(|l| party.display_name(l).to_string())
            .join(" / ")
    };
    let (mon, sun) = (iso.monday(), iso.sunday());
    let mut period: Vec<String> = inp
        .langs
        .list()
        .iter()
        .map(|l| format!("{} – {}", mon.long(*l), sun.long(*l)))
        .collect();
    period.dedup();
    // The issue date: the deal's report day in this week (Friday unless the profile names
    // another), from the week itself, never the clock.
    let issued = p.channels.reports.date_in(iso);
    let issued = inp.langs.distinct(|l| issued.long(l)).join(" / ");
    let kv = |k: &str, v: String| (lb.get(k), vec![Part::new(v, BODY)]);
    let mut items = vec![kv("buyer", names(&p.buyer)), kv("seller", names(&p.seller))];
    // A report that follows the stages is dated, not numbered by week; a weekly one is both
    // (the deal id already heads the block).
    items.extend(match p.channels.reports.cadence.label_variant() {
        None => [
            kv("week", iso.label()),
            kv("period", period.join(" / ")),
            kv("report_no", format!("{}", w.number)),
            kv("report_date", issued),
        ],
        Some(_) => [
            kv("report_date", issued),
            kv("period", period.join(" / ")),
            kv("report_no", format!("{}", w.number)),
            kv("deal", p.deal.id.clone()),
        ],
    });
    items.push(kv("prepared_by", person(p, &w.prepared_by, inp.langs)));
    items.push(kv("reviewed_by", person(p, &w.reviewed_by, inp.langs)));
    Block::KeyValue {
        items,
        pairs: 2,
        label: SMALL.bold().color(MUTED),
    }
}

/// One row: the status badge, overall completion against plan with its bar, the shipment.
fn status_table(inp: &Input) -> Block {
    let lb = inp.labels;
    let (status_key, status_fill, status_ink) = match inp.week.week.status {
        Status::OnTrack => ("on_track", GOOD, Rgb::WHITE),
        Status::AtRisk => ("at_risk", WARN, Rgb::BLACK),
        Status::Delayed => ("delayed", BAD, Rgb::WHITE),
    };
    let (op, oa) = overall(inp.profile, &inp.week.week);
    Block::Table(Table {
        columns: vec![
            Column::left(1.5),
            Column::left(2.2),
            Column::left(1.6),
            Column::left(3.4),
        ],
        header: Some(vec![
            inp.header_cell("status"),
            inp.header_cell("completion"),
            Cell::Empty,
            inp.header_cell("ship_date"),
        ]),
        rows: vec![vec![
            Cell::Badge {
                text: lb.get(status_key),
                style: Style::new(9.0, status_ink).bold(),
                fill: status_fill,
            },
            Cell::Text(vec![Part::new(
                format!("{}  ({} {})", pct(oa), lb.get("planned_short"), pct(op)),
                BODY.bold(),
            )]),
            Cell::Bar {
                planned: op as f32,
                actual: oa as f32,
                color: bar_color(op, oa),
            },
            Cell::text(shipment(inp), BODY),
        ]],
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 3.5,
    })
}

/// Planned and forecast shipment dates with the difference in days, or `—`.
fn shipment(inp: &Input) -> String {
    let lb = inp.labels;
    let (Some(plan), Some(fc)) = (
        inp.profile.deal.ship_by.ymd,
        inp.week.week.forecast_ship.ymd,
    ) else {
        return "—".to_string();
    };
    let diff = fc.days_since_epoch() - plan.days_since_epoch();
    let verdict = match diff {
        0 => lb.get("on_time"),
        d if d > 0 => lb.fill("days_late", &[("n", d.to_string())]),
        d => lb.fill("days_early", &[("n", (-d).to_string())]),
    };
    format!(
        "{} {} → {} {} ({verdict})",
        lb.get("ship_planned"),
        plan.iso(),
        lb.get("ship_forecast"),
        fc.iso()
    )
}

/// Section 2: the week's summary in every language.
pub(super) fn summary(inp: &Input) -> Vec<Block> {
    vec![Block::Paragraph(inp.parts(
        &inp.week.week.summary,
        BODY,
        BODY.color(MUTED),
    ))]
}
