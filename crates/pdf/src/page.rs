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
    let white = Style::new(10.0, Rgb::WHITE).bold();
    let white_small = Style::new(7.5, Rgb::hex(0xdfe7f1));
    let foot = Style::new(6.8, MUTED);
    let (ascent, _) = fonts.metrics();
    let width_of = |s: &str, st: &Style| fonts.width(st.weight, s) * st.size;
    let top = mm(5.5);
    let line2 = top + white.size * 1.3 + ascent * white_small.size;
    for (i, page) in pages.iter_mut().enumerate() {
        let mut items = vec![Item::Rect {
            x: 0.0,
            y: 0.0,
            w: frame.width,
            h: mm(BAND_MM),
            fill: Some(NAVY),
            stroke: None,
        }];
        if let Some(first) = f.left.first() {
            items.push(Item::Text {
                x: frame.left,
                y: top + ascent * white.size,
                text: first.clone(),
                style: white,
            });
        }
        if let Some(second) = f.left.get(1) {
            items.push(Item::Text {
                x: frame.left,
                y: line2,
                text: second.clone(),
                style: white_small,
            });
        }
        // The right side shrinks rather than run into the company name on the left.
        let fit = |text: &str, st: Style, left: Option<&String>, left_st: Style| -> Style {
            let room = frame.body_width() - left.map_or(0.0, |l| width_of(l, &left_st)) - 16.0;
            let w = width_of(text, &st);
            if w > room && w > 0.0 {
                Style {
                    size: (st.size * room / w).max(st.size * 0.6),
                    ..st
                }
            } else {
                st
            }
        };
        let (ts, ss) = (
            fit(&f.title, white, f.left.first(), white),
            fit(&f.subtitle, white_small, f.left.get(1), white_small),
        );
        items.push(Item::Text {
            x: frame.right - width_of(&f.title, &ts),
            y: top + ascent * white.size,
            text: f.title.clone(),
            style: ts,
        });
        items.push(Item::Text {
            x: frame.right - width_of(&f.subtitle, &ss),
            y: line2,
            text: f.subtitle.clone(),
            style: ss,
        });
        let fy = frame.height - mm(17.0);
        items.push(Item::Line {
            x1: frame.left,
            y1: fy,
            x2: frame.right,
            y2: fy,
            color: RULE,
            width: 0.6,
        });
        let page_no = (f.page_label)(i + 1, total);
        let page_w = width_of(&page_no, &foot.bold());
        let avail = frame.body_width() - page_w - 12.0;
        let mut y = fy + 4.0 + ascent * foot.size;
        let mut count = 0;
        for line in &f.footer {
            for l in wrap(line, avail, &|s| fonts.width(foot.weight, s) * foot.size) {
                if count < 5 {
                    items.push(Item::Text {
                        x: frame.left,
                        y,
                        text: l.text,
                        style: foot,
                    });
                    y += foot.line_height();
                    count += 1;
                }
            }
        }
        items.push(Item::Text {
            x: frame.right - page_w,
            y: fy + 4.0 + ascent * foot.size,
            text: page_no,
            style: foot.bold(),
        });
        items.append(&mut page.items);
        page.items = items;
    }
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
