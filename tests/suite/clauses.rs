//! Clause library tests: every built-in clause renders, numbering and references follow
//! conditions and add/remove, company folders overlay by id.

use dealguard::clauses::{self, Library};
use dealguard::diag::Problems;
use dealguard::profile::{self, Langs, Loaded};
use dealguard::render::{self, Schedule};
use std::collections::BTreeSet;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid")
        .join(name)
        .join("deal.yaml")
}

fn load(path: &Path) -> Loaded {
    let l = profile::load(path).unwrap_or_else(|p| panic!("{:#?}", p.sorted()));
    assert!(!l.problems.has_errors(), "{:#?}", l.problems.sorted());
    l
}

fn schedule(l: &Loaded, lib: &Library, langs: &str) -> Schedule {
    let langs: Langs = langs.parse().unwrap();
    let mut w = Problems::new();
    let sel =
        clauses::select(lib, l, &langs, &mut w).unwrap_or_else(|p| panic!("{:#?}", p.sorted()));
    render::render_schedule(&sel, l, &langs, dealguard::context::report_labels())
        .unwrap_or_else(|p| panic!("{:#?}", p.sorted()))
}

fn text_of(s: &Schedule, id: &str, lang: dealguard::profile::Lang) -> String {
    let c = s
        .clauses()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} missing"));
    c.paras[&lang]
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_builtin_clause_renders_in_every_language() {
    let lib = Library::builtin().unwrap();
    let mut seen = BTreeSet::new();
    // The example (EU buyer, platform, IM, T/T), its opposite (US buyer, none) and an L/C deal
    // paid partly by D/A between them meet every condition; the strict set plus `add` brings
    // in every clause.
    for case in ["nordic-home", "no-channels", "boston-lc"] {
        let mut l = load(&fixture(case));
        if let Some(parts) = l
            .profile
            .payment
            .method
            .as_mut()
            .filter(|_| case == "boston-lc")
        {
            parts[0].percent = 70;
            let mut da = parts[0].clone();
            (da.percent, da.by, da.days) = (30, dealguard::profile::payment::By::Da, 60);
            (da.issuing_bank, da.advising_bank) = (None, None);
            parts.push(da);
            // The strict set asks two approvers of each side.
            let mut second = l.profile.buyer.contacts[0].clone();
            second.name = "Second Approver".into();
            l.profile.buyer.contacts.push(second);
        }
        l.profile.security.clause_set = "strict".into();
        l.profile.security.add.clear();
        for langs in ["en", "zh", "en+zh"] {
            let s = schedule(&l, &lib, langs);
            for c in s.clauses() {
                for lang in s.langs.list() {
                    let text = text_of(&s, &c.id, *lang);
                    assert!(
                        !text.contains("{{") && !text.contains("{%"),
                        "{} left template syntax",
                        c.id
                    );
                    assert!(!c.title[lang].is_empty());
                }
                seen.insert(c.id.clone());
            }
        }
    }
    let all: BTreeSet<String> = lib.clauses.keys().cloned().collect();
    assert_eq!(
        seen,
        all,
        "clauses never rendered: {:?}",
        all.difference(&seen).collect::<Vec<_>>()
    );
}

#[test]
fn standard_set_covers_every_topic() {
    let lib = Library::builtin().unwrap();
    let set = &lib.sets["standard"];
    let ids: Vec<&String> = set.sections.iter().flat_map(|s| s.clauses.iter()).collect();
    for t in clauses::topics::TOPICS {
        assert!(
            ids.iter()
                .any(|id| lib.clauses[id.as_str()].topics.iter().any(|x| x == t.id)),
            "topic {} not covered by standard",
            t.id
        );
    }
    assert!(set.sections.iter().map(|s| s.clauses.len()).sum::<usize>() >= 18);
}

#[test]
fn conditions_drop_clauses_and_renumber_references() {
    let lib = Library::builtin().unwrap();
    let full = load(&fixture("nordic-home"));
    let s_full = schedule(&full, &lib, "en+zh");
    let mut bare = full.clone();
    bare.profile.channels.platform = None;
    bare.profile.channels.im_group = None;
    let s_bare = schedule(&bare, &lib, "en+zh");

    let ids = |s: &Schedule| s.clauses().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert!(ids(&s_full).contains(&"project-platform".to_string()));
    assert!(ids(&s_full).contains(&"instant-messaging".to_string()));
    assert!(!ids(&s_bare).contains(&"project-platform".to_string()));
    assert!(!ids(&s_bare).contains(&"instant-messaging".to_string()));
    assert_eq!(s_bare.clauses().count() + 2, s_full.clauses().count());
    // Numbers are consecutive.
    for s in [&s_full, &s_bare] {
        for (i, c) in s.clauses().enumerate() {
            assert_eq!(c.number, i + 1);
        }
    }
    // A reference follows its clause: payment-verification refers to incident-notice.
    let num = |s: &Schedule, id: &str| s.clauses().find(|c| c.id == id).unwrap().number;
    let (full_n, bare_n) = (
        num(&s_full, "incident-notice"),
        num(&s_bare, "incident-notice"),
    );
    assert_eq!(full_n, bare_n + 2);
    use dealguard::profile::Lang::{En, Zh};
    assert!(text_of(&s_full, "payment-verification", En).contains(&format!("Clause {full_n}")));
    assert!(text_of(&s_bare, "payment-verification", En).contains(&format!("Clause {bare_n}")));
    assert!(text_of(&s_bare, "payment-verification", Zh).contains(&format!("第{bare_n}条")));
    assert!(!text_of(&s_bare, "payment-verification", En).contains(&format!("Clause {full_n}")));
    // A guarded reference to the platform clause disappears with it.
    assert!(text_of(&s_full, "official-channels", En).contains("Project Platform"));
    assert!(!text_of(&s_bare, "official-channels", En).contains("Project Platform"));
}

#[test]
fn gdpr_variant_follows_buyer_country_and_language_clause_follows_output() {
    let lib = Library::builtin().unwrap();
    let mut l = load(&fixture("nordic-home"));
    let ids = |s: &Schedule| s.clauses().map(|c| c.id.clone()).collect::<Vec<_>>();
    let s = schedule(&l, &lib, "en+zh");
    assert!(
        ids(&s).contains(&"personal-data-gdpr".into())
            && !ids(&s).contains(&"personal-data".into())
    );
    assert!(ids(&s).contains(&"governing-language".into()));
    assert!(!ids(&schedule(&l, &lib, "en")).contains(&"governing-language".into()));
    l.profile.buyer.country = "US".into();
    let s = schedule(&l, &lib, "en+zh");
    assert!(
        ids(&s).contains(&"personal-data".into())
            && !ids(&s).contains(&"personal-data-gdpr".into())
    );
}

#[test]
fn numbering_is_identical_in_every_language() {
    let lib = Library::builtin().unwrap();
    let l = load(&fixture("nordic-home"));
    let bi = schedule(&l, &lib, "en+zh");
    let en = schedule(&l, &lib, "en");
    let zh = schedule(&l, &lib, "zh");
    // Without the bilingual-only language clause, en and zh list the same numbers.
    let nums = |s: &Schedule| {
        s.clauses()
            .map(|c| {
                (
                    c.number,
                    c.id.clone(),
                    c.paras.values().next().unwrap().len(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(nums(&en), nums(&zh));
    for c in bi.clauses() {
        assert_eq!(
            c.paras[&dealguard::profile::Lang::En].len(),
            c.paras[&dealguard::profile::Lang::Zh].len(),
            "{}",
            c.id
        );
    }
}

#[test]
fn strict_set_tightens_the_numbers() {
    let lib = Library::builtin().unwrap();
    let l = load(&fixture("no-channels"));
    assert_eq!(l.profile.security.clause_set, "strict");
    let s = schedule(&l, &lib, "en");
    use dealguard::profile::Lang::En;
    assert!(
        text_of(&s, "incident-notice", En).contains("within 12 hours"),
        "{}",
        text_of(&s, "incident-notice", En)
    );
    assert!(text_of(&s, "record-keeping", En).contains("for 7 years"));
    assert!(s.clauses().any(|c| c.id == "breach-remedies"));
}

#[test]
fn add_and_remove_change_the_list() {
    let lib = Library::builtin().unwrap();
    let mut l = load(&fixture("nordic-home"));
    l.profile.security.add = vec!["encrypted-transfer".into()];
    l.profile.security.remove = vec!["security-evidence".into()];
    let s = schedule(&l, &lib, "en");
    let ids: Vec<String> = s.clauses().map(|c| c.id.clone()).collect();
    assert!(ids.contains(&"encrypted-transfer".into()));
    assert!(!ids.contains(&"security-evidence".into()));
    assert!(!ids.contains(&"audit-rights".into()));
    // An added clause joins its own section: encrypted-transfer is a data clause.
    let data = s
        .sections
        .iter()
        .find(|x| x.clauses.iter().any(|c| c.id == "confidentiality"))
        .unwrap();
    assert!(data.clauses.iter().any(|c| c.id == "encrypted-transfer"));
}

#[test]
fn company_folder_overrides_and_adds_by_id() {
    let l = load(&fixture("company-overlay"));
    let (lib, warnings) = Library::for_deal(&l).unwrap();
    assert!(!warnings.has_errors());
    assert_eq!(lib.clauses["payment-verification"].version, 2);
    assert!(matches!(
        lib.clauses["payment-verification"].origin,
        clauses::Origin::Dir(_)
    ));
    assert!(lib.clauses.contains_key("export-control"));
    let s = schedule(&l, &lib, "en+zh");
    use dealguard::profile::Lang::{En, Zh};
    assert!(text_of(&s, "payment-verification", En).contains("treasury policy"));
    assert!(text_of(&s, "payment-verification", Zh).contains("资金管理制度"));
    assert!(text_of(&s, "export-control", En).contains("Nordic Home AB"));
}
