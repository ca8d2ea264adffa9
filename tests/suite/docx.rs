//! DOCX tests: the contract and letter as Word files read back (structure, numbering, styles,
//! manifest properties, determinism), `diff` on a DOCX edited in code, hostile DOCX files.

use crate::support::*;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// Makes a document as DOCX in `dir` and returns its bytes.
fn make(dir: &Path, args: &[&str], name: &str) -> Vec<u8> {
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--format", "docx", "-o", name]);
    ok(&dealguard(dir, &a));
    std::fs::read(dir.join(name)).unwrap()
}

/// Every entry of a zip: name → text, in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

/// A zip of the given entries (as Word would save them: deflated, in this order).
fn rezip(entries: &[(String, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, text) in entries {
        z.start_file(name.as_str(), o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn contract_docx_has_styles_numbering_manifest_and_reads_back_as_generated() {
    let t = fixture("valid", "nordic-home");
    for (lang, layout) in [
        ("en", "columns"),
        ("en+zh", "columns"),
        ("en+zh", "stacked"),
    ] {
        let name = format!("c-{lang}-{layout}.docx");
        let bytes = make(
            t.path(),
            &["contract", "--lang", lang, "--layout", layout],
            &name,
        );
        let parts = unzip(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "[Content_Types].xml");
        let styles = part(&parts, "word/styles.xml");
        for s in ["heading 1", "heading 2", "Clause body", "Title", "Chinese"] {
            assert!(
                styles.contains(&format!("w:name w:val=\"{s}\"")),
                "style {s}"
            );
        }
        assert!(
            styles.contains(r#"w:eastAsia="SimSun""#) && styles.contains(r#"w:eastAsia="zh-CN""#)
        );
        let numbering = part(&parts, "word/numbering.xml");
        assert!(numbering.contains(r#"<w:abstractNum w:abstractNumId="0">"#));
        assert!(numbering.contains("%1.%2") && numbering.contains("第%1条"));
        let custom = part(&parts, "docProps/custom.xml");
        let doc = part(&parts, "word/document.xml");
        // One numbered heading per clause and language; the manifest names each clause.
        let clauses = custom.matches(".sha256\"").count();
        assert!(clauses > 20, "{clauses} clauses in the manifest");
        assert!(custom.contains(r#"name="dealguard.clause.01.id"><vt:lpwstr>definitions<"#));
        let en_heads = doc
            .matches(r#"<w:ilvl w:val="0"/><w:numId w:val="1"/>"#)
            .count();
        let zh_heads = doc
            .matches(r#"<w:ilvl w:val="0"/><w:numId w:val="2"/>"#)
            .count();
        assert_eq!(en_heads, clauses);
        assert_eq!(zh_heads, if lang == "en" { 0 } else { clauses });
        assert!(doc.contains("PAGE") || part(&parts, "word/footer1.xml").contains(" PAGE "));
        assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
        // The deal's date, not the clock.
        assert!(part(&parts, "docProps/core.xml").contains("2026-11-20T00:00:00Z"));
        // Every clause title and paragraph, in order, in both languages: `diff` finds none missing.
        let r = dealguard(t.path(), &["diff", &name]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("no differences"), "{}", r.stdout);
    }
}

#[test]
fn docx_reruns_are_byte_identical() {
    let t = fixture("valid", "nordic-home");
    for what in ["contract", "letter"] {
        let a = make(t.path(), &[what, "--lang", "en+zh"], "a.docx");
        let b = make(t.path(), &[what, "--lang", "en+zh"], "b.docx");
        assert!(a == b, "{what}: two runs differ");
    }
    let letter = unzip(&make(t.path(), &["letter", "--lang", "en+zh"], "l.docx"));
    let doc = part(&letter, "word/document.xml");
    assert!(
        doc.contains("<w:hyperlink r:id=\"rId6\""),
        "links are hyperlinks"
    );
    assert!(
        doc.contains(r#"<w:br w:type="page"/>"#),
        "each language on its own page"
    );
}

#[test]
fn docx_never_goes_to_standard_output() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), &["contract", "--format", "docx", "-o", "-"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a DOCX cannot go to standard output"),
        "{}",
        r.stderr
    );
}

#[test]
fn build_writes_docx_from_output_formats() {
    let t = fixture("valid", "nordic-home");
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let yaml = yaml.replace(
        "# output:                               # optional",
        "output:\n  formats:\n    contract: [docx]\n    letter: [docx]\n    reply: []\n    briefing: []\n    callback_form: []\n    report: []\n",
    );
    std::fs::write(&path, yaml).unwrap();
    ok(&dealguard(t.path(), &["build"]));
    let out: Vec<String> = std::fs::read_dir(t.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    assert_eq!(out.len(), 2, "{out:?}");
}

/// The body paragraphs of document.xml, split so that each piece starts with `<w:p>`.
fn pieces(doc: &str) -> Vec<String> {
    let mut v: Vec<String> = doc.split("<w:p>").map(str::to_string).collect();
    for p in v.iter_mut().skip(1) {
        p.insert_str(0, "<w:p>");
    }
    v
}

fn heading_index(ps: &[String], n: usize) -> usize {
    ps.iter()
        .enumerate()
        .filter(|(_, p)| p.contains(r#"<w:pStyle w:val="Heading2"/>"#))
        .nth(n - 1)
        .unwrap()
        .0
}

/// Edits the English schedule as a lawyer would in Word: a word added to clause 3, clause 4's
/// run split by a re-save (rsids, a bookmark, a proofing mark: no change), clause 6 deleted, a
/// clause inserted after clause 8, a tracked insertion in clause 10 and a tracked deletion of
/// clause 11's first paragraph.
fn redline(doc: &str) -> String {
    let mut ps = pieces(doc);
    let body = |ps: &[String], n: usize| heading_index(ps, n) + 1;
    let t = r#"<w:t xml:space="preserve">"#;
    let i = body(&ps, 3);
    ps[i] = ps[i].replacen(t, &format!("{t}EDITED "), 1);
    let i = body(&ps, 4);
    let resaved = r#"</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r w:rsidR="00A1B2C3"><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">"#;
    let at = ps[i].find(t).unwrap() + t.len() + 3;
    ps[i].insert_str(at, resaved);
    let i = body(&ps, 10);
    ps[i] = ps[i].replacen(
        "<w:r>",
        r#"<w:ins w:id="901" w:author="Jane Roe" w:date="2026-12-01T10:00:00Z"><w:r><w:t xml:space="preserve">Promptly and </w:t></w:r></w:ins><w:r>"#,
        1,
    );
    let i = body(&ps, 11);
    let run_start = ps[i].find("<w:r>").unwrap();
    let run_end = ps[i].rfind("</w:r>").unwrap() + "</w:r>".len();
    let deleted = ps[i][run_start..run_end]
        .replace("<w:t ", "<w:delText ")
        .replace("</w:t>", "</w:delText>");
    ps[i].replace_range(
        run_start..run_end,
        &format!(r#"<w:del w:id="902" w:author="Jane Roe" w:date="2026-12-01T10:00:00Z">{deleted}</w:del>"#),
    );
    let after8 = heading_index(&ps, 9);
    let inserted = r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Liquidated damages</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="ClauseBody"/></w:pPr><w:r><w:t>The Seller pays one per cent of the price per week of delay.</w:t></w:r></w:p>"#;
    ps.insert(after8, inserted.to_string());
    let (from, to) = (heading_index(&ps, 6), heading_index(&ps, 7));
    ps.drain(from..to);
    ps.concat()
}

#[test]
fn diff_reports_exactly_the_edits_of_a_redline() {
    let t = fixture("valid", "nordic-home");
    let mut parts = unzip(&make(t.path(), &["contract", "--lang", "en"], "ours.docx"));
    let doc = parts
        .iter_mut()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    doc.1 = redline(&doc.1);
    std::fs::write(t.path().join("theirs.docx"), rezip(&parts)).unwrap();
    let r = dealguard(t.path(), &["diff", "theirs.docx"]);
    assert_eq!(r.code, 5, "{}{}", r.stdout, r.stderr);
    let s = &r.stdout;
    assert!(s.contains("changed: clause 3 `official-channels`"), "{s}");
    assert!(s.contains("{+EDITED +}"), "{s}");
    assert!(
        !s.contains("clause 4 `"),
        "a re-saved run is no change:\n{s}"
    );
    assert!(s.contains("deleted: clause 6 `"), "{s}");
    assert!(
        s.contains("inserted: clause 8 \"Liquidated damages\" (after our clause 8 `"),
        "{s}"
    );
    assert!(
        s.contains("tracked insertion by Jane Roe: \"Promptly and\""),
        "{s}"
    );
    assert!(s.contains("changed: clause 10 `"), "{s}");
    assert!(
        s.contains("changed: clause 11 `") && s.contains("tracked deletion by Jane Roe"),
        "{s}"
    );
    assert!(s.contains("3 changed, 1 inserted, 1 deleted"), "{s}");
    let j = dealguard(t.path(), &["diff", "theirs.docx", "--format", "json"]);
    assert_eq!(j.code, 5);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    let statuses: Vec<&str> = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["changed", "deleted", "inserted", "changed", "changed"]
    );
}

#[test]
fn diff_names_a_clause_whose_version_changed_since() {
    let t = fixture("valid", "nordic-home");
    let mut parts = unzip(&make(t.path(), &["contract", "--lang", "en"], "ours.docx"));
    let custom = parts
        .iter_mut()
        .find(|(n, _)| n == "docProps/custom.xml")
        .unwrap();
    let key = r#"name="dealguard.clause.02.version"><vt:lpwstr>"#;
    let at = custom.1.find(key).unwrap() + key.len();
    let end = at + custom.1[at..].find('<').unwrap();
    custom.1.replace_range(at..end, "1");
    std::fs::write(t.path().join("theirs.docx"), rezip(&parts)).unwrap();
    let r = dealguard(t.path(), &["diff", "theirs.docx"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "note: clause `scope` was generated from version 1; the library now has version"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn diff_reports_a_change_in_the_chinese_column() {
    let t = fixture("valid", "nordic-home");
    let mut parts = unzip(&make(
        t.path(),
        &["contract", "--lang", "en+zh"],
        "ours.docx",
    ));
    let doc = parts
        .iter_mut()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    // The first 卖方 of a clause (the parties' table has one before).
    let first_zh = doc.1.find(r#"<w:numId w:val="2"/>"#).unwrap();
    let at = first_zh + doc.1[first_zh..].find("卖方").unwrap();
    doc.1.replace_range(at..at + "卖".len(), "供");
    std::fs::write(t.path().join("theirs.docx"), rezip(&parts)).unwrap();
    let r = dealguard(t.path(), &["diff", "theirs.docx"]);
    assert_eq!(r.code, 5, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(" zh: ") && r.stdout.contains("[-卖-]{+供+}"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("1 changed, 0 inserted, 0 deleted"),
        "{}",
        r.stdout
    );
}

fn diff_error(t: &Path, bytes: &[u8], expect: &str) {
    std::fs::write(t.join("bad.docx"), bytes).unwrap();
    let r = dealguard(t, &["diff", "bad.docx"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("bad.docx") && r.stderr.contains(expect),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_docx_files_give_clean_errors() {
    let t = fixture("valid", "nordic-home");
    diff_error(t.path(), b"PK\x03\x04 not really", "not a zip archive");
    diff_error(t.path(), b"", "not a zip archive");
    // A zip bomb: 40 MiB of spaces deflate to a few kilobytes.
    let bomb = format!("<w:document>{}</w:document>", " ".repeat(40 << 20));
    diff_error(
        t.path(),
        &rezip(&[("word/document.xml".into(), bomb)]),
        "unpacks to more than",
    );
    let deep = "<a>".repeat(100_000);
    diff_error(
        t.path(),
        &rezip(&[("word/document.xml".into(), deep)]),
        "deeper than",
    );
    diff_error(
        t.path(),
        &rezip(&[("word/document.xml".into(), "<w:document><".into())]),
        "not well-formed XML",
    );
    let many: Vec<(String, String)> = (0..5_001)
        .map(|i| (format!("f{i}"), String::new()))
        .collect();
    diff_error(t.path(), &rezip(&many), "zip entries");
    diff_error(
        t.path(),
        &rezip(&[("a.txt".into(), "x".into())]),
        "no `word/document.xml`",
    );
}
