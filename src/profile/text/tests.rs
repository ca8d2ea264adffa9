use super::*;

#[test]
fn a_block_scalars_final_line_break_is_dropped() {
    let t: Text =
        serde_yaml::from_str("zh: >\n  预计12月中旬\n  排产）\nen: |\n  Line one\n  Line two\n")
            .unwrap();
    assert_eq!(t.zh.as_deref(), Some("预计12月中旬排产）"));
    assert_eq!(t.en.as_deref(), Some("Line one\nLine two"));
    let t: Text = serde_yaml::from_str(">\n  Plain text\n\n").unwrap();
    assert_eq!(t.en.as_deref(), Some("Plain text"));
}

#[test]
fn a_folded_break_between_chinese_characters_goes() {
    assert_eq!(join_cjk_breaks("使用。 本报告"), "使用。本报告");
    assert_eq!(join_cjk_breaks("合格。 抛光二线"), "合格。抛光二线");
    assert_eq!(join_cjk_breaks("（见附件） ，"), "（见附件），");
    assert_eq!(join_cjk_breaks("Hello 世界"), "Hello 世界");
    assert_eq!(join_cjk_breaks("12月8日 到货"), "12月8日到货");
    assert_eq!(
        join_cjk_breaks("于 8 March 2027 出运"),
        "于 8 March 2027 出运"
    );
    assert_eq!(join_cjk_breaks("两个  空格"), "两个  空格");
    assert_eq!(join_cjk_breaks(" 前后 "), " 前后 ");
    let t: Text = serde_yaml::from_str("zh: >\n  第一行。\n  第二行\n").unwrap_or_default();
    assert_eq!(t.zh.as_deref(), Some("第一行。第二行"));
    let t: Text = serde_yaml::from_str(">\n  Line one\n  line two\n").unwrap_or_default();
    assert_eq!(t.en.as_deref(), Some("Line one line two"));
}

#[test]
fn dates_count_days_from_the_epoch() {
    for (s, days) in [
        ("1970-01-01", 0),
        ("1969-12-31", -1),
        ("2000-02-29", 11_016),
        ("2026-11-27", 20_784),
        ("1900-01-01", -25_567),
        ("9999-12-31", 2_932_896),
    ] {
        let d = Ymd::parse(s).unwrap();
        assert_eq!(d.days_since_epoch(), days, "{s}");
        assert_eq!(Ymd::from_unix(days * 86_400 + 86_399).iso(), s);
    }
    // Out of range: clamped, never a panic.
    assert_eq!(Ymd::from_unix(i64::MIN).iso(), "1900-01-01");
    assert_eq!(Ymd::from_unix(i64::MAX).iso(), "9999-12-31");
    assert_eq!(Ymd::from_unix(-1).iso(), "1969-12-31");
}

#[test]
fn adding_days_crosses_months_and_years_and_stops_at_the_ends() {
    let d = Ymd::parse("2026-12-28").unwrap();
    assert_eq!(d.plus_days(4).iso(), "2027-01-01");
    assert_eq!(d.plus_days(-28).iso(), "2026-11-30");
    assert_eq!(
        Ymd::parse("2024-02-28").unwrap().plus_days(1).iso(),
        "2024-02-29"
    );
    assert_eq!(
        Ymd::parse("9999-12-30").unwrap().plus_days(7).iso(),
        "9999-12-31"
    );
    assert_eq!(
        Ymd::parse("2026-01-02").unwrap().plus_days(i64::MAX).iso(),
        "9999-12-31"
    );
    assert_eq!(
        Ymd::parse("1900-01-02").unwrap().plus_days(i64::MIN).iso(),
        "1900-01-01"
    );
}

#[test]
fn rejects_impossible_dates() {
    for s in [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-00",
        "2026-11-31",
        "1899-12-31",
        "0000-01-01",
    ] {
        assert_eq!(Ymd::parse(s), None, "{s}");
    }
    assert!(Ymd::parse("2024-02-29").is_some());
    assert!(Ymd::parse("2000-02-29").is_some());
    assert!(Ymd::parse("1900-02-29").is_none());
}

#[test]
fn dates_must_be_exactly_four_two_two_digits() {
    for s in [
        "2026-+1-+5",
        "+2026-01-05",
        "+026-01-05",
        "2026-01-+5",
        "2026--1-05",
        " 2026-01-05",
        "2026-01-05 ",
        "2026-1-5",
        "2026-4-1",
        "2026-01-5",
        "20261120",
        "2026/01/05",
        "2026-01-05T00:00",
        "２０２６-01-05",
        "2026-0١-05",
        "",
    ] {
        assert_eq!(Ymd::parse(s), None, "{s:?}");
        assert_eq!(Date::parse(s).ymd, None, "{s:?}");
    }
    assert_eq!(
        Ymd::parse("2026-01-05").map(Ymd::iso).as_deref(),
        Some("2026-01-05")
    );
}

#[test]
fn weekdays_are_iso() {
    // 2026-11-27 is a Friday, 2026-11-30 a Monday.
    assert_eq!(Ymd::parse("2026-11-27").unwrap().iso_weekday(), 5);
    assert_eq!(Ymd::parse("2026-11-30").unwrap().iso_weekday(), 1);
    assert_eq!(Ymd::parse("2026-12-06").unwrap().iso_weekday(), 7);
    assert_eq!(Ymd::parse("1900-01-01").unwrap().iso_weekday(), 1);
}

#[test]
fn long_dates_per_language() {
    let d = Ymd::parse("2026-11-20").unwrap();
    assert_eq!(d.long(Lang::En), "20 November 2026");
    assert_eq!(d.long(Lang::Zh), "2026年11月20日");
}

#[test]
fn langs_parse_and_print() {
    let l: Langs = "en+zh".parse().unwrap();
    assert!(l.is_bilingual());
    assert_eq!(l.code(), "en+zh");
    assert!("fr".parse::<Langs>().is_err());
}
