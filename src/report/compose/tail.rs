//! Render stage: the report's tail — section 6, site photos and videos; section 8, issues and
//! risks with the actions needed from the buyer; section 9, sign-off.

use super::colors::*;
use super::{person, Input, BODY, FINE, SMALL};
use crate::profile::Text;
use dealguard_pdf::layout::{Block, Cell, Column, Part, Photo, PhotoGrid, Style, Table};

/// Section 6: the photos in a grid (a row never splits), then the videos with QR codes.
pub(super) fn photos(inp: &Input) -> Vec<Block> {
    let w = &inp.week.week;
    let mut out = Vec::new();
    if w.photos.is_empty() && w.videos.is_empty() {
        out.push(inp.none());
    }
    if !w.photos.is_empty() {
        out.push(photo_grid(inp));
    }
    if !w.videos.is_empty() {
        // A heading, so it is kept with the first video and never left at a page's foot.
        out.push(Block::Heading {
            text: inp.labels.get("videos"),
            style: SMALL.bold().color(NAVY),
            rule: None,
        });
        out.push(videos(inp));
    }
    out
}

/// Two photos a row, each captioned with its number, caption, stage and date taken.
fn photo_grid(inp: &Input) -> Block {
    let photos = inp
        .week
        .week
        .photos
        .iter()
        .zip(&inp.photos)
        .enumerate()
        .map(|(i, (ph, img))| {
            let mut caption = vec![Part::new(
                format!("{}. {}", i + 1, inp.joined(&ph.caption)),
                SMALL.bold(),
            )];
            let stage = ph.stage.as_deref().map(|s| inp.stage_name(s));
            let when = format!("{} {}", inp.labels.get("taken"), inp.date(ph.taken.ymd));
            caption.push(Part::new(
                stage.map_or(when.clone(), |s| format!("{s} · {when}")),
                FINE,
            ));
            Photo {
                image: *img,
                caption,
            }
        })
        .collect();
    Block::Photos(PhotoGrid {
        columns: 2,
        aspect: 0.75,
        photos,
    })
}

/// One row per video: its QR code, then its caption and link.
fn videos(inp: &Input) -> Block {
    let rows = inp
        .week
        .week
        .videos
        .iter()
        .zip(&inp.qr)
        .map(|(v, (modules, width))| {
            let mut parts = inp.parts(&v.caption, SMALL.bold(), FINE);
            parts.push(Part::link(v.url.clone(), SMALL.color(LINK), v.url.clone()));
            vec![
                Cell::Qr {
                    modules: modules.clone(),
                    width: *width,
                    size: 46.0,
                    link: Some(v.url.clone()),
                },
                Cell::Text(parts),
            ]
        })
        .collect();
    Block::Table(Table {
        columns: vec![Column::left(1.0), Column::left(8.0)],
        header: None,
        rows,
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 4.0,
    })
}

/// Section 8: issues and risks, then the actions needed from the buyer.
pub(super) fn issues(inp: &Input) -> Vec<Block> {
    let w = &inp.week.week;
    let mut out = Vec::new();
    if w.issues.is_empty() {
        out.push(inp.none());
    }
    out.extend(bullets(inp, &w.issues, "•"));
    out.push(Block::Spacer(4.0));
    out.push(Block::Heading {
        text: inp.labels.get("s_buyer_actions"),
        style: Style::new(9.5, NAVY).bold(),
        rule: None,
    });
    if w.buyer_actions.is_empty() {
        out.push(inp.none());
    }
    out.extend(bullets(inp, &w.buyer_actions, "→"));
    out
}

/// One paragraph per item: `mark` in a gutter before its first language, every language's
/// lines beside it (the same indent whichever font draws the mark).
fn bullets(inp: &Input, items: &[Text], mark: &str) -> Vec<Block> {
    let gutter = BODY.size * 1.5;
    items
        .iter()
        .flat_map(|t| {
            let parts = inp
                .parts(t, BODY, BODY.color(MUTED))
                .into_iter()
                .enumerate()
                .map(|(i, p)| p.marked(if i == 0 { mark } else { "" }, gutter))
                .collect();
            [Block::Paragraph(parts), Block::Spacer(3.0)]
        })
        .collect()
}

/// Section 9: who prepared and who reviewed the report, each with a line to sign on.
pub(super) fn sign_off(inp: &Input) -> Vec<Block> {
    let w = &inp.week.week;
    let signer = |name: &str| {
        Cell::Text(vec![
            Part::new(person(inp.profile, name, inp.langs), BODY.bold()),
            Part::new(
                format!(
                    "\n\n{}: ______________________",
                    inp.labels.get("signature")
                ),
                FINE,
            ),
        ])
    };
    vec![Block::Table(Table {
        columns: vec![Column::left(1.0), Column::left(1.0)],
        header: Some(vec![
            inp.header_cell("prepared_by"),
            inp.header_cell("reviewed_by"),
        ]),
        rows: vec![vec![signer(&w.prepared_by), signer(&w.reviewed_by)]],
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 5.0,
    })]
}
