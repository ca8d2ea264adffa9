//! Lay-out stage: redaction boxes painted black into an image's pixels — before it is scaled
//! and again after, then encoded — so nothing under a box reaches the PDF (a rectangle drawn
//! over an image hides nothing: the image under it can be extracted).

/// A box `[x, y, w, h]` in pixels of the upright source image, from its top left corner.
pub type Rect = [u32; 4];

/// The first box that does not lie wholly inside an upright `w`×`h` image.
pub fn outside(boxes: &[Rect], (w, h): (u32, u32)) -> Option<usize> {
    boxes.iter().position(|&[x, y, bw, bh]| {
        u64::from(x) + u64::from(bw) > u64::from(w) || u64::from(y) + u64::from(bh) > u64::from(h)
    })
}

/// Edges `(x0, y0, x1, y1)` of a box, as fractions of an image's width and height.
type Edges = (f64, f64, f64, f64);

/// A box of the upright `source` image as fractions of the image as stored, before EXIF
/// orientation `o` is applied (the same turns and flips as `orient`, on edges).
fn stored_edges(b: Rect, source: (u32, u32), o: u8) -> Edges {
    let (sw, sh) = (f64::from(source.0.max(1)), f64::from(source.1.max(1)));
    let x0 = f64::from(b[0]) / sw;
    let y0 = f64::from(b[1]) / sh;
    let x1 = (f64::from(b[0]) + f64::from(b[2])) / sw;
    let y1 = (f64::from(b[1]) + f64::from(b[3])) / sh;
    match o {
        2 => (1.0 - x1, y0, 1.0 - x0, y1),
        3 => (1.0 - x1, 1.0 - y1, 1.0 - x0, 1.0 - y0),
        4 => (x0, 1.0 - y1, x1, 1.0 - y0),
        5 => (y0, x0, y1, x1),
        6 => (y0, 1.0 - x1, y1, 1.0 - x0),
        7 => (1.0 - y1, 1.0 - x1, 1.0 - y0, 1.0 - x0),
        8 => (1.0 - y1, x0, 1.0 - y0, x1),
        _ => (x0, y0, x1, y1),
    }
}

/// Paints `edges` (fractions) with `black` (the bytes of one black pixel) in `w`×`h` pixels,
/// rounding outward so that every pixel the box touches is covered.
fn paint(px: &mut [u8], (w, h): (u32, u32), black: &[u8], (x0, y0, x1, y1): Edges) {
    let n = black.len().max(1);
    let (wf, hf) = (f64::from(w), f64::from(h));
    // Pixel counts are at most 65535 × 65535, exact in f64; the casts saturate.
    let x0 = ((x0 * wf).floor().max(0.0) as usize).min(w as usize);
    let x1 = ((x1 * wf).ceil().max(0.0) as usize).min(w as usize);
    let y0 = ((y0 * hf).floor().max(0.0) as usize).min(h as usize);
    let y1 = ((y1 * hf).ceil().max(0.0) as usize).min(h as usize);
    let row = w as usize * n;
    for y in y0..y1 {
        if let Some(line) = px.get_mut(y * row + x0 * n..y * row + x1 * n) {
            for p in line.chunks_exact_mut(n) {
                p.copy_from_slice(black);
            }
        }
    }
}

/// Paints the boxes (in pixels of the upright `source` image) into `size` pixels stored with
/// EXIF orientation `o`: the decoded pixels before orientation and scaling, so the scaling
/// filter never mixes a covered pixel into the ones around it; and again the upright, fitted
/// pixels (`o` 1), where the scaled edges of a box are soft.
pub(super) fn paint_boxes(
    px: &mut [u8],
    size: (u32, u32),
    black: &[u8],
    boxes: &[Rect],
    (source, o): ((u32, u32), u8),
) {
    for b in boxes {
        paint(px, size, black, stored_edges(*b, source, o));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_outside_the_image_is_named() {
        assert_eq!(
            outside(&[[0, 0, 10, 10], [95, 0, 10, 10]], (100, 50)),
            Some(1)
        );
        assert_eq!(outside(&[[90, 40, 10, 10]], (100, 50)), None);
        assert_eq!(outside(&[[u32::MAX, 0, u32::MAX, 1]], (100, 50)), Some(0));
    }

    #[test]
    fn every_orientation_maps_the_box_onto_the_same_pixels() {
        // An upright 4×2 image; the box covers its top-right pixel (3, 0).
        let upright = (4u32, 2u32);
        for o in 1..=8u8 {
            let stored = if (5..=8).contains(&o) { (2, 4) } else { (4, 2) };
            let mut px = vec![255u8; 8];
            paint_boxes(&mut px, stored, &[0], &[[3, 0, 1, 1]], (upright, o));
            let (out, w, _) = super::super::orient(px, stored.0, stored.1, 1, o);
            assert_eq!(w, 4, "orientation {o}");
            let black: Vec<usize> = (0..8).filter(|&i| out[i] == 0).collect();
            assert_eq!(black, vec![3], "orientation {o}");
        }
    }
}
