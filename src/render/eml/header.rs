//! Render stage: the header side of the e-mail writer — folding, RFC 2047 encoded-words,
//! display names, mailbox lists and address clean-up (the rules are in the parent's docs).

use super::{base64, Mailbox};

/// Longest header line (without CRLF) we aim for, RFC 5322 section 2.1.1.
pub(super) const MAX_LINE: usize = 78;
/// UTF-8 bytes per encoded-word: 42 bytes → 56 base64 characters → a 68-character word, which
/// still fits after `Subject: ` on the first line and is well under RFC 2047's 75.
pub(super) const EW_BYTES: usize = 42;
/// Longest plain word (or quoted-string) we put in a header unencoded; longer ones are encoded
/// so they can be split and folded.
pub(super) const MAX_PLAIN_WORD: usize = 66;
/// Joins ASCII tokens with single spaces after `name:`, folding (CRLF + space) between tokens
/// so lines stay within 78 characters; ends with CRLF.
pub(super) fn fold(name: &str, tokens: &[String]) -> String {
    let mut out = String::from(name);
    out.push(':');
    let mut len = out.len();
    for (i, tok) in tokens.iter().enumerate() {
        if i == 0 || len + 1 + tok.len() <= MAX_LINE {
            out.push(' ');
            len += 1 + tok.len();
        } else {
            out.push_str("\r\n ");
            len = 1 + tok.len();
        }
        out.push_str(tok);
    }
    out.push_str("\r\n");
    out
}

/// Replaces control characters and Unicode line/paragraph separators with spaces, so header text
/// cannot break out of its header.
pub(super) fn clean_header_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Whether `c` is RFC 5322 `atext`.
pub(super) fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// Whether `s` can go into a header as it is: printable ASCII words separated by single spaces,
/// none too long to fold, and nothing a decoder could take for an encoded-word.
pub(super) fn plain_words_ok(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| (0x20..0x7f).contains(&b))
        && !s.contains("=?")
        && s.split(' ')
            .all(|w| !w.is_empty() && w.len() <= MAX_PLAIN_WORD)
}

/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for `s`, split between characters so each holds at
/// most `EW_BYTES` bytes of UTF-8.
pub(super) fn encoded_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if i + c.len_utf8() - start > EW_BYTES {
            words.push(encoded_word(&s[start..end]));
            start = i;
        }
        end = i + c.len_utf8();
    }
    if end > start {
        words.push(encoded_word(&s[start..end]));
    }
    words
}

/// One encoded-word for `s`.
pub(super) fn encoded_word(s: &str) -> String {
    format!("=?UTF-8?B?{}?=", base64(s.as_bytes()))
}

/// Header tokens for unstructured text (the subject): the words as they are when they are plain
/// ASCII, otherwise encoded-words for the whole text.
pub(super) fn text_tokens(s: &str) -> Vec<String> {
    let s = clean_header_text(s);
    if s.is_empty() {
        Vec::new()
    } else if plain_words_ok(&s) {
        s.split(' ').map(str::to_string).collect()
    } else {
        encoded_words(&s)
    }
}

/// Header tokens for a display name: atoms, one quoted-string, or encoded-words.
pub(super) fn phrase_tokens(name: &str) -> Vec<String> {
    let name = clean_header_text(name);
    if name.trim().is_empty() {
        return Vec::new();
    }
    if plain_words_ok(&name) && name.split(' ').all(|w| w.chars().all(is_atext)) {
        return name.split(' ').map(str::to_string).collect();
    }
    let printable_ascii = name.bytes().all(|b| (0x20..0x7f).contains(&b));
    if printable_ascii && !name.contains("=?") {
        let mut q = String::with_capacity(name.len() + 4);
        q.push('"');
        for c in name.chars() {
            if c == '"' || c == '\\' {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        if q.len() <= MAX_PLAIN_WORD {
            return vec![q];
        }
    }
    encoded_words(&name)
}

/// Header tokens for a comma-separated mailbox list.
pub(super) fn mailbox_list_tokens(list: &[Mailbox]) -> Vec<String> {
    let mut tokens = Vec::new();
    for (i, mb) in list.iter().enumerate() {
        let addr = clean_addr_spec(&mb.address, "unknown", "invalid");
        let mut toks = phrase_tokens(&mb.name);
        if toks.is_empty() {
            toks.push(addr);
        } else {
            toks.push(format!("<{addr}>"));
        }
        if i + 1 < list.len() {
            if let Some(last) = toks.last_mut() {
                last.push(',');
            }
        }
        tokens.extend(toks);
    }
    tokens
}

/// Keeps `s` a valid `dot-atom@dot-atom` whatever it holds (see the module docs), using the
/// fallbacks for an empty local part or domain.
pub(super) fn clean_addr_spec(s: &str, default_local: &str, default_domain: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| is_atext(c) || c == '.' || c == '@')
        .collect();
    let (local, domain) = match kept.rfind('@') {
        Some(i) => (&kept[..i], &kept[i + 1..]),
        None => (kept.as_str(), ""),
    };
    let dot_atom = |part: &str, max: usize| -> String {
        let joined = part
            .split(['.', '@'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        // ASCII only, so any byte index is a character boundary; a cut may leave a final dot.
        let mut cut = joined[..joined.len().min(max)].to_string();
        while cut.ends_with('.') {
            cut.pop();
        }
        cut
    };
    let mut local = dot_atom(local, 64);
    let mut domain = dot_atom(domain, 189);
    if local.is_empty() {
        local = default_local.to_string();
    }
    if domain.is_empty() {
        domain = default_domain.to_string();
    }
    format!("{local}@{domain}")
}
