//! Lay-out stage: page furniture shared by every PDF (header band, footer, page n / N) and the
//! house colours.

use super::font::Fonts;
use super::layout::{mm, Frame, Item, Page, Rgb, Style};
use super::text::wrap;

/// The house colours. Status colours differ in lightness too, so they survive greyscale
/// printing (and every status also carries its word).
pub mod colors {
    use crate::layout::Rgb;
    /// Header band and headings.
    pub const NAVY: Rgb = Rgb::hex(0x1f3a5f);
    /// Rules under headings.
    pub const ACCENT: Rgb = Rgb::hex(0x2f5597);
    /// Body text.
    pub const INK: Rgb = Rgb::hex(0x1a1a1a);
    /// Secondary text.
    pub const MUTED: Rgb = Rgb::hex(0x5b6470);
    /// Table header background.
    pub const HEADER: Rgb = Rgb::hex(0xe6ebf2);
    /// Every other row.
    pub const ZEBRA: Rgb = Rgb::hex(0xf6f8fa);
    /// Row rules.
    pub const RULE: Rgb = Rgb::hex(0xd3d9e1);
    /// On track / pass (dark green, about 45 % grey).
    pub const GOOD: Rgb = Rgb::hex(0x2e7d32);
    /// At risk (amber, about 75 % grey; black text).
    pub const WARN: Rgb = Rgb::hex(0xf2a900);
    /// Delayed / fail (dark red, about 30 % grey).
    pub const BAD: Rgb = Rgb::hex(0xa61b1b);
    /// Links.
    pub const LINK: Rgb = Rgb::hex(0x1a56b0);
}
use colors::*;

/// Height of the header band.
pub const BAND_MM: f32 = 18.0;

/// The A4 frame every dealguard PDF uses: room for the band and the footer.
pub fn frame() -> Frame {
    Frame::a4(mm(15.0), mm(27.0), mm(24.0))
}

/// What the band and footer of a document say.
pub struct Furniture {
    /// Left of the band: the company, one line per script (first bold).
    pub left: Vec<String>,
    /// Right of the band: the document title.
    pub title: String,
    /// Under the title: deal id and the like.
    pub subtitle: String,
    /// Footer lines (wrapped to the footer width; at most five lines are drawn).
    pub footer: Vec<String>,
    /// "Page n / N" in the document's languages.
    pub page_label: Box<dyn Fn(usize, usize) -> String>,
}

/// Draws the band and the footer on every page, under the page's own items.
pub fn decorate(pages: &mut [Page], frame: &Frame, f: &Furniture, fonts: &Fonts) {
    let total = pages.len();
    let band = band(frame, f, fonts);
    for (i, page) in pages.iter_mut().enumerate() {
        let mut items = band.clone();
        items.extend(footer(frame, f, &(f.page_label)(i + 1, total), fonts));
        items.append(&mut page.items);
        page.items = items;
    }
}

/// The header band, the same on every page: the company on the left, one line per script,
/// the title and subtitle on the right, shrunk rather than run into the company name.
fn band(frame: &Frame, f: &Furniture, fonts: &Fonts) -> Vec<Item> {
    let white = Style::new(10.0, Rgb::WHITE).bold();
    let white_small = Style::new(7.5, Rgb::hex(0xdfe7f1));
    let (ascent, _) = fonts.metrics();
    let width_of = |s: &str, st: &Style| fonts.width(st.weight, s) * st.size;
    let top = mm(5.5);
    let lines = [
        top + ascent * white.size,
        top + white.size * 1.3 + ascent * white_small.size,
    ];
    let mut items = vec![Item::Rect {
        x: 0.0,
        y: 0.0,
        w: frame.width,
        h: mm(BAND_MM),
        fill: Some(NAVY),
        stroke: None,
    }];
    let rows = [(&f.title, white), (&f.subtitle, white_small)];
    for (k, (_, st)) in rows.iter().enumerate() {
        if let Some(l) = f.left.get(k) {
            items.push(Item::Text {
                x: frame.left,
                y: lines[k],
                text: l.clone(),
                style: *st,
            });
        }
    }
    for (k, (right, st)) in rows.into_iter().enumerate() {
        let room = frame.body_width() - f.left.get(k).map_or(0.0, |l| width_of(l, &st)) - 16.0;
        let w = width_of(right, &st);
        let fitted = if w > room && w > 0.0 {
            Style {
                size: (st.size * room / w).max(st.size * 0.6),
                ..st
            }
        } else {
            st
        };
        items.push(Item::Text {
            x: frame.right - width_of(right, &fitted),
            y: lines[k],
            text: right.clone(),
            style: fitted,
        });
    }
    items
}

/// The footer of one page: a rule, the footer lines wrapped beside the page number (at most
/// five lines), and the page number on the right.
fn footer(frame: &Frame, f: &Furniture, page_no: &str, fonts: &Fonts) -> Vec<Item> {
    let foot = Style::new(6.8, MUTED);
    let (ascent, _) = fonts.metrics();
    let page_w = fonts.width(foot.bold().weight, page_no) * foot.size;
    let fy = frame.height - mm(17.0);
    let mut items = vec![Item::Line {
        x1: frame.left,
        y1: fy,
        x2: frame.right,
        y2: fy,
        color: RULE,
        width: 0.6,
    }];
    let avail = frame.body_width() - page_w - 12.0;
    let measure = |s: &str| fonts.width(foot.weight, s) * foot.size;
    let mut y = fy + 4.0 + ascent * foot.size;
    for l in f
        .footer
        .iter()
        .flat_map(|line| wrap(line, avail, &measure))
        .take(5)
    {
        items.push(Item::Text {
            x: frame.left,
            y,
            text: l.text,
            style: foot,
        });
        y += foot.line_height();
    }
    items.push(Item::Text {
        x: frame.right - page_w,
        y: fy + 4.0 + ascent * foot.size,
        text: page_no.to_string(),
        style: foot.bold(),
    });
    items
}

/// A phone number that never breaks across lines.
pub fn unbreakable(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

/// Marks every page as a draft: a band under the header band, in the margin above the body,
/// saying `label` (such as "DRAFT"). Drawn over the page's own items, so nothing hides it.
pub fn draft_band(pages: &mut [Page], frame: &Frame, label: &str, fonts: &Fonts) {
    let style = Style::new(9.0, Rgb::WHITE).bold();
    let (ascent, _) = fonts.metrics();
    let (y, h) = (mm(BAND_MM + 1.0), mm(6.0));
    let w = fonts.width(style.weight, label) * style.size;
    for page in pages.iter_mut() {
        page.items.push(Item::Rect {
            x: frame.left,
            y,
            w: frame.body_width(),
            h,
            fill: Some(BAD),
            stroke: None,
        });
        page.items.push(Item::Text {
            x: frame.left + (frame.body_width() - w) / 2.0,
            y: y + (h - style.size) / 2.0 + ascent * style.size,
            text: label.to_string(),
            style,
        });
    }
}
