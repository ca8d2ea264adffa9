//! Render stage: the annex after the sign-off — the week's attached evidence (voucher scans,
//! certificates, inspection reports), each under a line saying what it belongs to, its
//! reference and caption, at the page width.

use super::colors::*;
use super::{Input, FINE, H2, SMALL};
use crate::profile::week::{reference, AttachmentFile, Owner};
use crate::report::ANNEX_MAX_ASPECT;
use dealguard_pdf::layout::{Block, Part, Photo, PhotoGrid};

/// The annex on a new page: its heading, then one kept group per attachment (the title and
/// the image move to the next page together). Nothing for a week without attachments.
pub(super) fn annex(inp: &Input) -> Vec<Block> {
    let files = &inp.week.attachment_files;
    if files.is_empty() {
        return Vec::new();
    }
    let heading = Block::Heading {
        text: inp.labels.get("annex"),
        style: H2,
        rule: Some(ACCENT),
    };
    let mut out = vec![Block::PageBreak];
    for (n, (a, img)) in files.iter().zip(&inp.attachments).enumerate() {
        // The heading goes with the first attachment, never alone at a page's foot.
        let mut group = if n == 0 {
            vec![heading.clone()]
        } else {
            vec![Block::Spacer(10.0)]
        };
        group.push(Block::Paragraph(title(inp, n, a)));
        // The image box starts where a paragraph's last line box ends, under its descenders.
        group.push(Block::Spacer(6.0));
        group.push(image(*img));
        out.push(Block::Keep(group));
    }
    out
}

/// "A1 · Material: SUS304 sheet · Voucher PO-M-2231", the caption, and a note when parts of
/// the image are blacked out.
fn title(inp: &Input, n: usize, a: &AttachmentFile) -> Vec<Part> {
    let w = &inp.week.week;
    let (kind, what, ref_key) = match a.owner {
        Owner::Material(i) => (
            "annex_material",
            w.materials.get(i).map(|m| inp.joined(&m.material)),
            "voucher",
        ),
        Owner::Inspection(i) => (
            "annex_inspection",
            w.inspections.get(i).map(|m| inp.joined(&m.item)),
            "annex_report",
        ),
    };
    // A Chinese-only report takes the full-width colon; a bilingual label ends in Latin,
    // followed by a space.
    let colon = match crate::render::contract::colon(inp.labels.langs()) {
        ":" => ": ",
        full_width => full_width,
    };
    let mut head = format!(
        "A{} · {}{colon}{}",
        n + 1,
        inp.labels.get(kind),
        what.unwrap_or_default()
    );
    if let Some(r) = reference(w, a) {
        head.push_str(&format!(" · {} {r}", inp.labels.get(ref_key)));
    }
    let mut parts = vec![Part::new(head, SMALL.bold().color(NAVY))];
    let entry = a.entry(w);
    if let Some(c) = entry.and_then(|e| e.caption.as_ref()) {
        parts.extend(inp.parts(c, SMALL, FINE));
    }
    if entry.is_some_and(|e| !e.redact.is_empty()) {
        parts.push(Part::new(inp.labels.get("annex_redacted"), FINE));
    }
    parts
}

/// The image in a box the width of the page, as tall as its shape needs (at most
/// [`ANNEX_MAX_ASPECT`] of the width).
fn image((index, w, h): (usize, u32, u32)) -> Block {
    let aspect = (h.max(1) as f32 / w.max(1) as f32).clamp(0.2, ANNEX_MAX_ASPECT);
    Block::Photos(PhotoGrid {
        columns: 1,
        aspect,
        photos: vec![Photo {
            image: Some((index, w, h)),
            caption: Vec::new(),
        }],
    })
}
