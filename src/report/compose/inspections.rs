//! Render stage: section 4 of the report, key inspections, with the ISO 2859-1 plans resolved
//! for each defect class and the verdict.

use super::colors::*;
use super::{person, Input, FINE, SMALL};
use crate::profile::aql::{self, ClassResult, Evaluation};
use crate::profile::week::Inspection;
use dealguard_pdf::layout::{Align, Block, Cell, Part, Rgb, Style};

/// Section 4: one row per inspection whose plans resolve, then the note on sampling.
pub(super) fn inspections(inp: &Input) -> Vec<Block> {
    let list = &inp.week.week.inspections;
    let mut out = Vec::new();
    if list.is_empty() {
        out.push(inp.none());
    }
    let rows: Vec<Vec<Cell>> = list.iter().filter_map(|ins| row(inp, ins)).collect();
    if rows.is_empty() {
        return out;
    }
    out.push(inp.table(
        &[
            (2.8, Align::Left),
            (1.5, Align::Left),
            (0.9, Align::Left),
            (1.5, Align::Left),
            (0.6, Align::Right),
            (0.8, Align::Right),
            (0.8, Align::Right),
            (0.8, Align::Right),
            (1.3, Align::Center),
        ],
        vec![
            "item",
            "stage",
            "lot_level",
            "class",
            "AQL",
            "sample",
            "Ac / Re",
            "found",
            "result",
        ],
        rows,
    ));
    // The note explains the table's marks: never alone at the top of a page.
    out.push(Block::Follow(vec![Block::Paragraph(vec![Part::new(
        inp.labels.get("sampling_note"),
        FINE,
    )])]));
    out
}

/// An inspection's row, or `None` when its plans do not resolve (the load stage has already
/// reported why).
fn row(inp: &Input, ins: &Inspection) -> Option<Vec<Cell>> {
    let level = aql::Level::parse(&ins.aql.level)?;
    let ev = aql::evaluate(
        ins.lot_size,
        level,
        [ins.aql.critical, ins.aql.major, ins.aql.minor],
        [ins.defects.critical, ins.defects.major, ins.defects.minor],
    )
    .ok()?;
    let mut item = inp.parts(&ins.item, SMALL.bold(), FINE);
    item.push(Part::new(ins.standard.clone(), FINE));
    // The inspector in both scripts, as the plan's owners are (`Zhao Lei 赵磊`).
    let inspector = ins
        .inspector
        .as_deref()
        .map(|n| person(inp.profile, n, inp.langs));
    let who: Vec<String> = [inspector, ins.report_ref.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !who.is_empty() {
        item.push(Part::new(who.join(" · "), FINE));
    }
    let lot = ins.lot_size;
    let (word, fill) = if ev.pass {
        ("pass", GOOD)
    } else {
        ("fail", BAD)
    };
    let sample = |r: &ClassResult| {
        if r.plan.sample_size >= lot {
            format!("{}*", r.plan.sample_size)
        } else {
            r.plan.sample_size.to_string()
        }
    };
    Some(vec![
        Cell::Text(item),
        Cell::Text(vec![Part::new(inp.stage_name(&ins.stage), SMALL)]),
        Cell::Text(vec![
            Part::new(format!("{lot}"), SMALL),
            Part::new(format!("{} · {}", level.label(), ev.letter), FINE),
        ]),
        class_names(inp, &ev),
        column(&ev, false, |r| trim_aql(r.aql)),
        column(&ev, false, sample),
        column(&ev, false, |r| {
            format!("{} / {}", r.plan.accept, r.plan.reject)
        }),
        column(&ev, true, |r| r.found.to_string()),
        Cell::Badge {
            text: inp.labels.get(word),
            style: Style::new(8.0, Rgb::WHITE).bold(),
            fill,
        },
    ])
}

/// The defect classes in order: critical, major, minor.
fn classes(ev: &Evaluation) -> [(&'static str, &ClassResult); 3] {
    [
        ("critical", &ev.critical),
        ("major", &ev.major),
        ("minor", &ev.minor),
    ]
}

/// The names of the classes, one per line; a failed class in red.
fn class_names(inp: &Input, ev: &Evaluation) -> Cell {
    Cell::Text(
        classes(ev)
            .iter()
            .map(|(k, r)| {
                let style = if r.pass {
                    SMALL
                } else {
                    SMALL.bold().color(BAD)
                };
                Part::new(inp.labels.get_sep(k, " "), style)
            })
            .collect(),
    )
}

/// One value per defect class, one line each, so the numbers of the five columns line up.
fn column(ev: &Evaluation, bold: bool, f: impl Fn(&ClassResult) -> String) -> Cell {
    Cell::Text(
        classes(ev)
            .iter()
            .map(|(_, r)| {
                let style = if !r.pass {
                    SMALL.bold().color(BAD)
                } else if bold {
                    SMALL.bold()
                } else {
                    SMALL
                };
                Part::new(f(r), style)
            })
            .collect(),
    )
}

/// `2.5`, `0.65`, `0` — as written in the standard, without trailing zeros.
pub(super) fn trim_aql(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
