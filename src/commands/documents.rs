//! Commands that write documents: `contract`, `letter`, `reply`, `report`. The document
//! functions here are shared with `build`.

use super::{load_fonts, prepare, select, source_date, target, write, Outcome, Prepared, Run};
use crate::clauses::Selection;
use crate::cli::{ContractArgs, LetterArgs, ReplyArgs};
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::pdf::font::Fonts;
use crate::profile::deal::Format;
use crate::profile::week::IsoWeek;
use crate::profile::{self, Langs, Loaded, Ymd};
use crate::render::env::Numbers;
use crate::render::letters::{self, Kind, Tone};
use crate::render::pdfdoc::{self, ContractLayout};
use crate::render::templates::{Labels, Occasion};
use crate::render::{self, contract, glyphs};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One rendered file of a document: its format and bytes.
pub(crate) type Rendered = Vec<(Format, Vec<u8>)>;

pub(super) fn pdf_error(loaded: &Loaded, m: String) -> Problems {
    Diagnostic::error(&loaded.src.path, format!("cannot write the PDF: {m}")).into()
}

fn docx_error(loaded: &Loaded, m: String) -> Problems {
    Diagnostic::error(&loaded.src.path, format!("cannot write the DOCX: {m}")).into()
}

/// The day documents are dated: `SOURCE_DATE_EPOCH`, else the contract date at `hour` UTC.
pub(super) fn timestamp(loaded: &Loaded, hour: i64) -> i64 {
    source_date().unwrap_or_else(|| {
        loaded
            .profile
            .deal
            .signed
            .ymd
            .map_or(0, |d| d.days_since_epoch() * 86_400 + hour * 3600)
    })
}

/// File name of a document: `NH-2026-0148-letter-en+zh.pdf`.
pub(crate) fn file_name(loaded: &Loaded, what: &str, langs: &Langs, f: Format) -> String {
    format!(
        "{}-{what}-{}.{}",
        loaded.profile.deal.id,
        langs.code(),
        f.ext()
    )
}

/// The contract schedule in `formats`.
pub(crate) fn contract_docs(
    p: &Prepared,
    sel: &Selection,
    formats: &[Format],
    layout: ContractLayout,
    fonts: Option<&Fonts>,
) -> Result<Rendered, Problems> {
    let schedule = p.schedule(sel)?;
    let labels = Labels::load(&p.templates, "contract-labels.yaml", &p.langs)?;
    let mut out = Vec::new();
    for f in formats {
        let bytes = match f {
            Format::Md => contract::markdown(&schedule, &p.loaded.profile, &labels).into_bytes(),
            Format::Html => contract::html(&schedule, &p.loaded.profile, &labels).into_bytes(),
            Format::Pdf => {
                let fonts = fonts.ok_or_else(|| pdf_error(&p.loaded, "no fonts".into()))?;
                pdfdoc::contract(
                    &schedule,
                    &p.loaded.profile,
                    &labels,
                    fonts,
                    layout,
                    timestamp(&p.loaded, 0),
                )
                .map_err(|m| pdf_error(&p.loaded, m))?
            }
            Format::Docx => render::docx::contract(
                &schedule,
                &p.loaded.profile,
                &labels,
                layout,
                timestamp(&p.loaded, 0),
            )
            .map_err(|m| docx_error(&p.loaded, m))?,
            _ => continue,
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

pub(super) fn occasion(
    p: &Prepared,
    sel: &Selection,
    tone: Tone,
    reply_date: Option<Ymd>,
) -> Result<Occasion, Problems> {
    let report_labels = profile::labels(p.templates.layers("report-labels.yaml"))?;
    let letter_day = Ymd::from_unix(timestamp(&p.loaded, 1));
    let next = reply_date.map(|d| {
        let reported = reported_weeks(&p.loaded);
        (d, letters::next_report(&p.loaded.profile, d, &reported))
    });
    Ok(Occasion {
        letter_date: letter_day.iso(),
        reply: next.map(|(d, n)| (d.iso(), n.date.iso())),
        next_stage: next.and_then(|(_, n)| n.stage),
        tone: tone.code().to_string(),
        clauses: sel.len(),
        report_labels,
    })
}

/// The welcome letter or a reply in `formats`.
pub(crate) fn letter_docs(
    p: &Prepared,
    sel: &Selection,
    kind: Kind,
    formats: &[Format],
    reply_date: Option<Ymd>,
    fonts: Option<&Fonts>,
) -> Result<Rendered, Problems> {
    let tone = match kind {
        Kind::Reply(t) => t,
        Kind::Letter => Tone::Formal,
    };
    let langs = &p.reader_langs;
    let o = occasion(p, sel, tone, reply_date)?;
    let numbers: Numbers = Arc::new(sel.numbers().clone());
    let r = letters::render(
        kind,
        &p.loaded.profile,
        &sel.terms,
        numbers,
        &p.templates,
        langs,
        &o,
    )?;
    let mut out = Vec::new();
    for f in formats {
        let bytes = match f {
            Format::Md => r.markdown().into_bytes(),
            Format::Txt => r.text().into_bytes(),
            Format::Html => r.html().into_bytes(),
            Format::Eml => letters::eml(&r, &p.loaded.profile, langs, timestamp(&p.loaded, 1)),
            Format::Pdf => {
                let fonts = fonts.ok_or_else(|| pdf_error(&p.loaded, "no fonts".into()))?;
                let labels = Labels::load(&p.templates, "report-labels.yaml", langs)?;
                pdfdoc::letter(
                    &r,
                    &p.loaded.profile,
                    langs,
                    &labels,
                    fonts,
                    timestamp(&p.loaded, 1),
                )
                .map_err(|m| pdf_error(&p.loaded, m))?
            }
            Format::Docx => {
                let labels = Labels::load(&p.templates, "report-labels.yaml", langs)?;
                let ts = timestamp(&p.loaded, 1);
                render::docx::letter(&r, &p.loaded.profile, langs, &labels, ts)
                    .map_err(|m| docx_error(&p.loaded, m))?
            }
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

/// Turns rendered files into outputs at `-o` or in `out/`. (`Cli::check` has made sure that
/// `-o -` comes with one text format.)
pub(super) fn outputs(p: &Prepared, what: &str, files: Rendered, o: Option<&Path>) -> Vec<Output> {
    let several = files.len() > 1;
    files
        .into_iter()
        .map(|(f, bytes)| Output {
            path: target(
                &p.loaded,
                o,
                several,
                &file_name(&p.loaded, what, p.langs_for(what), f),
            ),
            bytes,
        })
        .collect()
}

/// The fonts, when one of `formats` is a PDF; the profile's texts in the languages of
/// document `what` are checked against them.
fn pdf_fonts(
    run: &mut Run,
    p: &Prepared,
    what: &str,
    formats: &[Format],
    font: Option<&Path>,
) -> Result<Option<Fonts>, Problems> {
    if !formats.contains(&Format::Pdf) {
        return Ok(None);
    }
    let fonts = run.stage(load_fonts(&p.loaded, font))?;
    run.problems
        .extend(glyphs::profile(&p.loaded, p.langs_for(what), &fonts));
    Ok(Some(fonts))
}

pub(super) fn contract_cmd(deal: &Path, a: &ContractArgs) -> Outcome {
    let (formats, layout, output) = (a.formats(), a.layout.into(), a.output.output.as_deref());
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = pdf_fonts(&mut run, &p, "contract", &formats, a.font.font.as_deref())?;
    let files = run.stage(contract_docs(&p, &sel, &formats, layout, fonts.as_ref()))?;
    let outs = outputs(&p, "contract", files, output);
    write(&mut run, &outs, &super::inputs(&p))?;
    run.finish()
}

pub(super) fn letter_cmd(deal: &Path, a: &LetterArgs) -> Outcome {
    let formats = a.formats();
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = pdf_fonts(&mut run, &p, "letter", &formats, a.font.font.as_deref())?;
    let files = run.stage(letter_docs(
        &p,
        &sel,
        Kind::Letter,
        &formats,
        None,
        fonts.as_ref(),
    ))?;
    let outs = outputs(&p, "letter", files, a.output.output.as_deref());
    write(&mut run, &outs, &super::inputs(&p))?;
    run.finish()
}

/// The latest week file in `reports/` beside deal.yaml (by its ISO-week name), if any.
pub(crate) fn week_files(loaded: &Loaded) -> Vec<PathBuf> {
    let dir = loaded.dir.join("reports");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|e| {
            e.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The ISO weeks of the week files in `reports/`.
fn reported_weeks(loaded: &Loaded) -> Vec<IsoWeek> {
    week_files(loaded)
        .iter()
        .filter_map(|f| {
            f.file_stem()
                .and_then(|s| s.to_str())
                .and_then(IsoWeek::parse)
        })
        .collect()
}

/// The default day of a reply: the report day of the latest week file, else the contract date.
fn default_reply_date(loaded: &Loaded) -> Option<Ymd> {
    let latest = reported_weeks(loaded).into_iter().max();
    match latest {
        Some(w) => Some(loaded.profile.channels.reports.date_in(w)),
        None => loaded.profile.deal.signed.ymd,
    }
}

/// The reply's day: `--date`, or the default.
pub(crate) fn reply_date(loaded: &Loaded, arg: Option<Ymd>) -> Option<Ymd> {
    arg.or_else(|| default_reply_date(loaded))
}

pub(super) fn reply_cmd(deal: &Path, a: &ReplyArgs) -> Outcome {
    let (formats, tone): (_, Tone) = (a.formats(), a.tone.into());
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let date = reply_date(&p.loaded, a.date);
    let files = run.stage(letter_docs(
        &p,
        &sel,
        Kind::Reply(tone),
        &formats,
        date,
        None,
    ))?;
    let outs = outputs(
        &p,
        &format!("reply-{}", tone.code()),
        files,
        a.output.output.as_deref(),
    );
    write(&mut run, &outs, &super::inputs(&p))?;
    run.finish()
}
