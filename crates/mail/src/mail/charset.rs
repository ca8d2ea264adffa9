//! Verify stage, reading: the bytes of a text part or a header line as the text they really
//! are — transfer encodings undone (tolerantly), the declared charset trusted when the bytes
//! fit it, and a mislabelled or unlabelled part recognised (UTF-8, then GB18030 or Big5 by the
//! shape of their byte pairs — `crate::sniff`, which also names the encoding of an input file
//! that is not UTF-8 — then windows-1252).
//!
//! Chinese mail is often GBK under a wrong label (`us-ascii`, `iso-8859-1`, none) or `gb2312`
//! holding characters only GBK has: gb2312 and gbk are read as GB18030, their superset.

use crate::sniff::{self, pairs, strict};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, ISO_2022_JP, UTF_8, WINDOWS_1252};

/// The encoding a MIME charset label names, with the mail aliases the WHATWG list lacks.
pub fn label(l: &str) -> Option<&'static Encoding> {
    let l = l.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    let e = match l.as_str() {
        "cp936" | "ms936" | "windows-936" | "euc-cn" | "x-euc-cn" | "gb2312-80" => GB18030,
        "cp950" | "ms950" | "x-big5" | "big-5" => BIG5,
        "cp932" | "x-sjis" => encoding_rs::SHIFT_JIS,
        "cp949" | "ms949" => encoding_rs::EUC_KR,
        _ => Encoding::for_label(l.as_bytes())?,
    };
    Some(if e == GBK { GB18030 } else { e })
}

/// Whether a label says ASCII (so any 8-bit byte proves it wrong).
fn says_ascii(l: &str) -> bool {
    let l = l.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    matches!(
        l.as_str(),
        "us-ascii" | "ascii" | "ansi_x3.4-1968" | "iso646-us" | "us" | "646" | "iso-ir-6"
    )
}

/// Whether a single-byte label is of the Latin family (where a Chinese mail is often put by a
/// wrong default); Cyrillic, Greek, Hebrew… text is all 8-bit bytes and is trusted.
fn latin(e: &'static Encoding) -> bool {
    e == WINDOWS_1252
        || e == encoding_rs::ISO_8859_15
        || e == encoding_rs::ISO_8859_2
        || e == encoding_rs::WINDOWS_1250
}

/// Decodes `bytes` declared as `declared` (a charset label, if any).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    let enc = declared.and_then(label);
    let eight_bit = bytes.iter().any(|&b| b >= 0x80);
    if !eight_bit {
        let seven_bit_charset = enc.filter(|e| {
            *e == ISO_2022_JP || *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE
        });
        if let Some(e) = seven_bit_charset {
            return e.decode_without_bom_handling(bytes).0.into_owned();
        }
        if memchr::memmem::find(bytes, b"\x1b$B").is_some()
            || memchr::memmem::find(bytes, b"\x1b$@").is_some()
        {
            return ISO_2022_JP
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
        }
        if enc.is_none() {
            if let Some(d) = declared.and_then(|l| {
                mail_parser::decoders::charsets::map::charset_decoder(l.trim().as_bytes())
            }) {
                // UTF-7 and the other charsets only mail-parser knows.
                return d(bytes);
            }
        }
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Some(e) = enc {
        if !e.is_single_byte() || e == UTF_8 {
            if let Some(s) = strict(e, bytes) {
                return s;
            }
        } else if !declared.is_some_and(says_ascii) {
            if let Some(s) = strict(UTF_8, bytes) {
                return s;
            }
            if !latin(e) || !pairs(bytes).cjk_like() {
                return e.decode_without_bom_handling(bytes).0.into_owned();
            }
        }
    } else if let Some(d) = declared
        .and_then(|l| mail_parser::decoders::charsets::map::charset_decoder(l.trim().as_bytes()))
    {
        return d(bytes);
    }
    guess(bytes).unwrap_or_else(|| {
        let e = enc.unwrap_or(WINDOWS_1252);
        e.decode_without_bom_handling(bytes).0.into_owned()
    })
}

/// Mislabelled or unlabelled 8-bit text: UTF-8, or Chinese (GB18030 or Big5).
fn guess(bytes: &[u8]) -> Option<String> {
    if let Some(s) = strict(UTF_8, bytes) {
        return Some(s);
    }
    sniff::chinese(bytes).map(|(_, s)| s)
}

/// Not of the base64 alphabet.
const SKIP: u8 = 0xFF;

/// Each byte's base64 value (the standard and the URL-safe alphabets), or [`SKIP`].
const B64: [u8; 256] = {
    let mut t = [SKIP; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        if i < 10 {
            t[b'0' as usize + i] = 52 + i as u8;
        }
        i += 1;
    }
    t[b'+' as usize] = 62;
    t[b'-' as usize] = 62;
    t[b'/' as usize] = 63;
    t[b'_' as usize] = 63;
    t
};

/// Undoes `base64`, skipping what is not of its alphabet (line breaks, stray characters).
pub fn base64(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut acc, mut n) = (0u32, 0u8);
    for &c in data {
        let v = B64[usize::from(c)];
        if v == SKIP {
            continue;
        }
        acc = (acc << 6) | u32::from(v);
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

/// Undoes `quoted-printable`: `=XX` bytes, `=` line ends (soft breaks) joined; a stray `=`
/// stays as it is.
pub fn quoted_printable(data: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        match (data.get(i + 1), data.get(i + 2)) {
            (Some(b'\n'), _) => i += 2,
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(hex(h).unwrap_or(0) << 4 | hex(l).unwrap_or(0));
                i += 3;
            }
            _ => {
                // `=` then spaces before the line end is still a soft break.
                let rest = &data[i + 1..];
                let spaces = rest
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t')
                    .count();
                match rest.get(spaces..) {
                    Some([b'\n', ..]) => i += 2 + spaces,
                    Some([b'\r', b'\n', ..]) => i += 3 + spaces,
                    _ => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
        }
    }
    out
}

/// Joins the soft line breaks of `format=flowed` text (RFC 3676): a line ending in a space
/// goes on with the next; space-stuffing is undone.
pub fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.strip_prefix(' ').unwrap_or(line);
        // The signature separator `-- ` is not flowed.
        if line.ends_with(' ') && line != "-- " {
            out.push_str(if delsp { &line[..line.len() - 1] } else { line });
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if out.ends_with('\n') && !text.ends_with('\n') {
        out.pop();
    }
    out
}
