//! Verify stage, reading: what an attachment carries — the text of PDF and DOCX files, the
//! paths inside archives (nested zip, tar, gz) down to the bottom, the URLs of QR codes in
//! images — every read bounded, nothing written to disk.
//!
//! The kind is decided by the first bytes (a mislabelled `invoice.pdf` that is a zip is read
//! as a zip), then by the name and MIME type. Text, HTML and `.eml` attachments are the mail
//! reader's (`mail/mod.rs`), not ours. Each limit reached leaves a `cut` note, so that "no
//! warning signs" never hides what was not read.

mod archive;
mod pdf;
mod qr;
#[cfg(test)]
mod tests;

/// Most text kept per attachment (bytes): an invoice is a few KiB of text.
pub const MAX_TEXT: usize = 1024 * 1024;

/// What was read from one attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// Its text, as decoded (not yet normalised), if it has any we read.
    pub text: Option<String>,
    /// For archives: the paths inside, nested ones as `inner.zip/run.exe`.
    pub entries: Vec<String>,
    /// Whether it is encrypted (its contents are unknown).
    pub encrypted: bool,
    /// URLs of QR codes found in it (images).
    pub qr_urls: Vec<String>,
    /// Limits reached while reading it, `[en, zh]`.
    pub cut: Vec<[String; 2]>,
}

/// The kinds of content we read, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Pdf,
    Zip,
    Gz,
    Tar,
    Png,
    Jpeg,
    /// An archive format we do not open (rar, 7z): listed as the file only.
    Closed(&'static str),
    Other,
}

/// The kind of `bytes`, by magic bytes first, then by `name` and `content_type`.
pub(crate) fn kind(name: &str, content_type: &str, bytes: &[u8]) -> Kind {
    let magic: [(&[u8], Kind); 7] = [
        (b"PK\x03\x04", Kind::Zip),
        (b"PK\x05\x06", Kind::Zip),
        (b"\x1f\x8b", Kind::Gz),
        (b"\x89PNG\r\n\x1a\n", Kind::Png),
        (b"\xff\xd8\xff", Kind::Jpeg),
        (b"Rar!\x1a\x07", Kind::Closed("rar")),
        (b"7z\xbc\xaf\x27\x1c", Kind::Closed("7z")),
    ];
    if let Some((_, k)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return *k;
    }
    if bytes.get(257..262) == Some(b"ustar") {
        return Kind::Tar;
    }
    // Readers accept a PDF header anywhere in the first KiB (after a mail gateway's junk).
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    let name = name.to_ascii_lowercase();
    let ct = content_type.to_ascii_lowercase();
    // Without magic bytes a name says little (a damaged file); only these are still tried.
    if name.ends_with(".pdf") || ct == "application/pdf" {
        Kind::Pdf
    } else if name.ends_with(".tar") || ct == "application/x-tar" {
        Kind::Tar
    } else {
        Kind::Other
    }
}

/// Reads what an attachment carries, by its name, MIME type and bytes.
pub fn read(name: &str, content_type: &str, bytes: &[u8]) -> Read {
    let mut out = Read::default();
    match kind(name, content_type, bytes) {
        Kind::Png | Kind::Jpeg => {
            let found = qr::urls(name, bytes);
            out.qr_urls = found.urls;
            out.cut.extend(found.cut);
        }
        Kind::Other => {}
        _ => {
            let mut walk = archive::Walk::default();
            walk.visit(name, "", bytes, 0);
            out.entries = walk.entries;
            out.encrypted = walk.encrypted;
            out.cut = walk.cut;
            out.text = Some(walk.text).filter(|t| !t.trim().is_empty());
        }
    }
    out
}

/// A size for people: MiB when it is MiB, else KiB or bytes.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// A number with thousands separators: `20,000`.
pub(crate) fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Appends `piece` to `text`, at most up to `MAX_TEXT` in all (cut at a character boundary);
/// `false` when something was left out.
pub(crate) fn push_text(text: &mut String, piece: &str) -> bool {
    let room = MAX_TEXT.saturating_sub(text.len());
    if piece.len() <= room {
        text.push_str(piece);
        return true;
    }
    let mut end = room;
    while !piece.is_char_boundary(end) {
        end -= 1;
    }
    text.push_str(&piece[..end]);
    false
}

/// The note for text cut at `MAX_TEXT`.
pub(crate) fn text_cut(name: &str) -> [String; 2] {
    let n = size(MAX_TEXT as u64);
    [
        format!("only the first {n} of text of `{name}` were read"),
        format!("`{name}` 仅读取了前 {n} 的文本"),
    ]
}
