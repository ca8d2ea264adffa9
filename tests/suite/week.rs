//! The weekly routine: `week new` from the bundled example (carry-over, planned % from the
//! stage dates, new photos with their EXIF dates, never overwriting), fill-in markers that
//! `check` warns about and `report` waits for (or `--draft`, with a DRAFT band), `status`.

use crate::photos::{jpeg, scene};
use crate::support::{copy_dir, dealguard, ok, root};
use lopdf::Document;
use std::path::Path;

/// A JPEG with an EXIF DateTimeOriginal (`YYYY:MM:DD HH:MM:SS`) in the Exif sub-IFD,
/// little-endian (the orientation helper writes big-endian).
fn with_date_taken(jpeg: &[u8], when: &str) -> Vec<u8> {
    assert_eq!(when.len(), 19);
    // IFD0 at 8: one entry, 0x8769 LONG → the Exif IFD at 26; it has one entry, 0x9003 ASCII
    // of 20 bytes at 44.
    let mut tiff = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    tiff.extend_from_slice(&[1, 0, 0x69, 0x87, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(&[1, 0, 0x03, 0x90, 2, 0, 20, 0, 0, 0, 44, 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(when.as_bytes());
    tiff.push(0);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = u16::try_from(app1.len() + 2).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn pdf_text(path: &Path) -> String {
    let doc = Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

/// The example in a temp dir, with one new photo of week 50 (named for its stage) and one of
/// week 48 in reports/photos/.
fn example() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    let photos = t.path().join("reports/photos");
    let base = jpeg(&scene(64, 48, 7), 80);
    std::fs::write(
        photos.join("polishing-line-2.jpg"),
        with_date_taken(&base, "2026:12:08 10:15:00"),
    )
    .unwrap();
    std::fs::write(
        photos.join("old-shot.jpg"),
        with_date_taken(&base, "2026:11:25 09:00:00"),
    )
    .unwrap();
    t
}

#[test]
fn week_new_carries_over_computes_plan_and_lists_new_photos() {
    let t = example();
    let dir = t.path();
    let r = dealguard(dir, &["week", "new"]);
    ok(&r);
    let text = std::fs::read_to_string(dir.join("reports/2026-W50.yaml")).unwrap();
    assert!(text.contains("week: 2026-W50"), "{text}");
    assert!(text.contains("number: 4"), "{text}");
    // Actuals carried from W49; planned from the stage dates on Friday 2026-12-11: cutting
    // runs 2026-11-27 → 2026-12-18, 14 of 21 days = 66.7 %; materials ended 11-27 = 100 %.
    assert!(
        text.contains("- stage: cutting\n    planned: 66.7\n    actual: 35\n"),
        "{text}"
    );
    assert!(
        text.contains("- stage: materials\n    planned: 100\n    actual: 95\n"),
        "{text}"
    );
    assert!(
        text.contains("- stage: polishing\n    planned: 0\n"),
        "{text}"
    );
    // Open items: the plan items due on or after 2026-12-07 (all three), the rivets not yet
    // received, buyer actions and issues; received materials dropped.
    assert!(text.contains("Finish cutting and deep drawing"), "{text}");
    assert!(text.contains("PO-M-2244"), "{text}");
    assert!(!text.contains("PO-M-2231"), "{text}");
    assert!(text.contains("Confirm handle sample by 9 Dec"), "{text}");
    assert!(text.contains("Polishing line 2 down"), "{text}");
    // The new photo with its EXIF date and the stage of its file name; W48's commented out;
    // none of W49's.
    assert!(
        text.contains("  - file: photos/polishing-line-2.jpg\n"),
        "{text}"
    );
    assert!(text.contains("    stage: polishing"), "{text}");
    assert!(text.contains("    taken: 2026-12-08"), "{text}");
    assert!(text.contains("# - file: photos/old-shot.jpg"), "{text}");
    assert!(!text.contains("w49-"), "{text}");
    assert!(
        text.contains("summary:\n  en: \"FILL IN\"\n  zh: \"FILL IN\"\n"),
        "{text}"
    );

    // It checks, with warnings for what is still to fill.
    let r = dealguard(dir, &["check", "reports/2026-W50.yaml"]);
    ok(&r);
    assert!(
        r.stderr
            .contains("warning: `summary.en`: still says `FILL IN`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("photos[0].caption.en"), "{}", r.stderr);
    // Its line says it is a draft, not "ok", and counts in words that agree with the number.
    assert!(
        r.stdout.contains("week 2026-W50 (2026-12-07 – 2026-12-13): report #4, 1 photo, 0 inspections — a draft: "),
        "{}",
        r.stdout
    );

    // Never over an existing file.
    let r = dealguard(dir, &["week", "new", "--week", "2026-W50"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("never overwrites"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("reports/2026-W50.yaml")).unwrap(),
        text
    );
}

#[test]
fn report_waits_for_fill_ins_unless_draft_and_status_lists_weeks() {
    let t = example();
    let dir = t.path();
    ok(&dealguard(dir, &["week", "new"]));
    let r = dealguard(dir, &["report", "reports/2026-W50.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: `summary.en`: still says `FILL IN`"),
        "{}",
        r.stderr
    );
    assert!(
        !dir.join("out").exists() || std::fs::read_dir(dir.join("out")).unwrap().next().is_none()
    );

    // A draft is never mailed, and never has the finished report's name.
    let r = dealguard(
        dir,
        &[
            "report",
            "--draft",
            "--format",
            "pdf,eml",
            "reports/2026-W50.yaml",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a draft is never mailed"), "{}", r.stderr);
    let r = dealguard(dir, &["report", "--draft", "reports/2026-W50.yaml"]);
    ok(&r);
    let pdf = dir.join("out/NH-2026-0148-report-2026-W50-en+zh.pdf");
    let draft_pdf = dir.join("out/NH-2026-0148-report-2026-W50-en+zh-DRAFT.pdf");
    assert!(!pdf.exists());
    let draft = pdf_text(&draft_pdf);
    let pages = Document::load(&draft_pdf).unwrap().get_pages().len();
    assert!(pages >= 2);
    assert_eq!(draft.matches("DRAFT").count(), pages, "{draft}");

    // Filled in, the report is made without a band; W49's report has none either. `build`
    // makes the finished reports and removes the draft they replace.
    let week = dir.join("reports/2026-W50.yaml");
    let filled = std::fs::read_to_string(&week)
        .unwrap()
        .replace("FILL IN", "Polishing started");
    std::fs::write(&week, filled).unwrap();
    ok(&dealguard(dir, &["report", "reports/2026-W50.yaml"]));
    assert!(!pdf_text(&pdf).contains("DRAFT"));
    let r = dealguard(dir, &["build"]);
    ok(&r);
    assert!(!draft_pdf.exists(), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("-DRAFT.pdf: the finished report replaces it"),
        "{}",
        r.stderr
    );

    let r = dealguard(dir, &["status"]);
    ok(&r);
    let rows: Vec<Vec<&str>> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 4, "{}", r.stdout);
    assert_eq!(rows[0], ["week", "status", "planned", "actual", "forecast"]);
    // Overall figures weigh each stage by its planned days (materials 7, cutting 21,
    // polishing 12, assembly 7, packing 4: 51). W49 as written: planned
    // (7·100 + 21·33.3) / 51 = 27.4 %, actual (7·95 + 21·35) / 51 = 27.5 %.
    assert_eq!(
        rows[1],
        ["2026-W49", "at_risk", "27.4%", "27.5%", "2027-01-18"]
    );
    // W50: planned from the dates on 2026-12-11 (7·100 + 21·66.7) / 51, actual carried.
    assert_eq!(
        rows[2],
        ["2026-W50", "at_risk", "41.2%", "27.5%", "2027-01-18"]
    );
    assert_eq!(
        r.stdout.lines().nth(3),
        Some("next report: 2026-W51 (report day 2026-12-18): the week after the latest report"),
        "{}",
        r.stdout
    );
}

#[test]
fn week_new_copies_photos_from_a_folder() {
    let t = example();
    let dir = t.path();
    let phone = tempfile::tempdir().unwrap();
    std::fs::create_dir(phone.path().join("packing")).unwrap();
    let base = jpeg(&scene(48, 32, 3), 80);
    std::fs::write(
        phone.path().join("packing/box.jpg"),
        with_date_taken(&base, "2026:12:10 16:00:00"),
    )
    .unwrap();
    let phone_dir = phone.path().to_str().unwrap();
    let r = dealguard(dir, &["week", "new", "--photos", phone_dir]);
    ok(&r);
    assert!(dir.join("reports/photos/packing/box.jpg").is_file());
    let text = std::fs::read_to_string(dir.join("reports/2026-W50.yaml")).unwrap();
    assert!(
        text.contains("  - file: photos/packing/box.jpg\n"),
        "{text}"
    );
    assert!(text.contains("    stage: packing"), "{text}");
    assert!(text.contains("    taken: 2026-12-10"), "{text}");
    ok(&dealguard(dir, &["check", "reports/2026-W50.yaml"]));
}

#[test]
fn week_new_lists_wechat_photos_without_exif_and_renames_a_clashing_copy() {
    let t = example();
    let dir = t.path();
    let phone = tempfile::tempdir().unwrap();
    // Forwarded through WeChat: no EXIF, and the file time of the day it was saved (after
    // the week).
    let plain = jpeg(&scene(48, 32, 5), 80);
    let wechat = phone.path().join("mmexport1702345678901.jpg");
    std::fs::write(&wechat, &plain).unwrap();
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600); // 2026-01-01
    let set_time = |p: &Path| {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(saved)
            .unwrap();
    };
    set_time(&wechat);
    // A different photo with the name of one already in reports/photos/.
    std::fs::write(
        phone.path().join("w49-cutting-line.jpg"),
        with_date_taken(&jpeg(&scene(48, 32, 9), 80), "2026:12:09 11:00:00"),
    )
    .unwrap();
    let phone_dir = phone.path().to_str().unwrap();
    let r = dealguard(dir, &["week", "new", "--photos", phone_dir]);
    ok(&r);
    assert!(
        r.stderr.contains("copied w49-cutting-line.jpg as ")
            && r.stderr
                .contains("w49-cutting-line-2.jpg: a different photo already has its name"),
        "{}",
        r.stderr
    );
    let copy = dir.join("reports/photos/mmexport1702345678901.jpg");
    // The copy keeps its source's time, so a later `week new` dates it the same way.
    let kept = std::fs::metadata(&copy).unwrap().modified().unwrap();
    assert_eq!(kept, saved);
    let text = std::fs::read_to_string(dir.join("reports/2026-W50.yaml")).unwrap();
    let listed = text.split("\n# Taken outside").next().unwrap();
    assert!(
        listed.contains("  - file: photos/mmexport1702345678901.jpg\n"),
        "{text}"
    );
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("    taken: 2026-01-01 ")
                && l.ends_with(
                    "# no EXIF date (WeChat, screenshot): file time, outside this week: check it"
                )),
        "{text}"
    );
    assert!(
        listed.contains("  - file: photos/w49-cutting-line-2.jpg\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(dir.join("reports/photos/w49-cutting-line.jpg")).unwrap(),
        std::fs::read(root().join("examples/nordic-home/reports/photos/w49-cutting-line.jpg"))
            .unwrap(),
        "the photo already there is never overwritten"
    );
    // Placeholders are quoted, one language a line: a caption with a comma and a colon
    // written over them still reads back.
    assert!(
        text.contains("    caption:\n      en: \"FILL IN\"\n      zh: \"FILL IN\"\n"),
        "{text}"
    );
    let filled = text.replace("FILL IN", "Line 2, after polishing: 0.8 mm");
    std::fs::write(dir.join("reports/2026-W50.yaml"), filled).unwrap();
    let r = dealguard(dir, &["check", "reports/2026-W50.yaml"]);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    // The same folder again: nothing new to copy, the renamed copy is recognised.
    std::fs::remove_file(dir.join("reports/2026-W50.yaml")).unwrap();
    let r = dealguard(dir, &["week", "new", "--photos", phone_dir]);
    ok(&r);
    assert!(!r.stderr.contains("copied"), "{}", r.stderr);
    assert!(!dir.join("reports/photos/w49-cutting-line-3.jpg").exists());
}

#[test]
fn init_shows_the_weekly_routine_and_week_new_follows_its_week() {
    let t = tempfile::tempdir().unwrap();
    let r = dealguard(t.path(), &["init", "d"]);
    ok(&r);
    assert!(r.stdout.contains("week new"), "{}", r.stdout);
    let d = t.path().join("d");
    ok(&dealguard(&d, &["week", "new"]));
    assert!(d.join("reports/2026-W50.yaml").is_file());
    ok(&dealguard(&d, &["check", "reports/2026-W50.yaml"]));
}

#[test]
fn clause_references_by_id_print_the_number_of_the_deals_clause_set() {
    let t = example();
    let dir = t.path();
    let week = "reports/2026-W49.yaml";
    let pdf = dir.join("out/report.pdf");
    let report = |set: &str| {
        let deal = std::fs::read_to_string(root().join("examples/nordic-home/deal.yaml"))
            .unwrap()
            .replace("clause_set: standard", &format!("clause_set: {set}"));
        std::fs::write(dir.join("deal.yaml"), deal).unwrap();
        let r = dealguard(
            dir,
            &["report", "--lang", "en", "-o", "out/report.pdf", week],
        );
        ok(&r);
        pdf_text(&pdf)
    };
    // The example's plan cites `[[third-parties]]`: clause 15 in `standard`; `strict` adds
    // access review and encrypted transfer before it.
    let standard = report("standard");
    assert!(standard.contains("(Clause 15)"), "{standard}");
    assert!(!standard.contains("[[third-parties]]"));
    assert!(report("strict").contains("(Clause 17)"));

    // An id the schedule does not have: a located error, no report.
    std::fs::remove_file(&pdf).unwrap();
    let text = std::fs::read_to_string(dir.join(week))
        .unwrap()
        .replace("[[third-parties]])\"", "[[third-party]])\"");
    std::fs::write(dir.join(week), text).unwrap();
    let r = dealguard(dir, &["check", week]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("2026-W49.yaml:123:11: error: `plan[3].task.en`: `[[third-party]]`: there is no clause `third-party`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `[[third-parties]]`?"),
        "{}",
        r.stderr
    );
    let r = dealguard(dir, &["report", week]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!pdf.exists());
}

#[test]
fn a_week_is_one_file_named_for_it_and_inside_the_contract() {
    let t = example();
    let dir = t.path();
    let w49 = std::fs::read_to_string(dir.join("reports/2026-W49.yaml")).unwrap();
    // Copied for the next week, `week:` left unchanged.
    std::fs::write(dir.join("reports/2026-W50.yaml"), &w49).unwrap();
    let r = dealguard(dir, &["check", "reports/2026-W50.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "2026-W50.yaml:6:7: error: `week`: says 2026-W49 but the file is named for 2026-W50"
        ),
        "{}",
        r.stderr
    );
    std::fs::remove_file(dir.join("reports/2026-W50.yaml")).unwrap();

    // A second file for the same week, under another name: both named, nothing built.
    std::fs::write(dir.join("reports/w49-copy.yaml"), &w49).unwrap();
    for cmd in [&["status"][..], &["build"][..]] {
        let r = dealguard(dir, cmd);
        assert_eq!(r.code, 1, "{cmd:?}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("w49-copy.yaml:6:7: error: `week`: 2026-W49 is also the week of ")
                && r.stderr.contains("2026-W49.yaml"),
            "{cmd:?}: {}",
            r.stderr
        );
    }
    assert!(!dir.join("out").exists());
    std::fs::remove_file(dir.join("reports/w49-copy.yaml")).unwrap();

    // A week that ends before the contract was signed.
    let early = w49.replace("week: 2026-W49", "week: 2026-W40");
    std::fs::write(dir.join("reports/2026-W40.yaml"), early).unwrap();
    let r = dealguard(dir, &["check", "reports/2026-W40.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: `week`: 2026-W40 ends before the contract was signed"),
        "{}",
        r.stderr
    );
}

/// A milestones deal: `week new` writes the week of the next stage end (or the longest
/// interval), says why on the terminal and in the header, and `status` names the report after.
#[test]
fn week_new_on_a_milestones_deal_follows_the_stage_ends() {
    let t = example();
    let dir = t.path();
    let deal = std::fs::read_to_string(dir.join("deal.yaml")).unwrap();
    let deal = deal
        .replace("    cadence: weekly ", "    cadence: milestones ")
        .replace("    weekday: friday\n", "\n");
    assert!(deal.contains("cadence: milestones"));
    std::fs::write(dir.join("deal.yaml"), deal).unwrap();

    // After W49 (Friday 2026-12-04): cutting ends Friday 2026-12-18 (W51), within 14 days.
    let r = dealguard(dir, &["week", "new"]);
    ok(&r);
    assert!(!dir.join("reports/2026-W50.yaml").exists());
    let text = std::fs::read_to_string(dir.join("reports/2026-W51.yaml")).unwrap();
    assert!(
        r.stderr.contains(
            "2026-W51: the next milestone report, as stage `cutting` is planned to end on 2026-12-18"
        ),
        "{}",
        r.stderr
    );
    assert!(
        text.starts_with(
            "# Progress report for deal NH-2026-0148, week 51 of 2026 (reports follow the milestones).\n\
             # This week because stage `cutting` is planned to end on 2026-12-18.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Weekly"), "{text}");
    assert!(text.contains("number: 4"), "{text}");
    // Planned on the report day, Friday 2026-12-18: cutting done, polishing just starting.
    assert!(
        text.contains("- stage: cutting\n    planned: 100\n"),
        "{text}"
    );
    assert!(
        text.contains("- stage: polishing\n    planned: 0\n"),
        "{text}"
    );

    // Next: polishing ends Wednesday 2026-12-30, in 2026-W53, 14 days after 12-18 at most.
    let r = dealguard(dir, &["status"]);
    ok(&r);
    assert!(
        r.stdout.contains(
            "next report: 2026-W53 (report day 2027-01-01): stage `polishing` is planned to end on 2026-12-30"
        ),
        "{}",
        r.stdout
    );
    // `--week` still picks any week, without a reason in the header.
    let r = dealguard(dir, &["week", "new", "--week", "2026-W52"]);
    ok(&r);
    let text = std::fs::read_to_string(dir.join("reports/2026-W52.yaml")).unwrap();
    assert!(!text.contains("# This week because"), "{text}");
}

/// A planned % far from what the stage dates give is a warning with the computed figure; a
/// rounded one is not.
#[test]
fn check_compares_planned_with_the_stage_dates() {
    let t = example();
    let dir = t.path();
    let path = dir.join("reports/2026-W49.yaml");
    let week = std::fs::read_to_string(&path).unwrap();
    assert!(week.contains("- stage: cutting\n    planned: 33.3\n"));
    // 35 is within 5 points of 33.3 (rounded as people do): no warning.
    std::fs::write(
        &path,
        week.replace(
            "- stage: cutting\n    planned: 33.3\n",
            "- stage: cutting\n    planned: 35\n",
        ),
    )
    .unwrap();
    let r = dealguard(dir, &["check", "reports/2026-W49.yaml"]);
    ok(&r);
    assert!(!r.stderr.contains("stage dates give"), "{}", r.stderr);
    // 80/5 where the dates give 33.3/0.
    let wrong = week
        .replace(
            "- stage: cutting\n    planned: 33.3\n",
            "- stage: cutting\n    planned: 80\n",
        )
        .replace(
            "- stage: polishing\n    planned: 0\n",
            "- stage: polishing\n    planned: 5.5\n",
        );
    std::fs::write(&path, wrong).unwrap();
    let r = dealguard(dir, &["check", "reports/2026-W49.yaml"]);
    ok(&r);
    for want in [
        "`progress[1].planned`: planned 80% but the stage dates give 33.3% on the report day 2026-12-04 (`cutting` runs 2026-11-27 → 2026-12-18)",
        "write `planned: 33.3`, or move the stage's `planned_end` in deal.yaml if the plan changed",
        "`progress[2].planned`: planned 5.5% but the stage dates give 0%",
    ] {
        assert!(r.stderr.contains(want), "{want:?} not in\n{}", r.stderr);
    }
    // The warning carries the line of the value.
    assert!(r.stderr.contains("2026-W49.yaml:29:"), "{}", r.stderr);
}
