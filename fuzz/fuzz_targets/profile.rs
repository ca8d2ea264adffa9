//! A deal profile from arbitrary bytes: load, check, select, render contract, letter and reply.
#![no_main]
mod common;

use dealguard::clauses;
use dealguard::diag::Problems;
use dealguard::render::{self, contract, env::Numbers, letters, templates};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Some(loaded) = common::loaded(data) else { return };
    if loaded.problems.has_errors() {
        return;
    }
    let lib = common::library();
    for langs in ["en", "zh", "en+zh"] {
        let langs: dealguard::profile::Langs = langs.parse().unwrap();
        let mut w = Problems::new();
        let Ok(sel) = clauses::select(lib, &loaded, &langs, &mut w) else { continue };
        if let Ok(s) = render::render_schedule(&sel, &loaded, &langs) {
            let labels = templates::Labels::load(common::templates(), "contract-labels.yaml", &langs).unwrap();
            let _ = contract::markdown(&s, &loaded.profile, &labels);
            let _ = contract::html(&s, &loaded.profile, &labels);
        }
        let o = templates::Occasion { letter_date: "2026-11-20".into(), reply: Some(("2026-12-09".into(), "2026-12-11".into())), tone: "warm".into(), clauses: sel.len() };
        let numbers: Numbers = Arc::new(sel.numbers().clone());
        for kind in [letters::Kind::Letter, letters::Kind::Reply(letters::Tone::Warm)] {
            if let Ok(r) = letters::render(kind, &loaded.profile, &sel.terms, numbers.clone(), common::templates(), &langs, &o) {
                let _ = (r.markdown(), r.text(), r.html(), letters::eml(&r, &loaded.profile, &langs, 0));
            }
        }
    }
});
