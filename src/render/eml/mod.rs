//! Render stage: an RFC 5322 / MIME e-mail (`.eml`, multipart/alternative with a UTF-8
//! plain-text part and a UTF-8 HTML part; with attachments, that inside a multipart/mixed
//! followed by one base64 part per file); returns bytes, writes nothing.
//!
//! The output is deterministic: the date and the Message-ID come from the caller and the MIME
//! boundary is a hash of the content. Nothing here panics, whatever the input.
//!
//! Choices made for input the caller should have validated but did not:
//! - Header text (display names, subject): every control character (CR, LF, TAB, NUL, …) and
//!   U+2028/U+2029 becomes a space, so no input can start a new header line.
//! - Addresses and the Message-ID: every character outside RFC 5322 `atext`, `.` and `@` is
//!   dropped (spaces, angle brackets, quotes, commas, non-ASCII, controls), every `@` but the last
//!   becomes a dot, empty dot-separated labels are removed (so both sides are valid dot-atoms), the
//!   local part is cut to 64 and the domain to 189 characters. A missing local part becomes
//!   `unknown` (Message-ID: a hash of the content) and a missing domain `invalid`
//!   (Message-ID: `dealguard.invalid`); `invalid` is a reserved top-level domain.
//! - The UTC offset is clamped to ±23:59 and the local time to years 1900–9999 (RFC 5322 years).
//! - An empty `to` list becomes `To: undisclosed-recipients:;`.
//! - Attachment file names: every character outside `atext`, `.` and a space becomes `_`, cut to
//!   60 characters (they go in a quoted-string; no RFC 2231 encoding needed); a content type
//!   that is not `type/subtype` in token characters becomes `application/octet-stream`.
//! - Long addresses and Message-IDs cannot be folded; their lines stay under 998 characters but
//!   may exceed 78.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use time::format_description::well_known::Rfc2822;
use time::{OffsetDateTime, UtcOffset};

mod header;
use header::*;

/// A mailbox: display name (any Unicode, may be empty) and address (ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// Display name; any Unicode, may be empty.
    pub name: String,
    /// Address, ASCII `local@domain`.
    pub address: String,
}

/// What the message says and who it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Sender.
    pub from: Mailbox,
    /// Primary recipients.
    pub to: Vec<Mailbox>,
    /// Copy recipients; the `Cc` header is left out when empty.
    pub cc: Vec<Mailbox>,
    /// Subject; Unicode, may mix English and Chinese.
    pub subject: String,
    /// Seconds since 1970-01-01 UTC.
    pub date: i64,
    /// Offset of the sender's zone from UTC in minutes, e.g. 480 for +0800.
    pub utc_offset_minutes: i32,
    /// Message-ID without angle brackets, e.g. `3f9a…@hengli-kitchen.com`.
    pub message_id: String,
    /// Plain-text body (UTF-8, `\n` line ends).
    pub text: String,
    /// HTML body (UTF-8).
    pub html: String,
}

/// A file sent with the message, as its own base64 part after the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name shown to the reader (ASCII; see the module docs for what is replaced).
    pub filename: String,
    /// MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// The file's bytes, sent unchanged.
    pub bytes: Vec<u8>,
}

/// Base64 characters per body line (RFC 2045 allows at most 76).
const B64_LINE: usize = 76;

/// Renders the message as bytes: CRLF line ends, folded headers, base64 body parts.
pub fn render(m: &Message) -> Vec<u8> {
    render_with(m, &[])
}

/// Renders the message with `attachments` after its text (multipart/mixed); with none it is
/// exactly [`render`]'s multipart/alternative message.
pub fn render_with(m: &Message, attachments: &[Attachment]) -> Vec<u8> {
    let boundary = boundary(m);
    let mut out = String::new();

    out.push_str("Date: ");
    out.push_str(&date(m.date, m.utc_offset_minutes));
    out.push_str("\r\n");
    out.push_str(&fold(
        "From",
        &mailbox_list_tokens(std::slice::from_ref(&m.from)),
    ));
    if m.to.is_empty() {
        out.push_str("To: undisclosed-recipients:;\r\n");
    } else {
        out.push_str(&fold("To", &mailbox_list_tokens(&m.to)));
    }
    if !m.cc.is_empty() {
        out.push_str(&fold("Cc", &mailbox_list_tokens(&m.cc)));
    }
    out.push_str(&fold("Subject", &text_tokens(&m.subject)));
    out.push_str("Message-ID: <");
    out.push_str(&message_id(m));
    out.push_str(">\r\n");
    out.push_str("MIME-Version: 1.0\r\n");
    // Every mail dealguard writes is one to check and send: Outlook (and Thunderbird) open
    // it as an unsent draft with a Send button, not as a received mail.
    out.push_str("X-Unsent: 1\r\n");
    if attachments.is_empty() {
        alternative(&mut out, m, &boundary, "X-Mailer: dealguard\r\n");
        return out.into_bytes();
    }
    let outer = mixed_boundary(m, attachments);
    out.push_str("Content-Type: multipart/mixed; boundary=\"");
    out.push_str(&outer);
    out.push_str("\"\r\nX-Mailer: dealguard\r\n\r\n");
    out.push_str("--");
    out.push_str(&outer);
    out.push_str("\r\n");
    alternative(&mut out, m, &boundary, "");
    for a in attachments {
        out.push_str("\r\n--");
        out.push_str(&outer);
        out.push_str("\r\n");
        attachment(&mut out, a);
    }
    out.push_str("\r\n--");
    out.push_str(&outer);
    out.push_str("--\r\n");
    out.into_bytes()
}

/// The text and HTML parts as a multipart/alternative entity: its `Content-Type` header,
/// `extra` header lines, a blank line, the parts and the close delimiter (ending with CRLF).
fn alternative(out: &mut String, m: &Message, boundary: &str, extra: &str) {
    out.push_str("Content-Type: multipart/alternative; boundary=\"");
    out.push_str(boundary);
    out.push_str("\"\r\n");
    out.push_str(extra);
    out.push_str("\r\n");
    for (subtype, body) in [("plain", &m.text), ("html", &m.html)] {
        out.push_str("--");
        out.push_str(boundary);
        out.push_str("\r\n");
        out.push_str("Content-Type: text/");
        out.push_str(subtype);
        out.push_str("; charset=utf-8\r\n");
        out.push_str("Content-Transfer-Encoding: base64\r\n");
        out.push_str("\r\n");
        base64_lines(out, crlf(body).as_bytes());
    }
    out.push_str("--");
    out.push_str(boundary);
    out.push_str("--\r\n");
}

/// One attachment part: headers, blank line, the bytes in base64 lines (the last without its
/// CRLF, which belongs to the next delimiter).
fn attachment(out: &mut String, a: &Attachment) {
    let name = clean_filename(&a.filename);
    let ct = clean_content_type(&a.content_type);
    out.push_str(&format!("Content-Type: {ct}; name=\"{name}\"\r\n"));
    out.push_str(&format!(
        "Content-Disposition: attachment; filename=\"{name}\"\r\n"
    ));
    out.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
    base64_lines(out, &a.bytes);
    // The delimiter's leading CRLF ends the last line (an empty file keeps the blank line
    // that ends the part's headers).
    if !a.bytes.is_empty() && out.ends_with("\r\n") {
        out.truncate(out.len() - 2);
    }
}

/// `data` in base64, `B64_LINE` characters a line, each line ending with CRLF.
fn base64_lines(out: &mut String, data: &[u8]) {
    let encoded = base64(data);
    // Base64 is ASCII, so byte chunks are character chunks.
    for line in encoded.as_bytes().chunks(B64_LINE) {
        out.push_str(std::str::from_utf8(line).unwrap_or(""));
        out.push_str("\r\n");
    }
}

/// A file name safe inside a quoted-string on a short header line (see the module docs).
fn clean_filename(s: &str) -> String {
    let name: String = s
        .chars()
        .map(|c| {
            if is_atext(c) || c == '.' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let name = name.trim().to_string();
    if name.is_empty() {
        "attachment".to_string()
    } else {
        name
    }
}

/// `type/subtype` when both are RFC 2045 tokens, else `application/octet-stream`.
fn clean_content_type(s: &str) -> String {
    let token = |t: &str| {
        !t.is_empty()
            && t.len() <= 60
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    match s.split_once('/') {
        Some((t, st)) if token(t) && token(st) => s.to_ascii_lowercase(),
        _ => "application/octet-stream".to_string(),
    }
}

/// Formats `secs` (UTC) in the zone `offset_minutes` east of UTC as an RFC 5322 date-time,
/// e.g. `Fri, 20 Nov 2026 09:00:00 +0800`.
pub fn date(secs: i64, offset_minutes: i32) -> String {
    const MIN: i64 = -2_208_988_800; // 1900-01-01 00:00:00
    const MAX: i64 = 253_402_300_799; // 9999-12-31 23:59:59
    let off = offset_minutes.clamp(-1439, 1439);
    // Clamp the local time, so the year has the four digits RFC 5322 wants; then read its
    // fields as they are and label them with the offset.
    let local = secs.saturating_add(i64::from(off) * 60).clamp(MIN, MAX);
    let offset = UtcOffset::from_whole_seconds(off * 60).unwrap_or(UtcOffset::UTC);
    OffsetDateTime::from_unix_timestamp(local)
        .ok()
        .and_then(|t| t.replace_offset(offset).format(&Rfc2822).ok())
        // Unreachable after the clamps; a valid date rather than a panic all the same.
        .unwrap_or_else(|| "Mon, 01 Jan 1900 00:00:00 +0000".to_string())
}

/// The Message-ID without angle brackets, made safe like an address.
fn message_id(m: &Message) -> String {
    let fallback = format!("{:016x}", content_hash(m));
    clean_addr_spec(&m.message_id, &fallback, "dealguard.invalid")
}

/// FNV-1a 64 over the Message-ID and both bodies.
fn content_hash(m: &Message) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&m.message_id, &m.text, &m.html] {
        for &b in part.as_bytes().iter().chain(&[0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The MIME boundary: `=_dealguard_` + hash. `_` is not in the base64 alphabet and no base64
/// line starts with `--`, so it cannot occur in the encoded parts.
fn boundary(m: &Message) -> String {
    format!("=_dealguard_{:016x}", content_hash(m))
}

/// The outer boundary of a message with attachments: `=_dealguard_mixed_` + a hash of the
/// text and the files. Neither boundary is a prefix of the other, so the inner delimiters
/// cannot end the outer parts.
fn mixed_boundary(m: &Message, attachments: &[Attachment]) -> String {
    let mut h = content_hash(m);
    for a in attachments {
        for &b in a.filename.as_bytes().iter().chain(&[0u8]).chain(&a.bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("=_dealguard_mixed_{h:016x}")
}

/// Canonical text line ends: `\r\n`, lone `\r` and `\n` all become CRLF.
fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

/// Standard base64 (RFC 4648, with padding), no line breaks.
fn base64(data: &[u8]) -> String {
    BASE64.encode(data)
}

#[cfg(test)]
mod tests;
