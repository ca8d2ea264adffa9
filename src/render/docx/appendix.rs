//! Render stage: the SCC annexes of an EU/EEA buyer's schedule (`render::scc`) as DOCX body
//! XML, after the signatures: a `Heading1` (which also ends the clauses for `diff`), bold
//! headings for the annexes and their parts, and a table per part.

use super::package::TEXT_WIDTH;
use super::xml::{page_break, para, run, table};
use crate::profile::Lang;
use crate::render::scc::{AnnexPart, Appendix, Lines};

/// Fill of header rows (the PDF's header band colour).
const HEAD_FILL: &str = "E8EDF3";

/// The character style of a language's runs.
fn rstyle(l: Lang) -> Option<&'static str> {
    (l == Lang::Zh).then_some("Chinese")
}

/// The appendix on a page of its own.
pub fn appendix(a: &Appendix) -> String {
    let mut o = String::from(page_break());
    o.push_str(&para("Heading1", None, "", &run(&a.title, None, false)));
    for (l, t) in &a.note {
        o.push_str(&para("Note", None, "", &run(t, rstyle(*l), false)));
    }
    for part in &a.parts {
        let space = if part.level == 1 {
            r#"<w:keepNext/><w:spacing w:before="240"/>"#
        } else {
            r#"<w:keepNext/><w:spacing w:before="160"/>"#
        };
        o.push_str(&para(
            "Normal",
            None,
            space,
            &run(&part.heading, None, true),
        ));
        for (l, t) in &part.note {
            o.push_str(&para("Normal", None, "", &run(t, rstyle(*l), false)));
        }
        if !part.rows.is_empty() {
            o.push_str(&part_table(part));
        }
    }
    o
}

/// A cell: a paragraph per line, each in its language's style.
fn cell(lines: &Lines) -> String {
    lines
        .iter()
        .map(|(l, t)| para("TableText", None, "", &run(t, rstyle(*l), false)))
        .collect()
}

/// One part as a table: a label column, then a column per value.
fn part_table(part: &AnnexPart) -> String {
    let n = part.rows.first().map_or(1, |r| r.cells.len()).max(1) as u32;
    let label_w = TEXT_WIDTH * 2 / 9;
    let mut w = vec![label_w];
    w.extend((0..n).map(|_| (TEXT_WIDTH - label_w) / n));
    let bold = |v: &[String]| para("TableText", None, "", &run(&v.join("\n"), None, true));
    let header: Option<Vec<String>> = (!part.columns.is_empty()).then(|| {
        std::iter::once(String::from("<w:p/>"))
            .chain(part.columns.iter().map(|c| bold(c)))
            .collect()
    });
    let rows: Vec<Vec<String>> = part
        .rows
        .iter()
        .map(|r| {
            std::iter::once(bold(&r.label))
                .chain(r.cells.iter().map(cell))
                .collect()
        })
        .collect();
    table(&w, header.as_deref(), &rows, HEAD_FILL)
}
