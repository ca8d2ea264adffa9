//! Render stage: the contract schedule as one standalone HTML page with print styles.

use super::refs::{self, Refs};
use super::{
    clause_heading, colon, para_number, party_address, party_name, section_heading_one,
    signature_intro, SignatureColumn,
};
use crate::profile::deal::Profile;
use crate::profile::{Langs, Text};
use crate::render::clauses::Schedule;
use crate::render::escape::{self, lang_attr, CHINESE_FONTS, LATIN_FONTS};
use crate::render::templates::Labels;

const CSS: &str = "
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --band: #f2f4f7; }
* { box-sizing: border-box; }
body { font-family: LATIN; color: var(--ink); margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem; line-height: 1.5; font-size: 10.5pt; }
:lang(zh) { font-family: CHINESE; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h1 + h1 { margin-top: 0; }
h2 { font-size: 1.15em; margin: 1.6em 0 .6em; padding: .3em .5em; background: var(--band); border-left: 4px solid #2f5597; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1em; margin: 0; }
.meta { margin: 1em 0; }
.meta dt { font-weight: 600; float: left; clear: left; width: 14em; }
.meta dd { margin: 0 0 .2em 14em; }
table { border-collapse: collapse; width: 100%; }
.parties td, .parties th, .manifest td, .manifest th { border: 1px solid var(--rule); padding: .35em .5em; text-align: left; vertical-align: top; }
.parties th, .manifest th { background: var(--band); }
.parties { table-layout: fixed; }
.parties th:first-child { width: 7em; }
.annex { margin: .4em 0 1em; } .annex th:first-child { width: 12em; } h4 { margin: 1em 0 .4em; }
.intro { color: var(--muted); }
.clause { margin: 0 0 1.2em; }
.clause .row { padding: .1em 0 .45em; orphans: 3; widows: 3; }
.part-start { break-inside: avoid; page-break-inside: avoid; }
.clause h3 { padding-bottom: .25em; break-after: avoid; page-break-after: avoid; }
.bi .row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
.bi .row > :first-child { padding-right: 1.1em; border-right: 1px solid var(--rule); }
.bi .row > :last-child { padding-left: 1.1em; }
.clause .num { font-weight: 600; white-space: nowrap; padding-right: .4em; }
.item { display: flex; }
.item .mark { flex: none; min-width: 2em; padding-right: .3em; }
.tel { white-space: nowrap; }
.addr { overflow-wrap: anywhere; }
a.ref { color: inherit; text-decoration: underline dotted #2f5597; }
.sign { margin-top: .8em; table-layout: fixed; break-inside: avoid; page-break-inside: avoid; }
.sign td, .sign th { border: 1px solid var(--rule); padding: .45em .6em; text-align: left; vertical-align: top; }
.sign th:first-child { width: 16%; background: var(--band); }
.sign thead th { background: var(--band); }
.sign .line { height: 2.6em; border-bottom: 1px solid var(--ink); }
.sign .chop { width: 42mm; max-width: 100%; height: 42mm; border: 1px dashed var(--muted); color: var(--muted); font-size: .85em; padding: .3em; }
.signatures { break-inside: avoid; page-break-inside: avoid; }
.manifest code, code { font-family: 'Noto Sans Mono', Consolas, monospace; font-size: .9em; }
.manifest td:first-child, .manifest td:nth-child(3) { text-align: right; }
@media (max-width: 700px) {
  body { padding: 1rem .8rem; }
  .meta dt { float: none; width: auto; }
  .meta dd { margin: 0 0 .4em; }
  .bi .row { display: block; }
  .bi .row > :first-child { padding-right: 0; border-right: 0; }
  .bi .row > :last-child { margin-top: .3em; padding-left: .7em; border-left: 2px solid var(--rule); }
  .parties th:first-child, .sign th:first-child { width: 5.5em; }
  .parties td, .parties th, .sign td, .sign th { padding: .3em .35em; }
  .sign .chop { height: 32mm; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section.manifest { break-before: page; page-break-before: always; }
  section.appendix { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
}
";

/// The schedule as one standalone HTML page with print styles.
pub fn html(s: &Schedule, p: &Profile, lb: &Labels) -> String {
    let mut o = String::new();
    html_head(&mut o, s, p, lb);
    html_clauses(&mut o, s, lb);
    html_signatures(&mut o, s, p, lb);
    if let Some(a) = &s.appendix {
        super::appendix::html(&mut o, a);
    }
    html_manifest(&mut o, s, lb);
    o.push_str("</body>\n</html>\n");
    o
}

/// Escaped lines joined by `<br>`, telephone numbers kept whole, addresses breakable.
fn html_lines(v: &[String]) -> String {
    v.iter()
        .map(|x| escape::html_runs(x, "class=\"tel\"", "class=\"addr\""))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The style sheet: the fonts, and the printed page's margin boxes — the contract number at
/// the head of every page and "page n / N" at its foot, in the document's languages.
fn style(langs: &Langs, id: &str, lb: &Labels) -> String {
    let number = escape::css_string(&format!("{} {id}", lb.get("contract_no")));
    // `counter(page)` cannot sit inside a label string: the label is cut at its placeholders.
    let page = langs
        .list()
        .iter()
        .map(|l| {
            let label = lb.one("page", *l);
            let (before, rest) = label.split_once("{n}").unwrap_or((&label, ""));
            let (middle, after) = rest.split_once("{total}").unwrap_or((rest, ""));
            format!(
                "{} counter(page) {} counter(pages) {}",
                escape::css_string(before),
                escape::css_string(middle),
                escape::css_string(after)
            )
        })
        .collect::<Vec<_>>()
        .join(" \"  ·  \" ");
    let margin_box = format!(
        "font-family: {}; font-size: 8pt; color: #555;",
        escape::fonts(langs.primary())
    );
    let css = CSS
        .replace("LATIN", LATIN_FONTS)
        .replace("CHINESE", CHINESE_FONTS);
    format!(
        "{css}@page {{ size: A4; margin: 20mm 16mm 18mm;\n  @top-right {{ content: {number}; {margin_box} }}\n  @bottom-center {{ content: {page}; {margin_box} }}\n}}\n"
    )
}

fn html_head(o: &mut String, s: &Schedule, p: &Profile, lb: &Labels) {
    let langs = &s.langs;
    let e = escape::html;
    o.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang_attr(langs.primary()),
        e(&lb.get("title")),
        e(&p.deal.id),
        style(langs, &p.deal.id, lb)
    ));
    for l in langs.list() {
        o.push_str(&format!(
            "<h1 lang=\"{}\">{}</h1>\n",
            lang_attr(*l),
            e(&lb.one("title", *l))
        ));
    }
    o.push_str("<dl class=\"meta\">\n");
    o.push_str(&format!(
        "<dt>{}</dt><dd>{}</dd>\n",
        e(&lb.get("contract_no")),
        e(&p.deal.id)
    ));
    for (i, l) in langs.list().iter().enumerate() {
        let dt = if i == 0 {
            e(&lb.get("goods"))
        } else {
            String::new()
        };
        o.push_str(&format!(
            "<dt>{dt}</dt><dd lang=\"{}\">{}</dd>\n",
            lang_attr(*l),
            e(p.deal.title.get_or_any(*l))
        ));
    }
    if let Some(d) = p.deal.signed.ymd {
        let dates: Vec<String> = langs.list().iter().map(|l| d.long(*l)).collect();
        o.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            e(&lb.get("signed")),
            e(&dates.join(" / "))
        ));
    }
    o.push_str("</dl>\n");
    o.push_str(&format!(
        "<table class=\"parties\">\n<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        e(&lb.get("seller")),
        e(&lb.get("buyer"))
    ));
    o.push_str(&format!(
        "<tr><th>{}</th><td>{}</td><td>{}</td></tr>\n",
        e(&lb.get("name")),
        html_lines(&party_name(&p.seller, langs)),
        html_lines(&party_name(&p.buyer, langs))
    ));
    o.push_str(&format!(
        "<tr><th>{}</th><td>{}</td><td>{}</td></tr>\n</tbody>\n</table>\n",
        e(&lb.get("address")),
        html_lines(&party_address(&p.seller, langs)),
        html_lines(&party_address(&p.buyer, langs))
    ));
}

/// A section's heading with each language's part marked with its `lang`.
fn section_html(lb: &Labels, langs: &Langs, n: usize, title: &Text) -> String {
    langs
        .list()
        .iter()
        .map(|l| {
            let one = section_heading_one(lb, *l, n, title);
            format!(
                "<span lang=\"{}\">{}</span>",
                lang_attr(*l),
                escape::html(&one)
            )
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The clauses: one block per clause (`id` = its anchor), a row per sub-clause with one cell
/// per language, the clause heading at the top of the first. Every row of a bilingual schedule is the same two-column grid, so the
/// column rule stays put from clause to clause; on a narrow screen the languages follow
/// each other per sub-clause.
fn html_clauses(o: &mut String, s: &Schedule, lb: &Labels) {
    let langs = &s.langs;
    let e = escape::html;
    let refs = Refs::of(s);
    let bi = if langs.is_bilingual() { " bi" } else { "" };
    for (i, sec) in s.sections.iter().enumerate() {
        let mut part = Some(format!(
            "<h2>{}</h2>\n",
            section_html(lb, langs, i + 1, &sec.title)
        ));
        for c in &sec.clauses {
            o.push_str(&format!(
                "<section class=\"clause{bi}\" id=\"{}\">\n",
                e(&refs::anchor(&c.id, None))
            ));
            let count = c.paras.get(&langs.primary()).map_or(0, Vec::len);
            for k in 0..count.max(1) {
                let num = para_number(c, k, count);
                let id = if count > 1 {
                    format!(" id=\"{}\"", e(&refs::anchor(&c.id, Some(k + 1))))
                } else {
                    String::new()
                };
                // The part's heading and its first sub-clause are one block that does not
                // break: Chromium does not carry `break-after: avoid` from a heading into the
                // grid rows after it, and left "Part II" alone at a printed page's foot.
                let start = if k == 0 { part.take() } else { None };
                if let Some(h2) = &start {
                    o.push_str("<div class=\"part-start\">");
                    o.push_str(h2);
                }
                o.push_str(&format!("<div class=\"row\"{id}>"));
                for l in langs.list() {
                    // The heading opens the first sub-clause's cell: kept with its first
                    // lines by the cell's own flow (Chromium does not move a break from
                    // between grid rows into the row before).
                    let head = if k == 0 {
                        format!("<h3>{}</h3>", e(&clause_heading(c, *l)))
                    } else {
                        String::new()
                    };
                    let para = c.paras.get(l).and_then(|v| v.get(k));
                    let lines = para.map_or(&[][..], Vec::as_slice);
                    o.push_str(&format!(
                        "<div lang=\"{}\">{head}{}</div>",
                        lang_attr(*l),
                        para_html(&num, lines, &refs)
                    ));
                }
                o.push_str("</div>\n");
                if start.is_some() {
                    o.push_str("</div>\n");
                }
            }
            o.push_str("</section>\n");
        }
        // A part without clauses still shows its heading.
        if let Some(h2) = part {
            o.push_str(&h2);
        }
    }
}

/// A sub-clause's lines: the number before the first; "(a)"/"（一）" items with a hanging
/// indent (the mark in its own box, the text wrapping beside it).
fn para_html(num: &str, lines: &[String], refs: &Refs) -> String {
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let num_html = if k == 0 && !num.is_empty() {
            format!("<span class=\"num\">{num}</span> ")
        } else {
            String::new()
        };
        match item_mark(line) {
            Some((mark, rest)) => out.push_str(&format!(
                "<div class=\"item\">{num_html}<span class=\"mark\">{}</span><span>{}</span></div>\n",
                escape::html(mark),
                refs::body(rest, refs)
            )),
            None => out.push_str(&format!("<div>{num_html}{}</div>\n", refs::body(line, refs))),
        }
    }
    out
}

/// The mark of a list item — "(a) ", "(iv) ", "（一）" — and the text after it.
fn item_mark(line: &str) -> Option<(&str, &str)> {
    let (open, close) = if line.starts_with('(') {
        ('(', ')')
    } else if line.starts_with('（') {
        ('（', '）')
    } else {
        return None;
    };
    let end = line.find(close)?;
    let inner = &line[open.len_utf8()..end];
    let short = (1..=4).contains(&inner.chars().count());
    let marklike = inner.chars().all(|c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
    });
    if !short || !marklike {
        return None;
    }
    let cut = end + close.len_utf8();
    Some((&line[..cut], line[cut..].trim_start()))
}

/// The signature block: ruled lines to sign and date on, the signatories' names and titles,
/// and a chop box only for a party that seals with a chop; printed on one page.
fn html_signatures(o: &mut String, s: &Schedule, p: &Profile, lb: &Labels) {
    let langs = &s.langs;
    let e = escape::html;
    o.push_str(&format!(
        "<section class=\"signatures\">\n<h2>{}</h2>\n",
        e(&lb.get("signatures"))
    ));
    for (l, line) in langs.list().iter().zip(signature_intro(lb, langs)) {
        o.push_str(&format!("<p lang=\"{}\">{}</p>\n", lang_attr(*l), e(&line)));
    }
    let cols = [
        SignatureColumn::of(&p.seller, langs),
        SignatureColumn::of(&p.buyer, langs),
    ];
    o.push_str(&format!(
        "<table class=\"sign\">\n<thead><tr><th></th><th>{}<br><strong>{}</strong></th><th>{}<br><strong>{}</strong></th></tr></thead>\n<tbody>\n",
        e(&lb.get("seller")),
        html_lines(&cols[0].party),
        e(&lb.get("buyer")),
        html_lines(&cols[1].party)
    ));
    let row = |o: &mut String, key: &str, cell: &dyn Fn(&SignatureColumn) -> String| {
        o.push_str(&format!(
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>\n",
            e(&lb.get(key)),
            cell(&cols[0]),
            cell(&cols[1])
        ));
    };
    let blank = || "<div class=\"line\"></div>".to_string();
    let or_blank = |v: &Option<String>| v.as_deref().map_or_else(blank, e);
    row(o, "sig_signature", &|_| blank());
    row(o, "sig_name", &|c| or_blank(&c.name));
    row(o, "sig_title", &|c| or_blank(&c.title));
    row(o, "sig_date", &|_| blank());
    if cols.iter().any(|c| c.chop) {
        let chop = format!("<div class=\"chop\">{}</div>", e(&lb.get("sig_chop_box")));
        row(o, "sig_chop", &|c| {
            if c.chop {
                chop.clone()
            } else {
                String::new()
            }
        });
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn html_manifest(o: &mut String, s: &Schedule, lb: &Labels) {
    let e = escape::html;
    let colon = colon(&s.langs);
    o.push_str(&format!(
        "<section class=\"manifest\">\n<h2>{}</h2>\n",
        e(&lb.get("manifest"))
    ));
    for l in s.langs.list() {
        o.push_str(&format!(
            "<p lang=\"{}\">{}</p>\n",
            lang_attr(*l),
            e(&lb.one("manifest_note", *l))
        ));
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            e(&v.join(", "))
        }
    };
    o.push_str(&format!(
        "<p>{}{colon} <code>{}</code> · {}{colon} {} · {}{colon} {}</p>\n",
        e(&lb.get("set")),
        e(&s.set),
        e(&lb.get("added")),
        list(&s.added),
        e(&lb.get("removed")),
        list(&s.removed)
    ));
    o.push_str(&format!(
        "<table class=\"manifest\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        e(&lb.get("no")),
        e(&lb.get("id")),
        e(&lb.get("version")),
        e(&lb.get("hash"))
    ));
    for c in s.clauses() {
        o.push_str(&format!(
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td></tr>\n",
            c.number,
            e(&c.id),
            c.version,
            e(&c.hash[..16.min(c.hash.len())])
        ));
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}
