//! Tests of the reduced decoder: its pixels against the full decode of `jpeg-decoder` averaged
//! over each output pixel's square, every sampling it takes, restart intervals, Huffman codes
//! longer than the lookup, and files it must leave to `jpeg-decoder`.

use super::entropy::{Bits, Huffman};
use super::weights::weights;
use super::*;
use crate::tests::noisy_rgb;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

/// A JPEG of `px` (RGB, or gray when `gray`) at quality 90, `setup` choosing the rest.
fn encode(
    px: &[u8],
    (w, h): (u32, u32),
    color: ColorType,
    setup: impl FnOnce(&mut Encoder<&mut Vec<u8>>),
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = Encoder::new(&mut out, 90);
    setup(&mut e);
    e.encode(px, w as u16, h as u16, color).unwrap();
    out
}

fn gray(w: u32, h: u32) -> Vec<u8> {
    noisy_rgb(w, h, 20, 0)
        .chunks_exact(3)
        .map(|p| p[1])
        .collect()
}

/// `jpeg-decoder`'s full-size decode.
fn full(bytes: &[u8]) -> Vec<u8> {
    let mut d = jpeg_decoder::Decoder::new(bytes);
    d.decode().unwrap()
}

/// The mean of each `k`×`k` square of `px` (the last ones cut at the edges), rounded.
fn box_mean(px: &[u8], (w, h): (u32, u32), n: usize, k: u32) -> Vec<u8> {
    let (ow, oh) = (w.div_ceil(k), h.div_ceil(k));
    let mut out = Vec::with_capacity((ow * oh) as usize * n);
    for oy in 0..oh {
        for ox in 0..ow {
            for c in 0..n {
                let (mut sum, mut count) = (0u32, 0u32);
                for y in oy * k..((oy + 1) * k).min(h) {
                    for x in ox * k..((ox + 1) * k).min(w) {
                        sum += u32::from(px[((y * w + x) as usize) * n + c]);
                        count += 1;
                    }
                }
                out.push(((sum + count / 2) / count) as u8);
            }
        }
    }
    out
}

/// Mean and largest absolute difference, over the channels `channels` of each pixel.
fn diff(a: &[u8], b: &[u8], n: usize, channels: std::ops::Range<usize>) -> (f64, u8) {
    assert_eq!(a.len(), b.len());
    let (mut sum, mut max, mut count) = (0u64, 0u8, 0u64);
    for (p, q) in a.chunks_exact(n).zip(b.chunks_exact(n)) {
        for c in channels.clone() {
            let d = p[c].abs_diff(q[c]);
            sum += u64::from(d);
            max = max.max(d);
            count += 1;
        }
    }
    (sum as f64 / count as f64, max)
}

/// JFIF's YCbCr → RGB, for comparing the reduced decoder's samples with `jpeg-decoder`'s.
fn rgb(ycc: &[u8]) -> Vec<u8> {
    ycc.chunks_exact(3)
        .flat_map(|p| {
            let (y, cb, cr) = (
                f64::from(p[0]),
                f64::from(p[1]) - 128.0,
                f64::from(p[2]) - 128.0,
            );
            [
                y + 1.402 * cr,
                y - 0.344136 * cb - 0.714136 * cr,
                y + 1.772 * cb,
            ]
            .map(|v| v.round().clamp(0.0, 255.0) as u8)
        })
        .collect()
}

/// BT.601 luma of interleaved RGB, for comparing colour decodes where chroma was halved.
fn luma(px: &[u8]) -> Vec<u8> {
    px.chunks_exact(3)
        .map(|p| {
            let y = 299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2]);
            ((y + 500) / 1000) as u8
        })
        .collect()
}

#[test]
fn gray_pixels_are_the_mean_of_the_full_decode_at_a_quarter_and_an_eighth() {
    for (w, h) in [(640, 480), (333, 251), (8, 8)] {
        for restart in [0, 2] {
            let bytes = encode(&gray(w, h), (w, h), ColorType::Luma, |e| {
                if restart > 0 {
                    e.set_restart_interval(restart);
                }
            });
            let reference = full(&bytes);
            for eighths in [1, 2] {
                let r = decode(&bytes, eighths).expect("a baseline gray JPEG is in scope");
                let size = ((w * eighths).div_ceil(8), (h * eighths).div_ceil(8));
                assert_eq!((r.w, r.h, r.n), (size.0, size.1, 1));
                let k = 8 / eighths;
                let expect = box_mean(&reference, (w, h), 1, k);
                let (mean, _) = diff(&r.px, &expect, 1, 0..1);
                // Pixels of whole squares: the edge ones also average the encoder's padding.
                let whole = |px: &[u8]| -> Vec<u8> {
                    (0..h / k)
                        .flat_map(|y| px[(y * r.w) as usize..][..(w / k) as usize].to_vec())
                        .collect()
                };
                let (_, max) = diff(&whole(&r.px), &whole(&expect), 1, 0..1);
                // Rounding of the full decode's pixels before the mean; clamping at 0 and 255.
                let what = format!("{w}×{h} restart {restart} at {eighths}/8");
                assert!(mean < 0.5 && max <= 3, "{what}: mean {mean:.2}, max {max}");
            }
        }
    }
}

/// Decodes a colour JPEG of `w`×`h` at 1/8 and 1/4 and compares with the full decode of
/// `jpeg-decoder` averaged over each output pixel's square.
fn matches_the_full_decode(bytes: &[u8], (w, h): (u32, u32), what: &str) {
    let reference = full(bytes);
    for eighths in [1, 2] {
        let mut r = decode(bytes, eighths).expect("a baseline YCbCr JPEG is in scope");
        let size = ((w * eighths).div_ceil(8), (h * eighths).div_ceil(8));
        assert_eq!((r.w, r.h, r.n), (size.0, size.1, 3));
        r.px = rgb(&r.px);
        let expect = box_mean(&reference, (w, h), 3, 8 / eighths);
        let what = format!("{what} at {eighths}/8");
        // Brightness, which chroma does not touch, as close as in gray.
        let (mean, _) = diff(&luma(&r.px), &luma(&expect), 1, 0..1);
        assert!(mean < 0.5, "{what}: luma mean {mean:.2}");
        // Colours: chroma is repeated over the pixels it covers (and at 1/4 of a 4:4:4 file
        // decoded at half resolution) where the reference's is interpolated, so pixel by
        // pixel they differ by a few levels …
        let (mean, _) = diff(&r.px, &expect, 3, 0..3);
        assert!(mean < 5.0, "{what}: RGB mean {mean:.2}");
        // … and over 2×2 pixels, where that evens out, hardly at all.
        let two = |px: &[u8]| box_mean(px, (r.w, r.h), 3, 2);
        let (mean, _) = diff(&two(&r.px), &two(&expect), 3, 0..3);
        assert!(mean < 1.0, "{what}: RGB mean over 2×2 {mean:.2}");
    }
}

#[test]
fn colour_at_every_sampling_matches_the_full_decode() {
    let samplings = [
        SamplingFactor::F_1_1,
        SamplingFactor::F_2_2,
        SamplingFactor::F_2_1,
        SamplingFactor::F_1_2,
    ];
    for (w, h) in [(640, 480), (333, 251)] {
        let px = noisy_rgb(w, h, 12, 40);
        for sampling in samplings {
            for restart in [0, 3] {
                let bytes = encode(&px, (w, h), ColorType::Rgb, |e| {
                    e.set_sampling_factor(sampling);
                    if restart > 0 {
                        e.set_restart_interval(restart);
                    }
                });
                let what = format!("{w}×{h} {sampling:?} restart {restart}");
                matches_the_full_decode(&bytes, (w, h), &what);
            }
        }
    }
}

/// A file of `tests/jpeg/` (made by libjpeg-turbo's `cjpeg`, see its README).
fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/jpeg")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn files_from_libjpeg_decode_alike() {
    // Another encoder's layouts: optimised tables in one interleaved scan (jpeg-encoder
    // writes those as separate scans), restart intervals of a row and of 3 blocks.
    for name in [
        "libjpeg-420-optimized-restart.jpg",
        "libjpeg-422-restart-blocks.jpg",
        "libjpeg-444.jpg",
    ] {
        matches_the_full_decode(&fixture(name), (500, 375), name);
    }
    let bytes = fixture("libjpeg-gray-optimized.jpg");
    let reference = full(&bytes);
    for eighths in [1, 2] {
        let r = decode(&bytes, eighths).expect("a baseline gray JPEG is in scope");
        let expect = box_mean(&reference, (500, 375), 1, 8 / eighths);
        let (mean, _) = diff(&r.px, &expect, 1, 0..1);
        assert!(mean < 0.5, "gray at {eighths}/8: mean {mean:.2}");
    }
}

#[test]
fn the_red_corner_stays_red_and_the_rest_keeps_its_colour() {
    // 64×64 red in the corner of a 4:2:0 file: after a reduction to 1/4, a 16×16 red square.
    let (w, h) = (256, 192);
    let bytes = encode(&noisy_rgb(w, h, 0, 64), (w, h), ColorType::Rgb, |e| {
        e.set_sampling_factor(SamplingFactor::F_2_2)
    });
    let r = decode(&bytes, 2).unwrap();
    let px = rgb(&r.px);
    let at = |x: u32, y: u32| &px[((y * r.w + x) * 3) as usize..][..3];
    for (x, y) in [(2, 2), (12, 3), (3, 12)] {
        let p = at(x, y);
        assert!(p[0] > 220 && p[1] < 40 && p[2] < 40, "({x}, {y}) is {p:?}");
    }
    let p = at(40, 40);
    assert!(p[0] < 200 && p[1] > 40, "the gradient is not red: {p:?}");
}

/// The Huffman tables of a JPEG's DHT segments: (AC, counts, symbols).
fn tables(bytes: &[u8]) -> Vec<(bool, Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 2;
    while bytes[at + 1] != 0xDA {
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if bytes[at + 1] == 0xC4 {
            let mut s = &bytes[at + 4..at + 2 + len];
            while !s.is_empty() {
                let counts = s[1..17].to_vec();
                let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
                out.push((s[0] >> 4 == 1, counts, s[17..17 + total].to_vec()));
                s = &s[17 + total..];
            }
        }
        at += 2 + len;
    }
    out
}

#[test]
fn each_code_of_a_files_tables_decodes_including_codes_longer_than_the_lookup() {
    let bytes = encode(&noisy_rgb(64, 64, 30, 0), (64, 64), ColorType::Rgb, |_| {});
    let mut longest = 0;
    for (ac, counts, symbols) in tables(&bytes) {
        let table = Huffman::new(&counts, &symbols, ac).unwrap();
        // The canonical codes, assigned here apart from `Huffman::new`.
        let (mut code, mut k) = (0u64, 0usize);
        for len in 1..=16u32 {
            for _ in 0..counts[len as usize - 1] {
                // The code, then ones (as an encoder pads), stuffed, then end of image.
                let mut stream = (code << (64 - len)) | (u64::MAX >> len);
                let mut data = Vec::new();
                for _ in 0..8 {
                    let byte = (stream >> 56) as u8;
                    data.push(byte);
                    if byte == 0xFF {
                        data.push(0x00);
                    }
                    stream <<= 8;
                }
                data.extend([0xFF, 0xD9]);
                let mut bits = Bits::new(&data);
                assert_eq!(
                    bits.next_symbol(&table),
                    Some(symbols[k]),
                    "{len}-bit code {code:b}"
                );
                longest = longest.max(len);
                code += 1;
                k += 1;
            }
            code <<= 1;
        }
    }
    assert!(
        longest > 10,
        "the standard AC tables have codes of up to 16 bits"
    );
}

#[test]
fn stuffed_bytes_are_read_as_ff_and_a_marker_ends_the_data() {
    let data = [
        0xAB, 0xFF, 0x00, 0x12, 0xFF, 0x00, 0xFF, 0x00, 0x34, 0xFF, 0xD9,
    ];
    let mut bits = Bits::new(&data);
    for expect in [0xAB, 0xFF, 0x12, 0xFF, 0xFF, 0x34] {
        assert_eq!(bits.read(8), expect);
        assert!(bits.whole());
    }
    assert_eq!(bits.marker(0xD9), Some(data.len()));
    // Past the marker come zeros, and the stream knows it is no longer whole.
    assert_eq!(bits.read(8), 0);
    assert!(!bits.whole());
    assert_eq!(bits.marker(0xD9), None);
}

#[test]
fn weights_are_the_mean_of_the_idct() {
    let q = [4u16; 64];
    let w1 = weights::<1, 1>(&q);
    assert!((w1.rows[0][0] - 0.5).abs() < 1e-6, "DC: q/8");
    assert!(
        w1.rows[1..].iter().all(|r| r[0] == 0.0),
        "at 1/8 only DC counts"
    );
    let w4 = weights::<2, 4>(&q);
    assert!(
        w4.rows[0].iter().all(|&w| (w - 0.5).abs() < 1e-6),
        "DC alike in all four"
    );
    // Zig-zag 3 is row 2, column 0; 4 is row 1, column 1; 1 is row 0, column 1.
    assert!(
        w4.rows[3].iter().all(|&w| w == 0.0),
        "even frequencies average out over halves"
    );
    let w = w4.rows[1];
    assert!(w[0] > 0.0 && (w[0] + w[1]).abs() < 1e-6 && w[0] == w[2] && w[1] == w[3]);
    let w = w4.rows[4];
    assert!(w[0] > 0.0 && (w[0] + w[1]).abs() < 1e-6 && (w[0] + w[2]).abs() < 1e-6 && w[0] == w[3]);
    assert!(w4.rows[64].iter().all(|&w| w == 0.0));
}

#[test]
fn files_outside_the_reduced_decoders_scope_are_left_to_jpeg_decoder() {
    let (w, h) = (320, 240);
    let px = noisy_rgb(w, h, 12, 0);
    let progressive = encode(&px, (w, h), ColorType::Rgb, |e| e.set_progressive(true));
    // Optimised tables: one scan per component.
    let separate = encode(&px, (w, h), ColorType::Rgb, |e| {
        e.set_optimized_huffman_tables(true)
    });
    let cmyk: Vec<u8> = px
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 30])
        .collect();
    let cmyk = encode(&cmyk, (w, h), ColorType::Cmyk, |_| {});
    let baseline = encode(&px, (w, h), ColorType::Rgb, |_| {});
    for (what, bytes) in [
        ("progressive", &progressive),
        ("separate scans", &separate),
        ("CMYK", &cmyk),
    ] {
        assert!(decode(bytes, 2).is_none(), "{what}");
        // … which still go through, by `jpeg-decoder`.
        let p = crate::prepare(bytes, 80, 60, 85, Default::default()).unwrap();
        assert_eq!((p.width, p.height), (80, 60), "{what}");
    }
    assert!(
        decode(&baseline, 4).is_none(),
        "half size is jpeg-decoder's"
    );
    assert!(decode(&baseline, 8).is_none());
    assert!(decode(&baseline, 2).is_some());
}

#[test]
fn damaged_files_never_panic_and_cut_ones_are_refused() {
    let (w, h) = (160, 120);
    let bytes = encode(&noisy_rgb(w, h, 25, 0), (w, h), ColorType::Rgb, |e| {
        e.set_restart_interval(4)
    });
    // Cut anywhere: never a picture made of the zeros past the end.
    for cut in (0..bytes.len() - 1)
        .step_by(37)
        .chain([bytes.len() - 2, bytes.len() - 1])
    {
        assert!(
            decode(&bytes[..cut], 2).is_none(),
            "cut at {cut} of {}",
            bytes.len()
        );
    }
    // Bytes changed anywhere: no panic, and a picture only of the frame's size.
    let mut s: u32 = 0x1234_5678;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        s
    };
    for _ in 0..400 {
        let mut bad = bytes.clone();
        for _ in 0..1 + next() % 6 {
            let at = next() as usize % bad.len();
            bad[at] = next() as u8;
        }
        for eighths in [1, 2] {
            if let Some(r) = decode(&bad, eighths) {
                assert_eq!(r.px.len(), (r.w * r.h) as usize * r.n);
            }
        }
    }
    // Restart markers out of order.
    let at = bytes.windows(2).position(|m| m == [0xFF, 0xD0]).unwrap();
    let mut swapped = bytes.clone();
    swapped[at + 1] = 0xD1;
    assert!(decode(&swapped, 2).is_none());
    // Something other than the end-of-image marker after the scan.
    let mut tail = bytes[..bytes.len() - 2].to_vec();
    tail.extend([0xFF, 0xDA]);
    assert!(decode(&tail, 2).is_none());
}
