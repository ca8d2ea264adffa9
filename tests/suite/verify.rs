//! CLI tests of `verify` and `lookalikes`: exit codes 0/4/1/3, JSON, mbox, and the look-alike
//! lists in every format; later, the briefing and the call-back form.

use crate::support;

use support::*;

const ANNA: &str = "Anna Lindqvist <anna.lindqvist@nordichome.se>";

fn mail(from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: Li Wei <li.wei@hengli-kitchen.com>\r\nSubject: {subject}\r\n\
         Date: Mon, 7 Dec 2026 09:00:00 +0100\r\nMessage-ID: <1@x>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

fn clean() -> String {
    mail(
        ANNA,
        "Week 49",
        "Thank you for the report, the photos look good.",
    )
}

fn lookalike() -> String {
    mail(
        "Anna Lindqvist <anna.lindqvist@nordicnome.se>",
        "Invoice",
        "Please find the balance invoice. Kind regards, Anna",
    )
}

#[test]
fn verify_exits_0_on_a_clean_mail_and_4_on_a_lookalike_sender() {
    let t = example_deal();
    std::fs::write(t.path().join("ok.eml"), clean()).unwrap();
    std::fs::write(t.path().join("bad.eml"), lookalike()).unwrap();
    let r = dealguard(t.path(), &["verify", "ok.eml", "--lang", "en"]);
    ok(&r);
    assert!(r.stdout.contains("no warning signs found"), "{}", r.stdout);
    // The sender line is printed once, as written.
    assert!(
        r.stdout.contains("\n  From: ") && !r.stdout.contains("From: From:"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("payment details are confirmed only by calling the number in the contract: +86 574 8888 1250"));
    let r = dealguard(
        t.path(),
        &["verify", "ok.eml", "bad.eml", "--lang", "en+zh"],
    );
    assert_eq!(r.code, 4, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("nordicnome.se") && r.stdout.contains("发现警示迹象"));
    // Nothing is written but standard output.
    assert!(!t.path().join("out").exists());
}

#[test]
fn verify_json_parses_and_says_the_same() {
    let t = example_deal();
    std::fs::write(t.path().join("ok.eml"), clean()).unwrap();
    std::fs::write(t.path().join("bad.eml"), lookalike()).unwrap();
    let r = dealguard(
        t.path(),
        &[
            "verify", "ok.eml", "bad.eml", "--format", "json", "-o", "v.json",
        ],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    let text = std::fs::read_to_string(t.path().join("v.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["exit_code"], 4);
    assert_eq!(v["callback_phone"], "+86 574 8888 1250");
    assert_eq!(v["mails"][0]["verdict"], "no-warning-signs");
    assert_eq!(v["mails"][1]["verdict"], "warning-signs");
    assert!(v["mails"][1]["signs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["kind"] == "sender-lookalike"));
}

#[test]
fn verify_reads_an_mbox_as_numbered_mails() {
    let t = example_deal();
    let mbox = format!(
        "From anna@nordichome.se Mon Dec  7 09:00:00 2026\n{}\nFrom x@nordicnome.se Mon Dec  7 10:00:00 2026\n{}\n",
        clean().replace("\r\n", "\n"),
        lookalike().replace("\r\n", "\n")
    );
    std::fs::write(t.path().join("in.mbox"), mbox).unwrap();
    let r = dealguard(
        t.path(),
        &["verify", "--mbox", "in.mbox", "--format", "json"],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let files: Vec<&str> = v["mails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["in.mbox#1", "in.mbox#2"]);
    std::fs::write(t.path().join("empty.mbox"), "").unwrap();
    let r = dealguard(t.path(), &["verify", "--mbox", "empty.mbox"]);
    ok(&r);
    assert!(r.stderr.contains("holds no messages"), "{}", r.stderr);
}

#[test]
fn verify_fails_cleanly_on_missing_folders_and_no_arguments() {
    let t = example_deal();
    let r = dealguard(t.path(), &["verify", "missing.eml"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("missing.eml"));
    std::fs::create_dir(t.path().join("dir.eml")).unwrap();
    let r = dealguard(t.path(), &["verify", "dir.eml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("is not a regular file"));
    assert_eq!(dealguard(t.path(), &["verify"]).code, 2);
    // `-o` onto an input is refused.
    std::fs::write(t.path().join("ok.eml"), clean()).unwrap();
    let r = dealguard(t.path(), &["verify", "ok.eml", "-o", "ok.eml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn verify_says_not_a_mail_for_a_photo_and_exits_1() {
    let t = example_deal();
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01,
    ];
    std::fs::write(t.path().join("photo.jpg"), jpeg).unwrap();
    let r = dealguard(t.path(), &["verify", "photo.jpg"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("not a mail message"), "{}", r.stderr);
    assert!(!r.stderr.contains("From address"), "{}", r.stderr);
}

#[test]
fn lookalikes_are_stable_and_in_every_format() {
    let t = example_deal();
    // For reading: the 50 likeliest, ranked, with their kind; one edit that reads as the
    // name comes first, a Cyrillic spoof or an added word later, bit flips last.
    let table = dealguard(t.path(), &["lookalikes"]);
    ok(&table);
    let rows: Vec<Vec<&str>> = table
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 50, "{}", table.stdout);
    assert_eq!(rows[0][0], "1");
    let rank = |kind: &str| rows.iter().position(|r| r[2] == kind);
    for near in ["omission", "transposition", "tld-swap", "hyphenation"] {
        assert!(
            rank(near).is_some_and(|r| r < 50),
            "{near}: {}",
            table.stdout
        );
    }
    assert!(rank("bitsquatting").is_none(), "{}", table.stdout);
    assert!(
        rows.iter()
            .any(|r| r[1] == "nordicnome.se" || r[1] == "hengii-kitchen.com"),
        "{}",
        table.stdout
    );
    let top5 = dealguard(t.path(), &["lookalikes", "--top", "5"]);
    assert_eq!(top5.stdout.lines().count(), 5);
    assert!(table.stdout.starts_with(&top5.stdout));
    // For a block list: every one, bare.
    let txt = dealguard(t.path(), &["lookalikes", "--all", "--format", "txt"]);
    ok(&txt);
    let lines: Vec<&str> = txt.stdout.lines().collect();
    assert!(lines.len() > 100, "{} domains", lines.len());
    assert!(lines.contains(&"nordicnome.se"));
    assert!(!lines.contains(&"nordichome.se") && !lines.contains(&"hengli-kitchen.com"));
    let mut unique = lines.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "each domain once");
    assert_eq!(
        dealguard(t.path(), &["lookalikes", "--all", "--format", "txt"]).stdout,
        txt.stdout
    );
    let seller = dealguard(t.path(), &["lookalikes", "--party", "seller"]);
    ok(&seller);
    assert!(!seller.stdout.contains("nordic") && seller.stdout.contains("hengli"));
    let buyer = dealguard(t.path(), &["lookalikes", "--party", "buyer"]);
    assert!(!buyer.stdout.contains("hengli") && buyer.stdout.contains("nordic"));
    let csv = dealguard(t.path(), &["lookalikes", "--all", "--format", "csv"]);
    ok(&csv);
    assert!(csv.stdout.starts_with("rank,kind,domain,unicode\n1,"));
    assert_eq!(csv.stdout.lines().count(), lines.len() + 1);
    let sieve = dealguard(
        t.path(),
        &["lookalikes", "--all", "--format", "sieve", "-o", "l.sieve"],
    );
    ok(&sieve);
    let s = std::fs::read_to_string(t.path().join("l.sieve")).unwrap();
    assert!(s.contains("require") && s.contains("fileinto") && s.contains("\"nordicnome.se\""));
}

fn pdf_text(path: &std::path::Path) -> (usize, String) {
    let d = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = d.get_pages().keys().copied().collect();
    (pages.len(), d.extract_text(&pages).unwrap())
}

#[test]
fn briefing_has_the_rule_the_steps_the_flags_and_whom_to_call() {
    let t = example_deal();
    let r = dealguard(t.path(), &["briefing", "--lang", "en+zh", "-o", "-"]);
    ok(&r);
    let md = &r.stdout;
    for needle in [
        "never share a mailbox, ERP or platform login",
        "绝不向任何人",
        "+86 574 8888 1250",
        "it-security@hengli-kitchen.com",
        "2 approvers",
        "各2名审批人",
        "Trello",
        "WhatsApp",
        "every Friday",
        "dealguard verify mail.eml",
        "Clause 5",
    ] {
        assert!(md.contains(needle), "briefing lacks {needle}");
    }
    // Seven red flags, each with an example, in each language.
    let rows = md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows, 2 * 8, "a header and seven rows per language");
    assert!(!md.contains("{{") && !md.contains("{%"));
    for (lang, pages) in [("en", 1), ("zh", 1), ("en+zh", 2)] {
        let r = dealguard(
            t.path(),
            &["briefing", "--lang", lang, "--format", "pdf", "-o", "b.pdf"],
        );
        ok(&r);
        let (n, text) = pdf_text(&t.path().join("b.pdf"));
        assert_eq!(n, pages, "{lang}: {n} pages");
        assert!(text.contains("+86 574 8888 1250"), "{lang}");
    }
}

/// The look-alike sender example comes from the deal at hand: its buyer contact's mailbox on
/// the likeliest one-edit look-alike of that contact's domain, in every language.
#[test]
fn briefing_spoofs_this_deal_s_own_contact_and_domain() {
    let t = example_deal();
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let deal = deal
        .replace("nordichome.se", "baltic-pans.de")
        .replace("Anna Lindqvist", "Jonas Weber")
        .replace("anna.lindqvist@", "j.weber@");
    std::fs::write(t.path().join("deal.yaml"), deal).unwrap();
    let list = dealguard(
        t.path(),
        &[
            "lookalikes",
            "--party",
            "buyer",
            "--format",
            "txt",
            "--top",
            "10",
        ],
    );
    ok(&list);
    let first = list.stdout.lines().next().unwrap().trim().to_string();
    for lang in ["en", "zh"] {
        let r = dealguard(t.path(), &["briefing", "--lang", lang, "-o", "-"]);
        ok(&r);
        let md = &r.stdout;
        let row = md
            .lines()
            .find(|l| l.contains("j.weber@baltic-pans.de"))
            .unwrap_or_else(|| panic!("{lang}: no real address in {md}"));
        let spoof = format!("j.weber@{first}");
        assert!(row.contains(&spoof), "{lang}: {row} lacks {spoof}");
        assert!(
            !md.contains("anna") && !md.contains("nordic"),
            "{lang}: {md}"
        );
        // One edit: the look-alike differs from the real name in one place.
        assert_ne!(first, "baltic-pans.de");
        // Numbered steps carry no bullet too ("• 1."), in the text and in the PDF.
        for l in md.lines() {
            let t = l.trim_start_matches(['-', '•', ' ', '*']);
            let numbered = t
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            assert!(!(numbered && t.len() < l.len()), "{lang}: {l}");
        }
        assert!(
            md.contains("\n1. **") && md.contains("\n3. **"),
            "{lang}: {md}"
        );
        let r = dealguard(
            t.path(),
            &["briefing", "--lang", lang, "--format", "pdf", "-o", "b.pdf"],
        );
        ok(&r);
        let (_, text) = pdf_text(&t.path().join("b.pdf"));
        assert!(text.contains(&first), "{lang}: the PDF lacks {first}");
        // The look-alike is an example to recognise, never a link to write to; the real
        // addresses stay links.
        let pdf = std::fs::read(t.path().join("b.pdf")).unwrap();
        let has = |needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(
            !has(&format!("mailto:j.weber@{first}")),
            "{lang}: the spoof is a link"
        );
        assert!(
            has("mailto:j.weber@baltic-pans.de"),
            "{lang}: the real address is no link"
        );
        for l in text.lines() {
            assert!(!l.contains("• 1.") && !l.contains("•1."), "{lang}: {l}");
        }
    }
}

#[test]
fn callback_form_preprints_the_number_the_account_and_the_approvers() {
    let t = example_deal();
    // One A4 page in every language: the approvers sign on the page that holds the details.
    for lang in ["en", "zh", "en+zh"] {
        let r = dealguard(t.path(), &["callback-form", "--lang", lang, "-o", "f.pdf"]);
        ok(&r);
        let (n, text) = pdf_text(&t.path().join("f.pdf"));
        assert_eq!(n, 1, "{lang}: {n} pages");
        for needle in ["+86 574 8888 1250", "3561 0000 1234 5678", "BKCHCNBJ92A"] {
            assert!(text.contains(needle), "{lang} form lacks {needle}");
        }
        let approver = if lang == "zh" {
            "审批人2"
        } else {
            "Approver 2"
        };
        assert!(
            text.contains(approver) && !text.contains("Approver 3") && !text.contains("审批人3")
        );
    }
    let (_, text) = pdf_text(&t.path().join("f.pdf"));
    assert!(text.contains("Never a number from the mail") && text.contains("绝不拨打邮件"));
    assert_eq!(dealguard(t.path(), &["callback-form", "-o", "-"]).code, 2);
}

/// The form of a Chinese-first deal and of variants with a bank's full name, an IBAN and
/// three approvers: one page in every language, every approver's row on it, one box per
/// choice.
#[test]
fn callback_form_is_one_page_with_every_approver_for_other_deals_too() {
    let sz = fixture("valid", "shenzhen-zh");
    let long = example_deal();
    let deal = std::fs::read_to_string(long.path().join("deal.yaml")).unwrap();
    let deal = deal
        .replace(
            "bank: Bank of China, Ningbo Branch",
            "bank: \"Industrial and Commercial Bank of China Limited, Shenzhen Branch\"",
        )
        .replace(
            "account_number: \"3561 0000 1234 5678\"",
            "account_number: \"CN12 3456 7890 1234 5678 9012 3456 78\"",
        )
        .replace("approvers: 2 ", "approvers: 3 ")
        // Three approvers on each side need three contacts at the buyer.
        .replace(
            "      email: erik.sundberg@nordichome.se\n",
            "      email: erik.sundberg@nordichome.se\n    - name: Maja Berg\n      role: finance\n      email: maja.berg@nordichome.se\n",
        );
    assert!(deal.contains("Industrial and Commercial") && deal.contains("Maja Berg"));
    std::fs::write(long.path().join("deal.yaml"), deal).unwrap();
    for (t, approvers) in [(&sz, 2), (&long, 3)] {
        for lang in ["en", "zh", "en+zh"] {
            let r = dealguard(t.path(), &["callback-form", "--lang", lang, "-o", "f.pdf"]);
            ok(&r);
            let (n, text) = pdf_text(&t.path().join("f.pdf"));
            assert_eq!(n, 1, "{lang}: {n} pages");
            let text: String = text.split_whitespace().collect();
            for i in 1..=approvers {
                let row = if lang == "zh" {
                    format!("审批人{i}")
                } else {
                    format!("Approver{i}")
                };
                assert!(text.contains(&row), "{lang}: no row {i} in {text}");
            }
            assert!(!text.contains(&format!("Approver{}", approvers + 1)));
            assert!(!text.contains("[]"), "{lang}: a bracket box is left");
            if lang == "en+zh" {
                assert!(text.contains("yes/是") && text.contains("no/否"), "{text}");
            }
        }
    }
}

/// Our own letter (`.eml`) and replies (each text format, sent as the body of a mail from the
/// seller) carry the security advice — "we will never ask for your password", so-called
/// “new bank details”, 账户变更 — and must pass `verify` of the same deal with no sign.
#[test]
fn our_own_letter_and_replies_show_no_warning_sign() {
    let t = example_deal();
    let mut files = Vec::new();
    for lang in ["en", "zh", "en+zh"] {
        let name = format!("letter-{lang}.eml");
        let r = dealguard(
            t.path(),
            &["letter", "--lang", lang, "--format", "eml", "-o", &name],
        );
        ok(&r);
        files.push(name);
        for tone in ["formal", "warm"] {
            for format in ["txt", "md", "html"] {
                let r = dealguard(
                    t.path(),
                    &[
                        "reply", "--lang", lang, "--tone", tone, "--format", format, "-o", "-",
                    ],
                );
                ok(&r);
                let ctype = if format == "html" { "html" } else { "plain" };
                let m = mail(
                    "Li Wei <li.wei@hengli-kitchen.com>",
                    "Re: access",
                    &r.stdout,
                )
                .replace(
                    "To: Li Wei <li.wei@hengli-kitchen.com>",
                    &format!("To: {ANNA}"),
                )
                .replace("text/plain", &format!("text/{ctype}"));
                let name = format!("reply-{lang}-{tone}.{format}.eml");
                std::fs::write(t.path().join(&name), m).unwrap();
                files.push(name);
            }
        }
    }
    let mut args = vec!["verify", "--lang", "en"];
    args.extend(files.iter().map(String::as_str));
    let r = dealguard(t.path(), &args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.matches("no warning signs found").count(),
        files.len(),
        "{}",
        r.stdout
    );
}

/// The other direction: the same words used by an attacker in a real party's mailbox are
/// still signs, in English and Chinese.
#[test]
fn requests_written_like_our_policy_are_still_caught() {
    let t = example_deal();
    let bodies = [
        "We cannot see the reports without your login details. Please send them today.",
        "Don't ask IT, just send me your mailbox login and password.",
        "我们看不到报告，请提供邮箱密码。",
        "Our bank details have changed: please pay the balance to the new account today.",
        "因审计原因账户变更，请今天把尾款付到新账户。",
    ];
    let mut args = vec!["verify", "--lang", "en", "--format", "json"];
    let names: Vec<String> = (0..bodies.len()).map(|i| format!("a{i}.eml")).collect();
    for (name, body) in names.iter().zip(bodies) {
        std::fs::write(t.path().join(name), mail(ANNA, "Order", body)).unwrap();
    }
    args.extend(names.iter().map(String::as_str));
    let r = dealguard(t.path(), &args);
    assert_eq!(r.code, 4, "{}\n{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let keys = |i: usize| -> Vec<String> {
        v["mails"][i]["signs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    for (i, want) in [
        "credential",
        "credential",
        "credential",
        "payment-change",
        "payment-change",
    ]
    .iter()
    .enumerate()
    {
        assert!(keys(i).iter().any(|k| k == want), "mail {i}: {:?}", keys(i));
    }
    assert!(keys(3).iter().any(|k| k == "pressure"), "{:?}", keys(3));
}

/// `build` makes the briefing and the call-back form as `output.formats` lists them; `[]`
/// leaves one out.
#[test]
fn build_makes_the_briefing_and_the_callback_form_as_listed() {
    let t = example_deal();
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let deal = format!("{deal}output:\n  formats:\n    briefing: [md]\n    callback_form: []\n");
    std::fs::write(t.path().join("deal.yaml"), deal).unwrap();
    let r = dealguard(t.path(), &["build"]);
    ok(&r);
    let out = t.path().join("out");
    assert!(out.join("NH-2026-0148-briefing-en+zh.md").is_file());
    assert!(!out.join("NH-2026-0148-briefing-en+zh.pdf").exists());
    assert!(!out.join("NH-2026-0148-callback-form-en+zh.pdf").exists());
    assert!(r.stderr.contains("5 built, 0 unchanged"), "{}", r.stderr);
}

// inputs

/// Runs `dealguard` in `dir` with `stdin` piped to it.
fn dealguard_stdin(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dealguard"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json_files(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    v["mails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn verify_reads_a_maildir_folder_sorted_by_name() {
    let t = example_deal();
    let md = t.path().join("Maildir");
    for f in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(md.join(f)).unwrap();
    }
    std::fs::write(md.join("cur/1700000002.M2.host:2,S"), clean()).unwrap();
    std::fs::write(md.join("cur/1700000001.M1.host:2,S"), clean()).unwrap();
    std::fs::write(md.join("new/1700000003.M3.host"), lookalike()).unwrap();
    // Mail being delivered (`tmp/`) and the mail program's dot files are not mail to check.
    std::fs::write(md.join("tmp/1700000004.M4.host"), "partial").unwrap();
    std::fs::write(md.join("cur/.dovecot.index"), "x").unwrap();
    let r = dealguard(t.path(), &["verify", "Maildir", "--format", "json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(
        json_files(&r.stdout),
        [
            "Maildir/cur/1700000001.M1.host:2,S",
            "Maildir/cur/1700000002.M2.host:2,S",
            "Maildir/new/1700000003.M3.host"
        ]
    );
    // One of its folders alone.
    let r = dealguard(t.path(), &["verify", "Maildir/cur", "--format", "json"]);
    ok(&r);
    assert_eq!(json_files(&r.stdout).len(), 2);
    // A folder that is no Maildir is a clear error.
    std::fs::create_dir(t.path().join("photos-2026")).unwrap();
    let r = dealguard(t.path(), &["verify", "photos-2026"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("photos-2026") && r.stderr.contains("Maildir"),
        "{}",
        r.stderr
    );
}

#[test]
fn verify_reads_standard_input_and_an_mbox_given_as_a_file() {
    let t = example_deal();
    let r = dealguard_stdin(
        t.path(),
        &["verify", "-", "--format", "json"],
        lookalike().as_bytes(),
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(json_files(&r.stdout), ["(stdin)"]);
    let r = dealguard_stdin(t.path(), &["verify", "-"], clean().as_bytes());
    ok(&r);
    // An mbox given as a plain argument is split like `--mbox`.
    let mbox = format!(
        "From anna@nordichome.se Mon Dec  7 09:00:00 2026\n{}\nFrom x@nordicnome.se Mon Dec  7 10:00:00 2026\n{}\n",
        clean().replace("\r\n", "\n"),
        lookalike().replace("\r\n", "\n")
    );
    std::fs::write(t.path().join("inbox"), mbox).unwrap();
    let r = dealguard(t.path(), &["verify", "inbox", "--format", "json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(json_files(&r.stdout), ["inbox#1", "inbox#2"]);
}

#[test]
fn verify_reads_an_outlook_msg_file() {
    use dealguard_mail::mail::msg::write::{write, Body, Spec};
    let t = example_deal();
    let spec = Spec {
        subject: "Invoice".into(),
        sender_name: "Anna Lindqvist".into(),
        sender_email: "anna.lindqvist@nordicnome.se".into(),
        body: Some(Body::Unicode(
            "Please find the balance invoice. Kind regards, Anna".into(),
        )),
        ..Spec::default()
    };
    std::fs::write(t.path().join("Invoice.msg"), write(&spec).unwrap()).unwrap();
    let r = dealguard(t.path(), &["verify", "Invoice.msg", "--lang", "en"]);
    assert_eq!(r.code, 4, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("nordicnome.se"), "{}", r.stdout);
    let spec = Spec {
        sender_email: "anna.lindqvist@nordichome.se".into(),
        body: Some(Body::Unicode(
            "Thank you for the report, the photos look good.".into(),
        )),
        ..spec
    };
    std::fs::write(t.path().join("Thanks.msg"), write(&spec).unwrap()).unwrap();
    ok(&dealguard(t.path(), &["verify", "Thanks.msg"]));
}

#[test]
fn verify_says_a_photo_is_not_a_mail() {
    let t = example_deal();
    let jpeg = crate::photos::jpeg(&crate::photos::scene(64, 48, 1), 80);
    std::fs::write(t.path().join("IMG_0001.jpg"), jpeg).unwrap();
    let r = dealguard(t.path(), &["verify", "IMG_0001.jpg"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("IMG_0001.jpg") && r.stderr.contains("not a mail"),
        "{}",
        r.stderr
    );
}
