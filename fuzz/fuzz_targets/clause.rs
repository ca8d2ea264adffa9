//! A company clause file from arbitrary bytes, added to the library and rendered into the
//! example deal's contract.
#![no_main]
mod common;

use dealguard::clauses;
use dealguard::diag::Problems;
use dealguard::profile::Source;
use dealguard::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut lib = common::library().clone();
    // The file name is the clause id the fuzzer's text must use to be accepted.
    let Ok(src) = Source::from_bytes(common::path("company/extra.yaml"), data) else { return };
    if lib.add_clause_source(src).has_errors() {
        return;
    }
    let mut ex = common::example().clone();
    ex.profile.security.add = vec!["extra".into()];
    let langs = "en+zh".parse().unwrap();
    let mut w = Problems::new();
    if let Ok(sel) = clauses::select(&lib, &ex, &langs, &mut w) {
        let _ = render::render_schedule(&sel, &ex, &langs);
    }
});
