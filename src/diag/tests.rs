use super::*;

#[test]
fn suggests_close_ids_only() {
    let ids = ["audit-rights", "bank-details", "confidentiality"];
    assert_eq!(did_you_mean("audit-right", ids), Some("audit-rights"));
    assert_eq!(did_you_mean("confidentality", ids), Some("confidentiality"));
    assert_eq!(did_you_mean("weather", ids), None);
}

#[test]
fn suggestions_count_characters_and_prefer_the_closest() {
    // One edit per character, not per byte: `注意事象` is one away from `注意事项`.
    assert_eq!(
        did_you_mean("注意事象", ["注意事项", "付款"]),
        Some("注意事项")
    );
    // Short words allow one edit; ties go to the first candidate.
    assert_eq!(did_you_mean("en", ["zh", "eng", "de"]), Some("eng"));
    assert_eq!(did_you_mean("ab", ["abcd"]), None);
    assert_eq!(
        did_you_mean("bank-detail", ["bank-details", "bank-detail"]),
        Some("bank-detail")
    );
    assert_eq!(did_you_mean(&"x".repeat(10_000), ["audit-rights"]), None);
    assert_eq!(did_you_mean("", ["a", "ab"]), Some("a"));
}

#[test]
fn display_has_location_field_and_hint() {
    let d = Diagnostic::error(Path::new("deal.yaml"), "not an official domain")
        .at(Some((12, 14)))
        .field("buyer.contacts[0].email")
        .hint("check by phone");
    assert_eq!(
            d.to_string(),
            "deal.yaml:12:14: error: `buyer.contacts[0].email`: not an official domain\n  hint: check by phone"
        );
}

#[test]
fn places_that_are_not_files_say_what_they_are() {
    let lang = Diagnostic::error(Where::arg("--lang"), "unknown language `fr`");
    assert_eq!(lang.to_string(), "--lang: error: unknown language `fr`");
    let font = Diagnostic::error(Where::built_in("font"), "is damaged");
    assert_eq!(font.to_string(), "<built-in font>: error: is damaged");
    let job = Diagnostic::error(Where::job("contract"), "was not built");
    assert_eq!(job.to_string(), "contract: error: was not built");
    let file = Diagnostic::warning(Path::new("reports/w.yaml"), "late");
    assert_eq!(file.place, Where::File(PathBuf::from("reports/w.yaml")));
    assert_eq!(file.to_string(), "reports/w.yaml: warning: late");
}

#[test]
fn sorted_puts_the_command_line_before_files() {
    let mut p = Problems::new();
    p.push(Diagnostic::error(Path::new("a.yaml"), "in a file").at(Some((1, 1))));
    p.push(Diagnostic::error(Where::job("letter"), "was not built"));
    p.push(Diagnostic::error(Where::arg("--set"), "unknown set"));
    let msgs: Vec<&str> = p.sorted().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs, ["unknown set", "was not built", "in a file"]);
}

#[test]
fn profile_wide_warnings_are_counted_per_file_unless_all_are_asked_for() {
    let mut profile = Problems::new();
    profile.push(Diagnostic::warning(Path::new("deal.yaml"), "w1").at(Some((3, 1))));
    profile.push(Diagnostic::warning(Path::new("deal.yaml"), "w2").at(Some((9, 1))));
    profile.push(Diagnostic::error(Path::new("deal.yaml"), "e").at(Some((5, 1))));
    profile.mark_profile_wide();
    let mut p = Problems::new();
    p.extend(profile);
    p.push(Diagnostic::warning(Path::new("reports/w.yaml"), "week"));
    let lines = p.lines(true, false);
    assert_eq!(
        lines,
        [
            "deal.yaml:5:1: error: e",
            "reports/w.yaml: warning: week",
            "deal.yaml: 2 warnings — `dealguard check` shows them",
        ]
    );
    assert_eq!(p.lines(true, true), lines[..2]);
    assert_eq!(p.lines(false, true).len(), 4);
    let mut other = Problems::new();
    other.push(Diagnostic::warning(Path::new("d/deal.yaml"), "w"));
    other.mark_profile_wide();
    assert_eq!(
        other.lines(true, false),
        ["d/deal.yaml: 1 warning — `dealguard --deal d/deal.yaml check` shows it"]
    );
}

#[test]
fn sorted_puts_errors_first_then_position() {
    let mut p = Problems::new();
    p.push(Diagnostic::warning(Path::new("a"), "w").at(Some((1, 1))));
    p.push(Diagnostic::error(Path::new("a"), "e2").at(Some((5, 1))));
    p.push(Diagnostic::error(Path::new("a"), "e1").at(Some((2, 1))));
    let msgs: Vec<&str> = p.sorted().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs, ["e1", "e2", "w"]);
}
