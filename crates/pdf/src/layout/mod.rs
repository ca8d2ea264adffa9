//! Lay-out stage: blocks (heading, paragraph, table, key-value grid, progress bar, photo grid,
//! spacer) → positioned items on pages.
//!
//! Every block is first cut into *chunks*: the smallest pieces that must stay whole (a line,
//! a table row, a row of photos). Pagination then places chunks top to bottom, honouring
//! "keep with next" (a heading with what follows it, a table header with its first row, the
//! first two and last two lines of a paragraph, a table's last row with its note) and repeating a table's header row at the top
//! of every page the table continues on. Coordinates are points, measured from the page's top
//! left corner; the PDF writer flips them.
mod blocks;
mod boxes;
mod chart;
mod chunks;
mod items;

use super::font::Fonts;
pub use blocks::*;
pub use chart::{Chart, Series};
use chunks::{chunks, Chunk};
pub use items::*;

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
