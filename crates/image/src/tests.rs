//! Tests of the photo path: scaling, orientation, flattening, limits, malformed files.

use super::exif::exif_orientation;
use super::jpeg::{cmyk_to_rgb, count_scans, first_sos};
use super::*;
use image::codecs::png::PngEncoder;
use image::DynamicImage;
use image::{ExtendedColorType, GenericImageView, ImageEncoder};

/// A colour gradient with checkered texture and per-pixel noise of ±`amp`, so the JPEG
/// encoder does realistic work. The top-left `corner`×`corner` pixels are pure red.
pub(super) fn noisy_rgb(w: u32, h: u32, amp: u32, corner: u32) -> Vec<u8> {
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

/// The pure red of the corner, not the reddish end of the gradient (about [216, 59, 88]).
fn is_red(img: &DynamicImage, x: u32, y: u32) -> bool {
    let [r, g, b, _] = img.get_pixel(x, y).0;
    r > 200 && g < 40 && b < 40
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
    let e = prep(&bomb, 670, 504).unwrap_err();
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

/// The largest channel value in `(x0..x1, y0..y1)` of `img`.
fn brightest(img: &DynamicImage, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> u8 {
    let mut max = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let [r, g, b, _] = img.get_pixel(x, y).0;
            max = max.max(r).max(g).max(b);
        }
    }
    max
}

#[test]
fn redaction_boxes_are_black_in_the_encoded_pixels_in_every_orientation() {
    // Stored 800×600; the box is in pixels of the image as displayed, scaled here by 1/2
    // (`jpeg-decoder`, RGB) and by 1/4 (the reduced decoder, YCbCr: black is 0, 128, 128).
    let base = noisy_jpeg(800, 600, 20, 0);
    for div in [2, 4] {
        for o in [1u16, 3, 6, 8] {
            let (dw, dh) = if o >= 5 { (600, 800) } else { (800, 600) };
            let boxes = [[100, 300, 240, 160], [dw - 60, dh - 40, 60, 40]];
            let bytes = with_orientation(&base, o);
            let (tw, th) = (dw / div, dh / div);
            let p = prepare_redacted(&bytes, (tw, th), 85, Limits::default(), &boxes).unwrap();
            assert_eq!((p.width, p.height), (tw, th));
            let img = decode(&p);
            // Inside each box, nothing but black: 3 pixels in from its scaled edges, where the
            // encoder's ringing at the edge (up to ~40 levels a pixel in, at 1/4 with either
            // decoder) has died down.
            let inside = |[x, y, w, h]: [u32; 4]| {
                (
                    x / div + 3,
                    y / div + 3,
                    (x + w) / div - 3,
                    (y + h) / div - 3,
                )
            };
            for b in boxes {
                assert!(
                    brightest(&img, inside(b)) < 24,
                    "1/{div}, orientation {o}, box {b:?}"
                );
            }
            // Elsewhere the photo is untouched.
            assert!(
                brightest(&img, (0, 0, 40 / div * 2, 40 / div * 2)) > 35,
                "1/{div}, orientation {o}"
            );
        }
    }
}

#[test]
fn redaction_applies_to_png_and_a_box_outside_is_refused() {
    let px = noisy_rgb(300, 200, 10, 0);
    let bytes = png(&px, 300, 200, ExtendedColorType::Rgb8);
    let p = prepare_redacted(
        &bytes,
        (300, 200),
        85,
        Limits::default(),
        &[[0, 0, 300, 20]],
    )
    .unwrap();
    assert!(brightest(&decode(&p), (0, 0, 300, 18)) < 24);
    let outside = [[0, 0, 10, 10], [250, 150, 51, 10]];
    let e = prepare_redacted(&bytes, (300, 200), 85, Limits::default(), &outside).unwrap_err();
    assert_eq!(e, PhotoError::RedactOutside(1, (300, 200)));
    assert!(e
        .to_string()
        .contains("redaction box 2 outside the image, which is 300×200"));
}

#[test]
fn grey_scales_a_jpeg_to_the_long_side_asked_and_keeps_a_png_whole() {
    // A 1000×600 JPEG asked for a long side of 200: 1/4 is the smallest DCT scale that
    // leaves 200 (250×150); the same asked for 2000 stays at full size.
    let j = noisy_jpeg(1000, 600, 40, 0);
    assert_eq!(dimensions(&j).unwrap(), (1000, 600));
    let g = grey(&j, 200, Limits::default()).unwrap();
    assert_eq!((g.width, g.height, g.pixels.len()), (250, 150, 250 * 150));
    let g = grey(&j, 2000, Limits::default()).unwrap();
    assert_eq!((g.width, g.height), (1000, 600));
    // A PNG whose left half is black and right half white, read at full size, as stored.
    let (w, h) = (40u32, 10u32);
    let px: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            if i % w < w / 2 {
                [0, 0, 0]
            } else {
                [255, 255, 255]
            }
        })
        .collect();
    let p = png(&px, w, h, ExtendedColorType::Rgb8);
    assert_eq!(dimensions(&p).unwrap(), (w, h));
    let g = grey(&p, 8, Limits::default()).unwrap();
    assert_eq!((g.width, g.height), (w, h));
    assert_eq!((g.pixels[0], g.pixels[w as usize - 1]), (0, 255));
}

#[test]
fn grey_checks_the_limits_before_decoding() {
    let j = noisy_jpeg(300, 200, 40, 0);
    let small = Limits {
        max_pixels: 300 * 200 - 1,
        ..Limits::default()
    };
    assert!(matches!(grey(&j, 100, small), Err(PhotoError::TooLarge(_))));
    let tiny = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(grey(&j, 100, tiny), Err(PhotoError::TooLarge(_))));
    assert!(matches!(
        grey(b"%PDF-1.7", 100, Limits::default()),
        Err(PhotoError::NotAnImage(_))
    ));
}
