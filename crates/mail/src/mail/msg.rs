//! Verify stage, reading: Outlook `.msg` files (OLE compound files, what dragging a mail out
//! of Outlook gives), read with `cfb` and turned into an RFC 5322 message in memory, which
//! [`super::read`] then reads like any `.eml` — so every check applies to both.
//!
//! The original transport headers (`PR_TRANSPORT_MESSAGE_HEADERS`), when present, are the
//! truth (From, Reply-To, Authentication-Results…); without them `From`, `Sender` and
//! `Subject` are written from the properties. The bodies follow as a multipart/alternative
//! (plain text, then HTML), each attachment as a base64 part and each embedded message as a
//! `message/rfc822` part. Strings are UTF-16 (`001F`) or 8-bit in the message's code page
//! (`001E`, decoded with `encoding_rs`); the HTML body carries its charset in a `meta` or
//! takes the code page. The RTF body is not read (a note says so when it is all there is).
//!
//! The writer of `render::eml` writes our own letters (ASCII file names, no original headers,
//! no nested messages), so the message is put together here.

use super::{Cut, Mail, MAX_HEADER, MAX_MAIL};
use crate::Error;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use encoding_rs::Encoding;
use std::io::{Cursor, Read};
use std::path::Path;

#[cfg(test)]
mod tests;
#[doc(hidden)]
pub mod write;

/// Largest `.msg` file read.
pub const MAX_MSG: usize = 64 * 1024 * 1024;
/// Largest stream read from it (a body or an attachment).
pub const MAX_STREAM: u64 = 25 * 1024 * 1024;
/// Most attachments read per message.
pub const MAX_ATTACHMENTS: usize = 500;
/// Deepest nesting of embedded messages read.
pub const MAX_NESTED: usize = 3;
/// Most embedded messages read in all (each adds two MIME boundaries to the message built,
/// and the mail reader allows 200).
pub const MAX_EMBEDDED: usize = 50;

/// Whether `bytes` are an OLE compound file (the `.msg` container).
pub fn is_msg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads an Outlook message.
pub fn read(file: &Path, bytes: &[u8]) -> Result<Mail, Error> {
    let (eml, notes) = to_eml(bytes)
        .map_err(|m| Error::new(file, m).hint("save the mail again from Outlook, or as `.eml`"))?;
    let mut mail = super::read(file, &eml)?;
    mail.cut.extend(notes.into_iter().map(|what| Cut { what }));
    Ok(mail)
}

/// The `.msg` as an RFC 5322 message, and the notes of what was left out.
pub fn to_eml(bytes: &[u8]) -> Result<(Vec<u8>, Vec<[String; 2]>), String> {
    if bytes.len() > MAX_MSG {
        return Err(format!(
            "the `.msg` file is {}, over the limit of {}",
            super::attach::size(bytes.len() as u64),
            super::attach::size(MAX_MSG as u64)
        ));
    }
    // `cfb` is third-party code on hostile bytes: a panic in it is a damaged file.
    std::panic::catch_unwind(|| {
        let cf = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| format!("not a readable Outlook `.msg` file ({e})"))?;
        let mut r = Reader {
            cf,
            notes: Vec::new(),
            budget: MAX_MAIL.saturating_sub(MAX_HEADER),
            embedded: 0,
        };
        if !r.cf.is_stream("/__substg1.0_001A001F") && !r.cf.is_stream("/__substg1.0_001A001E") {
            // Every Outlook item has a message class; another OLE file (a `.doc`) has none.
            if !r.cf.is_stream("/__properties_version1.0") {
                return Err("not a mail message: an OLE file without Outlook properties".into());
            }
        }
        let eml = r.message("", 0);
        Ok((eml, r.notes))
    })
    .unwrap_or_else(|_| Err("not a readable Outlook `.msg` file (the reader failed)".into()))
}

/// Reads properties from one compound file, bounded.
struct Reader<'a> {
    cf: cfb::CompoundFile<Cursor<&'a [u8]>>,
    notes: Vec<[String; 2]>,
    /// Bytes still allowed in the message built (base64 grows them by a third).
    budget: usize,
    /// Embedded messages read so far.
    embedded: usize,
}

impl Reader<'_> {
    fn note(&mut self, what: [String; 2]) {
        if !self.notes.contains(&what) {
            self.notes.push(what);
        }
    }

    /// Takes the room of `n` bytes in base64 from the budget of the message built; `false`
    /// (and a note) when it has no room left.
    fn room(&mut self, what: &str, n: usize) -> bool {
        let encoded = n.div_ceil(3) * 4 * 78 / 76 + 256;
        if encoded > self.budget {
            let m = super::attach::size(MAX_MAIL as u64);
            self.note([
                format!("{what} was not read: the `.msg` holds more than {m}"),
                format!("{what} 未读取：`.msg` 的内容超过 {m}"),
            ]);
            return false;
        }
        self.budget -= encoded;
        true
    }

    /// A body, if the budget has room for it.
    fn charge(&mut self, what: &str, body: String) -> Option<String> {
        self.room(&format!("the {what} body"), body.len())
            .then_some(body)
    }

    /// A stream's bytes, at most `MAX_STREAM` (over it: `None` and a note).
    fn stream(&mut self, path: &str) -> Option<Vec<u8>> {
        let len = self.cf.entry(path).ok().filter(|e| e.is_stream())?.len();
        if len > MAX_STREAM {
            let m = super::attach::size(MAX_STREAM);
            self.note([
                format!("a part of the `.msg` is over {m} and was not read"),
                format!("`.msg` 中有部分超过 {m}，未读取"),
            ]);
            return None;
        }
        let mut buf = Vec::new();
        let s = self.cf.open_stream(path).ok()?;
        s.take(MAX_STREAM).read_to_end(&mut buf).ok()?;
        Some(buf)
    }

    /// A string property of the storage `base`: UTF-16 (`001F`) or 8-bit in `cp` (`001E`).
    fn string(&mut self, base: &str, id: u16, cp: &'static Encoding) -> Option<String> {
        if let Some(b) = self.stream(&format!("{base}/__substg1.0_{id:04X}001F")) {
            let (text, _, _) = encoding_rs::UTF_16LE.decode(&b);
            return Some(text.trim_end_matches('\0').to_string());
        }
        let b = self.stream(&format!("{base}/__substg1.0_{id:04X}001E"))?;
        Some(cp.decode(&b).0.trim_end_matches('\0').to_string())
    }

    /// A 32-bit property from the storage's fixed-size property stream.
    fn long(&mut self, base: &str, id: u16, header: usize) -> Option<u32> {
        let props = self.stream(&format!("{base}/__properties_version1.0"))?;
        let tag = (id as u32) << 16 | 0x0003;
        props.get(header..)?.chunks_exact(16).find_map(|e| {
            let t = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            (t == tag).then(|| u32::from_le_bytes([e[8], e[9], e[10], e[11]]))
        })
    }

    /// One message (the file's, or an embedded one under `base`) as RFC 5322 bytes.
    fn message(&mut self, base: &str, depth: usize) -> Vec<u8> {
        // The property stream's header: 32 bytes for the file's message, 24 when embedded.
        let header = if depth == 0 { 32 } else { 24 };
        let cp = self
            .long(base, 0x3FFD, header)
            .and_then(code_page)
            .unwrap_or(encoding_rs::WINDOWS_1252);
        let html_cp = self
            .long(base, 0x3FDE, header)
            .and_then(code_page)
            .unwrap_or(cp);
        let mut out = self.headers(base, cp);
        let boundary = format!("=_dealguard_msg_{depth}_mixed");
        let alt = format!("=_dealguard_msg_{depth}_alt");
        out.push_str(&format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
        ));
        let plain = self
            .string(base, 0x1000, cp)
            .and_then(|t| self.charge("text", t));
        let html = self
            .html(base, html_cp)
            .and_then(|t| self.charge("HTML", t));
        if plain.is_none()
            && html.is_none()
            && self.cf.is_stream(format!("{base}/__substg1.0_10090102"))
        {
            self.note([
                "the RTF body of the `.msg` was not read".into(),
                "`.msg` 的 RTF 正文未读取".into(),
            ]);
        }
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: multipart/alternative; boundary=\"{alt}\"\r\n\r\n"
        ));
        for (subtype, body) in [("plain", plain), ("html", html)] {
            if let Some(body) = body {
                out.push_str(&format!(
                    "--{alt}\r\nContent-Type: text/{subtype}; charset=utf-8\r\n\
                     Content-Transfer-Encoding: base64\r\n\r\n"
                ));
                base64_lines(&mut out, body.as_bytes());
            }
        }
        out.push_str(&format!("--{alt}--\r\n"));
        let mut bytes = out.into_bytes();
        self.attachments(base, depth, &boundary, &mut bytes);
        bytes.extend(format!("--{boundary}--\r\n").as_bytes());
        bytes
    }

    /// The header section: the transport headers without their MIME lines, or headers
    /// written from the properties.
    fn headers(&mut self, base: &str, cp: &'static Encoding) -> String {
        let mut out = String::new();
        if let Some(h) = self.string(base, 0x007D, cp).filter(|h| h.contains(':')) {
            let mut keep = false;
            for line in h.lines().take_while(|l| !l.trim().is_empty()) {
                if !line.starts_with([' ', '\t']) {
                    let name = line.split(':').next().unwrap_or("").trim();
                    keep = !["content-type", "content-transfer-encoding", "mime-version"]
                        .iter()
                        .any(|n| name.eq_ignore_ascii_case(n));
                }
                if keep && out.len() + line.len() < MAX_HEADER / 2 {
                    out.push_str(line);
                    out.push_str("\r\n");
                }
            }
            if out
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("from:"))
            {
                return out;
            }
        }
        // Outlook's "From" is the sent-representing mailbox; the sender may differ (on behalf of).
        let from = self.mailbox(base, cp, [0x0042, 0x5D02, 0x0065]);
        let sender = self.mailbox(base, cp, [0x0C1A, 0x5D01, 0x0C1F]);
        match (&from, &sender) {
            (Some(f), Some(s)) if f != s => {
                out.push_str(&format!("From: {f}\r\nSender: {s}\r\n"));
            }
            (Some(m), _) | (None, Some(m)) => out.push_str(&format!("From: {m}\r\n")),
            (None, None) => {}
        }
        if let Some(s) = self.string(base, 0x0037, cp) {
            out.push_str(&format!("Subject: {}\r\n", encoded_word(&s)));
        }
        out
    }

    /// `name <address>` from a name property, an SMTP address property and an address
    /// property (used when it is an SMTP address, not an Exchange `/O=…` path).
    fn mailbox(&mut self, base: &str, cp: &'static Encoding, ids: [u16; 3]) -> Option<String> {
        let name = self.string(base, ids[0], cp).unwrap_or_default();
        let address = self
            .string(base, ids[1], cp)
            .filter(|a| a.contains('@'))
            .or_else(|| self.string(base, ids[2], cp).filter(|a| a.contains('@')))?;
        let address: String = address
            .chars()
            .filter(|c| !c.is_whitespace() && !"<>\",;".contains(*c))
            .collect();
        Some(if name.trim().is_empty() {
            format!("<{address}>")
        } else {
            format!("{} <{address}>", encoded_word(name.trim()))
        })
    }

    /// The HTML body (binary `0102`, or a string), decoded by its `meta` charset or `cp`.
    fn html(&mut self, base: &str, cp: &'static Encoding) -> Option<String> {
        let Some(b) = self.stream(&format!("{base}/__substg1.0_10130102")) else {
            return self.string(base, 0x1013, cp);
        };
        let head = String::from_utf8_lossy(&b[..b.len().min(4096)]).to_ascii_lowercase();
        let meta = head.find("charset=").and_then(|at| {
            let label: String = head[at + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
                .collect();
            Encoding::for_label(label.as_bytes())
        });
        let (text, _, _) = meta.unwrap_or(cp).decode(&b);
        Some(text.into_owned())
    }

    /// Each attachment as a MIME part appended to `out`; embedded messages recursively.
    fn attachments(&mut self, base: &str, depth: usize, boundary: &str, out: &mut Vec<u8>) {
        let mut names: Vec<String> =
            match self
                .cf
                .read_storage(if base.is_empty() { "/" } else { base })
            {
                Ok(entries) => entries
                    .filter(|e| e.is_storage() && e.name().starts_with("__attach_version1.0_#"))
                    .map(|e| e.name().to_string())
                    .collect(),
                Err(_) => return,
            };
        names.sort();
        if names.len() > MAX_ATTACHMENTS {
            self.note([
                format!("only the first {MAX_ATTACHMENTS} attachments of the `.msg` were read"),
                format!("`.msg` 仅读取了前 {MAX_ATTACHMENTS} 个附件"),
            ]);
        }
        for n in names.into_iter().take(MAX_ATTACHMENTS) {
            let at = format!("{base}/{n}");
            let cp = encoding_rs::WINDOWS_1252;
            let name = self
                .string(&at, 0x3707, cp)
                .or_else(|| self.string(&at, 0x3704, cp))
                .or_else(|| self.string(&at, 0x3001, cp))
                .unwrap_or_else(|| "(unnamed)".into());
            let disposition = format!("attachment; filename*=utf-8''{}", percent(&name));
            let embedded = format!("{at}/__substg1.0_3701000D");
            if self.cf.is_storage(&embedded) {
                self.embedded += 1;
                if depth + 1 > MAX_NESTED || self.embedded > MAX_EMBEDDED {
                    self.note([
                        format!("messages nested deeper than {MAX_NESTED} levels, or more than {MAX_EMBEDDED}, in the `.msg` were not read"),
                        format!("`.msg` 中嵌套超过 {MAX_NESTED} 层或超过 {MAX_EMBEDDED} 封的邮件未读取"),
                    ]);
                    continue;
                }
                let inner = self.message(&embedded, depth + 1);
                out.extend(format!("--{boundary}\r\nContent-Type: message/rfc822\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes());
                out.extend(inner);
                out.extend(b"\r\n");
                continue;
            }
            let Some(data) = self.stream(&format!("{at}/__substg1.0_37010102")) else {
                continue;
            };
            if !self.room(&format!("`{name}`"), data.len()) {
                continue;
            }
            let mime = self
                .string(&at, 0x370E, cp)
                .filter(|m| m.contains('/') && m.chars().all(|c| c.is_ascii_graphic()))
                .unwrap_or_else(|| "application/octet-stream".into());
            let mut part = format!(
                "--{boundary}\r\nContent-Type: {mime}\r\nContent-Disposition: {disposition}\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n"
            );
            base64_lines(&mut part, &data);
            out.extend(part.as_bytes());
        }
    }
}

/// The encoding of a Windows code page, for the ones mail is written in.
fn code_page(cp: u32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match cp {
        65001 => UTF_8,
        1200 => UTF_16LE,
        1201 => UTF_16BE,
        936 => GBK,
        54936 => GB18030,
        950 => BIG5,
        932 => SHIFT_JIS,
        949 => EUC_KR,
        51932 | 20932 => EUC_JP,
        50220..=50222 => ISO_2022_JP,
        874 => WINDOWS_874,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 | 20127 | 28591 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        20866 => KOI8_R,
        21866 => KOI8_U,
        28592 => ISO_8859_2,
        28595 => ISO_8859_5,
        28597 => ISO_8859_7,
        28605 => ISO_8859_15,
        _ => return None,
    })
}

/// A header text as itself when plain ASCII, else as one UTF-8 encoded word; line breaks
/// and other controls become spaces so that nothing starts a header line of its own.
fn encoded_word(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(2000)
        .collect();
    if clean.is_ascii() && !clean.contains("=?") {
        clean
    } else {
        format!("=?utf-8?B?{}?=", BASE64.encode(clean.as_bytes()))
    }
}

/// RFC 2231 percent-encoding of a file name.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes().take(1024) {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn base64_lines(out: &mut String, data: &[u8]) {
    let encoded = BASE64.encode(data);
    for line in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap_or(""));
        out.push_str("\r\n");
    }
}
