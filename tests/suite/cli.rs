//! CLI tests: the built binary on fixture folders in a temp dir. Good cases compare produced
//! text with committed snapshots (`DEALGUARD_BLESS=1 cargo test` rewrites them); bad cases
//! live in `tests/fixtures/invalid/<case>/` with an `expect.txt`.

use crate::support;

use std::path::PathBuf;
use support::*;

#[test]
fn contract_snapshots_in_every_language_and_format() {
    let t = fixture("valid", "nordic-home");
    for (lang, format) in [
        ("en+zh", "md"),
        ("en", "md"),
        ("zh", "md"),
        ("en+zh", "html"),
        ("zh", "html"),
    ] {
        let r = dealguard(
            t.path(),
            &["contract", "--lang", lang, "--format", format, "-o", "-"],
        );
        ok(&r);
        snapshot(&format!("nordic-home/contract-{lang}.{format}"), &r.stdout);
    }
}

#[test]
fn bilingual_markdown_has_what_the_issue_asks_for() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(
        t.path(),
        &["contract", "--lang", "en+zh", "--format", "md", "-o", "-"],
    );
    ok(&r);
    let md = &r.stdout;
    let clauses = md.lines().filter(|l| l.starts_with("### ")).count();
    assert!(clauses >= 18, "{clauses} clauses");
    for needle in [
        "Ningbo Hengli Kitchenware Co., Ltd.",
        "宁波恒力厨具有限公司",
        "Nordic Home AB",
        "+86 574 8888 1250",
        "WhatsApp",
        "Trello",
        "第10条",
        "Clause 10",
        "本附件",
    ] {
        assert!(md.contains(needle), "missing {needle}");
    }
    assert!(!md.contains("{{") && !md.contains("{%") && !md.contains("}}"));
}

#[test]
fn check_prints_the_resolved_clause_list() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), &["check"]);
    ok(&r);
    snapshot("nordic-home/check.txt", &r.stdout);
    assert!(!t.path().join("out").exists(), "check writes nothing");
}

#[test]
fn a_set_that_raises_the_approvers_says_so() {
    let t = fixture("valid", "nordic-home");
    let p = t.path().join("deal.yaml");
    let deal = std::fs::read_to_string(&p).unwrap();
    let deal = deal
        .replace("clause_set: standard", "clause_set: strict")
        .replace("approvers: 2 ", "approvers: 1 ");
    std::fs::write(&p, deal).unwrap();
    let r = dealguard(t.path(), &["check"]);
    ok(&r);
    assert!(
        r.stderr.contains("warning: `payment.verification.approvers`: the `strict` set requires at least 2 approvers on each side: the schedule promises 2, not the 1 written here"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("deal.yaml:89:"), "{}", r.stderr);
}

#[test]
fn removing_channels_removes_clauses_and_renumbers() {
    let t = fixture("valid", "no-channels");
    let r = dealguard(t.path(), &["contract", "-o", "-"]);
    ok(&r);
    assert!(!r.stdout.contains("Trello") && !r.stdout.contains("WhatsApp"));
    assert!(!r.stdout.contains("第"), "English only");
    snapshot("no-channels/contract-en.md", &r.stdout);
}

#[test]
fn company_overlay_shows_in_list_check_and_contract() {
    let t = fixture("valid", "company-overlay");
    let list = dealguard(t.path(), &["clauses", "list"]);
    ok(&list);
    let line = |id: &str| {
        list.stdout
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id} not listed"))
            .to_string()
    };
    assert!(
        line("payment-verification").contains("legal"),
        "{}",
        line("payment-verification")
    );
    assert!(line("export-control").contains("legal"));
    assert!(line("bank-details").contains("built-in"));
    let check = dealguard(t.path(), &["check"]);
    ok(&check);
    assert!(check.stdout.contains("export-control"));
    let c = dealguard(t.path(), &["contract", "-o", "-"]);
    ok(&c);
    assert!(c.stdout.contains("treasury policy") && c.stdout.contains("Export control"));
    assert!(c.stdout.contains("| `payment-verification` | 2 |"));
    snapshot("company-overlay/contract-en+zh.md", &c.stdout);
}

#[test]
fn ejected_clauses_reproduce_the_builtin_contract_exactly() {
    let t = fixture("valid", "nordic-home");
    let before = dealguard(
        t.path(),
        &["contract", "--format", "md,html", "-o", "before"],
    );
    ok(&before);
    ok(&dealguard(t.path(), &["eject", "company"]));
    assert!(t.path().join("company/clauses/sets/standard.yaml").exists());
    // A second eject refuses to overwrite.
    assert_eq!(dealguard(t.path(), &["eject", "company"]).code, 1);
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        deal.replace("clause_dirs: []", "clause_dirs: [company/clauses]"),
    )
    .unwrap();
    let list = dealguard(t.path(), &["clauses", "list"]);
    assert!(list.stdout.contains("company/clauses"), "{}", list.stdout);
    ok(&dealguard(
        t.path(),
        &["contract", "--format", "md,html", "-o", "after"],
    ));
    for f in [
        "NH-2026-0148-contract-en+zh.md",
        "NH-2026-0148-contract-en+zh.html",
    ] {
        let a = std::fs::read(t.path().join("before").join(f)).unwrap();
        let b = std::fs::read(t.path().join("after").join(f)).unwrap();
        assert!(a == b, "{f} differs after eject");
    }
}

#[test]
fn default_output_goes_to_out_beside_the_deal() {
    let t = fixture("valid", "nordic-home");
    let elsewhere = tempfile::tempdir().unwrap();
    let deal = t.path().join("deal.yaml");
    let r = dealguard(
        elsewhere.path(),
        &[
            "--deal",
            deal.to_str().unwrap(),
            "contract",
            "--format",
            "md,html",
        ],
    );
    ok(&r);
    assert!(t
        .path()
        .join("out/NH-2026-0148-contract-en+zh.md")
        .is_file());
    assert!(t
        .path()
        .join("out/NH-2026-0148-contract-en+zh.html")
        .is_file());
    assert!(r.stderr.contains("wrote "));
    // Same input, same bytes.
    let first = std::fs::read(t.path().join("out/NH-2026-0148-contract-en+zh.html")).unwrap();
    ok(&dealguard(
        elsewhere.path(),
        &[
            "--deal",
            deal.to_str().unwrap(),
            "contract",
            "--format",
            "html",
        ],
    ));
    assert_eq!(
        first,
        std::fs::read(t.path().join("out/NH-2026-0148-contract-en+zh.html")).unwrap()
    );
}

#[test]
fn profile_strings_are_escaped_in_every_format() {
    let t = fixture("valid", "nordic-home");
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        // A legal name refuses markup (`check`); an address is printed, escaped.
        deal.replace(
            "address: Stora Nygatan 12, 111 27 Stockholm, Sweden",
            "address: \"<b>A&B</b> *Home*\"",
        ),
    )
    .unwrap();
    let html = dealguard(t.path(), &["contract", "--format", "html", "-o", "-"]);
    ok(&html);
    assert!(html.stdout.contains("&lt;b&gt;A&amp;B&lt;/b&gt; *Home*"));
    assert!(!html.stdout.contains("<b>A"));
    let md = dealguard(t.path(), &["contract", "--format", "md", "-o", "-"]);
    ok(&md);
    assert!(md.stdout.contains("\\<b\\>A\\&B\\</b\\> \\*Home\\*"));
    assert!(!md.stdout.contains("<b>A"));
}

#[test]
fn init_writes_a_deal_that_check_and_contract_accept() {
    let t = tempfile::tempdir().unwrap();
    let init = dealguard(t.path(), &["init", "new-deal"]);
    ok(&init);
    assert!(init.stdout.contains("verify MAIL.eml"), "{}", init.stdout);
    let dir = t.path().join("new-deal");
    ok(&dealguard(&dir, &["check", "reports/2026-W49.yaml"]));
    ok(&dealguard(&dir, &["contract"]));
    assert!(dir.join("out").read_dir().unwrap().count() == 1);
    ok(&dealguard(&dir, &["build"]));
    assert!(dir
        .join("out/NH-2026-0148-report-2026-W49-en+zh.pdf")
        .is_file());
    let again = dealguard(t.path(), &["init", "new-deal"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn coverage_flags_gaps() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), &["clauses", "coverage"]);
    ok(&r);
    assert!(r.stdout.contains("all 18 topics covered"));
    assert!(r.stdout.lines().any(|l| l.starts_with("bank-details")
        && l.contains("9 payment-terms, 10 bank-details, 11 payment-verification")));
    let deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    std::fs::write(
        t.path().join("deal.yaml"),
        deal.replace("remove: []", "remove: [record-keeping]"),
    )
    .unwrap();
    let r = dealguard(t.path(), &["clauses", "coverage"]);
    assert_eq!(r.code, 1);
    assert!(r
        .stdout
        .lines()
        .any(|l| l.starts_with("records") && l.contains("MISSING")));
}

#[test]
fn clauses_work_without_a_deal() {
    let t = tempfile::tempdir().unwrap();
    let r = dealguard(t.path(), &["clauses", "list", "--set", "strict"]);
    ok(&r);
    assert!(r.stdout.contains("breach-remedies"));
    let r = dealguard(t.path(), &["clauses", "show", "payment-verification"]);
    ok(&r);
    assert!(r
        .stdout
        .contains("{{ payment.verification.callback_phone }}"));
    let r = dealguard(t.path(), &["clauses", "show", "payment-verificaton"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did you mean `payment-verification`?"));
}

#[test]
fn show_renders_a_clause_for_the_deal() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(
        t.path(),
        &["clauses", "show", "bank-details", "--lang", "zh"],
    );
    ok(&r);
    assert!(r.stdout.contains("10. 指定收款账户"));
    assert!(r.stdout.contains("BKCHCNBJ92A"));
}

#[test]
fn every_command_help_ends_with_an_example() {
    let t = tempfile::tempdir().unwrap();
    for cmd in [
        "init",
        "check",
        "contract",
        "letter",
        "reply",
        "build",
        "report",
        "clauses",
        "clauses list",
        "clauses show",
        "clauses coverage",
        "licenses",
        "eject",
        "completions",
    ] {
        let mut args: Vec<&str> = cmd.split(' ').collect();
        args.push("--help");
        let r = dealguard(t.path(), &args);
        ok(&r);
        assert!(r.stdout.contains("Example"), "{cmd} --help has no example");
    }
    assert_eq!(
        dealguard(t.path(), &["contract", "--format", "pdfx"]).code,
        2
    );
}

/// The `[possible values: …]` of an option in a command's short help.
fn possible_values(help: &str, option: &str) -> Vec<String> {
    let start = help
        .find(&format!("{option} <"))
        .unwrap_or_else(|| panic!("no {option} in\n{help}"));
    let rest = &help[start..];
    let list = rest
        .find("[possible values: ")
        .map(|i| &rest[i + 18..])
        .unwrap_or_else(|| panic!("{option} lists no values"));
    let end = list.find(']').unwrap();
    list[..end].split(", ").map(str::to_string).collect()
}

#[test]
fn each_command_help_lists_exactly_the_values_it_accepts() {
    let t = tempfile::tempdir().unwrap();
    let help = |cmd: &str| {
        let r = dealguard(t.path(), &[cmd, "-h"]);
        ok(&r);
        r.stdout
    };
    let contract = help("contract");
    assert_eq!(
        possible_values(&contract, "--format"),
        ["md", "html", "pdf", "docx"]
    );
    assert_eq!(
        possible_values(&contract, "--layout"),
        ["columns", "stacked"]
    );
    let letter = help("letter");
    assert_eq!(
        possible_values(&letter, "--format"),
        ["md", "txt", "html", "eml", "pdf", "docx"]
    );
    let reply = help("reply");
    assert_eq!(possible_values(&reply, "--format"), ["md", "txt", "html"]);
    assert_eq!(possible_values(&reply, "--tone"), ["formal", "warm"]);
    for h in [&contract, &letter, &reply] {
        assert!(h.contains("--lang <en|zh|en+zh|zh+en>"), "{h}");
    }
    // The order rule is documented where the option is.
    let long = dealguard(t.path(), &["contract", "--help"]);
    assert!(
        long.stdout.contains("the first language leads"),
        "{}",
        long.stdout
    );
    assert!(long.stdout.contains("`zh+en` = Chinese first"));
}

/// Runs a usage error in a deal folder: exit 2, clap's message, nothing read or written.
fn usage_error(args: &[&str], wants: &[&str]) {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), args);
    assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
    for want in wants {
        assert!(
            r.stderr.contains(want),
            "{args:?}: no {want:?} in\n{}",
            r.stderr
        );
    }
    assert!(r.stdout.is_empty());
    assert!(!t.path().join("out").exists(), "{args:?} wrote out/");
}

#[test]
fn usage_errors_exit_2_with_clap_message() {
    usage_error(
        &["contract", "--format", "eml"],
        &[
            "invalid value 'eml' for '--format <FORMAT>'",
            "[possible values: md, html, pdf, docx]",
        ],
    );
    usage_error(
        &["contract", "--lang", "fr"],
        &["invalid value 'fr' for '--lang", "unknown language `fr`"],
    );
    usage_error(
        &["reply", "--format", "pdf"],
        &["invalid value 'pdf'", "[possible values: md, txt, html]"],
    );
    usage_error(
        &["reply", "--date", "2026-13-40"],
        &[
            "invalid value '2026-13-40' for '--date <YYYY-MM-DD>'",
            "is not a date",
        ],
    );
    usage_error(
        &["build", "--jobs", "0"],
        &["invalid value '0' for '--jobs <N>'"],
    );
    usage_error(
        &["reply", "--date", "2026-+1-+5"],
        &["`2026-+1-+5` is not a date"],
    );
    usage_error(
        &["reply", "--tone", "rude"],
        &["[possible values: formal, warm]"],
    );
    usage_error(
        &["contract", "--format", "md,html", "-o", "-"],
        &["`-o -` prints one format", "Usage: dealguard contract"],
    );
    usage_error(
        &["letter", "--format", "pdf", "-o", "-"],
        &["a PDF cannot go to standard output"],
    );
    usage_error(
        &["report", "reports/2026-W49.yaml", "-o", "-"],
        &["a PDF cannot go to standard output"],
    );
    usage_error(&["completions", "tcsh"], &["invalid value 'tcsh'"]);
}

#[test]
fn the_first_language_leads() {
    let t = fixture("valid", "nordic-home");
    let r = dealguard(t.path(), &["contract", "--lang", "zh+en"]);
    ok(&r);
    let md = std::fs::read_to_string(t.path().join("out/NH-2026-0148-contract-zh+en.md")).unwrap();
    // Clause 1.1 in Chinese, then in English.
    let zh = md.find("**1.1** 本附件").unwrap();
    let en = md.find("**1.1** In this Schedule").unwrap();
    assert!(zh < en, "Chinese does not come first");
}

#[test]
fn completions_name_every_command() {
    let t = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = dealguard(t.path(), &["completions", shell]);
        ok(&r);
        for cmd in [
            "contract",
            "letter",
            "reply",
            "report",
            "build",
            "clauses",
            "completions",
        ] {
            assert!(r.stdout.contains(cmd), "{shell} completions lack {cmd}");
        }
        assert!(r.stdout.contains("dealguard"));
    }
    // Values come from the per-command enums.
    let bash = dealguard(t.path(), &["completions", "bash"]).stdout;
    assert!(
        bash.contains("md html pdf"),
        "contract formats not completed"
    );
}

/// Runs every case of `tests/fixtures/invalid/`: exit code, messages, and nothing written.
#[test]
fn invalid_inputs_give_located_errors_and_write_nothing() {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect = std::fs::read_to_string(case.join("expect.txt")).unwrap();
        let mut lines = expect.lines();
        let args: Vec<&str> = lines
            .next()
            .unwrap()
            .trim_start_matches("args:")
            .split_whitespace()
            .collect();
        let exit: i32 = lines
            .next()
            .unwrap()
            .trim_start_matches("exit:")
            .trim()
            .parse()
            .unwrap();
        let t = fixture("invalid", &name);
        // Inputs too big or too special to commit are made here.
        let mut rest: Vec<&str> = Vec::new();
        for l in lines {
            match l
                .strip_prefix("setup: ")
                .map(|x| x.split_whitespace().collect::<Vec<_>>())
            {
                Some(w) if w.first() == Some(&"pad") => {
                    let f = std::fs::OpenOptions::new()
                        .append(true)
                        .open(t.path().join(w[1]))
                        .unwrap();
                    f.set_len(w[2].parse().unwrap()).unwrap();
                }
                #[cfg(unix)]
                Some(w) if w.first() == Some(&"symlink") => {
                    let link = t.path().join(w[1]);
                    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
                    std::os::unix::fs::symlink(w[2], link).unwrap();
                }
                Some(w) if w.first() == Some(&"fifo") => {
                    let p = t.path().join(w[1]);
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    assert!(std::process::Command::new("mkfifo")
                        .arg(&p)
                        .status()
                        .unwrap()
                        .success());
                }
                Some(w) => panic!("{name}: unknown setup {w:?}"),
                None => rest.push(l),
            }
        }
        let lines = rest.into_iter();
        let before = std::fs::read(t.path().join("deal.yaml")).ok();
        let started = std::time::Instant::now();
        let r = dealguard(t.path(), &args);
        let took = started.elapsed();
        if r.code != exit {
            failures.push(format!(
                "{name}: exit {} instead of {exit}\n{}",
                r.code, r.stderr
            ));
            continue;
        }
        for want in lines.filter(|l| !l.is_empty()) {
            if !r.stderr.contains(want) {
                failures.push(format!("{name}: stderr lacks {want:?}\n{}", r.stderr));
            }
        }
        if r.stderr.contains("panicked") {
            failures.push(format!("{name}: panicked"));
        }
        if t.path().join("out").is_dir() || t.path().join("deal/out").exists() {
            failures.push(format!("{name}: wrote out/"));
        }
        if std::fs::read(t.path().join("deal.yaml")).ok() != before {
            failures.push(format!("{name}: deal.yaml changed"));
        }
        // A generous bound: each case normally takes a few milliseconds.
        if took.as_secs() >= 5 {
            failures.push(format!("{name}: took {took:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    // The reader is gone before the program starts (as `| head` after its lines), so every
    // write fails with a broken pipe.
    let dir = root().join("examples/nordic-home");
    for args in [
        &["clauses", "list"][..],
        &["check"][..],
        &["contract", "--format", "md", "-o", "-"][..],
        &["clauses", "show", "payment-verification"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .args(args)
            .current_dir(&dir)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

/// The example deal with two warnings of the profile's own checks: a seller domain on free
/// mail, a buyer with no signatory.
fn deal_with_warnings() -> tempfile::TempDir {
    let t = fixture("valid", "nordic-home");
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let edited = yaml
        .replacen(
            "email_domains: [hengli-kitchen.com]",
            "email_domains: [hengli-kitchen.com, msn.com]",
            1,
        )
        .replacen(
            "  signatory:\n    name: Karin Holm\n    title: Chief Executive Officer\n    title_local: 首席执行官\n",
            "",
            1,
        );
    assert!(edited.contains(", msn.com]") && !edited.contains("Karin Holm"));
    std::fs::write(&path, edited).unwrap();
    t
}

const SUMMARY: &str = "deal.yaml: 2 warnings — `dealguard check` shows them";

#[test]
fn commands_other_than_check_count_the_profiles_warnings_in_one_line() {
    let t = deal_with_warnings();
    for args in [&["status"][..], &["build"], &["contract", "-o", "-"]] {
        let r = dealguard(t.path(), args);
        ok(&r);
        assert_eq!(
            r.stderr.matches(SUMMARY).count(),
            1,
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("warning:"), "{args:?}: {}", r.stderr);
        // `-q` (anywhere: it is global) leaves the line out.
        let quiet = dealguard(t.path(), &[&["-q"][..], args].concat());
        ok(&quiet);
        assert!(
            !quiet.stderr.contains("warning"),
            "{args:?}: {}",
            quiet.stderr
        );
        let quiet = dealguard(t.path(), &[args, &["--quiet"][..]].concat());
        assert!(
            !quiet.stderr.contains("warning"),
            "{args:?}: {}",
            quiet.stderr
        );
    }
    // `check` prints every one in full, and no count.
    let r = dealguard(t.path(), &["check", "-q"]);
    ok(&r);
    assert!(
        r.stderr
            .contains("warning: `seller.email_domains[1]`: `msn.com` is a free mail service"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("warning: `buyer`: has no `signatory`"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(SUMMARY), "{}", r.stderr);
    // The path as the user gave it, and the command that shows them; one warning, singular.
    let one = std::fs::read_to_string(t.path().join("deal.yaml"))
        .unwrap()
        .replacen(", msn.com]", "]", 1);
    std::fs::create_dir(t.path().join("d")).unwrap();
    std::fs::write(t.path().join("d/deal.yaml"), one).unwrap();
    let r = dealguard(t.path(), &["--deal", "d/deal.yaml", "status"]);
    ok(&r);
    assert!(
        r.stderr
            .contains("d/deal.yaml: 1 warning — `dealguard --deal d/deal.yaml check` shows it"),
        "{}",
        r.stderr
    );
}

#[test]
fn errors_and_warnings_about_the_commands_own_files_still_print_in_full() {
    let t = deal_with_warnings();
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    // A character no font draws, in a text the PDF shows: about this command's output.
    let pua = yaml.replacen("宁波恒力厨具有限公司", "宁波恒力\u{E000}厨具有限公司", 1);
    assert_ne!(pua, yaml);
    std::fs::write(&path, &pua).unwrap();
    let r = dealguard(t.path(), &["-q", "contract", "--format", "pdf"]);
    ok(&r);
    assert!(
        r.stderr
            .contains("warning: `seller.name_local`: no font has"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("free mail"), "{}", r.stderr);
    // An error is never counted away, with `-q` neither; the warnings beside it are.
    let bad = yaml.replacen("phone: \"+46 8 555 010 00\"", "phone: \"call me\"", 1);
    assert_ne!(bad, yaml);
    std::fs::write(&path, bad).unwrap();
    for quiet in [false, true] {
        let args: &[&str] = if quiet {
            &["-q", "status"]
        } else {
            &["status"]
        };
        let r = dealguard(t.path(), args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("error: `buyer.phone`: `call me` does not look like a phone number"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("warning:"), "{}", r.stderr);
        assert_eq!(r.stderr.contains(SUMMARY), !quiet, "{}", r.stderr);
    }
}

#[test]
fn check_suggests_buyer_languages_for_a_zh_first_deal_abroad() {
    let t = fixture("valid", "shenzhen-zh");
    let r = dealguard(t.path(), &["check"]);
    ok(&r);
    let want = "warning: `buyer.languages`: is not set: the letter, the replies and the report mails lead in Chinese (the deal's languages) for a buyer in `US`";
    assert!(r.stderr.contains(want), "{}", r.stderr);
    assert!(
        r.stderr.contains("add `languages: [en, zh]`"),
        "{}",
        r.stderr
    );
    // Located where the field goes: in the buyer's mapping (its first line, as for other
    // fields a party lacks).
    let yaml = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let buyer = yaml.lines().position(|l| l == "buyer:").unwrap() + 2;
    let at = format!("deal.yaml:{buyer}:");
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with(&at) && l.ends_with(want)),
        "{}",
        r.stderr
    );
    // Not for a buyer in China, nor once the field is written.
    for (from, to) in [
        ("  country: US\n", "  country: CN\n"),
        ("  country: US\n", "  country: US\n  languages: [zh, en]\n"),
    ] {
        let edited = yaml.replacen(from, to, 1);
        assert_ne!(edited, yaml);
        std::fs::write(t.path().join("deal.yaml"), edited).unwrap();
        let r = dealguard(t.path(), &["check"]);
        ok(&r);
        assert!(!r.stderr.contains("buyer.languages"), "{to}: {}", r.stderr);
    }
}

#[test]
fn a_tab_is_reported_at_the_tab() {
    let t = example_deal();
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = yaml.lines().collect();
    let at = |n: usize, edit: &dyn Fn(&str) -> String| {
        let mut v: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        v[n - 1] = edit(lines[n - 1]);
        v.join("\n") + "\n"
    };
    // (file text, where the tab is)
    let cases = [
        // The whole indentation (the scanner stops on the line above).
        (at(20, &|l| format!("\t{}", &l[2..])), (20, 1)),
        // After two spaces.
        (at(25, &|l| format!("  \t{}", &l[4..])), (25, 3)),
        // Between key and value.
        (at(17, &|l| l.replacen("name: ", "name:\t", 1)), (17, 8)),
        // After a list dash.
        (at(25, &|l| l.replacen("- name", "-\tname", 1)), (25, 6)),
    ];
    for (text, (line, col)) in cases {
        std::fs::write(&path, &text).unwrap();
        let r = dealguard(t.path(), &["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let want = format!("deal.yaml:{line}:{col}: error: YAML syntax error: a tab");
        assert!(r.stderr.contains(&want), "{want}: {}", r.stderr);
        assert!(
            r.stderr.contains("hint: replace the tab with spaces"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("quotes"), "{}", r.stderr);
    }
}

#[test]
fn a_file_in_another_encoding_says_which() {
    use encoding_rs::{BIG5, GBK, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let t = example_deal();
    let path = t.path().join("deal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    // The first non-ASCII character of the example is on the seller's Chinese name.
    let first = yaml.lines().position(|l| !l.is_ascii()).unwrap() + 1;
    let col = yaml
        .lines()
        .nth(first - 1)
        .unwrap()
        .find(|c: char| !c.is_ascii())
        .unwrap()
        + 1;
    let traditional = yaml.replace("宁波恒力厨具有限公司", "寧波恆力廚具有限公司");
    let latin = yaml.replace("Nordic Home AB", "Nordic Höme AB");
    let utf16 = |e: &'static encoding_rs::Encoding, bom: bool| {
        let mut b: Vec<u8> = Vec::new();
        for u in yaml.encode_utf16() {
            b.extend(if e == UTF_16LE {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        let mark: &[u8] = match (bom, e == UTF_16LE) {
            (false, _) => &[],
            (true, true) => &[0xFF, 0xFE],
            (true, false) => &[0xFE, 0xFF],
        };
        [mark, &b].concat()
    };
    let cases: Vec<(Vec<u8>, String, &str)> = vec![
        (
            GBK.encode(&yaml).0.into_owned(),
            format!("{first}:{col}"),
            "GBK (or GB18030)",
        ),
        (
            BIG5.encode(&traditional).0.into_owned(),
            format!("{first}:{col}"),
            "Big5",
        ),
        (
            utf16(UTF_16LE, true),
            "1:1".into(),
            "UTF-16 (with a byte-order mark)",
        ),
        (
            utf16(UTF_16BE, true),
            "1:1".into(),
            "UTF-16 (with a byte-order mark)",
        ),
        (
            utf16(UTF_16LE, false),
            "1:1".into(),
            "UTF-16 (without a byte-order mark)",
        ),
        (
            utf16(UTF_16BE, false),
            "1:1".into(),
            "UTF-16 (without a byte-order mark)",
        ),
        (
            WINDOWS_1252
                .encode(&latin.replace(|c: char| !c.is_ascii() && c != 'ö', "?"))
                .0
                .into_owned(),
            String::new(),
            "windows-1252 (Western European)",
        ),
    ];
    for (bytes, at, looks) in cases {
        std::fs::write(&path, &bytes).unwrap();
        let r = dealguard(t.path(), &["check"]);
        assert_eq!(r.code, 1, "{looks}: {}", r.stderr);
        let want = format!(
            "error: is not UTF-8 text: it looks like {looks}\n  hint: save the file as UTF-8"
        );
        assert!(r.stderr.contains(&want), "{looks}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("deal.yaml:{at}")),
            "{looks} at {at}: {}",
            r.stderr
        );
    }
}
