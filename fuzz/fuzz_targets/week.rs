//! A week file from arbitrary bytes: load and check against the example deal, then lay out and
//! write the report PDF (no photos: the fuzzed paths name no files).
#![no_main]
mod common;

use dealguard::profile::{week, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ex = common::example();
    let path = common::scratch().join("reports/w.yaml");
    let Ok(src) = Source::from_bytes(&path, data) else { return };
    let Ok(wk) = week::load_source(src, &path, &ex.profile, &ex.dir) else { return };
    for langs in ["en+zh", "zh"] {
        let langs = langs.parse().unwrap();
        let _ = dealguard::report::render(ex, &wk, &langs, common::fonts(), common::templates(), Some(0));
    }
});
