//! Lay-out stage: the reduced-size decoder for the common camera JPEG — baseline Huffman,
//! 8-bit, one interleaved scan, gray or YCbCr, any sampling up to 2×2 — straight to 1/8 or
//! 1/4 of its size.
//!
//! Entropy decoding is most of a photo's time, and a photo box needs a quarter of a 12 MP
//! frame at most; `jpeg-decoder` still decodes every coefficient into a block and runs a
//! scaled IDCT on it. Here up to three coefficients are read with one table lookup (their
//! codes and values together, `entropy.rs`) and go straight into the block's few output
//! pixels: an output pixel of a 1/k reduction is the mean of its k×k pixels of the full IDCT,
//! a fixed linear function of the coefficients, so every coefficient adds its weight (the
//! quantiser included, `weights.rs`) and coefficients with no weight — a third of them at
//! 1/4, all but DC at 1/8 — are only read past. Chroma is repeated over the pixels it
//! covers; the Lanczos pass after this smooths it as it scales. On the photo bench's 12 MP
//! JPEGs this takes 29 ms a photo at 1/4 where `jpeg-decoder` takes 56 ms.
//!
//! Anything else — progressive, arithmetic, 12-bit, CMYK, several scans, a bad Huffman code,
//! a restart marker out of place, data that ends early, a scan not followed by the
//! end-of-image marker — returns `None`, and the caller decodes the file with
//! `jpeg-decoder`, which gives its own result or error. So this path only ever makes good
//! files faster; it never decides what a damaged file does. Safe code only: every index is
//! checked, every count bounded by the frame header.

mod entropy;
mod frame;
#[cfg(test)]
mod tests;
mod weights;

use entropy::Bits;
use frame::Frame;
use weights::{weights, Weights};

/// A decoded image at reduced size, interleaved 8-bit samples: gray, or YCbCr (JFIF's, as
/// stored in the file) when `n` is 3.
pub(super) struct Reduced {
    pub px: Vec<u8>,
    pub w: u32,
    pub h: u32,
    pub n: usize,
}

/// Decodes `bytes` at `eighths`/8 of its size (1 or 2), or `None` when the file is outside
/// this decoder's scope or damaged (the caller then uses `jpeg-decoder`).
///
/// Chroma is decoded at half the luma's resolution at most: full-resolution chroma (4:4:4)
/// at one sample per block when luma has 2×2. The photo is re-encoded with 4:2:0 chroma
/// (`super::encode`), which keeps no more than that; decoding more would be work thrown away.
pub(super) fn decode(bytes: &[u8], eighths: u32) -> Option<Reduced> {
    let frame = Frame::read(bytes)?;
    match eighths {
        1 | 2 => frame.decode(bytes, eighths as usize),
        _ => None,
    }
}

impl Frame {
    /// Decodes the scan with `s`×`s` output pixels per luma block (1 or 2); full-resolution
    /// chroma at one pixel per block when `s` is 2 (see [`decode`]).
    fn decode(&self, b: &[u8], s: usize) -> Option<Reduced> {
        let hmax = self.comps.iter().map(|c| c.h).max()?;
        let vmax = self.comps.iter().map(|c| c.v).max()?;
        let mcus = (self.w.div_ceil(8 * hmax), self.h.div_ceil(8 * vmax));
        let mut planes = self.planes(s, (hmax, vmax), mcus)?;
        self.scan(b, &mut planes, mcus)?;
        // Output size as `jpeg-decoder`'s `scale` gives it: the frame's size in eighths,
        // rounded up.
        let (w, h) = ((self.w * s).div_ceil(8), (self.h * s).div_ceil(8));
        Some(Reduced {
            px: interleave(&planes, w, h)?,
            w: u32::try_from(w).ok()?,
            h: u32::try_from(h).ok()?,
            n: self.comps.len(),
        })
    }

    /// One output plane per component, for `mcus` (across, down) MCUs of `max` (h, v)
    /// blocks; `None` when a table is missing or a component's sampling is not taken here.
    fn planes(&self, s: usize, max: (usize, usize), mcus: (usize, usize)) -> Option<Vec<Plane>> {
        let (hmax, vmax) = max;
        let mut planes = Vec::with_capacity(self.comps.len());
        for (i, c) in self.comps.iter().enumerate() {
            let q = self.quant[c.quant].as_ref()?;
            self.dc[c.dc].as_ref()?;
            self.ac[c.ac].as_ref()?;
            let cs = if i > 0 && c.h == hmax && c.v == vmax && s == 2 {
                1
            } else {
                s
            };
            // Plane samples per output pixel, across and down: 1, or 1/2 (shift 1).
            let shift = |f: usize, max: usize| match (cs * f, s * max) {
                (a, b) if a == b => Some(0u32),
                (a, b) if 2 * a == b => Some(1),
                _ => None,
            };
            let stride = mcus.0 * c.h * cs;
            planes.push(Plane {
                s: cs,
                w1: weights::<1, 1>(q),
                w4: weights::<2, 4>(q),
                shift: (shift(c.h, hmax)?, shift(c.v, vmax)?),
                stride,
                px: vec![0; stride * mcus.1 * c.v * cs],
                pred: 0,
            });
        }
        Some(planes)
    }

    /// Decodes the entropy-coded data into the planes, MCU by MCU, with restart intervals.
    fn scan(&self, b: &[u8], planes: &mut [Plane], mcus: (usize, usize)) -> Option<()> {
        let mut bits = Bits::new(b.get(self.scan..)?);
        let mut left = self.restart;
        let mut rst = 0u8;
        for my in 0..mcus.1 {
            for mx in 0..mcus.0 {
                if self.restart > 0 {
                    if left == 0 {
                        bits.restart(rst)?;
                        rst = (rst + 1) & 7;
                        left = self.restart;
                        planes.iter_mut().for_each(|p| p.pred = 0);
                    }
                    left -= 1;
                }
                for (c, p) in self.comps.iter().zip(planes.iter_mut()) {
                    let (dc, ac) = (self.dc[c.dc].as_ref()?, self.ac[c.ac].as_ref()?);
                    for v in 0..c.v {
                        for h in 0..c.h {
                            let (x0, y0) = ((mx * c.h + h) * p.s, (my * c.v + v) * p.s);
                            if p.s == 2 {
                                let out = bits.block(dc, ac, &mut p.pred, &p.w4)?;
                                p.put(x0, y0, out)?;
                            } else {
                                let out = bits.block(dc, ac, &mut p.pred, &p.w1)?;
                                p.put(x0, y0, out)?;
                            }
                        }
                    }
                }
            }
        }
        // One scan, ending the image: anything else (a second scan, a DNL height) is left to
        // `jpeg-decoder`.
        bits.marker(0xD9).map(|_| ())
    }
}

/// The planes as `w`×`h` pixels of one or three interleaved samples.
fn interleave(planes: &[Plane], w: usize, h: usize) -> Option<Vec<u8>> {
    let n = planes.len();
    let mut px = vec![0u8; w * h * n];
    if n == 1 {
        for (y, out) in px.chunks_exact_mut(w).enumerate() {
            out.copy_from_slice(planes[0].px.get(y * planes[0].stride..)?.get(..w)?);
        }
        return Some(px);
    }
    // Each output row from its row of every plane; a plane with half the samples across or
    // down (shift 1) covers two pixels or rows with each. The samples stay YCbCr: the photo
    // is encoded as YCbCr again, after scaling.
    let mut rows = [&[][..]; 3];
    for (y, out) in px.chunks_exact_mut(w * 3).enumerate() {
        for (row, p) in rows.iter_mut().zip(planes) {
            let start = (y >> p.shift.1) * p.stride;
            *row =
                p.px.get(start..start + ((w + (1 << p.shift.0) - 1) >> p.shift.0))?;
        }
        let [l, cb, cr] = rows;
        let (sl, sb, sr) = (planes[0].shift.0, planes[1].shift.0, planes[2].shift.0);
        // `x >> shift` stays below the row's length: it is at most `(w - 1) >> shift`.
        for (x, out) in out.chunks_exact_mut(3).enumerate() {
            out.copy_from_slice(&[l[x >> sl], cb[x >> sb], cr[x >> sr]]);
        }
    }
    Some(px)
}

/// One component's output: its samples at `s`×`s` per block, the weights of its coefficients
/// at 1×1 and 2×2 per block, how its samples map onto output pixels, its DC predictor.
struct Plane {
    s: usize,
    w1: Weights<1>,
    w4: Weights<4>,
    shift: (u32, u32),
    stride: usize,
    px: Vec<u8>,
    pred: i32,
}

impl Plane {
    /// Stores a block's output pixels (`N` = `s`²) with its top left at (`x0`, `y0`).
    #[inline(always)]
    fn put<const N: usize>(&mut self, x0: usize, y0: usize, out: [f32; N]) -> Option<()> {
        let mut bytes = [0u8; N];
        for (b, o) in bytes.iter_mut().zip(out) {
            // `as u8` saturates: below 0 gives 0, above 255 gives 255.
            *b = (o + 128.5) as u8;
        }
        for (row, out) in bytes.chunks_exact(self.s).enumerate() {
            let at = (y0 + row) * self.stride + x0;
            self.px.get_mut(at..at + self.s)?.copy_from_slice(out);
        }
        Some(())
    }
}
