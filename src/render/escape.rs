//! Render stage: escaping plain text for each output format.

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
