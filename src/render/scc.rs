//! Render stage: the appendix of the schedule of an EU/EEA buyer's deal — Annexes I and II of
//! the standard contractual clauses (Module One) that the clause `personal-data-gdpr`
//! incorporates, filled in from the profile and the rendered schedule: the parties and their
//! Named Contacts, the data and purposes, the retention of the records, the supervisory
//! authority of the buyer's country (`country.rs`) and, as Annex II, the schedule's security
//! clauses by their numbers in this deal. A small model that each format writes: Markdown and
//! HTML in `contract/appendix.rs`, PDF in `pdfdoc`, DOCX in `docx/appendix.rs`.

use super::clauses::Schedule;
use super::env::clause_ref;
use super::templates::Labels;
use crate::context::Terms;
use crate::country;
use crate::profile::deal::{Party, Profile};
use crate::profile::Lang;

/// The clause that incorporates the standard contractual clauses: the appendix comes with it.
pub const GDPR_CLAUSE: &str = "personal-data-gdpr";

/// The clauses whose measures Annex II lists, by id: each that the deal's schedule has, under
/// its number in this deal (a company clause with the same id counts too).
pub const ANNEX_II: [&str; 16] = [
    "official-channels",
    "contact-changes",
    "no-credential-sharing",
    "project-platform",
    "access-review",
    "instant-messaging",
    "payment-verification",
    "confidentiality",
    "encrypted-transfer",
    "third-parties",
    "security-measures",
    "incident-notice",
    "security-evidence",
    "audit-rights",
    "record-keeping",
    "return-destruction",
];

/// Lines of text, each in its language (a line the same in both languages appears once).
pub type Lines = Vec<(Lang, String)>;

/// The appendix: a title, a note, then the annexes' parts in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    /// The heading, in the document's languages (" / " between them).
    pub title: String,
    /// The note under the heading, a line per language.
    pub note: Lines,
    /// Annex I, its parts A–C, Annex II.
    pub parts: Vec<AnnexPart>,
}

/// An annex (level 1) or a part of Annex I (level 2): heading, note, and a table.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexPart {
    /// 1 for an annex, 2 for a part of one.
    pub level: u8,
    /// The heading in the document's languages.
    pub heading: String,
    /// Sentences under the heading.
    pub note: Lines,
    /// Headers of the value columns (empty: a two-column table of labels and values).
    pub columns: Vec<Vec<String>>,
    /// The rows: a label and one cell per value column.
    pub rows: Vec<Row>,
}

/// A row of an annex's table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label, a line per language.
    pub label: Vec<String>,
    /// The cells, each lines in their languages.
    pub cells: Vec<Lines>,
}

/// The appendix of the schedule, when the schedule has the GDPR clause.
pub fn appendix(s: &Schedule, p: &Profile, terms: &Terms, lb: &Labels) -> Option<Appendix> {
    let gdpr = s.clauses().find(|c| c.id == GDPR_CLAUSE)?;
    let each = |f: &dyn Fn(Lang) -> String| lines(s, f);
    let note = each(&|l| {
        lb.fill_one(
            "appendix_note",
            l,
            &[("clause", clause_ref(gdpr.number, None, l))],
        )
    });
    let parts = vec![
        heading(lb, "annex1", 1),
        parties(s, p, lb),
        transfer(s, p, terms, lb),
        authority(s, p, lb),
        measures(s, lb),
    ];
    Some(Appendix {
        title: lb.get("appendix"),
        note,
        parts,
    })
}

/// Texts made per language, a text equal to the one before it left out.
fn lines(s: &Schedule, f: &dyn Fn(Lang) -> String) -> Lines {
    let mut out: Lines = Vec::new();
    for l in s.langs.list() {
        let t = f(*l);
        if !out.iter().any(|(_, x)| *x == t) {
            out.push((*l, t));
        }
    }
    out
}

/// A heading with nothing under it (Annex I, before its parts).
fn heading(lb: &Labels, key: &str, level: u8) -> AnnexPart {
    AnnexPart {
        level,
        heading: lb.get(key),
        note: Vec::new(),
        columns: Vec::new(),
        rows: Vec::new(),
    }
}

/// A row whose cells are made per language.
fn row(s: &Schedule, lb: &Labels, key: &str, cells: &[&dyn Fn(Lang) -> String]) -> Row {
    Row {
        label: lb.lines(key),
        cells: cells.iter().map(|f| lines(s, *f)).collect(),
    }
}

/// The Named Contacts of a party as Annex I.A asks for contact persons — name, position,
/// contact details — a line each; a bilingual document gives the name and the position in
/// both languages on the one line.
fn contacts(s: &Schedule, party: &Party) -> Lines {
    let l = s.langs.primary();
    let sep = if s.langs.list() == [Lang::Zh] {
        "，"
    } else {
        ", "
    };
    party
        .contacts
        .iter()
        .map(|c| {
            let mut v = vec![
                s.langs
                    .distinct(|l| c.display_name(l).to_string())
                    .join(" "),
                s.langs.distinct(|l| c.role.label(l)).join(" / "),
                c.email.clone(),
            ];
            v.extend(c.phone.clone());
            (l, v.join(sep))
        })
        .collect()
}

/// Annex I.A: the buyer as data exporter and the seller as data importer, both controllers.
fn parties(s: &Schedule, p: &Profile, lb: &Labels) -> AnnexPart {
    let id = || vec![("id", p.deal.id.clone())];
    let mut rows = vec![
        row(
            s,
            lb,
            "name",
            &[&|l| p.buyer.display_name(l).into(), &|l| {
                p.seller.display_name(l).into()
            }],
        ),
        row(
            s,
            lb,
            "address",
            &[&|l| p.buyer.display_address(l).into(), &|l| {
                p.seller.display_address(l).into()
            }],
        ),
    ];
    rows.push(Row {
        label: lb.lines("contacts"),
        cells: vec![contacts(s, &p.buyer), contacts(s, &p.seller)],
    });
    rows.push(row(
        s,
        lb,
        "activities",
        &[&|l| lb.fill_one("activities_buyer", l, &id()), &|l| {
            lb.fill_one("activities_seller", l, &id())
        }],
    ));
    rows.push(row(
        s,
        lb,
        "role",
        &[&|l| lb.one("controller", l), &|l| lb.one("controller", l)],
    ));
    rows.push(row(
        s,
        lb,
        "signature",
        &[&|l| lb.one("signature_value", l), &|l| {
            lb.one("signature_value", l)
        }],
    ));
    AnnexPart {
        level: 2,
        heading: lb.get("annex1_a"),
        note: Vec::new(),
        columns: vec![lb.lines("exporter"), lb.lines("importer")],
        rows,
    }
}

/// Annex I.B: whose data, which data, how often, why, and for how long.
fn transfer(s: &Schedule, p: &Profile, terms: &Terms, lb: &Labels) -> AnnexPart {
    let names = |party: &Party, l: Lang| {
        let v: Vec<String> = party
            .contacts
            .iter()
            .map(|c| c.display_name(l).to_string())
            .collect();
        super::env::join_list(&v, l)
    };
    let categories = |l: Lang| match &p.channels.im_group {
        Some(im) => lb.fill_one("categories_value_im", l, &[("app", im.app.clone())]),
        None => lb.one("categories_value", l),
    };
    let records = s
        .clauses()
        .find(|c| c.id == "record-keeping")
        .map(|c| c.number);
    // The records' retention as the schedule promises it (a set may lengthen the profile's).
    let years = terms.retention_years;
    let retention = |l: Lang| match records {
        Some(n) => lb.fill_one(
            "retention_value",
            l,
            &[
                ("years", years.to_string()),
                ("clause", clause_ref(n, None, l)),
            ],
        ),
        None => lb.fill_one("retention_value_plain", l, &[("years", years.to_string())]),
    };
    let rows = vec![
        row(
            s,
            lb,
            "subjects",
            &[&|l| {
                lb.fill_one(
                    "subjects_value",
                    l,
                    &[
                        ("buyer", names(&p.buyer, l)),
                        ("seller", names(&p.seller, l)),
                    ],
                )
            }],
        ),
        row(s, lb, "categories", &[&categories]),
        row(s, lb, "sensitive", &[&|l| lb.one("sensitive_value", l)]),
        row(s, lb, "frequency", &[&|l| lb.one("frequency_value", l)]),
        row(s, lb, "nature", &[&|l| lb.one("nature_value", l)]),
        row(
            s,
            lb,
            "purposes",
            &[&|l| lb.fill_one("purposes_value", l, &[("id", p.deal.id.clone())])],
        ),
        row(s, lb, "retention", &[&retention]),
    ];
    AnnexPart {
        level: 2,
        heading: lb.get("annex1_b"),
        note: Vec::new(),
        columns: Vec::new(),
        rows,
    }
}

/// Annex I.C: the supervisory authority of the buyer's (the data exporter's) country.
fn authority(s: &Schedule, p: &Profile, lb: &Labels) -> AnnexPart {
    let said = country::supervisory_authority(&p.buyer.country);
    let name =
        |l: Lang| said.map_or_else(|| lb.one("authority_unknown", l), |a| a.get(l).to_string());
    AnnexPart {
        level: 2,
        heading: lb.get("annex1_c"),
        note: Vec::new(),
        columns: Vec::new(),
        rows: vec![row(
            s,
            lb,
            "authority",
            &[&|l| lb.fill_one("authority_value", l, &[("authority", name(l))])],
        )],
    }
}

/// Annex II: the schedule's security clauses, by their numbers in this deal.
fn measures(s: &Schedule, lb: &Labels) -> AnnexPart {
    let rows = s
        .clauses()
        .filter(|c| ANNEX_II.contains(&c.id.as_str()))
        .map(|c| Row {
            label: lines(s, &|l| clause_ref(c.number, None, l))
                .into_iter()
                .map(|(_, t)| t)
                .collect(),
            cells: vec![lines(s, &|l| c.title.get(&l).cloned().unwrap_or_default())],
        })
        .collect();
    AnnexPart {
        level: 1,
        heading: lb.get("annex2"),
        note: lines(s, &|l| lb.one("measures_note", l)),
        columns: Vec::new(),
        rows,
    }
}
