//! Verify stage, reading: QR codes in image attachments (PNG, JPEG) — decoded with limits,
//! shrunk, searched with `rqrr` — and the URLs they carry, which the rules check like links
//! ("quishing": a QR code is a link the mail filter does not see).
//!
//! A QR code in a mail is large (it is meant to be scanned from a screen), so the image is
//! decoded small, through `dealguard-image` (its limits-checked JPEG and PNG reading): JPEG with
//! DCT scaling straight to the first size whose long side is at least `MAX_SIDE`, PNG at full
//! size and then averaged down to at most `MAX_SIDE` (a QR module stays several pixels wide).
//! Decoders and `rqrr` run under `catch_unwind`: third-party code on hostile bytes.

use dealguard_image::Limits;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Largest image decoded (pixels, width × height as stored).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Long side of the image searched for QR codes.
pub const MAX_SIDE: usize = 1600;
/// Most QR codes read per image.
const MAX_CODES: usize = 8;

/// What the QR search of one image gave.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// URLs of the codes (`http(s)://…` or `www.…`).
    pub urls: Vec<String>,
    /// Limits reached, `[en, zh]`.
    pub cut: Vec<[String; 2]>,
}

/// The URLs of the QR codes in a PNG or JPEG image.
pub(super) fn urls(name: &str, bytes: &[u8]) -> Found {
    let mut found = Found::default();
    let grey = catch_unwind(AssertUnwindSafe(|| grey(bytes)));
    let (w, h, pixels) = match grey {
        Ok(Ok(g)) => g,
        Ok(Err(Too::Big(px))) => {
            let mp = px / 1_000_000;
            let max = MAX_PIXELS / 1_000_000;
            found.cut.push([
                format!(
                    "`{name}` is {mp} megapixels, over {max}: it was not searched for QR codes"
                ),
                format!("`{name}` 为 {mp} 百万像素，超过 {max}：未查找二维码"),
            ]);
            return found;
        }
        // A damaged image has no code we can read; the mail is judged on the rest.
        _ => return found,
    };
    let (w, h, pixels) = shrink(w, h, pixels);
    let codes = catch_unwind(AssertUnwindSafe(|| {
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
        img.detect_grids()
            .iter()
            .take(MAX_CODES)
            .filter_map(|g| g.decode().ok().map(|(_, text)| text))
            .collect::<Vec<_>>()
    }));
    for text in codes.unwrap_or_default() {
        if let Some(url) = url_in(&text) {
            if !found.urls.contains(&url) {
                found.urls.push(url);
            }
        }
    }
    found
}

/// Why an image was not decoded.
enum Too {
    Big(u64),
    Bad,
}

/// The image as 8-bit grey: width, height, pixels row by row.
fn grey(bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), Too> {
    let (w, h) = dealguard_image::dimensions(bytes).map_err(|_| Too::Bad)?;
    let px = u64::from(w) * u64::from(h);
    if px > MAX_PIXELS {
        return Err(Too::Big(px));
    }
    // The mail's own size bound applies to its attachments; pixels and JPEG scans are checked.
    let limits = Limits {
        max_bytes: u64::MAX,
        max_pixels: MAX_PIXELS,
        ..Limits::default()
    };
    let g = dealguard_image::grey(bytes, MAX_SIDE as u32, limits).map_err(|_| Too::Bad)?;
    let (w, h) = (g.width as usize, g.height as usize);
    if g.pixels.len() < w * h {
        return Err(Too::Bad);
    }
    Ok((w, h, g.pixels))
}

/// Averages the image down by a whole factor until its long side is at most `MAX_SIDE`.
fn shrink(w: usize, h: usize, pixels: Vec<u8>) -> (usize, usize, Vec<u8>) {
    let f = w.max(h).div_ceil(MAX_SIDE);
    if f <= 1 {
        return (w, h, pixels);
    }
    let (nw, nh) = (w / f, h / f);
    let mut out = vec![0u8; nw * nh];
    for y in 0..nh {
        for x in 0..nw {
            let mut sum = 0u32;
            for row in pixels[(y * f) * w..].chunks(w).take(f) {
                sum += row[x * f..x * f + f].iter().map(|&p| p as u32).sum::<u32>();
            }
            out[y * nw + x] = (sum / (f * f) as u32) as u8;
        }
    }
    (nw, nh, out)
}

/// The URL a QR code's text carries: `http(s)://…` or a bare `www.…`, anywhere in it.
fn url_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()?;
    let url: String = text[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !"<>\"'".contains(*c))
        .take(2048)
        .collect();
    Some(url)
}
