//! Verify stage: reading one mail — bounds first, then `mail-parser`, then the plain data the
//! rules need (addresses, authentication results, text, links, attachments).
//!
//! `mail-parser` (Stalwart) never panics by its own account, decodes encoded words, UTF-8
//! headers, base64 and quoted-printable, and turns HTML into text. It keeps MIME nesting on a
//! heap stack (no recursion) but recurses into attached messages (3 levels); it has no limit
//! on size, header length or the number of parts. Those bounds are ours, checked before it
//! runs: the whole mail, the header section, the number of multipart boundaries. Attachments
//! are never decompressed: a zip's central directory is read for its file names, bounded.

pub mod attach;
pub mod msg;

use crate::diag::Diagnostic;
use mail_parser::{HeaderName, HeaderValue, MessageParser, MimeHeaders, PartType};
use memchr::memmem;
use std::path::Path;

/// Largest mail read (bytes).
pub const MAX_MAIL: usize = 25 * 1024 * 1024;
/// Largest header section of the mail itself (bytes).
pub const MAX_HEADER: usize = 1024 * 1024;
/// Most multipart boundaries declared in one mail.
pub const MAX_BOUNDARIES: usize = 200;
/// Most text the rules read per mail (body and text attachments, bytes).
pub const MAX_TEXT: usize = 8 * 1024 * 1024;
/// Most links read per mail.
pub const MAX_LINKS: usize = 1000;
/// Most file names listed per archive.
pub const MAX_ENTRIES: usize = 1000;

/// An address from one header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addr {
    /// `From`, `Reply-To`, `Sender` or `Return-Path`.
    pub header: &'static str,
    /// Display name, decoded.
    pub name: Option<String>,
    /// The address itself.
    pub address: String,
}

impl Addr {
    /// The header line as evidence: `From: Anna <anna@x.se>`.
    pub fn line(&self) -> String {
        match &self.name {
            Some(n) if !n.is_empty() => format!("{}: {n} <{}>", self.header, self.address),
            _ => format!("{}: <{}>", self.header, self.address),
        }
    }
}

/// A link: what the reader sees and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The text shown (for links in plain text, the URL itself).
    pub shown: String,
    /// The `href`.
    pub target: String,
}

/// An attachment, listed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attachment {
    /// File name (or `(unnamed)`).
    pub name: String,
    /// MIME type, lowercase: `application/pdf`.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: usize,
    /// For archives: the paths inside, nested archives listed down to the bottom
    /// (`inner.zip/run.exe`); nothing is written to disk.
    pub entries: Vec<String>,
    /// Whether its text was read into [`Mail::text`] (a [`Part`] names it).
    pub text_read: bool,
    /// Whether it is encrypted (a password-protected zip or PDF): its contents are unknown.
    pub encrypted: bool,
}

/// Where a stretch of [`Mail::text`] comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The `Subject` header.
    Subject,
    /// A `text/plain` body part.
    Plain,
    /// A `text/html` body part, as the reader sees it.
    Html,
    /// The text of an attachment (PDF, DOCX, HTML, text), by file name.
    Attachment(String),
    /// A forwarded mail (`message/rfc822`), its `From` line; its own parts follow it.
    Forwarded(String),
}

/// One stretch of [`Mail::text`]: its source and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Where the text comes from.
    pub source: Source,
    /// Byte range in [`Mail::text`].
    pub range: std::ops::Range<usize>,
}

/// Text of an HTML part that the reader does not see (`display:none`, `font-size:0`, white on
/// white…), normalised like the rest; rules read it apart from the visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// The part it was hidden in.
    pub source: Source,
    /// The hidden text.
    pub text: String,
}

/// One limit reached while reading: what was not read. Reported with the verdict, so that
/// "no warning signs" never hides a cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// `[en, zh]`: "only the first 8 MiB of text were read".
    pub what: [String; 2],
}

/// One mail as the rules see it.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    /// `From` addresses (normally one).
    pub from: Vec<Addr>,
    /// `Reply-To`, `Sender` and `Return-Path` addresses.
    pub other: Vec<Addr>,
    /// Subject, decoded.
    pub subject: String,
    /// Every `Authentication-Results` header, unfolded.
    pub auth: Vec<String>,
    /// Whether the mail is bulk mail (`List-Unsubscribe`, `List-Id`, `Precedence: bulk`).
    pub bulk: bool,
    /// Every text the mail carries, normalised (NFKC, format characters removed, one kind of
    /// space, traditional Chinese as simplified), parts separated by a blank line: subject,
    /// every body part (plain and HTML), attachments' text, forwarded mails; capped at
    /// `MAX_TEXT`.
    pub text: String,
    /// The stretches of `text`, in order.
    pub parts: Vec<Part>,
    /// Hidden text of HTML parts.
    pub hidden: Vec<Hidden>,
    /// Links in HTML bodies and attachments, URLs in the text, URLs of QR codes.
    pub links: Vec<Link>,
    /// Attachments, listed.
    pub attachments: Vec<Attachment>,
    /// Limits reached while reading.
    pub cut: Vec<Cut>,
}

impl Mail {
    /// The text of one part.
    pub fn part_text(&self, p: &Part) -> &str {
        self.text.get(p.range.clone()).unwrap_or_default()
    }
}

/// Reads one mail; a mail over the bounds or no mail at all is a located error.
pub fn read(file: &Path, bytes: &[u8]) -> Result<Mail, Diagnostic> {
    if msg::is_msg(bytes) {
        return msg::read(file, bytes);
    }
    bounds(file, bytes)?;
    let msg = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| {
            Diagnostic::error(file, "not a mail message: no header lines found")
                .at(Some((1, 1)))
                .hint("give a saved message (`.eml`), as your mail program exports it")
        })?;
    let mut mail = Mail {
        subject: msg.subject().unwrap_or_default().to_string(),
        ..Mail::default()
    };
    addresses(&msg, &mut mail);
    mail.auth = msg
        .headers_raw()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Authentication-Results"))
        .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    bodies(&msg, &mut mail);
    Ok(mail)
}

/// Size, header section and boundary count, before any parser runs.
fn bounds(file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if bytes.len() > MAX_MAIL {
        return Err(Diagnostic::error(
            file,
            format!(
                "mail is {} MB, over the limit of 25 MB",
                bytes.len() / (1024 * 1024)
            ),
        )
        .hint("save the mail without its large attachments and check that"));
    }
    let head = &bytes[..bytes.len().min(MAX_HEADER + 4)];
    let ends = memmem::find(head, b"\n\n").or_else(|| memmem::find(head, b"\n\r\n"));
    if ends.is_none() && bytes.len() > MAX_HEADER {
        return Err(Diagnostic::error(file, "the header section is over 1 MB").at(Some((1, 1))));
    }
    let lower = bytes.to_ascii_lowercase();
    if let Some(at) = memmem::find_iter(&lower, b"boundary=").nth(MAX_BOUNDARIES) {
        let line = memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1;
        return Err(Diagnostic::error(
            file,
            format!("more than {MAX_BOUNDARIES} nested MIME parts: not a mail a person wrote"),
        )
        .at(Some((line, 1))));
    }
    Ok(())
}

fn addresses(msg: &mail_parser::Message, mail: &mut Mail) {
    let mut push = |header: &'static str, value: Option<&HeaderValue>, to_from: bool| {
        let Some(addr) = value.and_then(HeaderValue::as_address) else {
            return;
        };
        for a in addr.iter() {
            let Some(address) = a.address.as_deref().filter(|s| !s.trim().is_empty()) else {
                continue;
            };
            let entry = Addr {
                header,
                name: a.name.as_deref().map(|n| n.trim().to_string()),
                address: address.trim().to_string(),
            };
            if to_from {
                mail.from.push(entry);
            } else {
                mail.other.push(entry);
            }
        }
    };
    push("From", msg.header(HeaderName::From), true);
    push("Reply-To", msg.header(HeaderName::ReplyTo), false);
    push("Sender", msg.header(HeaderName::Sender), false);
    // Return-Path is parsed as text: `<bounce@x>`.
    let rp = match msg.header(HeaderName::ReturnPath) {
        Some(HeaderValue::Text(t)) => Some(t.to_string()),
        Some(HeaderValue::TextList(l)) => l.last().map(|t| t.to_string()),
        _ => None,
    };
    if let Some(rp) = rp.map(|r| r.trim().trim_matches(['<', '>']).to_string()) {
        if rp.contains('@') {
            mail.other.push(Addr {
                header: "Return-Path",
                name: None,
                address: rp,
            });
        }
    }
}

fn bodies(msg: &mail_parser::Message, mail: &mut Mail) {
    let mut text = mail.subject.clone();
    let add = |t: &str, text: &mut String| {
        let room = MAX_TEXT.saturating_sub(text.len());
        let mut end = t.len().min(room);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        text.push('\n');
        text.push_str(&t[..end]);
    };
    for i in 0..msg.text_body_count() {
        if let Some(t) = msg.body_text(i) {
            add(&t, &mut text);
        }
    }
    for part in msg.html_bodies() {
        if let PartType::Html(h) = &part.body {
            html_links(h, &mut mail.links);
            if msg.text_body_count() == 0 {
                add(&mail_parser::decoders::html::html_to_text(h), &mut text);
            }
        }
    }
    for part in msg.attachments() {
        let name = part.attachment_name().unwrap_or("(unnamed)").to_string();
        let content_type = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        match &part.body {
            PartType::Text(t) => add(t, &mut text),
            PartType::Html(h) => html_links(h, &mut mail.links),
            _ => {}
        }
        let contents = part.contents();
        let zip = name.to_ascii_lowercase().ends_with(".zip") || content_type.contains("zip");
        let entries = if zip { zip_names(contents) } else { Vec::new() };
        mail.attachments.push(Attachment {
            name,
            content_type,
            size: contents.len(),
            entries,
            ..Attachment::default()
        });
    }
    text_links(&text, &mut mail.links);
    mail.text = text;
}

/// `<a href="…">shown</a>` pairs, at most `MAX_LINKS`.
fn html_links(html: &str, out: &mut Vec<Link>) {
    let lower = html.to_ascii_lowercase();
    let mut pos = 0;
    while out.len() < MAX_LINKS {
        let Some(start) = memmem::find(&lower.as_bytes()[pos..], b"<a").map(|p| p + pos) else {
            break;
        };
        pos = start + 2;
        if !lower[pos..].starts_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let Some(tag_end) = lower[pos..].find('>').map(|p| p + pos) else {
            break;
        };
        let close = lower[tag_end..]
            .find("</a")
            .map_or(lower.len(), |p| p + tag_end);
        let target = attr(&html[pos..tag_end], &lower[pos..tag_end], "href");
        let shown = strip_tags(&html[tag_end + 1..close.max(tag_end + 1)]);
        if let Some(target) = target {
            out.push(Link { shown, target });
        }
        pos = close.max(tag_end);
    }
}

fn attr(tag: &str, lower: &str, name: &str) -> Option<String> {
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest
            .split(|c: char| c.is_ascii_whitespace() || c == '>')
            .next()?,
    };
    Some(entities(value.trim()))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    entities(
        out.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
}

fn entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#64;", "@")
        .replace("&#46;", ".")
        .replace("&amp;", "&")
}

/// URLs written out in the text: shown and target are the same.
fn text_links(text: &str, out: &mut Vec<Link>) {
    for scheme in ["http://", "https://"] {
        for at in memmem::find_iter(text.as_bytes(), scheme.as_bytes()) {
            if out.len() >= MAX_LINKS {
                return;
            }
            let url: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !"<>\"'".contains(*c))
                .take(2048)
                .collect();
            out.push(Link {
                shown: url.clone(),
                target: url,
            });
        }
    }
}

/// File names in a zip's central directory, at most `MAX_ENTRIES`; nothing is inflated.
pub fn zip_names(z: &[u8]) -> Vec<String> {
    let u16_at = |i: usize| {
        z.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |i: usize| {
        z.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    // The end record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    let tail = z.len().saturating_sub(65_557);
    let Some(eocd) = memmem::rfind(&z[tail..], b"PK\x05\x06").map(|p| p + tail) else {
        return Vec::new();
    };
    let (Some(count), Some(mut at)) = (u16_at(eocd + 10), u32_at(eocd + 16)) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for _ in 0..count.min(MAX_ENTRIES) {
        if z.get(at..at + 4) != Some(b"PK\x01\x02") {
            break;
        }
        let (Some(n), Some(x), Some(c)) = (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32))
        else {
            break;
        };
        let Some(name) = z.get(at + 46..at + 46 + n) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + n + x + c;
    }
    names
}

/// Splits an mbox into its messages at `From ` lines; each with its 1-based line number.
pub fn split_mbox(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    let mut starts: Vec<usize> = Vec::new();
    if bytes.starts_with(b"From ") {
        starts.push(0);
    }
    starts.extend(memmem::find_iter(bytes, b"\nFrom ").map(|p| p + 1));
    let mut out = Vec::new();
    let (mut line, mut counted) = (1, 0);
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
        // Skip the `From ` separator line itself; the message starts on the next line.
        let body = memchr::memchr(b'\n', &bytes[s..end]).map_or(end, |p| s + p + 1);
        line += memchr::memchr_iter(b'\n', &bytes[counted..body]).count();
        counted = body;
        out.push((line, &bytes[body..end]));
    }
    out
}
