//! Lay-out stage: what pages are made of — lengths, colours, text styles, positioned items,
//! pages and the frame of the printable area.

use super::super::font::Weight;

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
    pub(super) fn shifted(&self, dx: Pt, dy: Pt) -> Item {
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
