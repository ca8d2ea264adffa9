//! Lay-out stage: the marker segments of a JPEG up to its scan, as far as the reduced
//! decoder takes them (see `super`).

use super::entropy::Huffman;

#[derive(Clone, Copy)]
pub(super) struct Component {
    pub(super) h: usize,
    pub(super) v: usize,
    pub(super) quant: usize,
    pub(super) dc: usize,
    pub(super) ac: usize,
}

/// What the marker segments before the scan say.
pub(super) struct Frame {
    pub(super) w: usize,
    pub(super) h: usize,
    pub(super) comps: Vec<Component>,
    pub(super) quant: [Option<[u16; 64]>; 4],
    pub(super) dc: [Option<Huffman>; 4],
    pub(super) ac: [Option<Huffman>; 4],
    pub(super) restart: usize,
    /// Offset of the entropy-coded data.
    pub(super) scan: usize,
}

fn be16(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
    ])))
}

impl Frame {
    pub(super) fn read(b: &[u8]) -> Option<Frame> {
        let mut f = Frame {
            w: 0,
            h: 0,
            comps: Vec::new(),
            quant: [None; 4],
            dc: [None, None, None, None],
            ac: [None, None, None, None],
            restart: 0,
            scan: 0,
        };
        let (mut jfif, mut adobe, mut ids) = (false, None, Vec::new());
        let mut at = 2;
        loop {
            if *b.get(at)? != 0xFF {
                return None;
            }
            let marker = *b.get(at + 1)?;
            if marker == 0xFF {
                at += 1;
                continue;
            }
            let len = be16(b, at + 2)?;
            let seg = b.get(at + 4..at + 2 + len.max(2))?;
            match marker {
                0xC0 | 0xC1 => {
                    // Precision, height, width, components (id, factors, quantiser).
                    if *seg.first()? != 8 || !f.comps.is_empty() {
                        return None;
                    }
                    f.h = be16(seg, 1)?;
                    f.w = be16(seg, 3)?;
                    let n = usize::from(*seg.get(5)?);
                    if !(n == 1 || n == 3) || f.w == 0 || f.h == 0 {
                        return None;
                    }
                    for c in seg.get(6..6 + 3 * n)?.chunks_exact(3) {
                        let (h, v) = (usize::from(c[1] >> 4), usize::from(c[1] & 15));
                        if !(1..=2).contains(&h) || !(1..=2).contains(&v) || c[2] > 3 {
                            return None;
                        }
                        ids.push(c[0]);
                        let quant = usize::from(c[2]);
                        f.comps.push(Component {
                            h,
                            v,
                            quant,
                            dc: 0,
                            ac: 0,
                        });
                    }
                }
                0xC2..=0xCF if marker != 0xC4 && marker != 0xC8 && marker != 0xCC => return None,
                0xC4 => {
                    let mut s = seg;
                    while let [class_id, rest @ ..] = s {
                        let counts = rest.get(..16)?;
                        let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
                        let symbols = rest.get(16..16 + total)?;
                        let (class, id) = (*class_id >> 4, usize::from(*class_id & 15));
                        let table = Huffman::new(counts, symbols, class == 1)?;
                        match (class, id) {
                            (0, 0..=3) => f.dc[id] = Some(table),
                            (1, 0..=3) => f.ac[id] = Some(table),
                            _ => return None,
                        }
                        s = rest.get(16 + total..)?;
                    }
                }
                0xDB => {
                    let mut s = seg;
                    while let [pq_id, rest @ ..] = s {
                        let (wide, id) = (*pq_id >> 4, usize::from(*pq_id & 15));
                        let size = if wide == 1 { 128 } else { 64 };
                        if wide > 1 || id > 3 {
                            return None;
                        }
                        let raw = rest.get(..size)?;
                        let mut q = [0u16; 64];
                        for (i, q) in q.iter_mut().enumerate() {
                            *q = if wide == 1 {
                                u16::from_be_bytes([raw[2 * i], raw[2 * i + 1]])
                            } else {
                                u16::from(raw[i])
                            };
                        }
                        f.quant[id] = Some(q);
                        s = rest.get(size..)?;
                    }
                }
                0xDD => f.restart = be16(seg, 0)?,
                0xE0 => jfif |= seg.starts_with(b"JFIF\0"),
                0xEE if seg.starts_with(b"Adobe") => adobe = Some(*seg.get(11)?),
                0xDA => {
                    let n = usize::from(*seg.first()?);
                    if n != f.comps.len() {
                        return None;
                    }
                    for (i, sel) in seg.get(1..1 + 2 * n)?.chunks_exact(2).enumerate() {
                        // Components in frame order, which is what interleaving needs.
                        if ids.get(i) != Some(&sel[0]) {
                            return None;
                        }
                        f.comps[i].dc = usize::from(sel[1] >> 4);
                        f.comps[i].ac = usize::from(sel[1] & 15);
                        if f.comps[i].dc > 3 || f.comps[i].ac > 3 {
                            return None;
                        }
                    }
                    // Spectral selection 0..63, no successive approximation: sequential.
                    if seg.get(1 + 2 * n..4 + 2 * n)? != [0, 63, 0] {
                        return None;
                    }
                    f.scan = at + 2 + len;
                    break;
                }
                0xD0..=0xD9 | 0x01 => return None,
                _ => {}
            }
            at += 2 + len.max(2);
        }
        // The colour rules of `jpeg-decoder` (after entropymine's survey), for the cases
        // taken here: three components are YCbCr when numbered 1, 2, 3, or in a JFIF file
        // not numbered as RGB, or when an Adobe segment says so.
        let ycc = match ids.as_slice() {
            [_] => true,
            [1, 2, 3] => true,
            [1, 34, 35] | [82, 71, 66] | [114, 103, 98] => false,
            [_, _, _] if jfif => true,
            [_, _, _] => adobe == Some(1),
            _ => false,
        };
        if f.comps.is_empty() || !ycc {
            return None;
        }
        if f.comps.len() == 1 {
            // A single-component scan is not interleaved: one block per MCU whatever the
            // factors say.
            f.comps[0].h = 1;
            f.comps[0].v = 1;
        }
        Some(f)
    }
}
