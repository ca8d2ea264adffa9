//! One truth across documents: facts that two documents state are read from both outputs and
//! compared (the contract's reporting clause against the report's own headings, …).

use crate::support::{copy_dir, dealguard, ok, root};
use std::path::Path;

/// A temp copy of the bundled example, week files and photos included.
fn example() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    t
}

/// The text of a PDF, read back with lopdf (no tool outside Rust: CI runs on a bare machine).
fn pdf_text(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).expect("the PDF loads");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

/// The report's numbered section headings in order: lines `1 Summary`, `2 …`, numbered on.
fn report_headings(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let want = format!("{} ", out.len() + 1);
        if let Some(rest) = line.trim().strip_prefix(&want) {
            out.push(rest.trim().to_string());
        }
    }
    out
}

/// The titles the contract's reporting clause lists: the list items after "in this order" /
/// "按下列顺序", each title ending at its description or its final punctuation.
fn clause_titles(md: &str, lang: &str) -> Vec<String> {
    let (lead, marks): (&str, &[char]) = match lang {
        "en" => ("in this order", &[':', ';', '.']),
        _ => ("按下列顺序", &['：', '；', '。']),
    };
    let start = md.find(lead).expect("the reporting clause");
    let mut out = Vec::new();
    for line in md[start..].lines().skip(1) {
        let line = line.trim_end_matches('\\');
        let rest = match lang {
            "en" => line.strip_prefix('(').and_then(|l| l.split_once(") ")),
            _ => line.strip_prefix('（').and_then(|l| l.split_once('）')),
        };
        let Some((_, rest)) = rest else { break };
        let end = rest.find(marks).unwrap_or(rest.len());
        out.push(rest[..end].trim().to_string());
    }
    out
}

#[test]
fn the_reporting_clause_lists_the_report_sections_in_order() {
    report_sections_match(&example());
}

#[test]
fn a_company_that_renames_report_sections_gets_them_in_the_clause_too() {
    let t = example();
    let brand = t.path().join("brand");
    std::fs::create_dir(&brand).unwrap();
    std::fs::write(
        brand.join("report-labels.yaml"),
        "s_photos: {en: Photos from the works, zh: 工厂现场照片}\n",
    )
    .unwrap();
    let deal = t.path().join("deal.yaml");
    let mut yaml = std::fs::read_to_string(&deal).unwrap();
    yaml.push_str("\noutput:\n  template_dirs: [brand]\n");
    std::fs::write(&deal, yaml).unwrap();
    let titles = report_sections_match(&t);
    assert!(
        titles.iter().any(|t| t == "Photos from the works"),
        "{titles:?}"
    );
    assert!(titles.iter().any(|t| t == "工厂现场照片"), "{titles:?}");
}

/// The reporting clause's titles against the report's headings, en and zh; returns them all.
fn report_sections_match(t: &tempfile::TempDir) -> Vec<String> {
    let mut all = Vec::new();
    for lang in ["en", "zh"] {
        let md = t.path().join(format!("c-{lang}.md"));
        let pdf = t.path().join(format!("r-{lang}.pdf"));
        let md_s = md.to_str().unwrap();
        let pdf_s = pdf.to_str().unwrap();
        ok(&dealguard(
            t.path(),
            &["contract", "--format", "md", "--lang", lang, "-o", md_s],
        ));
        ok(&dealguard(
            t.path(),
            &[
                "report",
                "reports/2026-W49.yaml",
                "--lang",
                lang,
                "-o",
                pdf_s,
            ],
        ));
        let headings = report_headings(&pdf_text(&pdf));
        let titles = clause_titles(&std::fs::read_to_string(&md).unwrap(), lang);
        assert!(headings.len() >= 5, "{lang}: {headings:?}");
        assert_eq!(titles, headings, "{lang}: clause vs report");
        // The letter lists the same sections, Summary to Sign-off, in the same order, and
        // the formal reply names them all.
        let letter = markdown(t.path(), &["letter"], lang, "letter");
        let listed: Vec<String> = (letter.lines())
            .skip_while(|l| !l.contains("same order") && !l.contains("顺序不变"))
            .skip(1)
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| l.starts_with("- **"))
            .filter_map(|l| l[4..].split_once("**").map(|(t, _)| t.to_string()))
            .collect();
        assert_eq!(listed, headings, "{lang}: letter vs report");
        let reply = markdown(t.path(), &["reply", "--tone", "formal"], lang, "reply");
        for h in &headings {
            assert!(reply.contains(h.as_str()), "{lang}: the reply lacks {h}");
        }
        all.extend(titles);
    }
    all
}

#[test]
fn hidden_suppliers_are_lettered_in_order_of_first_appearance() {
    let t = example();
    let week = t.path().join("reports/2026-W49.yaml");
    let text = std::fs::read_to_string(&week).unwrap();
    // The third purchase comes from the first supplier again: it must get the letter A again.
    let text = text.replace(
        "supplier: Wenzhou Fastener Co.",
        "supplier: Baosteel Stainless (Ningbo)",
    );
    std::fs::write(&week, text).unwrap();
    let args = ["report", "reports/2026-W49.yaml", "-o", "out/r.pdf"];
    ok(&dealguard(t.path(), &args));
    let shown = pdf_text(&t.path().join("out/r.pdf"));
    assert!(shown.contains("Baosteel"), "{shown}");

    let deal = t.path().join("deal.yaml");
    let mut yaml = std::fs::read_to_string(&deal).unwrap();
    yaml.push_str("\noutput:\n  hide_suppliers: true\n");
    std::fs::write(&deal, yaml).unwrap();
    ok(&dealguard(t.path(), &args));
    let hidden = pdf_text(&t.path().join("out/r.pdf"));
    for name in ["Baosteel", "Yuyao", "Wenzhou"] {
        assert!(!hidden.contains(name), "{name} shown:\n{hidden}");
    }
    let letters: Vec<&str> = hidden
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Supplier "))
        .collect();
    assert_eq!(
        letters,
        ["A / 供应商A", "B / 供应商B", "A / 供应商A"],
        "{hidden}"
    );
}

/// The document of command `args` in Markdown in `lang`, written as `out/NAME.LANG.md`.
fn markdown(dir: &Path, args: &[&str], lang: &str, name: &str) -> String {
    let out = dir.join("out").join(format!("{name}.{lang}.md"));
    let mut all = args.to_vec();
    all.extend([
        "--format",
        "md",
        "--lang",
        lang,
        "-o",
        out.to_str().unwrap(),
    ]);
    ok(&dealguard(dir, &all));
    std::fs::read_to_string(&out).unwrap()
}

/// The greeting line of a letter (`letter`) or reply (`reply --tone …`) in Markdown.
fn greeting(dir: &Path, args: &[&str], lang: &str) -> String {
    let text = markdown(dir, args, lang, "g");
    let line = text
        .lines()
        .find(|l| l.starts_with("Dear ") || l.starts_with("尊敬的") || l.ends_with("您好！"));
    line.unwrap_or_else(|| panic!("no greeting in:\n{text}"))
        .to_string()
}

#[test]
fn greetings_use_the_salutation_else_the_name_the_tone_calls_for() {
    let t = crate::support::example_deal();
    let d = t.path();
    let formal = ["reply", "--tone", "formal"];
    let warm = ["reply", "--tone", "warm"];
    // No salutation: the formal tone and the letter use the full name, the warm tone the
    // given name (the first word of a Latin name).
    assert_eq!(greeting(d, &["letter"], "en"), "Dear Anna Lindqvist,");
    assert_eq!(greeting(d, &formal, "en"), "Dear Anna Lindqvist,");
    assert_eq!(greeting(d, &warm, "en"), "Dear Anna,");
    assert_eq!(greeting(d, &warm, "zh"), "Anna，您好！");
    assert_eq!(greeting(d, &formal, "zh"), "尊敬的Anna Lindqvist：");

    // With a salutation, every tone and the letter use it; per language when given so.
    let deal = d.join("deal.yaml");
    let yaml = std::fs::read_to_string(&deal).unwrap();
    let with = yaml.replace(
        "    - name: Anna Lindqvist\n",
        "    - name: Anna Lindqvist\n      salutation: {en: Ms Lindqvist, zh: Lindqvist女士}\n",
    );
    assert_ne!(with, yaml);
    std::fs::write(&deal, with).unwrap();
    assert_eq!(greeting(d, &["letter"], "en"), "Dear Ms Lindqvist,");
    assert_eq!(greeting(d, &formal, "en"), "Dear Ms Lindqvist,");
    assert_eq!(greeting(d, &warm, "en"), "Dear Ms Lindqvist,");
    assert_eq!(greeting(d, &formal, "zh"), "尊敬的Lindqvist女士：");
    assert_eq!(greeting(d, &warm, "zh"), "Lindqvist女士，您好！");
}

/// The contract, letter, both replies (Markdown) and, when the deal has week files, the latest
/// report (its text) of the deal in `dir`, in `lang`.
struct Docs {
    contract: String,
    letter: String,
    replies: [String; 2],
    report: Option<String>,
}

impl Docs {
    fn of(dir: &Path, lang: &str) -> Docs {
        let md = |args: &[&str], name: &str| markdown(dir, args, lang, name);
        let mut weeks: Vec<_> = std::fs::read_dir(dir.join("reports"))
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        weeks.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "yaml"));
        weeks.sort();
        let report = weeks.last().map(|w| {
            let pdf = dir.join("out").join(format!("report.{lang}.pdf"));
            let args = ["report", w.to_str().unwrap(), "--lang", lang];
            let mut all = args.to_vec();
            all.extend(["-o", pdf.to_str().unwrap()]);
            ok(&dealguard(dir, &all));
            pdf_text(&pdf)
        });
        Docs {
            contract: md(&["contract"], "contract"),
            letter: md(&["letter"], "letter"),
            replies: [
                md(&["reply", "--tone", "formal"], "formal"),
                md(&["reply", "--tone", "warm"], "warm"),
            ],
            report,
        }
    }

    /// Every document, named.
    fn all(&self) -> Vec<(&str, &str)> {
        let mut v = vec![
            ("contract", self.contract.as_str()),
            ("letter", self.letter.as_str()),
            ("formal reply", self.replies[0].as_str()),
            ("warm reply", self.replies[1].as_str()),
        ];
        if let Some(r) = &self.report {
            v.push(("report", r.as_str()));
        }
        v
    }
}

/// The value of the first `key: value` line of a YAML file, quotes and comment removed.
fn field(yaml: &str, key: &str) -> Option<String> {
    let line = yaml
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{key}:")))?;
    let v = line.split_once(':')?.1.split(" #").next()?.trim();
    Some(v.trim_matches('"').to_string())
}

/// The names of the buyer's contacts (the `- name:` lines after `buyer:`, before `payment:`).
fn buyer_contacts(yaml: &str) -> Vec<String> {
    let start = yaml.find("\nbuyer:").unwrap();
    let end = start + yaml[start..].find("\npayment:").unwrap();
    (yaml[start..end].lines())
        .filter_map(|l| l.trim().strip_prefix("- name:"))
        .map(|n| n.trim().to_string())
        .collect()
}

/// Checks the facts every document of the deal in `dir` shares, in `lang`.
fn check_shared_facts(name: &str, dir: &Path, lang: &str) {
    let yaml = std::fs::read_to_string(dir.join("deal.yaml")).unwrap();
    let docs = Docs::of(dir, lang);
    let id = field(&yaml, "id").unwrap();
    let phone = field(&yaml, "callback_phone").unwrap();
    let currency = field(&yaml, "currency").unwrap();
    // The deal's number and the call-back number on file: in every document, the report too.
    for (doc, text) in docs.all() {
        assert!(text.contains(&id), "{name} {lang}: {doc} lacks {id}");
        assert!(text.contains(&phone), "{name} {lang}: {doc} lacks {phone}");
    }
    // What is paid, in which currency, to which account: the contract and the mails agree.
    let account = field(&yaml, "account_number").unwrap();
    let percents: Vec<String> = (yaml.lines())
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split("percent:").nth(1))
        .map(|p| format!("{}%", p.trim_start().split([',', '}', ' ']).next().unwrap()))
        .collect();
    assert!(!percents.is_empty(), "{name}: no payment parts");
    let by_wire = docs.contract.contains(&account);
    for (doc, text) in docs.all().into_iter().take(4) {
        assert!(
            text.contains(&currency),
            "{name} {lang}: {doc} lacks {currency}"
        );
        for p in &percents {
            assert!(text.contains(p.as_str()), "{name} {lang}: {doc} lacks {p}");
        }
        // The account is stated in the letter and the replies exactly when the contract has
        // a wire-transfer clause naming it (an L/C deal's beneficiary is the credit's).
        if doc != "warm reply" || by_wire {
            assert_eq!(
                text.contains(&account),
                by_wire,
                "{name} {lang}: {doc} account"
            );
        }
    }
    // Reports: a weekly deal names its weekday in contract, letter and replies; a deal that
    // reports at milestones says "weekly" nowhere, report included.
    let weekly = field(&yaml, "cadence").unwrap() == "weekly";
    if weekly {
        let day = field(&yaml, "weekday").unwrap();
        let day = match lang {
            "en" => day[..1].to_uppercase() + &day[1..],
            _ => [
                "星期一",
                "星期二",
                "星期三",
                "星期四",
                "星期五",
                "星期六",
                "星期日",
            ][[
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ]
            .iter()
            .position(|d| *d == day)
            .unwrap()]
            .to_string(),
        };
        for (doc, text) in docs.all().into_iter().take(4) {
            assert!(text.contains(&day), "{name} {lang}: {doc} lacks {day}");
        }
    } else {
        for (doc, text) in docs.all() {
            for word in ["weekly", "Weekly", "every week", "本周", "每周"] {
                assert!(!text.contains(word), "{name} {lang}: {doc} says {word}");
            }
        }
    }
    // Platform accounts go to the buyer's named contacts: the clause says so, the letter
    // names them all, the formal reply points to the same clause.
    if let Some(url) = field(&yaml, "url") {
        let para = (docs.letter.lines())
            .find(|l| l.contains(&url))
            .unwrap_or_else(|| panic!("{name} {lang}: the letter lacks the board"));
        for c in buyer_contacts(&yaml) {
            assert!(
                para.contains(&c),
                "{name} {lang}: board paragraph lacks {c}: {para}"
            );
        }
        let named = if lang == "en" {
            "named contact"
        } else {
            "指定联系人"
        };
        let clause = if lang == "en" {
            "Named Contact of the Buyer"
        } else {
            "买方每一指定联系人"
        };
        assert!(
            docs.contract.contains(clause),
            "{name} {lang}: platform clause"
        );
        for (doc, text) in docs.all().into_iter().skip(1).take(3) {
            let line = text.lines().find(|l| l.contains(&url)).unwrap_or_default();
            assert!(line.contains(named), "{name} {lang}: {doc}: {line}");
        }
    }
}

#[test]
fn contract_letter_replies_and_report_state_the_same_facts() {
    for (name, dir) in [
        ("nordic-home", example()),
        ("boston-lc", crate::support::fixture("valid", "boston-lc")),
        (
            "shenzhen-zh",
            crate::support::fixture("valid", "shenzhen-zh"),
        ),
    ] {
        for lang in ["en", "zh"] {
            check_shared_facts(name, dir.path(), lang);
        }
    }
}

#[test]
fn a_deal_reporting_at_milestones_never_says_weekly() {
    let t = example();
    let deal = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&deal).unwrap();
    let ms = yaml.replace("cadence: weekly", "cadence: milestones");
    let ms = ms.replace("    weekday: friday\n", "");
    assert!(!ms.contains("weekday"));
    std::fs::write(&deal, ms).unwrap();
    for lang in ["en", "zh"] {
        check_shared_facts("milestones", t.path(), lang);
    }
    // The reply names the stage in progress and its planned end as the next report.
    let docs = Docs::of(t.path(), "en");
    assert!(
        docs.replies[0].contains("when the current production stage, “"),
        "{}",
        docs.replies[0]
    );
}

#[test]
fn a_weekly_deal_without_a_report_day_is_refused() {
    let t = example();
    let deal = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&deal).unwrap();
    std::fs::write(&deal, yaml.replace("    weekday: friday\n", "")).unwrap();
    let r = dealguard(t.path(), &["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("weekly reports need a `weekday`"),
        "{}",
        r.stderr
    );
}

#[test]
fn letters_and_replies_go_in_the_buyers_languages() {
    let t = example();
    ok(&dealguard(t.path(), &["build"]));
    let out = t.path().join("out");
    // The example's buyer reads English; the contract and report stay in the deal's languages.
    for f in [
        "letter-en.md",
        "letter-en.eml",
        "reply-formal-en.md",
        "contract-en+zh.md",
    ] {
        assert!(out.join(format!("NH-2026-0148-{f}")).is_file(), "{f}");
    }
    assert!(!out.join("NH-2026-0148-letter-en+zh.md").exists());
    // `--lang` still decides when given.
    ok(&dealguard(
        t.path(),
        &["letter", "--lang", "zh", "-o", "out/l.md"],
    ));
    let l = std::fs::read_to_string(out.join("l.md")).unwrap();
    assert!(l.contains("订单") && !l.contains("Dear"), "{l}");
}
