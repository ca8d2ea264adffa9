//! Render stage: the call-back record (`callback-form`) as layout blocks — the paper form
//! the schedule's payment-verification clause asks for, with the number on file and the
//! contract's bank details pre-printed, and boxes to fill in by hand.
//!
//! One A4 page in every language with two or three approvers: each box carries its label in
//! its corner (both languages in one label), so no label column takes the width the
//! handwriting needs; the read-back boxes hold a bank's full name or an IBAN on two written
//! lines. The boxes are drawn as tall as they can be while the form stays on one page
//! (`SCALES`); only a deal with more approvers than that moves their rows, with their
//! heading, to a second page.

use super::pdfdoc::{page_label, ruled_table, write_pdf};
use super::templates::Labels;
use crate::profile::deal::Profile;
use crate::profile::Langs;
use dealguard_pdf::font::Fonts;
use dealguard_pdf::layout::{self, Block, Cell, Column, Part, Pt, Rgb, Style, Table};
use dealguard_pdf::page::{self, colors::*, Furniture};
use dealguard_pdf::write::Meta;

const BODY: Style = Style::new(9.0, INK);
const FINE: Style = Style::new(7.4, MUTED);
const H2: Style = Style::new(10.5, NAVY).bold();

/// The tick box before each choice: one per choice, whatever the languages.
const TICK: &str = "☐";

/// Heights of the boxes at full size, in points. A handwritten line needs about 17 pt;
/// the read-back boxes of names and numbers take two such lines.
#[derive(Clone, Copy)]
struct Sizes {
    /// A box of the call (under its label).
    field: Pt,
    /// A read-back box for a name or an account number: two written lines.
    long: Pt,
    /// A read-back box for a short code or amount: one written line.
    short: Pt,
    /// The notes box, beside the outcome's choices (at least as tall as their four lines).
    notes: Pt,
    /// An approver's boxes.
    approver: Pt,
}

const FULL: Sizes = Sizes {
    field: 30.0,
    long: 40.0,
    short: 24.0,
    notes: 40.0,
    approver: 36.0,
};

/// Scales tried in turn, the first that keeps the form on one page wins. The last keeps a
/// written line at about 14 pt: below that the form is not worth printing.
const SCALES: [f32; 4] = [1.0, 0.9, 0.8, 0.7];

impl Sizes {
    fn scaled(self, k: f32) -> Sizes {
        Sizes {
            field: self.field * k,
            long: self.long * k,
            short: self.short * k,
            notes: (self.notes * k).max(BODY.line_height() * 4.0),
            approver: self.approver * k,
        }
    }
}

/// The read-back table's columns: the item and the contract's value, the box, the answer.
const READBACK: [f32; 3] = [1.3, 2.4, 0.62];

fn heading(text: String) -> Block {
    Block::Heading {
        text,
        style: H2,
        rule: Some(ACCENT),
    }
}

/// A box to write in, at least `height` points tall, with its label in the corner.
fn write_in(label: String, height: Pt) -> Cell {
    Cell::Frame {
        height,
        label,
        style: FINE,
    }
}

/// Boxes side by side: no rules between the rows, the boxes are the lines.
fn boxes(weights: &[f32], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        rule: Rgb::WHITE,
        ..ruled_table(
            weights.iter().map(|w| Column::left(*w)).collect(),
            None,
            rows,
            3.0,
        )
    })
}

/// A choice to tick: the box, then its label in every language (`☐ yes / 是`).
fn choice(label: String, style: Style) -> Part {
    Part::new(label, style).marked(TICK, style.size * 1.5)
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
                // In the form's first language: a bilingual line of terms takes four lines
                // of the half-width column, and the form must stay one page.
                kv("terms", p.payment.short(lb.langs().primary())),
                kv("seller", names(&p.seller).join(" ")),
                kv("buyer", names(&p.buyer).join(" ")),
            ],
            pairs: 2,
            label: FINE.bold(),
        },
        Block::Spacer(6.0),
        Block::Table(ruled_table(
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
            4.0,
        )),
    ]
}

/// The call: when, who called, who answered, which instruction, which number.
fn call(lb: &Labels, z: Sizes) -> Vec<Block> {
    let field = |k: &str| write_in(lb.get(k), z.field);
    vec![
        heading(lb.get("call")),
        boxes(
            &[1.0, 1.0, 1.0],
            vec![vec![field("when"), field("caller"), field("reached")]],
        ),
        boxes(
            &[2.0, 1.0],
            vec![vec![
                field("about"),
                Cell::Text(vec![
                    Part::new(lb.get("dialled"), FINE.bold().color(INK)),
                    choice(lb.get("dialled_above"), BODY),
                ]),
            ]],
        ),
    ]
}

/// The details as the person reached reads them back, beside the contract's: a box wide
/// and tall enough for a bank's full name or an IBAN, and one tick box per answer.
fn readback(p: &Profile, lb: &Labels, z: Sizes) -> Vec<Block> {
    let b = &p.payment.beneficiary;
    let same = || {
        Cell::Text(vec![
            choice(lb.get("yes"), BODY),
            choice(lb.get("no"), BODY),
        ])
    };
    let row = |k: &str, v: &str, h: Pt| {
        vec![
            Cell::Text(vec![
                Part::new(lb.get(k), FINE.bold().color(INK)),
                Part::new(v.to_string(), BODY),
            ]),
            write_in(String::new(), h),
            same(),
        ]
    };
    let header = ["contract", "heard", "same"]
        .iter()
        .map(|k| Cell::text(lb.get(k), FINE.bold().color(NAVY)))
        .collect();
    vec![
        heading(lb.get("readback")),
        Block::Table(ruled_table(
            READBACK.iter().map(|w| Column::left(*w)).collect(),
            Some(header),
            vec![
                row("account_name", &b.account_name, z.long),
                row("account_number", &b.account_number, z.long),
                row("bank", &b.bank, z.long),
                row("swift", &b.swift, z.short),
                row("amount", &p.payment.currency, z.short),
            ],
            3.0,
        )),
    ]
}

/// The outcome: confirmed, or not and whom to tell; notes beside them.
fn outcome(p: &Profile, lb: &Labels, z: Sizes) -> Vec<Block> {
    let contact = p.seller.security_contact.clone().unwrap_or_default();
    vec![
        heading(lb.get("outcome")),
        boxes(
            &[1.3, 1.0],
            vec![vec![
                Cell::Text(vec![
                    choice(lb.get("confirmed"), BODY),
                    choice(lb.fill("refused", &[("contact", contact)]), BODY),
                ]),
                write_in(lb.get("notes"), z.notes),
            ]],
        ),
    ]
}

/// One row per approver — the deal's number, at least two: name and role, signature, date.
fn approvals(p: &Profile, lb: &Labels, z: Sizes) -> Vec<Block> {
    let n = p.payment.verification.approvers.max(2);
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
        heading(lb.fill(
            "approvers",
            &[("n", p.payment.verification.approvers.max(1).to_string())],
        )),
        boxes(&[1.6, 1.4, 0.7], rows),
    ])]
}

/// The form's blocks with boxes of sizes `z`.
fn blocks(p: &Profile, lb: &Labels, clause: &str, z: Sizes) -> Vec<Block> {
    let mut out = head(p, lb, clause);
    out.push(Block::Spacer(2.0));
    out.extend(call(lb, z));
    out.extend(readback(p, lb, z));
    out.extend(outcome(p, lb, z));
    out.extend(approvals(p, lb, z));
    out
}

/// The form's blocks at the largest box sizes that keep it on one page (the smallest when
/// none does).
fn fitted(p: &Profile, lb: &Labels, clause: &str, fonts: &Fonts) -> Vec<Block> {
    let frame = page::frame();
    let mut out = Vec::new();
    for k in SCALES {
        out = blocks(p, lb, clause, FULL.scaled(k));
        if layout::layout(&out, &frame, fonts).len() == 1 {
            break;
        }
    }
    out
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
    let blocks = fitted(p, lb, clause, fonts);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Lang;
    use crate::render::templates::Templates;
    use dealguard_pdf::layout::Item;

    /// The form's page count and text for `p` in `langs`.
    fn laid_out(p: &Profile, langs: &[Lang]) -> (usize, String) {
        let langs = Langs::new(langs);
        let t = Templates::builtin().unwrap();
        let lb = Labels::load(&t, "callback-labels.yaml", &langs).unwrap();
        let fonts = Fonts::builtin().unwrap();
        let pages = layout::layout(&fitted(p, &lb, "11", &fonts), &page::frame(), &fonts);
        let text = pages
            .iter()
            .flat_map(|pg| &pg.items)
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        (pages.len(), text)
    }

    #[test]
    fn the_terms_read_in_the_forms_first_language() {
        let p = crate::profile::example();
        let (_, zh) = laid_out(p, &[Lang::Zh]);
        assert!(zh.contains("签约时") && !zh.contains("on signing"), "{zh}");
        let (_, en_zh) = laid_out(p, &[Lang::En, Lang::Zh]);
        assert!(
            en_zh.contains("on signing") && !en_zh.contains("签约时"),
            "{en_zh}"
        );
        let (_, zh_en) = laid_out(p, &[Lang::Zh, Lang::En]);
        assert!(zh_en.contains("签约时"), "{zh_en}");
    }

    #[test]
    fn one_page_with_two_or_three_approvers_and_a_long_bank_name_in_every_language() {
        let mut p = crate::profile::example().clone();
        p.payment.beneficiary.bank =
            "Industrial and Commercial Bank of China Limited, Shenzhen Branch".into();
        p.payment.beneficiary.account_number = "CN12 3456 7890 1234 5678 9012 3456 78".into();
        for approvers in [1, 2, 3] {
            p.payment.verification.approvers = approvers;
            for langs in [
                &[Lang::En][..],
                &[Lang::Zh],
                &[Lang::En, Lang::Zh],
                &[Lang::Zh, Lang::En],
            ] {
                let (pages, text) = laid_out(&p, langs);
                assert_eq!(pages, 1, "{approvers} approvers, {langs:?}");
                let rows = approvers.max(2);
                let word = if langs[0] == Lang::En {
                    "Approver"
                } else {
                    "审批人"
                };
                for n in 1..=rows {
                    assert!(
                        text.contains(&format!("{word} {n}"))
                            || text.contains(&format!("{word}{n}")),
                        "{langs:?}: row {n}: {text}"
                    );
                }
                assert!(
                    !text.contains(&format!("{word} {}", rows + 1))
                        && !text.contains(&format!("{word}{}", rows + 1))
                );
            }
        }
    }

    #[test]
    fn each_choice_has_one_box_with_its_label_in_every_language() {
        let (_, text) = laid_out(crate::profile::example(), &[Lang::En, Lang::Zh]);
        assert!(
            text.contains("yes / 是") && text.contains("no / 否"),
            "{text}"
        );
        // One box a choice: same? (yes, no) five times, the number dialled, the two outcomes.
        assert_eq!(text.matches(TICK).count(), 5 * 2 + 1 + 2, "{text}");
        assert!(!text.contains("[  ]"));
    }

    #[test]
    fn the_readback_box_holds_a_bank_name_on_two_written_lines() {
        // A bank's full name written at about 2.4 mm a character, on two lines of the box.
        let name = "Industrial and Commercial Bank of China Limited, Shenzhen Branch";
        let frame = page::frame();
        let box_w = frame.body_width() * READBACK[1] / READBACK.iter().sum::<f32>() - 6.0;
        let written = name.chars().count() as f32 * dealguard_pdf::layout::mm(2.4);
        assert!(2.0 * box_w > written, "{box_w} pt a line for {written} pt");
        // Two written lines of at least 14 pt, even at the smallest scale.
        assert!(FULL.scaled(SCALES[SCALES.len() - 1]).long >= 28.0);
    }
}
