//! Font tests: GB 18030-2022 level 2 with no font installed (names with 喆堃镕彧, Extension A,
//! 通用规范汉字表 characters outside the BMP), collections with a non-SC first face, bold
//! from `output.font_bold`, a sibling file, the same collection, or fake bold.

use dealguard_pdf::font::{FacePick, Fonts, UserFont, Weight};
use lopdf::Document;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use crate::pdfs::fonts_of;
use crate::support as cli;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs dealguard with no installed font consulted (CI has none; this machine may).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dealguard"))
        .args(args)
        .current_dir(dir)
        .env("DEALGUARD_NO_SYSTEM_FONTS", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), err)
}

/// Names and texts outside GB 2312: personal names, BMP ideographs outside GB 2312,
/// Extension A (㐀 䶵), and 通用规范 characters outside the BMP (𠅤 𬺓).
const NAMES: &str = "喆堃镕彧珺玥昇琇";
const RARE: &str = "㐀䶵𠅤𬺓";

/// The example deal with the seller and two contacts renamed, and the week's summary
/// carrying the rare characters.
fn deal() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    cli::copy_dir(&root().join("examples/nordic-home"), t.path());
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let yaml = yaml
        .replace("宁波恒力厨具有限公司", "深圳喆堃声学科技有限公司")
        .replace("name_local: 李伟", "name_local: 吴镕")
        .replace("name_local: 陈静", "name_local: 黄彧")
        // The letter in the deal's languages too, so that every PDF draws the names.
        .replace("\n  languages: [en] ", "\n  # languages: [en] ");
    std::fs::write(t.path().join("deal.yaml"), yaml).unwrap();
    let week = t.path().join("reports/2026-W49.yaml");
    let w = std::fs::read_to_string(&week).unwrap();
    let w = w.replacen(
        "zh: 铆钉12月8日到货",
        &format!("zh: 铆钉到货 {NAMES}{RARE}"),
        1,
    );
    std::fs::write(&week, w).unwrap();
    t
}

fn text(pdf: &[u8]) -> String {
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

#[test]
fn level_2_names_print_in_every_pdf_with_no_font_installed() {
    let t = deal();
    let (code, err) = run(t.path(), &["build", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    let out = t.path().join("out");
    let mut pdfs = 0;
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        pdfs += 1;
        let pdf = std::fs::read(&p).unwrap();
        let s = text(&pdf);
        // The staff's documents (briefing, call-back form) name the companies, not every
        // contact: the form's approver rows are left blank.
        let file = p.to_string_lossy();
        let names = if file.contains("callback-form") || file.contains("briefing") {
            "深圳喆堃声学科技有限公司"
        } else {
            "深圳喆堃声学科技有限公司吴镕黄彧"
        };
        for c in names.chars() {
            assert!(s.contains(c), "{}: `{c}` missing", p.display());
        }
        // A `?` stands for a missing glyph; the form's column "Same?" is a real one.
        assert!(
            !s.replace("Same?", "").contains('?'),
            "{}: has `?`",
            p.display()
        );
        let fonts = fonts_of(&pdf);
        assert!(
            fonts
                .iter()
                .any(|(n, _)| n.ends_with("+NotoSansCJKscExt-Regular")),
            "{fonts:?}"
        );
        for (name, len) in &fonts {
            assert!(name.as_bytes()[6] == b'+', "{name} is not a subset");
            // A subset, not the face (megabytes): the v2 schedule's Chinese has ~2,000 glyphs.
            assert!(*len < 150_000, "{name}: {len} bytes");
        }
    }
    assert!(pdfs >= 3, "{pdfs} PDFs");
    // The report has every character of the week too, in regular and bold.
    let report = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("W49") && p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let s = text(&std::fs::read(report).unwrap());
    for c in NAMES.chars().chain(RARE.chars()) {
        assert!(s.contains(c), "report: `{c}` (U+{:04X}) missing", c as u32);
    }
}

/// The code points of a `--unicodes-file` list in `crates/pdf/fonts/`.
fn list(name: &str) -> Vec<char> {
    std::fs::read_to_string(root().join("crates/pdf/fonts").join(name))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("U+"))
        .filter_map(|l| u32::from_str_radix(l.split_whitespace().next()?, 16).ok())
        .filter_map(char::from_u32)
        .collect()
}

#[test]
fn every_level_2_character_noto_has_is_built_in_in_both_weights() {
    let f = Fonts::builtin().unwrap();
    // The extension list is level 2 minus the main faces; together they are all of it.
    let ext = list("unicodes-ext.txt");
    assert!(ext.len() > 21_000, "{}", ext.len());
    let text: String = ext.iter().collect();
    let missing: String = f.missing(&text).into_iter().collect();
    // What Noto Sans CJK SC 2.004 does not have (crates/pdf/fonts/README.md), in the list's order: ≒,
    // U+9FF0-9FFF (Unicode 13-14) and U+4DB6-4DBF (Unicode 13).
    let expected: String = std::iter::once('\u{2252}')
        .chain('\u{9FF0}'..='\u{9FFF}')
        .chain('\u{4DB6}'..='\u{4DBF}')
        .collect();
    assert_eq!(missing, expected);
    let tgh = list("tgh-outside-bmp.txt");
    assert_eq!(tgh.len(), 196);
    assert!(f.missing(&tgh.iter().collect::<String>()).is_empty());
    for w in [Weight::Regular, Weight::Bold] {
        let runs = f.runs(w, "喆𠅤");
        assert_eq!(runs.len(), 1);
        assert!(!runs[0].fake_bold);
        assert!((runs[0].width - 2.0).abs() < 0.01, "{}", runs[0].width);
    }
}

/// A collection (TTC) of the given fonts, with a hand-written header: each face's table
/// directory is copied and its offsets moved to where the tables land in the collection.
fn ttc(fonts: &[Vec<u8>]) -> Vec<u8> {
    let be16 = |b: &[u8], i: usize| usize::from(u16::from_be_bytes([b[i], b[i + 1]]));
    let be32 =
        |b: &[u8], i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let dirs: usize = fonts.iter().map(|f| 12 + 16 * be16(f, 4)).sum();
    let mut out = b"ttcf\x00\x01\x00\x00".to_vec();
    out.extend((fonts.len() as u32).to_be_bytes());
    let header = out.len() + 4 * fonts.len();
    let data_at = header + dirs;
    let mut dir_at = header;
    let (mut head, mut data) = (Vec::new(), Vec::new());
    for f in fonts {
        out.extend((dir_at as u32).to_be_bytes());
        let n = be16(f, 4);
        dir_at += 12 + 16 * n;
        head.extend_from_slice(&f[..12]);
        for t in 0..n {
            let rec = &f[12 + 16 * t..28 + 16 * t];
            let (off, len) = (be32(rec, 8), be32(rec, 12));
            head.extend_from_slice(&rec[..8]);
            head.extend(((data_at + data.len()) as u32).to_be_bytes());
            head.extend_from_slice(&rec[12..]);
            data.extend_from_slice(&f[off..off + len]);
            while data.len() % 4 != 0 {
                data.push(0);
            }
        }
    }
    out.extend(head);
    out.extend(data);
    out
}

/// The SC face with its names made Japanese: `sc`/`SC` → `jp`/`JP` in every name string
/// and the PRC language id (0x0804) → Japanese (0x0411), like the first face of
/// `NotoSansCJK-Regular.ttc`.
fn japanese(sc: &[u8]) -> Vec<u8> {
    let mut f = sc.to_vec();
    let n = usize::from(u16::from_be_bytes([f[4], f[5]]));
    let rec = (0..n)
        .map(|t| 12 + 16 * t)
        .find(|&r| &f[r..r + 4] == b"name")
        .unwrap();
    let off = u32::from_be_bytes(f[rec + 8..rec + 12].try_into().unwrap()) as usize;
    let len = u32::from_be_bytes(f[rec + 12..rec + 16].try_into().unwrap()) as usize;
    let count = usize::from(u16::from_be_bytes([f[off + 2], f[off + 3]]));
    for r in 0..count {
        let lang = off + 6 + 12 * r + 4;
        if f[lang..lang + 2] == [0x08, 0x04] {
            f[lang..lang + 2].copy_from_slice(&[0x04, 0x11]);
        }
    }
    let table = &mut f[off..off + len];
    for (from, to) in [
        (&b"SC"[..], &b"JP"[..]),
        (b"sc", b"jp"),
        (b"\0S\0C", b"\0J\0P"),
        (b"\0s\0c", b"\0j\0p"),
    ] {
        let mut i = 0;
        while i + from.len() <= table.len() {
            if &table[i..i + from.len()] == from {
                table[i..i + from.len()].copy_from_slice(to);
            }
            i += 1;
        }
    }
    f
}

fn collection() -> Vec<u8> {
    let regular = std::fs::read(root().join("crates/pdf/fonts/NotoSansCJKsc-Regular.otf")).unwrap();
    let bold = std::fs::read(root().join("crates/pdf/fonts/NotoSansCJKsc-Bold.otf")).unwrap();
    ttc(&[japanese(&regular), regular, bold])
}

fn user(bytes: &[u8], pick: FacePick) -> UserFont {
    UserFont {
        path: PathBuf::from("CJK.ttc"),
        bytes: Arc::new(bytes.to_vec()),
        pick,
        bold: false,
    }
}

fn face_of(f: &Fonts, w: Weight, s: &str) -> (String, String, bool) {
    let r = &f.runs(w, s)[0];
    let face = f.face(r.face).unwrap();
    (face.name.clone(), face.origin.clone(), r.fake_bold)
}

#[test]
fn a_collection_gives_its_sc_face_and_bold_unless_told_otherwise() {
    let ttc = collection();
    let f = Fonts::with_user_font(user(&ttc, FacePick::Default), None).unwrap();
    let (name, origin, _) = face_of(&f, Weight::Regular, "；，");
    assert_eq!(
        (name.as_str(), origin.as_str()),
        ("NotoSansCJKsc-Regular", "CJK.ttc#1")
    );
    // The bold of the same collection, not fake bold.
    let (name, origin, fake) = face_of(&f, Weight::Bold, "报告");
    assert_eq!(
        (name.as_str(), origin.as_str(), fake),
        ("NotoSansCJKsc-Bold", "CJK.ttc#2", false)
    );
    // PATH#INDEX and PATH#FAMILY pick another face.
    let f = Fonts::with_user_font(user(&ttc, FacePick::Index(0)), None).unwrap();
    assert_eq!(
        face_of(&f, Weight::Regular, "；").0,
        "NotoSansCJKjp-Regular"
    );
    let f =
        Fonts::with_user_font(user(&ttc, FacePick::Name("noto sans cjk jp".into())), None).unwrap();
    assert_eq!(
        face_of(&f, Weight::Regular, "；").0,
        "NotoSansCJKjp-Regular"
    );
    let e = Fonts::with_user_font(user(&ttc, FacePick::Index(7)), None).unwrap_err();
    assert_eq!(e, "has no face #7 (it has 3 faces)");
    assert_eq!(
        FacePick::split(Path::new("/no/such/CJK.ttc#2")),
        (PathBuf::from("/no/such/CJK.ttc"), FacePick::Index(2))
    );
    assert_eq!(
        FacePick::split(Path::new("/no/such/CJK.ttc#Noto Sans CJK JP")),
        (
            PathBuf::from("/no/such/CJK.ttc"),
            FacePick::Name("Noto Sans CJK JP".into())
        )
    );
}

fn pdf_contents(pdf: &[u8]) -> String {
    let mut doc = Document::load_mem(pdf).unwrap();
    doc.decompress();
    let mut s = String::new();
    for (_, page) in doc.get_pages() {
        s.push_str(&String::from_utf8_lossy(&doc.get_page_content(page)));
    }
    s
}

#[test]
fn bold_comes_from_the_profile_a_sibling_file_or_is_faked() {
    let t = deal();
    let fonts = t.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(
        fonts.join("Lone.ttf"),
        std::fs::read(root().join("crates/pdf/fonts/NotoSans-Regular.ttf")).unwrap(),
    )
    .unwrap();
    std::fs::write(fonts.join("CJK.ttc"), collection()).unwrap();
    std::fs::copy(
        root().join("crates/pdf/fonts/NotoSans-Regular.ttf"),
        fonts.join("Pair-Regular.ttf"),
    )
    .unwrap();
    std::fs::copy(
        root().join("crates/pdf/fonts/NotoSans-Bold.ttf"),
        fonts.join("Pair-Bold.ttf"),
    )
    .unwrap();
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "reports/2026-W49.yaml", "-o", "out/r.pdf"];
        args.extend_from_slice(extra);
        let (code, err) = run(t.path(), &args);
        assert_eq!(code, 0, "{err}");
        std::fs::read(t.path().join("out/r.pdf")).unwrap()
    };
    // No bold anywhere: the regular face, stroked (text rendering mode 2).
    let pdf = report(&["--font", "fonts/Lone.ttf"]);
    assert!(pdf_contents(&pdf).contains("2 Tr"));
    assert!(!fonts_of(&pdf)
        .iter()
        .any(|(n, _)| n.ends_with("NotoSans-Bold")));
    // A `-Bold` file beside the regular one.
    let pdf = report(&["--font", "fonts/Pair-Regular.ttf"]);
    assert!(!pdf_contents(&pdf).contains("2 Tr"));
    assert!(fonts_of(&pdf)
        .iter()
        .any(|(n, _)| n.ends_with("+NotoSans-Bold")));
    // A collection: its SC face, `#0` for the Japanese one.
    let names = |pdf: &[u8]| {
        fonts_of(pdf)
            .into_iter()
            .map(|f| f.0)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let pdf = report(&["--font", "fonts/CJK.ttc"]);
    assert!(
        names(&pdf).contains("+NotoSansCJKsc-Regular"),
        "{}",
        names(&pdf)
    );
    let pdf = report(&["--font", "fonts/CJK.ttc#0"]);
    assert!(
        names(&pdf).contains("+NotoSansCJKjp-Regular"),
        "{}",
        names(&pdf)
    );
    // `output.font` with `output.font_bold` from the profile.
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    assert!(!yaml.contains("\noutput:"));
    let yaml =
        format!("{yaml}\noutput:\n  font: fonts/Lone.ttf\n  font_bold: fonts/Pair-Bold.ttf\n");
    std::fs::write(t.path().join("deal.yaml"), yaml).unwrap();
    let pdf = report(&[]);
    assert!(!pdf_contents(&pdf).contains("2 Tr"));
    assert!(names(&pdf).contains("+NotoSans-Bold"), "{}", names(&pdf));
}

/// The deal with a private-use character (no font has one) in the seller's Chinese name.
fn deal_with_private_use() -> tempfile::TempDir {
    let t = deal();
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let yaml = yaml.replace(
        "深圳喆堃声学科技有限公司",
        "深圳喆堃\u{E000}声学科技有限公司",
    );
    std::fs::write(t.path().join("deal.yaml"), yaml).unwrap();
    t
}

const PUA_WARNING: &str = "warning: `seller.name_local`: no font has `\u{E000}` (U+E000)";

#[test]
fn a_character_no_font_has_is_warned_by_every_command_that_draws_it() {
    let t = deal_with_private_use();
    for args in [
        &["contract", "--format", "pdf"][..],
        &["letter", "--format", "pdf"],
        &["report", "reports/2026-W49.yaml"],
        &["check", "reports/2026-W49.yaml"],
    ] {
        let (code, err) = run(t.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(err.matches(PUA_WARNING).count(), 1, "{args:?}: {err}");
        assert!(err.contains("deal.yaml:"), "{args:?}: {err}");
    }
    assert!(std::fs::read_dir(t.path().join("out")).unwrap().count() >= 3);
    // `build` warns once, and again when every document is unchanged and skipped.
    for round in ["first", "unchanged"] {
        let (code, err) = run(t.path(), &["build"]);
        assert_eq!(code, 0, "{round}: {err}");
        assert_eq!(err.matches(PUA_WARNING).count(), 1, "{round}: {err}");
    }
    // Markdown draws no glyphs: no font check.
    let (code, err) = run(t.path(), &["contract", "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("no font has"), "{err}");
}

#[test]
fn english_documents_do_not_warn_about_chinese_only_fields() {
    let t = deal_with_private_use();
    let week = t.path().join("reports/2026-W49.yaml");
    let w = std::fs::read_to_string(&week).unwrap();
    std::fs::write(&week, w.replacen("zh: 铆钉到货", "zh: \u{E001}铆钉到货", 1)).unwrap();
    for args in [
        &["report", "reports/2026-W49.yaml", "--lang", "en"][..],
        &["contract", "--format", "pdf", "--lang", "en"],
        &["check", "reports/2026-W49.yaml", "--lang", "en"],
    ] {
        let (code, err) = run(t.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!err.contains("no font has"), "{args:?}: {err}");
    }
    let (_, err) = run(
        t.path(),
        &["report", "reports/2026-W49.yaml", "--lang", "zh"],
    );
    assert!(err.contains("U+E001"), "{err}");
}

/// The zh-first fixture deal (Shenzhen seller, US buyer) in a temp dir.
fn zh_first() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    cli::copy_dir(&root().join("tests/fixtures/valid/shenzhen-zh"), t.path());
    t
}

#[test]
fn a_zh_first_deal_prints_in_every_language_with_folded_lines_joined() {
    let t = zh_first();
    for lang in ["zh", "en", "zh+en"] {
        for args in [
            &["contract", "--format", "pdf,md,html", "--lang", lang][..],
            &["letter", "--format", "pdf,md", "--lang", lang],
            &["report", "reports/2026-W49.yaml", "--lang", lang],
        ] {
            let (code, err) = run(t.path(), args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert!(!err.contains("warning:"), "{args:?}: {err}");
        }
    }
    // The title is folded with `>` across a line break between two Chinese characters.
    for ext in ["md", "html"] {
        let p = t.path().join(format!("out/SZ-2027-0031-contract-zh.{ext}"));
        let s = std::fs::read_to_string(&p).unwrap();
        assert!(s.contains("型号SZ-8，共8,000台"), "{ext}: {s}");
    }
    let report = std::fs::read(t.path().join("out/SZ-2027-0031-report-2026-W49-zh.pdf")).unwrap();
    let s: String = text(&report)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(s.contains("1 本周摘要") && s.contains("8 签核"), "{s}");
}

/// The numbers of the `TJ` arrays of every page (the offsets), in order.
fn tj_offsets(pdf: &[u8]) -> Vec<f32> {
    let mut doc = Document::load_mem(pdf).unwrap();
    doc.decompress();
    let mut v = Vec::new();
    for (_, id) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
        for op in content.operations.iter().filter(|o| o.operator == "TJ") {
            for o in op.operands[0].as_array().unwrap() {
                if let Ok(n) = o.as_float() {
                    v.push(n);
                }
            }
        }
    }
    v
}

#[test]
fn adjacent_cjk_punctuation_is_drawn_half_an_em_narrower() {
    use dealguard_pdf::layout::{layout, Block, Frame, Part, Rgb, Style};
    use dealguard_pdf::write::{write, Document as Doc, Meta};
    let fonts = Fonts::builtin().unwrap();
    let frame = Frame::a4(40.0, 40.0, 40.0);
    let pdf_of = |text: &str| {
        let blocks = [Block::Paragraph(vec![Part::new(
            text,
            Style::new(10.0, Rgb::BLACK),
        )])];
        let doc = Doc {
            frame,
            pages: layout(&blocks, &frame, &fonts),
            images: Vec::new(),
            meta: Meta {
                title: "t".into(),
                author: "a".into(),
                subject: "s".into(),
                keywords: Vec::new(),
                timestamp: 0,
            },
        };
        write(&doc, &fonts).unwrap()
    };
    // The pair `），` is drawn with a TJ offset of half an em; single marks are not.
    let pdf = pdf_of("付款（见附件），请核实。");
    assert_eq!(tj_offsets(&pdf), vec![500.0]);
    assert!(
        text(&pdf).contains("付款（见附件），请核实。"),
        "{}",
        text(&pdf)
    );
    assert!(tj_offsets(&pdf_of("付款，请核实。")).is_empty());
    // And measured half an em narrower, so lines fill as drawn.
    let w = |s: &str| fonts.width(Weight::Regular, s);
    assert!(w("），") < w("）") + w("，") - 0.49);
}

#[test]
fn the_closing_greeting_is_indented_in_every_letter_output() {
    let t = zh_first();
    let (code, err) = run(
        t.path(),
        &["letter", "--format", "pdf,md,txt,html,eml", "--lang", "zh"],
    );
    assert_eq!(code, 0, "{err}");
    let out = |ext: &str| t.path().join(format!("out/SZ-2027-0031-letter-zh.{ext}"));
    let closing = "\u{3000}\u{3000}此致";
    let md = std::fs::read_to_string(out("md")).unwrap();
    assert!(md.contains(&format!("\n{closing}  \n敬礼！")), "{md}");
    let txt = std::fs::read_to_string(out("txt")).unwrap();
    assert!(txt.contains(&format!("\n{closing}\n敬礼！")), "{txt}");
    let html = std::fs::read_to_string(out("html")).unwrap();
    assert!(html.contains(&format!("{closing}<br>\n敬礼！")), "{html}");
    // The message carries it in both parts (each base64).
    use base64::Engine as _;
    let eml = std::fs::read_to_string(out("eml")).unwrap();
    let decoded: Vec<String> = eml
        .split("\r\n\r\n")
        .filter_map(|b| {
            let b64: String = b.split("\r\n--").next()?.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
            String::from_utf8(bytes).ok()
        })
        .collect();
    assert_eq!(
        decoded.iter().filter(|p| p.contains(closing)).count(),
        2,
        "{decoded:?}"
    );
    // In the PDF the full-width spaces are drawn (two em), not dropped.
    let pdf = std::fs::read(out("pdf")).unwrap();
    let s = text(&pdf);
    assert!(s.contains(closing), "{s}");
}

#[test]
fn check_fonts_names_the_face_and_file_of_each_range_of_characters() {
    let t = deal_with_private_use();
    std::fs::create_dir_all(t.path().join("fonts")).unwrap();
    std::fs::copy(
        root().join("crates/pdf/fonts/NotoSans-Regular.ttf"),
        t.path().join("fonts/Lone.ttf"),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        format!("{yaml}\noutput:\n  font: fonts/Lone.ttf\n"),
    )
    .unwrap();
    let check = || {
        let out = Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .args(["check", "reports/2026-W49.yaml", "--fonts"])
            .current_dir(t.path())
            .env("DEALGUARD_NO_SYSTEM_FONTS", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let out = check();
    let fonts = out
        .split("\nfonts:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    let (regular, bold) = fonts.split_once("bold:\n").unwrap();
    // Latin from the user's file, hanzi from the built-in faces (GB 2312, then the extension
    // face for 喆), the private-use character from none; in code point order.
    let first = regular.lines().nth(1).unwrap();
    assert!(
        first.starts_with("  U+00") && first.contains("fonts/Lone.ttf#0"),
        "{regular}"
    );
    assert!(
        regular.contains(": NotoSansCJKsc-Regular (built in)\n"),
        "{regular}"
    );
    assert!(
        regular.contains(": NotoSansCJKscExt-Regular (built in)\n"),
        "{regular}"
    );
    assert!(
        regular.contains("U+E000 \u{E000} (1 character): no font: drawn as `?`"),
        "{regular}"
    );
    // No bold file: the user's face is stroked.
    assert!(bold.contains("fonts/Lone.ttf#0), fake bold\n"), "{bold}");
    assert_eq!(check(), out);
}

#[test]
fn changing_the_bold_font_rebuilds() {
    let t = deal();
    let fonts = t.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for (from, to) in [
        ("NotoSans-Regular.ttf", "Lone.ttf"),
        ("NotoSans-Bold.ttf", "Heavy.ttf"),
    ] {
        std::fs::copy(root().join("crates/pdf/fonts").join(from), fonts.join(to)).unwrap();
    }
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        format!("{yaml}\noutput:\n  font: fonts/Lone.ttf\n  font_bold: fonts/Heavy.ttf\n"),
    )
    .unwrap();
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let (_, err) = run(t.path(), &["build"]);
    assert!(err.contains(" 0 built"), "{err}");
    // Another bold file under the same name: every PDF is made again.
    std::fs::copy(
        root().join("crates/pdf/fonts/NotoSans-Regular.ttf"),
        fonts.join("Heavy.ttf"),
    )
    .unwrap();
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains(" 0 built"), "{err}");
}
