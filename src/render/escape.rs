//! Render stage: escaping plain text for each output format; what both HTML outputs (letter
//! and schedule) share: `lang` attributes, font lists, telephone numbers and addresses.

use crate::profile::Lang;

/// The HTML `lang` of a language: `zh-Hans` names the script, which picks the fonts.
pub fn lang_attr(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Zh => "zh-Hans",
    }
}

/// The Latin font list (single quotes: it also goes into `style` attributes).
pub const LATIN_FONTS: &str =
    "'Noto Sans', 'Segoe UI', Arial, 'Helvetica Neue', Helvetica, sans-serif";

/// The Chinese font list (macOS, older macOS, Windows, Linux), first wherever the text is
/// Chinese, so that quotation marks and punctuation take their full-width Chinese shapes.
pub const CHINESE_FONTS: &str = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/// The font list of a language.
pub fn fonts(l: Lang) -> &'static str {
    match l {
        Lang::En => LATIN_FONTS,
        Lang::Zh => CHINESE_FONTS,
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes plain text for use inside a Markdown line (after `# `, in a table cell, …).
pub fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes one line of plain text for Markdown, so it renders as the same text even at the
/// start of a line.
pub fn md(s: &str) -> String {
    let mut out = md_inline(s);
    // What would start a heading, list, quote or rule at the start of a line.
    let t = out.trim_start();
    let lead = out.len() - t.len();
    let starts_block = t.starts_with(['#', '-', '+', '=', '>'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.chars().all(|c| c.is_ascii_digit())
        });
    if starts_block {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            out.insert(lead + digits, '\\');
        } else {
            out.insert(lead, '\\');
        }
    }
    out
}

/// What a run of text is, for HTML that keeps it whole or lets it break anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Ordinary text.
    Text,
    /// A telephone number (`+46 8 555 010 00`): kept on one line.
    Phone,
    /// An e-mail address or URL: may break anywhere, since it has no spaces to break at.
    Address,
}

/// Splits text into ordinary runs, telephone numbers and addresses (e-mail or URL), in order;
/// the runs joined give the text back.
pub fn runs(s: &str) -> Vec<(Run, &str)> {
    let mut out: Vec<(Run, &str)> = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < s.len() {
        let found = phone_at(s, i)
            .map(|n| (Run::Phone, n))
            .or_else(|| address_at(s, i).map(|n| (Run::Address, n)));
        if let Some((kind, len)) = found {
            if plain_from < i {
                out.push((Run::Text, &s[plain_from..i]));
            }
            out.push((kind, &s[i..i + len]));
            i += len;
            plain_from = i;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if plain_from < s.len() {
        out.push((Run::Text, &s[plain_from..]));
    }
    out
}

/// The byte length of a telephone number starting at `i`: `+`, a digit, then digits, spaces,
/// hyphens and brackets, ending on a digit, with at least seven digits.
fn phone_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    if !rest.starts_with('+') || !rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (mut end, mut digits) = (1, 0);
    for (k, c) in rest.char_indices().skip(1) {
        match c {
            '0'..='9' => {
                digits += 1;
                end = k + 1;
            }
            ' ' | '-' | '(' | ')' => {}
            _ => break,
        }
    }
    (digits >= 7).then_some(end)
}

/// The byte length of an e-mail address or URL starting at `i` (at a word start): a run of
/// ASCII without spaces that holds `@` or starts with `http(s)://`, less trailing punctuation.
fn address_at(s: &str, i: usize) -> Option<usize> {
    let prev = s[..i].chars().next_back();
    if prev.is_some_and(|c| c.is_ascii_alphanumeric() || "._%+-@/".contains(c)) {
        return None;
    }
    let rest = &s[i..];
    let len = rest
        .find(|c: char| !c.is_ascii_graphic() || "<>\"'()[]".contains(c))
        .unwrap_or(rest.len());
    let word = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    let is_url = word.starts_with("https://") || word.starts_with("http://");
    let is_mail = word
        .split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'));
    (is_url || is_mail).then_some(word.len())
}

/// Escapes text for HTML, with telephone numbers in `phone` spans and addresses in `addr`
/// spans (the attributes given), so a style keeps the one whole and lets the other break.
pub fn html_runs(s: &str, phone: &str, addr: &str) -> String {
    runs(s)
        .into_iter()
        .map(|(kind, t)| match kind {
            Run::Text => html(t),
            Run::Phone => format!("<span {phone}>{}</span>", html(t)),
            Run::Address => format!("<span {addr}>{}</span>", html(t)),
        })
        .collect()
}

/// Text as a CSS string literal (quotes, backslashes, line breaks and `<` escaped, so it
/// cannot end the string or the `<style>` element).
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<b>A&B</b> \"x\" 'y'"),
            "&lt;b&gt;A&amp;B&lt;/b&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn phones_and_addresses_are_found() {
        let t =
            "call +46 8 555 010 00, or it-security@hengli-kitchen.com；见 https://trello.com/b/x.";
        let r = runs(t);
        assert_eq!(r.iter().map(|x| x.1).collect::<String>(), t);
        assert!(r.contains(&(Run::Phone, "+46 8 555 010 00")));
        assert!(r.contains(&(Run::Address, "it-security@hengli-kitchen.com")));
        assert!(r.contains(&(Run::Address, "https://trello.com/b/x")));
        // Too few digits for a number; a word with `@` but no domain is no address.
        assert!(runs("+1 2 and a@b").iter().all(|x| x.0 == Run::Text));
        assert_eq!(
            html_runs("tel +86 574 8888 1234", "class=\"tel\"", "class=\"addr\""),
            "tel <span class=\"tel\">+86 574 8888 1234</span>"
        );
    }

    #[test]
    fn css_strings_cannot_escape() {
        assert_eq!(
            css_string("No. \"x\"</style>"),
            "\"No. \\22 x\\22 \\3c /style\\3e \""
        );
    }

    #[test]
    fn markdown_escapes_inline_and_block_syntax() {
        assert_eq!(md("<b>A&B</b>"), "\\<b\\>A\\&B\\</b\\>");
        assert_eq!(md("li_wei@x.com *now*"), "li\\_wei@x.com \\*now\\*");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("1. not a list"), "1\\. not a list");
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(
            md("Ningbo Hengli Kitchenware Co., Ltd."),
            "Ningbo Hengli Kitchenware Co., Ltd."
        );
        assert_eq!(md("hengli-kitchen.com"), "hengli-kitchen.com");
        assert_eq!(md_inline("1. Scope"), "1. Scope");
    }
}
