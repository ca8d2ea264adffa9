//! Verify stage: reading one mail — bounds first, then `mail-parser` for the structure, then
//! the plain data the rules need (addresses, authentication results, every text the mail
//! carries, hidden text, links, attachments, and what was not read).
//!
//! `mail-parser` (Stalwart) never panics by its own account; it keeps MIME nesting on a heap
//! stack but has no limit on size, header length or the number of parts. Those bounds are
//! ours, checked before it runs: the whole mail, the header section, the number of multipart
//! boundaries. It gives the structure (parts, their headers and byte ranges); the text of each
//! part is decoded here from its raw bytes (`charset.rs`), so that a wrong or missing charset
//! label does not turn a Chinese mail into U+FFFD. HTML goes through `html/`, every text
//! through `normalise.rs`, the header section is checked in `head.rs`, and the parts are
//! walked in `walk.rs`.

pub mod attach;
mod charset;
mod head;
pub mod html;
pub mod msg;
pub mod normalise;
pub mod t2s;
#[cfg(test)]
mod tests;
mod walk;

pub use head::looks_like_mail;

use crate::Error;
use mail_parser::{HeaderName, HeaderValue, MessageParser};
use memchr::memmem;
use normalise::one_line;
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
pub fn read(file: &Path, bytes: &[u8]) -> Result<Mail, Error> {
    if msg::is_msg(bytes) {
        return msg::read(file, bytes);
    }
    bounds(file, bytes)?;
    if !head::looks_like_mail(bytes) {
        return Err(head::not_a_mail(file, bytes));
    }
    let fixed = head::utf8_headers(bytes);
    let msg = MessageParser::default()
        .parse(fixed.as_deref().unwrap_or(bytes))
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| head::not_a_mail(file, bytes))?;
    let mut mail = Mail {
        subject: one_line(msg.subject().unwrap_or_default()),
        ..Mail::default()
    };
    addresses(&msg, &mut mail);
    mail.auth = msg
        .headers_raw()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Authentication-Results"))
        .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    mail.bulk = bulk(&msg);
    let subject = mail.subject.clone();
    let mut walk = walk::Walk::new(&mut mail);
    walk.add(Source::Subject, &subject);
    walk.message(&msg, 0);
    let text = std::mem::take(&mut walk.mail.text);
    text_links(&text, &mut walk);
    walk.mail.text = text;
    Ok(mail)
}

/// A forwarded mail's bytes, read into the mail that carries it: a `Source::Forwarded` part
/// with its `From` line and subject, then its parts.
fn read_inner(walk: &mut walk::Walk, bytes: &[u8], depth: usize) {
    let lower = bytes.to_ascii_lowercase();
    if memmem::find_iter(&lower, b"boundary=")
        .nth(MAX_BOUNDARIES)
        .is_some()
    {
        walk.cut(
            format!("an attached mail with more than {MAX_BOUNDARIES} parts was not read"),
            format!("一封附带邮件的部分超过 {MAX_BOUNDARIES} 个，未读取"),
        );
        return;
    }
    let fixed = head::utf8_headers(bytes);
    let Some(msg) = MessageParser::default()
        .parse(fixed.as_deref().unwrap_or(bytes))
        .filter(|m| !m.headers().is_empty())
    else {
        return;
    };
    let mut inner = Mail::default();
    addresses(&msg, &mut inner);
    let from = inner
        .from
        .first()
        .map_or_else(|| "From: (unknown)".to_string(), Addr::line);
    let subject = one_line(msg.subject().unwrap_or_default());
    walk.add(
        Source::Forwarded(from.clone()),
        &format!("{from}\nSubject: {subject}"),
    );
    walk.message(&msg, depth);
}

/// Size, header section and boundary count, before any parser runs.
fn bounds(file: &Path, bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() > MAX_MAIL {
        return Err(Error::new(
            file,
            format!(
                "mail is {} MiB, over the limit of {} MiB",
                bytes.len() >> 20,
                MAX_MAIL >> 20
            ),
        )
        .hint("save the mail without its large attachments and check that"));
    }
    let head = &bytes[..bytes.len().min(MAX_HEADER + 4)];
    let ends = memmem::find(head, b"\n\n").or_else(|| memmem::find(head, b"\n\r\n"));
    if ends.is_none() && bytes.len() > MAX_HEADER {
        return Err(Error::new(
            file,
            format!("the header section is over {} MiB", MAX_HEADER >> 20),
        )
        .at(Some((1, 1))));
    }
    let lower = bytes.to_ascii_lowercase();
    if let Some(at) = memmem::find_iter(&lower, b"boundary=").nth(MAX_BOUNDARIES) {
        let line = memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1;
        return Err(Error::new(
            file,
            format!("more than {MAX_BOUNDARIES} nested MIME parts: not a mail a person wrote"),
        )
        .at(Some((line, 1))));
    }
    Ok(())
}

/// Whether the mail is bulk mail: a mailing list, `Precedence: bulk|list|junk`, or an
/// automatic message (`Auto-Submitted` other than `no`).
fn bulk(msg: &mail_parser::Message) -> bool {
    msg.headers_raw().any(|(n, v)| {
        let v = v.trim().to_ascii_lowercase();
        match n.to_ascii_lowercase().as_str() {
            "list-unsubscribe" | "list-id" => true,
            "precedence" => matches!(v.as_str(), "bulk" | "list" | "junk"),
            "auto-submitted" => !v.is_empty() && v != "no",
            _ => false,
        }
    })
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
                name: a.name.as_deref().map(one_line),
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

/// URLs written out in the text: shown and target are the same.
fn text_links(text: &str, walk: &mut walk::Walk) {
    let lower = text.to_ascii_lowercase();
    for scheme in ["http://", "https://"] {
        for at in memmem::find_iter(lower.as_bytes(), scheme.as_bytes()) {
            let url: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !"<>\"'".contains(*c))
                .take(2048)
                .collect();
            walk.link(&url, &url);
            if walk.mail.links.len() >= MAX_LINKS {
                return;
            }
        }
    }
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
