//! Render stage: a week's data → the report's blocks, in the fixed order of the SPEC:
//! title block, summary, production progress, key inspections, material purchases, site
//! photos and videos, next-stage plan, issues and risks with buyer actions, sign-off; then
//! the annex of attached evidence (`annex`), when the week has attachments.
//! Here: the order (`context::REPORT_SECTIONS`, which the reporting clause lists too), the
//! shared helpers and styles; one function per section in `head`
//! (1–2), `tables` (3, 5, 7), `inspections` (4) and `tail` (6, 8, 9).

mod annex;
mod head;
mod inspections;
mod tables;
mod tail;
mod trend;

use crate::context::REPORT_SECTIONS;
use crate::profile::deal::{Profile, Stage};
use crate::profile::week::LoadedWeek;
use crate::profile::{Lang, Langs, Text, Ymd};
use crate::render::templates::Labels;
use dealguard_pdf::layout::{Align, Block, Cell, Column, Part, Rgb, Style, Table};

use colors::*;
pub use dealguard_pdf::page::colors;

/// Body text.
pub const BODY: Style = Style::new(8.5, INK);
/// Table text.
pub const SMALL: Style = Style::new(7.8, INK);
/// Secondary table text.
pub const FINE: Style = Style::new(7.0, MUTED);
/// Section headings.
pub const H2: Style = Style::new(11.0, NAVY).bold();

/// Everything a report is made from.
pub struct Input<'a> {
    /// The deal.
    pub profile: &'a Profile,
    /// The week.
    pub week: &'a LoadedWeek,
    /// Output languages.
    pub langs: &'a Langs,
    /// Labels in those languages.
    pub labels: &'a Labels,
    /// For each photo of the week: image index and pixel size, when it could be prepared.
    pub photos: Vec<Option<(usize, u32, u32)>>,
    /// For each video: its QR code (modules, width).
    pub qr: Vec<(Vec<bool>, usize)>,
    /// The deal's earlier weeks, oldest first: the trend (none: no chart).
    pub earlier: &'a [LoadedWeek],
    /// For each attachment (`week.attachment_files`, in order): image index and pixel size.
    pub attachments: Vec<(usize, u32, u32)>,
}

impl Input<'_> {
    /// A text in every output language, stacked as parts (first language in `style`, the
    /// others in `second`).
    fn parts(&self, t: &Text, style: Style, second: Style) -> Vec<Part> {
        let mut out: Vec<Part> = Vec::new();
        for (i, l) in self.langs.list().iter().enumerate() {
            let s = t.get_or_any(*l);
            if out.iter().any(|p| p.text == s) {
                continue;
            }
            out.push(Part::new(s, if i == 0 { style } else { second }));
        }
        out
    }

    fn joined(&self, t: &Text) -> String {
        self.langs
            .distinct(|l| t.get_or_any(l).to_string())
            .join(" / ")
    }

    fn date(&self, d: Option<Ymd>) -> String {
        d.map_or_else(|| "—".to_string(), |d| d.iso())
    }

    fn stage(&self, id: &str) -> Option<&Stage> {
        self.profile.production.stages.iter().find(|s| s.id == id)
    }

    fn stage_name(&self, id: &str) -> String {
        self.stage(id)
            .map_or_else(|| id.to_string(), |s| self.joined(&s.name))
    }

    fn table(&self, columns: &[(f32, Align)], header: Vec<&str>, rows: Vec<Vec<Cell>>) -> Block {
        Block::Table(Table {
            columns: columns.iter().map(|(w, a)| Column::new(*w, *a)).collect(),
            header: Some(header.into_iter().map(|k| self.header_cell(k)).collect()),
            rows,
            header_fill: HEADER,
            zebra: Some(ZEBRA),
            rule: RULE,
            pad: 3.5,
        })
    }

    /// A table header: the label in each language on its own line.
    fn header_cell(&self, key: &str) -> Cell {
        let lines = self.labels.lines(key);
        Cell::Text(
            lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    Part::new(
                        l,
                        if i == 0 {
                            SMALL.bold().color(NAVY)
                        } else {
                            FINE.bold().color(NAVY)
                        },
                    )
                })
                .collect(),
        )
    }

    /// Starts section `n`: some space, then its numbered heading.
    fn section(&self, out: &mut Vec<Block>, n: usize, key: &str) {
        out.push(Block::Spacer(8.0));
        out.push(Block::Heading {
            text: format!("{n}  {}", self.labels.get(key)),
            style: H2,
            rule: Some(ACCENT),
        });
    }

    fn none(&self) -> Block {
        Block::Paragraph(vec![Part::new(self.labels.get("none"), BODY.color(MUTED))])
    }
}

/// The person's name as a contact of either party, in every language (`Chen Jing 陈静`).
fn person(p: &Profile, name: &str, langs: &Langs) -> String {
    let contact = p
        .seller
        .contacts
        .iter()
        .chain(&p.buyer.contacts)
        .find(|c| c.name == name || c.name_local.as_deref() == Some(name));
    match contact {
        Some(c) => langs.distinct(|l| c.display_name(l).to_string()).join(" "),
        None => name.to_string(),
    }
}

/// A percentage as the report writes it: `45%`, `45.5%`.
pub fn pct(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}%", v)
    } else {
        format!("{:.1}%", v)
    }
}

/// Colour of a progress bar: on plan, a little behind, far behind.
fn bar_color(planned: f64, actual: f64) -> Rgb {
    if actual + 0.01 >= planned {
        GOOD
    } else if planned - actual <= 10.0 {
        WARN
    } else {
        BAD
    }
}

/// A numbered section's body, from the week's data.
type Section = fn(&Input) -> Vec<Block>;

/// The body of the numbered section with label key `key` (the order is
/// `context::REPORT_SECTIONS`, which the contract's reporting clause lists too).
fn body(key: &str) -> Option<Section> {
    Some(match key {
        "s_summary" => head::summary,
        "s_progress" => tables::progress,
        "s_inspections" => inspections::inspections,
        "s_materials" => tables::materials,
        "s_photos" => tail::photos,
        "s_plan" => tables::plan,
        "s_issues" => tail::issues,
        "s_signoff" => tail::sign_off,
        _ => return None,
    })
}

/// The report's blocks, section by section: the title block, then sections 1–8, each under
/// its numbered heading (the title block carries no number, so the first heading is "1").
pub fn blocks(inp: &Input) -> Vec<Block> {
    let mut out = head::title(inp);
    // Every key has a body (unit test `every_section_has_a_body`).
    let sections = REPORT_SECTIONS.iter().filter_map(|k| Some((*k, body(k)?)));
    // Each section is held back until the next is known: the sign-off keeps it.
    let mut before: Vec<Block> = Vec::new();
    for (i, (key, body)) in sections.enumerate() {
        let mut section = Vec::new();
        inp.section(&mut section, i + 1, key);
        section.extend(body(inp));
        if key == "s_signoff" {
            // The sign-off goes to the next page whole rather than leave its boxes behind,
            // and with the section before it when both fit on a page (else with that
            // section's last lines): never alone on a page.
            before.push(Block::Keep(section));
            out.push(Block::Keep(std::mem::take(&mut before)));
        } else {
            out.append(&mut before);
            before = section;
        }
    }
    out.append(&mut before);
    out.extend(annex::annex(inp));
    out
}

/// The language-independent words for the footer's confidentiality line.
pub fn party_names(p: &Profile, lang: Lang) -> (String, String) {
    (
        p.buyer.display_name(lang).to_string(),
        p.seller.display_name(lang).to_string(),
    )
}

#[cfg(test)]
mod tests;
