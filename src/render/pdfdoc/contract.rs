//! Render stage: the contract schedule as PDF layout blocks (head, clauses in columns or
//! stacked, the signature block kept on one page, the SCC annexes of an EU/EEA buyer's deal,
//! the manifest annex).

use super::{page_label, ruled_heading, ruled_table, write_pdf, ContractLayout, BODY, FINE};
use crate::profile::deal::Profile;
use crate::profile::{Lang, Langs};
use crate::render::clauses::{RenderedClause, Schedule};
use crate::render::contract::{
    clause_heading, colon, party_address, party_name as names, section_heading, signature_intro,
    SignatureColumn,
};
use crate::render::scc::{AnnexPart, Appendix};
use crate::render::templates::Labels;
use dealguard_pdf::font::Fonts;
use dealguard_pdf::layout::{Align, Block, Cell, Column, Part, Style, Table};
use dealguard_pdf::page::{self, colors::*, Furniture};
use dealguard_pdf::write::Meta;

/// The contract schedule as a PDF: title, parties, numbered clauses (two aligned columns or
/// stacked when bilingual), signature block with chop boxes, and the manifest as an annex.
pub fn contract(
    s: &Schedule,
    p: &Profile,
    lb: &Labels,
    fonts: &Fonts,
    layout: ContractLayout,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let langs = &s.langs;
    let mut b = contract_head(s, p, lb);
    let columns = langs.is_bilingual() && layout == ContractLayout::Columns;
    for (i, sec) in s.sections.iter().enumerate() {
        b.push(Block::Spacer(10.0));
        b.push(ruled_heading(section_heading(lb, langs, i + 1, sec)));
        for c in &sec.clauses {
            b.push(Block::Spacer(5.0));
            b.extend(clause_blocks(c, langs, columns));
        }
    }
    b.push(Block::Spacer(14.0));
    b.push(signature_block(p, lb, langs));
    if let Some(a) = &s.appendix {
        b.push(Block::PageBreak);
        b.extend(appendix(a));
    }
    b.push(Block::PageBreak);
    b.extend(annex(s, lb));
    let phone = page::unbreakable(p.payment.verification.callback());
    let furniture = Furniture {
        left: names(&p.seller, langs),
        title: format!("{} {}", lb.get("contract_no"), p.deal.id),
        subtitle: lb.get("title"),
        footer: langs
            .list()
            .iter()
            .map(|l| {
                lb.fill_one(
                    "footer",
                    *l,
                    &[("id", p.deal.id.clone()), ("phone", phone.clone())],
                )
            })
            .collect(),
        page_label: page_label(lb),
    };
    let meta = Meta {
        title: format!("{} — {}", lb.get("title"), p.deal.id),
        author: p.seller.name.clone(),
        subject: format!("{} {}", p.deal.id, lb.one("title", Lang::En)),
        keywords: vec![
            p.deal.id.clone(),
            "information security".into(),
            "信息安全".into(),
            p.buyer.name.clone(),
            s.set.clone(),
        ],
        timestamp,
    };
    write_pdf(&b, &furniture, fonts, meta)
}

/// Title, contract number, goods and date, and the parties' names and addresses.
fn contract_head(s: &Schedule, p: &Profile, lb: &Labels) -> Vec<Block> {
    let langs = &s.langs;
    let mut b: Vec<Block> = Vec::new();
    for (i, l) in langs.list().iter().enumerate() {
        let size = if i == 0 { 15.0 } else { 12.5 };
        b.push(Block::Heading {
            text: lb.one("title", *l),
            style: Style::new(size, NAVY).bold(),
            rule: None,
        });
    }
    b.push(Block::Spacer(4.0));
    let goods = langs.distinct(|l| p.deal.title.get_or_any(l).to_string());
    let mut kv = vec![
        (
            lb.get("contract_no"),
            vec![Part::new(p.deal.id.clone(), BODY.bold())],
        ),
        (lb.get("goods"), vec![Part::new(goods.join(" / "), BODY)]),
    ];
    if let Some(d) = p.deal.signed.ymd {
        let mut dates: Vec<String> = langs.list().iter().map(|l| d.long(*l)).collect();
        dates.dedup();
        kv.push((lb.get("signed"), vec![Part::new(dates.join(" / "), BODY)]));
    }
    b.push(Block::KeyValue {
        items: kv,
        pairs: 1,
        label: FINE.bold(),
    });
    b.push(Block::Spacer(6.0));
    let lines = |v: Vec<String>, first: Style| {
        Cell::Text(
            v.into_iter()
                .enumerate()
                .map(|(k, n)| Part::new(n, if k == 0 { first } else { BODY }))
                .collect(),
        )
    };
    b.push(Block::Table(ruled_table(
        vec![Column::left(0.9), Column::left(2.0), Column::left(2.0)],
        Some(vec![
            Cell::Empty,
            Cell::text(lb.get("seller"), BODY.bold().color(NAVY)),
            Cell::text(lb.get("buyer"), BODY.bold().color(NAVY)),
        ]),
        vec![
            vec![
                Cell::text(lb.get("name"), FINE.bold()),
                lines(names(&p.seller, langs), BODY.bold()),
                lines(names(&p.buyer, langs), BODY.bold()),
            ],
            vec![
                Cell::text(lb.get("address"), FINE.bold()),
                lines(party_address(&p.seller, langs), BODY),
                lines(party_address(&p.buyer, langs), BODY),
            ],
        ],
        4.0,
    )));
    b
}

/// One clause: a table per clause when the two texts stand side by side, else a heading and
/// its sub-clauses language by language.
fn clause_blocks(c: &RenderedClause, langs: &Langs, columns: bool) -> Vec<Block> {
    let count = c.paras.get(&langs.primary()).map_or(0, Vec::len);
    let para_parts = |l: Lang, k: usize| -> Vec<Part> {
        let lines = c
            .paras
            .get(&l)
            .and_then(|v| v.get(k))
            .cloned()
            .unwrap_or_default();
        lines
            .into_iter()
            .enumerate()
            .map(|(j, line)| {
                let text = if j == 0 && count > 1 {
                    format!("{}.{}  {line}", c.number, k + 1)
                } else {
                    line
                };
                Part::new(text, BODY)
            })
            .collect()
    };
    if columns {
        // One table per clause: the title row is its header (kept with the first sub-clause,
        // repeated if the clause runs onto the next page); each sub-clause is a row, so English
        // and Chinese stay side by side.
        return vec![Block::Table(Table {
            // Fixed: every clause's columns line up with the next clause's.
            columns: langs
                .list()
                .iter()
                .map(|_| Column::left(1.0).fixed())
                .collect(),
            header: Some(
                langs
                    .list()
                    .iter()
                    .map(|l| Cell::text(clause_heading(c, *l), BODY.bold().color(NAVY)))
                    .collect(),
            ),
            rows: (0..count)
                .map(|k| {
                    langs
                        .list()
                        .iter()
                        .map(|l| Cell::Text(para_parts(*l, k)))
                        .collect()
                })
                .collect(),
            header_fill: ZEBRA,
            zebra: None,
            rule: RULE,
            pad: 3.5,
        })];
    }
    let heads: Vec<String> = langs.list().iter().map(|l| clause_heading(c, *l)).collect();
    let mut b = vec![Block::Heading {
        text: heads.join(" / "),
        style: BODY.bold().color(NAVY),
        rule: None,
    }];
    for k in 0..count {
        for l in langs.list() {
            b.push(Block::Paragraph(para_parts(*l, k)));
            b.push(Block::Spacer(3.0));
        }
    }
    b
}

/// Signatures of both parties: lines to sign and date on, the Authorised Signatories' names
/// and titles, a chop box for a party that seals with a chop. Kept on one page.
fn signature_block(p: &Profile, lb: &Labels, langs: &Langs) -> Block {
    let mut sig = vec![ruled_heading(lb.get("signatures"))];
    for line in signature_intro(lb, langs) {
        sig.push(Block::Paragraph(vec![Part::new(line, FINE)]));
    }
    sig.push(Block::Spacer(4.0));
    let cols = [
        SignatureColumn::of(&p.seller, langs),
        SignatureColumn::of(&p.buyer, langs),
    ];
    let line = |key: &str, value: &Option<String>| {
        let v = value
            .clone()
            .unwrap_or_else(|| "______________________________".to_string());
        Cell::text(format!("{}{}  {v}", lb.get(key), colon(langs)), BODY)
    };
    let head = |key: &str, c: &SignatureColumn| {
        Cell::Text(
            std::iter::once(Part::new(lb.get(key), FINE.bold().color(NAVY)))
                .chain(c.party.iter().map(|n| Part::new(n.clone(), BODY.bold())))
                .collect(),
        )
    };
    let mut rows: Vec<Vec<Cell>> = [
        ("sig_signature", None, None),
        ("sig_name", cols[0].name.clone(), cols[1].name.clone()),
        ("sig_title", cols[0].title.clone(), cols[1].title.clone()),
        ("sig_date", None, None),
    ]
    .iter()
    .map(|(k, a, b)| vec![line(k, a), line(k, b)])
    .collect();
    if cols.iter().any(|c| c.chop) {
        let chop = |c: &SignatureColumn| {
            if c.chop {
                Cell::Frame {
                    height: 90.0,
                    label: lb.get("sig_chop"),
                    style: FINE,
                }
            } else {
                Cell::Empty
            }
        };
        rows.push(vec![chop(&cols[0]), chop(&cols[1])]);
    }
    sig.push(Block::Table(ruled_table(
        vec![Column::left(1.0), Column::left(1.0)],
        Some(vec![head("seller", &cols[0]), head("buyer", &cols[1])]),
        rows,
        6.0,
    )));
    // The heading, the names and the chop boxes stay on one page.
    Block::Keep(sig)
}

/// The annex: the clause manifest (ids, versions, hashes).
fn annex(s: &Schedule, lb: &Labels) -> Vec<Block> {
    let mut b = vec![ruled_heading(lb.get("annex"))];
    for l in s.langs.list() {
        b.push(Block::Paragraph(vec![Part::new(
            lb.one("manifest_note", *l),
            FINE,
        )]));
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(", ")
        }
    };
    b.push(Block::Paragraph(vec![Part::new(
        format!(
            "{}: {} · {}: {} · {}: {}",
            lb.get("set"),
            s.set,
            lb.get("added"),
            list(&s.added),
            lb.get("removed"),
            list(&s.removed)
        ),
        BODY,
    )]));
    b.push(Block::Spacer(4.0));
    b.push(Block::Table(Table {
        columns: vec![
            Column::new(0.6, Align::Right),
            Column::left(2.4),
            Column::new(0.8, Align::Right),
            Column::left(2.2),
        ],
        header: Some(
            ["no", "id", "version", "hash"]
                .iter()
                .map(|k| Cell::text(lb.get(k), FINE.bold().color(NAVY)))
                .collect(),
        ),
        rows: s
            .clauses()
            .map(|c| {
                vec![
                    Cell::text(c.number.to_string(), BODY),
                    Cell::text(c.id.clone(), BODY),
                    Cell::text(c.version.to_string(), BODY),
                    Cell::text(c.hash[..16.min(c.hash.len())].to_string(), BODY),
                ]
            })
            .collect(),
        header_fill: HEADER,
        zebra: Some(ZEBRA),
        rule: RULE,
        pad: 3.0,
    }));
    b
}

/// The SCC annexes: headings, notes, and each part's table (the parties side by side; other
/// parts a label and its value).
fn appendix(a: &Appendix) -> Vec<Block> {
    let mut b = vec![ruled_heading(a.title.clone())];
    for (_, t) in &a.note {
        b.push(Block::Paragraph(vec![Part::new(t.clone(), FINE)]));
    }
    for part in &a.parts {
        b.push(Block::Spacer(if part.level == 1 { 10.0 } else { 6.0 }));
        let size = if part.level == 1 { 9.6 } else { 8.8 };
        b.push(Block::Heading {
            text: part.heading.clone(),
            style: Style::new(size, NAVY).bold(),
            rule: None,
        });
        for (_, t) in &part.note {
            b.push(Block::Paragraph(vec![Part::new(t.clone(), BODY)]));
        }
        if !part.rows.is_empty() {
            b.push(Block::Spacer(3.0));
            b.push(Block::Table(annex_table(part)));
        }
    }
    b
}

/// One part of an annex as a table: a label column, then a column per value.
fn annex_table(part: &AnnexPart) -> Table {
    let n = part.rows.first().map_or(1, |r| r.cells.len()).max(1);
    // Fixed: the parts' tables follow one another and their columns line up.
    let mut columns = vec![Column::left(1.1).fixed()];
    columns.extend((0..n).map(|_| Column::left(4.0 / n as f32).fixed()));
    let lines = |v: &[String], style: Style| {
        Cell::Text(v.iter().map(|t| Part::new(t.clone(), style)).collect())
    };
    let header = (!part.columns.is_empty()).then(|| {
        std::iter::once(Cell::Empty)
            .chain(
                part.columns
                    .iter()
                    .map(|c| lines(c, BODY.bold().color(NAVY))),
            )
            .collect()
    });
    let rows = part
        .rows
        .iter()
        .map(|r| {
            std::iter::once(lines(&r.label, FINE.bold()))
                .chain(r.cells.iter().map(|c| {
                    Cell::Text(c.iter().map(|(_, t)| Part::new(t.clone(), BODY)).collect())
                }))
                .collect()
        })
        .collect();
    ruled_table(columns, header, rows, 3.5)
}
