//! Lay-out stage: JPEG decoding with DCT scaling — the reduced decoder for the common camera
//! JPEG at 1/4 or 1/8, else `jpeg-decoder` after cheap checks of the marker structure
//! (complete file, bounded number of scans).

use super::exif::exif_orientation;
use super::{check_pixels, finish, plan, Grey, Limits, PhotoError, Pixels, Raster, PANICKED};
use std::panic::{catch_unwind, AssertUnwindSafe};

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
pub(super) fn first_sos(bytes: &[u8]) -> Option<usize> {
    super::markers::segments(bytes)
        .find(|s| s.marker == 0xDA)
        .map(|s| s.at)
}

/// Counts the start-of-scan markers up to end-of-image, stopping once `stop` are found.
pub(super) fn count_scans(bytes: &[u8], stop: usize) -> usize {
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

/// A JPEG's decoder with its frame header read (no pixel decoded yet), the frame's size and
/// component count, within `limits`; lossless and 16-bit JPEGs refused.
struct Frame<'a> {
    dec: jpeg_decoder::Decoder<&'a [u8]>,
    w: u32,
    h: u32,
    n: usize,
}

fn open_frame(bytes: &[u8], limits: Limits) -> Result<Frame<'_>, PhotoError> {
    use jpeg_decoder::{CodingProcess, PixelFormat};
    let mut dec = jpeg_decoder::Decoder::new(bytes);
    dec.set_max_decoding_buffer_size(
        usize::try_from(limits.max_pixels.saturating_mul(4)).unwrap_or(usize::MAX),
    );
    let info = frame_header(&mut dec)?;
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
    Ok(Frame { dec, w, h, n })
}

/// The smallest DCT scale (in eighths: 1, 2, 4 or 8) that still leaves a `w`×`h` frame at
/// least `target` large.
fn scale((w, h): (u32, u32), target: (u32, u32)) -> u32 {
    let eighths = |len: u32, k: u32| (len * k).div_ceil(8);
    [1, 2, 4]
        .into_iter()
        .find(|&k| eighths(w, k) >= target.0 && eighths(h, k) >= target.1)
        .unwrap_or(8)
}

pub(super) fn jpeg_raster(
    bytes: &[u8],
    bx: (u32, u32),
    limits: Limits,
    redact: &[super::Rect],
) -> Result<Raster, PhotoError> {
    let Frame { dec, w, h, n } = open_frame(bytes, limits)?;
    let orientation = dec.exif_data().and_then(exif_orientation).unwrap_or(1);
    let (source, target) = plan((w, h), orientation, bx, redact)?;

    let k = scale((w, h), target);
    // The common camera JPEG at 1/8 or 1/4: the reduced decoder, which reads the one scan to
    // the end-of-image marker; else the checks of the whole file and `jpeg-decoder`.
    if k <= 2 {
        if let Some(r) = super::reduced::decode(bytes, k) {
            let pixels = if r.n == 1 { Pixels::Gray } else { Pixels::Ycc };
            return finish(
                r.px,
                (r.w, r.h),
                pixels,
                (target, orientation),
                source,
                redact,
            );
        }
    }
    let (px, (dw, dh), n) = decode_whole(dec, bytes, (w, h, n), k, limits)?;
    let pixels = if n == 1 { Pixels::Gray } else { Pixels::Rgb };
    finish(px, (dw, dh), pixels, (target, orientation), source, redact)
}

/// The size in the frame header (the segments before it read, no pixel decoded).
pub(super) fn jpeg_dimensions(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    let info = frame_header(&mut jpeg_decoder::Decoder::new(bytes))?;
    Ok((u32::from(info.width), u32::from(info.height)))
}

/// Reads only the segments up to the frame header (no pixel decoded), the decoder's panics
/// caught.
fn frame_header(
    dec: &mut jpeg_decoder::Decoder<&[u8]>,
) -> Result<jpeg_decoder::ImageInfo, PhotoError> {
    catch_unwind(AssertUnwindSafe(|| dec.read_info()))
        .map_err(|_| PhotoError::Decode(PANICKED.into()))?
        .map_err(jpeg_error)?;
    dec.info()
        .ok_or_else(|| PhotoError::Decode("no JPEG frame header".into()))
}

/// A JPEG as 8-bit grey at the smallest DCT scale whose long side is still at least
/// `long_side` (full size when it is smaller), through the whole-file path (no reduced
/// decoder, no EXIF orientation): the pixels as stored.
pub(super) fn jpeg_grey(bytes: &[u8], long_side: u32, limits: Limits) -> Result<Grey, PhotoError> {
    let Frame { dec, w, h, n } = open_frame(bytes, limits)?;
    // Each side kept in proportion: a square request would keep a 4000×3000 photo at full
    // size, since the scale must leave both sides at least as large as asked.
    let long = u64::from(w.max(h));
    // At most the side itself, so it fits back in u32.
    let want = |side: u32| {
        (u64::from(side) * u64::from(long_side))
            .div_ceil(long)
            .min(u64::from(side)) as u32
    };
    let k = scale((w, h), (want(w), want(h)));
    let (px, (dw, dh), n) = decode_whole(dec, bytes, (w, h, n), k, limits)?;
    let pixels = if n == 1 {
        px
    } else {
        px.chunks_exact(3)
            .map(|c| {
                ((u32::from(c[0]) * 299 + u32::from(c[1]) * 587 + u32::from(c[2]) * 114) / 1000)
                    as u8
            })
            .collect()
    };
    Ok(Grey {
        width: dw,
        height: dh,
        pixels,
    })
}

/// Interleaved 8-bit pixels (gray or RGB), their width and height, their component count.
type Decoded = (Vec<u8>, (u32, u32), usize);

/// The whole-file path: the file's checks (complete, not too many scans), then `jpeg-decoder`
/// at `k`/8 of the frame's `w`×`h` (8: full size) with `n` components; CMYK becomes RGB.
fn decode_whole(
    mut dec: jpeg_decoder::Decoder<&[u8]>,
    bytes: &[u8],
    (w, h, n): (u32, u32, usize),
    k: u32,
    limits: Limits,
) -> Result<Decoded, PhotoError> {
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
    let (mut dw, mut dh) = (w, h);
    if k < 8 {
        // Both fit in u16: they are at most the frame size, which is u16 in JPEG.
        let (sw, sh) = ((w * k).div_ceil(8) as u16, (h * k).div_ceil(8) as u16);
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
    Ok(if n == 4 {
        (cmyk_to_rgb(&px), (dw, dh), 3)
    } else {
        (px, (dw, dh), n)
    })
}

/// Naive CMYK → RGB; `jpeg-decoder` has already undone Adobe's inverted storage.
pub(super) fn cmyk_to_rgb(px: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(px.len() / 4 * 3);
    for p in px.chunks_exact(4) {
        let k = 255 - u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((255 - u32::from(c)) * k / 255) as u8);
        }
    }
    out
}
