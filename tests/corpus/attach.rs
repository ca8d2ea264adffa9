//! Corpus helper: attachment bytes built in code — PDF documents with text (lopdf, Helvetica),
//! DOCX letters and macro documents (zip), archives, QR-code PNGs, executables' first bytes.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A one-page A4 PDF with the lines in Helvetica (WinAnsi: Latin text only), flate-compressed
/// when `compress`, as most invoicing programs write it.
pub fn pdf(title: &str, lines: &[String], compress: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let bold_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica-Bold",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id, "F2" => bold_id },
    });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F2".into(), 16.into()]),
        Operation::new("Td", vec![56.into(), 780.into()]),
        Operation::new("Tj", vec![Object::string_literal(latin(title))]),
        Operation::new("Tf", vec!["F1".into(), 10.into()]),
        Operation::new("TL", vec![14.into()]),
        Operation::new("T*", vec![]),
    ];
    for l in lines.iter().take(52) {
        ops.push(Operation::new("T*", vec![]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(latin(l))]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let mut stream = Stream::new(dictionary! {}, content.encode().unwrap_or_default());
    if compress {
        let _ = stream.compress();
    }
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    let pages = dictionary! {
        "Type" => "Pages",
        "Kids" => vec![page_id.into()],
        "Count" => 1,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let info = doc.add_object(dictionary! {
        "Producer" => Object::string_literal("Microsoft Excel 2016"),
        "Title" => Object::string_literal(latin(title)),
    });
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    let _ = doc.save_to(&mut out);
    out
}

/// WinAnsi text: the Latin characters Helvetica has; anything else becomes `?` (a corpus bug).
fn latin(s: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!bad, "PDF text must be Latin: {s}");
    b.into_owned()
}

/// A zip archive of `(name, bytes)` entries, deflated, with fixed times.
pub fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, bytes) in entries {
        if z.start_file(*name, opts).is_ok() {
            let _ = z.write_all(bytes);
        }
    }
    z.finish().map(Cursor::into_inner).unwrap_or_default()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A minimal Word document: one paragraph per line (UTF-8, so Chinese is fine).
pub fn docx(paragraphs: &[String]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(p)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("word/document.xml", document.into_bytes()),
    ])
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/// A macro-enabled Word document (`.docm`): the text plus a `vbaProject.bin`.
pub fn docm(paragraphs: &[String]) -> Vec<u8> {
    let plain = docx(paragraphs);
    let mut entries: Vec<(&str, Vec<u8>)> = Vec::new();
    if let Ok(mut a) = zip::ZipArchive::new(Cursor::new(plain)) {
        for name in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
            if let Ok(mut f) = a.by_name(name) {
                let mut v = Vec::new();
                let _ = std::io::Read::read_to_end(&mut f, &mut v);
                entries.push((name, v));
            }
        }
    }
    let mut vba = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    vba.extend_from_slice(b"\0\0Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\n Shell \"powershell -w hidden -enc SQBFAFgA\"\r\nEnd Sub\r\n");
    vba.resize(1536, 0);
    entries.push(("word/vbaProject.bin", vba));
    entries.push((
        "word/_rels/document.xml.rels",
        b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId9\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/></Relationships>".to_vec(),
    ));
    zip(&entries)
}

/// The first bytes of a Windows executable (an `MZ` header and a PE signature), padded.
pub fn exe(len: usize) -> Vec<u8> {
    let mut v = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    v.resize(0x3c, 0);
    v.extend_from_slice(&[0x80, 0, 0, 0]);
    v.resize(0x80, 0);
    v.extend_from_slice(b"PE\0\0\x4c\x01\x03\0");
    let mut x: u32 = 0x9e37_79b9;
    while v.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v.push((x >> 24) as u8);
    }
    v
}

/// A Windows shortcut (`.lnk`) whose target runs a command.
pub fn lnk(command: &str) -> Vec<u8> {
    let mut v = vec![
        0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46,
    ];
    v.resize(76, 0);
    for u in command.encode_utf16() {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

/// An ISO 9660 image holding a file name (the `CD001` descriptor at sector 16).
pub fn iso(inner: &str) -> Vec<u8> {
    let mut v = vec![0u8; 0x8000];
    v.extend_from_slice(b"\x01CD001\x01\0");
    v.extend_from_slice(inner.as_bytes());
    v.resize(0x8800, 0);
    v
}

/// A PNG of a QR code for `data` (4 pixels a module, quiet zone of 4 modules).
pub fn qr_png(data: &str) -> Vec<u8> {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
    else {
        return Vec::new();
    };
    let w = code.width();
    let colors = code.to_colors();
    let scale = 4;
    let side = (w + 8) * scale;
    let mut img = image::GrayImage::from_pixel(side as u32, side as u32, image::Luma([255]));
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (r, col) = (i / w + 4, i % w + 4);
            for dy in 0..scale {
                for dx in 0..scale {
                    img.put_pixel(
                        (col * scale + dx) as u32,
                        (r * scale + dy) as u32,
                        image::Luma([0]),
                    );
                }
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    let _ = img.write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// A small PNG with no QR code (a logo or a product photo stand-in).
pub fn plain_png(seed: u32) -> Vec<u8> {
    let mut img = image::RgbImage::new(96, 64);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let v = (x * 3 + y * 5 + seed) as u8;
        *p = image::Rgb([v, v.wrapping_mul(3), 200]);
    }
    let mut out = Cursor::new(Vec::new());
    let _ = img.write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}
