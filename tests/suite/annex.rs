//! The report's annex of attached evidence: the example's voucher scan after the sign-off with
//! its reference, its redaction box black in the embedded pixels, located errors for bad
//! files, boxes and PDFs, `week new` dropping attachments, `build` rebuilding on a new scan.

use crate::photos;
use crate::support::{copy_dir, dealguard, ok, root};
use lopdf::{Document, Object};
use std::path::Path;

/// The example deal in a temp dir (its W49 attaches `vouchers/po-m-2231.jpg`).
fn example() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    t
}

fn report(dir: &Path, lang: &str) -> Vec<u8> {
    let args = [
        "report",
        "reports/2026-W49.yaml",
        "--lang",
        lang,
        "-o",
        "out/r.pdf",
    ];
    ok(&dealguard(dir, &args));
    std::fs::read(dir.join("out/r.pdf")).unwrap()
}

fn page_texts(doc: &Document) -> Vec<String> {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_default())
        .collect()
}

/// Replaces `from` (which must be there) in the example's W49.
fn edit_week(dir: &Path, from: &str, to: &str) {
    let path = dir.join("reports/2026-W49.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const VOUCHER_LINE: &str = "      - file: vouchers/po-m-2231.jpg";

#[test]
fn the_annex_follows_the_sign_off_with_reference_and_caption() {
    let t = example();
    for (lang, heading, kind) in [
        ("en+zh", "Annex: attached evidence", "物料"),
        ("en", "Annex: attached evidence", "Material"),
        ("zh", "附件：证明文件", "物料"),
    ] {
        let doc = Document::load_mem(&report(t.path(), lang)).unwrap();
        let texts = page_texts(&doc);
        let sign_off = texts
            .iter()
            .position(|p| p.contains("签核") || p.contains("Sign-off"));
        let annex = texts.iter().position(|p| p.contains(heading));
        assert!(sign_off.is_some() && annex > sign_off, "{lang}: {texts:?}");
        let last = texts.last().unwrap();
        assert!(last.contains("PO-M-2231"), "{lang}: {last}");
        assert!(last.contains(kind), "{lang}: {last}");
        assert!(last.contains("A1"), "{lang}: {last}");
    }
}

/// The tallest image of the report (the voucher scan, at the page width; the photos sit two
/// a row): its size and decoded pixels, as one gray byte per pixel.
fn tallest_image(pdf: &[u8]) -> (usize, usize, Vec<u8>) {
    let doc = Document::load_mem(pdf).unwrap();
    let mut found: Vec<(i64, Vec<u8>)> = Vec::new();
    for obj in doc.objects.values() {
        let Object::Stream(s) = obj else { continue };
        let name = |k: &[u8]| {
            s.dict
                .get(k)
                .ok()
                .and_then(|o| o.as_name().ok().map(<[u8]>::to_vec))
        };
        if name(b"Subtype").as_deref() == Some(&b"Image"[..]) {
            let h = s
                .dict
                .get(b"Height")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            found.push((h, s.content.clone()));
        }
    }
    found.sort();
    let (_, jpeg) = found.pop().expect("an image");
    let mut dec = jpeg_decoder::Decoder::new(jpeg.as_slice());
    let px = dec.decode().unwrap();
    let info = dec.info().unwrap();
    let n = px.len() / (usize::from(info.width) * usize::from(info.height));
    // The brightest channel of each pixel: black means black in every channel.
    let gray = px
        .chunks(n)
        .map(|p| p.iter().copied().max().unwrap_or(0))
        .collect();
    (usize::from(info.width), usize::from(info.height), gray)
}

#[test]
fn the_redaction_box_is_black_in_the_embedded_pixels() {
    let t = example();
    let (w, h, px) = tallest_image(&report(t.path(), "en"));
    // The scan is 910×1287; the box [527, 393, 290, 142] scaled to the embedded size.
    let s = w as f64 / 910.0;
    assert!((h as f64 / 1287.0 - s).abs() < 0.01, "{w}×{h}");
    let at = |v: u32| (f64::from(v) * s) as usize;
    let (x0, y0, x1, y1) = (at(527), at(393), at(527 + 290), at(393 + 142));
    let mut max_inside = 0;
    for y in y0 + 2..y1 - 2 {
        for x in x0 + 2..x1 - 2 {
            max_inside = max_inside.max(px[y * w + x]);
        }
    }
    assert!(
        max_inside < 24,
        "brightest pixel under the box: {max_inside}"
    );
    // Beside the box the voucher is still there: white paper and dark print.
    let row: Vec<u8> = (y0..y1)
        .flat_map(|y| px[y * w + at(60)..y * w + x0 - 4].to_vec())
        .collect();
    assert!(row.iter().any(|&p| p > 230) && row.iter().any(|&p| p < 100));
}

#[test]
fn bad_attachments_are_located_errors() {
    let t = example();
    let dir = t.path();
    std::fs::write(dir.join("reports/vouchers/scan.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::write(dir.join("reports/vouchers/notes.txt"), b"hello").unwrap();
    // A PDF, a text file and a missing file: all reported at once, each at its `file`.
    edit_week(
        dir,
        "    status: received\n",
        "    status: received\n    attachments:\n      - file: vouchers/scan.pdf\n      - file: vouchers/notes.txt\n      - file: vouchers/gone.jpg\n",
    );
    let r = dealguard(dir, &["check", "reports/2026-W49.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let e = &r.stderr;
    for want in [
        "`materials[1].attachments[0].file`: `vouchers/scan.pdf` is a PDF; attachments are embedded as images",
        "scan the page as a JPEG or PNG",
        "`materials[1].attachments[1].file`: `vouchers/notes.txt` is not a JPEG or PNG image",
        "`materials[1].attachments[2].file`: `vouchers/gone.jpg` cannot be read",
    ] {
        assert!(e.contains(want), "missing {want:?} in:\n{e}");
    }
    let line = e.lines().find(|l| l.contains("scan.pdf")).unwrap();
    assert!(line.contains("2026-W49.yaml:"), "located: {line}");
}

#[test]
fn a_misspelt_field_and_a_malformed_box_are_named() {
    let t = example();
    let dir = t.path();
    edit_week(
        dir,
        "    status: received\n",
        "    status: received\n    attachments:\n      - {file: vouchers/po-m-2231.jpg, captoin: x}\n      - {file: vouchers/po-m-2231.jpg, redact: [1, 2, 3]}\n",
    );
    let r = dealguard(dir, &["check", "reports/2026-W49.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let e = &r.stderr;
    assert!(
        e.contains("`materials[1].attachments[0]`: unknown field `captoin`, expected one of `file`, `ref`, `caption`, `redact`"),
        "{e}"
    );
    assert!(e.contains("`redact` is a box [x, y, w, h]"), "{e}");
}

#[test]
fn a_box_outside_the_scan_is_an_error_at_its_redact() {
    let t = example();
    let dir = t.path();
    edit_week(
        dir,
        "redact: [527, 393, 290, 142]",
        "redact: [[527, 393, 290, 142], [800, 1200, 200, 100]]",
    );
    let r = dealguard(dir, &["report", "reports/2026-W49.yaml", "-o", "out/r.pdf"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("materials[0].attachments[0].redact[1]")
            && r.stderr
                .contains("has redaction box 2 outside the image, which is 910×1287 pixels"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("out/r.pdf").exists());
}

#[test]
fn a_png_attachment_of_an_inspection_defaults_to_its_report_number() {
    let t = example();
    let dir = t.path();
    std::fs::write(
        dir.join("reports/vouchers/mtc.png"),
        photos::png_with_alpha(300, 400, 9),
    )
    .unwrap();
    edit_week(
        dir,
        "    report_ref: MTC-BS-2211\n",
        "    report_ref: MTC-BS-2211\n    attachments:\n      - file: vouchers/mtc.png\n        caption: {en: Mill certificate, zh: 质保书}\n",
    );
    let doc = Document::load_mem(&report(dir, "en")).unwrap();
    let last = page_texts(&doc).pop().unwrap();
    for want in [
        "A2",
        "Inspection: Incoming SUS304",
        "Report No. MTC-BS-2211",
        "Mill certificate",
    ] {
        assert!(last.contains(want), "{want}: {last}");
    }
}

#[test]
fn week_new_carries_no_attachment_and_build_rebuilds_on_a_new_scan() {
    let t = example();
    let dir = t.path();
    // The rivets (ordered, so carried over) get an attachment too.
    edit_week(
        dir,
        "    status: ordered\n",
        &format!("    status: ordered\n    attachments:\n{VOUCHER_LINE}\n        ref: PO-M-2244\n"),
    );
    ok(&dealguard(dir, &["week", "new"]));
    let w50 = std::fs::read_to_string(dir.join("reports/2026-W50.yaml")).unwrap();
    assert!(w50.contains("PO-M-2244"), "{w50}");
    assert!(
        !w50.contains("attachments") && !w50.contains("vouchers/"),
        "{w50}"
    );
    std::fs::remove_file(dir.join("reports/2026-W50.yaml")).unwrap();

    ok(&dealguard(dir, &["build"]));
    let r = dealguard(dir, &["build"]);
    ok(&r);
    assert!(
        r.stderr.contains("0 built") || r.stdout.contains("0 built"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    // A new scan of the voucher: the report is made again, and only it.
    // (Content counts, not the name: a PNG of the same size under the same name.)
    let scan = dir.join("reports/vouchers/po-m-2231.jpg");
    std::fs::write(&scan, photos::png_with_alpha(910, 1287, 3)).unwrap();
    let r = dealguard(dir, &["build"]);
    ok(&r);
    let said = format!("{}{}", r.stdout, r.stderr);
    assert!(said.contains("1 built"), "{said}");
    assert!(said.contains("report-2026-W49"), "{said}");
}
