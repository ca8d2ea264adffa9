use super::*;
use crate::clauses::{select, Library};
use crate::profile::week;
use crate::profile::{self, Langs, Text};
use std::path::Path;

const DEAL: &str = "examples/nordic-home/deal.yaml";
const WEEK: &str = "examples/nordic-home/reports/2026-W49.yaml";

/// The example week with `summary` replaced, resolved against the example deal under `set`:
/// the summary in both languages and the problems.
fn resolved(set: &str, en: &str, zh: &str) -> (Text, Problems) {
    let mut loaded = profile::load(Path::new(DEAL)).unwrap();
    loaded.profile.security.clause_set = set.to_string();
    let lib = Library::builtin().unwrap();
    let mut warnings = Problems::new();
    let langs = Langs::new(&loaded.profile.deal.languages);
    let sel = select(&lib, &loaded, &langs, &mut warnings).unwrap();
    let mut wk = week::load(Path::new(WEEK), &loaded.profile, &loaded.dir).unwrap();
    wk.week.summary = Text {
        en: Some(en.to_string()),
        zh: Some(zh.to_string()),
    };
    let problems = ClauseRefs::new(&sel, &lib).resolve(&mut wk);
    (wk.week.summary, problems)
}

fn messages(p: &Problems) -> Vec<String> {
    p.iter().map(|d| format!("{d}")).collect()
}

#[test]
fn a_reference_by_id_prints_this_sets_number_in_each_language() {
    let en = "Samples are kept confidential under [[confidentiality.2]] ([[confidentiality]]).";
    let zh = "样品按[[confidentiality.2]]保密。";
    let (std, p) = resolved("standard", en, zh);
    assert!(p.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        std.en.as_deref(),
        Some("Samples are kept confidential under Clause 13.2 (Clause 13).")
    );
    assert_eq!(std.zh.as_deref(), Some("样品按第13.2款保密。"));
    // `strict` adds a clause before it (access review): the same week says 14.2.
    let (strict, p) = resolved("strict", en, zh);
    assert!(p.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        strict.en.as_deref(),
        Some("Samples are kept confidential under Clause 14.2 (Clause 14).")
    );
    assert_eq!(strict.zh.as_deref(), Some("样品按第14.2款保密。"));
}

#[test]
fn a_reference_that_points_nowhere_is_an_error_at_its_field() {
    let cases = [
        ("[[confidentialty]]", "did you mean `[[confidentiality]]`?"),
        ("[[encrypted-transfer]]", "is not in this deal's schedule"),
        ("[[confidentiality.9]]", "paragraphs"),
        ("[[confidentiality.x]]", "is not a paragraph number"),
        ("see [[confidentiality", "not closed"),
    ];
    for (text, want) in cases {
        let (summary, p) = resolved("standard", text, "无");
        let all = messages(&p).join("\n");
        assert!(p.has_errors(), "{text}: {all}");
        assert!(all.contains(want), "{text}: {all}");
        assert!(all.contains("summary.en"), "{text}: {all}");
        // Nothing rewritten on error.
        assert_eq!(summary.en.as_deref(), Some(text));
    }
}

#[test]
fn a_hand_written_number_is_checked_against_its_words() {
    // 13.2 is confidentiality in `standard`; the words speak of personal data (GDPR).
    let (_, p) = resolved(
        "standard",
        "Staff photos are personal data: see Clause 13.2.",
        "员工照片属于个人信息，见第13.2款。",
    );
    let all = messages(&p).join("\n");
    assert!(!p.has_errors(), "{all}");
    assert!(all.contains("“Clause 13.2” is “Confidentiality”"), "{all}");
    assert!(all.contains("[[personal-data-gdpr.2]]"), "{all}");
    assert!(all.contains("summary.zh"), "{all}");
    // Where the words match the clause, or say nothing, no warning.
    let (_, p) = resolved(
        "standard",
        "Drawings are confidential information under Clause 13.2; see also clause 3.",
        "图纸属于保密信息（第13.2款）。",
    );
    assert!(p.is_empty(), "{:?}", messages(&p));
    // A number the schedule does not have.
    let (_, p) = resolved("standard", "As agreed in Clause 40.", "无");
    let all = messages(&p).join("\n");
    assert!(all.contains("has clauses 1 to"), "{all}");
}

#[test]
fn literal_numbers_are_found_in_both_languages() {
    let found = literal_numbers("Clause 4, clauses 13.2 and subclause 9; 第13条、第7.2款、第三条");
    let shown: Vec<_> = found
        .iter()
        .map(|(s, n, p, _)| (s.as_str(), *n, *p))
        .collect();
    assert_eq!(
        shown,
        [
            ("Clause 4", 4, None),
            ("clauses 13.2", 13, Some(2)),
            ("第13条", 13, None),
            ("第7.2款", 7, Some(2)),
        ]
    );
}
