//! The frame of the contract schedule (issue 11): definitions first, the general provisions
//! (law, formal notices, severability, survival), a remedy for credential requests, the
//! signature block in every format, PRC usage in Chinese, and the guidance coverage.

use crate::support::*;
use dealguard::clauses::{self, Library};
use dealguard::diag::Problems;
use dealguard::profile::{self, Lang, Langs, Loaded};
use dealguard::render::{self, Schedule};
use lopdf::Document;

fn nordic() -> Loaded {
    let path = root().join("tests/fixtures/valid/nordic-home/deal.yaml");
    let l = profile::load(&path).unwrap_or_else(|p| panic!("{:#?}", p.sorted()));
    assert!(!l.problems.has_errors(), "{:#?}", l.problems.sorted());
    l
}

fn schedule(l: &Loaded, langs: &str) -> Schedule {
    let lib = Library::builtin().unwrap();
    let langs: Langs = langs.parse().unwrap();
    let mut w = Problems::new();
    let sel =
        clauses::select(&lib, l, &langs, &mut w).unwrap_or_else(|p| panic!("{:#?}", p.sorted()));
    render::render_schedule(&sel, l, &langs, dealguard::context::report_labels())
        .unwrap_or_else(|p| panic!("{:#?}", p.sorted()))
}

fn text(s: &Schedule, id: &str, lang: Lang) -> String {
    let c = s
        .clauses()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} missing"));
    c.paras[&lang]
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

fn number(s: &Schedule, id: &str) -> usize {
    s.clauses().find(|c| c.id == id).unwrap().number
}

#[test]
fn both_sets_open_with_definitions_and_end_with_the_general_frame() {
    for set in ["standard", "strict"] {
        let mut l = nordic();
        l.profile.security.clause_set = set.into();
        let s = schedule(&l, "en+zh");
        let ids: Vec<&str> = s.clauses().map(|c| c.id.as_str()).collect();
        assert_eq!(ids[0], "definitions", "{set}");
        for id in [
            "governing-law",
            "formal-notices",
            "severability",
            "survival",
        ] {
            assert!(ids.contains(&id), "{set} lacks {id}");
        }
        let en = text(&s, "definitions", Lang::En);
        for term in [
            "“Working Day”",
            "place of business of the party that is to act",
            "“Official Channels”",
            "“Named Contacts”",
            "“Security Incident”",
            "“Authorised Signatory” means, for the Seller, Zhou Ming (General Manager)",
            "Karin Holm (Chief Executive Officer)",
            "security@nordichome.se",
            "email alone never suffices for any of the following",
            "a change of the Designated Account",
        ] {
            assert!(en.contains(term), "{set}: definitions lack {term}");
        }
        let zh = text(&s, "definitions", Lang::Zh);
        assert!(zh.contains("周明（总经理）") && zh.contains("“工作日”"));
        // Formal notices go to the addresses on file, the Chinese text in Chinese.
        let notices = text(&s, "formal-notices", Lang::Zh);
        assert!(notices.contains("浙江省宁波市杭州湾新区滨海二路88号"));
        assert!(text(&s, "formal-notices", Lang::En).contains("deemed received"));
        // Survival by reference: loss allocation, confidentiality, incidents, records, return.
        let survival = text(&s, "survival", Lang::En);
        for id in [
            "unverified-payment-loss",
            "confidentiality",
            "incident-notice",
            "record-keeping",
            "return-destruction",
        ] {
            let n = format!("Clause {}", number(&s, id));
            assert!(survival.contains(&n), "{set}: survival lacks {id} ({n})");
        }
        let channels = text(&s, "official-channels", Lang::En);
        let fn_ref = format!(
            "Except for Formal Notices, which are given in accordance with Clause {}",
            number(&s, "formal-notices")
        );
        assert!(
            channels.contains(&fn_ref),
            "{set}: 3.1 still excludes formal notices"
        );
    }
}

#[test]
fn standard_has_a_proportionate_remedy_and_strict_the_full_one() {
    let mut l = nordic();
    let s = schedule(&l, "en");
    let en = text(&s, "no-credential-sharing", Lang::En);
    assert!(en.contains("Requesting Credentials from the other party"));
    assert!(en.contains("suspend the performance"));
    assert!(!s.clauses().any(|c| c.id == "breach-remedies"));
    l.profile.security.clause_set = "strict".into();
    let s = schedule(&l, "en");
    let en = text(&s, "no-credential-sharing", Lang::En);
    assert!(en.contains(&format!(
        "Clause {} also applies",
        number(&s, "breach-remedies")
    )));
    assert!(text(&s, "breach-remedies", Lang::En).contains("(a) requesting Credentials"));
}

#[test]
fn records_dmarc_and_chinese_usage() {
    let mut l = nordic();
    l.profile.security.clause_set = "strict".into();
    let s = schedule(&l, "en+zh");
    assert!(text(&s, "record-keeping", Lang::En).contains("fully performed or terminated"));
    assert!(text(&s, "record-keeping", Lang::Zh).contains("履行完毕或者终止之日起"));
    let dmarc = text(&s, "security-measures", Lang::En);
    // Before the first payment falls due: a deposit on signing comes before any 90 days.
    assert!(dmarc.contains("“quarantine” or “reject”") && !dmarc.contains("90 days"));
    assert!(dmarc.contains("before the first payment under the Contract falls due"));
    for c in s.clauses() {
        let zh = text(&s, &c.id, Lang::Zh);
        for word in ["仅得", "亦同"] {
            assert!(!zh.contains(word), "{} says {word}", c.id);
        }
        for n in [
            "三十日",
            "五年",
            "十个工作日",
            "五个工作日",
            "三个工作日",
            "十二个月",
        ] {
            assert!(!zh.contains(n), "{} writes {n} in words", c.id);
        }
    }
}

#[test]
fn without_a_signatory_the_definition_names_the_legal_representative() {
    let mut l = nordic();
    l.profile.seller.signatory = None;
    l.profile.buyer.signatory = None;
    l.profile.buyer.security_contact = None;
    let s = schedule(&l, "en+zh");
    let en = text(&s, "definitions", Lang::En);
    assert!(en.contains("its legal representative"));
    assert!(en.contains("the Buyer has not named one"));
    assert!(text(&s, "definitions", Lang::Zh).contains("法定代表人"));
    // A branch has a person in charge (负责人), not a legal representative.
    l.profile.seller.name_local = Some("宁波恒力厨具有限公司杭州湾分公司".into());
    let s = schedule(&l, "en+zh");
    let zh = text(&s, "definitions", Lang::Zh);
    assert!(
        zh.contains("该分公司负责人") && !zh.contains("法定代表人"),
        "{zh}"
    );
    assert!(text(&s, "definitions", Lang::En).contains("the person in charge of the branch"));
}

/// The signature section of a Markdown contract: from its heading to the manifest.
fn md_signatures(md: &str) -> &str {
    let start = md.find("## Signatures").expect("signature block");
    let end = md[start..]
        .find("## Clause manifest")
        .map_or(md.len(), |e| start + e);
    &md[start..end]
}

#[test]
fn signature_block_in_markdown_and_html_names_signatories_and_chops_only_in_china() {
    let t = fixture("valid", "nordic-home");
    let md = dealguard(
        t.path(),
        &["contract", "--lang", "en+zh", "--format", "md", "-o", "-"],
    );
    ok(&md);
    let sig = md_signatures(&md.stdout);
    for s in [
        "two originals, one for each party",
        "一式两份，双方各执一份",
        "Zhou Ming / 周明",
        "General Manager / 总经理",
        "Karin Holm",
        "Chief Executive Officer / 首席执行官",
        "| Signature / 签字 |",
        "| Date / 日期 |",
    ] {
        assert!(sig.contains(s), "markdown signature block lacks {s}");
    }
    // A chop box for the Chinese seller only: the Swedish buyer's cell is empty.
    assert!(sig.contains("| Company chop / 公司盖章 | Company chop here / 盖章处 |  |"));
    let html = dealguard(
        t.path(),
        &["contract", "--lang", "en", "--format", "html", "-o", "-"],
    );
    ok(&html);
    assert!(html.stdout.contains("<section class=\"signatures\">"));
    assert!(html.stdout.contains("Zhou Ming") && html.stdout.contains("Karin Holm"));
    assert_eq!(html.stdout.matches("<div class=\"chop\">").count(), 1);
    // A buyer that chops gets a box; a deal where nobody chops has no chop row.
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        deal.replace("chop: false", "chop: true"),
    )
    .unwrap();
    let both = dealguard(
        t.path(),
        &["contract", "--lang", "en", "--format", "html", "-o", "-"],
    );
    ok(&both);
    assert_eq!(both.stdout.matches("<div class=\"chop\">").count(), 2);
    let none = deal.replace("  country: CN\n", "  country: CN\n  chop: false\n");
    std::fs::write(t.path().join("deal.yaml"), none).unwrap();
    let r = dealguard(
        t.path(),
        &["contract", "--lang", "en", "--format", "md", "-o", "-"],
    );
    ok(&r);
    assert!(!md_signatures(&r.stdout).contains("Company chop"));
}

#[test]
fn pdf_signature_block_names_the_signatories_on_one_page() {
    let t = fixture("valid", "nordic-home");
    for lang in ["en", "zh", "en+zh"] {
        let out = format!("out/c-{lang}.pdf");
        ok(&dealguard(
            t.path(),
            &["contract", "--lang", lang, "--format", "pdf", "-o", &out],
        ));
        let doc = Document::load(t.path().join(&out)).unwrap();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let (name, chop) = if lang == "zh" {
            ("周明", "公司盖章")
        } else {
            ("Zhou Ming", "Company chop")
        };
        // The heading, the names and the chop box are on the same page.
        let page = pages
            .iter()
            .map(|p| doc.extract_text(&[*p]).unwrap())
            .find(|t| t.contains(name) && t.contains(chop))
            .unwrap_or_else(|| panic!("{lang}: no page has both the signatory and the chop box"));
        assert!(page.contains("Karin Holm"), "{lang}");
    }
}

#[test]
fn coverage_lists_guidance_points_and_what_is_left_to_the_main_contract() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), &["clauses", "coverage"]);
    ok(&r);
    let out = &r.stdout;
    assert!(out.contains("all 18 topics covered"));
    assert!(out.contains("ISO/IEC 27002:2022 control 5.20"));
    assert!(out.contains("IC3 advice on business e-mail compromise"));
    let lines: Vec<&str> = out.lines().collect();
    let audit = lines
        .iter()
        .position(|l| l.starts_with("  audit "))
        .unwrap();
    assert!(
        lines[audit + 1].contains("audit-rights"),
        "{}",
        lines[audit + 1]
    );
    let recall = lines
        .iter()
        .position(|l| l.starts_with("  recall "))
        .unwrap();
    assert!(lines[recall + 1].contains("incident-notice"));
    for left in [
        "intellectual property in drawings",
        "information classification",
        "staff screening",
        "backup",
        "physical security",
    ] {
        assert!(out.contains(&format!("  {left}: ")), "{left} not listed");
    }
    // Without a deal: ids; a point that no clause of the set covers says so.
    let none = tempfile::tempdir().unwrap();
    let r = dealguard(none.path(), &["clauses", "coverage"]);
    ok(&r);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let audit = lines
        .iter()
        .position(|l| l.starts_with("  audit "))
        .unwrap();
    assert!(lines[audit + 1].contains("no clause of this set"));
}
