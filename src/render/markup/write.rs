//! Render stage: the letter markup's document model written as Markdown, plain text and
//! e-mail-safe HTML.

use super::{plain, Doc, Inline, Line, Node};
use crate::profile::Lang;
use crate::render::escape;

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
            Node::Numbered(items) => {
                for (k, it) in items.iter().enumerate() {
                    o.push_str(&format!("{}. {}\n", k + 1, md_line(it)));
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
            Node::Numbered(items) => {
                for (k, it) in items.iter().enumerate() {
                    o.push_str(&format!("  {}. {}\n", k + 1, plain(it)));
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

/// Inline style that keeps a telephone number on one line (copied, it is still plain text).
const NOWRAP: &str = "style=\"white-space:nowrap;\"";
/// Inline style that lets an address without spaces break anywhere on a narrow screen.
const BREAK_ANYWHERE: &str = "style=\"overflow-wrap:anywhere;word-break:break-word;\"";

fn html_text(t: &str) -> String {
    escape::html_runs(t, NOWRAP, BREAK_ANYWHERE)
}

fn html_line(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(t) => html_text(t),
            Inline::Bold(t) => format!("<strong>{}</strong>", html_text(t)),
            Inline::Link(t, url) => format!(
                "<a href=\"{}\" style=\"color:#1a56b0;overflow-wrap:anywhere;word-break:break-word;\">{}</a>",
                escape::html(url),
                escape::html(t)
            ),
        })
        .collect()
}

/// A table as cards, one per row: the first cell the card's title, the others as labelled
/// lines. Cards are `inline-block` boxes at most half the letter wide (the gap is padding
/// inside them, so that a full-width card never overflows), so they sit two a row
/// on a desktop and stack on a phone by themselves — no `<style>` (webmail strips it); in
/// Outlook for Windows, which ignores `max-width`, they stack full width.
fn html_cards(header: &[Line], rows: &[Vec<Line>]) -> String {
    let mut o = String::from("<div style=\"margin:0 0 12px 0;font-size:0;\">");
    // The header's labels, written once for all the cards.
    let labels: Vec<String> = header.iter().skip(1).map(html_line).collect();
    for r in rows {
        let Some((title, rest)) = r.split_first() else {
            continue;
        };
        o.push_str("<div style=\"display:inline-block;vertical-align:top;box-sizing:border-box;width:100%;max-width:320px;padding:0 8px 8px 0;font-size:13px;\">");
        o.push_str("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" style=\"border-collapse:collapse;width:100%;\">");
        o.push_str(&format!(
            "<tr><td style=\"border:1px solid #d3d9e1;background:#e6ebf2;color:#1f3a5f;padding:6px 10px;font-weight:bold;\">{}</td></tr>",
            html_line(title)
        ));
        let fields: Vec<String> = rest
            .iter()
            .enumerate()
            .map(|(k, cell)| {
                let label = labels.get(k).map_or("", String::as_str);
                format!(
                    "<div style=\"margin:0 0 6px 0;\"><span style=\"color:#5a6b80;font-size:12px;\">{label}</span><br>{}</div>",
                    html_line(cell)
                )
            })
            .collect();
        o.push_str(&format!(
            "<tr><td style=\"border:1px solid #d3d9e1;border-top:none;padding:8px 10px 2px 10px;\">{}</td></tr></table></div>",
            fields.join("")
        ));
    }
    o.push_str("</div>\n");
    o
}

/// The document as an HTML fragment with inline styles only (e-mail clients drop `<style>`):
/// marked with its language, in that language's fonts, with its own font size, line height
/// and colour, since webmail may drop the `<body>`'s.
pub fn to_html_fragment(doc: &Doc, lang: Lang) -> String {
    let mut o = format!(
        "<div lang=\"{}\" style=\"font-family:{};font-size:14px;line-height:1.6;color:#1a1a1a;\">\n",
        escape::lang_attr(lang),
        escape::fonts(lang)
    );
    let p = "margin:0 0 12px 0;";
    for n in &doc.nodes {
        match n {
            Node::Heading(1, l) => o.push_str(&format!("<h1 style=\"font-size:20px;line-height:1.35;color:#1f3a5f;margin:0 0 16px 0;\">{}</h1>\n", html_line(l))),
            Node::Heading(_, l) => o.push_str(&format!("<h2 style=\"font-size:16px;line-height:1.4;color:#1f3a5f;margin:20px 0 8px 0;border-bottom:1px solid #c9d3e0;padding-bottom:3px;\">{}</h2>\n", html_line(l))),
            Node::Para(lines) => o.push_str(&format!("<p style=\"{p}\">{}</p>\n", lines.iter().map(html_line).collect::<Vec<_>>().join("<br>\n"))),
            Node::List(items) => {
                o.push_str("<ul style=\"margin:0 0 12px 0;padding-left:22px;\">\n");
                for it in items {
                    o.push_str(&format!("<li style=\"margin:0 0 4px 0;\">{}</li>\n", html_line(it)));
                }
                o.push_str("</ul>\n");
            }
            Node::Numbered(items) => {
                o.push_str("<ol style=\"margin:0 0 12px 0;padding-left:22px;\">\n");
                for it in items {
                    o.push_str(&format!("<li style=\"margin:0 0 4px 0;\">{}</li>\n", html_line(it)));
                }
                o.push_str("</ol>\n");
            }
            Node::Note(lines) => o.push_str(&format!(
                "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:0 0 12px 0;width:100%;\"><tr><td style=\"border-left:4px solid #a61b1b;background:#fbf1f1;padding:10px 14px;\">{}</td></tr></table>\n",
                lines.iter().map(html_line).collect::<Vec<_>>().join("<br>\n")
            )),
            Node::Table(header, rows) => o.push_str(&html_cards(header, rows)),
        }
    }
    o.push_str("</div>\n");
    o
}

/// A complete HTML page around fragments (one per language), e-mail safe: inline styles,
/// no scripts, no external resources. The letter's column is a `max-width` div inside a
/// 640 px table that only Outlook for Windows sees (it ignores `max-width`); the padding sits
/// on the wrapper cell, not on `<body>`, which webmail drops.
pub fn to_html_page(title: &str, lang: Lang, fragments: &[String]) -> String {
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body style=\"margin:0;padding:0;background:#ffffff;\">\n",
        escape::lang_attr(lang),
        escape::html(title)
    );
    o.push_str("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"100%\" style=\"border-collapse:collapse;width:100%;background:#ffffff;\"><tr><td align=\"center\" style=\"padding:20px 12px;\">\n");
    o.push_str("<!--[if mso]><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"640\"><tr><td><![endif]-->\n");
    o.push_str(&format!(
        "<div style=\"max-width:640px;margin:0 auto;text-align:left;font-family:{};font-size:14px;line-height:1.6;color:#1a1a1a;\">\n",
        escape::fonts(lang)
    ));
    for (k, f) in fragments.iter().enumerate() {
        if k > 0 {
            o.push_str("<hr style=\"border:none;border-top:1px solid #c9d3e0;margin:28px 0;\">\n");
        }
        o.push_str(f);
    }
    o.push_str("</div>\n<!--[if mso]></td></tr></table><![endif]-->\n</td></tr></table>\n</body>\n</html>\n");
    o
}
