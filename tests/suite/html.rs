//! HTML tests: what can be checked of the letter and the schedule without a browser —
//! webmail safety, languages and fonts, wrapper styles, print rules, in-page links. The
//! rendering itself is checked by hand with `scripts/html-check.py` (headless Chromium).

use crate::support;

use mail_parser::{MessageParser, MimeHeaders};
use support::*;

/// The letter's HTML, and the HTML part of its `.eml`, in both languages (the buyer of the
/// example reads English only: `--lang` asks for both halves).
fn letter_pages() -> Vec<(&'static str, String)> {
    let t = fixture("valid", "nordic-home");
    let both = ["--lang", "en+zh"];
    let html = dealguard(
        t.path(),
        &[&["letter", "--format", "html", "-o", "-"][..], &both].concat(),
    );
    ok(&html);
    let args = [
        &["letter", "--format", "eml", "-o", "letter.eml"][..],
        &both,
    ]
    .concat();
    let eml = dealguard(t.path(), &args);
    ok(&eml);
    let raw = std::fs::read(t.path().join("letter.eml")).unwrap();
    let msg = MessageParser::default().parse(&raw).unwrap();
    let part = msg.body_html(0).unwrap().to_string();
    vec![("html", html.stdout), ("eml", part)]
}

#[test]
fn the_letter_keeps_its_layout_in_webmail() {
    for (name, h) in letter_pages() {
        // Gmail strips `<style>`: everything is inline.
        assert!(!h.contains("<style"), "{name}: a <style> block");
        assert!(
            h.contains("<html lang=\"en\">"),
            "{name}: no lang on <html>"
        );
        // Font, line height and padding sit on the wrapper, not only on <body>.
        let wrapper = h.find("<div style=\"max-width:640px;").expect(name);
        let wrap = &h[wrapper..h[wrapper..].find('>').unwrap() + wrapper];
        for style in ["font-family:", "font-size:14px", "line-height:1.6"] {
            assert!(wrap.contains(style), "{name}: wrapper lacks {style}");
        }
        assert!(
            h.contains("<td align=\"center\" style=\"padding:20px 12px;\">"),
            "{name}"
        );
        // Outlook for Windows ignores max-width: a fixed-width table only it sees.
        assert!(h.contains("<!--[if mso]><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"640\">"), "{name}");
        // Each half is marked with its language, the Chinese one in Chinese fonts first.
        assert!(
            h.contains("<div lang=\"en\" style=\"font-family:'Noto Sans'"),
            "{name}"
        );
        assert!(
            h.contains("<div lang=\"zh-Hans\" style=\"font-family:'PingFang SC'"),
            "{name}"
        );
        // The channels table became cards: no multi-column table, one card per channel.
        assert!(!h.contains("<th"), "{name}: a table header is left");
        assert_eq!(
            h.matches("display:inline-block").count(),
            8,
            "{name}: 4 cards × 2 languages"
        );
        // Telephone numbers stay whole.
        assert!(
            h.contains("<span style=\"white-space:nowrap;\">+86 574 8888 1234</span>"),
            "{name}"
        );
    }
}

fn contract(lang: &str) -> String {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(
        t.path(),
        &["contract", "--lang", lang, "--format", "html", "-o", "-"],
    );
    ok(&r);
    r.stdout
}

/// The values of an attribute (`id="…"`, `href="#…"`) in order.
fn attrs<'a>(h: &'a str, prefix: &str) -> Vec<&'a str> {
    h.split(prefix)
        .skip(1)
        .filter_map(|x| x.split('"').next())
        .collect()
}

#[test]
fn the_schedule_prints_its_number_and_page_numbers() {
    let h = contract("en+zh");
    assert!(h.contains("<html lang=\"en\">"));
    let page = h.find("@page").expect("an @page rule");
    let rule = &h[page..];
    assert!(rule.contains("@top-right { content: \"Contract No. / 合同编号 NH-2026-0148\";"));
    assert!(rule.contains(
        "@bottom-center { content: \"Page \" counter(page) \" / \" counter(pages) \"\" \"  ·  \" \"第\" counter(page) \"页/共\" counter(pages) \"页\";"
    ));
    // The page break goes before the manifest section, not also before its table.
    assert!(h.contains("section.manifest { break-before: page;"));
    assert!(!h.contains("\n.manifest { break-before"));
    // Headings stay with what follows.
    assert!(h.contains("break-after: avoid"));
    let zh = contract("zh");
    assert!(zh.contains("<html lang=\"zh-Hans\">"));
    assert!(
        zh.contains("@top-right { content: \"合同编号 NH-2026-0148\"; font-family: 'PingFang SC'")
    );
}

#[test]
fn a_part_heading_prints_with_its_first_sub_clause() {
    // Chromium does not carry `break-after: avoid` from a heading into the grid rows after
    // it: a part's heading and its first sub-clause are one block that does not break.
    for lang in ["en", "zh", "en+zh"] {
        let h = contract(lang);
        assert!(h.contains(".part-start { break-inside: avoid;"), "{lang}");
        let parts: Vec<usize> = h.match_indices("<h2>").map(|(i, _)| i).collect();
        let in_block = parts
            .iter()
            .filter(|&&i| h[..i].ends_with("<div class=\"part-start\">"))
            .count();
        // Every part heading but the signatures' and the manifest's, which open sections of
        // their own.
        let own = h.matches("\">\n<h2>").count();
        assert_eq!(in_block + own, parts.len(), "{lang}");
        assert!(in_block >= 5, "{lang}: {in_block} part headings in a block");
        // The block closes after the first sub-clause's row.
        let first = h.find("<div class=\"part-start\">").unwrap();
        let row = h[first..].find("<div class=\"row\"").unwrap();
        assert!(!h[first..first + row].contains("</div>"), "{lang}");
    }
}

#[test]
fn the_schedule_marks_languages_and_keeps_numbers_whole() {
    let h = contract("en+zh");
    assert!(h.contains(":lang(zh) { font-family: 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC'"));
    assert!(h.contains("<div lang=\"en\"><h3>1. Definitions and interpretation</h3>"));
    assert!(h.contains("<div lang=\"zh-Hans\"><h3>第1条 定义与解释</h3>"));
    assert!(!h.contains("zh-CN"));
    // Bilingual rows are one grid; on a phone the languages follow each other.
    assert!(h.contains(
        ".bi .row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }"
    ));
    assert!(h.contains("@media (max-width: 700px)"));
    // Numbers never break; addresses may, and only they.
    assert!(h.contains("<span class=\"tel\">+46 8 555 010 00</span>"));
    assert!(h.contains("<span class=\"addr\">it-security@hengli-kitchen.com</span>"));
    assert_eq!(h.matches("overflow-wrap: anywhere").count(), 1);
    // (a)/(b) items hang.
    assert!(h.contains("<div class=\"item\"><span class=\"mark\">(a)</span>"));
    assert!(h.contains("<div class=\"item\"><span class=\"mark\">（一）</span>"));
}

#[test]
fn clause_references_link_to_clause_ids() {
    for lang in ["en", "zh", "en+zh"] {
        let h = contract(lang);
        let ids = attrs(&h, " id=\"");
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(*id), "{lang}: id {id} twice");
        }
        let links = attrs(&h, "href=\"#");
        assert!(links.len() > 40, "{lang}: only {} links", links.len());
        for l in &links {
            assert!(seen.contains(l), "{lang}: link to #{l}, which is not there");
        }
        assert!(h.contains("<section class=\"clause"));
    }
    let h = contract("en+zh");
    assert!(h.contains("<a class=\"ref\" href=\"#clause-official-channels\">Clause 3</a>"));
    assert!(h.contains("<a class=\"ref\" href=\"#clause-scope-2\">Clause 2.2</a>"));
    assert!(h.contains("<a class=\"ref\" href=\"#clause-official-channels\">第3条</a>"));
}

/// The report mail of the zh-first fixture (Shenzhen seller, US buyer) with `buyer_languages`
/// written under `buyer:` (or none): its text and HTML parts, and the attachment's name.
fn report_mail(buyer_languages: Option<&str>) -> (String, String, String) {
    let t = fixture("valid", "shenzhen-zh");
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    if let Some(ls) = buyer_languages {
        let with = yaml.replacen(
            "  country: US\n",
            &format!("  country: US\n  languages: {ls}\n"),
            1,
        );
        assert_ne!(with, yaml);
        std::fs::write(&path, with).unwrap();
    }
    let r = dealguard(
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
    ok(&r);
    let eml = std::fs::read_dir(t.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "eml"))
        .unwrap();
    let raw = std::fs::read(eml).unwrap();
    let msg = MessageParser::default().parse(&raw).unwrap();
    let name = msg.attachments().next().unwrap().attachment_name().unwrap();
    (
        msg.body_text(0).unwrap().to_string(),
        msg.body_html(0).unwrap().to_string(),
        name.to_string(),
    )
}

#[test]
fn the_report_mail_goes_in_the_buyers_languages_styled_as_the_letter() {
    // `buyer.languages: [en, zh]`: English leads, the Chinese follows; the PDF keeps the
    // deal's Chinese-first languages.
    let (text, h, pdf) = report_mail(Some("[en, zh]"));
    let (en, zh) = (text.find("Status:").unwrap(), text.find("状态：").unwrap());
    assert!(en < zh, "{text}");
    assert!(pdf.ends_with("-zh+en.pdf"), "{pdf}");
    assert!(h.contains("<html lang=\"en\">"), "{h}");
    assert!(h.contains("<meta charset=\"utf-8\">"), "{h}");
    assert!(!h.contains("<style"), "{h}");
    let (en, zh) = (
        h.find("<div lang=\"en\" style=\"font-family:'Noto Sans'")
            .expect("an English half"),
        h.find("<div lang=\"zh-Hans\" style=\"font-family:'PingFang SC'")
            .expect("a Chinese half"),
    );
    assert!(en < zh);
    let wrapper = h
        .find("<div style=\"max-width:640px;")
        .expect("the letter's column");
    let wrap = &h[wrapper..h[wrapper..].find('>').unwrap() + wrapper];
    for style in ["font-family:", "font-size:14px", "line-height:1.6"] {
        assert!(wrap.contains(style), "the wrapper lacks {style}");
    }
    assert!(h.contains("<!--[if mso]><table role=\"presentation\""));
    // The buyer's actions are a list, the call-back number stays whole.
    assert!(h.contains("<li style=\"margin:0 0 4px 0;\">"), "{h}");
    assert!(
        h.contains("<span style=\"white-space:nowrap;\">+86 574 8888 1250</span>"),
        "{h}"
    );
    // `[en]`: English only.
    let (text, h, _) = report_mail(Some("[en]"));
    assert!(text.contains("Status:") && !text.contains("状态"), "{text}");
    assert!(!h.contains("zh-Hans"), "{h}");
    // Left out: the deal's languages, Chinese first (and `check` suggests the field).
    let (text, h, _) = report_mail(None);
    assert!(
        text.find("状态：").unwrap() < text.find("Status:").unwrap(),
        "{text}"
    );
    assert!(h.contains("<html lang=\"zh-Hans\">"), "{h}");
}
