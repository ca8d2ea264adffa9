//! The files of a document: its rendered formats (`Rendered`), the day it is dated, its file
//! name and where it goes, the errors of its writers, and what a letter, a reply or the
//! briefing is written on (`occasion`).

use super::{reported_weeks, source_date, target, Prepared};
use crate::clauses::Selection;
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::deal::Format;
use crate::profile::{self, Langs, Loaded, Ymd};
use crate::render::letters::{self, Tone};
use crate::render::templates::Occasion;
use std::path::Path;

/// One rendered file of a document: its format and bytes.
pub(crate) type Rendered = Vec<(Format, Vec<u8>)>;

pub(crate) fn pdf_error(loaded: &Loaded, m: String) -> Problems {
    Diagnostic::error(&loaded.src.path, format!("cannot write the PDF: {m}")).into()
}

pub(crate) fn docx_error(loaded: &Loaded, m: String) -> Problems {
    Diagnostic::error(&loaded.src.path, format!("cannot write the DOCX: {m}")).into()
}

/// The day documents are dated: `SOURCE_DATE_EPOCH`, else the contract date at `hour` UTC.
pub(crate) fn timestamp(loaded: &Loaded, hour: i64) -> i64 {
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

pub(crate) fn occasion(
    p: &Prepared,
    sel: &Selection,
    tone: Tone,
    reply_date: Option<Ymd>,
) -> Result<Occasion, Problems> {
    let report_labels = profile::labels(p.templates.layers("report-labels.yaml"))?;
    let letter_day = Ymd::from_unix(timestamp(&p.loaded, 1));
    let next = reply_date.map(|d| {
        let reported = reported_weeks(&p.loaded.dir);
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

/// Turns rendered files into outputs at `-o` or in `out/`. (`Cli::check` has made sure that
/// `-o -` comes with one text format.)
pub(crate) fn outputs(p: &Prepared, what: &str, files: Rendered, o: Option<&Path>) -> Vec<Output> {
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
