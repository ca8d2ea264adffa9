//! Commands that check and set up: `check` (with `--fonts`), `init`, `eject`.

use super::report::render_week;
use super::{load_fonts, prepare, select, Outcome, Run};
use crate::assets;
use crate::cli::{CheckArgs, EjectArgs, InitArgs};
use crate::diag::{Diagnostic, Problems};
use crate::output::{self, Output};
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
    run.problems.extend(super::week::same_weeks(&weeks));
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
    p: &super::Prepared,
    weeks: &[crate::profile::week::LoadedWeek],
    schedule: &render::clauses::Schedule,
    fonts: &crate::pdf::font::Fonts,
) -> String {
    let mut chars = render::glyphs::chars(&p.loaded, weeks, &p.langs);
    for c in schedule.clauses() {
        let titles = c.title.values().flat_map(|t| t.chars());
        let paras = c.paras.values().flatten().flatten().flat_map(|l| l.chars());
        chars.extend(titles.chain(paras));
    }
    format!("fonts:\n{}", fonts.usage(&chars))
}

pub(super) fn init(a: &InitArgs) -> Outcome {
    let deal = a.dir.join("deal.yaml");
    if deal.exists() {
        return Err(
            Diagnostic::error(&deal, "already exists; `init` never overwrites a deal")
                .hint("choose an empty folder: `dealguard init my-new-deal`")
                .into(),
        );
    }
    let week = a.dir.join("reports/2026-W49.yaml");
    let outputs = [
        Output {
            path: deal.clone(),
            bytes: assets::EXAMPLE_DEAL.as_bytes().to_vec(),
        },
        Output {
            path: week.clone(),
            bytes: example_week_without_photos().into_bytes(),
        },
    ];
    output::write_all(&outputs).map_err(Problems::from)?;
    crate::outln!("wrote {} and {}", deal.display(), week.display());
    crate::outln!(
        "next: edit them, then `dealguard --deal {} build`",
        deal.display()
    );
    // The report is the weekly job: show its routine once, where the deal starts.
    let d = deal.display();
    crate::outln!("every week: `dealguard --deal {d} week new` (writes the next week's file; FILL IN marks what to write),");
    crate::outln!("  edit it (actual %, captions, summary), then `dealguard --deal {d} report reports/<week>.yaml`;");
    crate::outln!("  `dealguard --deal {d} status` shows all weeks");
    // The moment money is lost is when a mail asks for it: say how to check one.
    crate::outln!(
        "when a mail asks for a payment, new bank details or a login: `dealguard --deal {} verify MAIL.eml` (exit 4 = warning signs; then call the number in the contract)",
        deal.display()
    );
    Ok(Problems::new())
}

/// The example week with its photo list emptied (the photos are not part of the binary),
/// and a comment showing how to add some.
fn example_week_without_photos() -> String {
    let week = &commented_attachments(assets::EXAMPLE_WEEK);
    match (week.find("\nphotos:\n"), week.find("\nvideos:")) {
        (Some(a), Some(b)) if a < b => format!(
            "{}\nphotos: []   # add site photos from the phone, for example:\n#  - file: photos/line-1.jpg        # relative to this file, inside the deal folder\n#    caption: {{en: Deep drawing line 1, zh: 一号拉伸线}}\n#    stage: cutting\n#    taken: 2026-12-02\n{}",
            &week[..a],
            &week[b..]
        ),
        _ => week.to_string(),
    }
}

/// The example week with its attachments commented out: their scans are not written, and the
/// lines show how to attach one.
fn commented_attachments(week: &str) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(week.len() + 64);
    for line in week.lines() {
        let indent = line.len() - line.trim_start().len();
        inside = line.trim_start().starts_with("attachments:") || (inside && indent > 4);
        if inside {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

pub(super) fn eject(a: &EjectArgs) -> Outcome {
    let files: Vec<(&str, &[u8])> = assets::files_under("clauses/")
        .chain(assets::files_under("templates/"))
        .collect();
    let outputs: Vec<Output> = files
        .iter()
        .map(|(p, b)| Output {
            path: a.dir.join(p),
            bytes: b.to_vec(),
        })
        .collect();
    if !a.force {
        let existing: Vec<&Output> = outputs.iter().filter(|o| o.path.exists()).collect();
        if let Some(first) = existing.first() {
            return Err(Diagnostic::error(
                &first.path,
                format!(
                    "already exists ({} of the files to write do)",
                    existing.len()
                ),
            )
            .hint("eject into a new folder, or add `--force` to overwrite")
            .into());
        }
    }
    output::write_all(&outputs).map_err(Problems::from)?;
    crate::outln!("wrote {} files under {}", outputs.len(), a.dir.display());
    crate::outln!(
        "use them with `security: {{ clause_dirs: [{}] }}` in deal.yaml",
        a.dir.join("clauses").display()
    );
    Ok(Problems::new())
}

/// "1 photo", "2 photos".
pub(crate) fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
