//! Render stage: the letter markup's document model as layout blocks for the PDF.

use super::{plain, Doc, Inline, Line, Node};
use dealguard_pdf::layout::{Block, Cell, Column, Part, Rgb, Span, Style, Table};

/// Layout styles of a letter PDF.
pub struct PdfStyles {
    /// Body text.
    pub body: Style,
    /// Title.
    pub h1: Style,
    /// Section heading.
    pub h2: Style,
    /// Links.
    pub link: Rgb,
    /// Table header background.
    pub header_fill: Rgb,
    /// Row rules.
    pub rule: Rgb,
    /// Note box colour.
    pub note: Rgb,
}

/// A line as one rich part: bold runs bold, links coloured and clickable.
fn rich(l: &Line, st: &PdfStyles, base: Style) -> Part {
    Part::rich(
        l.iter()
            .map(|i| match i {
                Inline::Text(t) => Span {
                    text: t.clone(),
                    style: base,
                    link: None,
                },
                Inline::Bold(t) => Span {
                    text: t.clone(),
                    style: base.bold(),
                    link: None,
                },
                Inline::Link(t, u) => Span {
                    text: t.clone(),
                    style: base.color(st.link),
                    link: Some(u.clone()),
                },
            })
            .collect(),
    )
}

fn parts(l: &Line, st: &PdfStyles, base: Style) -> Vec<Part> {
    vec![rich(l, st, base)]
}

/// A list: each item's marker (`mark` of its index) in a gutter, its lines beside it — a
/// bullet and a number take the same indent, whichever font draws them.
fn list(out: &mut Vec<Block>, items: &[Line], st: &PdfStyles, mark: impl Fn(usize) -> String) {
    for (k, it) in items.iter().enumerate() {
        out.push(Block::Paragraph(vec![
            rich(it, st, st.body).marked(mark(k), st.body.size * 1.3)
        ]));
        out.push(Block::Spacer(2.0));
    }
    out.push(Block::Spacer(4.0));
}

/// A note: bold text in a framed box of its own.
fn note(out: &mut Vec<Block>, lines: &[Line], st: &PdfStyles) {
    let p: Vec<Part> = lines
        .iter()
        .flat_map(|l| parts(l, st, st.body.bold().color(st.note)))
        .collect();
    out.push(Block::Table(Table {
        columns: vec![Column::left(1.0)],
        header: None,
        rows: vec![vec![Cell::Text(p)]],
        header_fill: st.header_fill,
        zebra: None,
        rule: st.note,
        pad: 6.0,
    }));
    out.push(Block::Spacer(8.0));
}

/// A table in a smaller type, its header bold.
fn table(out: &mut Vec<Block>, header: &[Line], rows: &[Vec<Line>], st: &PdfStyles) {
    let small = Style {
        size: st.body.size - 0.8,
        ..st.body
    };
    let n = header.len().max(1);
    // A short table (the channels) moves whole rather than leave a row behind.
    out.push(Block::Keep(vec![Block::Table(Table {
        columns: (0..n)
            .map(|k| {
                Column::left(if k == 0 || (n > 2 && k + 1 == n) {
                    1.3
                } else {
                    1.0
                })
            })
            .collect(),
        header: Some(
            header
                .iter()
                .map(|h| Cell::Text(vec![Part::new(plain(h), small.bold().color(st.h2.color))]))
                .collect(),
        ),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::Text(parts(c, st, small))).collect())
            .collect(),
        header_fill: st.header_fill,
        zebra: Some(Rgb::hex(0xf6f8fa)),
        rule: st.rule,
        pad: 3.5,
    })]));
    out.push(Block::Spacer(8.0));
}

/// The document as layout blocks for the PDF.
pub fn to_blocks(doc: &Doc, st: &PdfStyles) -> Vec<Block> {
    let mut out = Vec::new();
    for n in &doc.nodes {
        match n {
            Node::Heading(1, l) => {
                out.push(Block::Heading {
                    text: plain(l),
                    style: st.h1,
                    rule: None,
                });
                out.push(Block::Spacer(4.0));
            }
            Node::Heading(_, l) => {
                out.push(Block::Spacer(6.0));
                out.push(Block::Heading {
                    text: plain(l),
                    style: st.h2,
                    rule: Some(st.rule),
                });
            }
            Node::Para(lines) => {
                let p: Vec<Part> = lines.iter().flat_map(|l| parts(l, st, st.body)).collect();
                out.push(Block::Paragraph(p));
                out.push(Block::Spacer(6.0));
            }
            Node::List(items) => list(&mut out, items, st, |_| "•".to_string()),
            Node::Numbered(items) => list(&mut out, items, st, |k| format!("{}.", k + 1)),
            Node::Note(lines) => note(&mut out, lines, st),
            Node::Table(header, rows) => table(&mut out, header, rows, st),
        }
    }
    out
}
