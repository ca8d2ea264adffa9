//! Tests of attachment reading: PDF text (words and lines apart, encrypted, hostile), DOCX
//! text, nested archives, tar.gz, a gz bomb, encrypted zip entries, QR codes in PNG and JPEG.

use super::*;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use std::io::Write;

/// A one-page PDF whose content stream is `ops` (Helvetica as `F1`, WinAnsi).
fn pdf(ops: Vec<Operation>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn op(name: &str, operands: Vec<Object>) -> Operation {
    Operation::new(name, operands)
}

fn s(t: &str) -> Object {
    Object::string_literal(t)
}

/// An invoice laid out three ways: lines by `Td`, words placed one by one with `Tm`, a `TJ`
/// with kerning inside words and a word gap between them.
fn invoice() -> Vec<u8> {
    pdf(vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 12.into()]),
        op("Td", vec![72.into(), 760.into()]),
        op("Tj", vec![s("INVOICE No. 2026-118")]),
        op("Td", vec![0.into(), (-16).into()]),
        op("Tj", vec![s("Beneficiary: Hengli Kitchen Ltd")]),
        op("Td", vec![0.into(), (-16).into()]),
        op(
            "TJ",
            vec![Object::Array(vec![
                s("Ac"),
                15.into(),
                s("count"),
                (-400).into(),
                s("No."),
                (-300).into(),
                s("6222 0210 0112 3456"),
            ])],
        ),
        op("ET", vec![]),
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 12.into()]),
        op(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                72.into(),
                700.into(),
            ],
        ),
        op("Tj", vec![s("Please")]),
        op(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                112.into(),
                700.into(),
            ],
        ),
        op("Tj", vec![s("remit")]),
        op(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                145.into(),
                700.into(),
            ],
        ),
        op("Tj", vec![s("today")]),
        op("ET", vec![]),
    ])
}

#[test]
fn pdf_text_keeps_words_and_lines_apart() {
    let r = read("invoice.pdf", "application/pdf", &invoice());
    let text = r.text.clone().expect("text read");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "INVOICE No. 2026-118",
            "Beneficiary: Hengli Kitchen Ltd",
            "Account No. 6222 0210 0112 3456",
            "Please remit today",
        ],
        "{text}"
    );
    assert!(r.cut.is_empty() && !r.encrypted, "{r:?}");
}

#[test]
fn encrypted_pdf_is_flagged_with_a_note() {
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc = Document::load_mem(&invoice()).unwrap();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::string_literal("0123456789abcdef"),
            Object::string_literal("0123456789abcdef"),
        ]),
    );
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let r = read("locked.pdf", "application/pdf", &bytes);
    assert!(r.encrypted, "{r:?}");
    assert!(r.text.is_none(), "{r:?}");
    assert!(
        r.cut
            .iter()
            .any(|c| c[0].contains("`locked.pdf` is encrypted")),
        "{r:?}"
    );
}

#[test]
fn hostile_pdfs_do_not_panic() {
    let good = invoice();
    // Truncated at every 97th byte, and bytes flipped by a fixed pseudo-random walk.
    for end in (0..good.len()).step_by(97) {
        let _ = read("t.pdf", "application/pdf", &good[..end]);
    }
    let mut seed = 0x2545_f491_u32;
    for _ in 0..200 {
        let mut bad = good.clone();
        for _ in 0..8 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let i = seed as usize % bad.len();
            bad[i] = (seed >> 16) as u8;
        }
        let _ = read("f.pdf", "application/pdf", &bad);
    }
    let mut random = b"%PDF-1.7\n".to_vec();
    random.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let r = read("r.pdf", "application/pdf", &random);
    assert!(r.text.is_none());
    assert!(r.cut.iter().any(|c| c[0].contains("damaged PDF")), "{r:?}");
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn docx_text_is_read() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Our bank account has </w:t></w:r><w:r><w:t>changed.</w:t></w:r></w:p>
<w:p><w:r><w:t>收款账户已变更</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", xml.as_bytes()),
    ]);
    let r = read("letter.docx", "application/octet-stream", &docx);
    assert_eq!(
        r.text.as_deref(),
        Some("Our bank account has changed.\n收款账户已变更")
    );
    // A Word document is read for its text, not listed as an archive.
    assert!(r.entries.is_empty(), "{r:?}");
}

#[test]
fn nested_zips_are_listed_to_the_bottom_and_their_pdfs_read() {
    let inner = zip_of(&[("dir/run.exe", b"MZ\x90\x00"), ("invoice.pdf", &invoice())]);
    let outer = zip_of(&[("readme.txt", b"hello"), ("inner.zip", &inner)]);
    let r = read("docs.zip", "application/zip", &outer);
    assert_eq!(
        r.entries,
        [
            "readme.txt",
            "inner.zip",
            "inner.zip/dir/run.exe",
            "inner.zip/invoice.pdf"
        ]
    );
    assert!(r
        .text
        .unwrap_or_default()
        .contains("Beneficiary: Hengli Kitchen Ltd"));
    assert!(!r.encrypted && r.cut.is_empty());
}

#[test]
fn zips_nested_too_deep_stop_with_a_note() {
    let mut z = zip_of(&[("run.exe", b"MZ")]);
    for _ in 0..7 {
        z = zip_of(&[("a.zip", &z)]);
    }
    let r = read("deep.zip", "application/zip", &z);
    assert_eq!(r.entries.len(), archive::MAX_DEPTH + 1, "{r:?}");
    assert!(
        r.cut.iter().any(|c| c[0].contains("nested deeper than 5")),
        "{r:?}"
    );
}

#[test]
fn encrypted_zip_entries_are_flagged() {
    let mut z = zip_of(&[("payment.pdf", &invoice()), ("note.txt", b"hi")]);
    // Set the "encrypted" bit of the first entry in its local and central headers.
    let local = memchr::memmem::find(&z, b"PK\x03\x04").unwrap();
    z[local + 6] |= 1;
    let central = memchr::memmem::find(&z, b"PK\x01\x02").unwrap();
    z[central + 8] |= 1;
    let r = read("secure.zip", "application/zip", &z);
    assert!(r.encrypted, "{r:?}");
    assert_eq!(r.entries, ["payment.pdf", "note.txt"]);
    assert!(r.text.is_none());
}

/// A ustar header for a file of `size` bytes (the checksum is filled in).
fn tar_header(name: &str, size: u64) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..107].copy_from_slice(b"0000644");
    h[124..135].copy_from_slice(format!("{size:011o}").as_bytes());
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    h
}

fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut t = Vec::new();
    for (name, bytes) in files {
        t.extend(tar_header(name, bytes.len() as u64));
        t.extend(*bytes);
        t.resize(t.len().div_ceil(512) * 512, 0);
    }
    t.extend([0u8; 1024]);
    t
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn tar_gz_and_gz_are_listed() {
    let inner = zip_of(&[("scan.js", b"var a")]);
    let tar = tar_of(&[
        ("shipping/BL-118.pdf", &invoice()),
        ("shipping/tools.zip", &inner),
    ]);
    let r = read("docs.tar.gz", "application/gzip", &gz(&tar));
    assert_eq!(
        r.entries,
        [
            "shipping/BL-118.pdf",
            "shipping/tools.zip",
            "shipping/tools.zip/scan.js"
        ]
    );
    assert!(r.text.unwrap_or_default().contains("INVOICE No. 2026-118"));
    let r = read("docs.tar", "application/x-tar", &tar);
    assert_eq!(r.entries.len(), 3);
    // A plain `.gz`: the file inside, by its name.
    let r = read("Invoice.pdf.exe.gz", "application/gzip", &gz(b"MZ\x90"));
    assert_eq!(r.entries, ["Invoice.pdf.exe"]);
}

#[test]
fn a_gz_bomb_stops_quickly_with_a_note() {
    // A tar.gz whose first file inflates to 64 MiB of zeros, an `.exe` behind it.
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let big = 64 * 1024 * 1024u64;
    e.write_all(&tar_header("padding.bin", big)).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..big / zeros.len() as u64 {
        e.write_all(&zeros).unwrap();
    }
    e.write_all(&tar_header("run.exe", 2)).unwrap();
    let bomb = e.finish().unwrap();
    assert!(bomb.len() < 512 * 1024, "{}", bomb.len());
    let start = std::time::Instant::now();
    let r = read("bomb.tar.gz", "application/gzip", &bomb);
    assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    assert_eq!(r.entries, ["padding.bin"]);
    assert!(
        r.cut
            .iter()
            .any(|c| c[0].contains("only the first 32 MiB unpacked") && c[1].contains("32 MiB")),
        "{r:?}"
    );
}

/// A QR code of `text` drawn `scale` pixels a module, with a quiet zone, as grey pixels.
fn qr_pixels(text: &str, scale: usize) -> (usize, Vec<u8>) {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 8) * scale;
    let mut px = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
            if mx >= 0
                && my >= 0
                && (mx as usize) < n
                && (my as usize) < n
                && colors[my as usize * n + mx as usize] == qrcode::Color::Dark
            {
                px[y * side + x] = 0;
            }
        }
    }
    (side, px)
}

#[test]
fn qr_codes_in_png_and_jpeg_give_their_urls() {
    let (side, px) = qr_pixels("https://pay-portal.example.net/inv?id=118", 8);
    let img = image::GrayImage::from_raw(side as u32, side as u32, px).unwrap();
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let r = read("scan.png", "image/png", &png);
    assert_eq!(r.qr_urls, ["https://pay-portal.example.net/inv?id=118"]);
    // A large photo-sized JPEG, shrunk before the search; a bare `www.` address.
    let (side, px) = qr_pixels("Pay here: www.example-pay.net/x", 40);
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 90)
        .encode(&px, side as u16, side as u16, jpeg_encoder::ColorType::Luma)
        .unwrap();
    let r = read("IMG_0001.jpg", "image/jpeg", &jpeg);
    assert_eq!(r.qr_urls, ["www.example-pay.net/x"], "{side}");
    // No code, damaged bytes: nothing, and no panic.
    assert!(read("x.png", "image/png", &png[..png.len() / 2])
        .qr_urls
        .is_empty());
    assert!(read("x.jpg", "image/jpeg", &jpeg[..200]).qr_urls.is_empty());
}

#[test]
fn closed_formats_are_noted_and_sizes_print_in_mib() {
    let r = read(
        "files.rar",
        "application/octet-stream",
        b"Rar!\x1a\x07\x01\x00xxxx",
    );
    assert!(r.entries.is_empty());
    assert!(r.cut.iter().any(|c| c[0].contains("rar archive")), "{r:?}");
    assert_eq!(size(32 * 1024 * 1024), "32 MiB");
    assert_eq!(count(20_000), "20,000");
}
