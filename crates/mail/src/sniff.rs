//! What encoding unlabelled bytes are in: UTF-8, UTF-16 (by its byte-order mark or its zero
//! bytes), double-byte Chinese — GB18030 (GBK's superset) or Big5, by the shape of the byte
//! pairs — else windows-1252. One recogniser for the two readers that need one: the mail
//! reader (`mail::charset`: a part without a label or under a wrong one) and the app's input
//! files (`profile::yaml`: a deal or week file saved in another encoding than UTF-8 is named).

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The shape of the 8-bit bytes read as double-byte pairs (lead 0x81–0xFE).
pub struct Pairs {
    pairs: usize,
    /// Pairs whose second byte is 8-bit too (every GB2312 character; most Big5 ones).
    high_trail: usize,
    /// Pairs in GB2312's common range (punctuation, level-1 and level-2 hanzi).
    gb_common: usize,
    /// 8-bit bytes that start no valid pair.
    singles: usize,
    /// Pairs right after another pair: Chinese characters come in runs, a Latin text's
    /// accented letters (which pair with the ASCII letter after them) one by one.
    chained: usize,
}

impl Pairs {
    /// Whether the bytes look like a double-byte Chinese text rather than accented Latin
    /// (where an accented letter is followed by an ASCII one, or stands alone).
    pub fn cjk_like(&self) -> bool {
        self.pairs >= 2 && self.high_trail * 2 >= self.pairs && self.singles * 10 <= self.pairs
    }

    /// Whether the bytes read as runs of double-byte characters, GB or Big5 (whose second
    /// bytes are ASCII letters as often as not), rather than a Latin text's accented letters.
    fn runs_like_chinese(&self) -> bool {
        self.pairs >= 2 && self.chained * 2 >= self.pairs && self.singles * 10 <= self.pairs
    }

    fn gb_common(&self) -> f32 {
        if self.pairs == 0 {
            return 0.0;
        }
        self.gb_common as f32 / self.pairs as f32
    }
}

/// The byte pairs of `bytes`.
pub fn pairs(bytes: &[u8]) -> Pairs {
    let mut p = Pairs {
        pairs: 0,
        high_trail: 0,
        gb_common: 0,
        singles: 0,
        chained: 0,
    };
    let mut i = 0;
    // Where the last pair ended.
    let mut end = usize::MAX;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                p.pairs += 1;
                if end == i {
                    p.chained += 1;
                }
                end = i + 2;
                if t >= 0x80 {
                    p.high_trail += 1;
                }
                if (0xA1..=0xF7).contains(&b) && t >= 0xA1 {
                    p.gb_common += 1;
                }
                i += 2;
            }
            _ => {
                p.singles += 1;
                i += 1;
            }
        }
    }
    p
}

/// The text if `bytes` are entirely valid in `e`.
pub fn strict(e: &'static Encoding, bytes: &[u8]) -> Option<String> {
    e.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// `bytes` as double-byte Chinese, with the encoding it decodes cleanly in: Big5 when few of
/// its pairs fall in GB2312's common range, else GB18030, else Big5; `None` when neither fits.
pub fn chinese(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let p = pairs(bytes);
    if p.gb_common() < 0.6 {
        if let Some(s) = strict(BIG5, bytes) {
            return Some((BIG5, s));
        }
    }
    (strict(GB18030, bytes).map(|s| (GB18030, s)))
        .or_else(|| strict(BIG5, bytes).map(|s| (BIG5, s)))
}

/// UTF-16 by its byte-order mark, or without one by its zero bytes: an ASCII character has a
/// zero high byte, at odd offsets in little-endian.
fn utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(UTF_16LE),
        [0xFE, 0xFF, ..] => return Some(UTF_16BE),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        (head.iter().enumerate())
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let units = head.len() / 2;
    // A YAML or mail text has ASCII keys, spaces and line breaks: at least one character in
    // four has a zero high byte, while a zero low byte is rare (U+4E00, U+5200…).
    let utf16 = |high: usize, low: usize| high * 4 >= units && low * 4 < high;
    if utf16(odd, even) {
        Some(UTF_16LE)
    } else if utf16(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding `bytes` most likely are in, for a file that carries no label: UTF-16 (by BOM
/// or zero bytes), UTF-8, double-byte Chinese when the pairs have its shape, else windows-1252.
pub fn sniff(bytes: &[u8]) -> &'static Encoding {
    if let Some(e) = utf16(bytes) {
        return e;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    match chinese(bytes) {
        Some((e, _)) if pairs(bytes).runs_like_chinese() => e,
        _ => WINDOWS_1252,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn recognises_what_a_text_editor_saves() {
        let text = "deal:\n  title: 厨房水槽及配件（不锈钢）\n  note: 请于12月9日前确认加班费用\n";
        assert_eq!(sniff(&GBK.encode(text).0), GB18030);
        assert_eq!(sniff(&BIG5.encode("標題：廚房水槽與配件，請確認").0), BIG5);
        assert_eq!(sniff(text.as_bytes()), UTF_8);
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff(&le), UTF_16LE);
        assert_eq!(sniff(&be), UTF_16BE);
        assert_eq!(sniff(&[&[0xFF, 0xFE][..], &le].concat()), UTF_16LE);
        assert_eq!(sniff(&[&[0xFE, 0xFF][..], &be].concat()), UTF_16BE);
        let latin = WINDOWS_1252
            .encode("buyer: Müller Küchen GmbH, Straße 5 — “Qualität”\n")
            .0;
        assert_eq!(sniff(&latin), WINDOWS_1252);
    }
}
