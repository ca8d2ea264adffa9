//! Render stage: the report's plain tables — section 3, production progress; section 5,
//! material purchases; section 7, the next-stage plan.

use super::colors::*;
use super::{bar_color, pct, person, trend, Input, FINE, SMALL};
use crate::profile::deal::Stage;
use crate::profile::week::{Material, MaterialStatus, Task};
use dealguard_pdf::layout::{Align, Block, Cell, Part, Rgb};

/// Section 3: every stage of the deal, in the deal's order, planned against actual.
pub(super) fn progress(inp: &Input) -> Vec<Block> {
    let stages = &inp.profile.production.stages;
    if stages.is_empty() {
        return vec![inp.none()];
    }
    let rows = stages.iter().map(|s| progress_row(inp, s)).collect();
    // The legends explain the bars and changes: they stay under the table's last row.
    let mut legends = vec![Block::Paragraph(vec![Part::new(
        inp.labels.get("bar_legend"),
        FINE,
    )])];
    if !inp.earlier.is_empty() {
        legends.push(Block::Paragraph(vec![Part::new(
            inp.labels.get("delta_legend"),
            FINE,
        )]));
    }
    let mut out = vec![
        inp.table(
            &[
                (2.5, Align::Left),
                (1.15, Align::Right),
                (1.15, Align::Right),
                (2.2, Align::Left),
                (3.0, Align::Left),
            ],
            vec!["stage", "planned", "actual", "bar", "note"],
            rows,
        ),
        Block::Follow(legends),
    ];
    out.extend(trend::chart(inp));
    out
}

/// A stage's row: its week's progress, or "not reported" when the week has none.
fn progress_row(inp: &Input, s: &Stage) -> Vec<Cell> {
    match inp.week.week.progress.iter().find(|r| r.stage == s.id) {
        Some(r) => vec![
            Cell::Text(inp.parts(&s.name, SMALL.bold(), FINE)),
            Cell::text(pct(r.planned), SMALL),
            Cell::Text(
                std::iter::once(Part::new(pct(r.actual), SMALL.bold()))
                    .chain(trend::delta(inp, &s.id, r.actual).map(|d| Part::new(d, FINE)))
                    .collect(),
            ),
            Cell::Bar {
                planned: r.planned as f32,
                actual: r.actual as f32,
                color: bar_color(r.planned, r.actual),
            },
            Cell::Text(
                r.note
                    .as_ref()
                    .map_or_else(Vec::new, |n| inp.parts(n, SMALL, FINE)),
            ),
        ],
        None => vec![
            Cell::Text(inp.parts(&s.name, SMALL.bold(), FINE)),
            Cell::text("—", SMALL),
            Cell::text("—", SMALL),
            Cell::text(inp.labels.get("not_reported"), FINE),
            Cell::Empty,
        ],
    }
}

/// Section 5: material purchases with supplier, voucher, quantities and status.
pub(super) fn materials(inp: &Input) -> Vec<Block> {
    let materials = &inp.week.week.materials;
    if materials.is_empty() {
        return vec![inp.none()];
    }
    let names: Vec<&str> = materials.iter().map(|m| m.supplier.as_str()).collect();
    let shown = suppliers_shown(inp, &names);
    let rows = materials
        .iter()
        .zip(shown)
        .map(|(m, supplier)| material_row(inp, m, supplier))
        .collect();
    vec![inp.table(
        &[
            (2.6, Align::Left),
            (1.9, Align::Left),
            (1.3, Align::Left),
            (1.15, Align::Right),
            (1.15, Align::Right),
            (1.2, Align::Left),
            (1.4, Align::Left),
        ],
        vec![
            "material", "supplier", "voucher", "ordered", "received", "date", "status",
        ],
        rows,
    )]
}

/// The supplier column: the names as written, or with `output.hide_suppliers` "Supplier A",
/// "Supplier B"… — the buyer must not learn whom to buy from directly. A supplier keeps its
/// letter through the table, letters given in order of first appearance.
fn suppliers_shown(inp: &Input, names: &[&str]) -> Vec<String> {
    if !inp.profile.output.hide_suppliers {
        return names.iter().map(|n| n.to_string()).collect();
    }
    let mut seen: Vec<&str> = Vec::new();
    names
        .iter()
        .map(|n| {
            let key = n.trim();
            let i = seen.iter().position(|s| *s == key).unwrap_or_else(|| {
                seen.push(key);
                seen.len() - 1
            });
            inp.labels
                .fill("supplier_alias", &[("n", alias_letters(i))])
        })
        .collect()
}

/// `A`…`Z`, then `AA`, `AB`… for the `i`-th supplier (from 0).
pub(super) fn alias_letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// A purchase's row; its status in every language, coloured by how far delivery has come.
fn material_row(inp: &Input, m: &Material, supplier: String) -> Vec<Cell> {
    let (key, col) = match m.status {
        MaterialStatus::Ordered => ("m_ordered", BAD),
        MaterialStatus::Partial => ("m_partial", Rgb::hex(0x8a5a00)),
        MaterialStatus::Received => ("m_received", GOOD),
    };
    let status = inp
        .labels
        .lines(key)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i == 0 {
                SMALL.bold().color(col)
            } else {
                FINE.color(col)
            };
            Part::new(l, style)
        })
        .collect();
    vec![
        Cell::Text(inp.parts(&m.material, SMALL.bold(), FINE)),
        Cell::text(supplier, SMALL),
        Cell::text(m.voucher.clone(), SMALL),
        Cell::text(m.ordered.clone(), SMALL),
        Cell::text(m.received.clone(), SMALL),
        Cell::text(inp.date(m.date.ymd), SMALL),
        Cell::Text(status),
    ]
}

/// Section 7: the next-stage plan — task, owner, start, due, milestone.
pub(super) fn plan(inp: &Input) -> Vec<Block> {
    let tasks = &inp.week.week.plan;
    if tasks.is_empty() {
        return vec![inp.none()];
    }
    let rows = tasks.iter().map(|t| task_row(inp, t)).collect();
    vec![inp.table(
        &[
            (3.8, Align::Left),
            (2.0, Align::Left),
            (1.2, Align::Left),
            (1.2, Align::Left),
            (1.9, Align::Left),
        ],
        vec!["task", "owner", "start", "due", "milestone"],
        rows,
    )]
}

/// A task's row; a milestone is starred.
fn task_row(inp: &Input, t: &Task) -> Vec<Cell> {
    vec![
        Cell::Text(inp.parts(&t.task, SMALL.bold(), FINE)),
        Cell::text(person(inp.profile, &t.owner, inp.langs), SMALL),
        Cell::text(
            t.start
                .as_ref()
                .map_or("—".to_string(), |s| inp.date(s.ymd)),
            SMALL,
        ),
        Cell::text(inp.date(t.due.ymd), SMALL.bold()),
        if t.milestone {
            Cell::text(
                format!("★ {}", inp.labels.get("milestone")),
                SMALL.bold().color(NAVY),
            )
        } else {
            Cell::Empty
        },
    ]
}
