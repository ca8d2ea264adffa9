//! Letter, reply, contract PDF and `build` tests, on the real binary and fixture folders.

use crate::support;

use lopdf::Document;
use support::*;

/// A temp copy of a valid fixture.
fn valid(name: &str) -> tempfile::TempDir {
    fixture("valid", name)
}

#[test]
fn letter_and_reply_snapshots_in_every_language_and_tone() {
    let t = valid("nordic-home");
    for lang in ["en", "zh", "en+zh"] {
        for format in ["md", "txt"] {
            let r = dealguard(
                t.path(),
                &["letter", "--lang", lang, "--format", format, "-o", "-"],
            );
            ok(&r);
            snapshot(&format!("nordic-home/letter-{lang}.{format}"), &r.stdout);
        }
        for tone in ["formal", "warm"] {
            let r = dealguard(
                t.path(),
                &[
                    "reply",
                    "--lang",
                    lang,
                    "--tone",
                    tone,
                    "--date",
                    "2026-12-09",
                    "--format",
                    "md",
                    "-o",
                    "-",
                ],
            );
            ok(&r);
            snapshot(&format!("nordic-home/reply-{tone}-{lang}.md"), &r.stdout);
        }
    }
    let r = dealguard(
        t.path(),
        &["letter", "--lang", "en+zh", "--format", "html", "-o", "-"],
    );
    ok(&r);
    snapshot("nordic-home/letter-en+zh.html", &r.stdout);
}

#[test]
fn the_letter_promises_what_the_contract_says() {
    let t = valid("nordic-home");
    let letter = dealguard(
        t.path(),
        &["letter", "--lang", "en", "--format", "txt", "-o", "-"],
    );
    let contract = dealguard(
        t.path(),
        &["contract", "--lang", "en", "--format", "md", "-o", "-"],
    );
    ok(&letter);
    ok(&contract);
    for same in [
        "+86 574 8888 1250",
        "Friday",
        "24 hours",
        "it-security@hengli-kitchen.com",
        "https://trello.com/b/nh0148",
        "WhatsApp",
    ] {
        assert!(letter.stdout.contains(same), "letter lacks {same}");
        assert!(contract.stdout.contains(same), "contract lacks {same}");
    }
    // With the strict set the contract promises 12 hours, and so does the letter.
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        deal.replace("clause_set: standard", "clause_set: strict"),
    )
    .unwrap();
    let letter = dealguard(
        t.path(),
        &["letter", "--lang", "en", "--format", "txt", "-o", "-"],
    );
    ok(&letter);
    assert!(letter.stdout.contains("12 hours") && !letter.stdout.contains("24 hours"));
}

#[test]
fn the_comparison_table_follows_the_channels() {
    let t = valid("no-channels");
    let r = dealguard(t.path(), &["letter", "--format", "md", "-o", "-"]);
    ok(&r);
    assert!(r.stdout.contains("| Sharing a mailbox password |"));
    assert!(r.stdout.contains("**Never**"));
    assert!(!r.stdout.contains("WhatsApp") && !r.stdout.contains("Trello"));
    let reply = dealguard(
        t.path(),
        &[
            "reply",
            "--format",
            "txt",
            "--date",
            "2026-12-09",
            "-o",
            "-",
        ],
    );
    ok(&reply);
    assert!(!reply.stdout.contains("WhatsApp"));
}

#[test]
fn a_reply_names_the_next_report_date() {
    let t = valid("nordic-home");
    // Reports go out on Fridays: asked on Wednesday 9 December, the next report is on the 11th.
    let r = dealguard(
        t.path(),
        &[
            "reply",
            "--lang",
            "en",
            "--date",
            "2026-12-09",
            "--format",
            "txt",
            "-o",
            "-",
        ],
    );
    ok(&r);
    assert!(r.stdout.contains("11 December 2026"), "{}", r.stdout);
    let bad = dealguard(t.path(), &["reply", "--date", "9 Dec"]);
    // A usage error since `--date` is parsed by the command line (exit 2, clap's message).
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`9 Dec` is not a date"));
}

/// Name/value pairs: headers, or a part's content type and decoded body.
type Pairs = Vec<(String, String)>;

/// Splits an e-mail into headers (unfolded) and MIME parts (decoded).
fn parse_eml(raw: &[u8]) -> (Pairs, Pairs) {
    let text = String::from_utf8(raw.to_vec()).unwrap();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "bare LF in the message"
    );
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        assert!(line.chars().count() <= 78, "header line too long: {line}");
        if line.starts_with(' ') || line.starts_with('\t') {
            headers.last_mut().unwrap().1.push_str(line);
        } else {
            let (k, v) = line.split_once(':').unwrap();
            headers.push((k.to_string(), v.trim().to_string()));
        }
    }
    let ct = &headers.iter().find(|(k, _)| k == "Content-Type").unwrap().1;
    let boundary = ct
        .split("boundary=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let mut parts = Vec::new();
    for chunk in body.split(&format!("--{boundary}")).skip(1) {
        if chunk.starts_with("--") {
            break;
        }
        let (ph, pb) = chunk
            .trim_start_matches("\r\n")
            .split_once("\r\n\r\n")
            .unwrap();
        let ctype = ph
            .lines()
            .find(|l| l.starts_with("Content-Type"))
            .unwrap()
            .to_string();
        assert!(ph.contains("Content-Transfer-Encoding: base64"));
        let b64: String = pb.split_whitespace().collect();
        parts.push((ctype, String::from_utf8(base64_decode(&b64)).unwrap()));
    }
    (headers, parts)
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let n = chunk.iter().filter(|c| **c != b'=').count();
        let v: u32 = chunk
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, c)| u32::from(val(*c)) << (18 - 6 * i))
            .sum();
        for i in 0..n.saturating_sub(1) {
            out.push((v >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn the_eml_is_a_multipart_message_from_sales_to_purchasing() {
    let t = valid("nordic-home");
    let args = [
        "letter",
        "--lang",
        "en+zh",
        "--format",
        "eml",
        "-o",
        "out/l.eml",
    ];
    let r = dealguard(t.path(), &args);
    ok(&r);
    let raw = std::fs::read(t.path().join("out/l.eml")).unwrap();
    let (headers, parts) = parse_eml(&raw);
    let h = |k: &str| {
        headers
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        &names[..9],
        [
            "Date",
            "From",
            "To",
            "Cc",
            "Subject",
            "Message-ID",
            "MIME-Version",
            "X-Unsent",
            "Content-Type"
        ]
    );
    // Dated 20 November 2026 09:00 in China, the contract date; no clock involved.
    assert_eq!(h("Date"), "Fri, 20 Nov 2026 09:00:00 +0800");
    assert!(
        h("From").contains("<li.wei@hengli-kitchen.com>") && h("From").contains("=?UTF-8?B?"),
        "non-ASCII name encoded: {}",
        h("From")
    );
    assert!(h("To").contains("<anna.lindqvist@nordichome.se>"));
    for cc in [
        "chen.jing@hengli-kitchen.com",
        "zhao.lei@hengli-kitchen.com",
        "wang.fang@hengli-kitchen.com",
        "erik.sundberg@nordichome.se",
    ] {
        assert!(h("Cc").contains(cc), "{cc} not copied");
    }
    assert!(h("Subject").starts_with("=?UTF-8?B?"));
    assert!(h("Message-ID").ends_with("@hengli-kitchen.com>"));
    assert!(h("Content-Type").starts_with("multipart/alternative"));
    assert_eq!(parts.len(), 2);
    assert!(parts[0].0.contains("text/plain; charset=utf-8"));
    assert!(parts[1].0.contains("text/html; charset=utf-8"));
    assert!(
        parts[0].1.contains("Dear Anna Lindqvist") && parts[0].1.contains("尊敬的Anna Lindqvist")
    );
    assert!(
        parts[1].1.contains("<h1")
            && !parts[1].1.contains("<script")
            && !parts[1].1.contains("<style")
    );
    // The same inputs give the same message.
    let mut again = args;
    again[6] = "out/l2.eml";
    ok(&dealguard(t.path(), &again));
    assert_eq!(raw, std::fs::read(t.path().join("out/l2.eml")).unwrap());
}

#[test]
fn contract_and_letter_pdfs_read_back_in_both_languages() {
    let t = valid("nordic-home");
    ok(&dealguard(
        t.path(),
        &["contract", "--format", "pdf", "-o", "out/c.pdf"],
    ));
    ok(&dealguard(
        t.path(),
        &[
            "letter",
            "--lang",
            "en+zh",
            "--format",
            "pdf",
            "-o",
            "out/l.pdf",
        ],
    ));
    let c = Document::load(t.path().join("out/c.pdf")).unwrap();
    let pages: Vec<u32> = c.get_pages().keys().copied().collect();
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let all = c.extract_text(&pages).unwrap();
    for s in [
        "Information Security and Communication Schedule",
        "信息安全与沟通附件",
        "11. Verification of Payment Instructions",
        "第11条 付款指令的核实",
        "Zhou Ming",
        "Karin Holm",
        "Company chop",
        "公司盖章",
        "Annex: clause manifest",
        "payment-verification",
    ] {
        assert!(all.contains(s), "contract PDF lacks {s}");
    }
    let last = c.extract_text(&[*pages.last().unwrap()]).unwrap();
    assert!(last.contains("Annex"), "the manifest is the last page");
    let stacked = dealguard(
        t.path(),
        &[
            "contract",
            "--format",
            "pdf",
            "--layout",
            "stacked",
            "-o",
            "out/s.pdf",
        ],
    );
    ok(&stacked);
    let l = Document::load(t.path().join("out/l.pdf")).unwrap();
    let pages: Vec<u32> = l.get_pages().keys().copied().collect();
    let all = l.extract_text(&pages).unwrap();
    assert!(all.contains("Dear Anna Lindqvist") && all.contains("尊敬的Anna Lindqvist"));
    assert!(all.contains("+86 574 8888 1250"));
}

#[test]
fn build_writes_everything_then_skips_then_rebuilds_one_week() {
    let t = valid("nordic-home");
    std::fs::create_dir_all(t.path().join("reports/photos")).unwrap();
    let week =
        std::fs::read_to_string(root().join("examples/nordic-home/reports/2026-W49.yaml")).unwrap();
    // Two weeks without photos.
    let (head, rest) = week.split_once("photos:").unwrap();
    let (_, tail) = rest.split_once("videos:").unwrap();
    let w49 = format!("{head}photos: []\nvideos:{tail}");
    std::fs::write(t.path().join("reports/2026-W49.yaml"), &w49).unwrap();
    // The example week attaches a voucher scan (its annex).
    copy_dir(
        &root().join("examples/nordic-home/reports/vouchers"),
        &t.path().join("reports/vouchers"),
    );
    std::fs::write(
        t.path().join("reports/2026-W50.yaml"),
        w49.replace("week: 2026-W49", "week: 2026-W50")
            .replace("number: 3", "number: 4"),
    )
    .unwrap();
    let first = dealguard(t.path(), &["build"]);
    ok(&first);
    let out = t.path().join("out");
    for f in [
        "NH-2026-0148-contract-en+zh.md",
        "NH-2026-0148-contract-en+zh.pdf",
        "NH-2026-0148-letter-en.md",
        "NH-2026-0148-letter-en.pdf",
        "NH-2026-0148-letter-en.eml",
        "NH-2026-0148-reply-formal-en.md",
        "NH-2026-0148-reply-warm-en.txt",
        "NH-2026-0148-report-2026-W49-en+zh.pdf",
        "NH-2026-0148-report-2026-W50-en+zh.pdf",
        "NH-2026-0148-briefing-en+zh.md",
        "NH-2026-0148-briefing-en+zh.pdf",
        "NH-2026-0148-callback-form-en+zh.pdf",
    ] {
        assert!(out.join(f).is_file(), "{f} not built");
    }
    assert!(
        first.stderr.contains("8 built, 0 unchanged, 0 failed"),
        "{}",
        first.stderr
    );
    let second = dealguard(t.path(), &["build"]);
    ok(&second);
    assert!(
        second.stderr.contains("0 built, 8 unchanged, 0 failed"),
        "{}",
        second.stderr
    );
    // Editing one week rebuilds that week only.
    let w50 = std::fs::read_to_string(t.path().join("reports/2026-W50.yaml")).unwrap();
    std::fs::write(
        t.path().join("reports/2026-W50.yaml"),
        w50.replace("status: at_risk", "status: delayed"),
    )
    .unwrap();
    let third = dealguard(t.path(), &["build"]);
    ok(&third);
    assert!(
        third.stderr.contains("1 built, 7 unchanged, 0 failed"),
        "{}",
        third.stderr
    );
    assert!(third.stderr.contains("report-2026-W50"), "{}", third.stderr);
    // A deleted output is rebuilt; --force rebuilds everything.
    std::fs::remove_file(out.join("NH-2026-0148-letter-en.eml")).unwrap();
    let fourth = dealguard(t.path(), &["build"]);
    assert!(
        fourth.stderr.contains("1 built, 7 unchanged"),
        "{}",
        fourth.stderr
    );
    let forced = dealguard(t.path(), &["build", "--force"]);
    assert!(
        forced.stderr.contains("8 built, 0 unchanged"),
        "{}",
        forced.stderr
    );
}

#[test]
fn a_bad_week_fails_alone() {
    let t = valid("nordic-home");
    std::fs::create_dir_all(t.path().join("reports")).unwrap();
    let week =
        std::fs::read_to_string(root().join("examples/nordic-home/reports/2026-W49.yaml")).unwrap();
    let (head, rest) = week.split_once("photos:").unwrap();
    let (_, tail) = rest.split_once("videos:").unwrap();
    let good = format!("{head}photos: []\nvideos:{tail}");
    std::fs::write(t.path().join("reports/2026-W49.yaml"), &good).unwrap();
    // The example week attaches a voucher scan (its annex).
    copy_dir(
        &root().join("examples/nordic-home/reports/vouchers"),
        &t.path().join("reports/vouchers"),
    );
    std::fs::write(
        t.path().join("reports/2026-W50.yaml"),
        good.replace("week: 2026-W49", "week: 2026-W50")
            .replace("actual: 95", "actual: 195"),
    )
    .unwrap();
    let r = dealguard(t.path(), &["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("7 built, 0 unchanged, 1 failed"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("2026-W50.yaml:") && r.stderr.contains("195 is not a percentage"),
        "{}",
        r.stderr
    );
    // The summary does not contradict the "wrote …" lines above it.
    assert!(!r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(" errors; the outputs listed as written are new, the others unchanged"),
        "{}",
        r.stderr
    );
    assert!(t
        .path()
        .join("out/NH-2026-0148-report-2026-W49-en+zh.pdf")
        .is_file());
    assert!(t
        .path()
        .join("out/NH-2026-0148-contract-en+zh.pdf")
        .is_file());
}

#[test]
fn company_templates_override_the_built_in_ones() {
    let t = valid("nordic-home");
    std::fs::create_dir_all(t.path().join("legal/letter")).unwrap();
    std::fs::write(
        t.path().join("legal/letter/en.md"),
        "# Hello {{ buyer.name }}\n\nCall {{ payment.verification.callback_phone }}.\n",
    )
    .unwrap();
    std::fs::write(
        t.path().join("legal/report-labels.yaml"),
        "title: {en: Production Update, zh: 生产周报}\n",
    )
    .unwrap();
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        format!("{deal}\noutput:\n  template_dirs: [legal]\n"),
    )
    .unwrap();
    let r = dealguard(
        t.path(),
        &["letter", "--lang", "en", "--format", "md", "-o", "-"],
    );
    ok(&r);
    assert_eq!(
        r.stdout,
        "# Hello Nordic Home AB\n\nCall +86 574 8888 1250.\n"
    );
    // A misspelt name in a company template is located in that file.
    std::fs::write(
        t.path().join("legal/letter/en.md"),
        "# Hello\n\nCall {{ payment.verification.callback_phon }}.\n",
    )
    .unwrap();
    let bad = dealguard(t.path(), &["letter", "--lang", "en", "-o", "-"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("legal/letter/en.md:3:9: error: `payment.verification.callback_phon` is not in the deal profile"), "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("did you mean `payment.verification.callback_phone`?"),
        "{}",
        bad.stderr
    );
}
