//! Weekly report tests: the PDF is read back (pages, text in both languages, fonts embedded
//! and subset, photo streams, metadata), output is byte-identical, long weeks paginate.

use crate::photos;

use lopdf::{Document, Object};
use mail_parser::MimeHeaders;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp copy of the example deal whose photos are made here, not taken from the repo.
fn deal() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/nordic-home/deal.yaml"),
        t.path().join("deal.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(t.path().join("reports/photos")).unwrap();
    std::fs::copy(
        root().join("examples/nordic-home/reports/2026-W49.yaml"),
        t.path().join("reports/2026-W49.yaml"),
    )
    .unwrap();
    crate::support::copy_dir(
        &root().join("examples/nordic-home/reports/vouchers"),
        &t.path().join("reports/vouchers"),
    );
    let dir = t.path().join("reports/photos");
    std::fs::write(
        dir.join("w49-cutting-line.jpg"),
        photos::jpeg(&photos::scene(1400, 1050, 1), 85),
    )
    .unwrap();
    let portrait = image::imageops::rotate270(&photos::scene(900, 1200, 2));
    std::fs::write(
        dir.join("w49-thickness-check.jpg"),
        photos::with_orientation(&photos::jpeg(&portrait, 85), 6),
    )
    .unwrap();
    std::fs::write(
        dir.join("w49-sheet-stock.jpg"),
        photos::jpeg(&photos::scene(400, 300, 3), 85),
    )
    .unwrap();
    std::fs::write(
        dir.join("w49-handles.png"),
        photos::png_with_alpha(800, 600, 4),
    )
    .unwrap();
    t
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dealguard"))
        .args(args)
        .current_dir(dir)
        // Installed fonts would draw what the tests expect to be missing (DejaVu has 😀).
        .env("DEALGUARD_NO_SYSTEM_FONTS", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn report(dir: &Path, week: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["report", week, "-o", "out/r.pdf"];
    args.extend_from_slice(extra);
    let (code, err) = run(dir, &args);
    assert_eq!(code, 0, "{err}");
    std::fs::read(dir.join("out/r.pdf")).unwrap()
}

fn page_texts(doc: &Document) -> Vec<String> {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_default())
        .collect()
}

fn dict_of(doc: &Document, o: &Object) -> Option<lopdf::Dictionary> {
    match o {
        Object::Reference(r) => dict_of(doc, doc.get_object(*r).ok()?),
        Object::Dictionary(d) => Some(d.clone()),
        Object::Stream(s) => Some(s.dict.clone()),
        _ => None,
    }
}

fn name(d: &lopdf::Dictionary, key: &[u8]) -> String {
    d.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

#[test]
fn example_report_has_all_sections_in_order_and_both_languages() {
    let t = deal();
    let bytes = report(t.path(), "reports/2026-W49.yaml", &[]);
    let doc = Document::load_mem(&bytes).unwrap();
    let texts = page_texts(&doc);
    assert!(texts.len() >= 2, "{} pages", texts.len());
    let all: String = texts.concat();
    let order = [
        "NH-2026-0148",
        "Summary",
        "Production progress",
        "Key inspections",
        "Material purchase records",
        "Site photos and videos",
        "Next-stage plan",
        "Issues and risks",
        "Actions needed from the buyer",
        "Sign-off",
    ];
    let mut last = 0;
    for h in order {
        let at = all[last..]
            .find(h)
            .unwrap_or_else(|| panic!("{h} missing or out of order"))
            + last;
        last = at;
    }
    for zh in [
        "每周生产进度报告",
        "本周摘要",
        "生产进度",
        "关键检验",
        "物料采购记录",
        "现场照片与视频",
        "下阶段计划",
        "问题与风险",
        "签核",
        "宁波恒力厨具有限公司",
        "拉伸后壁厚",
    ] {
        assert!(all.contains(zh), "missing {zh}");
    }
    // Every page has the header band and the footer with the call-back number and n / N.
    let n = texts.len();
    for (i, p) in texts.iter().enumerate() {
        assert!(p.contains("Weekly Progress Report"), "page {}", i + 1);
        assert!(
            p.contains("+86 574 8888 1250") || p.contains("+86\u{a0}574\u{a0}8888\u{a0}1250"),
            "page {} lacks the call-back number",
            i + 1
        );
        assert!(
            p.contains(&format!("Page {} / {n}", i + 1)),
            "page {} lacks its number",
            i + 1
        );
    }
    // Sections are numbered from 1 (the title block carries no number) to 8.
    let squeeze: String = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeeze.contains("1 Summary"), "{squeeze}");
    assert!(squeeze.contains("8 Sign-off"), "{squeeze}");
    assert!(!squeeze.contains("9 Sign-off"), "{squeeze}");
    // The footer's two Chinese sentences follow each other without a space.
    assert!(!all.contains("使用。 本报告"), "{all}");
    // ISO 2859-1: lot 3000, level II → K, n = 125, major AQL 2.5 → Ac 7 / Re 8; both pass.
    assert!(all.contains("125") && all.contains("7 / 8") && all.contains("PASS"));
    assert!(!all.contains("FAIL"));
}

#[test]
fn fonts_are_embedded_subsets_under_a_size_bound() {
    let t = deal();
    let fonts = crate::pdfs::fonts_of(&report(t.path(), "reports/2026-W49.yaml", &[]));
    for (font_name, len) in &fonts {
        let (tag, rest) = font_name
            .split_once('+')
            .unwrap_or_else(|| panic!("{font_name} is not marked as a subset"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{font_name}"
        );
        assert!(rest.starts_with("NotoSans"), "{font_name}");
        assert!(*len < 60_000, "{font_name}: {len} bytes, not a subset");
    }
    let fonts = fonts.len();
    assert!(fonts >= 2, "{fonts} fonts");
}

#[test]
fn photos_are_dct_streams_at_print_resolution() {
    let t = deal();
    let doc = Document::load_mem(&report(t.path(), "reports/2026-W49.yaml", &[])).unwrap();
    let mut images = Vec::new();
    for (_, obj) in doc.objects.iter() {
        if let Object::Stream(s) = obj {
            if name(&s.dict, b"Subtype") == "Image" {
                assert_eq!(name(&s.dict, b"Filter"), "DCTDecode");
                assert!(s.content.starts_with(&[0xFF, 0xD8]), "not a JPEG stream");
                let w = s.dict.get(b"Width").unwrap().as_i64().unwrap();
                let h = s.dict.get(b"Height").unwrap().as_i64().unwrap();
                images.push((w, h));
            }
        }
    }
    images.sort();
    // The photo box is 250 × 187.5 pt: 695 × 521 px at 200 dpi. Large photos fill it, the small
    // one (400 × 300) is never enlarged, the portrait one (EXIF 6) stands upright. The fifth is
    // the voucher scan of the annex: the page width at 150 dpi, 1222 px tall at most.
    assert_eq!(images.len(), 5, "{images:?}");
    assert!(images.contains(&(864, 1222)), "{images:?}");
    assert!(images.contains(&(695, 521)), "{images:?}");
    assert!(images.contains(&(400, 300)), "{images:?}");
    assert!(
        images.iter().any(|(w, h)| h > w && *h == 521),
        "portrait photo not upright: {images:?}"
    );
}

#[test]
fn metadata_comes_from_the_deal_and_week() {
    let t = deal();
    let doc = Document::load_mem(&report(t.path(), "reports/2026-W49.yaml", &[])).unwrap();
    let info = dict_of(&doc, doc.trailer.get(b"Info").unwrap()).unwrap();
    let text = |k: &[u8]| -> String {
        let Ok(Object::String(b, _)) = info.get(k) else {
            return String::new();
        };
        if b.starts_with(&[0xFE, 0xFF]) {
            let u: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&u)
        } else {
            String::from_utf8_lossy(b).into_owned()
        }
    };
    assert!(text(b"Title").contains("Weekly Progress Report"));
    assert_eq!(text(b"Author"), "Ningbo Hengli Kitchenware Co., Ltd.");
    assert_eq!(text(b"Subject"), "NH-2026-0148 2026-W49");
    assert!(text(b"Keywords").contains("NH-2026-0148"));
    // Dated the Friday of week 49 (the deal's report day), not today.
    assert!(
        text(b"CreationDate").starts_with("D:20261204"),
        "{}",
        text(b"CreationDate")
    );
    // A4 portrait.
    let first = *doc.get_pages().values().next().unwrap();
    let page = doc.get_dictionary(first).unwrap();
    let mb: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert!(
        (mb[2] - 595.28).abs() < 0.5 && (mb[3] - 841.89).abs() < 0.5,
        "{mb:?}"
    );
}

#[test]
fn same_inputs_give_the_same_bytes_across_runs_and_within_one_process() {
    let t = deal();
    let a = report(t.path(), "reports/2026-W49.yaml", &[]);
    let b = report(t.path(), "reports/2026-W49.yaml", &[]);
    assert!(a == b, "two runs differ");
    // Two reports in one process, through the library.
    let loaded = dealguard::profile::load(&t.path().join("deal.yaml")).unwrap();
    let langs: dealguard::profile::Langs = "en+zh".parse().unwrap();
    let fonts = dealguard_pdf::font::Fonts::builtin().unwrap();
    let mut week = dealguard::profile::week::load(
        &t.path().join("reports/2026-W49.yaml"),
        &loaded.profile,
        &loaded.dir,
    )
    .unwrap();
    // The week cites a clause by id: numbered from the deal's schedule, as the command does.
    let lib = dealguard::clauses::Library::builtin().unwrap();
    let mut warnings = dealguard::diag::Problems::new();
    let sel = dealguard::clauses::select(&lib, &loaded, &langs, &mut warnings).unwrap();
    let found = dealguard::report::clause_refs::ClauseRefs::new(&sel, &lib).resolve(&mut week);
    assert!(!found.has_errors());
    let templates = dealguard::render::templates::Templates::builtin().unwrap();
    let one = dealguard::report::render(&loaded, &week, &langs, &fonts, &templates, None).unwrap();
    let two = dealguard::report::render(&loaded, &week, &langs, &fonts, &templates, None).unwrap();
    assert!(one == two, "two renders in one process differ");
    assert!(one == a, "library and command differ");
}

#[test]
fn a_long_week_paginates_with_repeated_headers_and_whole_photos() {
    let t = deal();
    let week = std::fs::read_to_string(t.path().join("reports/2026-W49.yaml")).unwrap();
    let (head, rest) = week.split_once("materials:").unwrap();
    let (_, rest) = rest.split_once("photos:").unwrap();
    let (_, tail) = rest.split_once("videos:").unwrap();
    let mut mid = String::from("materials:\n");
    for i in 0..40 {
        mid.push_str(&format!(
            "  - material: {{en: Steel coil lot {i} with a long description that wraps, zh: 钢卷第{i}批，说明较长需要换行}}\n    supplier: Supplier {i}\n    voucher: PO-{i:04}\n    ordered: {i} t\n    received: 0\n    date: 2026-12-01\n    status: ordered\n"
        ));
    }
    mid.push_str("photos:\n");
    for i in 0..20 {
        let f = format!("p{i:02}.jpg");
        std::fs::write(
            t.path().join("reports/photos").join(&f),
            photos::jpeg(&photos::scene(640, 480, i), 80),
        )
        .unwrap();
        mid.push_str(&format!("  - file: photos/{f}\n    caption: {{en: Photo {i}, zh: 照片{i}}}\n    taken: 2026-12-02\n"));
    }
    std::fs::write(
        t.path().join("reports/long.yaml"),
        format!("{head}{mid}videos:{tail}"),
    )
    .unwrap();
    let doc = Document::load_mem(&report(t.path(), "reports/long.yaml", &[])).unwrap();
    let texts = page_texts(&doc);
    assert!(texts.len() >= 6, "{} pages", texts.len());
    let mut rows = 0;
    for (i, p) in texts.iter().enumerate() {
        let here = (0..40)
            .filter(|k| p.contains(&format!("PO-{k:04}")))
            .count();
        rows += here;
        if here > 0 {
            assert!(
                p.contains("Supplier") && p.contains("Voucher"),
                "page {} continues the table without its header",
                i + 1
            );
        }
    }
    assert_eq!(rows, 40);
    // Every photo is drawn once (a row is never cut, so nothing is dropped or doubled).
    let mut draws = 0;
    for (_, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        draws += String::from_utf8_lossy(&content).matches(" Do").count();
    }
    assert_eq!(draws, 20);
}

#[test]
fn missing_glyphs_are_reported_with_their_field() {
    let t = deal();
    let week = std::fs::read_to_string(t.path().join("reports/2026-W49.yaml")).unwrap();
    std::fs::write(
        t.path().join("reports/2026-W49.yaml"),
        week.replace(
            "{en: Deep drawing line 1,",
            "{en: Deep drawing line 1 \u{1F600},",
        ),
    )
    .unwrap();
    let (code, err) = run(
        t.path(),
        &["report", "reports/2026-W49.yaml", "-o", "out/r.pdf"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `photos[0].caption.en`: no font has `😀` (U+1F600)"),
        "{err}"
    );
    assert!(err.contains("2026-W49.yaml:"), "{err}");
}

#[test]
fn a_user_font_is_used_and_the_builtin_one_fills_the_gaps() {
    let t = deal();
    let font = root().join("crates/pdf/fonts/NotoSans-Regular.ttf");
    let doc = Document::load_mem(&report(
        t.path(),
        "reports/2026-W49.yaml",
        &["--font", font.to_str().unwrap()],
    ))
    .unwrap();
    let mut names = Vec::new();
    for (_, obj) in doc.objects.iter() {
        if let Some(d) = dict_of(&doc, obj) {
            if name(&d, b"Type") == "FontDescriptor" {
                names.push(name(&d, b"FontName"));
            }
        }
    }
    assert!(
        names.iter().any(|n| n.ends_with("+NotoSans-Regular")),
        "{names:?}"
    );
    // Chinese still comes from the built-in face.
    assert!(
        names.iter().any(|n| n.contains("NotoSansCJKsc")),
        "{names:?}"
    );
    let (code, err) = run(
        t.path(),
        &["report", "reports/2026-W49.yaml", "--font", "deal.yaml"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("deal.yaml: error: is not a TrueType or OpenType font"),
        "{err}"
    );
}

#[test]
fn chinese_only_report_uses_chinese_labels() {
    let t = deal();
    let doc = Document::load_mem(&report(
        t.path(),
        "reports/2026-W49.yaml",
        &["--lang", "zh"],
    ))
    .unwrap();
    let all = page_texts(&doc).concat();
    assert!(all.contains("每周生产进度报告") && all.contains("生产进度"));
    assert!(!all.contains("Production progress"));
}

/// The buyer's contact addresses in the example deal, in file order.
const BUYER: [&str; 2] = [
    "anna.lindqvist@nordichome.se",
    "erik.sundberg@nordichome.se",
];

#[test]
fn report_as_mail_attaches_the_pdf_and_goes_to_the_buyers_contacts() {
    let t = deal();
    let (code, err) = run(
        t.path(),
        &[
            "report",
            "reports/2026-W49.yaml",
            "--format",
            "pdf,eml",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let base = t.path().join("out/NH-2026-0148-report-2026-W49-en+zh");
    let pdf = std::fs::read(base.with_extension("pdf")).unwrap();
    let eml = std::fs::read(base.with_extension("eml")).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&eml).unwrap();
    let to: Vec<String> = msg
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.address.as_deref().map(str::to_string))
        .collect();
    assert_eq!(to, BUYER);
    let from = msg.from().unwrap().first().unwrap();
    // The week's preparer, a seller contact.
    assert_eq!(
        from.address.as_deref(),
        Some("chen.jing@hengli-kitchen.com")
    );
    let atts: Vec<_> = msg.attachments().collect();
    assert_eq!(atts.len(), 1);
    let ct = atts[0].content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("application", Some("pdf")));
    assert_eq!(
        atts[0].attachment_name(),
        Some("NH-2026-0148-report-2026-W49-en+zh.pdf")
    );
    assert!(atts[0].contents() == pdf.as_slice(), "attachment == PDF");
    // The buyer reads English (`buyer.languages: [en]`): the mail is in English, as the
    // letter; the report it carries stays in the deal's languages.
    let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
    for want in [
        "week 2026-W49",
        "Status: AT RISK",
        "Overall completion: 27.5% (planned 27.4%)",
        "forecast 2027-01-18 (3 days late)",
        "Actions needed from the buyer:\n- Approve overtime cost",
        "bank details never change by email — verify at +86 574 8888 1250",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    assert!(!text.contains("状态"), "{text}");
    let subject = msg.subject().unwrap();
    assert!(subject.contains("NH-2026-0148 2026-W49 #3 — Weekly Progress Report"));
    assert!(!subject.contains("每周生产进度报告"), "{subject}");
    // `--lang` chooses the mail's languages too.
    let (code, err) = run(
        t.path(),
        &[
            "report",
            "reports/2026-W49.yaml",
            "--format",
            "eml",
            "--lang",
            "en+zh",
            "-o",
            "both.eml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let both = std::fs::read(t.path().join("both.eml")).unwrap();
    let both = mail_parser::MessageParser::default().parse(&both).unwrap();
    let text = both.body_text(0).unwrap().replace("\r\n", "\n");
    for want in [
        "Status: AT RISK",
        "状态：有风险",
        "推迟3天",
        "需买方配合事项：\n- 请于12月9日前确认",
        "收款账户不会通过邮件变更",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    assert!(both.subject().unwrap().contains("每周生产进度报告"));
    // Deterministic: the same bytes again.
    let (code, err) = run(
        t.path(),
        &[
            "report",
            "reports/2026-W49.yaml",
            "--format",
            "eml",
            "-o",
            "again.eml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(t.path().join("again.eml")).unwrap(), eml);
}

#[test]
fn build_writes_the_report_mail_when_the_profile_asks() {
    let t = deal();
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(
        !yaml.contains("\noutput:"),
        "the example sets no output section"
    );
    std::fs::write(
        &path,
        format!("{yaml}\noutput:\n  formats:\n    report: [pdf, eml]\n"),
    )
    .unwrap();
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let base = t.path().join("out/NH-2026-0148-report-2026-W49-en+zh");
    let pdf = std::fs::read(base.with_extension("pdf")).unwrap();
    let eml = std::fs::read(base.with_extension("eml")).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert!(msg.attachments().next().unwrap().contents() == pdf.as_slice());
    // A format the report does not have is the profile's error.
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        yaml.replace("report: [pdf, eml]", "report: [pdf, md]"),
    )
    .unwrap();
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the report has no `md` format"), "{err}");
}

/// Week `week` (number `n`) made from the example's W49 with cutting at `cutting` percent.
fn other_week(dir: &Path, week: &str, n: u32, cutting: u32) {
    let w49 = std::fs::read_to_string(dir.join("reports/2026-W49.yaml")).unwrap();
    let text = w49
        .replace("week: 2026-W49", &format!("week: {week}"))
        .replace("number: 3", &format!("number: {n}"))
        .replace("    actual: 35", &format!("    actual: {cutting}"));
    assert_ne!(text, w49);
    std::fs::write(dir.join(format!("reports/{week}.yaml")), text).unwrap();
}

/// Line-drawing operators (`l`) in the content streams of the first page.
fn line_ops(pdf: &[u8]) -> usize {
    let doc = Document::load_mem(pdf).unwrap();
    let first = *doc.get_pages().values().next().unwrap();
    let content = doc.get_and_decode_page_content(first).unwrap();
    content
        .operations
        .iter()
        .filter(|o| o.operator == "l")
        .count()
}

#[test]
fn trend_chart_and_stage_changes_from_the_second_week_on() {
    let t = deal();
    let alone = report(t.path(), "reports/2026-W49.yaml", &[]);
    let text = page_texts(&Document::load_mem(&alone).unwrap()).join("\n");
    assert!(
        !text.contains("Overall completion by week"),
        "no chart in week 1"
    );
    assert!(!text.contains("+20%") && !text.contains("±0%"));
    other_week(t.path(), "2026-W48", 2, 15);
    let w49 = report(t.path(), "reports/2026-W49.yaml", &[]);
    other_week(t.path(), "2026-W50", 4, 55);
    let w50 = report(t.path(), "reports/2026-W50.yaml", &[]);
    let pages = page_texts(&Document::load_mem(&w50).unwrap());
    let first = &pages[0];
    for want in [
        "Overall completion by week",
        "每周总体完成度",
        "W48",
        "W49",
        "W50",
        "W02",
        "ship 2027-01-15",
        "出货 2027-01-15",
        // Cutting went from 35% to 55%; the others did not move.
        "+20%",
        "±0%",
        "change since the previous report",
    ] {
        assert!(first.contains(want), "{want:?} not on page 1:\n{first}");
    }
    // Axes, grid, two series (one of them dashed), the ship rule: many more lines.
    assert!(
        line_ops(&w50) > line_ops(&alone) + 40,
        "{} vs {}",
        line_ops(&w50),
        line_ops(&alone)
    );
    // The W49 report has W48 before it: +20% for cutting (15% → 35%).
    let text = page_texts(&Document::load_mem(&w49).unwrap()).join("\n");
    assert!(text.contains("Overall completion by week") && text.contains("+20%"));
    // A week after the report's own is not in its trend.
    let again = report(t.path(), "reports/2026-W49.yaml", &[]);
    assert!(again == w49, "W50 changed the W49 report");
}

#[test]
fn build_remakes_a_report_when_an_earlier_week_changes() {
    let t = deal();
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("report-2026-W49"), "unchanged: {err}");
    other_week(t.path(), "2026-W48", 2, 15);
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("report-2026-W48") && err.contains("report-2026-W49"),
        "{err}"
    );
    // A later week does not touch it.
    other_week(t.path(), "2026-W50", 4, 55);
    let (code, err) = run(t.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("report-2026-W49") && err.contains("report-2026-W50"),
        "{err}"
    );
}
