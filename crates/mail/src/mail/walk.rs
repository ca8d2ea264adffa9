//! Verify stage, reading: every part of a parsed mail into [`Mail`] — each text part (plain
//! and HTML, alternatives both), each attachment through `attach::read` (text attachments and
//! HTML attachments here), forwarded mails read again as mails (at most [`MAX_DEPTH`] deep),
//! all text normalised and capped at [`MAX_TEXT`], every limit reached said in [`Mail::cut`].

use super::normalise::{normalise, one_line};
use super::{attach, charset, html};
use super::{Attachment, Cut, Hidden, Link, Mail, Part, Source, MAX_LINKS, MAX_TEXT};
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

/// Deepest forwarded mail read (a mail in a mail in a mail).
pub const MAX_DEPTH: usize = 3;
/// Most bytes of hidden text kept per mail.
const MAX_HIDDEN: usize = MAX_TEXT;

/// The reading of one mail and the mails forwarded in it.
pub(super) struct Walk<'a> {
    pub mail: &'a mut Mail,
    /// `Mail::text` is full: later text is not read.
    full: bool,
    hidden_bytes: usize,
}

impl<'a> Walk<'a> {
    pub fn new(mail: &'a mut Mail) -> Walk<'a> {
        Walk {
            mail,
            full: false,
            hidden_bytes: 0,
        }
    }

    /// Says once that a limit was reached.
    pub fn cut(&mut self, en: String, zh: String) {
        let c = Cut { what: [en, zh] };
        if !self.mail.cut.contains(&c) {
            self.mail.cut.push(c);
        }
    }

    /// Appends one stretch of text (normalised here), a blank line after the one before.
    pub fn add(&mut self, source: Source, raw: &str) {
        if self.full {
            return;
        }
        let t = normalise(raw);
        if t.is_empty() {
            return;
        }
        let sep = if self.mail.text.is_empty() { 0 } else { 2 };
        let room = MAX_TEXT.saturating_sub(self.mail.text.len() + sep);
        let mut end = t.len().min(room);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        if end < t.len() {
            self.full = true;
            self.cut(
                format!(
                    "only the first {} MiB of the mail's text were read",
                    MAX_TEXT >> 20
                ),
                format!("仅读取了邮件文字的前 {} MiB", MAX_TEXT >> 20),
            );
        }
        if end == 0 {
            return;
        }
        let text = &mut self.mail.text;
        if sep > 0 {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&t[..end]);
        self.mail.parts.push(Part {
            source,
            range: start..text.len(),
        });
    }

    fn add_hidden(&mut self, source: &Source, raw: String) {
        let text = normalise(&raw);
        if text.is_empty() || self.hidden_bytes + text.len() > MAX_HIDDEN {
            return;
        }
        self.hidden_bytes += text.len();
        self.mail.hidden.push(Hidden {
            source: source.clone(),
            text,
        });
    }

    /// Adds one link, or says that links stop at the limit.
    pub fn link(&mut self, shown: &str, target: &str) {
        if self.mail.links.len() >= MAX_LINKS {
            self.links_cut();
            return;
        }
        self.mail.links.push(Link {
            shown: one_line(shown),
            target: target
                .chars()
                .filter(|c| !c.is_control())
                .take(4096)
                .collect(),
        });
    }

    fn links_cut(&mut self) {
        self.cut(
            format!("only the first {MAX_LINKS} links were checked"),
            format!("仅检查了前 {MAX_LINKS} 个链接"),
        );
    }

    /// One text part: decoded from its raw bytes, HTML converted, added as `source`.
    fn text_part(&mut self, raw: &[u8], part: &MessagePart, source: Source, html: bool) {
        let text = decode_part(raw, part);
        if html {
            self.html(&text, source);
        } else {
            self.add(source, &text);
        }
    }

    fn html(&mut self, html: &str, source: Source) {
        let room = MAX_LINKS.saturating_sub(self.mail.links.len());
        let c = html::convert(html, room);
        for l in &c.links {
            self.link(&l.shown, &l.target);
        }
        if c.links_cut {
            self.links_cut();
        }
        for h in c.hidden {
            self.add_hidden(&source, h);
        }
        self.add(source, &c.text);
    }

    /// Every part of `msg` (whose raw bytes are `raw`), in order; `depth` is how deep in
    /// forwarded mails it is.
    pub fn message(&mut self, msg: &Message, depth: usize) {
        let raw = msg.raw_message();
        for part in &msg.parts {
            match &part.body {
                PartType::Multipart(_) => {}
                PartType::Text(_) | PartType::Html(_) => {
                    let html = matches!(part.body, PartType::Html(_));
                    let subtype = part
                        .content_type()
                        .and_then(|c| c.subtype())
                        .unwrap_or("plain")
                        .to_ascii_lowercase();
                    match file_name(part) {
                        Some(name) => self.text_attachment(raw, part, name, html),
                        None if html => self.text_part(raw, part, Source::Html, true),
                        None if subtype == "plain" => {
                            self.text_part(raw, part, Source::Plain, false)
                        }
                        None => {
                            let name = format!("(unnamed text/{subtype})");
                            self.text_attachment(raw, part, name, false)
                        }
                    }
                }
                PartType::Message(inner) => {
                    let bytes = match part.encoding {
                        mail_parser::Encoding::None => body_bytes(raw, part),
                        _ => inner.raw_message(),
                    };
                    self.forwarded(part, bytes, depth);
                }
                PartType::Binary(b) | PartType::InlineBinary(b) => self.binary(part, b, depth),
            }
        }
    }

    /// A forwarded mail: listed, then read as a mail of its own into this one.
    fn forwarded(&mut self, part: &MessagePart, bytes: &[u8], depth: usize) {
        let name = part
            .attachment_name()
            .unwrap_or("(forwarded mail)")
            .to_string();
        self.mail.attachments.push(Attachment {
            name,
            content_type: content_type(part),
            size: bytes.len(),
            text_read: depth < MAX_DEPTH,
            ..Attachment::default()
        });
        if depth >= MAX_DEPTH {
            self.cut(
                format!("mails attached more than {MAX_DEPTH} levels deep were not read"),
                format!("嵌套超过 {MAX_DEPTH} 层的附带邮件未读取"),
            );
            return;
        }
        super::read_inner(self, bytes, depth + 1);
    }

    /// A text or HTML file attached: its text read here, as the attachment's.
    fn text_attachment(&mut self, raw: &[u8], part: &MessagePart, name: String, html: bool) {
        let bytes = body_bytes(raw, part);
        self.mail.attachments.push(Attachment {
            name: name.clone(),
            content_type: content_type(part),
            size: decoded_len(bytes, part),
            text_read: !self.full,
            ..Attachment::default()
        });
        self.text_part(raw, part, Source::Attachment(name), html);
    }

    /// Any other attachment (inline images too): `attach::read`, or read here when it is a
    /// text, HTML or mail file under a generic type.
    fn binary(&mut self, part: &MessagePart, bytes: &[u8], depth: usize) {
        let name = file_name(part).unwrap_or_else(|| "(unnamed)".to_string());
        let ctype = content_type(part);
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        if ctype.starts_with("message/") || ext == "eml" && super::looks_like_mail(bytes) {
            return self.forwarded(part, bytes, depth);
        }
        if matches!(ext, "txt" | "csv" | "htm" | "html") {
            self.mail.attachments.push(Attachment {
                name: name.clone(),
                content_type: ctype,
                size: bytes.len(),
                text_read: !self.full,
                ..Attachment::default()
            });
            let charset = part.content_type().and_then(|c| c.attribute("charset"));
            let text = charset::decode(bytes, charset);
            let source = Source::Attachment(name);
            return if ext.starts_with("htm") {
                self.html(&text, source)
            } else {
                self.add(source, &text)
            };
        }
        let r = attach::read(&name, &ctype, bytes);
        let entries = r.entries;
        let text_read = r.text.is_some() && !self.full;
        if let Some(t) = &r.text {
            self.add(Source::Attachment(name.clone()), t);
        }
        for url in &r.qr_urls {
            self.link(&format!("QR code in {name}"), url);
        }
        for [en, zh] in r.cut {
            self.cut(en, zh);
        }
        self.mail.attachments.push(Attachment {
            name,
            content_type: ctype,
            size: bytes.len(),
            entries,
            text_read,
            encrypted: r.encrypted,
        });
    }
}

/// A part's file name: `Content-Disposition` filename or `Content-Type` name; a part marked
/// `attachment` without one is `(unnamed)`.
fn file_name(part: &MessagePart) -> Option<String> {
    if let Some(n) = part.attachment_name().filter(|n| !n.trim().is_empty()) {
        return Some(one_line(n));
    }
    part.content_disposition()
        .is_some_and(|d| d.is_attachment())
        .then(|| "(unnamed)".to_string())
}

fn content_type(part: &MessagePart) -> String {
    part.content_type()
        .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
        .unwrap_or_default()
}

/// The raw (still transfer-encoded) bytes of a part's body.
fn body_bytes<'r>(raw: &'r [u8], part: &MessagePart) -> &'r [u8] {
    let (start, end) = (part.offset_body as usize, part.offset_end as usize);
    raw.get(start..end.max(start)).unwrap_or_default()
}

fn decoded_len(bytes: &[u8], part: &MessagePart) -> usize {
    match part.encoding {
        mail_parser::Encoding::Base64 => bytes.len() / 4 * 3,
        _ => bytes.len(),
    }
}

/// A text part's text: transfer encoding undone from the raw bytes, then its charset (the
/// declared one if the bytes fit it), then `format=flowed` soft breaks joined.
fn decode_part(raw: &[u8], part: &MessagePart) -> String {
    let body = body_bytes(raw, part);
    let bytes = match part.encoding {
        mail_parser::Encoding::Base64 => charset::base64(body),
        mail_parser::Encoding::QuotedPrintable => charset::quoted_printable(body),
        mail_parser::Encoding::None => body.to_vec(),
    };
    let ct = part.content_type();
    let text = charset::decode(&bytes, ct.and_then(|c| c.attribute("charset")));
    let flowed = ct
        .and_then(|c| c.attribute("format"))
        .is_some_and(|f| f.eq_ignore_ascii_case("flowed"));
    if flowed {
        let delsp = ct
            .and_then(|c| c.attribute("delsp"))
            .is_some_and(|d| d.eq_ignore_ascii_case("yes"));
        charset::unflow(&text, delsp)
    } else {
        text
    }
}
