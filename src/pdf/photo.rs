//! Lay-out stage: photos → print-resolution JPEG.
//!
//! A site photo (JPEG or PNG, recognised by content) is checked against size limits before any
//! pixel is decoded, turned upright from its EXIF orientation, flattened onto white, shrunk to
//! fit the photo box and re-encoded as a baseline JFIF JPEG that the PDF writer embeds with
//! `/DCTDecode`.
//!
//! Phone photos are 12–50 MP while a photo box needs well under 1 MP, so JPEGs are decoded with
//! DCT scaling (1/2, 1/4 or 1/8 size straight from the coefficients, `jpeg-decoder`'s
//! `Decoder::scale`) and only the remaining factor (< 2) goes through a Lanczos3 filter
//! (`fast_image_resize`, ~10× faster than `image::imageops::resize` here). The `image` crate's
//! own JPEG decoder (zune-jpeg 0.5) has no scaled output, and full decoding alone costs more
//! than the whole scaled pipeline, so `image` is built for PNG only and `jpeg-decoder` is the
//! one JPEG decoder. It runs its rows on the caller's rayon pool (its `rayon` feature), where
//! it would otherwise start three threads of its own per photo on already busy cores. Entropy decoding of every coefficient remains whatever the
//! scale, and is most of the time left (~50 ms for a 2.5 MB 12 MP photo here).
//! `jpeg-encoder` writes the result: 3 ms against 9 ms for `image`'s encoder, and 4:2:0 chroma
//! at the usual qualities (< 90) where `image` always writes 4:4:4.

use std::fmt;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use fast_image_resize as fir;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat};

const MIB: u64 = 1024 * 1024;

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
    let len = bytes.len() as u64;
    if len > limits.max_bytes {
        return Err(PhotoError::TooLarge(format!(
            "{}; photos may be at most {}",
            show_size(len),
            show_size(limits.max_bytes)
        )));
    }
    let bx = (max_w.max(1), max_h.max(1));
    let raster = match sniff(bytes)? {
        Kind::Jpeg => jpeg_raster(bytes, bx, limits)?,
        Kind::Png => png_raster(bytes, bx, limits)?,
    };
    let jpeg = encode(&raster, quality)?;
    Ok(Prepared {
        jpeg,
        width: raster.w,
        height: raster.h,
        gray: raster.gray,
        source_width: raster.source.0,
        source_height: raster.source.1,
    })
}

/// Baseline JFIF at `quality`: 4:2:0 chroma below 90, 4:4:4 from 90 (the encoder's default).
fn encode(r: &Raster, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let fail =
        |e: &dyn fmt::Display| PhotoError::Decode(format!("re-encoding as JPEG failed: {e}"));
    let too_big = |_| fail(&"more than 65535 pixels across");
    let (w, h) = (
        u16::try_from(r.w).map_err(too_big)?,
        u16::try_from(r.h).map_err(too_big)?,
    );
    let color = if r.gray {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut out = Vec::with_capacity(r.px.len() / 8);
    // No optimised Huffman tables: `jpeg-encoder` then writes one scan per component, which is
    // valid baseline but which some decoders get wrong (zune-jpeg 0.5.15 gives false colours).
    jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100))
        .encode(&r.px, w, h, color)
        .map_err(|e| fail(&e))?;
    Ok(out)
}

/// Upright, fitted 8-bit pixels: gray (1 byte) or RGB (3 bytes) per pixel.
struct Raster {
    px: Vec<u8>,
    w: u32,
    h: u32,
    gray: bool,
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

/// The upright source size and the fitted size in stored orientation, for `w`×`h` as stored.
fn plan((w, h): (u32, u32), orientation: u8, bx: (u32, u32)) -> ((u32, u32), (u32, u32)) {
    if swaps(orientation) {
        let (tw, th) = fit(h, w, bx);
        ((h, w), (th, tw))
    } else {
        ((w, h), fit(w, h, bx))
    }
}

/// Whether an EXIF orientation turns the image by 90° (width and height swap).
fn swaps(orientation: u8) -> bool {
    (5..=8).contains(&orientation)
}

/// From decoded pixels (`w`×`h` as stored, `n` bytes per pixel) to the fitted, upright raster.
/// `target` is the fitted size in stored orientation.
fn finish(
    px: Vec<u8>,
    (w, h): (u32, u32),
    n: usize,
    target: (u32, u32),
    orientation: u8,
    source: (u32, u32),
) -> Result<Raster, PhotoError> {
    let px = if (w, h) == target {
        px
    } else {
        resize(px, (w, h), n, target)?
    };
    let (px, w, h) = orient(px, target.0, target.1, n, orientation);
    Ok(Raster {
        px,
        w,
        h,
        gray: n == 1,
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

/// EXIF orientation (tag 0x0112 in IFD0) from a TIFF-structured EXIF block, with or without
/// the `Exif\0\0` prefix of the JPEG APP1 segment.
fn exif_orientation(exif: &[u8]) -> Option<u8> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..4)? {
        [b'I', b'I', 42, 0] => false,
        [b'M', b'M', 0, 42] => true,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd0 = usize::try_from(u32_at(4)?).ok()?;
    let count = u16_at(ifd0)?;
    // Each entry is 12 bytes; `count` is at most 65535 and every read is bounds-checked.
    for i in 0..usize::from(count) {
        let entry = ifd0.checked_add(2 + 12 * i)?;
        if u16_at(entry)? != 0x0112 {
            continue;
        }
        // Type 3 is SHORT; the value sits in the first two bytes of the value field.
        if u16_at(entry + 2)? != 3 {
            return None;
        }
        let o = u16_at(entry + 8)?;
        return u8::try_from(o).ok().filter(|o| (1..=8).contains(o));
    }
    None
}

/// Whether the JPEG has its end-of-image marker.
fn jpeg_complete(bytes: &[u8]) -> bool {
    // Some writers pad the file after EOI with zeros or 0xFF fill bytes.
    let end = bytes
        .iter()
        .rposition(|&b| b != 0x00 && b != 0xFF)
        .map_or(0, |i| i + 1);
    if bytes.get(..end).is_some_and(|b| b.ends_with(&[0xFF, 0xD9])) {
        return true;
    }
    // Data after EOI is common too (motion photos append a video, MPF a second image), so look
    // for EOI after the first scan header, where thumbnails inside APP segments cannot fool us.
    let start = first_sos(bytes).unwrap_or(2);
    bytes
        .get(start..)
        .is_some_and(|scan| memchr::memmem::find(scan, &[0xFF, 0xD9]).is_some())
}

/// Offset of the first start-of-scan marker, walking the marker segments from SOI.
fn first_sos(bytes: &[u8]) -> Option<usize> {
    let mut at = 2;
    // Every step advances by at least 2 bytes, so this ends.
    while at + 1 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        match marker {
            0xFF => at += 1,
            0xDA => return Some(at),
            0x01 | 0xD0..=0xD8 => at += 2,
            _ => {
                let len = u16::from_be_bytes(bytes.get(at + 2..at + 4)?.try_into().ok()?);
                at += 2 + usize::from(len.max(2));
            }
        }
    }
    None
}

/// Counts the start-of-scan markers up to end-of-image, stopping once `stop` are found.
fn count_scans(bytes: &[u8], stop: usize) -> usize {
    let Some(mut at) = first_sos(bytes) else {
        return 0;
    };
    let mut scans = 0;
    // `at` is on a marker; every step advances, so this ends.
    while scans < stop && at + 1 < bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        let len = bytes
            .get(at + 2..at + 4)
            .map_or(2, |l| usize::from(u16::from_be_bytes([l[0], l[1]])).max(2));
        match marker {
            0xD9 => break,
            0xDA => scans += 1,
            0x01 | 0xD0..=0xD8 | 0xFF => {
                at += if marker == 0xFF { 1 } else { 2 };
                continue;
            }
            _ => {}
        }
        at += 2 + len;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a
            // restart marker. `memchr` skips to each 0xFF several bytes at a time: this pass
            // reads the whole file before decoding, and a byte loop cost 3 % of a photo's time.
            while at + 1 < bytes.len() {
                match memchr::memchr(0xFF, &bytes[at..]) {
                    None => at = bytes.len(),
                    Some(k) => {
                        at += k;
                        match bytes.get(at + 1) {
                            Some(0x00 | 0xD0..=0xD7 | 0xFF) => at += 1,
                            _ => break,
                        }
                    }
                }
            }
        }
    }
    scans
}

fn jpeg_error(e: jpeg_decoder::Error) -> PhotoError {
    use jpeg_decoder::{Error, UnsupportedFeature as F};
    match e {
        Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => PhotoError::Truncated,
        Error::Io(e) => PhotoError::Decode(e.to_string()),
        Error::Format(why) => PhotoError::Decode(format!("invalid JPEG data: {why}")),
        Error::Internal(e) => PhotoError::Decode(e.to_string()),
        Error::Unsupported(feature) => PhotoError::Unsupported(match feature {
            F::Hierarchical => "hierarchical JPEG".into(),
            F::ArithmeticEntropyCoding => "arithmetic-coded JPEG".into(),
            F::SamplePrecision(p) => format!("{p}-bit JPEG; save the photo as 8-bit JPEG"),
            F::ComponentCount(n) => format!("JPEG with {n} colour components"),
            other => format!("JPEG feature {other:?}"),
        }),
    }
}

const PANICKED: &str = "the decoder failed on malformed data";

fn jpeg_raster(bytes: &[u8], bx: (u32, u32), limits: Limits) -> Result<Raster, PhotoError> {
    use jpeg_decoder::{CodingProcess, PixelFormat};
    let mut dec = jpeg_decoder::Decoder::new(bytes);
    dec.set_max_decoding_buffer_size(
        usize::try_from(limits.max_pixels.saturating_mul(4)).unwrap_or(usize::MAX),
    );
    // Reads only the segments up to the frame header: no pixel is decoded yet.
    catch_unwind(AssertUnwindSafe(|| dec.read_info()))
        .map_err(|_| PhotoError::Decode(PANICKED.into()))?
        .map_err(jpeg_error)?;
    let info = dec
        .info()
        .ok_or_else(|| PhotoError::Decode("no JPEG frame header".into()))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_pixels(w, h, limits)?;
    if w == 0 || h == 0 {
        return Err(PhotoError::Decode("the JPEG has no pixels".into()));
    }
    let n = match info.pixel_format {
        PixelFormat::L8 => 1,
        PixelFormat::RGB24 => 3,
        PixelFormat::CMYK32 => 4,
        PixelFormat::L16 => 2,
    };
    if info.coding_process == CodingProcess::Lossless || n == 2 {
        return Err(PhotoError::Unsupported(
            "lossless JPEG; save the photo as ordinary JPEG".into(),
        ));
    }
    if !jpeg_complete(bytes) {
        return Err(PhotoError::Truncated);
    }
    let scans = count_scans(bytes, limits.max_scans + 1);
    if scans > limits.max_scans {
        return Err(PhotoError::Unsupported(format!(
            "a JPEG of more than {} scans (progressive JPEGs have about 10)",
            limits.max_scans
        )));
    }
    let orientation = dec.exif_data().and_then(exif_orientation).unwrap_or(1);
    let (source, target) = plan((w, h), orientation, bx);

    // The smallest DCT scale (in eighths) that still leaves at least the target size.
    let eighths = |len: u32, k: u32| (len * k).div_ceil(8);
    let k = [1, 2, 4]
        .into_iter()
        .find(|&k| eighths(w, k) >= target.0 && eighths(h, k) >= target.1)
        .unwrap_or(8);
    let (mut dw, mut dh) = (w, h);
    if k < 8 {
        // Both fit in u16: they are at most the frame size, which is u16 in JPEG.
        let (sw, sh) = (eighths(w, k) as u16, eighths(h, k) as u16);
        let (sw, sh) = dec.scale(sw, sh).map_err(jpeg_error)?;
        (dw, dh) = (u32::from(sw), u32::from(sh));
    }
    let px = catch_unwind(AssertUnwindSafe(|| dec.decode()))
        .map_err(|_| PhotoError::Decode(PANICKED.into()))?
        .map_err(jpeg_error)?;
    if px.len() != dw as usize * dh as usize * n {
        return Err(PhotoError::Decode(
            "the decoder returned a short image".into(),
        ));
    }
    let (px, n) = if n == 4 {
        (cmyk_to_rgb(&px), 3)
    } else {
        (px, n)
    };
    finish(px, (dw, dh), n, target, orientation, source)
}

/// Naive CMYK → RGB; `jpeg-decoder` has already undone Adobe's inverted storage.
fn cmyk_to_rgb(px: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(px.len() / 4 * 3);
    for p in px.chunks_exact(4) {
        let k = 255 - u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((255 - u32::from(c)) * k / 255) as u8);
        }
    }
    out
}

fn image_error(e: ImageError) -> PhotoError {
    match e {
        ImageError::Limits(e) => PhotoError::TooLarge(format!("too large to decode ({e})")),
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Decode("the PNG file ends early; it is probably truncated".into())
        }
        ImageError::Unsupported(e) => PhotoError::Unsupported(e.to_string()),
        e => PhotoError::Decode(e.to_string()),
    }
}

fn png_raster(bytes: &[u8], bx: (u32, u32), limits: Limits) -> Result<Raster, PhotoError> {
    let reader = || {
        let mut r = image::ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
        let mut l = image::Limits::default();
        // Room for 16-bit RGBA at the pixel limit; the decoder refuses anything beyond.
        l.max_alloc = Some(limits.max_pixels.saturating_mul(8));
        r.limits(l);
        r
    };
    // Reads the IHDR chunk only.
    let (w, h) = reader().into_dimensions().map_err(image_error)?;
    check_pixels(w, h, limits)?;
    let mut dec = reader().into_decoder().map_err(image_error)?;
    let orientation = dec
        .exif_metadata()
        .ok()
        .flatten()
        .as_deref()
        .and_then(exif_orientation)
        .unwrap_or(1);
    let img = catch_unwind(AssertUnwindSafe(|| DynamicImage::from_decoder(dec)))
        .map_err(|_| PhotoError::Decode(PANICKED.into()))?
        .map_err(image_error)?;
    let (w, h) = (img.width(), img.height());
    let color = img.color();
    let (px, n) = match (color.has_color(), color.has_alpha()) {
        (false, false) => (img.into_luma8().into_raw(), 1),
        (false, true) => (flatten(&img.into_luma_alpha8().into_raw(), 1), 1),
        (true, false) => (img.into_rgb8().into_raw(), 3),
        (true, true) => (flatten(&img.into_rgba8().into_raw(), 3), 3),
    };
    let (source, target) = plan((w, h), orientation, bx);
    finish(px, (w, h), n, target, orientation, source)
}

/// Composites pixels of `n` colour bytes plus one alpha byte onto white.
fn flatten(px: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(px.len() / (n + 1) * n);
    for p in px.chunks_exact(n + 1) {
        let a = u32::from(p[n]);
        for &c in &p[..n] {
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::png::PngEncoder;
    use image::{ExtendedColorType, GenericImageView, ImageEncoder};
    use std::time::Instant;

    /// A colour gradient with checkered texture and per-pixel noise of ±`amp`, so the JPEG
    /// encoder does realistic work. The top-left `corner`×`corner` pixels are pure red.
    fn noisy_rgb(w: u32, h: u32, amp: u32, corner: u32) -> Vec<u8> {
        let mut s: u32 = 0x9E37_79B9;
        let mut px = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                let noise = (s % (2 * amp + 1)) as i32 - amp as i32;
                let tex = if (x / 37 + y / 23) % 2 == 0 { 30 } else { 0 };
                let rgb = if x < corner && y < corner {
                    [255, 0, 0]
                } else {
                    [
                        (x * 200 / w) as i32 + tex + noise,
                        (y * 200 / h) as i32 + 40 + noise,
                        ((x + y) / 8 % 200) as i32 + 40 + noise,
                    ]
                };
                px.extend(rgb.map(|c| c.clamp(0, 255) as u8));
            }
        }
        px
    }

    fn jpeg(px: &[u8], w: u32, h: u32, color: ExtendedColorType, q: u8) -> Vec<u8> {
        let color = match color {
            ExtendedColorType::L8 => jpeg_encoder::ColorType::Luma,
            _ => jpeg_encoder::ColorType::Rgb,
        };
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, q)
            .encode(px, w as u16, h as u16, color)
            .unwrap();
        out
    }

    fn noisy_jpeg(w: u32, h: u32, amp: u32, corner: u32) -> Vec<u8> {
        jpeg(
            &noisy_rgb(w, h, amp, corner),
            w,
            h,
            ExtendedColorType::Rgb8,
            90,
        )
    }

    fn png(px: &[u8], w: u32, h: u32, color: ExtendedColorType) -> Vec<u8> {
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(px, w, h, color)
            .unwrap();
        out
    }

    /// Inserts an APP1 Exif segment (little-endian TIFF, IFD0 with only Orientation) after SOI.
    fn with_orientation(jpeg: &[u8], o: u16) -> Vec<u8> {
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend(1u16.to_le_bytes());
        tiff.extend(0x0112u16.to_le_bytes());
        tiff.extend(3u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(o.to_le_bytes());
        tiff.extend([0, 0]);
        tiff.extend(0u32.to_le_bytes());
        let mut seg = b"Exif\0\0".to_vec();
        seg.extend(tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend((seg.len() as u16 + 2).to_be_bytes());
        out.extend(seg);
        out.extend(&jpeg[2..]);
        out
    }

    /// Checks the output is what the PDF writer expects and decodes it.
    fn decode(p: &Prepared) -> DynamicImage {
        let j = &p.jpeg;
        assert_eq!(&j[..3], &[0xFF, 0xD8, 0xFF]);
        assert!(j.ends_with(&[0xFF, 0xD9]));
        // JFIF APP0 first, then a baseline frame with one interleaved scan of all components.
        assert_eq!(&j[2..4], &[0xFF, 0xE0]);
        assert_eq!(&j[6..11], b"JFIF\0");
        let sos = first_sos(j).unwrap();
        let sof = j[..sos].windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
        let components = if p.gray { 1 } else { 3 };
        assert_eq!(j[sof + 9], components);
        assert_eq!(j[sos + 4], components);
        assert_eq!(
            u16::from_be_bytes([j[sof + 5], j[sof + 6]]) as u32,
            p.height
        );
        assert_eq!(u16::from_be_bytes([j[sof + 7], j[sof + 8]]) as u32, p.width);
        let px = jpeg_decoder::Decoder::new(&p.jpeg[..]).decode().unwrap();
        let img = if p.gray {
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(p.width, p.height, px).unwrap())
        } else {
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(p.width, p.height, px).unwrap())
        };
        assert_eq!(img.dimensions(), (p.width, p.height));
        img
    }

    fn is_red(img: &DynamicImage, x: u32, y: u32) -> bool {
        let [r, g, b, _] = img.get_pixel(x, y).0;
        r > 180 && g < 90 && b < 90
    }

    fn prep(bytes: &[u8], w: u32, h: u32) -> Result<Prepared, PhotoError> {
        prepare(bytes, w, h, 85, Limits::default())
    }

    #[test]
    fn jpeg_is_scaled_to_fit_with_aspect_ratio_kept() {
        let src = noisy_jpeg(1600, 1200, 8, 0);
        let p = prep(&src, 670, 504).unwrap();
        assert_eq!((p.width, p.height), (670, 503));
        assert_eq!((p.source_width, p.source_height), (1600, 1200));
        assert!(!p.gray);
        let img = decode(&p);
        assert_eq!(img.color(), image::ColorType::Rgb8);
        // Height-bound box.
        let p = prep(&src, 1000, 300).unwrap();
        assert_eq!((p.width, p.height), (400, 300));
    }

    #[test]
    fn small_images_are_not_upscaled() {
        let p = prep(&noisy_jpeg(64, 48, 8, 0), 670, 504).unwrap();
        assert_eq!(
            (p.width, p.height, p.source_width, p.source_height),
            (64, 48, 64, 48)
        );
        decode(&p);
    }

    #[test]
    fn exif_orientation_turns_the_photo_upright() {
        // Stored landscape 400×200 with a red top-left corner.
        let src = noisy_jpeg(400, 200, 4, 80);
        let p = prep(&src, 100, 100).unwrap();
        let img = decode(&p);
        assert_eq!((p.width, p.height), (100, 50));
        assert!(is_red(&img, 4, 4));

        // 6: rotate 90° clockwise → portrait, stored top-left ends up top-right.
        let p = prep(&with_orientation(&src, 6), 100, 100).unwrap();
        assert_eq!(
            (p.width, p.height, p.source_width, p.source_height),
            (50, 100, 200, 400)
        );
        let img = decode(&p);
        assert!(is_red(&img, 45, 4) && !is_red(&img, 4, 4) && !is_red(&img, 45, 95));

        // 3: rotate 180° → bottom-right.
        let p = prep(&with_orientation(&src, 3), 100, 100).unwrap();
        assert_eq!((p.width, p.height), (100, 50));
        let img = decode(&p);
        assert!(is_red(&img, 95, 45) && !is_red(&img, 4, 4));

        // 8: rotate 90° counter-clockwise → bottom-left.
        let p = prep(&with_orientation(&src, 8), 100, 100).unwrap();
        assert_eq!((p.width, p.height), (50, 100));
        let img = decode(&p);
        assert!(is_red(&img, 4, 95) && !is_red(&img, 45, 4) && !is_red(&img, 4, 4));
    }

    #[test]
    fn orientation_mapping_covers_all_eight() {
        // 2×3 stored image with distinct bytes; expected upright layouts, row by row.
        let px: Vec<u8> = (1..=6).collect();
        let cases: [(u8, (u32, u32), [u8; 6]); 8] = [
            (1, (2, 3), [1, 2, 3, 4, 5, 6]),
            (2, (2, 3), [2, 1, 4, 3, 6, 5]),
            (3, (2, 3), [6, 5, 4, 3, 2, 1]),
            (4, (2, 3), [5, 6, 3, 4, 1, 2]),
            (5, (3, 2), [1, 3, 5, 2, 4, 6]),
            (6, (3, 2), [5, 3, 1, 6, 4, 2]),
            (7, (3, 2), [6, 4, 2, 5, 3, 1]),
            (8, (3, 2), [2, 4, 6, 1, 3, 5]),
        ];
        for (o, dims, want) in cases {
            let (out, w, h) = orient(px.clone(), 2, 3, 1, o);
            assert_eq!(
                ((w, h), out.as_slice()),
                (dims, &want[..]),
                "orientation {o}"
            );
        }
    }

    #[test]
    fn malformed_exif_is_ignored() {
        assert_eq!(exif_orientation(b""), None);
        assert_eq!(exif_orientation(b"II*\0\xFF\xFF\xFF\xFF"), None);
        assert_eq!(exif_orientation(b"MM\0*\0\0\0\x08\xFF\xFF"), None);
        assert_eq!(
            exif_orientation(b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x09\0"),
            None
        );
        assert_eq!(
            exif_orientation(b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0"),
            Some(6)
        );
        // A JPEG whose APP1 is garbage still decodes, upright as stored.
        let mut src = noisy_jpeg(64, 32, 4, 0);
        src.splice(
            2..2,
            [0xFF, 0xE1, 0, 10, b'E', b'x', b'i', b'f', 0, 0, b'I', b'I'],
        );
        assert_eq!(prep(&src, 670, 504).unwrap().width, 64);
    }

    #[test]
    fn png_alpha_is_flattened_onto_white() {
        let (w, h) = (40u32, 20u32);
        let mut px = Vec::new();
        for _y in 0..h {
            for x in 0..w {
                // Left half transparent black, right half opaque blue.
                px.extend(if x < w / 2 {
                    [0, 0, 0, 0]
                } else {
                    [0, 0, 255, 255]
                });
            }
        }
        let p = prep(&png(&px, w, h, ExtendedColorType::Rgba8), 670, 504).unwrap();
        assert!(!p.gray);
        let img = decode(&p);
        let [r, g, b, _] = img.get_pixel(5, 10).0;
        assert!(r > 245 && g > 245 && b > 245, "{r} {g} {b}");
        let [r, g, b, _] = img.get_pixel(35, 10).0;
        assert!(r < 30 && g < 30 && b > 220, "{r} {g} {b}");
    }

    #[test]
    fn png_is_scaled_and_oriented_from_exif() {
        let (w, h) = (300u32, 100u32);
        let px = noisy_rgb(w, h, 4, 40);
        let mut out = Vec::new();
        let mut enc = PngEncoder::new(&mut out);
        let exif = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        enc.set_exif_metadata(exif).unwrap();
        enc.write_image(&px, w, h, ExtendedColorType::Rgb8).unwrap();
        let p = prep(&out, 60, 60).unwrap();
        assert_eq!(
            (p.width, p.height, p.source_width, p.source_height),
            (20, 60, 100, 300)
        );
        assert!(is_red(&decode(&p), 17, 2));
    }

    #[test]
    fn grayscale_stays_gray() {
        let rgb = noisy_rgb(800, 600, 8, 0);
        let luma: Vec<u8> = rgb.chunks(3).map(|p| p[1]).collect();
        let p = prep(&jpeg(&luma, 800, 600, ExtendedColorType::L8, 90), 400, 400).unwrap();
        assert!(p.gray);
        assert_eq!((p.width, p.height), (400, 300));
        assert_eq!(decode(&p).color(), image::ColorType::L8);

        let p = prep(&png(&luma, 800, 600, ExtendedColorType::L8), 400, 400).unwrap();
        assert!(p.gray);
        assert_eq!(decode(&p).color(), image::ColorType::L8);
    }

    #[test]
    fn output_is_deterministic() {
        let src = noisy_jpeg(1000, 700, 8, 0);
        assert_eq!(prep(&src, 300, 300).unwrap(), prep(&src, 300, 300).unwrap());
    }

    #[test]
    fn truncated_jpeg_is_refused() {
        let src = noisy_jpeg(800, 600, 8, 0);
        assert_eq!(
            prep(&src[..src.len() / 2], 670, 504),
            Err(PhotoError::Truncated)
        );
        // Cut inside the headers.
        assert_eq!(prep(&src[..40], 670, 504), Err(PhotoError::Truncated));
        // Zero padding after EOI and data appended after it are fine.
        let mut padded = src.clone();
        padded.extend([0u8; 100]);
        assert!(prep(&padded, 670, 504).is_ok());
        let mut appended = src.clone();
        appended.extend(b"\0\0\0\x18ftypmp42 some video data");
        assert!(prep(&appended, 670, 504).is_ok());
        assert_eq!(
            PhotoError::Truncated.to_string(),
            "is a truncated JPEG (no end-of-image marker)"
        );
    }

    #[test]
    fn jpegs_with_too_many_scans_are_refused() {
        let px = noisy_rgb(400, 300, 8, 0);
        let mut progressive = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut progressive, 90);
        enc.set_progressive(true);
        enc.encode(&px, 400, 300, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        // A DC scan and 3 AC scans per component: counted, and decoded as usual.
        assert_eq!(count_scans(&progressive, usize::MAX), 12);
        assert!(prep(&progressive, 670, 504).is_ok());
        assert_eq!(count_scans(&noisy_jpeg(80, 60, 8, 0), usize::MAX), 1);
        // The last scan repeated 200 times: refused before decoding.
        let body = &progressive[..progressive.len() - 2];
        let last = body.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
        let mut bomb = body.to_vec();
        for _ in 0..200 {
            bomb.extend_from_slice(&body[last..]);
        }
        bomb.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(count_scans(&bomb, 33), 33);
        let e = prep(&bomb, 670, 504).unwrap_err();
        assert_eq!(
            e.to_string(),
            "is not supported: a JPEG of more than 32 scans (progressive JPEGs have about 10)"
        );
    }

    #[test]
    fn non_images_are_refused() {
        let e = prep(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 670, 504).unwrap_err();
        assert!(matches!(e, PhotoError::NotAnImage(_)));
        assert_eq!(
            e.to_string(),
            "is not a JPEG or PNG image (it starts with `%PDF`)"
        );
        let random: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(matches!(
            prep(&random, 670, 504),
            Err(PhotoError::NotAnImage(_))
        ));
        let e = prep(b"", 670, 504).unwrap_err();
        assert_eq!(e, PhotoError::NotAnImage("the file is empty".into()));
        assert!(matches!(
            sniff(b"\0\0\0\x18ftypheic"),
            Err(PhotoError::Unsupported(_))
        ));
        // The name is irrelevant: a PNG is a PNG.
        assert_eq!(
            sniff(&png(&[0, 0, 0], 1, 1, ExtendedColorType::Rgb8)),
            Ok(Kind::Png)
        );
        assert_eq!(sniff(&noisy_jpeg(8, 8, 0, 0)), Ok(Kind::Jpeg));
    }

    #[test]
    fn garbage_after_a_valid_signature_is_a_decode_error() {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0, 0];
        bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8));
        bytes.extend([0xFF, 0xD9]);
        assert!(prep(&bytes, 670, 504).is_err());
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8));
        assert!(prep(&bytes, 670, 504).is_err());
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }

    #[test]
    fn decompression_bombs_are_refused_from_the_header() {
        // A 20000×20000 RGB PNG header: 400 MP, a few dozen bytes.
        let mut bomb = PNG_SIGNATURE.to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend(20000u32.to_be_bytes());
        ihdr.extend(20000u32.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        png_chunk(&mut bomb, b"IHDR", &ihdr);
        png_chunk(
            &mut bomb,
            b"IDAT",
            &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        png_chunk(&mut bomb, b"IEND", &[]);
        let t = Instant::now();
        let e = prep(&bomb, 670, 504).unwrap_err();
        assert!(t.elapsed().as_millis() < 200, "{:?}", t.elapsed());
        assert_eq!(
            e.to_string(),
            "is 20000×20000 pixels; photos may have at most 60 megapixels"
        );

        // The same as a JPEG frame header.
        let mut bomb = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8];
        bomb.extend(20000u16.to_be_bytes());
        bomb.extend(20000u16.to_be_bytes());
        bomb.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        let e = prep(&bomb, 670, 504).unwrap_err();
        assert!(matches!(e, PhotoError::TooLarge(_)), "{e:?}");

        // A 50 MP phone photo passes the default limit.
        assert!(check_pixels(8160, 6120, Limits::default()).is_ok());
    }

    #[test]
    fn files_over_max_bytes_are_refused() {
        let src = noisy_jpeg(200, 100, 8, 0);
        let limits = Limits {
            max_bytes: 1000,
            ..Limits::default()
        };
        let e = prepare(&src, 670, 504, 85, limits).unwrap_err();
        assert!(matches!(e, PhotoError::TooLarge(_)));
        assert_eq!(
            e.to_string(),
            format!("is {} bytes; photos may be at most 1000 bytes", src.len())
        );
        let e = prepare(
            &vec![0u8; 41 * MIB as usize],
            670,
            504,
            85,
            Limits::default(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "is 41 MiB; photos may be at most 40 MiB");
    }

    #[test]
    fn cmyk_conversion() {
        assert_eq!(
            cmyk_to_rgb(&[0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255]),
            [255, 255, 255, 0, 255, 255, 0, 0, 0]
        );
        assert_eq!(fit(4000, 3000, (670, 504)), (670, 503));
        assert_eq!(fit(3000, 4000, (670, 504)), (378, 504));
        assert_eq!(fit(100_000, 1, (670, 504)), (670, 1));
    }

    /// `cargo test --release --lib photo -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing_4000x3000() {
        fn median(mut f: impl FnMut()) -> (f64, f64, f64) {
            let mut ms: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            (ms[2], ms[0], ms[4])
        }
        // ±4 gives a file size typical of a 12 MP phone photo, ±16 a grainy low-light one.
        for amp in [4, 16] {
            let src = noisy_jpeg(4000, 3000, amp, 0);
            let mut out = None;
            let (med, min, max) = median(|| out = Some(prep(&src, 670, 504).unwrap()));
            let out = out.unwrap();
            // The floor: the scaled decode alone, without resizing and encoding.
            let (dec, _, _) = median(|| {
                let mut d = jpeg_decoder::Decoder::new(&src[..]);
                d.scale(1000, 750).unwrap();
                std::hint::black_box(d.decode().unwrap());
            });
            println!(
                "4000×3000 q90 noise ±{amp} ({} KiB) → {}×{}: median {med:.1} ms (min {min:.1}, \
                 max {max:.1}; scaled decode alone {dec:.1}), output {} KiB",
                src.len() / 1024,
                out.width,
                out.height,
                out.jpeg.len() / 1024
            );
        }
    }
}
