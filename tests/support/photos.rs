//! Synthetic site photos for tests, the benchmark and the bundled example: a factory-like
//! scene (wall, floor, machines, stacked pots) with sensor-like noise, so JPEG encoders and
//! decoders do realistic work. Deterministic for a given seed.

#![allow(dead_code)]

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// A `w`×`h` scene; `seed` varies the layout and colours.
pub fn scene(w: u32, h: u32, seed: u64) -> RgbImage {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let horizon = 0.55 + rng.unit() * 0.1;
    let wall_a = [120.0 + rng.unit() * 40.0, 130.0, 140.0 + rng.unit() * 30.0];
    let wall_b = [200.0, 205.0, 210.0];
    let floor_a = [90.0, 95.0 + rng.unit() * 20.0, 90.0];
    let floor_b = [150.0, 150.0, 145.0];
    // Machines: boxes on the floor line; pots: ellipses in front.
    let machines: Vec<(f32, f32, f32, f32, [f32; 3])> = (0..4)
        .map(|i| {
            let x = 0.05 + i as f32 * 0.24 + rng.unit() * 0.04;
            let mw = 0.14 + rng.unit() * 0.06;
            let mh = 0.22 + rng.unit() * 0.2;
            let col = [
                60.0 + rng.unit() * 120.0,
                90.0 + rng.unit() * 80.0,
                110.0 + rng.unit() * 100.0,
            ];
            (x, horizon - mh, mw, mh, col)
        })
        .collect();
    let pots: Vec<(f32, f32, f32)> = (0..9)
        .map(|_| {
            (
                0.1 + rng.unit() * 0.8,
                horizon + 0.1 + rng.unit() * 0.3,
                0.025 + rng.unit() * 0.03,
            )
        })
        .collect();
    let mut img = RgbImage::new(w, h);
    let (fw, fh) = (w as f32, h as f32);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (u, v) = (x as f32 / fw, y as f32 / fh);
        let mut c = if v < horizon {
            mix(wall_a, wall_b, v / horizon)
        } else {
            mix(floor_a, floor_b, (v - horizon) / (1.0 - horizon))
        };
        // Ceiling lights: soft bright bands.
        if v < horizon {
            let band = ((u * 6.0).fract() - 0.5).abs();
            if band < 0.08 && v < 0.12 {
                c = mix(c, [250.0, 250.0, 240.0], 0.7);
            }
        }
        for (mx, my, mw, mh, col) in &machines {
            if u >= *mx && u <= mx + mw && v >= *my && v <= my + mh {
                let shade = 0.75 + 0.25 * ((u - mx) / mw);
                c = [col[0] * shade, col[1] * shade, col[2] * shade];
                // Control panel.
                if (u - mx) / mw > 0.65 && (v - my) / mh < 0.3 && (v - my) / mh > 0.1 {
                    c = [40.0, 45.0, 50.0];
                }
            }
        }
        for (px_, py, r) in &pots {
            let dx = (u - px_) / r;
            let dy = (v - py) / (r * 0.6 * fw / fh);
            let d = dx * dx + dy * dy;
            if d < 1.0 {
                // Polished steel: bright rim highlight, darker centre.
                let t = d.sqrt();
                c = mix(
                    [110.0, 115.0, 120.0],
                    [235.0, 238.0, 240.0],
                    (t * 3.0).sin().abs(),
                );
            }
        }
        // Vignette and sensor noise.
        let vig = 1.0 - 0.35 * ((u - 0.5).powi(2) + (v - 0.5).powi(2));
        let n = (rng.unit() - 0.5) * 18.0;
        *px = Rgb([
            (c[0] * vig + n).clamp(0.0, 255.0) as u8,
            (c[1] * vig + n).clamp(0.0, 255.0) as u8,
            (c[2] * vig + n).clamp(0.0, 255.0) as u8,
        ]);
    }
    img
}

/// The scene as a JPEG of `quality` (`jpeg-encoder`, as the product uses: `image`'s JPEG
/// support would bring a second JPEG decoder into the build).
pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let side = |n: u32| u16::try_from(n).expect("test photos are under 65536 pixels across");
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            img.as_raw(),
            side(img.width()),
            side(img.height()),
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encoding to memory cannot fail");
    out
}

/// A PNG with a transparent background: a product shot (handles) on nothing.
pub fn png_with_alpha(w: u32, h: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let mut img = RgbaImage::new(w, h);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (u, v) = (x as f32 / w as f32, y as f32 / h as f32);
        // Three rounded black handles.
        let mut a = 0u8;
        let mut c = [30.0f32, 28.0, 26.0];
        for k in 0..3 {
            let cy = 0.25 + k as f32 * 0.25;
            let dy = (v - cy) / 0.06;
            let dx = ((u - 0.5).abs() - 0.3).max(0.0) / 0.06;
            if dx * dx + dy * dy < 1.0 {
                a = 255;
                let hl = (1.0 - dy.abs()).powi(4);
                c = mix(c, [120.0, 115.0, 110.0], hl);
            }
        }
        // Transparent pixels stay plain (as cut-out product shots are), so the file stays small.
        if a == 0 {
            *px = Rgba([0, 0, 0, 0]);
            continue;
        }
        let n = (rng.unit() - 0.5) * 6.0;
        *px = Rgba([
            (c[0] + n).clamp(0.0, 255.0) as u8,
            (c[1] + n).clamp(0.0, 255.0) as u8,
            (c[2] + n).clamp(0.0, 255.0) as u8,
            a,
        ]);
    }
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .expect("encoding to memory cannot fail");
    out
}

/// Inserts an EXIF APP1 segment with `orientation` right after the JPEG's SOI marker.
pub fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    // "Exif\0\0", big-endian TIFF header, IFD0 with one entry: 0x0112 SHORT 1 = orientation.
    let mut tiff = vec![
        b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
    ];
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A PNG whose header claims `w`×`h` pixels over a few bytes of image data: what a
/// decompression bomb looks like to a reader that trusts the header.
pub fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [&kind[..], data].concat();
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // A zlib stream of one stored block of five zero bytes.
    let idat = [
        0x78, 0x01, 0x01, 0x05, 0x00, 0xfa, 0xff, 0, 0, 0, 0, 0, 0x00, 0x05, 0x00, 0x01,
    ];
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Twelve 12-megapixel phone photos (4000×3000, JPEG quality 90) written into `photos_dir` as
/// `bench-00.jpg` … `bench-11.jpg`, and their entries for a week file's `photos:` list (paths
/// relative to `reports/`); with their total size in bytes. The benchmarks' heavy week.
pub fn twelve_photos(photos_dir: &std::path::Path) -> (String, u64) {
    let stages = ["materials", "cutting", "polishing"];
    let mut list = String::from("photos:\n");
    let mut bytes = 0u64;
    for i in 0..12u64 {
        let name = format!("bench-{i:02}.jpg");
        let jpeg = jpeg(&scene(4000, 3000, 100 + i), 90);
        bytes += jpeg.len() as u64;
        std::fs::write(photos_dir.join(&name), &jpeg).unwrap();
        list.push_str(&format!(
            "  - file: photos/{name}\n    caption: {{en: Site photo {i}, zh: 现场照片{i}}}\n    stage: {}\n    taken: 2026-12-02\n",
            stages[i as usize % 3]
        ));
    }
    (list, bytes)
}
