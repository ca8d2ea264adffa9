//! Verify stage, reading: the header section before the parser runs — whether the bytes are
//! a mail at all, and 8-bit header lines (a Chinese mail program's raw GBK `Subject:`)
//! decoded to UTF-8 so that `mail-parser` reads them.

use super::{charset, MAX_HEADER};
use crate::Error;
use memchr::memmem;
use std::path::Path;

/// Headers that a mail has (at least one of them) and other files do not.
const MAIL_HEADERS: &[&[u8]] = &[
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"received",
    b"mime-version",
];

/// Whether `bytes` are a mail: the first line is a header line (or an mbox `From ` line) and
/// the header section has one of [`MAIL_HEADERS`].
pub fn looks_like_mail(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(MAX_HEADER)];
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let Some(first) = lines.next() else {
        return false;
    };
    let mbox = first.starts_with(b"From ");
    if !mbox && header_name(first).is_none() {
        return false;
    }
    std::iter::once(first)
        .chain(lines)
        .take_while(|l| !l.is_empty())
        .filter_map(header_name)
        .any(|n| MAIL_HEADERS.iter().any(|h| n.eq_ignore_ascii_case(h)))
}

/// The name of a header line (`Name: value`): printable ASCII without `:` or spaces, then
/// optional spaces and the colon.
fn header_name(line: &[u8]) -> Option<&[u8]> {
    let colon = memchr::memchr(b':', line)?;
    let name = line[..colon].trim_ascii_end();
    let ok = !name.is_empty() && name.len() <= 76 && name.iter().all(|&b| b.is_ascii_graphic());
    ok.then_some(name)
}

/// The located error for a file that is not a mail, with what it seems to be instead.
pub fn not_a_mail(file: &Path, bytes: &[u8]) -> Error {
    let what = if bytes.iter().all(u8::is_ascii_whitespace) {
        "the file is empty"
    } else if bytes.starts_with(b"%PDF") {
        "it is a PDF document"
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        "it is a JPEG image"
    } else if bytes.starts_with(b"\x89PNG") {
        "it is a PNG image"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "it is a zip archive (or an Office document)"
    } else {
        "it does not start with mail header lines (`From:`, `Subject:`, …)"
    };
    Error::new(file, format!("not a mail message: {what}"))
        .at(Some((1, 1)))
        .hint("give a saved message (`.eml`, `.msg` or an mbox), as your mail program exports it")
}

/// The mail with its 8-bit header lines (no charset label) decoded to UTF-8, if it has any:
/// in the charset of the first text part, else GB18030 when they fit it, else windows-1252.
pub fn utf8_headers(bytes: &[u8]) -> Option<Vec<u8>> {
    let end = memmem::find(bytes, b"\n\n")
        .or_else(|| memmem::find(bytes, b"\n\r\n"))
        .map_or(bytes.len(), |p| p + 1);
    let head = &bytes[..end];
    if std::str::from_utf8(head).is_ok() {
        return None;
    }
    let hint = first_charset(bytes);
    let mut out = Vec::with_capacity(bytes.len() + head.len());
    for line in head.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(_) => out.extend_from_slice(line),
            Err(_) => out.extend_from_slice(charset::decode(line, hint.as_deref()).as_bytes()),
        }
    }
    out.extend_from_slice(&bytes[end..]);
    Some(out)
}

/// The first `charset=` label of the mail (the first text part's, in practice).
fn first_charset(bytes: &[u8]) -> Option<String> {
    let window = &bytes[..bytes.len().min(256 * 1024)];
    let lower = window.to_ascii_lowercase();
    let at = memmem::find(&lower, b"charset=")? + 8;
    let label: String = window[at..]
        .iter()
        .map(|&b| b as char)
        .skip_while(|c| *c == '"' || *c == '\'')
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .take(40)
        .collect();
    (!label.is_empty()).then_some(label)
}
