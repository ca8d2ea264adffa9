//! A photo from arbitrary bytes: sniff, limits, decode, orientation, scaling, encoding.
#![no_main]

use dealguard_image::{prepare, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Smaller limits than the real ones keep each run fast; the code paths are the same.
    let limits = Limits { max_bytes: 4 * 1024 * 1024, max_pixels: 4_000_000, max_scans: 32 };
    if let Ok(p) = prepare(data, 320, 240, 85, limits) {
        assert!(p.width <= 320 && p.height <= 240 && p.jpeg.starts_with(&[0xFF, 0xD8]));
    }
});
