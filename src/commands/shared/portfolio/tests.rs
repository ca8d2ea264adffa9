//! The portfolio's rows from the fixture deals of `tests/fixtures/portfolio/` (a weekly deal
//! reported up to 2026-W51 and still a draft, one last reported in 2026-W49, one whose
//! profile has an error), and the search for deal folders in a folder made here.

use super::*;
use std::fs;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio")
}

fn day(s: &str) -> Ymd {
    Ymd::parse(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

fn row_of(deal: &str, today: &str) -> DealRow {
    let profile = fixtures().join(deal).join("deal.yaml");
    match row(&profile, day(today)) {
        Ok(r) => r,
        Err(p) => panic!("{deal}: {:?}", problem_lines(&p)),
    }
}

#[test]
fn a_report_is_late_only_after_its_report_day() {
    // Last report 2026-W49, weekly on Fridays: 2026-W50's report day is Friday 11 December.
    let next = Some((
        "2026-W50".to_string(),
        day("2026-12-11"),
        "the week after the latest report".to_string(),
    ));
    for (today, late) in [
        ("2026-12-10", false),
        ("2026-12-11", false),
        ("2026-12-12", true),
    ] {
        let r = row_of("nordic-home", today);
        assert_eq!(r.next_report, next, "{today}");
        assert_eq!(r.late, late, "on {today}");
    }
}

#[test]
fn only_late_depends_on_today() {
    let (a, b) = (
        row_of("nordic-home", "2026-12-01"),
        row_of("nordic-home", "2027-02-01"),
    );
    assert!(!a.late && b.late);
    assert_eq!(DealRow { late: false, ..b }, a);
}

#[test]
fn a_row_has_the_last_weeks_facts() {
    let r = row_of("nordic-home", "2026-12-20");
    assert_eq!(
        (r.deal_id.as_str(), r.buyer.as_str()),
        ("NH-2026-0148", "Nordic Home AB")
    );
    assert_eq!(r.last_week.as_deref(), Some("2026-W49"));
    assert_eq!(r.last_status, Some("at_risk"));
    assert_eq!(r.ship_by.raw, "2027-01-15");
    assert_eq!(
        r.forecast_ship.as_ref().map(|d| d.raw.as_str()),
        Some("2027-01-18")
    );
    assert_eq!(r.slip_days(), Some(3));
    // Weighted by the stages' planned days, as `status` and the report print it.
    let (p, a) = (r.planned.unwrap_or(-1.0), r.actual.unwrap_or(-1.0));
    assert!(
        (p - 27.4).abs() < 0.05 && (a - 27.5).abs() < 0.05,
        "{p} {a}"
    );
    assert_eq!(
        r.buyer_actions,
        [
            "Approve overtime cost for 12–13 Dec by 9 Dec",
            "Confirm handle sample by 9 Dec"
        ]
    );
    assert_eq!((r.errors, r.warnings, r.drafts), (0, 0, 0));
    assert!(r.problems.is_empty());
    assert_eq!(r.dir, fixtures().join("nordic-home"));
}

#[test]
fn buyer_actions_are_in_the_deals_first_language_and_drafts_are_counted() {
    // A Chinese-first deal whose latest week still says FILL IN in two places.
    let r = row_of("shenzhen-zh", "2026-12-20");
    assert_eq!(r.last_week.as_deref(), Some("2026-W51"));
    assert_eq!(r.last_status, Some("on_track"));
    assert_eq!(r.buyer_actions, ["请于12月23日前确认外箱唛头"]);
    assert_eq!(r.slip_days(), Some(0));
    assert_eq!(r.drafts, 1);
    assert_eq!(r.next_report.as_ref().map(|n| n.1), Some(day("2026-12-25")));
    assert!(!r.late);
    // The profile's warning and the week's three fields still to fill, as `check` says them.
    assert_eq!((r.errors, r.warnings), (0, 4), "{:?}", r.problems);
    assert!(r
        .problems
        .iter()
        .any(|l| l.ends_with("warning: `summary.zh`: still says `FILL IN`")));
    assert!(r
        .problems
        .iter()
        .any(|l| l.contains("warning: `buyer.languages`")));
    assert!(r.problems.iter().all(|l| !l.contains('\n')));
}

#[test]
fn a_profile_that_does_not_load_is_a_row_of_its_own() {
    let rows = portfolio(&fixtures(), day("2026-12-20"));
    let ids: Vec<String> = rows
        .iter()
        .map(|r| match r {
            Ok(r) => r.deal_id.clone(),
            Err((p, _)) => p.display().to_string(),
        })
        .collect();
    let broken = fixtures().join("clients/broken/deal.yaml");
    assert_eq!(
        ids,
        [
            broken.display().to_string(),
            "NH-2026-0148".into(),
            "SZ-2027-0031".into()
        ]
    );
    let Some(Err((_, p))) = rows.first() else {
        panic!("the broken deal is not first");
    };
    let lines = problem_lines(p);
    assert_eq!(p.error_count(), 1);
    assert!(lines[0].ends_with("deal.yaml:22:10: error: `seller.phone`: `ask Li Wei` does not look like a phone number"), "{lines:?}");
}

/// A copy of the nordic-home fixture in a temporary folder.
fn copy_nordic() -> tempfile::TempDir {
    let t = tempfile::tempdir().expect("temp dir");
    let from = fixtures().join("nordic-home");
    fs::create_dir(t.path().join("reports")).expect("reports/");
    for f in ["deal.yaml", "reports/2026-W49.yaml"] {
        fs::copy(from.join(f), t.path().join(f)).expect("copy");
    }
    t
}

#[test]
fn a_week_file_that_does_not_load_is_written_and_its_errors_are_the_rows() {
    let t = copy_nordic();
    let w49 = fs::read_to_string(t.path().join("reports/2026-W49.yaml")).expect("read");
    let w50 = w49
        .replace("week: 2026-W49", "week: 2026-W50")
        .replace("status: at_risk", "status: late");
    fs::write(t.path().join("reports/2026-W50.yaml"), w50).expect("write");
    let r = row(&t.path().join("deal.yaml"), day("2026-12-18")).expect("the profile loads");
    assert_eq!(r.last_week.as_deref(), Some("2026-W49"));
    // 2026-W50 is written, if broken: the next report is 2026-W51's, on Friday 18 December.
    let next = r.next_report.as_ref().map(|n| (n.0.as_str(), n.1));
    assert_eq!(next, Some(("2026-W51", day("2026-12-18"))));
    assert!(!r.late);
    assert_eq!(r.errors, 1, "{:?}", r.problems);
    assert_eq!(r.error_lines().len(), 1);
    assert!(
        r.error_lines()[0].contains("2026-W50.yaml:"),
        "{:?}",
        r.problems
    );
}

#[test]
fn a_deal_without_week_files_expects_the_signing_weeks_report() {
    let t = copy_nordic();
    fs::remove_file(t.path().join("reports/2026-W49.yaml")).expect("remove");
    let r = row(&t.path().join("deal.yaml"), day("2026-11-27")).expect("the profile loads");
    assert_eq!(
        (r.last_week.as_ref(), r.planned, r.forecast_ship.as_ref()),
        (None, None, None)
    );
    assert!(r.buyer_actions.is_empty());
    assert_eq!(r.slip_days(), None);
    // Signed Friday 20 November 2026: that week's report day is the signing day.
    let next = r.next_report.as_ref().map(|n| (n.0.as_str(), n.1));
    assert_eq!(next, Some(("2026-W47", day("2026-11-20"))));
    assert!(r.late);
}

fn touch(p: &Path) {
    fs::create_dir_all(p.parent().expect("parent")).expect("folders");
    fs::write(p, "deal: {}\n").expect("write");
}

#[test]
fn deals_are_found_two_levels_down_sorted_and_confined() {
    let t = tempfile::tempdir().expect("temp dir");
    let root = t.path().join("deals");
    for p in [
        "deal.yaml",
        "b/deal.yaml",
        "a/x/deal.yaml",
        "a/x/y/deal.yaml", // three levels down
        "out/deal.yaml",
        "a/out/deal.yaml",
        ".archive/deal.yaml",
        "a/.old/deal.yaml",
    ] {
        touch(&root.join(p));
    }
    fs::create_dir_all(root.join("c/deal.yaml")).expect("a folder named deal.yaml");
    touch(&t.path().join("elsewhere/deal.yaml"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(t.path().join("elsewhere"), root.join("linked-out")).expect("link");
        fs::create_dir_all(root.join("d")).expect("d/");
        symlink(
            t.path().join("elsewhere/deal.yaml"),
            root.join("d/deal.yaml"),
        )
        .expect("link");
        // A link inside DIR: the deal is listed once, under its first path.
        symlink(root.join("b"), root.join("z-same-as-b")).expect("link");
    }
    let found = find_deals(&root);
    let want: Vec<PathBuf> = ["a/x/deal.yaml", "b/deal.yaml", "deal.yaml"]
        .iter()
        .map(|p| root.join(p))
        .collect();
    assert_eq!(found, want);
    assert!(find_deals(&t.path().join("missing")).is_empty());
}
