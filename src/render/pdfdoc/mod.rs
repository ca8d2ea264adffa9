//! Render stage: the contract schedule and the welcome letter as layout blocks, laid out and
//! written as PDF on the report's engine; the letterhead documents and what all share.

mod contract;

pub use contract::contract;

use super::letters::Rendered;
use super::markup::{self, PdfStyles};
use super::templates::Labels;
use crate::profile::deal::Profile;
use crate::profile::Langs;
use dealguard_pdf::font::Fonts;
use dealguard_pdf::layout::{self, Block, Cell, Column, Pt, Style, Table};
use dealguard_pdf::page::{self, colors::*, Furniture};
use dealguard_pdf::write::{self, Document, Meta};

/// How a bilingual contract shows its two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractLayout {
    /// English and Chinese side by side, aligned per sub-clause.
    Columns,
    /// English, then Chinese, sub-clause by sub-clause.
    Stacked,
}

const BODY: Style = Style::new(8.6, INK);
const FINE: Style = Style::new(7.2, MUTED);
/// Section headings of the contract and letter.
const H2: Style = Style::new(10.5, NAVY).bold();

fn ruled_heading(text: String) -> Block {
    Block::Heading {
        text,
        style: H2,
        rule: Some(ACCENT),
    }
}

use super::contract::party_name as names;

/// A table in the house style of the letterhead documents (schedule, call-back record): the
/// header row on the header fill, a rule under every row, no zebra.
pub(crate) fn ruled_table(
    columns: Vec<Column>,
    header: Option<Vec<Cell>>,
    rows: Vec<Vec<Cell>>,
    pad: Pt,
) -> Table {
    Table {
        columns,
        header,
        rows,
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad,
    }
}

/// Lays blocks out on A4 pages with the house furniture and writes the PDF.
pub(crate) fn write_pdf(
    blocks: &[Block],
    furniture: &Furniture,
    fonts: &Fonts,
    meta: Meta,
) -> Result<Vec<u8>, String> {
    let frame = page::frame();
    let mut pages = layout::layout(blocks, &frame, fonts);
    page::decorate(&mut pages, &frame, furniture, fonts);
    write::write(
        &Document {
            frame,
            pages,
            images: Vec::new(),
            meta,
        },
        fonts,
    )
}

/// The footer's "page n / N" in the document's languages.
pub(crate) fn page_label(lb: &Labels) -> Box<dyn Fn(usize, usize) -> String> {
    let lb = lb.clone();
    Box::new(move |n, total| {
        lb.fill(
            "page",
            &[("n", n.to_string()), ("total", total.to_string())],
        )
    })
}

/// The welcome letter as a PDF on the letterhead: each language starts on its own page.
pub fn letter(
    r: &Rendered,
    p: &Profile,
    langs: &Langs,
    report_labels: &Labels,
    fonts: &Fonts,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let what = ("welcome letter", ["secure communication", "安全沟通"]);
    letterhead(r, p, langs, report_labels, fonts, timestamp, what)
}

/// The staff briefing as a PDF on the letterhead, laid out as the letter.
pub fn briefing(
    r: &Rendered,
    p: &Profile,
    langs: &Langs,
    report_labels: &Labels,
    fonts: &Fonts,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let what = ("staff briefing", ["payment fraud", "付款诈骗"]);
    letterhead(r, p, langs, report_labels, fonts, timestamp, what)
}

/// A rendered markup document on the letterhead; `what` names it in the metadata.
fn letterhead(
    r: &Rendered,
    p: &Profile,
    langs: &Langs,
    report_labels: &Labels,
    fonts: &Fonts,
    timestamp: i64,
    what: (&str, [&str; 2]),
) -> Result<Vec<u8>, String> {
    let st = PdfStyles {
        body: Style::new(9.5, INK),
        h1: Style::new(14.0, NAVY).bold(),
        h2: H2,
        link: LINK,
        header_fill: HEADER,
        rule: RULE,
        note: BAD,
    };
    let mut blocks = Vec::new();
    for (k, (_, doc)) in r.docs.iter().enumerate() {
        if k > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(markup::to_blocks(doc, &st));
    }
    let phone = page::unbreakable(p.payment.verification.callback());
    let mut footer = vec![p.seller.address.clone()];
    footer.extend(
        langs
            .list()
            .iter()
            .map(|l| report_labels.fill_one("channels_document", *l, &[("phone", phone.clone())])),
    );
    let furniture = Furniture {
        left: names(&p.seller, langs),
        title: p.seller.email_domains.first().cloned().unwrap_or_default(),
        subtitle: p.seller.phone.clone(),
        footer,
        page_label: page_label(report_labels),
    };
    let meta = Meta {
        title: r.subject(),
        author: p.seller.name.clone(),
        subject: format!("{} {}", p.deal.id, what.0),
        keywords: vec![
            p.deal.id.clone(),
            what.1[0].into(),
            what.1[1].into(),
            p.buyer.name.clone(),
        ],
        timestamp,
    };
    write_pdf(&blocks, &furniture, fonts, meta)
}
