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
        for super::super::markers::Segment {
            marker,
            body: seg,
            end,
            ..
        } in super::super::markers::segments(b)
        {
            match marker {
                0xC0 | 0xC1 => f.start_of_frame(seg, &mut ids)?,
                0xC2..=0xCF if marker != 0xC4 && marker != 0xC8 && marker != 0xCC => return None,
                0xC4 => f.huffman_tables(seg)?,
                0xDB => f.quant_tables(seg)?,
                0xDD => f.restart = be16(seg, 0)?,
                0xE0 => jfif |= seg.starts_with(b"JFIF\0"),
                0xEE if seg.starts_with(b"Adobe") => adobe = Some(*seg.get(11)?),
                0xDA => {
                    f.start_of_scan(seg, &ids)?;
                    f.scan = end;
                }
                0xD0..=0xD9 | 0x01 => return None,
                _ => {}
            }
        }
        // The walk ends at the scan, or early on a damaged file.
        if f.scan == 0 {
            return None;
        }
        if f.comps.is_empty() || !is_ycc(&ids, jfif, adobe) {
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

    /// SOF0/SOF1: precision, height, width, components (id, factors, quantiser); the ids go
    /// to `ids`, in frame order.
    fn start_of_frame(&mut self, seg: &[u8], ids: &mut Vec<u8>) -> Option<()> {
        if *seg.first()? != 8 || !self.comps.is_empty() {
            return None;
        }
        self.h = be16(seg, 1)?;
        self.w = be16(seg, 3)?;
        let n = usize::from(*seg.get(5)?);
        if !(n == 1 || n == 3) || self.w == 0 || self.h == 0 {
            return None;
        }
        for c in seg.get(6..6 + 3 * n)?.chunks_exact(3) {
            let (h, v) = (usize::from(c[1] >> 4), usize::from(c[1] & 15));
            if !(1..=2).contains(&h) || !(1..=2).contains(&v) || c[2] > 3 {
                return None;
            }
            ids.push(c[0]);
            let quant = usize::from(c[2]);
            self.comps.push(Component {
                h,
                v,
                quant,
                dc: 0,
                ac: 0,
            });
        }
        Some(())
    }

    /// DHT: one or more Huffman tables.
    fn huffman_tables(&mut self, seg: &[u8]) -> Option<()> {
        let mut s = seg;
        while let [class_id, rest @ ..] = s {
            let counts = rest.get(..16)?;
            let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
            let symbols = rest.get(16..16 + total)?;
            let (class, id) = (*class_id >> 4, usize::from(*class_id & 15));
            let table = Huffman::new(counts, symbols, class == 1)?;
            match (class, id) {
                (0, 0..=3) => self.dc[id] = Some(table),
                (1, 0..=3) => self.ac[id] = Some(table),
                _ => return None,
            }
            s = rest.get(16 + total..)?;
        }
        Some(())
    }

    /// DQT: one or more quantisation tables, 8 or 16 bits.
    fn quant_tables(&mut self, seg: &[u8]) -> Option<()> {
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
            self.quant[id] = Some(q);
            s = rest.get(size..)?;
        }
        Some(())
    }

    /// SOS: the scan's components (all of them, in frame order: what interleaving needs) and
    /// their tables; only a sequential scan (spectral selection 0..63, no approximation).
    fn start_of_scan(&mut self, seg: &[u8], ids: &[u8]) -> Option<()> {
        let n = usize::from(*seg.first()?);
        if n != self.comps.len() {
            return None;
        }
        for (i, sel) in seg.get(1..1 + 2 * n)?.chunks_exact(2).enumerate() {
            if ids.get(i) != Some(&sel[0]) {
                return None;
            }
            self.comps[i].dc = usize::from(sel[1] >> 4);
            self.comps[i].ac = usize::from(sel[1] & 15);
            if self.comps[i].dc > 3 || self.comps[i].ac > 3 {
                return None;
            }
        }
        (seg.get(1 + 2 * n..4 + 2 * n)? == [0, 63, 0]).then_some(())
    }
}

/// Whether the components are YCbCr, by the colour rules of `jpeg-decoder` (after
/// entropymine's survey), for the cases taken here: three components are YCbCr when numbered
/// 1, 2, 3, or in a JFIF file not numbered as RGB, or when an Adobe segment says so.
fn is_ycc(ids: &[u8], jfif: bool, adobe: Option<u8>) -> bool {
    match ids {
        [_] => true,
        [1, 2, 3] => true,
        [1, 34, 35] | [82, 71, 66] | [114, 103, 98] => false,
        [_, _, _] if jfif => true,
        [_, _, _] => adobe == Some(1),
        _ => false,
    }
}
