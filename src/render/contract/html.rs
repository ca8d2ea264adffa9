//! Render stage: the contract schedule as one standalone HTML page with print styles.

use super::{
    clause_heading, colon, para_number, party_address, party_name, section_heading,
    signature_intro, SignatureColumn,
};
use crate::profile::deal::Profile;
use crate::profile::Lang;
use crate::render::clauses::Schedule;
use crate::render::escape;
use crate::render::templates::Labels;

const CSS: &str = "
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --band: #f2f4f7; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans', 'Segoe UI', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; line-height: 1.5; font-size: 10.5pt; }
:lang(zh) { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h1 + h1 { margin-top: 0; }
h2 { font-size: 1.15em; margin: 1.6em 0 .6em; padding: .3em .5em; background: var(--band); border-left: 4px solid #2f5597; }
h3 { font-size: 1em; margin: 0; }
.meta { margin: 1em 0; }
.meta dt { font-weight: 600; float: left; clear: left; width: 12em; }
.meta dd { margin: 0 0 .2em 12em; }
table { border-collapse: collapse; width: 100%; }
.parties td, .parties th, .manifest td, .manifest th { border: 1px solid var(--rule); padding: .35em .5em; text-align: left; vertical-align: top; }
.parties th, .manifest th { background: var(--band); }
.intro { color: var(--muted); }
.clause { margin: 0 0 1.2em; page-break-inside: auto; }
.clause td { vertical-align: top; padding: .25em .6em .45em 0; }
.clause.bi td { width: 50%; }
.clause .num { font-weight: 600; white-space: nowrap; padding-right: .4em; }
.clause p { margin: 0; }
.clause tr { break-inside: avoid; page-break-inside: avoid; }
.sign { margin-top: .8em; break-inside: avoid; page-break-inside: avoid; }
.sign td, .sign th { border: 1px solid var(--rule); padding: .45em .6em; text-align: left; vertical-align: top; width: 42%; }
.sign th:first-child { width: 16%; background: var(--band); }
.sign thead th { background: var(--band); }
.sign .line { height: 2.6em; border-bottom: 1px solid var(--ink); }
.sign .chop { width: 42mm; height: 42mm; border: 1px dashed var(--muted); color: var(--muted); font-size: .85em; padding: .3em; }
.signatures { break-inside: avoid; page-break-inside: avoid; }
.manifest code, code { font-family: 'Noto Sans Mono', Consolas, monospace; font-size: .9em; }
.manifest td:first-child, .manifest td:nth-child(3) { text-align: right; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .manifest { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
}
";

fn lang_attr(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// The schedule as one standalone HTML page with print styles.
pub fn html(s: &Schedule, p: &Profile, lb: &Labels) -> String {
    let mut o = String::new();
    html_head(&mut o, s, p, lb);
    html_clauses(&mut o, s, lb);
    html_signatures(&mut o, s, p, lb);
    html_manifest(&mut o, s, lb);
    o.push_str("</body>\n</html>\n");
    o
}

/// Escaped lines joined by `<br>`.
fn html_lines(v: &[String]) -> String {
    v.iter()
        .map(|x| escape::html(x))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn html_head(o: &mut String, s: &Schedule, p: &Profile, lb: &Labels) {
    let langs = &s.langs;
    let e = escape::html;
    o.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        lang_attr(langs.primary()),
        e(&lb.get("title")),
        e(&p.deal.id)
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

fn html_clauses(o: &mut String, s: &Schedule, lb: &Labels) {
    let langs = &s.langs;
    let e = escape::html;
    let bi = langs.is_bilingual();
    for (i, sec) in s.sections.iter().enumerate() {
        let head = section_heading(lb, langs, i + 1, sec);
        o.push_str(&format!("<h2>{}</h2>\n", e(&head)));
        for c in &sec.clauses {
            o.push_str(&format!(
                "<table class=\"clause{}\" id=\"clause-{}\">\n<tr>",
                if bi { " bi" } else { "" },
                e(&c.id)
            ));
            for l in langs.list() {
                o.push_str(&format!(
                    "<td lang=\"{}\"><h3>{}</h3></td>",
                    lang_attr(*l),
                    e(&clause_heading(c, *l))
                ));
            }
            o.push_str("</tr>\n");
            let count = c.paras.get(&langs.primary()).map_or(0, Vec::len);
            for i in 0..count {
                o.push_str("<tr>");
                for l in langs.list() {
                    let para = c
                        .paras
                        .get(l)
                        .and_then(|v| v.get(i))
                        .cloned()
                        .unwrap_or_default();
                    let num = para_number(c, i, count);
                    let body = para.iter().map(|x| e(x)).collect::<Vec<_>>().join("<br>\n");
                    let num_html = if num.is_empty() {
                        String::new()
                    } else {
                        format!("<span class=\"num\">{num}</span> ")
                    };
                    o.push_str(&format!(
                        "<td lang=\"{}\"><p>{num_html}{body}</p></td>",
                        lang_attr(*l)
                    ));
                }
                o.push_str("</tr>\n");
            }
            o.push_str("</table>\n");
        }
    }
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
