//! `dealguard clauses list|show|coverage`: the clause library as the deal sees it.

use super::shared::{prepare, select, Outcome, Run};
use crate::clauses::topics::{GUIDANCE, LEFT_TO_MAIN_CONTRACT, TOPICS};
use crate::clauses::{self, Library};
use crate::cli::ClausesCommand;
use crate::diag::{Diagnostic, Where};
use crate::profile::{Lang, Langs};
use std::path::Path;

pub(super) fn clauses_cmd(deal: &Path, c: &ClausesCommand) -> Outcome {
    match c {
        ClausesCommand::List { set } => clauses_list(deal, set.as_deref()),
        ClausesCommand::Show { id, lang, raw } => clauses_show(deal, id, lang.lang.as_ref(), *raw),
        ClausesCommand::Coverage { set } => clauses_coverage(deal, set.as_deref()),
    }
}

/// The library without a deal: built-in only, with the `standard` set.
fn no_deal(deal: &Path) -> bool {
    !deal.exists() && deal == Path::new("deal.yaml")
}

fn clauses_list(deal: &Path, set: Option<&str>) -> Outcome {
    let mut run = Run::new();
    let (lib, numbers, set_name, deal_note) = if no_deal(deal) {
        let lib = run.stage(Library::builtin())?;
        let set_name = set.unwrap_or("standard").to_string();
        (
            lib,
            None,
            set_name,
            "built-in clauses (no deal.yaml here)".to_string(),
        )
    } else {
        let p = prepare(&mut run, deal, None, set)?;
        let sel = select(&mut run, &p)?;
        let numbers = sel.numbers().clone();
        let name = sel.set.name.clone();
        let note = format!(
            "deal {} — numbers as in its contract ({})",
            p.loaded.profile.deal.id,
            p.langs.code()
        );
        (p.lib, Some(numbers), name, note)
    };
    let Some(s) = lib.sets.get(&set_name) else {
        let names: Vec<&str> = lib.sets.keys().map(String::as_str).collect();
        return Err(Diagnostic::error(
            Where::arg("--set"),
            format!("unknown clause set `{set_name}`"),
        )
        .hint(format!("known sets: {}", names.join(", ")))
        .into());
    };
    crate::outln!("{deal_note}");
    crate::outln!(
        "set `{}`: {}",
        s.name,
        s.description.as_deref().unwrap_or("")
    );
    crate::outln!(
        "{:>4}  {:<26} {:>3}  {:<12} {:<34} title",
        "no.",
        "id",
        "ver",
        "source",
        "topics"
    );
    let in_set: Vec<&str> = s
        .sections
        .iter()
        .flat_map(|x| x.clauses.iter().map(String::as_str))
        .collect();
    let order = contract_order(&in_set, numbers.as_ref());
    let print = |id: &str, no: String| clause_row(&lib, id, &no);
    for id in &order {
        let no = match &numbers {
            Some(n) => n.get(*id).map_or("–".to_string(), |k| k.to_string()),
            None => String::new(),
        };
        print(id, no);
    }
    let others: Vec<&String> = lib
        .clauses
        .keys()
        .filter(|id| !order.contains(&id.as_str()))
        .collect();
    if !others.is_empty() {
        crate::outln!("not in this set (add with `security: {{ add: [id] }}`):");
        for id in others {
            print(id, String::new());
        }
    }
    if numbers.is_some() {
        crate::outln!("– = in the set but left out for this deal (condition or `remove`)");
    }
    run.finish()
}

/// The clauses of a set in the deal's contract order: the clauses the deal adds join the list,
/// everything sorts by its number, and a clause left out stays where the set puts it. Without
/// a deal, the set's own order.
fn contract_order<'a>(
    in_set: &[&'a str],
    numbers: Option<&'a std::collections::BTreeMap<String, usize>>,
) -> Vec<&'a str> {
    let mut order: Vec<&str> = in_set.to_vec();
    let Some(n) = numbers else {
        return order;
    };
    order.extend(
        n.keys()
            .map(String::as_str)
            .filter(|id| !in_set.contains(id)),
    );
    let mut last = 0.0;
    let mut keyed: Vec<(f64, &str)> = order
        .iter()
        .map(|id| {
            let k = n.get(*id).map_or(last + 0.5, |x| *x as f64);
            last = k.floor();
            (k, *id)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// One line of `clauses list`: number, id, version, source, topics, title and condition.
fn clause_row(lib: &Library, id: &str, no: &str) {
    if let Some(c) = lib.clauses.get(id) {
        let title = c.title.get_or_any(Lang::En);
        let when = c
            .when
            .as_ref()
            .map_or(String::new(), |(w, _)| format!("  [when {w}]"));
        crate::outln!(
            "{no:>4}  {:<26} {:>3}  {:<12} {:<34} {title}{when}",
            c.id,
            c.version,
            c.origin.label(),
            c.topics.join(",")
        );
    }
}

fn clauses_show(deal: &Path, id: &str, lang: Option<&Langs>, raw: bool) -> Outcome {
    let mut run = Run::new();
    let unknown = |lib: &Library| {
        let d = Diagnostic::error(Where::arg(id), format!("unknown clause id `{id}`"));
        match lib.suggest(id) {
            Some(b) => d.hint(format!("did you mean `{b}`?")),
            None => d.hint("`dealguard clauses list` shows every clause id"),
        }
    };
    if no_deal(deal) || raw {
        let lib = if no_deal(deal) {
            run.stage(Library::builtin())?
        } else {
            prepare(&mut run, deal, lang, None)?.lib
        };
        let Some(c) = lib.clauses.get(id) else {
            return Err(unknown(&lib).into());
        };
        print_clause_header(c);
        for l in Lang::ALL {
            if let (Some(t), Some(x)) = (c.title.get(l), c.text.get(l)) {
                crate::outln!("\n[{l}] {t}\n{}", x.trim_end());
            }
        }
        return run.finish();
    }
    let p = prepare(&mut run, deal, lang, None)?;
    let Some(c) = p.lib.clauses.get(id) else {
        return Err(unknown(&p.lib).into());
    };
    let sel = select(&mut run, &p)?;
    print_clause_header(c);
    let schedule = run.stage(p.schedule(&sel))?;
    match schedule.clauses().find(|r| r.id == id) {
        None => {
            crate::outln!(
                "\nnot in this deal's contract (condition or set); `--raw` shows the template"
            )
        }
        Some(r) => {
            for l in p.langs.list() {
                crate::outln!(
                    "\n{}",
                    r.title
                        .get(l)
                        .map(|t| format!("{}. {t}", r.number))
                        .unwrap_or_default()
                );
                let paras = &r.paras[l];
                for (i, para) in paras.iter().enumerate() {
                    let num = if paras.len() > 1 {
                        format!("{}.{} ", r.number, i + 1)
                    } else {
                        String::new()
                    };
                    crate::outln!("{num}{}", para.join("\n"));
                }
            }
        }
    }
    run.finish()
}

fn print_clause_header(c: &clauses::Clause) {
    crate::outln!(
        "{} v{} — {} ({})",
        c.id,
        c.version,
        c.src.path.display(),
        c.origin.label()
    );
    crate::outln!("sha256 {}", c.hash);
    crate::outln!("topics: {}", c.topics.join(", "));
    if let Some((w, _)) = &c.when {
        crate::outln!("when: {w}");
    }
    crate::outln!("uses: {}", c.uses.join(", "));
}

fn clauses_coverage(deal: &Path, set: Option<&str>) -> Outcome {
    let mut run = Run::new();
    // Each clause of the set: how it is shown ("7 bank-details" for a deal, else the id).
    let entries: Vec<(String, clauses::Clause)> = if no_deal(deal) {
        let lib = run.stage(Library::builtin())?;
        let name = set.unwrap_or("standard");
        let Some(s) = lib.sets.get(name) else {
            return Err(Diagnostic::error(
                Where::arg("--set"),
                format!("unknown clause set `{name}`"),
            )
            .into());
        };
        crate::outln!(
            "set `{name}` (built-in clauses; numbers depend on the deal, so ids are shown)"
        );
        s.sections
            .iter()
            .flat_map(|x| x.clauses.iter())
            .filter_map(|id| lib.clauses.get(id).map(|c| (id.clone(), c.clone())))
            .collect()
    } else {
        let p = prepare(&mut run, deal, None, set)?;
        let sel = select(&mut run, &p)?;
        crate::outln!(
            "deal {} — set `{}`, {} clauses in {}",
            p.loaded.profile.deal.id,
            sel.set.name,
            sel.len(),
            p.langs.code()
        );
        sel.clauses()
            .map(|(n, c)| (format!("{n} {}", c.id), c.clone()))
            .collect()
    };
    let mut gaps = 0;
    for t in &TOPICS {
        let hits: Vec<&str> = entries
            .iter()
            .filter(|(_, c)| c.topics.iter().any(|x| x == t.id))
            .map(|(label, _)| label.as_str())
            .collect();
        let cell = if hits.is_empty() {
            gaps += 1;
            "MISSING".to_string()
        } else {
            hits.join(", ")
        };
        crate::outln!("{:<20} {cell:<48} {}", t.id, t.en);
    }
    if gaps > 0 {
        run.problems.push(
            Diagnostic::error(
                Where::arg("clauses coverage"),
                format!("{gaps} security topic(s) are not covered"),
            )
            .hint("add a clause that covers them, or choose a set that does"),
        );
    } else {
        crate::outln!("all {} topics covered", TOPICS.len());
    }
    print_guidance(&entries);
    run.finish()
}

/// The points of ISO/IEC 27002 5.20 and of the IC3 advice, with the clauses of the set that
/// cover each (`—` when none does: guidance, not a requirement of the SPEC), then what is
/// left to the main contract on purpose.
fn print_guidance(entries: &[(String, clauses::Clause)]) {
    for g in &GUIDANCE {
        crate::outln!();
        crate::outln!("{}", g.name);
        for pt in g.points {
            let hits: Vec<&str> = entries
                .iter()
                .filter(|(_, c)| pt.clauses.contains(&c.id.as_str()))
                .map(|(label, _)| label.as_str())
                .collect();
            let cell = if hits.is_empty() {
                "— (no clause of this set)".to_string()
            } else {
                hits.join(", ")
            };
            crate::outln!("  {:<17} {}", pt.id, pt.en);
            crate::outln!("  {:<17} → {cell}", "");
        }
    }
    crate::outln!();
    crate::outln!("left to the main contract on purpose");
    for (what, why) in &LEFT_TO_MAIN_CONTRACT {
        crate::outln!("  {what}: {why}");
    }
}
