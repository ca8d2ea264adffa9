//! Lay-out stage: positioned pages → PDF bytes, through printpdf 0.12 and lopdf.
//!
//! printpdf without its `text_layout` feature neither subsets fonts nor passes JPEGs through,
//! and its document ids change from one save to the next. So this module: subsets every face
//! to the glyphs the document uses (allsorts, via `Face::subset`), embeds photos as
//! `DCTDecode` image XObjects made from our own JPEG bytes, names every resource itself
//! (`F0`, `Im0`, …) and sets the trailer `/ID` from a hash of the content, so the same
//! document gives the same bytes however many a process writes.

use super::font::Fonts;
use super::layout::{Frame, Item, Page, Pt, Rgb};
use printpdf::{
    Actions, Color, DictItem, ExternalStream, ExternalXObject, FontId, LinkAnnotation, Mm, Op,
    PaintMode, PdfConformance, PdfDocument, PdfDocumentInfo, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Px, TextItem, WindingOrder, XObject, XObjectId,
    XObjectTransform,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// A JPEG ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// JFIF bytes (baseline or progressive, 8 bit).
    pub jpeg: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// One channel (DeviceGray) instead of three.
    pub gray: bool,
}

/// Document information.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation and modification time, seconds since 1970 (from the inputs, never the clock).
    pub timestamp: i64,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Page geometry.
    pub frame: Frame,
    /// Pages with their items.
    pub pages: Vec<Page>,
    /// Images referenced by `Item::Image`.
    pub images: Vec<Image>,
    /// Metadata.
    pub meta: Meta,
}

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

/// `ts` seconds since 1970 as printpdf's date type (UTC), clamped to the four-digit years a
/// PDF date holds.
fn datetime(ts: i64) -> printpdf::OffsetDateTime {
    const MIN: i64 = -62_167_219_200; // 0000-01-01 00:00:00
    const MAX: i64 = 253_402_300_799; // 9999-12-31 23:59:59
    let Ok(t) = time::UtcDateTime::from_unix_timestamp(ts.clamp(MIN, MAX)) else {
        return printpdf::OffsetDateTime::epoch();
    };
    printpdf::DateTime {
        date: printpdf::Date {
            year: t.year(),
            month: u8::from(t.month()),
            day: t.day(),
        },
        time: printpdf::Time {
            hour: t.hour(),
            minute: t.minute(),
            second: t.second(),
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
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

/// The PDF name of a font subset: six capital letters from a hash of the glyph set, `+`, and
/// the face's name (the convention readers use to tell subsets from whole fonts).
fn subset_name(face: &str, glyphs: &BTreeSet<u16>) -> String {
    let mut h = Sha256::new();
    h.update(face.as_bytes());
    for g in glyphs {
        h.update(g.to_be_bytes());
    }
    let tag: String = h
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    let clean: String = face
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{tag}+{clean}")
}

/// Gives the font dictionaries their subset names and drops the empty PDF/X keys printpdf
/// writes into the document information.
fn tidy(lo: &mut lopdf::Document, names: &BTreeMap<Vec<u8>, Vec<u8>>) {
    for obj in lo.objects.values_mut() {
        let dict = match obj {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        for key in [&b"BaseFont"[..], &b"FontName"[..]] {
            let new = match dict.get(key) {
                Ok(lopdf::Object::Name(n)) => names.get(n).cloned(),
                _ => None,
            };
            if let Some(n) = new {
                dict.set(key, lopdf::Object::Name(n));
            }
        }
    }
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(lopdf::Object::Dictionary(info)) = lo.get_object_mut(info_ref) {
            for key in [&b"GTS_PDFXVersion"[..], &b"Identifier"[..], &b"Trapped"[..]] {
                info.remove(key);
            }
        }
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

/// Writes the document; the same document always gives the same bytes.
pub fn write(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let height = doc.frame.height;
    // 1. Which glyphs of which face the document uses.
    let mut used: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for page in &doc.pages {
        for it in &page.items {
            if let Item::Text { text, style, .. } = it {
                for run in fonts.runs(style.weight, text) {
                    used.entry(run.face)
                        .or_default()
                        .extend(fonts.glyphs_of(&run));
                }
            }
        }
    }
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let mut font_ids: BTreeMap<usize, FontId> = BTreeMap::new();
    // PDF names for the embedded subsets: "ABCDEF+Family-Style", the tag derived from the glyphs.
    let mut font_names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    for (n, (face, glyphs)) in used.iter().enumerate() {
        let f = fonts
            .face(*face)
            .ok_or_else(|| format!("font #{face} is gone"))?;
        let sub = f.subset(glyphs)?;
        let id = FontId(format!("F{n}"));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(sub));
        font_ids.insert(*face, id.clone());
        font_names.insert(id.0.into_bytes(), subset_name(&f.name, glyphs).into_bytes());
    }
    // 2. Images, as our own JPEG streams.
    for (n, img) in doc.images.iter().enumerate() {
        let mut dict = BTreeMap::new();
        let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
        dict.insert("Type".to_string(), name("XObject"));
        dict.insert("Subtype".to_string(), name("Image"));
        dict.insert("Width".to_string(), DictItem::Int(i64::from(img.width)));
        dict.insert("Height".to_string(), DictItem::Int(i64::from(img.height)));
        dict.insert(
            "ColorSpace".to_string(),
            name(if img.gray { "DeviceGray" } else { "DeviceRGB" }),
        );
        dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
        dict.insert("Filter".to_string(), name("DCTDecode"));
        let x = ExternalXObject {
            stream: ExternalStream {
                dict,
                content: img.jpeg.clone(),
                compress: false,
            },
            width: Some(Px(img.width as usize)),
            height: Some(Px(img.height as usize)),
            dpi: None,
        };
        pdf.resources
            .xobjects
            .map
            .insert(XObjectId(format!("Im{n}")), XObject::External(x));
    }
    // 3. Pages.
    for page in &doc.pages {
        let mut ops = Vec::new();
        for it in &page.items {
            match it {
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let mode = match (fill, stroke) {
                        (Some(_), Some(_)) => PaintMode::FillStroke,
                        (Some(_), None) => PaintMode::Fill,
                        _ => PaintMode::Stroke,
                    };
                    if let Some(f) = fill {
                        ops.push(Op::SetFillColor { col: color(*f) });
                    }
                    if let Some((c, lw)) = stroke {
                        ops.push(Op::SetOutlineColor { col: color(*c) });
                        ops.push(Op::SetOutlineThickness { pt: pt(*lw) });
                    }
                    ops.push(Op::DrawPolygon {
                        polygon: rect_polygon(*x, height - y - h, *w, *h, mode),
                    });
                }
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
                    ops.push(Op::SetFillColor {
                        col: color(style.color),
                    });
                    let mut cx = *x;
                    for run in fonts.runs(style.weight, text) {
                        let Some(id) = font_ids.get(&run.face) else {
                            continue;
                        };
                        // One text object per run: `Td` moves relative to the line start, so
                        // a fresh BT gives each run an absolute position.
                        if run.fake_bold {
                            fake_bold(&mut ops, style.color, style.size);
                        }
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(id.clone()),
                            size: pt(style.size),
                        });
                        ops.push(Op::SetTextCursor {
                            pos: Point {
                                x: pt(cx),
                                y: pt(height - y),
                            },
                        });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(run.text.clone())],
                        });
                        ops.push(Op::EndTextSection);
                        if run.fake_bold {
                            ops.push(Op::RestoreGraphicsState);
                        }
                        cx += run.width * style.size;
                    }
                }
                Item::Image { x, y, w, h, image } => {
                    ops.push(Op::UseXobject {
                        id: XObjectId(format!("Im{image}")),
                        transform: XObjectTransform {
                            translate_x: Some(pt(*x)),
                            translate_y: Some(pt(height - y - h)),
                            scale_x: Some(*w),
                            scale_y: Some(*h),
                            no_auto_scale: true,
                            ..Default::default()
                        },
                    });
                }
                Item::Link { x, y, w, h, url } => {
                    let rect = printpdf::Rect {
                        x: pt(*x),
                        y: pt(height - y - h),
                        width: pt(*w),
                        height: pt(*h),
                        mode: None,
                        winding_order: None,
                    };
                    // No border: the text is styled as a link already.
                    let border = printpdf::BorderArray::Solid([0.0, 0.0, 0.0]);
                    ops.push(Op::LinkAnnotation {
                        link: LinkAnnotation::new(
                            rect,
                            Actions::Uri(url.clone()),
                            Some(border),
                            None,
                            None,
                        ),
                    });
                }
            }
        }
        pdf.pages.push(PdfPage::new(
            Mm(doc.frame.width * 25.4 / 72.0),
            Mm(height * 25.4 / 72.0),
            ops,
        ));
    }
    // 4. Metadata, from the inputs.
    let when = datetime(doc.meta.timestamp);
    pdf.metadata.info = PdfDocumentInfo {
        document_title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
        subject: doc.meta.subject.clone(),
        keywords: doc.meta.keywords.clone(),
        creator: "dealguard".to_string(),
        producer: format!("dealguard {}", env!("CARGO_PKG_VERSION")),
        creation_date: when,
        modification_date: when,
        metadata_date: when,
        conformance: PdfConformance::default(),
        ..PdfDocumentInfo::default()
    };
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // The file identifier: a hash of what the document holds, not a counter.
    let mut hasher = Sha256::new();
    for page in &doc.pages {
        hasher.update(format!("{:?}", page.items).as_bytes());
    }
    for img in &doc.images {
        hasher.update(&img.jpeg);
    }
    hasher.update(format!("{:?}", doc.meta).as_bytes());
    let id: Vec<u8> = hasher.finalize()[..16].to_vec();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    tidy(&mut lo, &font_names);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| format!("cannot serialise the PDF: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(ts: i64) -> (i32, u8, u8, u8, u8, u8) {
        let d = datetime(ts);
        let (dt, t) = (d.date, d.time);
        (dt.year, dt.month, dt.day, t.hour, t.minute, t.second)
    }

    #[test]
    fn pdf_dates_are_utc_and_clamped_to_four_digit_years() {
        assert_eq!(parts(1_795_136_400), (2026, 11, 20, 1, 0, 0));
        assert_eq!(parts(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(parts(-1), (1969, 12, 31, 23, 59, 59));
        assert_eq!(parts(951_868_799), (2000, 2, 29, 23, 59, 59));
        assert_eq!(parts(i64::MIN), (0, 1, 1, 0, 0, 0));
        assert_eq!(parts(i64::MAX), (9999, 12, 31, 23, 59, 59));
    }
}
