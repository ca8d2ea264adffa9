//! Lay-out stage: blocks cut into chunks, the smallest pieces that must stay whole (a line, a
//! table row, a row of photos), each drawn relative to its own top-left corner.

use super::super::font::Fonts;
use super::super::text::balanced_width;
use super::boxes::{cell_boxes, stack, text_boxes, LineBox};
use super::{
    Align, Block, Cell, Column, Frame, Item, Part, PhotoGrid, Pt, Rgb, Style, Table, PHOTO_GAP,
};
use std::rc::Rc;

/// An unbreakable piece of a block, drawn relative to its own top-left corner.
#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) height: Pt,
    pub(super) items: Vec<Item>,
    pub(super) keep_with_next: bool,
    pub(super) space_before: Pt,
    pub(super) header: Option<Rc<Chunk>>,
    /// Starts a new page unless the current one is still empty.
    pub(super) break_before: bool,
    /// Part of a `Block::Keep` group, kept with the next chunk however long the group is.
    pub(super) together: bool,
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
            together: false,
        }
    }
}

/// Turns blocks into chunks for a body `width` wide (x from 0).
pub(super) fn chunks(blocks: &[Block], frame: &Frame, fonts: &Fonts) -> Vec<Chunk> {
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
                out.push(heading(text, *style, *rule, width, fonts));
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
            } => key_value(items, *pairs, *label, width, fonts, &mut out),
            Block::Keep(inner) => out.extend(keep(inner, frame, fonts)),
            Block::Follow(inner) => {
                if let Some(before) = out.last_mut() {
                    before.keep_with_next = true;
                }
                out.extend(chunks(inner, frame, fonts));
            }
            Block::Table(t) => table_chunks(t, width, max_h, fonts, &mut out),
            Block::Photos(g) => photo_chunks(g, frame, fonts, &mut out),
            Block::Chart(c) => out.push(Chunk::new(c.height, super::chart::items(c, width, fonts))),
        }
        if let Some(c) = out.get_mut(first) {
            c.space_before += space;
        }
        space = 0.0;
    }
    out
}

/// A heading wrapped at its balanced width, with its rule below; kept with what follows.
fn heading(text: &str, style: Style, rule: Option<Rgb>, width: Pt, fonts: &Fonts) -> Chunk {
    let measure = |s: &str| fonts.width(style.weight, s) * style.size;
    let boxes = text_boxes(
        &[Part::new(text.to_string(), style)],
        balanced_width(text, width, &measure),
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
            color: c,
            width: 0.8,
        });
        h += 4.0;
    }
    let mut c = Chunk::new(h, items);
    c.keep_with_next = true;
    c
}

/// A key-value grid, `pairs` pairs a row, one chunk a row with a rule under it.
fn key_value(
    items: &[(String, Vec<Part>)],
    pairs: usize,
    label: Style,
    width: Pt,
    fonts: &Fonts,
    out: &mut Vec<Chunk>,
) {
    let pairs = pairs.max(1);
    let col = width / pairs as f32;
    let label_w = col * 0.36;
    for row in items.chunks(pairs) {
        let mut its = Vec::new();
        let mut h: Pt = 0.0;
        for (j, (k, v)) in row.iter().enumerate() {
            let x = j as f32 * col;
            let lb = text_boxes(
                &[Part::new(k.clone(), label)],
                label_w - 6.0,
                Align::Left,
                fonts,
            );
            let vb = text_boxes(v, col - label_w - 6.0, Align::Left, fonts);
            h = h
                .max(stack(&lb, x, 2.0, &mut its))
                .max(stack(&vb, x + label_w, 2.0, &mut its));
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

/// A `Block::Keep` group: its chunks held together when they fit on one page. A longer group
/// flows like any other blocks, except that its last block (a sign-off) still takes the line
/// before it along, so it never starts a page alone.
fn keep(inner: &[Block], frame: &Frame, fonts: &Fonts) -> Vec<Chunk> {
    // The last block's chunks apart from the rest (spacers before it go with it).
    let last = inner
        .iter()
        .rposition(|b| !matches!(b, Block::Spacer(_)))
        .unwrap_or(0);
    let cut = inner[..last]
        .iter()
        .rposition(|b| !matches!(b, Block::Spacer(_)))
        .map_or(0, |k| k + 1);
    let mut group = chunks(&inner[..cut], frame, fonts);
    let head = group.len();
    group.extend(chunks(&inner[cut..], frame, fonts));
    let total: Pt = group.iter().skip(1).map(|c| c.space_before).sum::<Pt>()
        + group.iter().map(|c| c.height).sum::<Pt>();
    // Held whole: all but the last chunk keep with the next. Too long: only the chunk before
    // the last block.
    let range = if total <= frame.body_height() {
        0..group.len().saturating_sub(1)
    } else {
        head.saturating_sub(1)..head
    };
    for c in &mut group[range] {
        c.keep_with_next = true;
        c.together = true;
    }
    group
}

/// A table: its header row (repeated on each page it reaches) and one chunk a row; a row
/// taller than a page is cut between lines, each cell at the same height.
fn table_chunks(t: &Table, width: Pt, max_h: Pt, fonts: &Fonts, out: &mut Vec<Chunk>) {
    let rows = Rows::new(t, width, fonts);
    let header = t.header.as_ref().map(|hdr| {
        let mut c = rows.draw(&rows.cells(hdr), Some(t.header_fill), false);
        c.keep_with_next = true;
        Rc::new(c)
    });
    if let Some(h) = &header {
        out.push((**h).clone());
    }
    let budget = max_h - header.as_ref().map_or(0.0, |h| h.height) - 2.0 * t.pad;
    for (i, row) in t.rows.iter().enumerate() {
        let fill = t.zebra.filter(|_| i % 2 == 1);
        let mut cells = rows.cells(row);
        while cells_height(&cells) > budget && budget > 0.0 {
            let (now, later) = cut_cells(cells, budget);
            let mut c = rows.draw(&now, fill, false);
            c.header = header.clone();
            out.push(c);
            cells = later;
        }
        let mut c = rows.draw(&cells, fill, true);
        c.header = header.clone();
        out.push(c);
    }
}

/// A table's columns placed: how its cells are set and its rows drawn.
struct Rows<'a> {
    t: &'a Table,
    fonts: &'a Fonts,
    width: Pt,
    widths: Vec<Pt>,
    xs: Vec<Pt>,
}

impl<'a> Rows<'a> {
    fn new(t: &'a Table, width: Pt, fonts: &'a Fonts) -> Rows<'a> {
        let widths = column_widths(t, width, fonts);
        let xs = widths
            .iter()
            .scan(0.0, |acc, w| {
                let x = *acc;
                *acc += w;
                Some(x)
            })
            .collect();
        Rows {
            t,
            fonts,
            width,
            widths,
            xs,
        }
    }

    /// Each cell of a row as line boxes in its column.
    fn cells(&self, row: &[Cell]) -> Vec<Vec<LineBox>> {
        row.iter()
            .enumerate()
            .map(|(j, c)| {
                let col = self.t.columns.get(j).copied().unwrap_or(Column::left(1.0));
                let w = self.widths.get(j).copied().unwrap_or(0.0) - 2.0 * self.t.pad;
                cell_boxes(c, w, col.align, self.fonts)
            })
            .collect()
    }

    /// One row's chunk: its fill, its cells, and the rule under it.
    fn draw(&self, cells: &[Vec<LineBox>], fill: Option<Rgb>, rule: bool) -> Chunk {
        let (pad, width) = (self.t.pad, self.width);
        let h = cells_height(cells) + 2.0 * pad;
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
            let x = self.xs.get(j).copied().unwrap_or(0.0) + pad;
            stack(boxes, x, pad, &mut items);
        }
        if rule {
            items.push(Item::Line {
                x1: 0.0,
                y1: h,
                x2: width,
                y2: h,
                color: self.t.rule,
                width: 0.5,
            });
        }
        Chunk::new(h, items)
    }
}

/// The height of a row's tallest cell.
fn cells_height(cells: &[Vec<LineBox>]) -> Pt {
    cells
        .iter()
        .map(|b| b.iter().map(|x| x.height).sum::<Pt>())
        .fold(0.0, f32::max)
}

/// A row cut where its cells pass `budget`: the lines that fit now, and the rest (each cell
/// gives at least one line, so a cut always moves on).
fn cut_cells(cells: Vec<Vec<LineBox>>, budget: Pt) -> (Vec<Vec<LineBox>>, Vec<Vec<LineBox>>) {
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
    (now, later)
}

/// The columns' widths: from their weights, then evened out where a cell would leave one
/// character alone on its last line (`有限公⏎司`): that column takes the room it needs from
/// columns with slack — what their widest line leaves free, which they give without a line
/// more. With no slack to take, the cell's line before gives the lone character company
/// (`text::without_lone_last`). `Column::fixed` columns neither lend nor borrow.
fn column_widths(t: &Table, width: Pt, fonts: &Fonts) -> Vec<Pt> {
    let total: f32 = t.columns.iter().map(|c| c.weight).sum::<f32>().max(0.001);
    let mut widths: Vec<Pt> = t.columns.iter().map(|c| width * c.weight / total).collect();
    let rows: Vec<&Vec<Cell>> = t.header.iter().chain(&t.rows).collect();
    let pad = t.pad;
    // Each row's boxes in column `j` at width `w`.
    let column = |j: usize, w: Pt| -> Vec<Vec<LineBox>> {
        let align = t.columns.get(j).map_or(Align::Left, |c| c.align);
        rows.iter()
            .map(|r| {
                r.get(j)
                    .map_or_else(Vec::new, |c| cell_boxes(c, w - 2.0 * pad, align, fonts))
            })
            .collect()
    };
    let need = |cells: &[Vec<LineBox>]| cells.iter().flatten().map(|b| b.lone).fold(0.0, f32::max);
    let heights = |widths: &[Pt]| -> Vec<Pt> {
        let mut h = vec![0.0_f32; rows.len()];
        for (j, w) in widths.iter().enumerate() {
            for (i, cell) in column(j, *w).iter().enumerate() {
                h[i] = h[i].max(cell.iter().map(|b| b.height).sum());
            }
        }
        h
    };
    let fixed = |j: usize| t.columns.get(j).is_some_and(|c| c.fixed);
    for j in (0..widths.len()).filter(|j| !fixed(*j)) {
        let more = need(&column(j, widths[j]));
        if more <= 0.0 {
            continue;
        }
        let more = more + 0.01;
        let slack: Vec<Pt> = (0..widths.len())
            .map(|k| {
                let used = column(k, widths[k])
                    .iter()
                    .flatten()
                    .map(|b| b.used)
                    .fold(0.0, f32::max);
                if k == j || fixed(k) {
                    0.0
                } else {
                    (widths[k] - 2.0 * pad - used).max(0.0)
                }
            })
            .collect();
        if more > slack.iter().sum::<Pt>() {
            continue;
        }
        let mut w = widths.clone();
        let mut left = more;
        let mut donors: Vec<usize> = (0..w.len()).filter(|k| slack[*k] > 0.0).collect();
        // The roomiest give first.
        donors.sort_by(|a, b| slack[*b].total_cmp(&slack[*a]));
        for k in donors {
            let take = left.min(slack[k]);
            w[k] -= take;
            left -= take;
        }
        w[j] += more;
        // Kept only if it works and no row grows (a donor's lines stay as they were).
        let before = heights(&widths);
        let fits = heights(&w).iter().zip(&before).all(|(a, b)| *a <= b + 0.01);
        if need(&column(j, w[j])) <= 0.0 && fits {
            widths = w;
        }
    }
    widths
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
