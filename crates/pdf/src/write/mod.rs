//! Lay-out stage: positioned pages → PDF bytes, through printpdf 0.12 and lopdf.
//!
//! printpdf without its `text_layout` feature neither subsets fonts nor passes JPEGs through,
//! and its document ids change from one save to the next. So this module: subsets every face
//! to the glyphs the document uses (allsorts, via `Face::subset`), embeds photos as
//! `DCTDecode` image XObjects made from our own JPEG bytes, names every resource itself
//! (`F0`, `Im0`, …) and sets the trailer `/ID` from a hash of the content, so the same
//! document gives the same bytes however many a process writes.

mod ops;

use super::font::Fonts;
use super::layout::{Frame, Item, Page};
use printpdf::{
    DictItem, ExternalStream, ExternalXObject, FontId, Mm, PdfConformance, PdfDocument,
    PdfDocumentInfo, PdfPage, PdfSaveOptions, Px, XObject, XObjectId,
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

/// Writes the document; the same document always gives the same bytes.
pub fn write(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let (font_ids, font_names) = embed_fonts(&mut pdf, doc, fonts)?;
    embed_images(&mut pdf, &doc.images);
    for page in &doc.pages {
        let ops = ops::page(page, doc.frame.height, fonts, &font_ids);
        pdf.pages.push(PdfPage::new(
            Mm(doc.frame.width * 25.4 / 72.0),
            Mm(doc.frame.height * 25.4 / 72.0),
            ops,
        ));
    }
    pdf.metadata.info = info(&doc.meta);
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    lo.trailer.set("ID", file_id(doc));
    tidy(&mut lo, &font_names);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| format!("cannot serialise the PDF: {e}"))?;
    Ok(out)
}

/// Subsets every face to the glyphs the document uses and registers it as `F0`, `F1`, …;
/// returns the resource id of each face and the subset name of each resource.
#[allow(clippy::type_complexity)]
fn embed_fonts(
    pdf: &mut PdfDocument,
    doc: &Document,
    fonts: &Fonts,
) -> Result<(BTreeMap<usize, FontId>, BTreeMap<Vec<u8>, Vec<u8>>), String> {
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
    Ok((font_ids, font_names))
}

/// Registers the photos as `Im0`, `Im1`, …: our own JPEG bytes behind `DCTDecode`.
fn embed_images(pdf: &mut PdfDocument, images: &[Image]) {
    for (n, img) in images.iter().enumerate() {
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
}

/// The document information, dated from the inputs.
fn info(meta: &Meta) -> PdfDocumentInfo {
    let when = datetime(meta.timestamp);
    PdfDocumentInfo {
        document_title: meta.title.clone(),
        author: meta.author.clone(),
        subject: meta.subject.clone(),
        keywords: meta.keywords.clone(),
        creator: "dealguard".to_string(),
        producer: format!("dealguard {}", env!("CARGO_PKG_VERSION")),
        creation_date: when,
        modification_date: when,
        metadata_date: when,
        conformance: PdfConformance::default(),
        ..PdfDocumentInfo::default()
    }
}

/// The file identifier: a hash of what the document holds, not a counter.
fn file_id(doc: &Document) -> lopdf::Object {
    let mut hasher = Sha256::new();
    for page in &doc.pages {
        hasher.update(format!("{:?}", page.items).as_bytes());
    }
    for img in &doc.images {
        hasher.update(&img.jpeg);
    }
    hasher.update(format!("{:?}", doc.meta).as_bytes());
    let id: Vec<u8> = hasher.finalize()[..16].to_vec();
    lopdf::Object::Array(vec![
        lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
        lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
    ])
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
