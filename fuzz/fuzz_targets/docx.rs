//! `diff`'s reader of a returned DOCX from arbitrary bytes (zip, XML nesting, node and size
//! limits), and the body text it gives `verify` for DOCX attachments.
#![no_main]

use dealguard_ooxml::docx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = docx::read(data) {
        assert!(r.paras.len() <= 4_000_000);
    }
    let _ = docx::body_text(data);
});
