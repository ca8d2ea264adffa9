//! Render stage: the call-back record (`callback-form`) as layout blocks — the paper form
//! the schedule's payment-verification clause asks for, with the number on file and the
//! contract's bank details pre-printed, and boxes to fill in by hand.

use super::pdfdoc::{page_label, write_pdf};
use super::templates::Labels;
use crate::pdf::font::Fonts;
use crate::pdf::layout::{Block, Cell, Column, Part, Style, Table};
use crate::pdf::page::{self, colors::*, Furniture};
use crate::pdf::write::Meta;
use crate::profile::deal::Profile;
use crate::profile::Langs;

const BODY: Style = Style::new(9.0, INK);
const FINE: Style = Style::new(7.4, MUTED);
const H2: Style = Style::new(10.5, NAVY).bold();

/// Box heights and the label column's width. A bilingual form has labels twice as long:
/// it gets a wider label column and lower boxes so that it stays on one A4 page with up to
/// two or three approvers (a handwritten line needs about 16 pt); more approvers
/// move to the next page with their heading.
#[derive(Clone, Copy)]
struct Sizes {
    /// Width of the label column against 2.2 for the boxes.
    label: f32,
    /// A box of the call's table.
    field: f32,
    /// A box of the read-back table.
    readback: f32,
    /// The notes box.
    notes: f32,
    /// An approver's boxes.
    approver: f32,
    /// The read-back table's columns: item, contract, as read back, same?
    readback_cols: [f32; 4],
}

impl Sizes {
    fn for_langs(langs: &Langs) -> Sizes {
        if langs.list().len() > 1 {
            Sizes {
                label: 1.6,
                field: 17.0,
                readback: 16.0,
                notes: 22.0,
                approver: 22.0,
                // "[ ] yes [ ] no / [ ] 是 [ ] 否" on one line: each row one line lower.
                readback_cols: [1.2, 1.4, 1.1, 1.3],
            }
        } else {
            Sizes {
                label: 1.0,
                field: 20.0,
                readback: 18.0,
                notes: 34.0,
                approver: 34.0,
                readback_cols: [1.0, 1.5, 1.5, 0.8],
            }
        }
    }
}

fn heading(text: String) -> Block {
    Block::Heading {
        text,
        style: H2,
        rule: Some(ACCENT),
    }
}

/// A box to write in, `height` points tall, with its label in the corner.
fn write_in(label: String, height: f32) -> Cell {
    Cell::Frame {
        height,
        label,
        style: FINE,
    }
}

fn table(columns: Vec<Column>, header: Option<Vec<Cell>>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns,
        header,
        rows,
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 4.0,
    })
}

/// Title, intro, the deal's facts and the number to dial; `clause` is the number of the
/// payment-verification clause.
fn head(p: &Profile, lb: &Labels, clause: &str) -> Vec<Block> {
    let kv = |k: &str, v: String| (lb.get(k), vec![Part::new(v, BODY)]);
    let names = |x: &crate::profile::deal::Party| super::contract::party_name(x, lb.langs());
    vec![
        Block::Heading {
            text: lb.get("title"),
            style: Style::new(15.0, NAVY).bold(),
            rule: None,
        },
        Block::Paragraph(vec![Part::new(lb.get("subtitle"), BODY.bold())]),
        Block::Paragraph(
            lb.langs()
                .list()
                .iter()
                .map(|l| {
                    let c = lb.fill_one("clause", *l, &[("n", clause.to_string())]);
                    Part::new(lb.fill_one("intro", *l, &[("clause", c)]), FINE)
                })
                .collect(),
        ),
        Block::Spacer(4.0),
        Block::KeyValue {
            items: vec![
                kv("deal", p.deal.id.clone()),
                kv("terms", p.payment.short()),
                kv("seller", names(&p.seller).join(" ")),
                kv("buyer", names(&p.buyer).join(" ")),
            ],
            pairs: 2,
            label: FINE.bold(),
        },
        Block::Spacer(6.0),
        table(
            vec![Column::left(1.0), Column::left(2.2)],
            None,
            vec![vec![
                Cell::text(lb.get("dial"), BODY.bold().color(NAVY)),
                Cell::Text(vec![
                    Part::new(
                        page::unbreakable(p.payment.verification.callback()),
                        Style::new(16.0, NAVY).bold(),
                    ),
                    Part::new(lb.get("never"), BODY.bold().color(BAD)),
                ]),
            ]],
        ),
    ]
}

/// The call, the details read back, the outcome.
fn body(p: &Profile, lb: &Labels, z: Sizes) -> Vec<Block> {
    let b = &p.payment.beneficiary;
    let blank = |k: &str| {
        vec![
            Cell::text(lb.get(k), BODY.bold()),
            write_in(String::new(), z.field),
        ]
    };
    let read = |k: &str, v: &str| {
        vec![
            Cell::text(lb.get(k), BODY.bold()),
            Cell::text(v.to_string(), BODY),
            write_in(String::new(), z.readback),
            Cell::text(lb.get("yes_no"), FINE),
        ]
    };
    let contact = p.seller.security_contact.clone().unwrap_or_default();
    vec![
        heading(lb.get("call")),
        table(
            vec![Column::left(z.label), Column::left(2.2)],
            None,
            vec![
                blank("when"),
                blank("caller"),
                blank("reached"),
                vec![Cell::text(lb.get("dialled"), BODY.bold()), Cell::Empty],
                blank("about"),
            ],
        ),
        heading(lb.get("readback")),
        table(
            z.readback_cols.iter().map(|w| Column::left(*w)).collect(),
            Some(
                ["item", "contract", "heard", "same"]
                    .iter()
                    .map(|k| Cell::text(lb.get(k), FINE.bold().color(NAVY)))
                    .collect(),
            ),
            vec![
                read("account_name", &b.account_name),
                read("account_number", &b.account_number),
                read("bank", &b.bank),
                read("swift", &b.swift),
                read("amount", &p.payment.currency),
            ],
        ),
        heading(lb.get("outcome")),
        Block::Paragraph(vec![Part::new(lb.get("confirmed"), BODY)]),
        Block::Paragraph(vec![Part::new(
            lb.fill("refused", &[("contact", contact)]),
            BODY,
        )]),
        table(
            vec![Column::left(1.0)],
            None,
            vec![vec![write_in(lb.get("notes"), z.notes)]],
        ),
    ]
}

/// One row per approver: name and role, signature, date.
fn approvals(p: &Profile, lb: &Labels, z: Sizes) -> Vec<Block> {
    let n = p.payment.verification.approvers.max(1);
    let rows = (1..=n)
        .map(|i| {
            vec![
                write_in(lb.fill("approver", &[("n", i.to_string())]), z.approver),
                write_in(lb.get("signature"), z.approver),
                write_in(lb.get("date"), z.approver),
            ]
        })
        .collect();
    // Heading and rows stay together: approver rows alone on a page read as a loose sheet.
    vec![Block::Keep(vec![
        heading(lb.fill("approvers", &[("n", n.to_string())])),
        table(
            vec![Column::left(1.6), Column::left(1.4), Column::left(0.7)],
            None,
            rows,
        ),
    ])]
}

/// The call-back record as a PDF on the seller's letterhead.
pub fn form(
    p: &Profile,
    langs: &Langs,
    lb: &Labels,
    report_labels: &Labels,
    clause: &str,
    fonts: &Fonts,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let mut blocks = head(p, lb, clause);
    blocks.push(Block::Spacer(4.0));
    let z = Sizes::for_langs(langs);
    blocks.extend(body(p, lb, z));
    blocks.extend(approvals(p, lb, z));
    let furniture = Furniture {
        left: super::contract::party_name(&p.seller, langs),
        title: lb.get("title"),
        subtitle: p.deal.id.clone(),
        footer: vec![lb.get("never")],
        page_label: page_label(report_labels),
    };
    let meta = Meta {
        title: format!("{} — {}", lb.get("title"), p.deal.id),
        author: p.seller.name.clone(),
        subject: format!("{} call-back record", p.deal.id),
        keywords: vec![
            p.deal.id.clone(),
            "call-back".into(),
            "回拨核实".into(),
            p.buyer.name.clone(),
        ],
        timestamp,
    };
    write_pdf(&blocks, &furniture, fonts, meta)
}
