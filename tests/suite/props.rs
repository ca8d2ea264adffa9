//! Property tests: random deal profiles, week files, clause texts and strings either render or
//! give located errors — never a panic. (Longer campaigns run under cargo-fuzz, see fuzz/.)

use dealguard::clauses::{self, Library};
use dealguard::diag::Problems;
use dealguard::profile::{self, check, week, Langs, Loaded, Source};
use dealguard::render::{self, templates::Templates};
use dealguard_pdf::font::{Fonts, Weight};
use dealguard_pdf::text::wrap;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const DEAL: &str = include_str!("../../examples/nordic-home/deal.yaml");
const WEEK_WITH_PHOTOS: &str = include_str!("../../examples/nordic-home/reports/2026-W49.yaml");

/// The example week without its photos and attachments (they are not next to the scratch
/// files).
fn week_text() -> &'static str {
    static W: OnceLock<String> = OnceLock::new();
    W.get_or_init(|| {
        let (head, rest) = WEEK_WITH_PHOTOS.split_once("photos:").unwrap();
        let (_, tail) = rest.split_once("videos:").unwrap();
        let mut in_attachments = false;
        let head: String = head
            .lines()
            .filter(|l| {
                let indent = l.len() - l.trim_start().len();
                in_attachments =
                    l.trim_start().starts_with("attachments:") || (in_attachments && indent > 4);
                !in_attachments
            })
            .map(|l| format!("{l}\n"))
            .collect();
        format!("{head}photos: []\nvideos:{tail}")
    })
}

fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts::builtin().unwrap())
}

fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| Library::builtin().unwrap())
}

fn scratch() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("dealguard-props-{}", std::process::id()));
        std::fs::create_dir_all(d.join("reports")).unwrap();
        d
    })
}

/// Text that YAML and the layout engine find hard: quotes, colons, brackets, markup, CJK,
/// control and zero-width characters, very long words.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:#&*!|>'\"{}\\[\\]-]{0,40}",
        "[\\u{4e00}-\\u{9fa5}，。、；：“”《》（）]{0,40}",
        "[\\u{0}-\\u{1f}\\u{7f}\\u{200b}\\u{feff}\\u{a0}\\u{3000}]{0,8}",
        Just("<b>A&B</b> **x** {{ seller.name }} {% if %}".to_string()),
        "[a-z@./:]{60,200}",
    ]
}

/// The example with some values swapped for nasty text (mostly quoted, so the file stays
/// YAML and the checks and renderers get to see it), and some lines dropped or duplicated.
fn mutate(base: &'static str) -> impl Strategy<Value = String> {
    let n = base.lines().count();
    (prop::collection::vec((0..n, 0..10u8, nasty()), 1..5)).prop_map(move |edits| {
        let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
        for (i, op, text) in edits {
            if lines.is_empty() {
                break;
            }
            let i = i.min(lines.len() - 1);
            let l = lines[i].clone();
            match op {
                0..=6 => {
                    if let Some((k, _)) = l.split_once(": ") {
                        lines[i] = format!("{k}: '{}'", text.replace('\'', "''"));
                    }
                }
                7 => {
                    if let Some((k, _)) = l.split_once(": ") {
                        lines[i] = format!("{k}: {text}");
                    }
                }
                8 => {
                    lines.remove(i);
                }
                _ => lines.insert(i, l),
            }
        }
        lines.join("\n")
    })
}

fn loaded(text: &str) -> Option<Loaded> {
    let path = scratch().join("deal.yaml");
    let src = Source::from_bytes(&path, text.as_bytes()).ok()?;
    let (mut p, index) = profile::yaml::parse::<profile::Profile>(&src).ok()?;
    let problems = check::check_profile(&p, &src, &index);
    p.security.clause_dirs.clear();
    p.output.template_dirs.clear();
    p.output.font = None;
    Some(Loaded {
        profile: p,
        src,
        index,
        dir: scratch().clone(),
        problems,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_profiles_render_or_fail_cleanly(text in mutate(DEAL)) {
        if let Some(l) = loaded(&text) {
            if !l.problems.has_errors() {
                let langs: Langs = "en+zh".parse().unwrap();
                let mut w = Problems::new();
                if let Ok(sel) = clauses::select(library(), &l, &langs, &mut w) {
                    if let Ok(s) = render::render_schedule(&sel, &l, &langs, dealguard::context::report_labels()) {
                        let t = Templates::builtin().unwrap();
                        let labels = render::templates::Labels::load(&t, "contract-labels.yaml", &langs).unwrap();
                        let html = render::contract::html(&s, &l.profile, &labels);
                        prop_assert!(!html.contains("<b>A&B"), "unescaped markup in HTML");
                    }
                }
            }
            // Every error points into the file.
            for d in l.problems.iter().filter(|d| d.is_error()) {
                prop_assert!(d.pos.is_some() || d.field.is_some(), "unlocated: {}", d);
            }
        }
    }

    #[test]
    fn random_weeks_render_or_fail_cleanly(text in mutate(week_text())) {
        let ex = loaded(DEAL).unwrap();
        let path = scratch().join("reports/w.yaml");
        let src = Source::from_bytes(&path, text.as_bytes()).unwrap();
        if let Ok(wk) = week::load_source(src, &path, &ex.profile, &ex.dir) {
            let langs = "en+zh".parse().unwrap();
            let t = Templates::builtin().unwrap();
            let _ = dealguard::report::render(&ex, &wk, &langs, fonts(), &t, Some(0));
        }
    }

    #[test]
    fn random_clause_texts_render_or_fail_cleanly(en in nasty(), zh in nasty(), when in prop::option::of("[a-z._ ]{0,20}")) {
        let mut lib = library().clone();
        let w = when.map(|w| format!("when: \"{}\"\n", w.replace('"', ""))).unwrap_or_default();
        let file = format!("id: extra\nversion: 1\nsection: general\ntopics: []\nuses: []\n{w}title: {{en: X, zh: 十}}\ntext:\n  en: {:?}\n  zh: {:?}\n", en, zh);
        let src = Source::from_bytes(Path::new("company/extra.yaml"), file.as_bytes()).unwrap();
        if !lib.add_clause_source(src).has_errors() {
            let mut ex = loaded(DEAL).unwrap();
            ex.profile.security.add = vec!["extra".into()];
            let langs = "en+zh".parse().unwrap();
            let mut w = Problems::new();
            if let Ok(sel) = clauses::select(&lib, &ex, &langs, &mut w) {
                let _ = render::render_schedule(&sel, &ex, &langs, dealguard::context::report_labels());
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_visible_character(s in "\\PC{0,300}", width in 1.0f32..400.0) {
        let f = fonts();
        let lines = wrap(&s, width, &|t| f.width(Weight::Regular, t) * 9.0);
        let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = lines.iter().map(|l| visible(&l.text)).collect();
        prop_assert_eq!(joined, visible(&s));
    }
}

/// The labelled corpus's mails (every kind: charsets, HTML, attachments, forwards, archives).
fn corpus_mails() -> &'static Vec<Vec<u8>> {
    static M: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    M.get_or_init(|| {
        crate::corpus::cases()
            .into_iter()
            .map(|c| c.bytes)
            .collect()
    })
}

/// A corpus mail damaged as mail is damaged on the way: cut short, bytes changed, a piece
/// repeated, MIME punctuation dropped in.
fn damaged_mail() -> impl Strategy<Value = Vec<u8>> {
    let n = corpus_mails().len();
    (
        0..n,
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        any::<prop::sample::Index>(),
        prop::option::of((any::<prop::sample::Index>(), any::<prop::sample::Index>())),
        prop::sample::select(vec![
            &b""[..],
            b"\r\n--",
            b"=?gb2312?B?",
            b"Content-Transfer-Encoding: base64\r\n\r\n",
            b"charset=\"big5\"",
            b"<td style=\"display:none\">",
            b"\xff\xfe\x00",
            b"=\r\n=E8",
        ]),
    )
        .prop_map(|(i, flips, cut, repeat, insert)| {
            let mut m = corpus_mails()[i].clone();
            for (at, b) in flips {
                if !m.is_empty() {
                    let k = at.index(m.len());
                    m[k] = b;
                }
            }
            if let Some((a, b)) = repeat {
                let (a, b) = (a.index(m.len() + 1), b.index(m.len() + 1));
                let piece = m[a.min(b)..a.max(b)].to_vec();
                m.splice(a.max(b)..a.max(b), piece);
            }
            let at = cut.index(m.len() + 1);
            m.splice(at..at, insert.iter().copied());
            m.truncate(cut.index(m.len() + 1).max(at));
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// `verify` turns a panic on one mail into that mail's error: none may happen.
    #[test]
    fn damaged_mails_are_read_or_refused_never_a_panic(mail in damaged_mail()) {
        let profile: profile::Profile =
            serde_yaml::from_str(DEAL).expect("the example deal");
        let v = dealguard::verify::verify(&profile, &[(PathBuf::from("m.eml"), mail)]);
        for m in &v.mails {
            if let Some(p) = &m.problem {
                let text = format!("{p}");
                prop_assert!(!text.contains("failed on this mail"), "{}", text);
            }
        }
    }
}
