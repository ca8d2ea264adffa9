//! Select stage: from library + profile to the numbered list of clauses of one document.

use super::{Clause, ClauseSet, Library};
use crate::context::{self, lookup, Lookup, Terms};
use crate::diag::{did_you_mean, Diagnostic, Problems};
use crate::profile::{self, Lang, Langs, Loaded, Text};
use serde_yaml::Value as Yaml;
use std::collections::BTreeMap;

/// A section of the document with its numbered clauses.
#[derive(Debug, Clone)]
pub struct SelectedSection<'l> {
    /// Section id.
    pub id: String,
    /// Heading per language.
    pub title: Text,
    /// Clauses with their numbers.
    pub clauses: Vec<(usize, &'l Clause)>,
}

/// The clauses of one document, in order, numbered.
#[derive(Debug, Clone)]
pub struct Selection<'l> {
    /// The set they come from.
    pub set: &'l ClauseSet,
    /// Non-empty sections in order.
    pub sections: Vec<SelectedSection<'l>>,
    /// The numbers the contract promises.
    pub terms: Terms,
    /// Ids the profile added and removed (for the manifest).
    pub added: Vec<String>,
    /// Ids the profile removed.
    pub removed: Vec<String>,
    numbers: BTreeMap<String, usize>,
}

impl Selection<'_> {
    /// The number of a clause in this document.
    pub fn number_of(&self, id: &str) -> Option<usize> {
        self.numbers.get(id).copied()
    }

    /// Clause numbers by id.
    pub fn numbers(&self) -> &BTreeMap<String, usize> {
        &self.numbers
    }

    /// All clauses in order, with numbers.
    pub fn clauses(&self) -> impl Iterator<Item = (usize, &Clause)> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.clauses.iter().map(|(n, c)| (*n, *c)))
    }

    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Whether no clause was selected.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// The template data of the bundled example profile: it has every optional section, so a name
/// valid there is a valid name even when this deal leaves the section out.
pub fn schema_data(terms: &Terms, langs: &Langs) -> Yaml {
    context::build(profile::example(), terms, Lang::En, langs)
}

/// Whether a name exists in the deal's data or in the schema.
pub fn name_exists(data: &Yaml, schema: &Yaml, path: &str) -> bool {
    let ok = |v| matches!(lookup(v, path), Lookup::Found(_) | Lookup::Unknown);
    ok(data) || ok(schema)
}

/// Picks, orders and numbers the clauses of the deal's set for output in `langs`; warnings
/// are added to `warnings`.
pub fn select<'l>(
    lib: &'l Library,
    loaded: &Loaded,
    langs: &Langs,
    warnings: &mut Problems,
) -> Result<Selection<'l>, Problems> {
    let p = &loaded.profile;
    let set = find_set(lib, loaded)?;
    let mut problems = Problems::new();
    let in_set = check_set(lib, set, &mut problems);
    check_edits(lib, loaded, &in_set, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let terms = Terms::new(p, &set.policy);
    check_policy_approvers(loaded, set, terms.approvers, &mut problems);
    let data = context::build(p, &terms, Lang::En, langs);
    let schema = schema_data(&terms, langs);
    let sections = assemble(lib, set, loaded, &in_set);
    let (sections, numbers) = number(sections, &data, &schema, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    warnings.extend(problems);
    Ok(Selection {
        set,
        sections,
        terms,
        added: p.security.add.clone(),
        removed: p.security.remove.clone(),
        numbers,
    })
}

/// A set policy that raises the approvers: a warning that the schedule promises more than the
/// profile says, or an error when a party has fewer contacts than that. The profile's own
/// number is checked at load, the raised one only here, where the set is known.
fn check_policy_approvers(
    loaded: &Loaded,
    set: &ClauseSet,
    approvers: u32,
    problems: &mut Problems,
) {
    let p = &loaded.profile;
    let own = p.payment.verification.approvers;
    if approvers <= own {
        return;
    }
    let short = crate::profile::check::short_of_approvers(p, approvers);
    if short.is_empty() {
        // The set's number wins silently otherwise: the profile would say one thing and the
        // schedule another, and `approvers: 1` reads as if one person could change an account.
        let field = "payment.verification.approvers";
        problems.push(
            Diagnostic::warning(
                &loaded.src.path,
                format!("the `{}` set requires at least {approvers} approvers on each side: the schedule promises {approvers}, not the {own} written here", set.name),
            )
            .at(loaded.pos(field))
            .field(field)
            .hint(format!("write `approvers: {approvers}` so that the profile says what the contract promises; if a side cannot have {approvers} people approve a change, use another set and say why in a comment")),
        );
    }
    for (who, n) in short {
        let msg = format!("the `{}` set requires {approvers} approvers on each side, but the {who} names {n} contact{}", set.name, if n == 1 { "" } else { "s" });
        problems.push(
            profile_error(loaded, "payment.verification.approvers", msg).hint(format!(
                "add the {who}'s approvers to `{who}.contacts`, or use another clause set"
            )),
        );
    }
}

/// An error at `field` of the profile.
fn profile_error(loaded: &Loaded, field: &str, msg: String) -> Diagnostic {
    Diagnostic::error(&loaded.src.path, msg)
        .at(loaded.pos(field))
        .field(field)
}

/// The set the profile names in `security.clause_set`; an unknown name is an error with the
/// closest known one as a hint.
pub fn find_set<'l>(lib: &'l Library, loaded: &Loaded) -> Result<&'l ClauseSet, Problems> {
    let set_name = &loaded.profile.security.clause_set;
    if let Some(set) = lib.sets.get(set_name) {
        return Ok(set);
    }
    let d = profile_error(
        loaded,
        "security.clause_set",
        format!("unknown clause set `{set_name}`"),
    );
    let d = match did_you_mean(set_name, lib.sets.keys().map(String::as_str)) {
        Some(b) => d.hint(format!("did you mean `{b}`?")),
        None => d.hint(format!(
            "known sets: {}",
            lib.sets.keys().cloned().collect::<Vec<_>>().join(", ")
        )),
    };
    Err(d.into())
}

/// The set itself must only name known clauses, each once. Returns the ids it names.
fn check_set<'s>(lib: &Library, set: &'s ClauseSet, problems: &mut Problems) -> Vec<&'s str> {
    let mut in_set: Vec<&str> = Vec::new();
    for (si, sec) in set.sections.iter().enumerate() {
        for (ci, id) in sec.clauses.iter().enumerate() {
            let field = format!("sections[{si}].clauses[{ci}]");
            if !lib.clauses.contains_key(id) {
                let mut d = Diagnostic::error(&set.src.path, format!("unknown clause id `{id}`"))
                    .at(set.index.pos(&field))
                    .field(field);
                if let Some(b) = lib.suggest(id) {
                    d = d.hint(format!("did you mean `{b}`?"));
                }
                problems.push(d);
            } else if in_set.contains(&id.as_str()) {
                problems.push(
                    Diagnostic::error(&set.src.path, format!("clause `{id}` is listed twice"))
                        .at(set.index.pos(&field))
                        .field(field),
                );
            }
            in_set.push(id);
        }
    }
    in_set
}

/// The profile's `remove` and `add` lists: known ids; a warning for one that changes nothing.
fn check_edits(lib: &Library, loaded: &Loaded, in_set: &[&str], problems: &mut Problems) {
    let p = &loaded.profile;
    let set_name = &p.security.clause_set;
    for (list, verb) in [(&p.security.remove, "remove"), (&p.security.add, "add")] {
        for (i, id) in list.iter().enumerate() {
            let field = format!("security.{verb}[{i}]");
            if !lib.clauses.contains_key(id) {
                let d = profile_error(loaded, &field, format!("unknown clause id `{id}`"));
                problems.push(match lib.suggest(id) {
                    Some(b) => d.hint(format!("did you mean `{b}`?")),
                    None => d.hint("`dealguard clauses list` shows every clause id"),
                });
            } else if verb == "remove" && !in_set.contains(&id.as_str()) {
                problems.push(
                    Diagnostic::warning(
                        &loaded.src.path,
                        format!("clause `{id}` is not in set `{set_name}`; nothing to remove"),
                    )
                    .at(loaded.pos(&field))
                    .field(field),
                );
            } else if verb == "add" && in_set.contains(&id.as_str()) {
                problems.push(
                    Diagnostic::warning(
                        &loaded.src.path,
                        format!("clause `{id}` is already in set `{set_name}`"),
                    )
                    .at(loaded.pos(&field))
                    .field(field),
                );
            }
        }
    }
}

/// A section of the set before conditions: id, title, clauses.
type Draft<'l> = (String, Text, Vec<&'l Clause>);

/// Sections with the set's clauses, minus removed, plus added (into the clause's own
/// section, else the last).
fn assemble<'l>(
    lib: &'l Library,
    set: &ClauseSet,
    loaded: &Loaded,
    in_set: &[&str],
) -> Vec<Draft<'l>> {
    let sec = &loaded.profile.security;
    let mut sections: Vec<Draft<'l>> = set
        .sections
        .iter()
        .map(|s| {
            let clauses = s
                .clauses
                .iter()
                .filter(|id| !sec.remove.contains(id))
                .filter_map(|id| lib.clauses.get(id))
                .collect();
            (s.id.clone(), s.title.clone(), clauses)
        })
        .collect();
    for id in &sec.add {
        if in_set.contains(&id.as_str()) || sec.remove.contains(id) {
            continue;
        }
        let Some(c) = lib.clauses.get(id) else {
            continue;
        };
        let target = c
            .section
            .as_ref()
            .and_then(|s| sections.iter().position(|x| &x.0 == s))
            .unwrap_or(sections.len().saturating_sub(1));
        if let Some(sec) = sections.get_mut(target) {
            sec.2.push(c);
        }
    }
    sections
}

/// Conditions, then numbering: the clauses whose `when:` holds, numbered from 1; sections
/// left empty are dropped.
fn number<'l>(
    sections: Vec<Draft<'l>>,
    data: &Yaml,
    schema: &Yaml,
    problems: &mut Problems,
) -> (Vec<SelectedSection<'l>>, BTreeMap<String, usize>) {
    let mut numbers = BTreeMap::new();
    let mut out = Vec::new();
    let mut n = 0;
    for (id, title, clauses) in sections {
        let mut kept = Vec::new();
        for c in clauses {
            if !holds(c, data, schema, problems) {
                continue;
            }
            n += 1;
            numbers.insert(c.id.clone(), n);
            kept.push((n, c));
        }
        if !kept.is_empty() {
            out.push(SelectedSection {
                id,
                title,
                clauses: kept,
            });
        }
    }
    (out, numbers)
}

/// Whether a clause's condition holds for the deal (a clause without one always does). A
/// condition that reads an unknown name is an error and leaves the clause out.
fn holds(c: &Clause, data: &Yaml, schema: &Yaml, problems: &mut Problems) -> bool {
    let Some((raw, expr)) = &c.when else {
        return true;
    };
    let unknown: Vec<&str> = expr
        .names()
        .into_iter()
        .filter(|name| !name_exists(data, schema, name))
        .collect();
    if !unknown.is_empty() {
        for name in unknown {
            problems.push(
                c.error(
                    "when",
                    format!("`{raw}` reads `{name}`, which is not in the deal profile"),
                )
                .hint("conditions read the same names as templates; see `docs/clauses.md`"),
            );
        }
        return false;
    }
    expr.eval(data)
}
