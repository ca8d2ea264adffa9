//! Corpus helper: writes raw RFC 5322 mails — headers with RFC 2047 encoded words, text parts
//! in a chosen charset and transfer encoding, multipart trees, attachments and forwarded mails.
//! Deterministic: boundaries and dates come from the mail's index, never from a clock.

use base64::Engine;

/// A charset a body or header is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cs {
    Utf8,
    Gbk,
    Gb18030,
    Big5,
    Jis,
    Win1252,
}

impl Cs {
    /// The MIME label, in the case mail programs usually write it.
    pub fn label(self) -> &'static str {
        match self {
            Cs::Utf8 => "utf-8",
            Cs::Gbk => "GBK",
            Cs::Gb18030 => "gb18030",
            Cs::Big5 => "big5",
            Cs::Jis => "iso-2022-jp",
            Cs::Win1252 => "windows-1252",
        }
    }

    /// The text in this charset; a character the charset lacks is a bug in the corpus.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let enc = match self {
            Cs::Utf8 => return text.as_bytes().to_vec(),
            Cs::Gbk => encoding_rs::GBK,
            Cs::Gb18030 => encoding_rs::GB18030,
            Cs::Big5 => encoding_rs::BIG5,
            Cs::Jis => encoding_rs::ISO_2022_JP,
            Cs::Win1252 => encoding_rs::WINDOWS_1252,
        };
        let (bytes, _, bad) = enc.encode(text);
        // A corpus text the charset cannot hold would turn into `&#NNNN;` silently.
        assert!(
            !bad,
            "corpus text not encodable in {}: {text}",
            self.label()
        );
        bytes.into_owned()
    }
}

/// A Content-Transfer-Encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cte {
    Bit8,
    B64,
    Qp,
}

impl Cte {
    fn label(self, cs: Cs) -> &'static str {
        match self {
            // ISO-2022-JP is 7-bit by design; mailers label it so.
            Cte::Bit8 if cs == Cs::Jis => "7bit",
            Cte::Bit8 => "8bit",
            Cte::B64 => "base64",
            Cte::Qp => "quoted-printable",
        }
    }
}

/// One node of a MIME tree.
pub enum Node {
    /// `text/<sub>` in a charset and transfer encoding.
    Text {
        sub: &'static str,
        text: String,
        cs: Cs,
        cte: Cte,
    },
    /// `multipart/<sub>` of parts.
    Multi { sub: &'static str, parts: Vec<Node> },
    /// A base64 attachment (or inline part with a Content-ID).
    File {
        ctype: String,
        name: String,
        bytes: Vec<u8>,
        cid: Option<String>,
    },
    /// A forwarded mail as `message/rfc822`.
    Forward(Vec<u8>),
}

/// A text part.
pub fn text(sub: &'static str, text: impl Into<String>, cs: Cs, cte: Cte) -> Node {
    Node::Text {
        sub,
        text: text.into(),
        cs,
        cte,
    }
}

/// An attachment.
pub fn file(ctype: &str, name: &str, bytes: Vec<u8>) -> Node {
    Node::File {
        ctype: ctype.to_string(),
        name: name.to_string(),
        bytes,
        cid: None,
    }
}

/// A multipart node.
pub fn multi(sub: &'static str, parts: Vec<Node>) -> Node {
    Node::Multi { sub, parts }
}

/// Base64 with 76-character lines.
pub fn b64_lines(bytes: &[u8]) -> String {
    let s = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(s.len() + s.len() / 38);
    for chunk in s.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

/// Quoted-printable (RFC 2045): soft breaks before 76 columns, CRLF kept as hard breaks.
pub fn qp(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut col = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            out.push_str("\r\n");
            col = 0;
            i += 2;
            continue;
        }
        let next_is_eol = matches!(bytes.get(i + 1), None | Some(b'\r'));
        let piece = if b == b'\n' {
            col = 0;
            i += 1;
            out.push_str("\r\n");
            continue;
        } else if (b == b' ' || b == b'\t') && next_is_eol {
            format!("={b:02X}")
        } else if (33..=126).contains(&b) && b != b'=' || b == b' ' || b == b'\t' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if col + piece.len() > 75 {
            out.push_str("=\r\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
        i += 1;
    }
    out
}

/// A header value as RFC 2047 encoded words (B or Q) in `cs`, folded; ASCII stays as is.
pub fn words(value: &str, cs: Cs, q: bool) -> String {
    if value.is_ascii() {
        return value.to_string();
    }
    let chars: Vec<char> = value.chars().collect();
    // Short chunks keep every encoded word under 75 characters, ISO-2022-JP escapes included.
    let per = if q { 6 } else { 12 };
    let mut out = Vec::new();
    for chunk in chars.chunks(per) {
        let s: String = chunk.iter().collect();
        let bytes = cs.encode(&s);
        let body = if q {
            let mut e = String::new();
            for b in bytes {
                match b {
                    b' ' => e.push('_'),
                    b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => e.push(b as char),
                    _ => e.push_str(&format!("={b:02X}")),
                }
            }
            e
        } else {
            base64::engine::general_purpose::STANDARD.encode(bytes)
        };
        out.push(format!(
            "=?{}?{}?{}?=",
            cs.label(),
            if q { "Q" } else { "B" },
            body
        ));
    }
    out.join("\r\n ")
}

/// `"Name" <addr>` with the name quoted or encoded as needed.
pub fn mailbox(name: &str, addr: &str, cs: Cs, q: bool) -> String {
    if name.is_empty() {
        return addr.to_string();
    }
    if name.is_ascii() {
        let needs = name.contains([',', '(', ')', '.', ':', '@', '"']);
        return if needs {
            format!("\"{}\" <{addr}>", name.replace('"', "'"))
        } else {
            format!("{name} <{addr}>")
        };
    }
    format!("{} <{addr}>", words(name, cs, q))
}

/// A mail under construction: header lines in order and a body tree.
pub struct Mail {
    pub headers: Vec<(String, String)>,
    pub body: Node,
}

impl Mail {
    /// A mail with the usual headers; `n` makes the date, Message-ID and boundaries unique.
    pub fn new(n: u64, from: &str, to: &str, subject: &str, body: Node) -> Mail {
        let day = 1 + n % 28;
        let hour = 7 + n % 11;
        let minute = (n * 7) % 60;
        let headers = vec![
            ("From".into(), from.to_string()),
            ("To".into(), to.to_string()),
            ("Subject".into(), subject.to_string()),
            (
                "Date".into(),
                format!(
                    "{}, {day} Dec 2026 {hour:02}:{minute:02}:1{} +0800",
                    wd(day),
                    n % 10
                ),
            ),
            (
                "Message-ID".into(),
                format!("<{:x}.{n}@mail.corpus>", n * 2654435761),
            ),
            ("MIME-Version".into(), "1.0".into()),
        ];
        Mail { headers, body }
    }

    /// Adds a header line (before the MIME headers of the body).
    pub fn header(mut self, name: &str, value: &str) -> Mail {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Puts a header first (trace headers such as `Received` and `Return-Path` come first).
    pub fn trace(mut self, name: &str, value: &str) -> Mail {
        self.headers
            .insert(0, (name.to_string(), value.to_string()));
        self
    }

    /// The mail's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (k, v) in &self.headers {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        let mut counter = 0;
        let seed = self.headers.len() as u64 * 7919 + out.len() as u64;
        node(&self.body, seed, &mut counter, &mut out);
        out
    }
}

fn wd(day: u64) -> &'static str {
    // 1 Dec 2026 is a Tuesday.
    ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon"][((day - 1) % 7) as usize]
}

fn node(n: &Node, seed: u64, counter: &mut u32, out: &mut Vec<u8>) {
    match n {
        Node::Text { sub, text, cs, cte } => {
            let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
            let bytes = cs.encode(&crlf);
            out.extend_from_slice(
                format!(
                    "Content-Type: text/{sub}; charset=\"{}\"\r\nContent-Transfer-Encoding: {}\r\n\r\n",
                    cs.label(),
                    cte.label(*cs)
                )
                .as_bytes(),
            );
            match cte {
                Cte::Bit8 => out.extend_from_slice(&bytes),
                Cte::B64 => out.extend_from_slice(b64_lines(&bytes).as_bytes()),
                Cte::Qp => out.extend_from_slice(qp(&bytes).as_bytes()),
            }
            out.extend_from_slice(b"\r\n");
        }
        Node::Multi { sub, parts } => {
            *counter += 1;
            let b = format!(
                "----=_NextPart_{:03}_{:08X}",
                counter,
                seed.wrapping_mul(40503)
            );
            out.extend_from_slice(
                format!("Content-Type: multipart/{sub}; boundary=\"{b}\"\r\n\r\nThis is a multi-part message in MIME format.\r\n").as_bytes(),
            );
            for p in parts {
                out.extend_from_slice(format!("\r\n--{b}\r\n").as_bytes());
                node(p, seed, counter, out);
            }
            out.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
        }
        Node::File {
            ctype,
            name,
            bytes,
            cid,
        } => {
            let (disp, cid) = match cid {
                Some(c) => ("inline", format!("Content-ID: <{c}>\r\n")),
                None => ("attachment", String::new()),
            };
            let fname = words(name, Cs::Utf8, false);
            out.extend_from_slice(
                format!(
                    "Content-Type: {ctype}; name=\"{fname}\"\r\nContent-Transfer-Encoding: base64\r\n{cid}Content-Disposition: {disp}; filename=\"{fname}\"\r\n\r\n"
                )
                .as_bytes(),
            );
            out.extend_from_slice(b64_lines(bytes).as_bytes());
        }
        Node::Forward(bytes) => {
            out.extend_from_slice(
                b"Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n",
            );
            out.extend_from_slice(bytes);
            out.extend_from_slice(b"\r\n");
        }
    }
}
