//! Lay-out stage: what documents hand to the layout — blocks (heading, paragraph, table,
//! key-value grid, progress bar, photo grid, chart, spacer) and their cells and parts.

use super::{Chart, Frame, Pt, Rgb, Style};

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
    /// Indent of the lines after the first (bullets hang); with a `marker`, of every line.
    pub hang: Pt,
    /// A list marker (`•`, `1.`, `→`) drawn alone at the start of the first line, in the
    /// part's style; the text starts at `hang` on every line, whatever font draws the marker.
    pub marker: Option<String>,
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
            marker: None,
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
            marker: None,
        }
    }
    /// The same part with a hanging indent.
    pub fn hanging(mut self, hang: Pt) -> Part {
        self.hang = hang;
        self
    }
    /// The same part as a list item: `marker` in a gutter `gutter` wide (wider when the marker
    /// needs it), the text beside it on every line. An empty marker indents a part under the
    /// item's text (the item's second language).
    pub fn marked(mut self, marker: impl Into<String>, gutter: Pt) -> Part {
        self.marker = Some(marker.into());
        self.hang = gutter;
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
    /// Its width stays as its weight gives it: a column of parallel texts (English beside
    /// Chinese) lines up with the same column of the next table; others may lend or borrow
    /// width so that no cell leaves one character alone on its last line.
    pub fixed: bool,
}

impl Column {
    /// A column of relative width `weight` with its cells aligned as `align`.
    pub fn new(weight: f32, align: Align) -> Column {
        Column {
            weight,
            align,
            fixed: false,
        }
    }

    /// The same column with a width that never changes (see `fixed`).
    pub fn fixed(mut self) -> Column {
        self.fixed = true;
        self
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
    /// Blocks that never start a page: the line or row before them goes along (a table's
    /// note stays under the table's last row).
    Follow(Vec<Block>),
}
