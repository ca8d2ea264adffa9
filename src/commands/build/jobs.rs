//! `build`'s jobs: what each document is made from (its fingerprint) and how it is made —
//! the documents made from the profile alone, the replies, the weekly reports.

use super::fingerprint::{feed_content, feed_file, hex, unchanged, Manifest};
use crate::clauses::Selection;
use crate::commands::contract::contract_docs;
use crate::commands::letter::letter_docs;
use crate::commands::reply::reply_date;
use crate::commands::report::{
    earlier_files, load_week, render_loaded, report_docs, report_name, week_warnings,
};
use crate::commands::shared::{file_name, week_files, Prepared};
use crate::commands::verify::{briefing_docs, callback_doc};
use crate::diag::Problems;
use crate::profile::deal::Format;
use crate::render::letters::{Kind, Tone};
use crate::render::pdfdoc::ContractLayout;
use crate::report::clause_refs::ClauseRefs;
use dealguard_pdf::font::Fonts;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One document to build.
#[derive(Debug, Clone)]
pub(super) enum Job {
    Contract,
    Letter,
    Reply(Tone),
    Report(PathBuf),
    Briefing,
    CallbackForm,
}

impl Job {
    pub(super) fn label(&self) -> String {
        match self {
            Job::Contract => "contract".into(),
            Job::Letter => "letter".into(),
            Job::Reply(t) => format!("reply ({})", t.code()),
            Job::Briefing => "briefing".into(),
            Job::CallbackForm => "call-back form".into(),
            Job::Report(p) => format!(
                "report {}",
                p.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            ),
        }
    }
}

/// How a job ended.
pub(super) enum Done {
    /// Files (name, bytes, fingerprint) and the warnings found while making them.
    Written(Vec<(String, Vec<u8>, String)>, Problems),
    /// Unchanged; its warnings still come, so a skipped document does not go silent.
    Skipped(Problems),
    Failed(Problems),
}

/// What every job reads: the prepared deal, its clauses and fonts, the fingerprint of the
/// inputs all documents share, the last build's manifest.
pub(super) struct Ctx<'a> {
    pub(super) p: &'a Prepared,
    pub(super) sel: &'a Selection<'a>,
    pub(super) fonts: &'a Fonts,
    pub(super) base: Sha256,
    pub(super) manifest: &'a Manifest,
    pub(super) out_dir: PathBuf,
    pub(super) force: bool,
}

/// What a job renders: files (name, bytes) and the warnings found making them.
type Made = (Vec<(String, Vec<u8>)>, Problems);

impl Ctx<'_> {
    /// Renders with `f` unless every one of `names` is on disk from the same inputs.
    fn render(&self, names: &[String], h: Sha256, f: &dyn Fn() -> Result<Made, Problems>) -> Done {
        let fingerprint = hex(&h.finalize());
        if !self.force && unchanged(&self.out_dir, self.manifest, names, &fingerprint) {
            return Done::Skipped(Problems::new());
        }
        match f() {
            Ok((files, warnings)) => Done::Written(
                files
                    .into_iter()
                    .map(|(n, b)| (n, b, fingerprint.clone()))
                    .collect(),
                warnings,
            ),
            Err(e) => Done::Failed(e),
        }
    }

    /// The file names of document `what` in `formats`.
    fn names(&self, what: &str, formats: &[Format]) -> Vec<String> {
        let p = self.p;
        formats
            .iter()
            .map(|f| file_name(&p.loaded, what, p.langs_for(what), *f))
            .collect()
    }

    /// Rendered files of document `what`, named.
    fn named(&self, what: &str, files: Vec<(Format, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
        let p = self.p;
        files
            .into_iter()
            .map(|(f, b)| (file_name(&p.loaded, what, p.langs_for(what), f), b))
            .collect()
    }

    /// A document made from the profile alone (contract, letter, briefing, call-back form):
    /// its fingerprint adds the formats to the common inputs.
    fn document(
        &self,
        mut h: Sha256,
        what: &str,
        formats: &[Format],
        f: &dyn Fn() -> Result<Vec<(Format, Vec<u8>)>, Problems>,
    ) -> Done {
        h.update(format!("{formats:?}").as_bytes());
        self.render(&self.names(what, formats), h, &|| {
            Ok((self.named(what, f()?), Problems::new()))
        })
    }
}

/// Makes one job's files, or skips it when its inputs are those of the files on disk.
pub(super) fn run_job(ctx: &Ctx, job: &Job) -> Done {
    let p = ctx.p;
    let formats = &p.loaded.profile.output.formats;
    let mut h = ctx.base.clone();
    h.update(job.label().as_bytes());
    match job {
        Job::Contract => ctx.document(h, "contract", &formats.contract, &|| {
            let fonts = Some(ctx.fonts);
            contract_docs(
                p,
                ctx.sel,
                &formats.contract,
                ContractLayout::Columns,
                fonts,
            )
        }),
        Job::Letter => ctx.document(h, "letter", &formats.letter, &|| {
            letter_docs(
                p,
                ctx.sel,
                Kind::Letter,
                &formats.letter,
                None,
                Some(ctx.fonts),
            )
        }),
        Job::Briefing => ctx.document(h, "briefing", &formats.briefing, &|| {
            briefing_docs(p, ctx.sel, &formats.briefing, Some(ctx.fonts))
        }),
        Job::CallbackForm => ctx.document(h, "callback-form", &formats.callback_form, &|| {
            Ok(vec![(Format::Pdf, callback_doc(p, ctx.sel, ctx.fonts)?)])
        }),
        Job::Reply(tone) => reply_job(ctx, h, *tone),
        Job::Report(path) => report_job(ctx, h, path),
    }
}

/// A reply: its date follows the latest week file, so the week files' names are inputs too.
fn reply_job(ctx: &Ctx, mut h: Sha256, tone: Tone) -> Done {
    let p = ctx.p;
    let formats = &p.loaded.profile.output.formats.reply;
    let what = format!("reply-{}", tone.code());
    h.update(format!("{formats:?}").as_bytes());
    for w in week_files(&p.loaded.dir) {
        h.update(w.to_string_lossy().as_bytes());
    }
    ctx.render(&ctx.names(&what, formats), h, &|| {
        let date = reply_date(&p.loaded, None);
        let docs = letter_docs(p, ctx.sel, Kind::Reply(tone), formats, date, None)?;
        Ok((ctx.named(&what, docs), Problems::new()))
    })
}

/// A week's report: the week file and its photos are inputs; its warnings come also when
/// the report is unchanged.
fn report_job(ctx: &Ctx, mut h: Sha256, path: &Path) -> Done {
    let p = ctx.p;
    // Load the week first: its photos are inputs, and its ISO week names the file.
    let refs = ClauseRefs::new(ctx.sel, &p.lib);
    let wk = match load_week(&p.loaded, path, &refs) {
        Ok(w) => w,
        Err(e) => return Done::Failed(e),
    };
    // Photos and attachments count by name and content, read in pieces: the week holds no
    // image bytes.
    let max_photo = dealguard_image::Limits::default().max_bytes;
    // The earlier weeks draw the trend: they are inputs too.
    let earlier = earlier_files(&p.loaded, wk.iso);
    let fed = feed_file(&mut h, path)
        .and_then(|()| earlier.iter().try_for_each(|w| feed_file(&mut h, w)))
        .and_then(|()| {
            wk.embedded_files().try_for_each(|f| {
                h.update(f.path.to_string_lossy().as_bytes());
                feed_content(&mut h, &f.path, max_photo)
            })
        });
    if let Err(d) = fed {
        return Done::Failed(d.into());
    }
    let formats = &p.loaded.profile.output.formats.report;
    h.update(format!("{formats:?}").as_bytes());
    // Clause references print the schedule's numbers: a changed set changes the report.
    h.update(format!("{:?}", ctx.sel.numbers()).as_bytes());
    let name = |f: Format| report_name(&p.loaded, wk.iso, &p.langs, f);
    let names: Vec<_> = formats.iter().map(|f| name(*f)).collect();
    let warnings = week_warnings(&wk, &p.langs, ctx.fonts);
    let done = ctx.render(&names, h, &|| {
        // The week loaded above; its warnings are already in `warnings`.
        let (pdf, _) = render_loaded(&p.loaded, &wk, &p.langs, ctx.fonts, &p.templates)?;
        let langs = (&p.langs, &p.reader_langs);
        let docs = report_docs(&p.loaded, &wk, pdf, langs, &p.templates, formats)?;
        let files = docs.into_iter().map(|(f, b)| (name(f), b)).collect();
        Ok((files, Problems::new()))
    });
    match done {
        Done::Written(files, mut w) => {
            w.extend(warnings);
            Done::Written(files, w)
        }
        Done::Skipped(mut w) => {
            w.extend(warnings);
            Done::Skipped(w)
        }
        failed => failed,
    }
}
