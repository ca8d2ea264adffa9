//! Tests of the week file: ISO weeks, checks against the deal, photo paths.

use super::*;

#[test]
fn iso_weeks_map_to_monday_and_sunday() {
    let w = IsoWeek::parse("2026-W49").unwrap();
    assert_eq!(w.monday().iso(), "2026-11-30");
    assert_eq!(w.sunday().iso(), "2026-12-06");
    assert_eq!(w.label(), "2026-W49");
    // Week 1 of 2026 starts on 29 December 2025; 2026 has 53 weeks (1 January is a Thursday).
    assert_eq!(
        IsoWeek::parse("2026-W01").unwrap().monday().iso(),
        "2025-12-29"
    );
    let w53 = IsoWeek::parse("2026-W53").unwrap();
    assert_eq!(w53.monday().iso(), "2026-12-28");
    assert_eq!(w53.sunday().iso(), "2027-01-03");
    assert_eq!(w53.label(), "2026-W53");
    // 2027 has 52 weeks, and its week 1 starts on 4 January.
    assert!(IsoWeek::parse("2027-W53").is_none());
    assert_eq!(
        IsoWeek::parse("2027-W01").unwrap().monday().iso(),
        "2027-01-04"
    );
    assert_eq!(
        IsoWeek::parse("2027-W52").unwrap().sunday().iso(),
        "2028-01-02"
    );
    // 2020 was a leap year starting on a Wednesday: 53 weeks, the last ending 3 January 2021.
    assert_eq!(
        IsoWeek::parse("2020-W53").unwrap().sunday().iso(),
        "2021-01-03"
    );
    assert_eq!(
        IsoWeek::parse("2021-W01").unwrap().monday().iso(),
        "2021-01-04"
    );
    // 2015 and 2032 have 53 weeks too, 2019 and 2100 do not.
    assert!(IsoWeek::parse("2015-W53").is_some());
    assert!(IsoWeek::parse("2032-W53").is_some());
    assert!(IsoWeek::parse("2019-W53").is_none());
    assert!(IsoWeek::parse("2100-W53").is_none());
    // The ends of the range: 1900-01-01 was a Monday; 9999-W52 would end on 10000-01-02.
    assert_eq!(
        IsoWeek::parse("1900-W01").unwrap().monday().iso(),
        "1900-01-01"
    );
    assert_eq!(
        IsoWeek::parse("9999-W51").unwrap().sunday().iso(),
        "9999-12-26"
    );
    assert!(IsoWeek::parse("9999-W52").is_none());
}

#[test]
fn weeks_order_across_years() {
    let w = |s| IsoWeek::parse(s).unwrap();
    assert!(w("2026-W53") < w("2027-W01"));
    assert!(w("2026-W09") < w("2026-W10"));
}

#[test]
fn bad_weeks_are_refused() {
    for s in [
        "2026-49",
        "2026-W00",
        "2026-W54",
        "W49",
        "2026-W4",
        "26-W49",
        "2026W49",
        "2026-w49",
        "2026-W+4",
        "+2026-W49",
        "2026-W-1",
        " 2026-W49",
        "2026-W49 ",
        "1899-W52",
        "0000-W01",
        "2026-W049",
        "2026-W٤٩",
        "",
    ] {
        assert!(IsoWeek::parse(s).is_none(), "{s:?}");
    }
}

#[test]
fn a_missing_photo_is_matched_to_a_name_beside_it() {
    let t = tempfile::tempdir().unwrap();
    for n in [
        "IMG_0412.JPG",
        "mmexport1702345678901.jpg",
        "cutting-01.jpg",
    ] {
        std::fs::write(t.path().join(n), b"x").unwrap();
    }
    let near = |n: &str| photos::nearest_name(&t.path().join(n));
    // Another case, even where the edit distance alone would not do.
    assert_eq!(near("img_0412.jpg").as_deref(), Some("IMG_0412.JPG"));
    assert_eq!(near("cutting-1.jpg").as_deref(), Some("cutting-01.jpg"));
    assert_eq!(near("cutting-01.jpeg").as_deref(), Some("cutting-01.jpg"));
    assert_eq!(near("packing.jpg"), None);
    // A folder that does not exist: nothing to suggest.
    assert_eq!(
        photos::nearest_name(&t.path().join("nope/cutting-01.jpg")),
        None
    );
}
