//! Text from arbitrary bytes: letter markup parsing and rendering, and line breaking with the
//! real fonts at several widths.
#![no_main]
mod common;

use dealguard_pdf::font::Weight;
use dealguard_pdf::text::wrap;
use dealguard::render::markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let doc = markup::parse(s);
    let _ = (markup::to_markdown(&doc), markup::to_text(&doc), markup::to_html_fragment(&doc, "en"));
    let f = common::fonts();
    for w in [1.0f32, 30.0, 200.0] {
        let lines = wrap(s, w, &|t| f.width(Weight::Regular, t) * 9.0);
        let joined: usize = lines.iter().map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
        assert!(joined <= s.chars().filter(|c| !c.is_whitespace()).count());
    }
});
