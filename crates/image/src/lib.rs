//! dealguard-image: site photos and scans → print-resolution JPEG.
//!
//! Owns reading JPEG and PNG (sniffed by content, size limits checked before any pixel is
//! decoded), the EXIF date and orientation, the reduced JPEG decoder, scaling, redaction and
//! the JPEG encoder. It knows nothing of deals, week files or PDF pages: it must never depend
//! on the dealguard app crate, any other dealguard crate, or clap/tera/serde_yaml. Its callers pass bytes
//! and a box size and get bytes back; their messages are theirs.
//!
//! A site photo (JPEG or PNG, recognised by content) is checked against size limits before any
//! pixel is decoded, turned upright from its EXIF orientation, flattened onto white, shrunk to
//! fit the photo box and re-encoded as a baseline JFIF JPEG that the PDF writer embeds with
//! `/DCTDecode`.
//!
//! Phone photos are 12–50 MP while a photo box needs well under 1 MP, so JPEGs are decoded with
//! DCT scaling (1/2, 1/4 or 1/8 size straight from the coefficients) and only the remaining
//! factor (< 2) goes through a Lanczos3 filter (`fast_image_resize`, ~10× faster than
//! `image::imageops::resize` here). Entropy decoding of every coefficient remains whatever the
//! scale and is most of a photo's time, so the common camera JPEG at 1/4 or 1/8 (baseline,
//! one scan, gray or YCbCr) goes through our reduced decoder (`reduced/`: 29 ms for a 12 MP
//! photo of the bench against 56 ms; its YCbCr samples are scaled and encoded as they are,
//! with no round trip through RGB), and everything else — progressive, CMYK, 1/2 and full
//! size, damaged files — through `jpeg-decoder` (`Decoder::scale`). The `image` crate's own
//! JPEG decoder (zune-jpeg 0.5) has no scaled output, so `image` is built for PNG only.
//! `jpeg-decoder` runs its rows on the caller's rayon pool (its `rayon` feature), where it
//! would otherwise start three threads of its own per photo on already busy cores.
//! `jpeg-encoder` writes the result: 3 ms against 9 ms for `image`'s encoder, chroma 4:2:0.
//!
//! The boundary is the compiler's: the app is not a dependency, so a deal type does not
//! compile here (`tests/suite/architecture.rs` checks the whole dependency graph):
//!
//! ```compile_fail
//! use dealguard::profile::week::Week;
//! ```

mod exif;
pub use exif::{exif_taken, find_exif};
mod jpeg;
mod markers;
mod png;
mod redact;
mod reduced;
pub use redact::Rect;

use std::fmt;

use fast_image_resize as fir;
use jpeg::jpeg_raster;
use png::png_raster;

const MIB: u64 = 1024 * 1024;

/// The message when a decoder panics on malformed data (caught, never passed on).
const PANICKED: &str = "the decoder failed on malformed data";

/// Limits applied before decoding (decompression bombs, absurd files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
    /// Largest accepted image, in pixels (width × height as stored in the file).
    pub max_pixels: u64,
    /// Most scans a JPEG may have. Each scan of a progressive JPEG passes over the whole
    /// image again, so a few MB of tiny scans would keep the decoder busy for many minutes.
    pub max_scans: usize,
}

impl Default for Limits {
    /// 40 MiB, 60 megapixels and 32 scans: a 50 MP phone photo passes (cameras write one
    /// scan, progressive encoders about ten), a 20000×20000 bomb does not.
    fn default() -> Self {
        Limits {
            max_bytes: 40 * MIB,
            max_pixels: 60_000_000,
            max_scans: 32,
        }
    }
}

/// A photo ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Baseline 8-bit JFIF JPEG (RGB, or grayscale when `gray`).
    pub jpeg: Vec<u8>,
    /// Pixel width of `jpeg`.
    pub width: u32,
    /// Pixel height of `jpeg`.
    pub height: u32,
    /// Whether `jpeg` has one (gray) component instead of three (RGB).
    pub gray: bool,
    /// Width of the original photo, after EXIF rotation.
    pub source_width: u32,
    /// Height of the original photo, after EXIF rotation.
    pub source_height: u32,
}

/// Why a photo cannot be used; `Display` gives a lowercase message that follows the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    /// Neither JPEG nor PNG; holds what the file is or starts with ("it starts with `%PDF`").
    NotAnImage(String),
    /// A JPEG or PNG (or a known other image format) that this module cannot use; holds why.
    Unsupported(String),
    /// Over `Limits`; holds the size found and the limit ("20000×20000 pixels; …").
    TooLarge(String),
    /// A JPEG without its end-of-image marker (cut off while copying or uploading).
    Truncated,
    /// The decoder or encoder failed; holds its message.
    Decode(String),
    /// Redaction box number `.0` (from 0) lies outside the upright image of size `.1`.
    RedactOutside(usize, (u32, u32)),
}

impl fmt::Display for PhotoError {
    /// Formats the message, meant to follow "photo `…` ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhotoError::NotAnImage(what) => write!(f, "is not a JPEG or PNG image ({what})"),
            PhotoError::Unsupported(what) => write!(f, "is not supported: {what}"),
            PhotoError::TooLarge(what) => write!(f, "is {what}"),
            PhotoError::Truncated => f.write_str("is a truncated JPEG (no end-of-image marker)"),
            PhotoError::Decode(why) => write!(f, "could not be decoded ({why})"),
            PhotoError::RedactOutside(i, (w, h)) => write!(
                f,
                "has redaction box {} outside the image, which is {w}×{h} pixels as displayed",
                i + 1
            ),
        }
    }
}

impl std::error::Error for PhotoError {}

/// Image format, detected from content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JPEG/JFIF/EXIF (starts `FF D8 FF`).
    Jpeg,
    /// PNG (starts with the 8-byte PNG signature).
    Png,
}

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Detects the format from content (magic bytes), never from the file name.
pub fn sniff(bytes: &[u8]) -> Result<Kind, PhotoError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Kind::Jpeg);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok(Kind::Png);
    }
    if bytes.is_empty() {
        return Err(PhotoError::NotAnImage("the file is empty".into()));
    }
    // Phones and editors produce these; naming them tells the user what to change.
    let other = if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("GIF")
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("WebP")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if bytes.get(4..8) == Some(b"ftyp") {
        match bytes.get(8..12) {
            Some(b"avif") | Some(b"avis") => Some("AVIF"),
            Some(b"heic") | Some(b"heix") | Some(b"heim") | Some(b"heis") | Some(b"hevc")
            | Some(b"mif1") | Some(b"msf1") => Some("HEIC"),
            _ => None,
        }
    } else {
        None
    };
    match other {
        Some(name) => Err(PhotoError::Unsupported(format!(
            "{name} image; save or export the photo as JPEG"
        ))),
        None => Err(PhotoError::NotAnImage(format!(
            "it starts with `{}`",
            show_start(bytes)
        ))),
    }
}

/// The first bytes of a file as text a user can compare with what they expected.
fn show_start(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes.iter().take(4) {
        if b.is_ascii_graphic() && b != b'`' || b == b' ' {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("\\x{b:02X}"));
        }
    }
    s
}

/// Decodes, applies EXIF orientation, flattens transparency onto white, scales to fit
/// `max_w`×`max_h` pixels (never up) and encodes a JPEG at `quality` (1–100).
pub fn prepare(
    bytes: &[u8],
    max_w: u32,
    max_h: u32,
    quality: u8,
    limits: Limits,
) -> Result<Prepared, PhotoError> {
    prepare_redacted(bytes, (max_w, max_h), quality, limits, &[])
}

/// An image as 8-bit grey, row by row, for reading what is drawn in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grey {
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// `width × height` grey values, top row first.
    pub pixels: Vec<u8>,
}

/// The width and height a JPEG or PNG (by content) says it has, from its header: no pixel is
/// decoded.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    match sniff(bytes)? {
        Kind::Jpeg => jpeg::jpeg_dimensions(bytes),
        Kind::Png => png::png_dimensions(bytes),
    }
}

/// A JPEG or PNG (by content) as 8-bit grey within `limits`, for finding what is drawn in it
/// (the mail checker's QR codes): a JPEG decoded by DCT scaling to the smallest size whose
/// long side is still at least `long_side` (never larger than stored), a PNG at full size;
/// no EXIF orientation, transparency ignored — the pixels as stored.
pub fn grey(bytes: &[u8], long_side: u32, limits: Limits) -> Result<Grey, PhotoError> {
    check_bytes(bytes, limits, "images")?;
    match sniff(bytes)? {
        Kind::Jpeg => jpeg::jpeg_grey(bytes, long_side.max(1), limits),
        Kind::Png => png::png_grey(bytes, limits),
    }
}

/// A file no larger than `limits.max_bytes`, or the error naming both sizes (`what`: images,
/// photos).
fn check_bytes(bytes: &[u8], limits: Limits, what: &str) -> Result<(), PhotoError> {
    let len = bytes.len() as u64;
    if len > limits.max_bytes {
        return Err(PhotoError::TooLarge(format!(
            "{}; {what} may be at most {}",
            show_size(len),
            show_size(limits.max_bytes)
        )));
    }
    Ok(())
}

/// As [`prepare`], with `redact` boxes (pixels of the upright source image) painted black
/// into the pixels before the encode; a box outside the image is an error.
pub fn prepare_redacted(
    bytes: &[u8],
    (max_w, max_h): (u32, u32),
    quality: u8,
    limits: Limits,
    redact: &[Rect],
) -> Result<Prepared, PhotoError> {
    check_bytes(bytes, limits, "photos")?;
    let bx = (max_w.max(1), max_h.max(1));
    let raster = match sniff(bytes)? {
        Kind::Jpeg => jpeg_raster(bytes, bx, limits, redact)?,
        Kind::Png => png_raster(bytes, bx, limits, redact)?,
    };
    let jpeg = encode(&raster, quality)?;
    Ok(Prepared {
        jpeg,
        width: raster.w,
        height: raster.h,
        gray: raster.pixels == Pixels::Gray,
        source_width: raster.source.0,
        source_height: raster.source.1,
    })
}

/// Baseline JFIF at `quality`, chroma 4:2:0.
fn encode(r: &Raster, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let fail =
        |e: &dyn fmt::Display| PhotoError::Decode(format!("re-encoding as JPEG failed: {e}"));
    let too_big = |_| fail(&"more than 65535 pixels across");
    let (w, h) = (
        u16::try_from(r.w).map_err(too_big)?,
        u16::try_from(r.h).map_err(too_big)?,
    );
    let color = match r.pixels {
        Pixels::Gray => jpeg_encoder::ColorType::Luma,
        Pixels::Rgb => jpeg_encoder::ColorType::Rgb,
        Pixels::Ycc => jpeg_encoder::ColorType::Ycbcr,
    };
    let mut out = Vec::with_capacity(r.px.len() / 8);
    // No optimised Huffman tables: `jpeg-encoder` then writes one scan per component, which is
    // valid baseline but which some decoders get wrong (zune-jpeg 0.5.15 gives false colours).
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    // 4:2:0 at every quality (the encoder's own choice below 90 only): the reduced decoder
    // decodes no more chroma than this keeps.
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder.encode(&r.px, w, h, color).map_err(|e| fail(&e))?;
    Ok(out)
}

/// What the bytes of a decoded pixel are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pixels {
    Gray,
    Rgb,
    /// JPEG's own YCbCr, straight from the reduced decoder: no conversion to RGB and back
    /// before it is encoded again.
    Ycc,
}

impl Pixels {
    /// The bytes of one black pixel.
    fn black(self) -> &'static [u8] {
        match self {
            Pixels::Gray => &[0],
            Pixels::Rgb => &[0, 0, 0],
            Pixels::Ycc => &[0, 128, 128],
        }
    }
}

/// Upright, fitted 8-bit pixels: gray (1 byte), RGB or YCbCr (3 bytes) per pixel.
struct Raster {
    px: Vec<u8>,
    w: u32,
    h: u32,
    pixels: Pixels,
    /// Original size after orientation.
    source: (u32, u32),
}

fn show_size(n: u64) -> String {
    if n.is_multiple_of(MIB) && n > 0 {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

fn check_pixels(w: u32, h: u32, limits: Limits) -> Result<(), PhotoError> {
    if u64::from(w) * u64::from(h) <= limits.max_pixels {
        return Ok(());
    }
    let mp = limits.max_pixels as f64 / 1e6;
    let mp = if limits.max_pixels.is_multiple_of(1_000_000) {
        format!("{mp:.0}")
    } else {
        format!("{mp:.1}")
    };
    Err(PhotoError::TooLarge(format!(
        "{w}×{h} pixels; photos may have at most {mp} megapixels"
    )))
}

/// Largest size with the aspect ratio of `w`×`h` that fits the box; never larger than `w`×`h`.
fn fit(w: u32, h: u32, (bw, bh): (u32, u32)) -> (u32, u32) {
    if w <= bw && h <= bh {
        return (w, h);
    }
    let (w64, h64, bw64, bh64) = (u64::from(w), u64::from(h), u64::from(bw), u64::from(bh));
    // Integer arithmetic keeps the result identical on every platform.
    if w64 * bh64 >= h64 * bw64 {
        let nh = (h64 * bw64 + w64 / 2) / w64;
        (bw, u32::try_from(nh).unwrap_or(bh).clamp(1, bh))
    } else {
        let nw = (w64 * bh64 + h64 / 2) / h64;
        (u32::try_from(nw).unwrap_or(bw).clamp(1, bw), bh)
    }
}

/// Width and height in pixels.
type Size = (u32, u32);

/// The upright source size and the fitted size in stored orientation, for `w`×`h` as stored;
/// an error when a redaction box does not lie inside the upright image.
fn plan(
    (w, h): (u32, u32),
    orientation: u8,
    bx: (u32, u32),
    redact: &[Rect],
) -> Result<(Size, Size), PhotoError> {
    let (source, target) = if swaps(orientation) {
        let (tw, th) = fit(h, w, bx);
        ((h, w), (th, tw))
    } else {
        ((w, h), fit(w, h, bx))
    };
    match redact::outside(redact, source) {
        Some(i) => Err(PhotoError::RedactOutside(i, source)),
        None => Ok((source, target)),
    }
}

/// Whether an EXIF orientation turns the image by 90° (width and height swap).
fn swaps(orientation: u8) -> bool {
    (5..=8).contains(&orientation)
}

/// From decoded pixels (`w`×`h` as stored, `n` bytes per pixel) to the fitted, upright raster,
/// with the `redact` boxes painted black before and after scaling.
/// `target` is the fitted size in stored orientation.
fn finish(
    mut px: Vec<u8>,
    (w, h): (u32, u32),
    pixels: Pixels,
    (target, orientation): ((u32, u32), u8),
    source: (u32, u32),
    redact: &[Rect],
) -> Result<Raster, PhotoError> {
    let black = pixels.black();
    let n = black.len();
    redact::paint_boxes(&mut px, (w, h), black, redact, (source, orientation));
    let px = if (w, h) == target {
        px
    } else {
        resize(px, (w, h), n, target)?
    };
    let (mut px, w, h) = orient(px, target.0, target.1, n, orientation);
    redact::paint_boxes(&mut px, (w, h), black, redact, (source, 1));
    Ok(Raster {
        px,
        w,
        h,
        pixels,
        source,
    })
}

fn resize(
    px: Vec<u8>,
    (w, h): (u32, u32),
    n: usize,
    (tw, th): (u32, u32),
) -> Result<Vec<u8>, PhotoError> {
    let kind = if n == 1 {
        fir::PixelType::U8
    } else {
        fir::PixelType::U8x3
    };
    let fail = |e: &dyn fmt::Display| PhotoError::Decode(format!("resizing failed: {e}"));
    let src = fir::images::Image::from_vec_u8(w, h, px, kind).map_err(|e| fail(&e))?;
    let mut dst = fir::images::Image::new(tw, th, kind);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
    fir::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| fail(&e))?;
    Ok(dst.into_vec())
}

/// Applies EXIF orientation `o` (1–8; anything else is 1) to `w`×`h` pixels of `n` bytes.
fn orient(px: Vec<u8>, w: u32, h: u32, n: usize, o: u8) -> (Vec<u8>, u32, u32) {
    if !(2..=8).contains(&o) {
        return (px, w, h);
    }
    let (ow, oh) = if swaps(o) { (h, w) } else { (w, h) };
    let (w, h) = (w as usize, h as usize);
    let mut out = Vec::with_capacity(px.len());
    for y in 0..oh as usize {
        for x in 0..ow as usize {
            // Output pixel (x, y) comes from stored pixel (sx, sy).
            let (sx, sy) = match o {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            let i = (sy * w + sx) * n;
            out.extend_from_slice(px.get(i..i + n).unwrap_or(&[0, 0, 0][..n]));
        }
    }
    (out, ow, oh)
}

#[cfg(test)]
mod tests;
