//! Lay-out stage: blocks (heading, paragraph, table, key-value grid, progress bar, photo grid,
//! spacer) → positioned items on pages.
//!
//! Every block is first cut into *chunks*: the smallest pieces that must stay whole (a line,
//! a table row, a row of photos). Pagination then places chunks top to bottom, honouring
//! "keep with next" (a heading with what follows it, a table header with its first row, the
//! first two and last two lines of a paragraph) and repeating a table's header row at the top
//! of every page the table continues on. Coordinates are points, measured from the page's top
//! left corner; the PDF writer flips them.
mod boxes;
mod chart;
mod chunks;

use super::font::{Fonts, Weight};
pub use chart::{Chart, Series};
use chunks::{chunks, Chunk};

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

impl Column {
    /// A column of relative width `weight` with its cells aligned as `align`.
    pub fn new(weight: f32, align: Align) -> Column {
        Column { weight, align }
    }

    /// A left-aligned column of relative width `weight`.
    pub fn left(weight: f32) -> Column {
        Column::new(weight, Align::Left)
    }
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
pub(super) const PHOTO_GAP: Pt = 10.0;

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
    /// Blocks that go to the next page together rather than be split, when they fit on one
    /// page (a signature block with its boxes, a short table).
    Keep(Vec<Block>),
    /// A line chart, the body's width wide, never split.
    Chart(Chart),
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
        while chunks[j].keep_with_next && j + 1 < chunks.len() && (j - i < 4 || chunks[j].together)
        {
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
mod tests;
