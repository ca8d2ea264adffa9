//! Render stage tests: the section order and the small formatting helpers of the report.
use super::inspections::trim_aql;
use super::*;

#[test]
fn every_section_has_a_body() {
    for k in REPORT_SECTIONS {
        assert!(body(k).is_some(), "no body for `{k}`");
    }
}

#[test]
fn sections_follow_the_spec_order() {
    assert_eq!(
        REPORT_SECTIONS,
        [
            "s_summary",
            "s_progress",
            "s_inspections",
            "s_materials",
            "s_photos",
            "s_plan",
            "s_issues",
            "s_signoff"
        ]
    );
}

#[test]
fn percentages_drop_a_zero_decimal() {
    assert_eq!(pct(40.0), "40%");
    assert_eq!(pct(40.02), "40%");
    assert_eq!(pct(37.5), "37.5%");
}

#[test]
fn aql_values_as_in_the_standard() {
    assert_eq!(trim_aql(2.5), "2.5");
    assert_eq!(trim_aql(0.65), "0.65");
    assert_eq!(trim_aql(0.0), "0");
    assert_eq!(trim_aql(10.0), "10");
}

#[test]
fn bars_are_coloured_by_how_far_behind() {
    assert_eq!(bar_color(50.0, 50.0), GOOD);
    assert_eq!(bar_color(50.0, 42.0), WARN);
    assert_eq!(bar_color(50.0, 30.0), BAD);
}

#[test]
fn supplier_aliases_run_a_to_z_then_aa() {
    use super::tables::alias_letters;
    assert_eq!(alias_letters(0), "A");
    assert_eq!(alias_letters(25), "Z");
    assert_eq!(alias_letters(26), "AA");
    assert_eq!(alias_letters(27), "AB");
}
