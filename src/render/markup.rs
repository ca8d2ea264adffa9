//! Render stage: the small markup letter and reply templates produce (see
//! `docs/templates.md`), parsed into a document model and written as Markdown, plain text,
//! e-mail-safe HTML or layout blocks for the PDF.

use super::escape;
use crate::pdf::layout::{Block, Cell, Column, Part, Rgb, Span, Style, Table};

/// A run of text inside a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Bold text.
    Bold(String),
    /// A web or mail link: text and target.
    Link(String, String),
}

/// One line of inline runs.
pub type Line = Vec<Inline>;

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `#` (1) or `##` (2) heading.
    Heading(u8, Line),
    /// Lines kept as lines.
    Para(Vec<Line>),
    /// Bullet items.
    List(Vec<Line>),
    /// Header row and body rows.
    Table(Vec<Line>, Vec<Vec<Line>>),
    /// A boxed note.
    Note(Vec<Line>),
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// Blocks in order.
    pub nodes: Vec<Node>,
}

/// Characters the escape function protects in values (the parser undoes `\x`).
const SPECIAL: &str = "\\*|<>#-`";

/// Escapes a value interpolated into a template, so it stays text.
pub fn escape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        // A value never starts a new block: its line breaks become spaces.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Parses inline markup: `**bold**`, URLs and e-mail addresses, backslash escapes.
pub fn inline(s: &str) -> Line {
    let mut out: Line = Vec::new();
    let mut buf = String::new();
    let mut bold = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let flush = |buf: &mut String, bold: bool, out: &mut Line| {
        if buf.is_empty() {
            return;
        }
        let t = std::mem::take(buf);
        if bold {
            out.push(Inline::Bold(t));
        } else {
            link_split(&t, out);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            // An escaped character: keep it, marked so link detection does not see it as markup.
            buf.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' && chars.get(i + 1) == Some(&'*') {
            flush(&mut buf, bold, &mut out);
            bold = !bold;
            i += 2;
            continue;
        }
        buf.push(c);
        i += 1;
    }
    flush(&mut buf, bold, &mut out);
    out
}

/// Splits plain text into text and links (https://…, http://…, name@domain.tld).
fn link_split(t: &str, out: &mut Line) {
    let mut rest = t;
    while !rest.is_empty() {
        let next_url = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let next_mail = find_email(rest);
        let pick = match (next_url, next_mail) {
            (Some(u), Some((m, _))) if m < u => Some((m, true)),
            (Some(u), _) => Some((u, false)),
            (None, Some((m, _))) => Some((m, true)),
            (None, None) => None,
        };
        let Some((start, is_mail)) = pick else {
            out.push(Inline::Text(rest.to_string()));
            break;
        };
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_string()));
        }
        let tail = &rest[start..];
        let end = if is_mail {
            find_email(tail).map_or(tail.len(), |(_, len)| len)
        } else {
            tail.find(|c: char| c.is_whitespace() || "<>\"'）】」，。；".contains(c))
                .unwrap_or(tail.len())
        };
        // Trailing punctuation belongs to the sentence, not the link.
        let mut link = &tail[..end];
        while link.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
            link = &link[..link.len() - 1];
        }
        let target = if is_mail {
            format!("mailto:{link}")
        } else {
            link.to_string()
        };
        out.push(Inline::Link(link.to_string(), target));
        rest = &tail[link.len()..];
    }
}

/// Finds an e-mail address: (byte start, byte length).
fn find_email(s: &str) -> Option<(usize, usize)> {
    let at = s.find('@')?;
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._+-".contains(c);
    let is_dom = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let start = s[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_local(*c))
        .last()
        .map(|(i, _)| i)?;
    let dom_len = s[at + 1..]
        .chars()
        .take_while(|c| is_dom(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    let mut domain = &s[at + 1..at + 1 + dom_len];
    while domain.ends_with(['.', '-']) {
        domain = &domain[..domain.len() - 1];
    }
    if start == at || !domain.contains('.') {
        // Not an address here; look further on.
        let skip = at + 1;
        return find_email(&s[skip..]).map(|(st, l)| (st + skip, l));
    }
    Some((start, at + 1 + domain.len() - start))
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim().trim_start_matches('|');
    let t = t
        .strip_suffix('|')
        .filter(|x| !x.ends_with('\\'))
        .unwrap_or(t);
    // Split on unescaped bars.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut esc = false;
    for c in t.chars() {
        if esc {
            cur.push('\\');
            cur.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == '|' {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Parses rendered template text into a document.
pub fn parse(text: &str) -> Doc {
    let mut nodes = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim_end();
        let t = l.trim_start();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if let Some(h) = t.strip_prefix("## ") {
            nodes.push(Node::Heading(2, inline(h.trim())));
            i += 1;
        } else if let Some(h) = t.strip_prefix("# ") {
            nodes.push(Node::Heading(1, inline(h.trim())));
            i += 1;
        } else if t.starts_with("- ") {
            let mut items = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with("- ") {
                items.push(inline(lines[i].trim_start()[2..].trim()));
                i += 1;
            }
            nodes.push(Node::List(items));
        } else if t.starts_with("> ") || t == ">" {
            let mut note = Vec::new();
            while i < lines.len()
                && (lines[i].trim_start().starts_with("> ") || lines[i].trim() == ">")
            {
                note.push(inline(lines[i].trim_start().trim_start_matches('>').trim()));
                i += 1;
            }
            nodes.push(Node::Note(note));
        } else if t.starts_with('|') {
            let mut rows: Vec<Vec<Line>> = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                if !is_separator(lines[i]) {
                    rows.push(cells(lines[i]).iter().map(|c| inline(c)).collect());
                }
                i += 1;
            }
            if !rows.is_empty() {
                let header = rows.remove(0);
                nodes.push(Node::Table(header, rows));
            }
        } else {
            let mut para = Vec::new();
            while i < lines.len() {
                let x = lines[i].trim();
                if x.is_empty()
                    || x.starts_with("# ")
                    || x.starts_with("## ")
                    || x.starts_with("- ")
                    || x.starts_with("> ")
                    || x.starts_with('|')
                {
                    break;
                }
                para.push(inline(x));
                i += 1;
            }
            nodes.push(Node::Para(para));
        }
    }
    Doc { nodes }
}

impl Doc {
    /// The first level-1 heading as plain text (the document's title and e-mail subject).
    pub fn title(&self) -> Option<String> {
        self.nodes.iter().find_map(|n| match n {
            Node::Heading(1, l) => Some(plain(l)),
            _ => None,
        })
    }
}

/// A line as plain text.
pub fn plain(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Bold(t) | Inline::Link(t, _) => t.as_str(),
        })
        .collect()
}

fn md_line(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(t) => escape::md_inline(t),
            Inline::Bold(t) => format!("**{}**", escape::md_inline(t)),
            Inline::Link(t, _) => t.clone(),
        })
        .collect()
}

/// A line that starts a Markdown line: text that would open a heading, list or quote there
/// is escaped.
fn md_line_start(l: &Line) -> String {
    match l.split_first() {
        Some((Inline::Text(t), rest)) => escape::md(t) + &md_line(&rest.to_vec()),
        _ => md_line(l),
    }
}

/// The document as Markdown.
pub fn to_markdown(doc: &Doc) -> String {
    let mut o = String::new();
    for n in &doc.nodes {
        match n {
            Node::Heading(level, l) => o.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(*level as usize),
                md_line(l)
            )),
            Node::Para(lines) => {
                let body: Vec<String> = lines.iter().map(md_line_start).collect();
                o.push_str(&body.join("  \n"));
                o.push_str("\n\n");
            }
            Node::List(items) => {
                for it in items {
                    o.push_str(&format!("- {}\n", md_line(it)));
                }
                o.push('\n');
            }
            Node::Note(lines) => {
                let body: Vec<String> = lines
                    .iter()
                    .map(|l| format!("> {}", md_line_start(l)))
                    .collect();
                o.push_str(&body.join("  \n"));
                o.push_str("\n\n");
            }
            Node::Table(header, rows) => {
                o.push_str(&format!(
                    "| {} |\n",
                    header.iter().map(md_line).collect::<Vec<_>>().join(" | ")
                ));
                o.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for r in rows {
                    o.push_str(&format!(
                        "| {} |\n",
                        r.iter().map(md_line).collect::<Vec<_>>().join(" | ")
                    ));
                }
                o.push('\n');
            }
        }
    }
    o.trim_end().to_string() + "\n"
}

/// Display width of text in a monospaced terminal or mail client: CJK and fullwidth count 2.
fn cols(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The document as plain text (for e-mail bodies and pasting).
pub fn to_text(doc: &Doc) -> String {
    let mut o = String::new();
    for n in &doc.nodes {
        match n {
            Node::Heading(level, l) => {
                let t = plain(l);
                let mark = if *level == 1 { '=' } else { '-' };
                o.push_str(&format!("{t}\n{}\n\n", mark.to_string().repeat(cols(&t))));
            }
            Node::Para(lines) => {
                for l in lines {
                    o.push_str(&plain(l));
                    o.push('\n');
                }
                o.push('\n');
            }
            Node::List(items) => {
                for it in items {
                    o.push_str(&format!("  • {}\n", plain(it)));
                }
                o.push('\n');
            }
            Node::Note(lines) => {
                for l in lines {
                    o.push_str(&format!("  | {}\n", plain(l)));
                }
                o.push('\n');
            }
            Node::Table(header, rows) => {
                // Plain-text tables: one block per row, "Header: value" lines — columns of
                // mixed Chinese and English never line up in proportional mail fonts.
                for r in rows {
                    for (k, cell) in r.iter().enumerate() {
                        let h = header.get(k).map(plain).unwrap_or_default();
                        if k == 0 {
                            o.push_str(&format!("  • {}\n", plain(cell)));
                        } else {
                            o.push_str(&format!("    {h}: {}\n", plain(cell)));
                        }
                    }
                }
                o.push('\n');
            }
        }
    }
    o.trim_end().to_string() + "\n"
}

fn html_line(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(t) => escape::html(t),
            Inline::Bold(t) => format!("<strong>{}</strong>", escape::html(t)),
            Inline::Link(t, url) => format!(
                "<a href=\"{}\" style=\"color:#1a56b0;\">{}</a>",
                escape::html(url),
                escape::html(t)
            ),
        })
        .collect()
}

/// The document as an HTML fragment with inline styles only (e-mail clients drop `<style>`).
pub fn to_html_fragment(doc: &Doc, lang: &str) -> String {
    let mut o = format!("<div lang=\"{lang}\">\n");
    let p = "margin:0 0 12px 0;";
    for n in &doc.nodes {
        match n {
            Node::Heading(1, l) => o.push_str(&format!("<h1 style=\"font-size:20px;color:#1f3a5f;margin:0 0 16px 0;\">{}</h1>\n", html_line(l))),
            Node::Heading(_, l) => o.push_str(&format!("<h2 style=\"font-size:16px;color:#1f3a5f;margin:20px 0 8px 0;border-bottom:1px solid #c9d3e0;padding-bottom:3px;\">{}</h2>\n", html_line(l))),
            Node::Para(lines) => o.push_str(&format!("<p style=\"{p}\">{}</p>\n", lines.iter().map(html_line).collect::<Vec<_>>().join("<br>\n"))),
            Node::List(items) => {
                o.push_str("<ul style=\"margin:0 0 12px 0;padding-left:22px;\">\n");
                for it in items {
                    o.push_str(&format!("<li style=\"margin:0 0 4px 0;\">{}</li>\n", html_line(it)));
                }
                o.push_str("</ul>\n");
            }
            Node::Note(lines) => o.push_str(&format!(
                "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:0 0 12px 0;width:100%;\"><tr><td style=\"border-left:4px solid #a61b1b;background:#fbf1f1;padding:10px 14px;\">{}</td></tr></table>\n",
                lines.iter().map(html_line).collect::<Vec<_>>().join("<br>\n")
            )),
            Node::Table(header, rows) => {
                let cell = "border:1px solid #d3d9e1;padding:6px 8px;text-align:left;vertical-align:top;";
                o.push_str("<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:0 0 12px 0;width:100%;font-size:13px;\">\n<tr>");
                for h in header {
                    o.push_str(&format!("<th style=\"{cell}background:#e6ebf2;color:#1f3a5f;\">{}</th>", html_line(h)));
                }
                o.push_str("</tr>\n");
                for r in rows {
                    o.push_str("<tr>");
                    for c in r {
                        o.push_str(&format!("<td style=\"{cell}\">{}</td>", html_line(c)));
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</table>\n");
            }
        }
    }
    o.push_str("</div>\n");
    o
}

/// A complete HTML page around fragments (one per language), e-mail safe: inline styles,
/// no scripts, no external resources.
pub fn to_html_page(title: &str, fragments: &[String]) -> String {
    let mut o = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body style=\"margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,'Helvetica Neue',Helvetica,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;font-size:14px;line-height:1.55;\">\n<div style=\"max-width:720px;margin:0 auto;\">\n",
        escape::html(title)
    );
    for (k, f) in fragments.iter().enumerate() {
        if k > 0 {
            o.push_str("<hr style=\"border:none;border-top:1px solid #c9d3e0;margin:28px 0;\">\n");
        }
        o.push_str(f);
    }
    o.push_str("</div>\n</body>\n</html>\n");
    o
}

/// Layout styles of a letter PDF.
pub struct PdfStyles {
    /// Body text.
    pub body: Style,
    /// Title.
    pub h1: Style,
    /// Section heading.
    pub h2: Style,
    /// Links.
    pub link: Rgb,
    /// Table header background.
    pub header_fill: Rgb,
    /// Row rules.
    pub rule: Rgb,
    /// Note box colour.
    pub note: Rgb,
}

/// A line as one rich part: bold runs bold, links coloured and clickable.
fn rich(l: &Line, st: &PdfStyles, base: Style) -> Part {
    Part::rich(
        l.iter()
            .map(|i| match i {
                Inline::Text(t) => Span {
                    text: t.clone(),
                    style: base,
                    link: None,
                },
                Inline::Bold(t) => Span {
                    text: t.clone(),
                    style: base.bold(),
                    link: None,
                },
                Inline::Link(t, u) => Span {
                    text: t.clone(),
                    style: base.color(st.link),
                    link: Some(u.clone()),
                },
            })
            .collect(),
    )
}

fn parts(l: &Line, st: &PdfStyles, base: Style) -> Vec<Part> {
    vec![rich(l, st, base)]
}

/// The document as layout blocks for the PDF.
pub fn to_blocks(doc: &Doc, st: &PdfStyles) -> Vec<Block> {
    let mut out = Vec::new();
    for n in &doc.nodes {
        match n {
            Node::Heading(1, l) => {
                out.push(Block::Heading {
                    text: plain(l),
                    style: st.h1,
                    rule: None,
                });
                out.push(Block::Spacer(4.0));
            }
            Node::Heading(_, l) => {
                out.push(Block::Spacer(6.0));
                out.push(Block::Heading {
                    text: plain(l),
                    style: st.h2,
                    rule: Some(st.rule),
                });
            }
            Node::Para(lines) => {
                let p: Vec<Part> = lines.iter().flat_map(|l| parts(l, st, st.body)).collect();
                out.push(Block::Paragraph(p));
                out.push(Block::Spacer(6.0));
            }
            Node::List(items) => {
                for it in items {
                    // The bullet hangs: wrapped lines start under the text, not the bullet.
                    let mut line = vec![Inline::Text("•  ".into())];
                    line.extend(it.iter().cloned());
                    out.push(Block::Paragraph(vec![
                        rich(&line, st, st.body).hanging(st.body.size * 0.95)
                    ]));
                    out.push(Block::Spacer(2.0));
                }
                out.push(Block::Spacer(4.0));
            }
            Node::Note(lines) => {
                let p: Vec<Part> = lines
                    .iter()
                    .flat_map(|l| parts(l, st, st.body.bold().color(st.note)))
                    .collect();
                out.push(Block::Table(Table {
                    columns: vec![Column::left(1.0)],
                    header: None,
                    rows: vec![vec![Cell::Text(p)]],
                    header_fill: st.header_fill,
                    zebra: None,
                    rule: st.note,
                    pad: 6.0,
                }));
                out.push(Block::Spacer(8.0));
            }
            Node::Table(header, rows) => {
                let small = Style {
                    size: st.body.size - 0.8,
                    ..st.body
                };
                let n = header.len().max(1);
                out.push(Block::Table(Table {
                    columns: (0..n)
                        .map(|k| {
                            Column::left(if k == 0 || (n > 2 && k + 1 == n) {
                                1.3
                            } else {
                                1.0
                            })
                        })
                        .collect(),
                    header: Some(
                        header
                            .iter()
                            .map(|h| {
                                Cell::Text(vec![Part::new(
                                    plain(h),
                                    small.bold().color(st.h2.color),
                                )])
                            })
                            .collect(),
                    ),
                    rows: rows
                        .iter()
                        .map(|r| r.iter().map(|c| Cell::Text(parts(c, st, small))).collect())
                        .collect(),
                    header_fill: st.header_fill,
                    zebra: Some(Rgb::hex(0xf6f8fa)),
                    rule: st.rule,
                    pad: 3.5,
                }));
                out.push(Block::Spacer(8.0));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Welcome to order NH-1\n\nDear Anna,\nthank you.\n\n## Your team\n\n- **Li Wei**, sales: li.wei@hengli-kitchen.com\n- board: https://trello.com/b/nh0148.\n\n| Channel | Security |\n|---|---|\n| Password | Never |\n\n> Call +86 574 8888 1250 before paying.\n";

    #[test]
    fn parses_every_kind_of_block() {
        let d = parse(SAMPLE);
        assert_eq!(d.title().as_deref(), Some("Welcome to order NH-1"));
        assert!(matches!(&d.nodes[1], Node::Para(l) if l.len() == 2));
        assert!(matches!(&d.nodes[2], Node::Heading(2, _)));
        let Node::List(items) = &d.nodes[3] else {
            panic!("{:?}", d.nodes[3])
        };
        assert_eq!(items[0][0], Inline::Bold("Li Wei".into()));
        assert!(items[0].contains(&Inline::Link(
            "li.wei@hengli-kitchen.com".into(),
            "mailto:li.wei@hengli-kitchen.com".into()
        )));
        // The full stop after a URL is not part of it.
        assert!(items[1].contains(&Inline::Link(
            "https://trello.com/b/nh0148".into(),
            "https://trello.com/b/nh0148".into()
        )));
        assert!(matches!(&d.nodes[4], Node::Table(h, r) if h.len() == 2 && r.len() == 1));
        assert!(matches!(&d.nodes[5], Node::Note(_)));
    }

    #[test]
    fn escaped_values_stay_text() {
        let v = escape_value("**A|B** <b>\n# x");
        let d = parse(&format!("| {v} | y |\n"));
        let Node::Table(h, _) = &d.nodes[0] else {
            panic!()
        };
        assert_eq!(plain(&h[0]), "**A|B** <b> # x");
        assert_eq!(h.len(), 2);
        let d = parse(&format!("{}\n", escape_value("# not a heading")));
        assert!(matches!(&d.nodes[0], Node::Para(_)));
    }

    #[test]
    fn outputs_escape_for_their_format() {
        let d = parse(&format!("Dear {},\n", escape_value("<b>A&B</b>")));
        assert!(to_html_fragment(&d, "en").contains("Dear &lt;b&gt;A&amp;B&lt;/b&gt;,"));
        assert!(to_markdown(&d).contains("Dear \\<b\\>A\\&B\\</b\\>,"));
        assert_eq!(to_text(&d), "Dear <b>A&B</b>,\n");
    }

    #[test]
    fn html_is_email_safe() {
        let html = to_html_page("t", &[to_html_fragment(&parse(SAMPLE), "en")]);
        assert!(!html.contains("<script") && !html.contains("<style") && !html.contains("<link"));
        assert!(!html.contains("src="));
    }

    #[test]
    fn plain_text_lists_table_rows() {
        let t = to_text(&parse(SAMPLE));
        assert!(t.starts_with("Welcome to order NH-1\n=====================\n"));
        assert!(t.contains("  • Password\n    Security: Never\n"));
    }
}
