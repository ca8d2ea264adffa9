//! Lay-out stage: what each DCT coefficient adds to the pixels of a reduced block.

/// The natural (row-major) position of each coefficient in zig-zag order.
const ZIGZAG: [u8; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// Rows of a weight table: the 64 coefficients, then a row of zeros for the absent
/// coefficients of a [`Huffman::multi`] entry that fills its block.
pub(super) const WEIGHTS: usize = 65;

/// The weight of each coefficient (zig-zag order, dequantised) in each of the `S`×`S` output
/// pixels: the mean of the 8×8 IDCT over the pixel's (8/`S`)² square. Along one axis that mean
/// is `C(u)/2 · mean(cos((2x+1)uπ/16))` over the square's `x`; even `u` > 0 average to zero
/// over halves, so at 1/4 only rows and columns 0, 1, 3, 5, 7 count.
pub(super) fn weights<const S: usize, const N: usize>(q: &[u16; 64]) -> Weights<N> {
    let g = 8 / S;
    let mut axis = [[0f64; S]; 8];
    for (u, axis) in axis.iter_mut().enumerate() {
        let c = if u == 0 {
            std::f64::consts::FRAC_1_SQRT_2
        } else {
            1.0
        };
        for (i, a) in axis.iter_mut().enumerate() {
            let sum: f64 = (g * i..g * i + g)
                .map(|x| ((2 * x + 1) as f64 * u as f64 * std::f64::consts::PI / 16.0).cos())
                .sum();
            *a = c / 2.0 * sum / g as f64;
        }
    }
    let mut w = [[0f32; N]; WEIGHTS];
    for (k, w) in w.iter_mut().take(64).enumerate() {
        let (u, v) = (usize::from(ZIGZAG[k]) / 8, usize::from(ZIGZAG[k]) % 8);
        for (o, w) in w.iter_mut().enumerate() {
            let weight = f64::from(q[k]) * axis[u][o / S] * axis[v][o % S];
            // Cosine sums that are zero in exact arithmetic come out as ~1e-17.
            *w = if weight.abs() < 1e-9 {
                0.0
            } else {
                weight as f32
            };
        }
    }
    Weights { rows: w }
}

/// The weights of a component's coefficients (zig-zag order) in its `N` output pixels per
/// block.
pub(super) struct Weights<const N: usize> {
    pub(super) rows: [[f32; N]; WEIGHTS],
}
