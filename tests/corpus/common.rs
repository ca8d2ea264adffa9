//! Corpus helper: languages and variation, the assembly of a body into plain, HTML or
//! multipart/alternative in a charset chosen per language, delivery headers, IBANs; the people
//! and thread history (`people.rs`) re-exported for the families.

use super::build::{multi, text, Cs, Cte, Node};
pub use super::people::*;

/// The language a mail is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Hans,
    Hant,
}

/// The three languages, for loops that write a family in each.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::Hans, Lang::Hant];

/// A tiny LCG: variation without a clock or the rand crate.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }

    /// A value in `lo..hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() as usize) % (hi - lo).max(1)
    }
}

/// How a body is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fmt {
    Plain,
    Html,
    Alt,
}

/// A charset for a language, varied by `k`; windows-1252 only when the text fits it.
pub fn cs_for(l: Lang, k: usize, text: &str) -> Cs {
    let cs = match l {
        Lang::En => [Cs::Utf8, Cs::Win1252, Cs::Utf8][k % 3],
        Lang::Hans => [Cs::Gbk, Cs::Utf8, Cs::Gb18030, Cs::Gbk][k % 4],
        Lang::Hant => [Cs::Big5, Cs::Utf8, Cs::Big5][k % 3],
    };
    if cs == Cs::Utf8 || fits(cs, text) {
        cs
    } else {
        Cs::Utf8
    }
}

/// Whether `text` is encodable in `cs`.
pub fn fits(cs: Cs, text: &str) -> bool {
    let enc = match cs {
        Cs::Utf8 => return true,
        Cs::Gbk => encoding_rs::GBK,
        Cs::Gb18030 => encoding_rs::GB18030,
        Cs::Big5 => encoding_rs::BIG5,
        Cs::Jis => encoding_rs::ISO_2022_JP,
        Cs::Win1252 => encoding_rs::WINDOWS_1252,
    };
    !enc.encode(text).2
}

/// HTML escaping plus the entities mail editors write (`&nbsp;` after punctuation).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(": ", ":&nbsp;")
        .replace('"', "&quot;")
}

/// Plain text → the HTML a mail editor writes: one `<div>` or `<p>` per line, `<br>` for
/// empty lines, quoted history in a `<blockquote>`.
pub fn html_of(main: &str, quoted: &str, k: usize, cs: Cs) -> String {
    let mut h = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={}\"><style>p{{margin:0}}</style></head>\n<body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n", cs.label());
    for line in main.lines() {
        if line.trim().is_empty() {
            h.push_str("<div><br></div>\n");
        } else if k.is_multiple_of(2) {
            h.push_str(&format!("<div>{}</div>\n", esc(line)));
        } else {
            h.push_str(&format!(
                "<p class=\"MsoNormal\">{}<o:p></o:p></p>\n",
                esc(line)
            ));
        }
    }
    if !quoted.is_empty() {
        h.push_str("<blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">\n");
        for line in quoted.lines() {
            h.push_str(&esc(line.trim_start_matches("> ").trim_start_matches('>')));
            h.push_str("<br>\n");
        }
        h.push_str("</blockquote>\n");
    }
    h.push_str("</body></html>\n");
    h
}

/// A body: the new text (with signature) and the quoted history, laid out per `fmt`.
pub fn body(l: Lang, main: &str, quoted: &str, fmt: Fmt, k: usize) -> Node {
    let plain = if quoted.is_empty() {
        main.to_string()
    } else {
        format!("{main}\n{quoted}")
    };
    let cs = cs_for(l, k, &plain);
    let cte = [Cte::Bit8, Cte::B64, Cte::Qp, Cte::B64][k % 4];
    let cte = if cs == Cs::Win1252 && cte == Cte::B64 {
        Cte::Qp
    } else {
        cte
    };
    match fmt {
        Fmt::Plain => text("plain", plain, cs, cte),
        Fmt::Html => text("html", html_of(main, quoted, k, cs), cs, cte),
        Fmt::Alt => multi(
            "alternative",
            vec![
                text("plain", plain, cs, cte),
                text(
                    "html",
                    html_of(main, quoted, k, cs),
                    cs,
                    if cte == Cte::Bit8 { Cte::Qp } else { cte },
                ),
            ],
        ),
    }
}

/// The natural size of a mail's quoted history: most short or medium, some long.
pub fn natural(r: &mut Lcg) -> usize {
    match r.next() % 10 {
        0..=2 => 0,
        3..=7 => r.range(1_500, 9_000),
        _ => r.range(10_000, 16_000),
    }
}

/// Trace and authentication headers as the recipient's server writes them for a sender domain:
/// `auth` is `pass`, `none` or `fail`; `rcpt` is the receiving domain.
pub fn delivered(
    m: super::build::Mail,
    sender: &str,
    auth: &str,
    rcpt: &str,
    n: u64,
) -> super::build::Mail {
    let domain = sender
        .rsplit('@')
        .next()
        .unwrap_or(sender)
        .trim_end_matches('>');
    let res = match auth {
        "pass" => format!("mx.{rcpt}; dkim=pass (2048-bit key) header.d={domain} header.s=s1 header.b=Kx{n:x}; spf=pass (mx.{rcpt}: domain of {sender} designates 203.0.113.{} as permitted sender) smtp.mailfrom={domain}; dmarc=pass (p=QUARANTINE) header.from={domain}", n % 250),
        "fail" => format!("mx.{rcpt}; dkim=fail header.d={domain}; spf=softfail smtp.mailfrom={domain}; dmarc=fail (p=NONE) header.from={domain}"),
        _ => format!("mx.{rcpt}; dkim=none; spf=none smtp.mailfrom={domain}; dmarc=none header.from={domain}"),
    };
    m.trace("Authentication-Results", &res)
        .trace("Received", &format!("from mail.{domain} (mail.{domain} [203.0.113.{}])\r\n\tby mx.{rcpt} with ESMTPS id {n:x}; Tue, 8 Dec 2026 10:{:02}:00 +0800", n % 250, n % 60))
        .trace("Return-Path", &format!("<{sender}>"))
}

/// A valid IBAN for a country and BBAN (ISO 13616 check digits).
pub fn iban(country: &str, bban: &str) -> String {
    let moved = format!("{bban}{country}00");
    let mut rem: u32 = 0;
    for c in moved.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    let raw = format!("{country}{:02}{bban}", 98 - rem);
    raw.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
