//! Lay-out stage: one page's items (rectangles, lines, text runs, images, links) as printpdf
//! operators, with the y axis turned from top-down (layout) to bottom-up (PDF).

use super::super::font::Fonts;
use super::super::layout::{Item, Page, Pt, Rgb, Style};
use printpdf::{
    Actions, Color, FontId, LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, TextItem, WindingOrder, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn pt(v: Pt) -> printpdf::Pt {
    printpdf::Pt(v)
}

fn rect_polygon(x: Pt, y: Pt, w: Pt, h: Pt, mode: PaintMode) -> Polygon {
    let p = |x: Pt, y: Pt| printpdf::LinePoint {
        p: Point { x: pt(x), y: pt(y) },
        bezier: false,
    };
    Polygon {
        rings: vec![PolygonRing {
            points: vec![p(x, y), p(x + w, y), p(x + w, y + h), p(x, y + h)],
        }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}

/// Bold asked of a face without one: fill and stroke the glyphs (text rendering mode 2) with
/// an outline 1/30 em wide in the text colour, in a saved graphics state that the caller
/// restores after the run's text object.
fn fake_bold(ops: &mut Vec<Op>, rgb: Rgb, size: Pt) {
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor { col: color(rgb) });
    ops.push(Op::SetOutlineThickness {
        pt: pt(size / 30.0),
    });
    ops.push(Op::SetTextRenderingMode {
        mode: printpdf::TextRenderingMode::FillStroke,
    });
}

/// The operators of one page of `height` points; `font_ids` names each face's resource.
pub(super) fn page(
    page: &Page,
    height: Pt,
    fonts: &Fonts,
    font_ids: &BTreeMap<usize, FontId>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    for it in &page.items {
        item(&mut ops, it, height, fonts, font_ids);
    }
    ops
}

fn item(
    ops: &mut Vec<Op>,
    it: &Item,
    height: Pt,
    fonts: &Fonts,
    font_ids: &BTreeMap<usize, FontId>,
) {
    match it {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => rect(ops, (*x, height - y - h, *w, *h), *fill, *stroke),
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            color: c,
            width,
        } => {
            ops.push(Op::SetOutlineColor { col: color(*c) });
            ops.push(Op::SetOutlineThickness { pt: pt(*width) });
            let p = |x: Pt, y: Pt| printpdf::LinePoint {
                p: Point {
                    x: pt(x),
                    y: pt(height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: printpdf::Line {
                    points: vec![p(*x1, *y1), p(*x2, *y2)],
                    is_closed: false,
                },
            });
        }
        Item::Text { x, y, text, style } => {
            text_runs(ops, (*x, height - y), text, style, fonts, font_ids)
        }
        Item::Image { x, y, w, h, image } => ops.push(Op::UseXobject {
            id: XObjectId(format!("Im{image}")),
            transform: XObjectTransform {
                translate_x: Some(pt(*x)),
                translate_y: Some(pt(height - y - h)),
                scale_x: Some(*w),
                scale_y: Some(*h),
                no_auto_scale: true,
                ..Default::default()
            },
        }),
        Item::Link { x, y, w, h, url } => ops.push(link(*x, height - y - h, *w, *h, url)),
    }
}

/// A rectangle from its bottom-left corner in PDF space, filled, stroked or both.
fn rect(
    ops: &mut Vec<Op>,
    (x, y, w, h): (Pt, Pt, Pt, Pt),
    fill: Option<Rgb>,
    stroke: Option<(Rgb, Pt)>,
) {
    let mode = match (fill, stroke) {
        (Some(_), Some(_)) => PaintMode::FillStroke,
        (Some(_), None) => PaintMode::Fill,
        _ => PaintMode::Stroke,
    };
    if let Some(f) = fill {
        ops.push(Op::SetFillColor { col: color(f) });
    }
    if let Some((c, lw)) = stroke {
        ops.push(Op::SetOutlineColor { col: color(c) });
        ops.push(Op::SetOutlineThickness { pt: pt(lw) });
    }
    ops.push(Op::DrawPolygon {
        polygon: rect_polygon(x, y, w, h, mode),
    });
}

/// A link area from its bottom-left corner in PDF space, without a border (the text is
/// styled as a link already).
fn link(x: Pt, y: Pt, w: Pt, h: Pt, url: &str) -> Op {
    let rect = printpdf::Rect {
        x: pt(x),
        y: pt(y),
        width: pt(w),
        height: pt(h),
        mode: None,
        winding_order: None,
    };
    let border = printpdf::BorderArray::Solid([0.0, 0.0, 0.0]);
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            Actions::Uri(url.to_string()),
            Some(border),
            None,
            None,
        ),
    }
}

/// A line of text at `(x, y)` (PDF coordinates), one text object per font run.
fn text_runs(
    ops: &mut Vec<Op>,
    (x, y): (Pt, Pt),
    text: &str,
    style: &Style,
    fonts: &Fonts,
    font_ids: &BTreeMap<usize, FontId>,
) {
    ops.push(Op::SetFillColor {
        col: color(style.color),
    });
    let mut cx = x;
    for run in fonts.runs(style.weight, text) {
        let Some(id) = font_ids.get(&run.face) else {
            continue;
        };
        // One text object per run: `Td` moves relative to the line start, so
        // a fresh BT gives each run an absolute position.
        if run.fake_bold {
            fake_bold(ops, style.color, style.size);
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: pt(style.size),
        });
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: pt(cx),
                y: pt(y),
            },
        });
        ops.push(Op::ShowText {
            items: text_items(&run.text, &run.adjust),
        });
        ops.push(Op::EndTextSection);
        if run.fake_bold {
            ops.push(Op::RestoreGraphicsState);
        }
        cx += run.width * style.size;
    }
}

/// A run's text as `TJ` items: the punctuation adjustments become positive offsets (in
/// thousandths of an em, which move the next glyph left).
fn text_items(text: &str, adjust: &[(usize, f32)]) -> Vec<TextItem> {
    if adjust.is_empty() {
        return vec![TextItem::Text(text.to_string())];
    }
    let mut items = Vec::new();
    let mut piece = String::new();
    for (i, c) in text.chars().enumerate() {
        // An adjustment after the last character needs no operator: the next run is placed
        // by the run widths, which include it.
        let tighten: f32 = adjust
            .iter()
            .filter(|(at, _)| *at == i)
            .map(|(_, em)| em)
            .sum();
        if tighten > 0.0 {
            if !piece.is_empty() {
                items.push(TextItem::Text(std::mem::take(&mut piece)));
            }
            items.push(TextItem::Offset(tighten * 1000.0));
        }
        piece.push(c);
    }
    if !piece.is_empty() {
        items.push(TextItem::Text(piece));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_adjustments_become_tj_offsets() {
        assert_eq!(
            text_items("好），好", &[(2, 0.5)]),
            vec![
                TextItem::Text("好）".into()),
                TextItem::Offset(500.0),
                TextItem::Text("，好".into()),
            ]
        );
        assert_eq!(text_items("ab", &[]), vec![TextItem::Text("ab".into())]);
    }
}
