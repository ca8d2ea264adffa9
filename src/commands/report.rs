//! `dealguard report`: one week's progress report (PDF, and the mail to the buyer), with the
//! earlier weeks that draw its trend; also used by `build`.

use super::shared::{
    load_fonts, load_profile, reader_langs, resolve_langs, source_date, target, week_files, write,
    Outcome, Rendered, Run,
};
use crate::clauses::Library;
use crate::cli::ReportArgs;
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::deal::Format;
use crate::profile::week::{self, IsoWeek, LoadedWeek};
use crate::profile::{Langs, Loaded};
use crate::render::glyphs;
use crate::report::clause_refs::ClauseRefs;
use dealguard_pdf::font::Fonts;
use std::path::{Path, PathBuf};

/// The clauses of the deal's schedule, which number a week's clause references. The
/// selection's own warnings are `check`'s and the contract's to show, not a report's.
pub(crate) fn clause_refs(loaded: &Loaded, langs: &Langs) -> Result<ClauseRefs, Problems> {
    let (lib, _) = Library::for_deal(loaded)?;
    let sel = crate::clauses::select(&lib, loaded, langs, &mut Problems::new())?;
    Ok(ClauseRefs::new(&sel, &lib))
}

/// Loads one week to report on: its checks, and its clause references (`[[id]]`) as this
/// deal's numbers; an error of either stops it, warnings join the week's.
pub(crate) fn load_week(
    loaded: &Loaded,
    path: &Path,
    refs: &ClauseRefs,
) -> Result<LoadedWeek, Problems> {
    let mut wk = week::load(path, &loaded.profile, &loaded.dir)?;
    let found = refs.resolve(&mut wk);
    if found.has_errors() {
        let mut all = wk.warnings;
        all.extend(found);
        return Err(all);
    }
    wk.warnings.extend(found);
    Ok(wk)
}

/// Loads and renders one week: its data, the PDF bytes, and warnings. A week with fields
/// still to fill is refused unless `draft` (then every page says DRAFT).
pub(crate) fn render_week(
    (loaded, refs): (&Loaded, &ClauseRefs),
    path: &Path,
    langs: &Langs,
    fonts: &Fonts,
    templates: &crate::render::templates::Templates,
    draft: bool,
) -> Result<(LoadedWeek, Vec<u8>, Problems), Problems> {
    let mut wk = load_week(loaded, path, refs)?;
    wk.draft = draft;
    let (bytes, mut warnings) = render_loaded(loaded, &wk, langs, fonts, templates)?;
    warnings.extend(week_warnings(&wk, langs, fonts));
    Ok((wk, bytes, warnings))
}

/// Renders a week already loaded: the PDF bytes and the warnings of the earlier weeks read
/// for the trend. A week with fields still to fill is refused unless it is a draft.
pub(crate) fn render_loaded(
    loaded: &Loaded,
    wk: &LoadedWeek,
    langs: &Langs,
    fonts: &Fonts,
    templates: &crate::render::templates::Templates,
) -> Result<(Vec<u8>, Problems), Problems> {
    if !wk.draft && !wk.unfilled.is_empty() {
        return Err(unfilled_errors(wk));
    }
    let (earlier, warnings) = earlier_weeks(loaded, wk.iso);
    let bytes = crate::report::render_with(
        loaded,
        (wk, &earlier),
        langs,
        fonts,
        templates,
        source_date(),
    )?;
    Ok((bytes, warnings))
}

/// The fields of a week still to fill, as errors: the report waits for them.
fn unfilled_errors(wk: &LoadedWeek) -> Problems {
    let mut p = Problems::new();
    for f in &wk.unfilled {
        p.push(
            Diagnostic::error(&wk.src.path, format!("still says `{}`", week::FILL_IN))
                .at(wk.index.pos(f))
                .field(f.clone())
                .hint("write it, or make a draft with `report --draft`"),
        );
    }
    p
}

/// The week files in `reports/` named for an ISO week before `iso`, oldest first: the
/// report's trend is drawn from them.
pub(crate) fn earlier_files(loaded: &Loaded, iso: IsoWeek) -> Vec<PathBuf> {
    // `week_files` is sorted by name, and `YYYY-Www` names sort by week.
    week_files(&loaded.dir)
        .into_iter()
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(IsoWeek::parse)
                .is_some_and(|w| w < iso)
        })
        .collect()
}

/// The earlier weeks, loaded; one that cannot be is left out of the trend with a warning
/// (its own problems show when its report is made).
fn earlier_weeks(loaded: &Loaded, iso: IsoWeek) -> (Vec<LoadedWeek>, Problems) {
    let mut weeks = Vec::new();
    let mut warnings = Problems::new();
    for path in earlier_files(loaded, iso) {
        match week::load(&path, &loaded.profile, &loaded.dir) {
            Ok(w) if w.iso < iso => weeks.push(w),
            Ok(_) => {}
            Err(_) => warnings.push(
                Diagnostic::warning(&path, "has errors, so the progress trend leaves it out")
                    .hint("run `dealguard report` on it to see them"),
            ),
        }
    }
    weeks.sort_by_key(|w| w.iso);
    (weeks, warnings)
}

/// A loaded week's warnings: its checks, and characters no font has.
pub(crate) fn week_warnings(wk: &LoadedWeek, langs: &Langs, fonts: &Fonts) -> Problems {
    let mut all = wk.warnings.clone();
    all.extend(glyphs::week(wk, langs, fonts));
    all
}

/// File name of a week's report in format `f`: `NH-2026-0148-report-2026-W49-en+zh.pdf`.
pub(crate) fn report_name(loaded: &Loaded, iso: IsoWeek, langs: &Langs, f: Format) -> String {
    format!(
        "{}-report-{}-{}.{}",
        loaded.profile.deal.id,
        iso.label(),
        langs.code(),
        f.ext()
    )
}

/// The file name of a draft: `…-en+zh-DRAFT.pdf`, never the finished report's, so that a
/// draft is not taken for it (and `build` can remove it once the report is made).
pub(crate) fn draft_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-DRAFT.{ext}"),
        None => format!("{name}-DRAFT"),
    }
}

/// A rendered week in `formats`: the PDF as it is (in `langs`), the mail with that PDF
/// attached, in the buyer's languages `(_, reader)` as the letter (`shared::reader_langs`).
pub(crate) fn report_docs(
    loaded: &Loaded,
    wk: &LoadedWeek,
    pdf: Vec<u8>,
    (langs, reader): (&Langs, &Langs),
    templates: &crate::render::templates::Templates,
    formats: &[Format],
) -> Result<Rendered, Problems> {
    let mut out = Vec::with_capacity(formats.len());
    for f in formats {
        let bytes = match f {
            Format::Eml => {
                let name = report_name(loaded, wk.iso, langs, Format::Pdf);
                let attached = (pdf.as_slice(), name.as_str());
                crate::report::mail(loaded, wk, reader, templates, attached, source_date())?
            }
            // `Cli::check` and the profile's checks allow only PDF and e-mail.
            _ => pdf.clone(),
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

pub(super) fn report_cmd(deal: &Path, a: &ReportArgs) -> Outcome {
    let formats = a.formats();
    let mut run = Run::new();
    let mut loaded = run.stage(load_profile(deal, None))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    let langs = resolve_langs(a.lang.lang.as_ref(), &loaded);
    run.problems.extend(loaded.check_langs(&langs));
    run.checkpoint()?;
    let refs = run.stage(clause_refs(&loaded, &langs))?;
    let templates = run.stage(crate::render::templates::Templates::for_deal(&loaded))?;
    let fonts = run.stage(load_fonts(&loaded, a.font.font.as_deref()))?;
    run.problems
        .extend(glyphs::profile(&loaded, &langs, &fonts));
    let (wk, pdf, warnings) = run.stage(render_week(
        (&loaded, &refs),
        &a.week,
        &langs,
        &fonts,
        &templates,
        a.draft,
    ))?;
    run.problems.extend(warnings);
    let reader = reader_langs(a.lang.lang.as_ref(), &loaded);
    let files = run.stage(report_docs(
        &loaded,
        &wk,
        pdf,
        (&langs, &reader),
        &templates,
        &formats,
    ))?;
    // A file, a folder, or with several formats a folder; `Cli::check` has refused `-o -`
    // for a PDF.
    let several = files.len() > 1;
    let outs: Vec<Output> = files
        .into_iter()
        .map(|(f, bytes)| Output {
            path: target(
                &loaded,
                a.output.output.as_deref(),
                several,
                &match report_name(&loaded, wk.iso, &langs, f) {
                    n if wk.draft => draft_name(&n),
                    n => n,
                },
            ),
            bytes,
        })
        .collect();
    let mut inputs = vec![loaded.src.path.clone(), a.week.clone()];
    inputs.extend(wk.embedded_files().map(|f| f.path.clone()));
    write(&mut run, &outs, &inputs)?;
    run.finish()
}
