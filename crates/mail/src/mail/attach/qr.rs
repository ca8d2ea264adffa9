//! Verify stage, reading: QR codes in image attachments (PNG, JPEG) — decoded with limits,
//! shrunk, searched with `rqrr` — and the URLs they carry, which the rules check like links
//! ("quishing": a QR code is a link the mail filter does not see).
//!
//! A QR code in a mail is large (it is meant to be scanned from a screen), so the image is
//! decoded small: JPEG with DCT scaling straight to the first size whose long side is at least
//! `MAX_SIDE` (`jpeg-decoder`'s `scale`), PNG at full size and then averaged down to at most
//! `MAX_SIDE` (a QR module stays several pixels wide). Decoders and `rqrr` run under
//! `catch_unwind`: third-party code on hostile bytes.

use std::io::Cursor;
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
    if bytes.starts_with(b"\x89PNG") {
        // IHDR is the first chunk: width and height at bytes 16..24, before any decoding.
        let dim = |i: usize| {
            bytes
                .get(i..i + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as u64)
        };
        let (w, h) = (dim(16).ok_or(Too::Bad)?, dim(20).ok_or(Too::Bad)?);
        if w * h > MAX_PIXELS {
            return Err(Too::Big(w * h));
        }
        let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
            .map_err(|_| Too::Bad)?
            .into_luma8();
        let (w, h) = (img.width() as usize, img.height() as usize);
        return Ok((w, h, img.into_raw()));
    }
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(|_| Too::Bad)?;
    let info = d.info().ok_or(Too::Bad)?;
    let px = info.width as u64 * info.height as u64;
    if px > MAX_PIXELS {
        return Err(Too::Big(px));
    }
    // The request keeps the aspect ratio: `scale` picks the smallest size at least as large
    // on both sides, so a square request would keep a 4000×3000 photo at full size.
    let long = info.width.max(info.height).max(1) as usize;
    let want = |side: u16| (side as usize * MAX_SIDE).div_ceil(long).min(side as usize) as u16;
    let (w, h) = d
        .scale(want(info.width), want(info.height))
        .map_err(|_| Too::Bad)?;
    d.set_max_decoding_buffer_size(MAX_PIXELS as usize * 4);
    let data = d.decode().map_err(|_| Too::Bad)?;
    let (w, h) = (w as usize, h as usize);
    let info = d.info().ok_or(Too::Bad)?;
    let pixels: Vec<u8> = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => data,
        jpeg_decoder::PixelFormat::L16 => data.chunks_exact(2).map(|c| c[0]).collect(),
        jpeg_decoder::PixelFormat::RGB24 => data
            .chunks_exact(3)
            .map(|c| ((c[0] as u32 * 299 + c[1] as u32 * 587 + c[2] as u32 * 114) / 1000) as u8)
            .collect(),
        // Adobe CMYK JPEGs are stored inverted: K alone gives the darkness well enough.
        jpeg_decoder::PixelFormat::CMYK32 => data.chunks_exact(4).map(|c| c[3]).collect(),
    };
    if pixels.len() < w * h {
        return Err(Too::Bad);
    }
    Ok((w, h, pixels))
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
