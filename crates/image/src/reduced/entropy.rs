//! Lay-out stage: the entropy-coded data of a baseline JPEG — Huffman tables and the bit
//! stream — read into reduced blocks (see `super`).

use super::weights::{Weights, WEIGHTS};

/// Bits of [`Huffman::lut`]: codes up to this long are decoded with one lookup; longer ones
/// walk the canonical code lengths.
const LUT: u32 = 10;

/// A canonical Huffman table: one lookup for codes up to [`LUT`] bits, the code lengths for
/// longer ones, and for AC tables a second table that decodes several coefficients at once.
pub(super) struct Huffman {
    /// `len << 8 | symbol`, 0 for codes longer than [`LUT`].
    lut: Box<[u16; 1 << LUT]>,
    /// AC only, [`MULTI`] bits at a time: as many whole coefficients (code and value bits)
    /// as fit, up to three, and an end-of-block after them. Bits 0–3: bits used (0: none
    /// fit, decode one at a time); bit 4: end of block; bits 5–10: positions advanced; then
    /// 16 bits per coefficient — value (11 bits, two's complement), present (1 bit), run of
    /// zeros before it (4 bits). An absent coefficient is all zeros: no run, no position, no
    /// value.
    multi: Box<[u64; 1 << MULTI]>,
    /// The largest code of each length (-1: none), and the index of its first symbol minus
    /// its first code.
    max: [i32; 17],
    offset: [i32; 17],
    symbols: Vec<u8>,
}

/// Bits of [`Huffman::multi`]: 32 KB a table. 11 bits (16 KB) measured a few per cent
/// slower on the photo bench: more coefficients come three to a lookup.
const MULTI: u32 = 12;

/// The run [`Bits::coefficient`] gives for an end-of-block.
const EOB: usize = 0xFF;

impl Huffman {
    pub(super) fn new(counts: &[u8], symbols: &[u8], ac: bool) -> Option<Huffman> {
        let mut t = Huffman {
            lut: Box::new([0; 1 << LUT]),
            multi: Box::new([0; 1 << MULTI]),
            max: [-1; 17],
            offset: [0; 17],
            symbols: symbols.to_vec(),
        };
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16u32 {
            let count = i32::from(counts[len as usize - 1]);
            t.offset[len as usize] = k as i32 - code;
            for _ in 0..count {
                let symbol = *symbols.get(k)?;
                if len <= LUT {
                    let lo = (code as usize) << (LUT - len);
                    let hi = ((code as usize) + 1) << (LUT - len);
                    t.lut
                        .get_mut(lo..hi)?
                        .fill((len as u16) << 8 | u16::from(symbol));
                }
                code += 1;
                k += 1;
            }
            if count > 0 {
                t.max[len as usize] = code - 1;
            }
            // A code that no longer fits its length: the table is over-full.
            if code > 1 << len {
                return None;
            }
            code <<= 1;
        }
        if ac {
            for bits in 0..1u32 << MULTI {
                t.multi[bits as usize] = t.multi_entry(bits);
            }
        }
        Some(t)
    }

    /// The symbol whose code starts `bits` (`avail` bits long), with its code length, as the
    /// canonical code lengths decode it.
    fn prefix(&self, bits: u32, avail: u32) -> Option<(u32, u8)> {
        (1..=avail.min(16)).find_map(|len| {
            let code = (bits >> (avail - len)) as i32;
            (code <= self.max[len as usize]).then(|| {
                let at = usize::try_from(self.offset[len as usize] + code).ok()?;
                Some((len, *self.symbols.get(at)?))
            })?
        })
    }

    /// The [`Huffman::multi`] entry for the next [`MULTI`] bits `bits`.
    fn multi_entry(&self, bits: u32) -> u64 {
        let (mut used, mut entry, mut advanced) = (0u32, 0u64, 0u64);
        for i in 0..3 {
            let avail = MULTI - used;
            let rest = bits & ((1 << avail) - 1);
            let Some((len, symbol)) = self.prefix(rest, avail) else {
                break;
            };
            let (run, size) = (u32::from(symbol >> 4), u32::from(symbol & 15));
            if size == 0 && run == 0 {
                // End of block: the entry ends with it.
                entry |= 0x10;
                used += len;
                break;
            }
            if (size == 0 && run != 15) || size > 10 || len + size > avail {
                break;
            }
            let extra = (rest >> (avail - len - size)) & ((1 << size) - 1);
            let value = (extend(extra, size) as u16) & 0x7FF;
            let field = (run as u16) << 12 | 1 << 11 | value;
            entry |= u64::from(field) << (16 + 16 * i);
            used += len + size;
            advanced += u64::from(run) + 1;
        }
        entry | advanced << 5 | u64::from(used)
    }
}

/// One coefficient of a [`Huffman::multi`] entry (`field`): skips its run of zeros, adds its
/// weights times its value to `sum`, steps past it. An absent one adds nothing anywhere.
#[inline(always)]
fn slot<const N: usize>(sum: &mut [f32; N], field: u16, k: &mut usize, w: &Weights<N>) {
    *k += usize::from(field >> 12);
    let value = f32::from(((field as i16) << 5) >> 5);
    // At most 64 inside an entry that was taken (its end is checked first): no branch.
    for (o, w) in sum.iter_mut().zip(&w.rows[(*k).min(WEIGHTS - 1)]) {
        *o += w * value;
    }
    *k += usize::from((field >> 11) & 1);
}

/// The signed value of `size` extra bits (JPEG's EXTEND).
fn extend(v: u32, size: u32) -> i32 {
    if size == 0 {
        0
    } else if v < 1 << (size - 1) {
        v as i32 - (1 << size) + 1
    } else {
        v as i32
    }
}

/// The entropy-coded bit stream: 64 bits at a time, most significant first, 0xFF00 unstuffed;
/// at a marker it stops and feeds zeros, counting them.
pub(super) struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    n: u32,
    /// Zero bits fed after a marker or the end of the data.
    zeros: u32,
}

impl<'a> Bits<'a> {
    pub(super) fn new(data: &'a [u8]) -> Bits<'a> {
        Bits {
            data,
            pos: 0,
            acc: 0,
            n: 0,
            zeros: 0,
        }
    }

    /// Tops the buffer up to at least 57 bits.
    #[inline(always)]
    fn refill(&mut self) {
        // Eight bytes without 0xFF (so no stuffing and no marker): as many whole bytes as fit.
        if self.zeros == 0 {
            if let Some(chunk) = self.data.get(self.pos..self.pos + 8) {
                let w = u64::from_be_bytes([
                    chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
                ]);
                let ff = !w;
                let has_ff = ff.wrapping_sub(0x0101_0101_0101_0101) & !ff & 0x8080_8080_8080_8080;
                if has_ff == 0 {
                    let take = (64 - self.n) / 8;
                    let kept = if take == 8 {
                        w
                    } else {
                        w & !(u64::MAX >> (8 * take))
                    };
                    self.acc |= kept >> self.n;
                    self.n += 8 * take;
                    self.pos += take as usize;
                    return;
                }
            }
        }
        self.refill_bytes();
    }

    /// [`Bits::refill`] a byte at a time, near an 0xFF byte or the end of the data.
    #[inline(never)]
    fn refill_bytes(&mut self) {
        while self.n <= 56 {
            let byte = match self.data.get(self.pos) {
                Some(0xFF) if self.zeros == 0 => match self.data.get(self.pos + 1) {
                    Some(0x00) => {
                        self.pos += 2;
                        Some(0xFF)
                    }
                    _ => None,
                },
                Some(&b) if self.zeros == 0 => {
                    self.pos += 1;
                    Some(b)
                }
                _ => None,
            };
            match byte {
                Some(b) => self.acc |= u64::from(b) << (56 - self.n),
                None => self.zeros += 8,
            }
            self.n += 8;
        }
    }

    #[inline(always)]
    fn consume(&mut self, len: u32) {
        self.acc <<= len;
        self.n -= len;
    }

    #[inline(always)]
    fn bits(&mut self, len: u32) -> u32 {
        if len == 0 {
            return 0;
        }
        let v = (self.acc >> (64 - len)) as u32;
        self.consume(len);
        v
    }

    /// `len` bits, the buffer topped up first.
    #[cfg(test)]
    pub(super) fn read(&mut self, len: u32) -> u32 {
        self.refill();
        self.bits(len)
    }

    /// The next symbol, the buffer topped up first.
    #[cfg(test)]
    pub(super) fn next_symbol(&mut self, t: &Huffman) -> Option<u8> {
        self.refill();
        self.symbol(t)
    }

    /// The next symbol: one lookup for codes up to [`LUT`] bits.
    #[inline(always)]
    fn symbol(&mut self, t: &Huffman) -> Option<u8> {
        let e = t.lut[(self.acc >> (64 - LUT)) as usize];
        if e != 0 {
            self.consume(u32::from(e >> 8));
            return Some(e as u8);
        }
        self.long_symbol(t)
    }

    /// A symbol whose code is longer than [`LUT`] bits, found by the canonical code lengths.
    #[inline(never)]
    fn long_symbol(&mut self, t: &Huffman) -> Option<u8> {
        let (len, symbol) = t.prefix((self.acc >> 48) as u32, 16)?;
        self.consume(len);
        Some(symbol)
    }

    /// One symbol with its value bits, as (run, value); end-of-block has run [`EOB`]. DC
    /// tables give run 0 and the difference.
    #[inline(always)]
    fn coefficient(&mut self, t: &Huffman, ac: bool) -> Option<(usize, i32)> {
        // Up to 16 bits of code and 11 of value per symbol.
        if self.n < 27 {
            self.refill();
        }
        let symbol = self.symbol(t)?;
        let (run, size) = if ac {
            (usize::from(symbol >> 4), u32::from(symbol & 15))
        } else {
            (0, u32::from(symbol))
        };
        // 8-bit samples: DC differences have at most 11 bits, AC values 10.
        if size > if ac { 10 } else { 11 } {
            return None;
        }
        if ac && size == 0 {
            return match run {
                0 => Some((EOB, 0)),
                15 => Some((15, 0)),
                _ => None,
            };
        }
        let v = self.bits(size);
        Some((run, extend(v, size)))
    }

    /// One block: the DC difference added to `pred`, then the AC coefficients, each adding
    /// its weights to the output pixels (at 1/8 they are only read past).
    #[inline(always)]
    pub(super) fn block<const N: usize>(
        &mut self,
        dc: &Huffman,
        ac: &Huffman,
        pred: &mut i32,
        w: &Weights<N>,
    ) -> Option<[f32; N]> {
        // Bits past the end of the data were used: damaged or cut short.
        if self.zeros > self.n {
            return None;
        }
        let (_, diff) = self.coefficient(dc, false)?;
        *pred = pred.checked_add(diff)?;
        let dcv = *pred as f32;
        let mut out = w.rows[0];
        out.iter_mut().for_each(|w| *w *= dcv);
        // One sum per slot of a multi entry: adding into one would make each coefficient
        // wait for the one before it.
        let (mut s0, mut s1, mut s2) = ([0f32; N], [0f32; N], [0f32; N]);
        let mut k = 1usize;
        while k < 64 {
            if self.n < 27 {
                self.refill();
            }
            let e = ac.multi[(self.acc >> (64 - MULTI)) as usize];
            // The entry's coefficients end inside the block (or fill it, with no end-of-block
            // after: what follows a full block is the next block's DC).
            let end = k + ((e >> 5) & 0x3F) as usize;
            if e & 0xF != 0 && (end < 64 || end == 64 && e & 0x10 == 0) {
                // Up to three coefficients at once, absent ones adding nothing anywhere.
                self.consume((e & 0xF) as u32);
                if N > 1 {
                    slot(&mut s0, (e >> 16) as u16, &mut k, w);
                    slot(&mut s1, (e >> 32) as u16, &mut k, w);
                    slot(&mut s2, (e >> 48) as u16, &mut k, w);
                }
                k = end;
                if e & 0x10 != 0 {
                    break;
                }
                continue;
            }
            let (run, value) = self.coefficient(ac, true)?;
            if run == EOB {
                break;
            }
            k += run;
            let weights = w.rows.get(k).filter(|_| k < 64)?;
            if N > 1 {
                let value = value as f32;
                for (o, w) in out.iter_mut().zip(weights) {
                    *o += w * value;
                }
            }
            k += 1;
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o += s0[i] + s1[i] + s2[i];
        }
        Some(out)
    }

    /// At the end of a restart interval: drops the rest of the byte and expects marker RSTn.
    pub(super) fn restart(&mut self, n: u8) -> Option<()> {
        let at = self.marker(0xD0 + n)?;
        *self = Bits::new(self.data);
        self.pos = at;
        Some(())
    }

    /// Where the data after `marker` starts, when every bit used came from the data and
    /// `marker` (after any fill bytes) is next.
    pub(super) fn marker(&self, marker: u8) -> Option<usize> {
        if !self.whole() {
            return None;
        }
        // Bytes read ahead into the buffer were all before the marker: it starts at `pos`.
        let mut at = self.pos;
        while self.data.get(at) == Some(&0xFF) && self.data.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        (self.data.get(at..at + 2)? == [0xFF, marker]).then_some(at + 2)
    }

    /// Whether every bit used so far came from the data (none of the zeros fed after it).
    pub(super) fn whole(&self) -> bool {
        self.n >= self.zeros
    }
}
