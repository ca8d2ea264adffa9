//! Lay-out stage: blocks (heading, paragraph, table, key-value grid, progress bar, photo grid,
//! spacer) → positioned items on pages.
//!
//! Every block is first cut into *chunks*: the smallest pieces that must stay whole (a line,
//! a table row, a row of photos). Pagination then places chunks top to bottom, honouring
//! "keep with next" (a heading with what follows it, a table header with its first row, the
//! first two and last two lines of a paragraph) and repeating a table's header row at the top
//! of every page the table continues on. Coordinates are points, measured from the page's top
//! left corner; the PDF writer flips them.

use super::font::{Fonts, Weight};
use super::text::wrap_ranges;
use std::rc::Rc;

/// A length in PostScript points (1/72 inch).
pub type Pt = f32;

/// Millimetres to points.
pub fn mm(v: f32) -> Pt {
    v * 72.0 / 25.4
}

/// A colour with components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From `0xRRGGBB`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
    /// Black.
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// White.
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size.
    pub size: Pt,
    /// Regular or bold.
    pub weight: Weight,
    /// Text colour.
    pub color: Rgb,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    /// A regular style of `size` in `color`.
    pub const fn new(size: Pt, color: Rgb) -> Style {
        Style {
            size,
            weight: Weight::Regular,
            color,
            leading: 1.35,
        }
    }
    /// The same style, bold.
    pub const fn bold(mut self) -> Style {
        self.weight = Weight::Bold;
        self
    }
    /// The same style in another colour.
    pub const fn color(mut self, c: Rgb) -> Style {
        self.color = c;
        self
    }
    /// Height of one line.
    pub fn line_height(&self) -> Pt {
        self.size * self.leading
    }
}

/// Something drawn at a position.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `y` is the baseline.
    Text {
        x: Pt,
        y: Pt,
        text: String,
        style: Style,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, Pt)>,
    },
    /// A straight line.
    Line {
        x1: Pt,
        y1: Pt,
        x2: Pt,
        y2: Pt,
        color: Rgb,
        width: Pt,
    },
    /// An image (index into the document's images), scaled to the box.
    Image {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        image: usize,
    },
    /// A clickable area opening a URL.
    Link {
        x: Pt,
        y: Pt,
        w: Pt,
        h: Pt,
        url: String,
    },
}

impl Item {
    fn shifted(&self, dx: Pt, dy: Pt) -> Item {
        let mut it = self.clone();
        match &mut it {
            Item::Text { x, y, .. }
            | Item::Rect { x, y, .. }
            | Item::Image { x, y, .. }
            | Item::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
        it
    }
}

/// One page of items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Items in drawing order.
    pub items: Vec<Item>,
}

/// Page size and the area the body flows in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Page width.
    pub width: Pt,
    /// Page height.
    pub height: Pt,
    /// Left edge of the body.
    pub left: Pt,
    /// Right edge of the body.
    pub right: Pt,
    /// Top of the body.
    pub top: Pt,
    /// Bottom of the body.
    pub bottom: Pt,
}

impl Frame {
    /// A4 portrait with the given margins (top/bottom leave room for header and footer).
    pub fn a4(side: Pt, top: Pt, bottom: Pt) -> Frame {
        let (width, height) = (mm(210.0), mm(297.0));
        Frame {
            width,
            height,
            left: side,
            right: width - side,
            top,
            bottom: height - bottom,
        }
    }
    /// Width of the body.
    pub fn body_width(&self) -> Pt {
        self.right - self.left
    }
    /// Height of the body.
    pub fn body_height(&self) -> Pt {
        self.bottom - self.top
    }
}

/// Horizontal alignment in a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right (numbers).
    Right,
    /// Centred.
    Center,
}

/// A piece of text in a paragraph or cell; several parts stack vertically.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The text (may contain newlines).
    pub text: String,
    /// How it looks.
    pub style: Style,
    /// Makes the part a link.
    pub link: Option<String>,
    /// Runs in their own styles (bold words, links) — when set, they make up the text.
    pub spans: Vec<Span>,
    /// Indent of the lines after the first (bullets hang).
    pub hang: Pt,
}

/// A run of text in one style inside a part.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// How it looks.
    pub style: Style,
    /// A link it opens.
    pub link: Option<String>,
}

impl Part {
    /// A plain part.
    pub fn new(text: impl Into<String>, style: Style) -> Part {
        Part {
            text: text.into(),
            style,
            link: None,
            spans: Vec::new(),
            hang: 0.0,
        }
    }
    /// A part that opens `url`.
    pub fn link(text: impl Into<String>, style: Style, url: impl Into<String>) -> Part {
        Part {
            link: Some(url.into()),
            ..Part::new(text, style)
        }
    }
    /// A part made of runs in different styles; its line height is that of the first run.
    pub fn rich(spans: Vec<Span>) -> Part {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let style = spans
            .first()
            .map_or(Style::new(9.0, Rgb::BLACK), |s| s.style);
        Part {
            text,
            style,
            link: None,
            spans,
            hang: 0.0,
        }
    }
    /// The same part with a hanging indent.
    pub fn hanging(mut self, hang: Pt) -> Part {
        self.hang = hang;
        self
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Stacked text parts.
    Text(Vec<Part>),
    /// A progress bar: actual filled, planned marked (percentages 0–100).
    Bar {
        /// Planned completion.
        planned: f32,
        /// Actual completion.
        actual: f32,
        /// Fill colour of the actual part.
        color: Rgb,
    },
    /// A filled label, such as a PASS/FAIL or status badge.
    Badge {
        /// The label.
        text: String,
        /// Text style.
        style: Style,
        /// Background.
        fill: Rgb,
    },
    /// A QR code of `size` points for `data`, clickable when `data` is a URL.
    Qr {
        /// Square module matrix, row by row (true = dark).
        modules: Vec<bool>,
        /// Modules per side.
        width: usize,
        /// Side length.
        size: Pt,
        /// Link opened by clicking the code.
        link: Option<String>,
    },
    /// An empty outlined box of a given height with a small label, such as a company chop.
    Frame {
        /// Box height.
        height: Pt,
        /// Label in the top left corner.
        label: String,
        /// Label style.
        style: Style,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// A cell of one text part.
    pub fn text(text: impl Into<String>, style: Style) -> Cell {
        Cell::Text(vec![Part::new(text, style)])
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Relative width.
    pub weight: f32,
    /// Alignment of its cells.
    pub align: Align,
}

/// A table; rows never split unless one is taller than a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Columns.
    pub columns: Vec<Column>,
    /// Header row, repeated on every page the table spans.
    pub header: Option<Vec<Cell>>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Header background.
    pub header_fill: Rgb,
    /// Background of every other row.
    pub zebra: Option<Rgb>,
    /// Colour of the lines between rows.
    pub rule: Rgb,
    /// Cell padding.
    pub pad: Pt,
}

/// One photo of a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Index into the document's images, with its pixel size; `None` draws a placeholder.
    pub image: Option<(usize, u32, u32)>,
    /// Caption lines under the photo.
    pub caption: Vec<Part>,
}

/// Photos in a grid of equal boxes; a row of photos never splits across pages.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoGrid {
    /// Photos per row.
    pub columns: usize,
    /// Box height / box width.
    pub aspect: f32,
    /// The photos.
    pub photos: Vec<Photo>,
}

/// Gap between photo boxes.
const PHOTO_GAP: Pt = 10.0;

impl PhotoGrid {
    /// Size of one photo box in `frame`, for preparing images at the right resolution.
    pub fn box_size(frame: &Frame, columns: usize, aspect: f32) -> (Pt, Pt) {
        let cols = columns.max(1) as f32;
        let w = (frame.body_width() - PHOTO_GAP * (cols - 1.0)) / cols;
        (w, w * aspect)
    }
}

/// The building blocks of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, kept with what follows; optionally underlined.
    Heading {
        /// Text.
        text: String,
        /// Look.
        style: Style,
        /// Colour of a rule under it.
        rule: Option<Rgb>,
    },
    /// Wrapped text parts, one after the other.
    Paragraph(Vec<Part>),
    /// Label/value pairs, `pairs` per row.
    KeyValue {
        /// The pairs.
        items: Vec<(String, Vec<Part>)>,
        /// Pairs per row.
        pairs: usize,
        /// Label style.
        label: Style,
    },
    /// A table.
    Table(Table),
    /// A photo grid.
    Photos(PhotoGrid),
    /// Vertical space (dropped at the top of a page).
    Spacer(Pt),
    /// What follows starts on a new page.
    PageBreak,
}

/// An unbreakable piece of a block, drawn relative to its own top-left corner.
#[derive(Debug, Clone)]
struct Chunk {
    height: Pt,
    items: Vec<Item>,
    keep_with_next: bool,
    space_before: Pt,
    header: Option<Rc<Chunk>>,
    /// Starts a new page unless the current one is still empty.
    break_before: bool,
}

impl Chunk {
    fn new(height: Pt, items: Vec<Item>) -> Chunk {
        Chunk {
            height,
            items,
            keep_with_next: false,
            space_before: 0.0,
            header: None,
            break_before: false,
        }
    }
}

/// A box of content inside a cell: its height and items relative to its top.
#[derive(Debug, Clone)]
struct LineBox {
    height: Pt,
    items: Vec<Item>,
}

/// Lays out text parts in a column `width` wide starting at x = 0.
fn text_boxes(parts: &[Part], width: Pt, align: Align, fonts: &Fonts) -> Vec<LineBox> {
    let (ascent, _) = fonts.metrics();
    let mut out = Vec::new();
    for part in parts {
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
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let mut bounds = Vec::with_capacity(spans.len());
        let mut at = 0;
        for sp in spans {
            bounds.push((at, at + sp.text.len(), sp));
            at += sp.text.len();
        }
        // Width of text[a..b], each run measured in its own style.
        let measure = |a: usize, b: usize| -> f32 {
            bounds
                .iter()
                .filter(|(s, e, _)| *s < b && *e > a)
                .map(|(s, e, sp)| {
                    fonts.width(sp.style.weight, &text[a.max(*s)..b.min(*e)]) * sp.style.size
                })
                .sum()
        };
        let st = part.style;
        let lh = st.line_height();
        let baseline = (lh - st.size) / 2.0 + ascent * st.size;
        for (k, (a, b)) in wrap_ranges(&text, width, width - part.hang, &measure)
            .into_iter()
            .enumerate()
        {
            let indent = if k == 0 { 0.0 } else { part.hang };
            let line_w = measure(a, b);
            let mut x = indent
                + match align {
                    Align::Left => 0.0,
                    Align::Right => (width - indent - line_w).max(0.0),
                    Align::Center => ((width - indent - line_w) / 2.0).max(0.0),
                };
            let mut items = Vec::new();
            for (s, e, sp) in &bounds {
                let (ra, rb) = (a.max(*s), b.min(*e));
                if ra >= rb {
                    continue;
                }
                let piece = &text[ra..rb];
                let w = fonts.width(sp.style.weight, piece) * sp.style.size;
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
            out.push(LineBox { height: lh, items });
        }
    }
    out
}

fn cell_boxes(cell: &Cell, width: Pt, align: Align, fonts: &Fonts) -> Vec<LineBox> {
    match cell {
        Cell::Text(parts) => text_boxes(parts, width, align, fonts),
        Cell::Bar {
            planned,
            actual,
            color,
        } => {
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
                    fill: Some(*color),
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
            vec![LineBox { height: h, items }]
        }
        Cell::Badge { text, style, fill } => {
            let w = fonts.width(style.weight, text) * style.size + 8.0;
            let h = style.size * 1.6;
            let (ascent, _) = fonts.metrics();
            let x = match align {
                Align::Left => 0.0,
                Align::Right => (width - w).max(0.0),
                Align::Center => ((width - w) / 2.0).max(0.0),
            };
            let baseline = (h - style.size) / 2.0 + ascent * style.size * 0.92;
            vec![LineBox {
                height: h,
                items: vec![
                    Item::Rect {
                        x,
                        y: 0.0,
                        w,
                        h,
                        fill: Some(*fill),
                        stroke: None,
                    },
                    Item::Text {
                        x: x + 4.0,
                        y: baseline,
                        text: text.clone(),
                        style: *style,
                    },
                ],
            }]
        }
        Cell::Qr {
            modules,
            width: n,
            size,
            link,
        } => {
            let n = (*n).max(1);
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
                    w: *size,
                    h: *size,
                    url: url.clone(),
                });
            }
            vec![LineBox {
                height: *size,
                items,
            }]
        }
        Cell::Frame {
            height,
            label,
            style,
        } => {
            let (ascent, _) = fonts.metrics();
            vec![LineBox {
                height: *height,
                items: vec![
                    Item::Rect {
                        x: 0.0,
                        y: 0.0,
                        w: width,
                        h: *height,
                        fill: None,
                        stroke: Some((Rgb::hex(0x8a929c), 0.6)),
                    },
                    Item::Text {
                        x: 4.0,
                        y: 3.0 + ascent * style.size,
                        text: label.clone(),
                        style: *style,
                    },
                ],
            }]
        }
        Cell::Empty => Vec::new(),
    }
}

fn stack(boxes: &[LineBox], dx: Pt, dy: Pt, out: &mut Vec<Item>) -> Pt {
    let mut y = dy;
    for b in boxes {
        out.extend(b.items.iter().map(|it| it.shifted(dx, y)));
        y += b.height;
    }
    y - dy
}

/// Turns blocks into chunks for a body `width` wide (x from 0).
fn chunks(blocks: &[Block], frame: &Frame, fonts: &Fonts) -> Vec<Chunk> {
    let width = frame.body_width();
    let max_h = frame.body_height();
    let mut out: Vec<Chunk> = Vec::new();
    let mut space = 0.0;
    for block in blocks {
        let first = out.len();
        match block {
            Block::Spacer(h) => {
                space += h;
                continue;
            }
            Block::PageBreak => {
                let mut c = Chunk::new(0.0, Vec::new());
                c.break_before = true;
                out.push(c);
            }
            Block::Heading { text, style, rule } => {
                let boxes = text_boxes(
                    &[Part::new(text.clone(), *style)],
                    width,
                    Align::Left,
                    fonts,
                );
                let mut items = Vec::new();
                let mut h = stack(&boxes, 0.0, 0.0, &mut items);
                if let Some(c) = rule {
                    h += 2.0;
                    items.push(Item::Line {
                        x1: 0.0,
                        y1: h,
                        x2: width,
                        y2: h,
                        color: *c,
                        width: 0.8,
                    });
                    h += 4.0;
                }
                let mut c = Chunk::new(h, items);
                c.keep_with_next = true;
                out.push(c);
            }
            Block::Paragraph(parts) => {
                let boxes = text_boxes(parts, width, Align::Left, fonts);
                let n = boxes.len();
                for (i, b) in boxes.into_iter().enumerate() {
                    let mut c = Chunk::new(b.height, b.items);
                    // Orphans and widows: the first two and the last two lines stay together.
                    c.keep_with_next = n >= 3 && (i == 0 || i + 2 == n);
                    out.push(c);
                }
            }
            Block::KeyValue {
                items,
                pairs,
                label,
            } => {
                let pairs = (*pairs).max(1);
                let col = width / pairs as f32;
                let label_w = col * 0.36;
                for row in items.chunks(pairs) {
                    let mut its = Vec::new();
                    let mut h: Pt = 0.0;
                    for (j, (k, v)) in row.iter().enumerate() {
                        let x = j as f32 * col;
                        let lb = text_boxes(
                            &[Part::new(k.clone(), *label)],
                            label_w - 6.0,
                            Align::Left,
                            fonts,
                        );
                        let vb = text_boxes(v, col - label_w - 6.0, Align::Left, fonts);
                        h = h.max(stack(&lb, x, 2.0, &mut its)).max(stack(
                            &vb,
                            x + label_w,
                            2.0,
                            &mut its,
                        ));
                    }
                    let h = h + 4.0;
                    its.push(Item::Line {
                        x1: 0.0,
                        y1: h,
                        x2: width,
                        y2: h,
                        color: Rgb::hex(0xdde1e6),
                        width: 0.5,
                    });
                    out.push(Chunk::new(h, its));
                }
            }
            Block::Table(t) => table_chunks(t, width, max_h, fonts, &mut out),
            Block::Photos(g) => photo_chunks(g, frame, fonts, &mut out),
        }
        if let Some(c) = out.get_mut(first) {
            c.space_before += space;
        }
        space = 0.0;
    }
    out
}

fn table_chunks(t: &Table, width: Pt, max_h: Pt, fonts: &Fonts, out: &mut Vec<Chunk>) {
    let total: f32 = t.columns.iter().map(|c| c.weight).sum::<f32>().max(0.001);
    let widths: Vec<Pt> = t.columns.iter().map(|c| width * c.weight / total).collect();
    let xs: Vec<Pt> = widths
        .iter()
        .scan(0.0, |acc, w| {
            let x = *acc;
            *acc += w;
            Some(x)
        })
        .collect();
    let pad = t.pad;
    let cells_of = |row: &[Cell]| -> Vec<Vec<LineBox>> {
        row.iter()
            .enumerate()
            .map(|(j, c)| {
                let col = t.columns.get(j).copied().unwrap_or(Column {
                    weight: 1.0,
                    align: Align::Left,
                });
                cell_boxes(
                    c,
                    widths.get(j).copied().unwrap_or(0.0) - 2.0 * pad,
                    col.align,
                    fonts,
                )
            })
            .collect()
    };
    let draw_row = |cells: &[Vec<LineBox>], fill: Option<Rgb>, rule: bool| -> Chunk {
        let inner: Pt = cells
            .iter()
            .map(|b| b.iter().map(|x| x.height).sum::<Pt>())
            .fold(0.0, f32::max);
        let h = inner + 2.0 * pad;
        let mut items = Vec::new();
        if let Some(f) = fill {
            items.push(Item::Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h,
                fill: Some(f),
                stroke: None,
            });
        }
        for (j, boxes) in cells.iter().enumerate() {
            stack(
                boxes,
                xs.get(j).copied().unwrap_or(0.0) + pad,
                pad,
                &mut items,
            );
        }
        if rule {
            items.push(Item::Line {
                x1: 0.0,
                y1: h,
                x2: width,
                y2: h,
                color: t.rule,
                width: 0.5,
            });
        }
        Chunk::new(h, items)
    };
    let header = t.header.as_ref().map(|hdr| {
        let mut c = draw_row(&cells_of(hdr), Some(t.header_fill), false);
        c.keep_with_next = true;
        Rc::new(c)
    });
    if let Some(h) = &header {
        out.push((**h).clone());
    }
    let budget = max_h - header.as_ref().map_or(0.0, |h| h.height) - 2.0 * pad;
    for (i, row) in t.rows.iter().enumerate() {
        let fill = t.zebra.filter(|_| i % 2 == 1);
        let mut cells = cells_of(row);
        // A row taller than a page is cut between lines, each cell at the same height.
        loop {
            let height: Pt = cells
                .iter()
                .map(|b| b.iter().map(|x| x.height).sum::<Pt>())
                .fold(0.0, f32::max);
            if height <= budget || budget <= 0.0 {
                let mut c = draw_row(&cells, fill, true);
                c.header = header.clone();
                out.push(c);
                break;
            }
            let mut now = Vec::new();
            let mut later = Vec::new();
            for boxes in cells {
                let mut used = 0.0;
                let cut = boxes.iter().position(|b| {
                    used += b.height;
                    used > budget
                });
                let cut = cut.unwrap_or(boxes.len()).max(1).min(boxes.len());
                let (a, b) = boxes.split_at(cut);
                now.push(a.to_vec());
                later.push(b.to_vec());
            }
            let mut c = draw_row(&now, fill, false);
            c.header = header.clone();
            out.push(c);
            cells = later;
        }
    }
}

fn photo_chunks(g: &PhotoGrid, frame: &Frame, fonts: &Fonts, out: &mut Vec<Chunk>) {
    let cols = g.columns.max(1);
    let (bw, bh) = PhotoGrid::box_size(frame, cols, g.aspect);
    for row in g.photos.chunks(cols) {
        let mut items = Vec::new();
        let mut h: Pt = 0.0;
        for (j, p) in row.iter().enumerate() {
            let x = j as f32 * (bw + PHOTO_GAP);
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: bw,
                h: bh,
                fill: Some(Rgb::hex(0xf3f4f6)),
                stroke: Some((Rgb::hex(0xc9ced6), 0.5)),
            });
            if let Some((img, pw, ph)) = p.image {
                // Fit inside the box, centred, keeping the aspect ratio.
                let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
                let s = (bw / pw).min(bh / ph);
                let (w, ih) = (pw * s, ph * s);
                items.push(Item::Image {
                    x: x + (bw - w) / 2.0,
                    y: (bh - ih) / 2.0,
                    w,
                    h: ih,
                    image: img,
                });
            }
            let caption = text_boxes(&p.caption, bw, Align::Left, fonts);
            let ch = stack(&caption, x, bh + 4.0, &mut items);
            h = h.max(bh + 4.0 + ch);
        }
        let mut c = Chunk::new(h + 8.0, items);
        c.space_before = 0.0;
        out.push(c);
    }
}

/// Lays blocks out on as many pages as they need.
pub fn layout(blocks: &[Block], frame: &Frame, fonts: &Fonts) -> Vec<Page> {
    let chunks = chunks(blocks, frame, fonts);
    let mut pages = vec![Page::default()];
    let mut y = frame.top;
    let max_h = frame.body_height();
    let place = |c: &Chunk, y: Pt, page: &mut Page| {
        page.items
            .extend(c.items.iter().map(|it| it.shifted(frame.left, y)));
    };
    let mut i = 0;
    // Whether the current page holds nothing yet but a repeated header: whatever comes next
    // is placed here even if it does not fit, so pagination always moves on.
    let mut fresh = true;
    while i < chunks.len() {
        let c = &chunks[i];
        let at_top = y <= frame.top;
        let before = if at_top { 0.0 } else { c.space_before };
        // The height this chunk needs here: itself plus whatever it must stay with.
        let mut need = before + c.height;
        let mut j = i;
        while chunks[j].keep_with_next && j + 1 < chunks.len() && j - i < 4 {
            j += 1;
            need += chunks[j].space_before + chunks[j].height;
        }
        if need > max_h {
            // The group can never fit together: only the chunk itself has to fit.
            need = before + c.height;
        }
        if (c.break_before || y + need > frame.bottom) && !fresh {
            pages.push(Page::default());
            y = frame.top;
            fresh = true;
            if let (Some(h), Some(page)) = (&c.header, pages.last_mut()) {
                place(h, y, page);
                y += h.height;
            }
            continue;
        }
        if let Some(page) = pages.last_mut() {
            place(c, y + before, page);
        }
        y += before + c.height;
        fresh = fresh && c.height <= 0.0;
        i += 1;
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::builtin().unwrap()
    }

    const BODY: Style = Style::new(9.0, Rgb::BLACK);

    fn frame() -> Frame {
        Frame::a4(mm(15.0), mm(30.0), mm(20.0))
    }

    fn texts(p: &Page) -> Vec<&str> {
        p.items
            .iter()
            .filter_map(|i| {
                if let Item::Text { text, .. } = i {
                    Some(text.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    fn table(rows: usize) -> Table {
        Table {
            columns: vec![
                Column {
                    weight: 3.0,
                    align: Align::Left,
                },
                Column {
                    weight: 1.0,
                    align: Align::Right,
                },
            ],
            header: Some(vec![
                Cell::text("Material", BODY.bold()),
                Cell::text("Qty", BODY.bold()),
            ]),
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::text(format!("row {i} 不锈钢板"), BODY),
                        Cell::text(format!("{i}"), BODY),
                    ]
                })
                .collect(),
            header_fill: Rgb::hex(0xeeeeee),
            zebra: Some(Rgb::hex(0xf8f8f8)),
            rule: Rgb::hex(0xcccccc),
            pad: 3.0,
        }
    }

    #[test]
    fn long_tables_repeat_their_header_and_keep_every_row() {
        let pages = layout(&[Block::Table(table(120))], &frame(), &fonts());
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for p in &pages {
            let t = texts(p);
            assert_eq!(t[0], "Material", "every page starts with the header");
            assert_eq!(t.iter().filter(|x| **x == "Material").count(), 1);
        }
        let rows: usize = pages
            .iter()
            .map(|p| texts(p).iter().filter(|t| t.starts_with("row ")).count())
            .sum();
        assert_eq!(rows, 120);
    }

    #[test]
    fn nothing_leaves_the_body() {
        let f = frame();
        let blocks = vec![
            Block::Table(table(80)),
            Block::Paragraph(vec![Part::new("word ".repeat(2000), BODY)]),
        ];
        for p in layout(&blocks, &f, &fonts()) {
            for it in &p.items {
                if let Item::Text { y, x, .. } = it {
                    assert!(*y > f.top && *y <= f.bottom + 1.0, "y {y}");
                    assert!(*x >= f.left - 0.01 && *x < f.right);
                }
            }
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let f = frame();
        let h = Block::Heading {
            text: "Section".into(),
            style: BODY.bold(),
            rule: None,
        };
        // Fill a page almost to the end, then a heading and a table.
        let filler = Block::Paragraph(vec![Part::new("line\n".repeat(66), BODY)]);
        let pages = layout(&[filler, h, Block::Table(table(3))], &f, &fonts());
        for p in &pages {
            let t = texts(p);
            if let Some(pos) = t.iter().position(|x| *x == "Section") {
                assert!(t.len() > pos + 3, "heading separated from its table: {t:?}");
            }
        }
    }

    #[test]
    fn page_breaks_start_a_new_page_but_never_an_empty_one() {
        let p = |t: &str| Block::Paragraph(vec![Part::new(t, BODY)]);
        let pages = layout(
            &[
                Block::PageBreak,
                p("one"),
                Block::PageBreak,
                Block::PageBreak,
                p("two"),
            ],
            &frame(),
            &fonts(),
        );
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["one"]);
        assert_eq!(texts(&pages[1]), ["two"]);
    }

    #[test]
    fn photo_rows_never_split() {
        let f = frame();
        let photos: Vec<Photo> = (0..20)
            .map(|i| Photo {
                image: Some((i, 4000, 3000)),
                caption: vec![Part::new(format!("photo {i}"), BODY)],
            })
            .collect();
        let pages = layout(
            &[Block::Photos(PhotoGrid {
                columns: 2,
                aspect: 0.75,
                photos,
            })],
            &f,
            &fonts(),
        );
        let mut seen = 0;
        for p in &pages {
            for it in &p.items {
                if let Item::Image { y, h, .. } = it {
                    assert!(
                        *y >= f.top && y + h <= f.bottom + 0.01,
                        "photo cut: {y} + {h}"
                    );
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 20);
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines() {
        let mut t = table(1);
        t.rows[0][0] = Cell::text("很长的说明".repeat(3000), BODY);
        let pages = layout(&[Block::Table(t)], &frame(), &fonts());
        assert!(pages.len() > 2);
        for p in &pages {
            assert_eq!(texts(p)[0], "Material");
        }
    }

    #[test]
    fn right_aligned_cells_end_at_the_column_edge() {
        let f = frame();
        let pages = layout(&[Block::Table(table(1))], &f, &fonts());
        let fonts = fonts();
        let (x, text) = pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text { x, text, .. } if text == "0" => Some((*x, text.clone())),
                _ => None,
            })
            .unwrap();
        let w = fonts.width(Weight::Regular, &text) * 9.0;
        assert!(
            (x + w - (f.right - 3.0)).abs() < 0.5,
            "{} vs {}",
            x + w,
            f.right - 3.0
        );
    }
}
