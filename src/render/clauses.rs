//! Render stage: selected clauses → checked, numbered plain text in each language.

use super::env::{self, Numbers, Origin};
use super::guard;
use crate::clauses::select::{name_exists, schema_data};
use crate::clauses::{paragraphs, Clause, Selection};
use crate::context;
use crate::diag::Problems;
use crate::profile::{Lang, Langs, Loaded, Text};
use serde_yaml::Value as Yaml;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One clause, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedClause {
    /// Number in this document.
    pub number: usize,
    /// Stable id.
    pub id: String,
    /// Version of the wording.
    pub version: u32,
    /// SHA-256 of the clause file.
    pub hash: String,
    /// Title per language.
    pub title: BTreeMap<Lang, String>,
    /// Paragraphs (each a list of lines) per language; same count in every language.
    pub paras: BTreeMap<Lang, Vec<Vec<String>>>,
}

/// A section heading and its rendered clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedSection {
    /// Heading per language.
    pub title: Text,
    /// Clauses in order.
    pub clauses: Vec<RenderedClause>,
}

/// The whole schedule, ready for an output format.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Languages, in order.
    pub langs: Langs,
    /// Sections in order.
    pub sections: Vec<RenderedSection>,
    /// Set name.
    pub set: String,
    /// Ids added by the profile.
    pub added: Vec<String>,
    /// Ids removed by the profile.
    pub removed: Vec<String>,
    /// The SCC annexes of an EU/EEA buyer's deal (`scc.rs`), printed after the signatures.
    pub appendix: Option<super::scc::Appendix>,
}

impl Schedule {
    /// All clauses in order.
    pub fn clauses(&self) -> impl Iterator<Item = &RenderedClause> {
        self.sections.iter().flat_map(|s| s.clauses.iter())
    }
}

/// Whether a `uses` entry covers a used path (same path, or an ancestor of it, or a descendant).
fn covers(entry: &str, path: &str) -> bool {
    let prefix =
        |a: &str, b: &str| a == b || (b.starts_with(a) && b.as_bytes().get(a.len()) == Some(&b'.'));
    prefix(entry, path) || prefix(path, entry)
}

/// Checks a clause's templates against the profile before rendering: languages present,
/// every name defined, `uses` complete and honest.
fn lint(c: &Clause, langs: &Langs, data: &Yaml, schema: &Yaml) -> Problems {
    let mut p = Problems::new();
    for l in langs.list() {
        for (what, t) in [("title", &c.title), ("text", &c.text)] {
            if t.get(*l).is_none() {
                p.push(
                    c.error(
                        what,
                        format!(
                            "clause `{}` has no `{l}` {what}, which this document needs",
                            c.id
                        ),
                    )
                    .hint(format!(
                        "add `{l}:` under `{what}`, or choose another `--lang`"
                    )),
                );
            }
        }
    }
    let mut syntax = env::tera(Lang::En, Numbers::default());
    let mut used: Vec<String> = c.when.as_ref().map_or(Vec::new(), |(_, e)| {
        e.names().into_iter().map(str::to_string).collect()
    });
    for l in Lang::ALL {
        for (what, t) in [("title", &c.title), ("text", &c.text)] {
            let Some(tpl) = t.get(l) else { continue };
            let field = format!("{what}.{l}");
            let origin = Origin::of(&c.src, &c.index, &field);
            // A template that does not parse is reported as such; its names mean little.
            if let Err(e) = syntax.add_raw_template(&field, tpl) {
                p.push(env::error(&e, &c.src.path, origin, &field));
                continue;
            }
            for b in guard::check_safe(tpl) {
                let mut d = c
                    .error(&field, b.message)
                    .at(Some(origin.map(b.line, b.col)));
                d.hint = b.hint;
                p.push(d);
            }
            let (bad, uses) = env::check_names(tpl, data, schema);
            for b in bad {
                let mut d = c
                    .error(&field, b.message)
                    .at(Some(origin.map(b.line, b.col)));
                d.hint = b.hint;
                p.push(d);
            }
            for v in uses {
                if name_exists(data, schema, &v.path) && !c.uses.iter().any(|u| covers(u, &v.path))
                {
                    p.push(
                        c.error(&field, format!("`{}` is used but not listed in `uses`", v.path))
                            .at(Some(origin.map(v.line, v.col)))
                            .hint(format!("add `{}` to `uses`, so reviewers see which profile facts the clause depends on", v.path)),
                    );
                }
                used.push(v.path);
            }
        }
    }
    for (i, u) in c.uses.iter().enumerate() {
        if !used.iter().any(|x| covers(u, x)) {
            p.push(
                c.error(
                    &format!("uses[{i}]"),
                    format!("`{u}` is listed in `uses` but the clause does not use it"),
                )
                .hint("remove it from `uses`"),
            );
        }
    }
    p
}

/// Renders the selected clauses in every language of `langs`; all problems are collected.
/// `report_labels` are the deal's report labels (a company's layered over the built-in ones):
/// the reporting clause lists the section titles the deal's reports print.
pub fn render(
    sel: &Selection,
    loaded: &Loaded,
    langs: &Langs,
    report_labels: &BTreeMap<String, Text>,
) -> Result<Schedule, Problems> {
    let p = &loaded.profile;
    let numbers: Numbers = Arc::new(sel.numbers().clone());
    let schema = schema_data(&sel.terms, langs);
    let cadence = p.channels.reports.cadence;
    let data: BTreeMap<Lang, Yaml> = (langs.list().iter())
        .map(|l| {
            let mut d = context::build(p, &sel.terms, *l, langs);
            if let Some(m) = d.as_mapping_mut() {
                let sections = context::report_sections_in(report_labels, *l, cadence);
                m.insert("report".into(), sections);
            }
            (*l, d)
        })
        .collect();
    let mut problems = Problems::new();
    for (_, c) in sel.clauses() {
        problems.extend(lint(c, langs, &data[&langs.primary()], &schema));
    }
    if problems.has_errors() {
        return Err(problems);
    }

    let mut rendered: BTreeMap<String, RenderedClause> = BTreeMap::new();
    for l in langs.list() {
        let ctx = match tera::Context::from_serialize(&data[l]) {
            Ok(c) => c,
            Err(e) => {
                return Err(crate::diag::Diagnostic::error(
                    &loaded.src.path,
                    format!("cannot build template data: {e}"),
                )
                .into())
            }
        };
        let tera = env::tera(*l, numbers.clone());
        render_lang(sel, *l, tera, ctx, &mut rendered, &mut problems);
    }
    check_aligned(sel, &rendered, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let sections = sel
        .sections
        .iter()
        .map(|s| RenderedSection {
            title: s.title.clone(),
            clauses: s
                .clauses
                .iter()
                .filter_map(|(_, c)| rendered.remove(&c.id))
                .collect(),
        })
        .collect();
    Ok(Schedule {
        langs: langs.clone(),
        sections,
        set: sel.set.name.clone(),
        added: sel.added.clone(),
        removed: sel.removed.clone(),
        appendix: None,
    })
}

/// Renders every clause's title and text in language `l` (each template parsed, then all run on
/// the watchdog) into `rendered`; problems are located at the clause file's field.
fn render_lang(
    sel: &Selection,
    l: Lang,
    mut tera: tera::Tera,
    ctx: tera::Context,
    rendered: &mut BTreeMap<String, RenderedClause>,
    problems: &mut Problems,
) {
    let mut jobs: Vec<(usize, &Clause, String, Origin)> = Vec::new();
    for (n, c) in sel.clauses() {
        for what in ["title", "text"] {
            let field = format!("{what}.{l}");
            let tpl = if what == "title" {
                c.title.get(l)
            } else {
                c.text.get(l)
            }
            .unwrap_or_default();
            let name = format!("{}#{field}", c.src.path.display());
            let origin = Origin::of(&c.src, &c.index, &field);
            match tera.add_raw_template(&name, tpl) {
                Ok(()) => jobs.push((n, c, name, origin)),
                Err(e) => problems.push(env::error(&e, &c.src.path, origin, &field)),
            }
        }
    }
    let names: Vec<String> = jobs.iter().map(|j| j.2.clone()).collect();
    let results = guard::render_guarded(tera, ctx, names);
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((_, c, name, origin), r) in jobs.iter().zip(results) {
        let field = name.rsplit('#').next().unwrap_or("text").to_string();
        match r {
            Ok(s) => texts.entry(c.id.clone()).or_default().push(s),
            Err(guard::RenderFail::Tera(e)) => {
                problems.push(env::error(&e, &c.src.path, *origin, &field))
            }
            Err(fail) => {
                let (msg, hint) = fail.describe().unwrap_or_default();
                problems.push(c.error(&field, msg).hint(hint));
                // After a timeout or running out of memory, the rest never ran.
                if !matches!(fail, guard::RenderFail::TooLong) {
                    break;
                }
            }
        }
    }
    for (n, c) in sel.clauses() {
        let Some(mut parts) = texts.remove(&c.id).filter(|p| p.len() == 2) else {
            continue;
        };
        let text = parts.pop().unwrap_or_default();
        let title = parts
            .pop()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let r = rendered
            .entry(c.id.clone())
            .or_insert_with(|| RenderedClause {
                number: n,
                id: c.id.clone(),
                version: c.version,
                hash: c.hash.clone(),
                title: BTreeMap::new(),
                paras: BTreeMap::new(),
            });
        r.title.insert(l, title);
        r.paras.insert(l, paragraphs(&text));
    }
}

/// Conditions inside a text could make the languages drift apart; sub-clause numbers must not,
/// and no clause may render empty.
fn check_aligned(
    sel: &Selection,
    rendered: &BTreeMap<String, RenderedClause>,
    problems: &mut Problems,
) {
    for (_, c) in sel.clauses() {
        let Some(r) = rendered.get(&c.id) else {
            continue;
        };
        let counts: Vec<(Lang, usize)> = r.paras.iter().map(|(l, v)| (*l, v.len())).collect();
        if let [(la, a), (lb, b)] = counts[..] {
            if a != b {
                problems.push(c.error("text", format!("for this deal the `{la}` text renders {a} paragraphs and the `{lb}` text {b}")).hint("make conditions in both languages add or drop the same paragraphs"));
            }
        }
        if r.paras.values().any(Vec::is_empty) {
            problems.push(c.error("text", "renders to an empty text for this deal"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_entries_cover_ancestors_and_descendants() {
        assert!(covers("seller.contacts", "seller.contacts.email"));
        assert!(covers("channels.reports.weekday", "channels.reports"));
        assert!(covers("seller.phone", "seller.phone"));
        assert!(!covers("seller.phone", "seller.phone_alt"));
        assert!(!covers("buyer", "seller.phone"));
    }
}
