//! Render stage: the contract schedule as a DOCX body — title, parties, clauses as Word
//! headings and paragraphs numbered by a real multilevel list (columns or stacked when
//! bilingual), the signature block, the SCC annexes (`appendix.rs`) and the manifest annex;
//! the manifest again as custom
//! properties, so that `diff` knows which clause versions a returned redline started from.
//!
//! Numbering in two languages: each language has its own list instance (`numId` 1 for English
//! `1.`/`1.1`, 2 for Chinese `第1条`/`1.1`) and every clause has one heading and the same
//! sub-clauses in each language, so both counters move in step, also across the two columns
//! of a clause's table (one list numbering both columns would count every clause twice). A
//! clause inserted in Word renumbers what follows in the language it is inserted in.

use super::package::{page_numbers, with_fields, Package, TEXT_WIDTH};
use super::parts::Core;
use super::xml::{page_break, para, run, table, table_rows, Num};
use crate::profile::deal::Profile;
use crate::profile::{Lang, Langs};
use crate::render::clauses::{RenderedClause, Schedule};
use crate::render::contract::{
    colon, party_address, party_name, section_heading, signature_intro, SignatureColumn,
};
use crate::render::pdfdoc::ContractLayout;
use crate::render::templates::Labels;
use dealguard_pdf::page;

/// Fill of header rows (the PDF's header band colour).
const HEAD_FILL: &str = "E8EDF3";

/// The list instance of a language's clause numbering.
pub fn list_of(l: Lang) -> u32 {
    match l {
        Lang::En => 1,
        Lang::Zh => 2,
    }
}

/// The character style of a language's runs.
fn rstyle(l: Lang) -> Option<&'static str> {
    (l == Lang::Zh).then_some("Chinese")
}

/// The contract schedule as a DOCX.
pub fn contract(
    s: &Schedule,
    p: &Profile,
    lb: &Labels,
    layout: ContractLayout,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let langs = &s.langs;
    let mut body = head(s, p, lb);
    let columns = langs.is_bilingual() && layout == ContractLayout::Columns;
    for (i, sec) in s.sections.iter().enumerate() {
        let h = section_heading(lb, langs, i + 1, sec);
        body.push_str(&para("Heading1", None, "", &run(&h, None, false)));
        for c in &sec.clauses {
            body.push_str(&clause(c, langs, columns));
        }
    }
    body.push_str(&signatures(p, lb, langs));
    if let Some(a) = &s.appendix {
        body.push_str(&super::appendix::appendix(a));
    }
    body.push_str(page_break());
    body.push_str(&annex(s, lb));
    let phone = page::unbreakable(p.payment.verification.callback());
    let header = with_fields(
        "Header",
        &format!(
            "{} · {} {}",
            party_name(&p.seller, langs).join(" / "),
            lb.get("contract_no"),
            p.deal.id
        ),
    );
    let mut footer: String = langs
        .list()
        .iter()
        .map(|l| {
            let t = lb.fill_one(
                "footer",
                *l,
                &[("id", p.deal.id.clone()), ("phone", phone.clone())],
            );
            with_fields("Footer", &t)
        })
        .collect();
    footer.push_str(&page_numbers(lb));
    Package {
        body,
        header,
        footer,
        links: Vec::new(),
        core: Core {
            title: format!("{} — {}", lb.get("title"), p.deal.id),
            creator: p.seller.name.clone(),
            subject: format!("{} {}", p.deal.id, lb.one("title", Lang::En)),
            keywords: vec![
                p.deal.id.clone(),
                "information security".into(),
                "信息安全".into(),
                s.set.clone(),
            ],
            timestamp,
        },
        custom: manifest_props(s, p, layout),
    }
    .zip()
}

/// The custom properties: what the document is and each clause's id, version and SHA-256.
pub fn manifest_props(s: &Schedule, p: &Profile, layout: ContractLayout) -> Vec<(String, String)> {
    let mut v = vec![
        ("dealguard.document".to_string(), "contract".to_string()),
        ("dealguard.deal".to_string(), p.deal.id.clone()),
        ("dealguard.langs".to_string(), s.langs.code()),
        (
            "dealguard.layout".to_string(),
            match layout {
                ContractLayout::Columns => "columns",
                ContractLayout::Stacked => "stacked",
            }
            .to_string(),
        ),
        ("dealguard.set".to_string(), s.set.clone()),
        (
            "dealguard.clauses".to_string(),
            s.clauses().count().to_string(),
        ),
    ];
    for c in s.clauses() {
        let key = |f: &str| format!("dealguard.clause.{:02}.{f}", c.number);
        v.push((key("id"), c.id.clone()));
        v.push((key("version"), c.version.to_string()));
        v.push((key("sha256"), c.hash.clone()));
    }
    v
}

/// Title, contract number, goods and date, and the parties' table.
fn head(s: &Schedule, p: &Profile, lb: &Labels) -> String {
    let langs = &s.langs;
    let mut o = String::new();
    for (i, l) in langs.list().iter().enumerate() {
        let style = if i == 0 { "Title" } else { "Subtitle" };
        o.push_str(&para(
            style,
            None,
            "",
            &run(&lb.one("title", *l), rstyle(*l), false),
        ));
    }
    let colon = colon(langs);
    let kv = |label: String, value: String| {
        para(
            "Normal",
            None,
            r#"<w:spacing w:after="40"/>"#,
            &format!(
                "{}{}",
                run(&format!("{label}{colon} "), None, true),
                run(&value, None, false)
            ),
        )
    };
    o.push_str(&kv(lb.get("contract_no"), p.deal.id.clone()));
    let goods = langs.distinct(|l| p.deal.title.get_or_any(l).to_string());
    o.push_str(&kv(lb.get("goods"), goods.join(" / ")));
    if let Some(d) = p.deal.signed.ymd {
        let mut dates: Vec<String> = langs.list().iter().map(|l| d.long(*l)).collect();
        dates.dedup();
        o.push_str(&kv(lb.get("signed"), dates.join(" / ")));
    }
    let cell =
        |v: Vec<String>, bold: bool| para("TableText", None, "", &run(&v.join("\n"), None, bold));
    let label = |k: &str| para("TableText", None, "", &run(&lb.get(k), None, true));
    let w = [TEXT_WIDTH / 5, TEXT_WIDTH * 2 / 5, TEXT_WIDTH * 2 / 5];
    o.push_str(&table(
        &w,
        Some(&[String::from("<w:p/>"), label("seller"), label("buyer")]),
        &[
            vec![
                label("name"),
                cell(party_name(&p.seller, langs), true),
                cell(party_name(&p.buyer, langs), true),
            ],
            vec![
                label("address"),
                cell(party_address(&p.seller, langs), false),
                cell(party_address(&p.buyer, langs), false),
            ],
        ],
        HEAD_FILL,
    ));
    o
}

/// A sub-clause (or the clause's one paragraph) in one language, numbered `7.1` by the list.
fn sub_clause(c: &RenderedClause, l: Lang, k: usize, count: usize, in_table: bool) -> String {
    let lines = c
        .paras
        .get(&l)
        .and_then(|v| v.get(k))
        .cloned()
        .unwrap_or_default();
    let num = (count > 1).then_some(Num {
        id: list_of(l),
        level: 1,
    });
    // A clause's only paragraph in a narrow column needs no indent under a number.
    let extra = if num.is_none() && in_table {
        r#"<w:ind w:left="0"/>"#
    } else {
        ""
    };
    para(
        "ClauseBody",
        num,
        extra,
        &run(&lines.join("\n"), rstyle(l), false),
    )
}

/// A clause's heading in one language: the number from the list, then the title.
fn clause_heading(c: &RenderedClause, l: Lang) -> String {
    let title = c.title.get(&l).map_or("", String::as_str);
    para(
        "Heading2",
        Some(Num {
            id: list_of(l),
            level: 0,
        }),
        "",
        &run(title, rstyle(l), false),
    )
}

/// One clause: a two-column table (headings as its repeated header row, a row per
/// sub-clause), or the headings and sub-clauses language by language.
fn clause(c: &RenderedClause, langs: &Langs, columns: bool) -> String {
    let count = c.paras.get(&langs.primary()).map_or(0, Vec::len);
    if columns {
        let n = langs.list().len() as u32;
        let w: Vec<u32> = langs.list().iter().map(|_| TEXT_WIDTH / n).collect();
        let header: Vec<String> = langs.list().iter().map(|l| clause_heading(c, *l)).collect();
        let rows: Vec<Vec<String>> = (0..count)
            .map(|k| {
                langs
                    .list()
                    .iter()
                    .map(|l| sub_clause(c, *l, k, count, true))
                    .collect()
            })
            .collect();
        // A spacer paragraph keeps Word from merging consecutive clause tables into one.
        return format!(
            "{}{}",
            table(&w, Some(&header), &rows, HEAD_FILL),
            para("Normal", None, r#"<w:spacing w:after="0"/>"#, "")
        );
    }
    let mut o: String = langs.list().iter().map(|l| clause_heading(c, *l)).collect();
    for k in 0..count {
        for l in langs.list() {
            o.push_str(&sub_clause(c, *l, k, count, false));
        }
    }
    o
}

/// The signature block: the intro, then a table with a column per party (lines to sign and
/// date on, names and titles, a chop box for a party that seals with a chop).
fn signatures(p: &Profile, lb: &Labels, langs: &Langs) -> String {
    let keep = r#"<w:keepNext/>"#;
    let mut o = para(
        "Heading1",
        None,
        "",
        &run(&lb.get("signatures"), None, false),
    );
    for line in signature_intro(lb, langs) {
        o.push_str(&para("Note", None, keep, &run(&line, None, false)));
    }
    let cols = [
        SignatureColumn::of(&p.seller, langs),
        SignatureColumn::of(&p.buyer, langs),
    ];
    let blank = "______________________________".to_string();
    let line = |key: &str, v: &Option<String>| {
        let v = v.clone().unwrap_or_else(|| blank.clone());
        para(
            "TableText",
            None,
            keep,
            &run(
                &format!("{}{}  {v}", lb.get(key), colon(langs)),
                None,
                false,
            ),
        )
    };
    let head = |key: &str, c: &SignatureColumn| {
        para(
            "TableText",
            None,
            keep,
            &format!(
                "{}{}",
                run(&lb.get(key), None, true),
                run(&format!("\n{}", c.party.join("\n")), None, true)
            ),
        )
    };
    let rows: Vec<Vec<String>> = [
        ("sig_signature", None, None),
        ("sig_name", cols[0].name.clone(), cols[1].name.clone()),
        ("sig_title", cols[0].title.clone(), cols[1].title.clone()),
        ("sig_date", None, None),
    ]
    .iter()
    .map(|(k, a, b)| vec![line(k, a), line(k, b)])
    .collect();
    // Rows never split across pages; the chop row is tall enough to seal in.
    let mut body: Vec<(&[String], &str)> = rows
        .iter()
        .map(|r| (r.as_slice(), "<w:cantSplit/>"))
        .collect();
    let chop = |c: &SignatureColumn| {
        if c.chop {
            para("Note", None, "", &run(&lb.get("sig_chop"), None, false))
        } else {
            String::new()
        }
    };
    let chops = [chop(&cols[0]), chop(&cols[1])];
    if cols.iter().any(|c| c.chop) {
        body.push((
            &chops,
            r#"<w:cantSplit/><w:trHeight w:val="1800" w:hRule="atLeast"/>"#,
        ));
    }
    let w = [TEXT_WIDTH / 2, TEXT_WIDTH / 2];
    let head = [head("seller", &cols[0]), head("buyer", &cols[1])];
    o.push_str(&table_rows(&w, Some(&head), &body, HEAD_FILL));
    o
}

/// The annex: the clause manifest (ids, versions, the start of each hash).
fn annex(s: &Schedule, lb: &Labels) -> String {
    let mut o = para("Heading1", None, "", &run(&lb.get("annex"), None, false));
    for l in s.langs.list() {
        o.push_str(&para(
            "Note",
            None,
            "",
            &run(&lb.one("manifest_note", *l), rstyle(*l), false),
        ));
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(", ")
        }
    };
    let line = format!(
        "{}: {} · {}: {} · {}: {}",
        lb.get("set"),
        s.set,
        lb.get("added"),
        list(&s.added),
        lb.get("removed"),
        list(&s.removed)
    );
    o.push_str(&para("Normal", None, "", &run(&line, None, false)));
    let cell = |t: String, bold: bool| para("TableText", None, "", &run(&t, None, bold));
    let w = [
        TEXT_WIDTH / 10,
        TEXT_WIDTH * 4 / 10,
        TEXT_WIDTH / 10,
        TEXT_WIDTH * 4 / 10,
    ];
    let header: Vec<String> = ["no", "id", "version", "hash"]
        .iter()
        .map(|k| cell(lb.get(k), true))
        .collect();
    let rows: Vec<Vec<String>> = s
        .clauses()
        .map(|c| {
            vec![
                cell(c.number.to_string(), false),
                cell(c.id.clone(), false),
                cell(c.version.to_string(), false),
                cell(c.hash[..16.min(c.hash.len())].to_string(), false),
            ]
        })
        .collect();
    o.push_str(&table(&w, Some(&header), &rows, HEAD_FILL));
    o
}
