//! Render stage: WordprocessingML as text — escaping, runs, paragraphs and table cells, the
//! few shapes every DOCX part of ours is made of.

/// Escapes text for XML content and attribute values; drops the characters XML 1.0 forbids
/// (a stray control character in a profile would make Word refuse the whole file).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a character is Chinese (CJK ideographs, punctuation and full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// A run of text: `rstyle` names a character style (`Chinese`), `bold` sets bold directly.
/// Line breaks inside the text become `w:br`.
pub fn run(text: &str, rstyle: Option<&str>, bold: bool) -> String {
    let mut pr = String::new();
    if let Some(s) = rstyle {
        pr.push_str(&format!(r#"<w:rStyle w:val="{s}"/>"#));
    }
    if bold {
        pr.push_str("<w:b/>");
    }
    let mut o = String::from("<w:r>");
    if !pr.is_empty() {
        o.push_str(&format!("<w:rPr>{pr}</w:rPr>"));
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            o.push_str("<w:br/>");
        }
        if !line.is_empty() {
            o.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(line)));
        }
    }
    o.push_str("</w:r>");
    o
}

/// A run in the language of its text: Chinese text gets the `Chinese` character style.
pub fn lang_run(text: &str, bold: bool) -> String {
    let zh = text.chars().any(is_cjk);
    run(text, zh.then_some("Chinese"), bold)
}

/// Numbering of a paragraph: list instance and level.
#[derive(Debug, Clone, Copy)]
pub struct Num {
    /// `w:numId`.
    pub id: u32,
    /// `w:ilvl`.
    pub level: u32,
}

/// A paragraph with a style, optional numbering, extra properties and its runs.
pub fn para(style: &str, num: Option<Num>, extra: &str, runs: &str) -> String {
    let numpr = num.map_or(String::new(), |n| {
        format!(
            r#"<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>"#,
            n.level, n.id
        )
    });
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{numpr}{extra}</w:pPr>{runs}</w:p>"#)
}

/// A page break paragraph.
pub fn page_break() -> &'static str {
    r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
}

/// A table: column widths in twips (A4 text width is 9638), optional header row (repeated on
/// each page), body rows; each cell is its paragraphs' XML.
pub fn table(
    widths: &[u32],
    header: Option<&[String]>,
    rows: &[Vec<String>],
    fill: &str,
) -> String {
    let rows: Vec<(&[String], &str)> = rows.iter().map(|r| (r.as_slice(), "")).collect();
    table_rows(widths, header, &rows, fill)
}

/// A table whose body rows carry their own row properties (`w:cantSplit`, a height).
pub fn table_rows(
    widths: &[u32],
    header: Option<&[String]>,
    rows: &[(&[String], &str)],
    fill: &str,
) -> String {
    let total: u32 = widths.iter().sum();
    let mut o = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="DealTable"/><w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    );
    for w in widths {
        o.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    o.push_str("</w:tblGrid>");
    if let Some(h) = header {
        o.push_str(&row(
            widths,
            h,
            Some(fill),
            r#"<w:tblHeader/><w:cantSplit/>"#,
        ));
    }
    for (r, trpr) in rows {
        o.push_str(&row(widths, r, None, trpr));
    }
    o.push_str("</w:tbl>");
    o
}

/// One table row; `trpr` holds extra row properties (header repeat, height).
pub fn row(widths: &[u32], cells: &[String], fill: Option<&str>, trpr: &str) -> String {
    let mut o = String::from("<w:tr>");
    if !trpr.is_empty() {
        o.push_str(&format!("<w:trPr>{trpr}</w:trPr>"));
    }
    for (k, c) in cells.iter().enumerate() {
        let w = widths.get(k).copied().unwrap_or(2000);
        let shade = fill.map_or(String::new(), |f| {
            format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#)
        });
        // A cell must hold at least one paragraph, or Word reports the file as damaged.
        let body = if c.is_empty() { "<w:p/>" } else { c.as_str() };
        o.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr>{body}</w:tc>"#
        ));
    }
    o.push_str("</w:tr>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn runs_break_lines() {
        let r = run("a\nb", None, false);
        assert!(r.contains("<w:br/>"), "{r}");
        assert!(lang_run("付款", false).contains("Chinese"));
    }
}
