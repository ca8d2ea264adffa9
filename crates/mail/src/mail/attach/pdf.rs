//! Verify stage, reading: the text of a PDF attachment, page by page, with `lopdf` under
//! `catch_unwind` (third-party parser, hostile input).
//!
//! `lopdf`'s own `extract_text` glues the pieces of a line together and never breaks a line
//! at a `Td` or `Tm`, so the content streams are walked here: `Tj`, `TJ`, `'` and `"` decode
//! their strings with the font's encoding as `lopdf` resolves it (`ToUnicode` CMaps, simple
//! encodings, `Differences`; Windows-1252 when the font is unknown), and the text position
//! decides what separates two pieces — a new line when the baseline moves by half the font
//! size, a space when the gap after the previous piece (its width from the font's `Widths`
//! or `W`) is a fifth of an em or more. Bounded: pages, objects, decompressed bytes per
//! stream and per page, text per file.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object};
use memchr::memmem;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Most pages read per PDF.
pub const MAX_PAGES: usize = 64;
/// Most objects a PDF may have to be read at all.
pub const MAX_OBJECTS: usize = 20_000;
/// Most bytes one stream (and one page's content) may decompress to.
pub const MAX_STREAM: usize = 4 * 1024 * 1024;
/// Most `W` entries read per font (a CID font's widths).
const MAX_WIDTHS: usize = 65_536;

/// What one PDF gave.
#[derive(Debug, Default)]
pub(super) struct Pdf {
    /// Its text, pages apart by a blank line.
    pub text: String,
    /// Whether it is encrypted with a password we do not have.
    pub encrypted: bool,
    /// Limits reached, `[en, zh]`.
    pub cut: Vec<[String; 2]>,
}

/// Reads the text of a PDF's first `MAX_PAGES` pages.
pub(super) fn read(name: &str, bytes: &[u8]) -> Pdf {
    let mut out = Pdf::default();
    let many = |out: &mut Pdf| {
        let n = super::count(MAX_OBJECTS);
        out.cut.push([
            format!("`{name}` has more than {n} objects: its text was not read"),
            format!("`{name}` 的对象超过 {n} 个：未读取其文本"),
        ]);
    };
    // Counted before parsing: each object of the file body ends with `endobj`.
    if memmem::find_iter(bytes, b"endobj")
        .nth(MAX_OBJECTS)
        .is_some()
    {
        many(&mut out);
        return out;
    }
    let opts = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, opts)
    }));
    let doc = match loaded {
        Ok(Ok(doc)) if !doc.is_encrypted() => doc,
        Ok(Ok(_)) => return encrypted(name, out),
        _ if memmem::find(bytes, b"/Encrypt").is_some() => return encrypted(name, out),
        _ => {
            out.cut.push([
                format!("`{name}` is a damaged PDF: its text was not read"),
                format!("`{name}` 是损坏的 PDF：未读取其文本"),
            ]);
            return out;
        }
    };
    // Objects inside object streams are only known after loading.
    if doc.objects.len() > MAX_OBJECTS {
        many(&mut out);
        return out;
    }
    let read = catch_unwind(AssertUnwindSafe(|| pages(name, &doc, &mut out)));
    if read.is_err() {
        out.cut.push([
            format!("the PDF reader failed on `{name}`: its text was read only in part"),
            format!("PDF 读取器处理 `{name}` 时失败：仅读取了部分文本"),
        ]);
    }
    out
}

fn encrypted(name: &str, mut out: Pdf) -> Pdf {
    out.encrypted = true;
    out.cut.push([
        format!("`{name}` is encrypted: its text was not read"),
        format!("`{name}` 已加密：未读取其文本"),
    ]);
    out
}

fn pages(name: &str, doc: &Document, out: &mut Pdf) {
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        out.cut.push([
            format!("only the first {MAX_PAGES} pages of `{name}` were read"),
            format!("`{name}` 仅读取了前 {MAX_PAGES} 页"),
        ]);
    }
    let mut big = false;
    for id in pages.values().take(MAX_PAGES) {
        let Ok(data) = doc.get_page_content_with_limit(*id, MAX_STREAM) else {
            big = true;
            continue;
        };
        let Ok(content) = Content::decode(&data) else {
            continue;
        };
        let fonts: BTreeMap<Vec<u8>, Font> = doc
            .get_page_fonts(*id)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, f)| (k, Font::new(doc, f)))
            .collect();
        let mut pen = Pen::new(&fonts);
        for op in &content.operations {
            pen.op(&op.operator, &op.operands);
            if pen.out.len() > super::MAX_TEXT {
                break;
            }
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        if !super::push_text(&mut out.text, pen.out.trim()) {
            out.cut.push(super::text_cut(name));
            break;
        }
    }
    if big {
        let m = super::size(MAX_STREAM as u64);
        out.cut.push([
            format!("pages of `{name}` with more than {m} of content were not read"),
            format!("`{name}` 中内容超过 {m} 的页面未读取"),
        ]);
    }
}

/// A font as the text walk needs it: how to decode its strings and how wide they are.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Bytes per code: 2 for composite (Type0) fonts.
    code: usize,
    /// Widths in 1/1000 em by code.
    widths: BTreeMap<u32, f32>,
    /// Width of a code not in `widths`.
    default: f32,
}

impl<'a> Font<'a> {
    fn new(doc: &'a Document, f: &'a Dictionary) -> Self {
        let encoding = f.get_font_encoding_with_limit(doc, MAX_STREAM).ok();
        let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
        let composite = f.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let mut widths = BTreeMap::new();
        if composite {
            let cid = f
                .get(b"DescendantFonts")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(deref)
                .and_then(|o| o.as_dict().ok());
            let default = cid
                .and_then(|c| c.get(b"DW").ok())
                .and_then(num)
                .unwrap_or(1000.0);
            if let Some(w) = cid.and_then(|c| c.get(b"W").ok()).and_then(deref) {
                cid_widths(w, &deref, &mut widths);
            }
            return Font {
                encoding,
                code: 2,
                widths,
                default,
            };
        }
        let first = f.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        if let Some(list) = f
            .get(b"Widths")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_array().ok())
        {
            for (i, w) in list.iter().take(256).enumerate() {
                if let Some(w) = deref(w).and_then(num) {
                    widths.insert(first + i as u32, w);
                }
            }
        }
        // Fonts without widths (the standard 14) are measured at an average of half an em.
        Font {
            encoding,
            code: 1,
            widths,
            default: 500.0,
        }
    }

    fn decode(&self, bytes: &[u8]) -> String {
        let text = match &self.encoding {
            Some(e) => e.bytes_to_string(bytes).ok(),
            None => None,
        };
        text.unwrap_or_else(|| encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned())
    }

    /// The width of a string in 1/1000 em.
    fn width(&self, bytes: &[u8]) -> f32 {
        bytes
            .chunks(self.code)
            .map(|c| {
                let code = c.iter().fold(0u32, |n, &b| n << 8 | b as u32);
                self.widths.get(&code).copied().unwrap_or(self.default)
            })
            .sum()
    }
}

/// A CID font's `W` array: `c [w1 w2 …]` and `cfirst clast w` groups.
fn cid_widths<'a>(
    w: &'a Object,
    deref: &dyn Fn(&'a Object) -> Option<&'a Object>,
    out: &mut BTreeMap<u32, f32>,
) {
    let Ok(items) = w.as_array() else { return };
    let mut i = 0;
    while i < items.len() && out.len() < MAX_WIDTHS {
        let Some(first) = deref(&items[i]).and_then(num) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match items.get(i + 1).and_then(deref) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().take(MAX_WIDTHS).enumerate() {
                    if let Some(w) = num(w) {
                        out.insert(first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(w)) = (num(last), items.get(i + 2).and_then(num)) else {
                    return;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(MAX_WIDTHS as u32));
                for c in first..=last {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => return,
        }
    }
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The text state of one page's walk and the text it gave.
struct Pen<'f, 'a> {
    fonts: &'f BTreeMap<Vec<u8>, Font<'a>>,
    font: Option<&'f Font<'a>>,
    size: f32,
    leading: f32,
    tm: [f32; 6],
    tlm: [f32; 6],
    /// Where the previous piece of text ended (text space), to tell a space or a line.
    last: Option<(f32, f32)>,
    out: String,
}

impl<'f, 'a> Pen<'f, 'a> {
    fn new(fonts: &'f BTreeMap<Vec<u8>, Font<'a>>) -> Self {
        Pen {
            fonts,
            font: None,
            size: 12.0,
            leading: 0.0,
            tm: IDENTITY,
            tlm: IDENTITY,
            last: None,
            out: String::new(),
        }
    }

    fn op(&mut self, operator: &str, args: &[Object]) {
        let n = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
        match operator {
            "BT" => (self.tm, self.tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                let name = args.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                self.font = self.fonts.get(name);
                self.size = n(1);
            }
            "TL" => self.leading = n(0),
            "Td" => self.translate(n(0), n(1)),
            "TD" => {
                self.leading = -n(1);
                self.translate(n(0), n(1));
            }
            "Tm" if args.len() == 6 => {
                self.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.tm = self.tlm;
            }
            "T*" => self.translate(0.0, -self.leading),
            "Tj" => self.show(args.first()),
            "'" => {
                self.translate(0.0, -self.leading);
                self.show(args.first());
            }
            "\"" => {
                self.translate(0.0, -self.leading);
                self.show(args.get(2));
            }
            "TJ" => {
                for item in args
                    .first()
                    .and_then(|a| a.as_array().ok())
                    .into_iter()
                    .flatten()
                {
                    match num(item) {
                        // A number moves the next glyph left by thousandths of an em.
                        Some(adj) => self.tm[4] -= adj / 1000.0 * self.size * self.tm[0],
                        None => self.show(Some(item)),
                    }
                }
            }
            _ => {}
        }
    }

    fn translate(&mut self, tx: f32, ty: f32) {
        let m = &mut self.tlm;
        m[4] += tx * m[0] + ty * m[2];
        m[5] += tx * m[1] + ty * m[3];
        self.tm = self.tlm;
    }

    fn show(&mut self, s: Option<&Object>) {
        let Some(bytes) = s.and_then(|o| o.as_str().ok()) else {
            return;
        };
        let em = {
            let e = (self.size * self.tm[3]).abs();
            if e > 0.0 {
                e
            } else {
                self.size.abs().max(1.0)
            }
        };
        let (x, y) = (self.tm[4], self.tm[5]);
        if let Some((lx, ly)) = self.last {
            let ends_blank = self.out.ends_with(char::is_whitespace);
            if (y - ly).abs() > em * 0.5 {
                if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
            } else if (x - lx > em * 0.2 || x < lx - em * 2.0) && !ends_blank {
                self.out.push(' ');
            }
        }
        let (text, width) = match self.font {
            Some(f) => (f.decode(bytes), f.width(bytes)),
            None => (
                encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
                500.0 * bytes.len() as f32,
            ),
        };
        // Control characters from the file never reach the text (a tab is a space).
        self.out.extend(
            text.chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .filter(|c| !c.is_control() || *c == '\n'),
        );
        self.tm[4] += width / 1000.0 * self.size * self.tm[0];
        self.last = Some((self.tm[4], self.tm[5]));
    }
}
