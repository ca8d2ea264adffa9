//! Render stage: the SCC annexes (`render::scc`) in Markdown and HTML, after the signatures.

use crate::render::escape::{self, lang_attr};
use crate::render::scc::{AnnexPart, Appendix, Lines};

/// The appendix in Markdown: annexes as headings, the parties as a table, other parts as
/// labelled paragraphs (a line per language).
pub fn markdown(o: &mut String, a: &Appendix) {
    o.push_str(&format!("## {}\n\n", escape::md_inline(&a.title)));
    for (_, t) in &a.note {
        o.push_str(&format!("{}\n\n", escape::md(t)));
    }
    for part in &a.parts {
        let hashes = if part.level == 1 { "###" } else { "####" };
        o.push_str(&format!(
            "{hashes} {}\n\n",
            escape::md_inline(&part.heading)
        ));
        for (_, t) in &part.note {
            o.push_str(&format!("{}\n\n", escape::md(t)));
        }
        if part.columns.is_empty() {
            md_labelled(o, part);
        } else {
            md_table(o, part);
        }
    }
}

fn md_cell(lines: &Lines) -> String {
    lines
        .iter()
        .map(|(_, t)| escape::md_inline(t))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_table(o: &mut String, part: &AnnexPart) {
    let heads: Vec<String> = part
        .columns
        .iter()
        .map(|c| escape::md_inline(&c.join(" / ")))
        .collect();
    o.push_str(&format!("| | {} |\n|---|", heads.join(" | ")));
    o.push_str(&"---|".repeat(heads.len()));
    o.push('\n');
    for r in &part.rows {
        let cells: Vec<String> = r.cells.iter().map(md_cell).collect();
        o.push_str(&format!(
            "| {} | {} |\n",
            escape::md_inline(&r.label.join(" / ")),
            cells.join(" | ")
        ));
    }
    o.push('\n');
}

fn md_labelled(o: &mut String, part: &AnnexPart) {
    for r in &part.rows {
        let mut lines = vec![format!("**{}**", escape::md_inline(&r.label.join(" / ")))];
        for cell in &r.cells {
            lines.extend(cell.iter().map(|(_, t)| escape::md(t)));
        }
        o.push_str(&lines.join("  \n"));
        o.push_str("\n\n");
    }
}

/// The appendix in HTML: a section starting a printed page, every part a table.
pub fn html(o: &mut String, a: &Appendix) {
    let e = escape::html;
    o.push_str(&format!(
        "<section class=\"appendix\">\n<h2>{}</h2>\n",
        e(&a.title)
    ));
    for (l, t) in &a.note {
        o.push_str(&format!("<p lang=\"{}\">{}</p>\n", lang_attr(*l), e(t)));
    }
    for part in &a.parts {
        let h = if part.level == 1 { "h3" } else { "h4" };
        o.push_str(&format!("<{h}>{}</{h}>\n", e(&part.heading)));
        for (l, t) in &part.note {
            o.push_str(&format!("<p lang=\"{}\">{}</p>\n", lang_attr(*l), e(t)));
        }
        if part.rows.is_empty() {
            continue;
        }
        o.push_str("<table class=\"parties annex\">\n");
        if !part.columns.is_empty() {
            o.push_str("<thead><tr><th></th>");
            for c in &part.columns {
                o.push_str(&format!("<th>{}</th>", e(&c.join(" / "))));
            }
            o.push_str("</tr></thead>\n");
        }
        o.push_str("<tbody>\n");
        for r in &part.rows {
            o.push_str(&format!("<tr><th>{}</th>", e(&r.label.join(" / "))));
            for cell in &r.cells {
                o.push_str(&format!("<td>{}</td>", html_lines(cell)));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

/// A cell's lines, each in its language, telephone numbers kept whole.
fn html_lines(lines: &Lines) -> String {
    lines
        .iter()
        .map(|(l, t)| {
            format!(
                "<span lang=\"{}\">{}</span>",
                lang_attr(*l),
                escape::html_runs(t, "class=\"tel\"", "class=\"addr\"")
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}
