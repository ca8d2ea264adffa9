//! `diff`: a DOCX the other side returned, read bounded, against the schedule regenerated from
//! the clause versions its manifest properties name; exit 5 when clauses differ.

mod compare;
mod report;

use super::shared::{prepare, select, write, Ended, Run};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diag::{Diagnostic, Problems};
use crate::fs::{io_error, read_bounded, ReadFail};
use crate::output::Output;
use crate::profile::Langs;
use dealguard_ooxml::docx::{self, Returned};
use std::path::{Path, PathBuf};

/// Exit code of `diff` when clauses differ (4 is `verify`'s warning).
pub const EXIT_DIFFERS: u8 = 5;

/// Largest DOCX read: a contract schedule is tens of kilobytes; with pasted images, megabytes.
const MAX_DOCX: u64 = 64 * 1024 * 1024;

/// Reads and unpacks the returned file; every problem located at it.
fn read_docx(path: &Path) -> Result<Returned, Diagnostic> {
    let bytes = read_bounded(path, MAX_DOCX).map_err(|e| match e {
        ReadFail::TooBig(n) => Diagnostic::error(
            path,
            format!("is {n} bytes; a DOCX to compare may be at most {MAX_DOCX} bytes"),
        ),
        ReadFail::NotAFile => Diagnostic::error(path, "is not a regular file"),
        ReadFail::Io(e) => io_error(path, "read", &e),
    })?;
    docx::read(&bytes).map_err(|m| {
        Diagnostic::error(path, m).hint("give the .docx as saved by Word or LibreOffice")
    })
}

/// What the returned file says it is, checked against the deal: warnings, not errors, since
/// a lawyer's copy may have lost its properties.
fn check_props(path: &Path, r: &Returned, deal_id: &str) -> Problems {
    let mut p = Problems::new();
    match r.props.get("dealguard.document").map(String::as_str) {
        Some("contract") | None => {}
        Some(other) => p.push(Diagnostic::error(
            path,
            format!("is a dealguard `{other}`, not a contract schedule"),
        )),
    }
    if let Some(d) = r.props.get("dealguard.deal").filter(|d| *d != deal_id) {
        p.push(
            Diagnostic::warning(path, format!("was made for deal `{d}`, not `{deal_id}`"))
                .hint("give the deal it belongs to with `--deal`"),
        );
    }
    p
}

/// `diff THEIRS.docx`: the report to standard output or `-o`; exit 5 when clauses differ.
pub(super) fn diff_cmd(deal: &Path, a: &DiffArgs) -> Ended {
    let mut run = Run::new();
    let returned = read_docx(&a.theirs).map_err(Problems::from)?;
    let langs: Option<Langs> = a.lang.lang.clone().or_else(|| {
        returned
            .props
            .get("dealguard.langs")
            .and_then(|l| l.parse().ok())
    });
    let p = prepare(&mut run, deal, langs.as_ref(), None)?;
    run.problems
        .extend(check_props(&a.theirs, &returned, &p.loaded.profile.deal.id));
    run.checkpoint()?;
    let sel = select(&mut run, &p)?;
    let schedule = run.stage(p.schedule(&sel))?;
    let (ours, notes) = report::baseline(&schedule, &returned.props);
    let shown = a.theirs.display().to_string();
    let mut r = report::report(&shown, &ours, &returned, &p.langs);
    r.notes = notes;
    let text = match a.format {
        DiffFormat::Text => report::text(&r),
        DiffFormat::Json => serde_json::to_string_pretty(&r).unwrap_or_default() + "\n",
    };
    let out = Output {
        path: a.output.clone().unwrap_or_else(|| PathBuf::from("-")),
        bytes: text.into_bytes(),
    };
    let inputs = vec![p.loaded.src.path.clone(), a.theirs.clone()];
    write(&mut run, &[out], &inputs)?;
    let code = if r.differs() { EXIT_DIFFERS } else { 0 };
    run.finish().map(|w| (w, code))
}
