//! `diff`: its report — which clauses of a returned DOCX differ
//! from ours, as text or JSON.

use super::compare::{align, compare, our_clause, their_clauses, Shape, TextDiff, TheirClause};
use crate::profile::{Lang, Langs};
use crate::render::clauses::{RenderedClause, Schedule};
use dealguard_ooxml::docx::{Change, Returned};
use serde::Serialize;

/// One clause that differs.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseResult {
    /// `changed`, `inserted` or `deleted`.
    pub status: &'static str,
    /// Our number of the clause (for an inserted one: the clause it follows, if any).
    pub number: Option<usize>,
    /// Its number in the returned document (Word renumbers), if it is there.
    pub theirs: Option<usize>,
    /// Our id (for an inserted one: of the clause it follows).
    pub id: Option<String>,
    /// The version we generated from.
    pub version: Option<u32>,
    /// The title, in the first language.
    pub title: String,
    /// Word diffs of what changed.
    pub diffs: Vec<TextDiff>,
    /// An inserted clause's text, per language.
    pub text: Vec<TextDiff>,
    /// Tracked changes in the clause.
    pub tracked: Vec<Change>,
}

/// What `diff` found.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// The returned file, as given.
    pub file: String,
    /// Languages compared.
    pub langs: String,
    /// Our clauses compared.
    pub compared: usize,
    /// Clauses that differ, in document order.
    pub clauses: Vec<ClauseResult>,
    /// Tracked changes outside any clause left standing (a clause deleted with tracking).
    pub tracked_elsewhere: Vec<Change>,
    /// Notes: versions that changed since, clauses that could not be regenerated.
    pub notes: Vec<String>,
}

impl DiffReport {
    /// Whether anything differs.
    pub fn differs(&self) -> bool {
        !self.clauses.is_empty() || !self.tracked_elsewhere.is_empty()
    }
}

fn title_of(c: &TheirClause, lang: Lang) -> String {
    c.titles
        .get(&lang)
        .or_else(|| c.titles.values().next())
        .cloned()
        .unwrap_or_default()
}

/// The text of a clause the other side inserted, per language, its paragraphs joined by ¶.
fn inserted_text(c: &TheirClause, langs: &Langs) -> Vec<TextDiff> {
    langs
        .list()
        .iter()
        .filter_map(|l| {
            let ps = c.paras.get(l)?;
            Some(TextDiff {
                place: "text".into(),
                lang: l.code().into(),
                diff: ps.join(" ¶ "),
            })
        })
        .collect()
}

/// Compares the returned document with `ours` (the clauses it was generated from, in order).
pub fn report(
    file: &str,
    ours: &[&RenderedClause],
    theirs: &Returned,
    langs: &Langs,
) -> DiffReport {
    let primary = langs.primary();
    let shape = Shape {
        langs: langs.list(),
        columns: theirs
            .props
            .get("dealguard.layout")
            .is_some_and(|l| l == "columns"),
    };
    let (their, tracked_elsewhere) = their_clauses(theirs, &shape);
    let our: Vec<TheirClause> = ours.iter().map(|c| our_clause(c)).collect();
    let mut clauses = Vec::new();
    let mut last_ours: Option<usize> = None;
    for (a, b) in align(&our, &their, primary) {
        let mut r = ClauseResult {
            status: "changed",
            number: a
                .map(|i| ours[i].number)
                .or_else(|| last_ours.map(|i| ours[i].number)),
            theirs: b.map(|j| j + 1),
            id: a.or(last_ours).map(|i| ours[i].id.clone()),
            version: a.map(|i| ours[i].version),
            title: String::new(),
            diffs: Vec::new(),
            text: Vec::new(),
            tracked: Vec::new(),
        };
        match (a, b) {
            (Some(i), Some(j)) => {
                r.diffs = compare(ours[i].number, &our[i], &their[j], langs.list());
                r.tracked = their[j].changes.clone();
                if r.diffs.is_empty() && r.tracked.is_empty() {
                    last_ours = Some(i);
                    continue;
                }
                r.title = title_of(&our[i], primary);
            }
            (Some(i), None) => {
                r.status = "deleted";
                r.title = title_of(&our[i], primary);
            }
            (None, Some(j)) => {
                r.status = "inserted";
                r.version = None;
                r.title = title_of(&their[j], primary);
                r.tracked = their[j].changes.clone();
                r.text = inserted_text(&their[j], langs);
            }
            (None, None) => continue,
        }
        if let Some(i) = a {
            last_ours = Some(i);
        }
        clauses.push(r);
    }
    DiffReport {
        file: file.to_string(),
        langs: langs.code(),
        compared: ours.len(),
        clauses,
        tracked_elsewhere,
        notes: Vec::new(),
    }
}

fn change_line(c: &Change) -> String {
    let by = if c.author.is_empty() {
        String::new()
    } else {
        format!(" by {}", c.author)
    };
    format!("  tracked {}{by}: \"{}\"\n", c.kind, c.text.trim())
}

/// The report as text.
pub fn text(r: &DiffReport) -> String {
    let mut o = format!(
        "`{}` against the generated schedule ({}, {} clauses)\n",
        r.file, r.langs, r.compared
    );
    for n in &r.notes {
        o.push_str(&format!("note: {n}\n"));
    }
    for c in &r.clauses {
        let ours = match (c.number, &c.id) {
            (Some(n), Some(id)) => format!("clause {n} `{id}`"),
            _ => "the start".to_string(),
        };
        match c.status {
            "inserted" => o.push_str(&format!(
                "\ninserted: clause {} \"{}\" (after our {ours})\n",
                c.theirs.unwrap_or(0),
                c.title
            )),
            "deleted" => o.push_str(&format!(
                "\ndeleted: {ours} v{} \"{}\"\n",
                c.version.unwrap_or(0),
                c.title
            )),
            _ => o.push_str(&format!(
                "\nchanged: {ours} v{} \"{}\"{}\n",
                c.version.unwrap_or(0),
                c.title,
                c.theirs
                    .filter(|t| Some(*t) != c.number)
                    .map_or(String::new(), |t| format!(" (clause {t} in theirs)"))
            )),
        }
        for d in c.diffs.iter().chain(&c.text) {
            o.push_str(&format!("  {} {}: {}\n", d.place, d.lang, d.diff));
        }
        for t in &c.tracked {
            o.push_str(&change_line(t));
        }
    }
    if !r.tracked_elsewhere.is_empty() {
        o.push_str("\ntracked changes outside the clauses (a clause deleted with tracking?):\n");
        for t in &r.tracked_elsewhere {
            o.push_str(&change_line(t));
        }
    }
    let count = |s: &str| r.clauses.iter().filter(|c| c.status == s).count();
    if r.differs() {
        o.push_str(&format!(
            "\n{} changed, {} inserted, {} deleted\n",
            count("changed"),
            count("inserted"),
            count("deleted")
        ));
    } else {
        o.push_str("\nno differences: every clause reads as generated\n");
    }
    o
}

/// Our clauses in the order of the manifest (`dealguard.clause.NN.id`), with notes on those
/// whose version or file changed since and those no longer selected; every clause when the
/// document has no manifest.
pub fn baseline<'s>(
    s: &'s Schedule,
    props: &std::collections::BTreeMap<String, String>,
) -> (Vec<&'s RenderedClause>, Vec<String>) {
    let mut notes = Vec::new();
    let listed: Vec<(String, Option<u32>, Option<&String>)> = (1..=999)
        .map_while(|n| {
            let key = |f: &str| format!("dealguard.clause.{n:02}.{f}");
            let id = props.get(&key("id"))?;
            Some((
                id.clone(),
                props.get(&key("version")).and_then(|v| v.parse().ok()),
                props.get(&key("sha256")),
            ))
        })
        .collect();
    if listed.is_empty() {
        notes.push("the document has no dealguard manifest properties: compared with every clause of the current schedule".to_string());
        return (s.clauses().collect(), notes);
    }
    let mut v = Vec::new();
    for (id, version, hash) in listed {
        let Some(c) = s.clauses().find(|c| c.id == id) else {
            notes.push(format!("clause `{id}` was in the document but is no longer in the deal's clause set: not compared"));
            continue;
        };
        if version.is_some_and(|x| x != c.version) {
            notes.push(format!(
                "clause `{id}` was generated from version {}; the library now has version {}: compared with the current text",
                version.unwrap_or(0),
                c.version
            ));
        } else if hash.is_some_and(|h| *h != c.hash) {
            notes.push(format!("clause `{id}`: its clause file changed since the document was generated (same version)"));
        }
        v.push(c);
    }
    (v, notes)
}
