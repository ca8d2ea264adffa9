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

mod pages {
    //! The report's blocks laid out from the bundled example's week, edited per test.
    use super::super::*;
    use crate::profile::deal::Weekday;
    use crate::profile::week::Week;
    use crate::render::templates::Templates;
    use dealguard_pdf::font::Fonts;
    use dealguard_pdf::layout::{layout, Item, Page};
    use dealguard_pdf::page;
    use std::path::Path;

    fn week(p: &Profile, edit: impl Fn(&mut Week)) -> LoadedWeek {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nordic-home");
        let mut w =
            crate::profile::week::load(&root.join("reports/2026-W49.yaml"), p, &root).unwrap();
        edit(&mut w.week);
        w
    }

    fn pages(p: &Profile, w: &LoadedWeek, langs: &[Lang]) -> Vec<Page> {
        let langs = Langs::new(langs);
        let t = Templates::builtin().unwrap();
        let labels = Labels::load(&t, "report-labels.yaml", &langs).unwrap();
        let inp = Input {
            profile: p,
            week: w,
            langs: &langs,
            labels: &labels,
            photos: vec![None; w.week.photos.len()],
            qr: w.week.videos.iter().map(|_| (vec![true], 1)).collect(),
            earlier: &[],
            attachments: Vec::new(),
        };
        layout(&blocks(&inp), &page::frame(), &Fonts::builtin().unwrap())
    }

    fn texts(page: &Page) -> Vec<(f32, &str)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, text, .. } => Some((*x, text.as_str())),
                _ => None,
            })
            .collect()
    }

    fn all(pages: &[Page]) -> String {
        pages
            .iter()
            .flat_map(|p| texts(p).into_iter().map(|(_, t)| t))
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn the_title_block_gives_the_issue_date_the_deal_s_report_day_of_the_week() {
        let mut p = crate::profile::example().clone();
        let w = week(&p, |_| {});
        // 2026-W49 runs from Monday 30 November; the example reports on Fridays.
        let t = all(&pages(&p, &w, &[Lang::En, Lang::Zh]));
        let at = t
            .find("Report date / 报告日期")
            .expect("the issue date's label");
        assert!(
            t[at..].starts_with("Report date / 报告日期|4 December 2026 / 2026年12月4日"),
            "{t}"
        );
        p.channels.reports.weekday = Some(Weekday::Monday);
        let t = all(&pages(&p, &w, &[Lang::En]));
        assert!(t.contains("Report date|30 November 2026"), "{t}");
    }

    #[test]
    fn inspectors_are_named_in_both_scripts_like_plan_owners() {
        let p = crate::profile::example();
        let w = week(p, |_| {});
        let t = all(&pages(p, &w, &[Lang::En, Lang::Zh]));
        assert!(t.contains("Zhao Lei 赵磊 · QC-NH0148-W49-01"), "{t}");
        assert!(t.contains("Chen Jing 陈静"), "plan owners as before");
        let t = all(&pages(p, &w, &[Lang::Zh]));
        assert!(t.contains("赵磊 · QC-NH0148-W49-01"), "{t}");
    }

    #[test]
    fn the_sign_off_never_starts_a_page_alone() {
        let p = crate::profile::example();
        for n in 0..48 {
            let w = week(p, |w| {
                w.issues = (0..n)
                    .map(|i| Text {
                        en: Some(format!("Issue {i}: a line of text about the week")),
                        zh: None,
                    })
                    .collect();
            });
            let pages = pages(p, &w, &[Lang::En]);
            let (k, at) = pages
                .iter()
                .enumerate()
                .find_map(|(k, pg)| {
                    let at = texts(pg)
                        .iter()
                        .position(|(_, t)| t.ends_with("Sign-off"))?;
                    Some((k, at))
                })
                .unwrap();
            assert!(
                at > 0,
                "{n} issues: the sign-off heads page {} alone",
                k + 1
            );
            // The sign-off's boxes stay on its page.
            assert!(texts(&pages[k])
                .iter()
                .any(|(_, t)| t.starts_with("Signature")));
        }
    }

    #[test]
    fn issue_and_action_marks_hang_their_text_at_one_indent() {
        let p = crate::profile::example();
        let w = week(p, |w| {
            w.issues = vec![
                Text {
                    en: None,
                    zh: Some("抛光二线停机两天，".repeat(12)),
                },
                Text {
                    en: None,
                    zh: Some("SUS304板材到货".into()),
                },
            ];
        });
        let pages = pages(p, &w, &[Lang::Zh]);
        let t: Vec<(f32, &str)> = pages.iter().flat_map(texts).collect();
        let start = t
            .iter()
            .position(|(_, s)| s.ends_with("问题与风险"))
            .unwrap();
        let end = t.iter().position(|(_, s)| s.ends_with("签核")).unwrap();
        let section = &t[start + 1..end];
        let marks: Vec<f32> = section
            .iter()
            .filter(|(_, s)| *s == "•" || *s == "→")
            .map(|(x, _)| *x)
            .collect();
        assert_eq!(marks.len(), 4, "{section:?}");
        let text: Vec<f32> = section
            .iter()
            .filter(|(_, s)| !["•", "→"].contains(s) && !s.contains("配合事项"))
            .map(|(x, _)| *x)
            .collect();
        assert!(text.len() > 4, "the long issue wraps: {section:?}");
        for x in &text {
            assert!(
                (x - text[0]).abs() < 0.01 && *x > marks[0] + 4.0,
                "{section:?}"
            );
        }
    }
}
