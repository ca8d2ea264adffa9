use super::*;
use std::collections::BTreeSet;

#[test]
fn builtin_fonts_cover_both_scripts_and_symbols() {
    let f = Fonts::builtin().unwrap();
    let sample = "不锈钢锅具套装，12,000 套 宁波恒力厨具有限公司 铆钉 每周生产进度报告 本周无 Lindqvist Müller ±–—•→✓";
    assert_eq!(f.missing(sample), Vec::<char>::new());
    // Latin is proportional: "i" is narrower than "W"; hanzi are one em.
    assert!(f.width(Weight::Regular, "i") < f.width(Weight::Regular, "W"));
    assert!((f.width(Weight::Regular, "钢") - 1.0).abs() < 0.01);
    // Extended Latin and check marks come from the companion faces.
    assert_eq!(
        f.missing("Łukasz Dvořák Nguyễn ₹ ✓ ✗ ☐"),
        Vec::<char>::new()
    );
}

#[test]
fn quotes_are_narrow_in_english_and_wide_in_chinese() {
    let f = Fonts::builtin().unwrap();
    let en = f.runs(Weight::Regular, "the “Deep drawing” line");
    let quote_face = en.iter().find(|r| r.text.contains('“')).unwrap().face;
    assert_eq!(f.face(quote_face).unwrap().name, "NotoSans-Regular");
    assert!(f.width(Weight::Regular, "“a”") < 1.5);
    let zh = f.runs(Weight::Regular, "所谓“书面”");
    let quote_face = zh.iter().find(|r| r.text.contains('“')).unwrap().face;
    assert_eq!(f.face(quote_face).unwrap().name, "NotoSansCJKsc-Regular");
}

#[test]
fn adjacent_cjk_punctuation_is_compressed_when_measured_and_drawn() {
    let f = Fonts::builtin().unwrap();
    let w = |s: &str| f.width(Weight::Regular, s);
    // Full-width marks are one em each; a pair loses half an em.
    assert!((w("），") - 1.5).abs() < 0.01, "{}", w("），"));
    assert!((w("。」") - 1.5).abs() < 0.01);
    assert!((w("，“") - 1.5).abs() < 0.01);
    assert!((w("（「") - 1.5).abs() < 0.01);
    assert!((w("好，好") - 3.0).abs() < 0.01);
    // Latin punctuation is narrow and never adjusted.
    let latin = w("a),");
    assert!((latin - (w("a") + w(")") + w(","))).abs() < 1e-4);
    let runs = f.runs(Weight::Regular, "见（「附件」），");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].adjust, vec![(2, 0.5), (6, 0.5), (7, 0.5)]);
    assert!((runs[0].width - 6.5).abs() < 0.01);
    // Bold measures the same way.
    assert!((f.width(Weight::Bold, "），") - 1.5).abs() < 0.01);
}

#[test]
fn missing_characters_are_listed_once_and_drawn_as_question_marks() {
    let f = Fonts::builtin().unwrap();
    // U+1F600 (emoji) and U+A000 (Yi) are in no built-in face.
    assert_eq!(f.missing("a😀b😀\u{a000}"), vec!['😀', '\u{a000}']);
    let runs = f.runs(Weight::Regular, "a😀b");
    assert_eq!(
        runs.iter().map(|r| r.text.as_str()).collect::<String>(),
        "a?b"
    );
}

#[test]
fn subsets_are_small_and_keep_the_glyphs() {
    let f = Fonts::builtin().unwrap();
    let run = &f.runs(Weight::Regular, "每周生产进度报告 Weekly")[0];
    let glyphs: BTreeSet<u16> = f.glyphs_of(run).into_iter().collect();
    let sub = f.face(run.face).unwrap().subset(&glyphs).unwrap();
    assert!(
        sub.original_bytes.len() < 40_000,
        "{} bytes",
        sub.original_bytes.len()
    );
    for c in "每周报告Weekly".chars() {
        assert!(
            sub.lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
            "{c} lost"
        );
    }
}

#[test]
fn the_extension_face_is_parsed_only_when_a_text_needs_it() {
    let f = Fonts::builtin().unwrap();
    assert!(f.missing("宁波恒力 Weekly “report” ✓").is_empty());
    let before = f.report();
    assert!(
        before.contains("[NotoSansCJKscExt-Regular not needed]"),
        "{before}"
    );
    // 喆 is not in GB 2312; 𠅤 (U+20164) is a 通用规范 character outside the BMP.
    assert!(f.missing("喆𠅤").is_empty());
    let after = f.report();
    assert!(
        after.contains("NotoSansCJKscExt-Regular (built in)")
            && after.contains("NotoSansCJKscExt-Bold (built in)"),
        "{after}"
    );
    let runs = f.runs(Weight::Regular, "吴喆");
    assert_eq!(runs.len(), 2);
    assert_eq!(
        f.face(runs[1].face).unwrap().name,
        "NotoSansCJKscExt-Regular"
    );
}

#[test]
fn a_font_with_damaged_glyph_data_is_named_in_the_error() {
    // Point the glyph table (`glyf`) of the Latin face past the end of the file.
    let mut bytes = builtin::LATIN_REGULAR.to_vec();
    let tables = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
    let rec = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &bytes[r..r + 4] == b"glyf")
        .unwrap();
    bytes[rec + 8..rec + 12].copy_from_slice(&0x7FFF_0000u32.to_be_bytes());
    let face = Face::load("Broken Sans", FontBytes::owned(bytes), 0).unwrap();
    let a = face.glyph('a').unwrap();
    let e = face.subset(&BTreeSet::from([a])).unwrap_err();
    assert!(e.starts_with("the font `Broken Sans` is damaged ("), "{e}");
}
