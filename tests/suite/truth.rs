//! One truth across documents: facts that two documents state are read from both outputs and
//! compared (the contract's reporting clause against the report's own headings, …).

use crate::support::{copy_dir, dealguard, ok, root};
use std::path::Path;
use std::process::Command;

/// A temp copy of the bundled example, week files and photos included.
fn example() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    t
}

/// The text of a PDF, as `pdftotext` lays it out.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
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
    let t = example();
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
    }
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

/// The greeting line of a letter (`letter`) or reply (`reply --tone …`) in Markdown.
fn greeting(dir: &Path, args: &[&str], lang: &str) -> String {
    let out = dir.join("out/g.md");
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
    let text = std::fs::read_to_string(&out).unwrap();
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
