//! `status --all DIR`: the portfolio in the terminal, read line by line from the deals of
//! `tests/fixtures/portfolio/` — a Chinese-first weekly deal reported up to 2026-W51 (a draft),
//! one last reported in 2026-W49 (late by 20 December), and `clients/broken`, whose profile
//! has an error.

use crate::support::{copy_dir, dealguard, ok, root};

const DIR: &str = "tests/fixtures/portfolio";

/// Terminal columns: two for the wide Chinese characters the fixtures use, one otherwise.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff01}'..='\u{ff60}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// A table line's cells: the texts between runs of two or more spaces.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn one_line_per_deal_sorted_with_the_late_one_marked_and_the_broken_one_listed() {
    let r = dealguard(&root(), &["status", "--all", DIR, "--today", "2026-12-20"]);
    ok(&r);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        cells(lines[0]),
        [
            "deal",
            "buyer",
            "last report",
            "done/plan %",
            "ship by",
            "slip",
            "next report",
            "actions",
            "err/warn"
        ]
    );
    // Sorted by path: clients/broken, nordic-home, shenzhen-zh.
    assert_eq!(
        cells(lines[1]),
        [
            "clients/broken/deal.yaml",
            "profile does not load: 1 error (below)"
        ]
    );
    assert_eq!(
        cells(lines[2]),
        [
            "NH-2026-0148",
            "Nordic Home AB",
            "2026-W49 at_risk",
            "27.5/27.4",
            "2027-01-15 +3d",
            "2026-W50 12-11 LATE",
            "2",
            "0/0"
        ]
    );
    // On time (2026-W52's report day is 25 December), forecast on the contract's date, one
    // open buyer action (the FILL IN one is not an action), the profile's warning and three
    // fields to fill. The US buyer's name is cut to the column.
    assert_eq!(
        cells(lines[3]),
        [
            "SZ-2027-0031",
            "Lakeside Audio …",
            "2026-W51 on_track",
            "54.9/54.9",
            "2027-01-15",
            "2026-W52 12-25",
            "1",
            "0/4"
        ]
    );
    assert_eq!(lines[4], "");
    for l in &lines {
        assert!(columns(l) <= 120, "{} columns: {l}", columns(l));
    }
    // Under the table: the broken deal's error, located (from the deal's folder), and each
    // deal's open buyer actions, the Chinese-first deal's in Chinese.
    let below = lines[5..].join("\n");
    let broken = "clients/broken/deal.yaml: profile does not load\n  deal.yaml:22:10: error: `seller.phone`: `ask Li Wei` does not look like a phone number\n";
    assert!(below.starts_with(broken), "{below}");
    assert!(below.contains("\nnordic-home/deal.yaml: NH-2026-0148 (Nordic Home AB)\n  buyer action: Approve overtime cost for 12–13 Dec by 9 Dec\n  buyer action: Confirm handle sample by 9 Dec\n"), "{below}");
    assert!(below.contains("\nshenzhen-zh/deal.yaml: SZ-2027-0031 (Lakeside Audio Inc.)\n  buyer action: 请于12月23日前确认外箱唛头\n  1 week file still says FILL IN\n"), "{below}");
    assert!(!below.contains("FILL IN\n  buyer action"), "{below}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn only_late_depends_on_today_and_the_report_day_itself_is_not_late() {
    let on = |day: &str| dealguard(&root(), &["status", "--all", DIR, "--today", day]).stdout;
    let (before, on_day, after) = (on("2026-12-10"), on("2026-12-11"), on("2026-12-12"));
    assert!(!on_day.contains("LATE"), "{on_day}");
    assert_eq!(before, on_day);
    assert_eq!(
        after,
        on_day.replacen("2026-W50 12-11      ", "2026-W50 12-11 LATE ", 1)
    );
}

#[test]
fn without_dir_the_current_folder_and_the_same_lines() {
    let args = ["status", "--all", "--today", "2026-12-20"];
    let here = dealguard(&root().join(DIR), &args);
    ok(&here);
    let from_root = dealguard(&root(), &[&args[..2], &[DIR], &args[2..]].concat());
    assert_eq!(here.stdout, from_root.stdout);
    assert!(!here.stdout.contains("./"), "{}", here.stdout);
}

#[test]
fn a_deal_folder_itself_and_no_deal_at_all() {
    let r = dealguard(
        &root(),
        &[
            "status",
            "--all",
            "tests/fixtures/portfolio/nordic-home",
            "--today",
            "2026-12-20",
        ],
    );
    ok(&r);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("NH-2026-0148  "))
            .count(),
        1,
        "{}",
        r.stdout
    );
    let t = tempfile::tempdir().unwrap();
    let r = dealguard(t.path(), &["status", "--all", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: no `deal.yaml` in `.` or the two folder levels below it"),
        "{}",
        r.stderr
    );
    let r = dealguard(t.path(), &["status", "--all", "missing"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("failed to read `missing`"),
        "{}",
        r.stderr
    );
}

#[test]
fn today_is_a_date_and_only_with_all() {
    let r = dealguard(&root(), &["status", "--today", "2026-12-20"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = dealguard(&root(), &["status", "--all", DIR, "--today", "20.12.2026"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("is not a date; write it as YYYY-MM-DD"),
        "{}",
        r.stderr
    );
    let r = dealguard(&root(), &["status", "--help"]);
    ok(&r);
    assert!(
        r.stdout
            .contains("dealguard status --all deals --today 2026-12-20"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Only LATE depends on the date"),
        "{}",
        r.stdout
    );
}

#[test]
fn texts_from_the_files_reach_the_terminal_without_control_characters() {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join(DIR).join("nordic-home"), &t.path().join("nh"));
    let week = t.path().join("nh/reports/2026-W49.yaml");
    let text = std::fs::read_to_string(&week).unwrap().replace(
        "Confirm handle sample by 9 Dec, zh",
        "\"Confirm\\e[2J\\e]0;pwned\\a handle sample\", zh",
    );
    std::fs::write(&week, text).unwrap();
    let r = dealguard(t.path(), &["status", "--all", "--today", "2026-12-20"]);
    ok(&r);
    assert!(
        r.stdout.contains("buyer action: Confirm\\u{1b}[2J"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        r.stdout
    );
}
