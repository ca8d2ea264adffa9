//! What the schedule says by the parties' countries: where a fraud is reported (the incident
//! clause) and, for an EU/EEA buyer, the appendix with the SCC annexes — parties, data and the
//! buyer's supervisory authority from the profile, in en and zh, in md, html, pdf and docx.

use crate::support::*;
use std::io::Read;
use std::path::Path;

/// The schedule as text in `format` (`md`, `html`), in `lang`.
fn contract(dir: &Path, lang: &str, format: &str) -> String {
    let r = dealguard(
        dir,
        &["contract", "--lang", lang, "--format", format, "-o", "-"],
    );
    ok(&r);
    r.stdout
}

/// Replaces `from` by `to` in the deal of `dir` (the text must be there).
fn edit(dir: &Path, from: &str, to: &str) {
    let p = dir.join("deal.yaml");
    let deal = std::fs::read_to_string(&p).unwrap();
    assert!(deal.contains(from), "{from:?} not in the deal");
    std::fs::write(&p, deal.replace(from, to)).unwrap();
}

/// The sub-item of the incident clause that says where to report, in English.
fn report_item(md: &str) -> &str {
    let at = md
        .find("(b) report the matter")
        .expect("the reporting item");
    let end = md[at..].find('\n').map_or(md.len(), |e| at + e);
    &md[at..end]
}

#[test]
fn a_swedish_buyer_reports_to_the_swedish_police_not_to_ic3() {
    let t = fixture("valid", "nordic-home");
    let en = contract(t.path(), "en", "md");
    let item = report_item(&en);
    assert!(
        item.contains(
            "the Buyer to the Swedish Police Authority (Polisen: telephone 114 14, www.polisen.se)"
        ),
        "{item}"
    );
    assert!(item.contains("the Seller to the public security authorities (telephone 110; anti-fraud hotline 96110)"), "{item}");
    assert!(!en.contains("IC3") && !en.contains("ic3.gov"));
    let zh = contract(t.path(), "zh", "md");
    assert!(zh.contains("其中买方向瑞典警察局（Polisen，电话114 14，网址www.polisen.se）报案，卖方向公安机关（报警电话110；反诈专线96110）报案；"));
    assert!(!zh.contains("IC3"));
}

#[test]
fn a_us_buyer_reports_to_ic3_and_an_unknown_country_to_its_police() {
    let t = fixture("valid", "boston-lc");
    let en = contract(t.path(), "en", "md");
    assert!(report_item(&en).contains("the Buyer to the FBI’s Internet Crime Complaint Center (IC3, www.ic3.gov) and the local police, and the Seller to"));
    edit(t.path(), "  country: US", "  country: BR");
    let en = contract(t.path(), "en", "md");
    let item = report_item(&en);
    assert!(
        item.contains("the Buyer to the police of its country,"),
        "{item}"
    );
    assert!(!en.contains("IC3"));
    let zh = contract(t.path(), "zh", "md");
    assert!(zh.contains("其中买方向其所在国家或者地区的警方报案"));
    // Both parties in one country: the authority is named once.
    edit(t.path(), "  country: BR", "  country: CN");
    let en = contract(t.path(), "en", "md");
    assert!(report_item(&en).starts_with("(b) report the matter to the public security authorities (telephone 110; anti-fraud hotline 96110); and"));
}

#[test]
fn an_eu_buyer_gets_the_scc_annexes_from_the_profile() {
    let t = fixture("valid", "nordic-home");
    let en = contract(t.path(), "en", "md");
    let annex = &en[en
        .find("## Appendix: Annexes I and II")
        .expect("the appendix")..];
    for want in [
        "incorporated by Clause 14.",
        "| Name | Nordic Home AB | Ningbo Hengli Kitchenware Co., Ltd. |",
        "Anna Lindqvist, Purchasing, anna.lindqvist@nordichome.se, +46 70 555 12 34",
        "Wang Fang, Finance, wang.fang@hengli-kitchen.com, +86 574 8888 1251",
        "| Role | Controller | Controller |",
        "the Buyer’s Named Contacts (Anna Lindqvist and Erik Sundberg)",
        "the user names (IM handles) of the members of the WhatsApp group",
        "**Sensitive data**  \nNone.",
        "Performance of the sales contract No. NH-2026-0148",
        "5 years after the Contract has been fully performed or terminated, as records under Clause 20",
        "Integritetsskyddsmyndigheten (IMY), the Swedish Authority for Privacy Protection",
        "**Clause 11**  \nVerification of Payment Instructions",
        "**Clause 17**  \nSecurity Incidents and fraud attempts",
    ] {
        assert!(annex.contains(want), "missing {want:?}");
    }
    assert!(annex.find("## Appendix") < annex.find("## Clause manifest"));
    let zh = contract(t.path(), "zh", "md");
    let annex = &zh[zh
        .find("## 附录：标准合同条款附录一和附录二")
        .expect("the appendix")..];
    for want in [
        "本附件第14条所纳入的标准合同条款",
        "李伟，销售，li.wei@hengli-kitchen.com，+86 138 0574 1111",
        "| 角色 | 控制者 | 控制者 |",
        "瑞典隐私保护局（Integritetsskyddsmyndigheten，IMY）",
        "**第20条**  \n记录保存",
    ] {
        assert!(annex.contains(want), "missing {want:?}");
    }
    // The PIPL route of the seller's own transfer is named, and accurately.
    assert!(zh.contains("《促进和规范数据跨境流动规定》第五条第（四）项"));
    assert!(en.contains("Article 38(1)(4) of the PIPL and Article 5(4) of the Provisions"));
    let html = contract(t.path(), "en+zh", "html");
    assert!(html.contains("<section class=\"appendix\">"));
    assert!(html.contains("Integritetsskyddsmyndigheten (IMY)"));
}

#[test]
fn the_scc_annexes_follow_the_set_and_the_buyer_and_are_in_pdf_and_docx() {
    let t = fixture("valid", "nordic-home");
    // `strict` numbers the clauses otherwise and keeps records longer: the annexes follow.
    edit(t.path(), "clause_set: standard", "clause_set: strict");
    let en = contract(t.path(), "en", "md");
    let annex = &en[en.find("## Appendix").unwrap()..];
    assert!(annex.contains("7 years after the Contract"), "{annex}");
    assert!(
        annex.contains("**Clause 8**  \nReview of platform access"),
        "{annex}"
    );
    ok(&dealguard(
        t.path(),
        &[
            "contract", "--lang", "en+zh", "--format", "pdf,docx", "-o", "out/",
        ],
    ));
    let pdf = lopdf::Document::load(t.path().join("out/NH-2026-0148-contract-en+zh.pdf")).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf
        .extract_text(&pages)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "Annex I / 附录一",
        "Data exporter: the Buyer",
        "(IMY)",
        "瑞典隐私保护局",
        "Annex II",
    ] {
        assert!(text.contains(want), "PDF lacks {want:?}");
    }
    let docx = std::fs::read(t.path().join("out/NH-2026-0148-contract-en+zh.docx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut body)
        .unwrap();
    for want in [
        "Annex I / 附录一",
        "Integritetsskyddsmyndigheten (IMY)",
        "瑞典隐私保护局",
        "Anna Lindqvist, Purchasing / 采购",
    ] {
        assert!(body.contains(want), "DOCX lacks {want:?}");
    }
    // A buyer outside the EU/EEA: no GDPR clause, no appendix.
    edit(t.path(), "  country: SE", "  country: GB");
    let en = contract(t.path(), "en", "md");
    assert!(!en.contains("Appendix") && !en.contains("Annex I"));
    // A German buyer: the authority of its Land.
    edit(t.path(), "  country: GB", "  country: DE");
    let en = contract(t.path(), "en", "md");
    assert!(en.contains("the supervisory authority of the German Land (federal state) in which the Buyer is established"));
}
