//! Lay-out stage: the content of a cell or paragraph as stacked line boxes (text runs,
//! bars, badges, QR codes, frames), relative to the box's top-left corner.

use super::super::font::Fonts;
use super::super::text::{without_lone_last, wrap_ranges};
use super::{Align, Cell, Item, Part, Pt, Rgb, Span, Style};

/// A box of content inside a cell: its height and items relative to its top.
#[derive(Debug, Clone)]
pub(super) struct LineBox {
    pub(super) height: Pt,
    pub(super) items: Vec<Item>,
    /// The width its content takes from the box's left edge (the whole width for a bar,
    /// frame or code, which fill what they are given).
    pub(super) used: Pt,
    /// On the last line of a wrapped part that would hold one character alone (`有限公⏎司`,
    /// given company from the line before): how much wider the part would have to be to
    /// take it up; 0 elsewhere.
    pub(super) lone: Pt,
}

impl LineBox {
    /// A box that fills `width`.
    fn full(height: Pt, width: Pt, items: Vec<Item>) -> LineBox {
        LineBox {
            height,
            items,
            used: width,
            lone: 0.0,
        }
    }
}

/// Lays out text parts in a column `width` wide starting at x = 0.
pub(super) fn text_boxes(parts: &[Part], width: Pt, align: Align, fonts: &Fonts) -> Vec<LineBox> {
    let mut out = Vec::new();
    for part in parts {
        part_boxes(part, width, align, fonts, &mut out);
    }
    out
}

/// One part's lines: its marker drawn apart in the gutter, its text wrapped at the indents
/// (no character alone on the last line) and aligned, each run in its own style.
fn part_boxes(part: &Part, width: Pt, align: Align, fonts: &Fonts, out: &mut Vec<LineBox>) {
    let (ascent, _) = fonts.metrics();
    // A plain part is one run.
    let single;
    let spans: &[Span] = if part.spans.is_empty() {
        single = [Span {
            text: part.text.clone(),
            style: part.style,
            link: part.link.clone(),
        }];
        &single
    } else {
        &part.spans
    };
    let runs = Runs::new(spans, fonts);
    let measure = |a: usize, b: usize| runs.width(a, b);
    let st = part.style;
    let lh = st.line_height();
    let baseline = (lh - st.size) / 2.0 + ascent * st.size;
    // A marker is measured and drawn on its own, so the font that draws it never depends
    // on the text beside it (a bullet before Chinese would take the CJK face's full width);
    // its text starts at the same indent on every line.
    let marker = part.marker.as_deref();
    let (first_indent, rest_indent) = match marker {
        Some(m) => {
            let gap = st.size * 0.35;
            let w = fonts.width(st.weight, m) * st.size;
            let at = part.hang.max(w + gap);
            (at, at)
        }
        None => (0.0, part.hang),
    };
    let text = &runs.text;
    let ranges = wrap_ranges(text, width - first_indent, width - rest_indent, &measure);
    let (ranges, lone) = without_lone_last(text, ranges, width - rest_indent, &measure);
    let n = ranges.len();
    for (k, (a, b)) in ranges.into_iter().enumerate() {
        let indent = if k == 0 { first_indent } else { rest_indent };
        let line_w = measure(a, b);
        let x = indent
            + match align {
                Align::Left => 0.0,
                Align::Right => (width - indent - line_w).max(0.0),
                Align::Center => ((width - indent - line_w) / 2.0).max(0.0),
            };
        let mut items = Vec::new();
        if let (0, Some(m)) = (k, marker.filter(|m| !m.is_empty())) {
            items.push(Item::Text {
                x: 0.0,
                y: baseline,
                text: m.to_string(),
                style: st,
            });
        }
        runs.items((a, b), (x, baseline), lh, &mut items);
        out.push(LineBox {
            height: lh,
            items,
            // The content's own width, wherever the alignment puts it.
            used: indent + line_w,
            lone: if k + 1 == n { lone } else { 0.0 },
        });
    }
}

/// A part's text as one string, with the byte range of each of its runs.
struct Runs<'a> {
    text: String,
    bounds: Vec<(usize, usize, &'a Span)>,
    fonts: &'a Fonts,
}

impl<'a> Runs<'a> {
    fn new(spans: &'a [Span], fonts: &'a Fonts) -> Runs<'a> {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let mut bounds = Vec::with_capacity(spans.len());
        let mut at = 0;
        for sp in spans {
            bounds.push((at, at + sp.text.len(), sp));
            at += sp.text.len();
        }
        Runs {
            text,
            bounds,
            fonts,
        }
    }

    /// Width of `text[a..b]`, each run measured in its own style.
    fn width(&self, a: usize, b: usize) -> f32 {
        self.bounds
            .iter()
            .filter(|(s, e, _)| *s < b && *e > a)
            .map(|(s, e, sp)| {
                self.fonts
                    .width(sp.style.weight, &self.text[a.max(*s)..b.min(*e)])
                    * sp.style.size
            })
            .sum()
    }

    /// The items of `text[a..b]` from `x` on the baseline: a text item per run in its style,
    /// and a link area `lh` high over each linked run.
    fn items(
        &self,
        (a, b): (usize, usize),
        (mut x, baseline): (Pt, Pt),
        lh: Pt,
        items: &mut Vec<Item>,
    ) {
        for (s, e, sp) in &self.bounds {
            let (ra, rb) = (a.max(*s), b.min(*e));
            if ra >= rb {
                continue;
            }
            let piece = &self.text[ra..rb];
            let w = self.fonts.width(sp.style.weight, piece) * sp.style.size;
            items.push(Item::Text {
                x,
                y: baseline,
                text: piece.to_string(),
                style: sp.style,
            });
            if let Some(url) = &sp.link {
                items.push(Item::Link {
                    x,
                    y: 0.0,
                    w,
                    h: lh,
                    url: url.clone(),
                });
            }
            x += w;
        }
    }
}

/// Lays out a table cell `width` wide: text, a progress bar, a badge, a QR code or a frame.
pub(super) fn cell_boxes(cell: &Cell, width: Pt, align: Align, fonts: &Fonts) -> Vec<LineBox> {
    match cell {
        Cell::Text(parts) => text_boxes(parts, width, align, fonts),
        Cell::Bar {
            planned,
            actual,
            color,
        } => vec![bar_box(*planned, *actual, *color, width)],
        Cell::Badge { text, style, fill } => {
            vec![badge_box(text, style, *fill, width, align, fonts)]
        }
        Cell::Qr {
            modules,
            width: n,
            size,
            link,
        } => vec![qr_box(modules, *n, *size, link.as_deref())],
        Cell::Frame {
            height,
            label,
            style,
        } => vec![frame_box(label, *style, *height, width, fonts)],
        Cell::Empty => Vec::new(),
    }
}

/// An outlined box to write in, with its label wrapped in the top left corner: at least
/// `height` tall, and taller by the label's extra lines, so a long (bilingual) label never
/// takes the room meant for handwriting nor leaves the box.
fn frame_box(label: &str, style: Style, height: Pt, width: Pt, fonts: &Fonts) -> LineBox {
    const INSET: Pt = 4.0;
    let lines = text_boxes(
        &[Part::new(label, style)],
        (width - 2.0 * INSET).max(1.0),
        Align::Left,
        fonts,
    );
    let first = lines.first().map_or(0.0, |l| l.height);
    let extra: Pt = lines.iter().skip(1).map(|l| l.height).sum();
    let h = height + extra;
    let mut items = vec![Item::Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h,
        fill: None,
        stroke: Some((Rgb::hex(0x8a929c), 0.6)),
    }];
    // The first baseline 3 pt + ascent below the top edge, where a one-line label always sat.
    let top = 3.0 - (first - style.size) / 2.0;
    stack(&lines, INSET, top, &mut items);
    LineBox::full(h, width, items)
}

/// A progress bar: the actual part filled, the plan a dark tick (percentages 0–100).
fn bar_box(planned: f32, actual: f32, color: Rgb, width: Pt) -> LineBox {
    let h = 9.0;
    let (p, a) = (
        planned.clamp(0.0, 100.0) / 100.0,
        actual.clamp(0.0, 100.0) / 100.0,
    );
    let mut items = vec![Item::Rect {
        x: 0.0,
        y: 1.5,
        w: width,
        h: h - 3.0,
        fill: Some(Rgb::hex(0xf0f2f5)),
        stroke: None,
    }];
    if a > 0.0 {
        // Outlined, so a light colour still reads as a bar on a greyscale printout.
        items.push(Item::Rect {
            x: 0.0,
            y: 1.5,
            w: width * a,
            h: h - 3.0,
            fill: Some(color),
            stroke: Some((Rgb::hex(0x4a4f57), 0.4)),
        });
    }
    items.push(Item::Rect {
        x: 0.0,
        y: 1.5,
        w: width,
        h: h - 3.0,
        fill: None,
        stroke: Some((Rgb::hex(0x8a929c), 0.4)),
    });
    // The plan is a dark tick, visible on grey paper as on screen.
    let px = (width * p).clamp(0.75, width - 0.75);
    items.push(Item::Line {
        x1: px,
        y1: 0.0,
        x2: px,
        y2: h,
        color: Rgb::hex(0x1a1a1a),
        width: 1.5,
    });
    LineBox::full(h, width, items)
}

/// A filled label (PASS/FAIL, a status), aligned in the cell.
fn badge_box(
    text: &str,
    style: &Style,
    fill: Rgb,
    width: Pt,
    align: Align,
    fonts: &Fonts,
) -> LineBox {
    let w = fonts.width(style.weight, text) * style.size + 8.0;
    let h = style.size * 1.6;
    let (ascent, _) = fonts.metrics();
    let x = match align {
        Align::Left => 0.0,
        Align::Right => (width - w).max(0.0),
        Align::Center => ((width - w) / 2.0).max(0.0),
    };
    let baseline = (h - style.size) / 2.0 + ascent * style.size * 0.92;
    LineBox::full(
        h,
        width,
        vec![
            Item::Rect {
                x,
                y: 0.0,
                w,
                h,
                fill: Some(fill),
                stroke: None,
            },
            Item::Text {
                x: x + 4.0,
                y: baseline,
                text: text.to_string(),
                style: *style,
            },
        ],
    )
}

/// A QR code of `size` points from its `n`×`n` module matrix, clickable when it has a link.
fn qr_box(modules: &[bool], n: usize, size: Pt, link: Option<&str>) -> LineBox {
    let n = n.max(1);
    let m = size / n as f32;
    let mut items = Vec::new();
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            // Runs of dark modules in a row become one rectangle: fewer operators.
            let (r, c) = (i / n, i % n);
            if c > 0 && modules[i - 1] {
                continue;
            }
            let run = modules[i..].iter().take(n - c).take_while(|d| **d).count();
            items.push(Item::Rect {
                x: c as f32 * m,
                y: r as f32 * m,
                w: run as f32 * m,
                h: m,
                fill: Some(Rgb::BLACK),
                stroke: None,
            });
        }
    }
    if let Some(url) = link {
        items.push(Item::Link {
            x: 0.0,
            y: 0.0,
            w: size,
            h: size,
            url: url.to_string(),
        });
    }
    LineBox::full(size, size, items)
}

pub(super) fn stack(boxes: &[LineBox], dx: Pt, dy: Pt, out: &mut Vec<Item>) -> Pt {
    let mut y = dy;
    for b in boxes {
        out.extend(b.items.iter().map(|it| it.shifted(dx, y)));
        y += b.height;
    }
    y - dy
}
