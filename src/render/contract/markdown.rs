//! Render stage: the contract schedule as Markdown.

use super::{
    clause_heading, colon, para_number, party_address, party_name, section_heading,
    signature_intro, SignatureColumn,
};
use crate::profile::deal::Profile;
use crate::render::clauses::Schedule;
use crate::render::escape;
use crate::render::templates::Labels;

/// Where a signature or date is written by hand, in Markdown.
const MD_BLANK: &str = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";

/// The schedule as Markdown.
pub fn markdown(s: &Schedule, p: &Profile, lb: &Labels) -> String {
    let mut o = String::new();
    md_head(&mut o, s, p, lb);
    md_clauses(&mut o, s, lb);
    md_signatures(&mut o, s, p, lb);
    if let Some(a) = &s.appendix {
        super::appendix::markdown(&mut o, a);
    }
    md_manifest(&mut o, s, lb);
    o
}

/// Markdown cell text: one escaped line per script, joined by `<br>`.
fn md_cell(v: &[String]) -> String {
    v.iter()
        .map(|x| escape::md_inline(x))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_head(o: &mut String, s: &Schedule, p: &Profile, lb: &Labels) {
    let langs = &s.langs;
    let colon = colon(langs);
    for l in langs.list() {
        o.push_str(&format!("# {}\n", escape::md_inline(&lb.one("title", *l))));
    }
    o.push('\n');
    o.push_str(&format!(
        "**{}{colon}** {}  \n",
        lb.get("contract_no"),
        escape::md_inline(&p.deal.id)
    ));
    let goods: Vec<String> = langs
        .list()
        .iter()
        .map(|l| escape::md_inline(p.deal.title.get_or_any(*l)))
        .collect();
    o.push_str(&format!(
        "**{}{colon}** {}  \n",
        lb.get("goods"),
        goods.join(" / ")
    ));
    if let Some(d) = p.deal.signed.ymd {
        let dates: Vec<String> = langs.list().iter().map(|l| d.long(*l)).collect();
        o.push_str(&format!(
            "**{}{colon}** {}\n",
            lb.get("signed"),
            dates.join(" / ")
        ));
    }
    o.push('\n');
    o.push_str(&format!(
        "| | {} | {} |\n|---|---|---|\n",
        lb.get("seller"),
        lb.get("buyer")
    ));
    o.push_str(&format!(
        "| {} | {} | {} |\n",
        lb.get("name"),
        md_cell(&party_name(&p.seller, langs)),
        md_cell(&party_name(&p.buyer, langs))
    ));
    o.push_str(&format!(
        "| {} | {} | {} |\n\n",
        lb.get("address"),
        md_cell(&party_address(&p.seller, langs)),
        md_cell(&party_address(&p.buyer, langs))
    ));
}

fn md_clauses(o: &mut String, s: &Schedule, lb: &Labels) {
    let langs = &s.langs;
    for (i, sec) in s.sections.iter().enumerate() {
        let head = section_heading(lb, langs, i + 1, sec);
        o.push_str(&format!("## {}\n\n", escape::md_inline(&head)));
        for c in &sec.clauses {
            let heads: Vec<String> = langs.list().iter().map(|l| clause_heading(c, *l)).collect();
            o.push_str(&format!(
                "### {}\n\n",
                escape::md_inline(&heads.join(" / "))
            ));
            let count = c.paras.get(&langs.primary()).map_or(0, Vec::len);
            for i in 0..count {
                for l in langs.list() {
                    let Some(para) = c.paras.get(l).and_then(|v| v.get(i)) else {
                        continue;
                    };
                    let num = para_number(c, i, count);
                    let body: Vec<String> = para.iter().map(|line| escape::md(line)).collect();
                    if num.is_empty() {
                        o.push_str(&body.join("\\\n"));
                    } else {
                        o.push_str(&format!("**{num}** {}", body.join("\\\n")));
                    }
                    o.push_str("\n\n");
                }
            }
        }
    }
}

/// The signature block as a Markdown table: a blank line for each signature and date, the
/// signatories' names and titles, and a chop row only when a party seals with a chop.
fn md_signatures(o: &mut String, s: &Schedule, p: &Profile, lb: &Labels) {
    let langs = &s.langs;
    o.push_str(&format!(
        "## {}\n\n",
        escape::md_inline(&lb.get("signatures"))
    ));
    for line in signature_intro(lb, langs) {
        o.push_str(&format!("{}\n\n", escape::md(&line)));
    }
    let cols = [
        SignatureColumn::of(&p.seller, langs),
        SignatureColumn::of(&p.buyer, langs),
    ];
    // The header names each party under its role, as the PDF's signature table does.
    o.push_str(&format!(
        "| | **{}**<br>{} | **{}**<br>{} |\n|---|---|---|\n",
        escape::md_inline(&lb.get("seller")),
        md_cell(&cols[0].party),
        escape::md_inline(&lb.get("buyer")),
        md_cell(&cols[1].party)
    ));
    let row = |o: &mut String, key: &str, cell: &dyn Fn(&SignatureColumn) -> String| {
        o.push_str(&format!(
            "| {} | {} | {} |\n",
            escape::md_inline(&lb.get(key)),
            cell(&cols[0]),
            cell(&cols[1])
        ));
    };
    let or_blank =
        |v: &Option<String>| v.as_deref().map_or(MD_BLANK.to_string(), escape::md_inline);
    row(o, "sig_signature", &|_| MD_BLANK.to_string());
    row(o, "sig_name", &|c| or_blank(&c.name));
    row(o, "sig_title", &|c| or_blank(&c.title));
    row(o, "sig_date", &|_| MD_BLANK.to_string());
    if cols.iter().any(|c| c.chop) {
        let chop = escape::md_inline(&lb.get("sig_chop_box"));
        row(o, "sig_chop", &|c| {
            if c.chop {
                chop.clone()
            } else {
                String::new()
            }
        });
    }
    o.push('\n');
}

fn md_manifest(o: &mut String, s: &Schedule, lb: &Labels) {
    let colon = colon(&s.langs);
    o.push_str(&format!("## {}\n\n", lb.get("manifest")));
    for l in s.langs.list() {
        o.push_str(&format!("{}\n\n", escape::md(&lb.one("manifest_note", *l))));
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            escape::md_inline(&v.join(", "))
        }
    };
    o.push_str(&format!(
        "{}{colon} `{}` · {}{colon} {} · {}{colon} {}\n\n",
        lb.get("set"),
        s.set,
        lb.get("added"),
        list(&s.added),
        lb.get("removed"),
        list(&s.removed)
    ));
    o.push_str(&format!(
        "| {} | {} | {} | {} |\n|---:|---|---:|---|\n",
        lb.get("no"),
        lb.get("id"),
        lb.get("version"),
        lb.get("hash")
    ));
    for c in s.clauses() {
        o.push_str(&format!(
            "| {} | `{}` | {} | `{}` |\n",
            c.number,
            c.id,
            c.version,
            &c.hash[..16.min(c.hash.len())]
        ));
    }
}
