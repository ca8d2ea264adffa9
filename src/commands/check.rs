//! `dealguard check [WEEK.yaml…]` (with `--fonts`): the profile, the clause set, the weeks
//! and glyph coverage validated, every problem at once, and the resolved clause list.

use super::report::render_week;
use super::shared::{load_fonts, prepare, same_weeks, select, Outcome, Prepared, Run};
use crate::cli::CheckArgs;
use crate::render;
use std::path::Path;

pub(super) fn check(deal: &Path, a: &CheckArgs) -> Outcome {
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let schedule = run.stage(p.schedule(&sel))?;
    let prof = &p.loaded.profile;
    crate::outln!("deal {} — {}", prof.deal.id, p.loaded.src.path.display());
    let mut changes = Vec::new();
    changes.extend(sel.added.iter().map(|a| format!("+{a}")));
    changes.extend(sel.removed.iter().map(|r| format!("-{r}")));
    let changes = if changes.is_empty() {
        String::new()
    } else {
        format!(" ({})", changes.join(" "))
    };
    crate::outln!(
        "clause set `{}`{changes}: {} clauses in {}",
        sel.set.name,
        sel.len(),
        p.langs.code()
    );
    let t = sel.terms;
    let s = &prof.security;
    if t.incident_notice_hours != s.incident_notice_hours
        || t.retention_years != s.retention_years
        || t.approvers != prof.payment.verification.approvers
    {
        crate::outln!(
            "set policy applied: incident notice {} h, retention {} years, {} approvers",
            t.incident_notice_hours,
            t.retention_years,
            t.approvers
        );
    }
    let fonts = run.stage(load_fonts(&p.loaded, None))?;
    run.problems
        .extend(crate::render::glyphs::profile(&p.loaded, &p.langs, &fonts));
    let refs = crate::report::clause_refs::ClauseRefs::new(&sel, &p.lib);
    let mut weeks = Vec::new();
    for w in &a.weeks {
        match render_week((&p.loaded, &refs), w, &p.langs, &fonts, &p.templates, true) {
            Ok((wk, _, warnings)) => {
                // "ok" only when there is nothing below to read.
                let verdict = match (wk.unfilled.len(), warnings.len()) {
                    (0, 0) => "ok".to_string(),
                    (0, n) => format!("{} below", count(n, "warning")),
                    (n, _) => format!("a draft: {} to fill (below)", count(n, "field")),
                };
                run.problems.extend(warnings);
                crate::outln!(
                    "week {} ({} – {}): report #{}, {}, {} — {verdict}",
                    wk.iso.label(),
                    wk.iso.monday().iso(),
                    wk.iso.sunday().iso(),
                    wk.week.number,
                    count(wk.week.photos.len(), "photo"),
                    count(wk.week.inspections.len(), "inspection"),
                );
                weeks.push(wk);
            }
            Err(e) => run.problems.extend(e),
        }
    }
    weeks.sort_by_key(|w| w.iso);
    run.problems.extend(same_weeks(&weeks));
    for c in schedule.clauses() {
        let titles: Vec<&str> = p
            .langs
            .list()
            .iter()
            .filter_map(|l| c.title.get(l).map(String::as_str))
            .collect();
        crate::outln!("{:>4}  {:<26} {}", c.number, c.id, titles.join(" / "));
    }
    if a.fonts {
        crate::out!("{}", font_usage(&p, &weeks, &schedule, &fonts));
    }
    run.finish()
}

/// `check --fonts`: the face and file that draw each range of the characters the documents use.
fn font_usage(
    p: &Prepared,
    weeks: &[crate::profile::week::LoadedWeek],
    schedule: &render::clauses::Schedule,
    fonts: &dealguard_pdf::font::Fonts,
) -> String {
    let mut chars = render::glyphs::chars(&p.loaded, weeks, &p.langs);
    for c in schedule.clauses() {
        let titles = c.title.values().flat_map(|t| t.chars());
        let paras = c.paras.values().flatten().flatten().flat_map(|l| l.chars());
        chars.extend(titles.chain(paras));
    }
    format!("fonts:\n{}", fonts.usage(&chars))
}

/// "1 photo", "2 photos".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
