//! Lay-out stage: PNG decoding (`image`), EXIF orientation and transparency flattened onto white.

use super::exif::exif_orientation;
use super::{check_pixels, finish, plan, Grey, Limits, PhotoError, Pixels, Raster, PANICKED};
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

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

/// A PNG reader whose allocations stop at the pixel limit.
fn png_reader(bytes: &[u8], limits: Limits) -> image::ImageReader<Cursor<&[u8]>> {
    let mut r = image::ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
    let mut l = image::Limits::default();
    // Room for 16-bit RGBA at the pixel limit; the decoder refuses anything beyond.
    l.max_alloc = Some(limits.max_pixels.saturating_mul(8));
    r.limits(l);
    r
}

/// The size in the IHDR chunk.
pub(super) fn png_dimensions(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    png_reader(bytes, Limits::default())
        .into_dimensions()
        .map_err(image_error)
}

/// A PNG at full size as 8-bit grey, as stored (transparency ignored, no EXIF orientation).
pub(super) fn png_grey(bytes: &[u8], limits: Limits) -> Result<Grey, PhotoError> {
    let (w, h) = png_reader(bytes, limits)
        .into_dimensions()
        .map_err(image_error)?;
    check_pixels(w, h, limits)?;
    let dec = png_reader(bytes, limits)
        .into_decoder()
        .map_err(image_error)?;
    let img = catch_unwind(AssertUnwindSafe(|| DynamicImage::from_decoder(dec)))
        .map_err(|_| PhotoError::Decode(PANICKED.into()))?
        .map_err(image_error)?
        .into_luma8();
    Ok(Grey {
        width: img.width(),
        height: img.height(),
        pixels: img.into_raw(),
    })
}

pub(super) fn png_raster(
    bytes: &[u8],
    bx: (u32, u32),
    limits: Limits,
    redact: &[super::Rect],
) -> Result<Raster, PhotoError> {
    let reader = || png_reader(bytes, limits);
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
    let (source, target) = plan((w, h), orientation, bx, redact)?;
    let pixels = if n == 1 { Pixels::Gray } else { Pixels::Rgb };
    finish(px, (w, h), pixels, (target, orientation), source, redact)
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
