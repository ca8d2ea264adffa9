//! `build`: every document of a deal folder in one go, on one rayon pool shared by documents
//! and their photos (`--jobs` sets its size), skipping documents whose inputs have not changed
//! since the last build (`out/.dealguard-build.yaml`). Besides the buyer's documents it makes
//! the staff briefing and the call-back record (`output.formats.briefing`, `.callback_form`).

mod fingerprint;

use super::documents::{contract_docs, file_name, letter_docs, reply_date, week_files};
use super::reports::{earlier_files, render_week, report_docs, report_name, week_warnings};
use super::verify::{briefing_docs, callback_doc};
use super::{inputs, load_fonts, prepare, select, Outcome, Prepared, Run};
use crate::clauses::Selection;
use crate::cli::BuildArgs;
use crate::diag::{Diagnostic, Problems, Where};
use crate::output::{self, Output};
use crate::pdf::font::Fonts;
use crate::profile::deal::Format;
use crate::profile::week;
use crate::render::letters::{Kind, Tone};
use crate::render::pdfdoc::ContractLayout;
use fingerprint::{
    common, feed_content, feed_file, hex, read_manifest, sha, unchanged, Entry, Manifest, MANIFEST,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Most worker threads `--jobs` may ask for.
const MAX_JOBS: usize = 64;

/// One document to build.
#[derive(Debug, Clone)]
enum Job {
    Contract,
    Letter,
    Reply(Tone),
    Report(PathBuf),
    Briefing,
    CallbackForm,
}

impl Job {
    fn label(&self) -> String {
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
enum Done {
    /// Files (name, bytes, fingerprint) and the warnings found while making them.
    Written(Vec<(String, Vec<u8>, String)>, Problems),
    /// Unchanged; its warnings still come, so a skipped document does not go silent.
    Skipped(Problems),
    Failed(Problems),
}

struct Ctx<'a> {
    p: &'a Prepared,
    sel: &'a Selection<'a>,
    fonts: &'a Fonts,
    base: Sha256,
    manifest: &'a Manifest,
    out_dir: PathBuf,
    force: bool,
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

fn run_job(ctx: &Ctx, job: &Job) -> Done {
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
    for w in week_files(&p.loaded) {
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
    let wk = match week::load(path, &p.loaded.profile, &p.loaded.dir) {
        Ok(w) => w,
        Err(e) => return Done::Failed(e),
    };
    // Photos and attachments count by name and content, read in pieces: the week holds no
    // image bytes.
    let max_photo = crate::pdf::photo::Limits::default().max_bytes;
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
    let name = |f: Format| report_name(&p.loaded, wk.iso, &p.langs, f);
    let names: Vec<_> = formats.iter().map(|f| name(*f)).collect();
    let warnings = week_warnings(&wk, &p.langs, ctx.fonts);
    let done = ctx.render(&names, h, &|| {
        let (wk, pdf, _) = render_week(&p.loaded, path, &p.langs, ctx.fonts, &p.templates, false)?;
        let docs = report_docs(&p.loaded, &wk, pdf, &p.langs, &p.templates, formats)?;
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

fn size(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else {
        format!("{:.0} KB", (n as f64 / 1e3).max(1.0))
    }
}

/// The one thread pool of a build: documents run on it, and so do their photos (nested
/// `par_iter`) and the JPEG decoder's rows, so at most `--jobs` threads compute at once.
fn pool(jobs: Option<u16>) -> Result<rayon::ThreadPool, Problems> {
    // 0 lets rayon choose: `RAYON_NUM_THREADS`, or one thread per core. `--jobs` is 1 to 64
    // already (a usage error otherwise).
    let n = jobs.map_or(0, |n| usize::from(n).clamp(1, MAX_JOBS));
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("dealguard-{i}"))
        .build()
        .map_err(|e| {
            Diagnostic::error(
                Where::arg("--jobs"),
                format!("cannot start the worker threads ({e})"),
            )
            .io()
            .into()
        })
}

/// Runs every job on the pool; results come back in the order of `jobs`.
fn run_jobs(pool: &rayon::ThreadPool, ctx: &Ctx, jobs: &[Job]) -> Vec<Done> {
    let tty = std::io::stderr().is_terminal();
    let total = jobs.len();
    let finished = AtomicUsize::new(0);
    pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let t = Instant::now();
                let done = run_job(ctx, job);
                let took = t.elapsed();
                let k = finished.fetch_add(1, Ordering::SeqCst) + 1;
                if tty {
                    let what = match &done {
                        Done::Written(f, _) => format!(
                            "built ({}, {:.2} s)",
                            size(f.iter().map(|x| x.1.len()).sum()),
                            took.as_secs_f64()
                        ),
                        Done::Skipped(_) => "unchanged, skipped".to_string(),
                        Done::Failed(e) => format!(
                            "FAILED ({} error{})",
                            e.error_count(),
                            if e.error_count() == 1 { "" } else { "s" }
                        ),
                    };
                    // Progress for a person watching, not a problem: not collected.
                    eprintln!("[{k}/{total}] {:<28} {what}", job.label());
                }
                done
            })
            .collect()
    })
}

pub(super) fn build(deal: &Path, a: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let mut run = Run::new();
    let p = prepare(&mut run, deal, None, None)?;
    let sel = select(&mut run, &p)?;
    let fonts = run.stage(load_fonts(&p.loaded, None))?;
    let pool = run.stage(pool(a.jobs))?;
    run.problems
        .extend(crate::render::glyphs::profile(&p.loaded, &p.langs, &fonts));
    let out_dir = p.loaded.dir.join("out");
    let (manifest, manifest_text) = read_manifest(&out_dir, &mut run.problems);
    let mut jobs = vec![
        Job::Contract,
        Job::Letter,
        Job::Reply(Tone::Formal),
        Job::Reply(Tone::Warm),
    ];
    // The staff's two documents of the call-back rule; `[]` in `output.formats` leaves one out.
    let formats = &p.loaded.profile.output.formats;
    if !formats.briefing.is_empty() {
        jobs.push(Job::Briefing);
    }
    if !formats.callback_form.is_empty() {
        jobs.push(Job::CallbackForm);
    }
    jobs.extend(week_files(&p.loaded).into_iter().map(Job::Report));
    let base = common(&p, &mut run.problems);
    run.checkpoint()?;
    let ctx = Ctx {
        p: &p,
        sel: &sel,
        fonts: &fonts,
        base,
        manifest: &manifest,
        out_dir: out_dir.clone(),
        force: a.force,
    };
    let results = run_jobs(&pool, &ctx, &jobs);
    // Write what was built, then the manifest; failed documents keep their old files.
    let mut manifest = manifest;
    let mut outputs = Vec::new();
    let (mut built, mut skipped, mut failed, mut bytes) = (0, 0, 0, 0);
    let mut failures = Problems::new();
    for (job, done) in jobs.iter().zip(results) {
        match done {
            Done::Written(files, warnings) => {
                built += 1;
                run.problems.extend(warnings);
                for (name, b, fp) in files {
                    bytes += b.len();
                    manifest.outputs.insert(
                        name.clone(),
                        Entry {
                            inputs: fp,
                            sha256: sha(&b),
                        },
                    );
                    outputs.push(Output {
                        path: out_dir.join(&name),
                        bytes: b,
                    });
                }
            }
            Done::Skipped(warnings) => {
                skipped += 1;
                run.problems.extend(warnings);
            }
            Done::Failed(e) => {
                failed += 1;
                failures.push(Diagnostic::error(
                    Where::job(job.label()),
                    "was not built; its problems follow",
                ));
                failures.extend(e);
            }
        }
    }
    run.problems
        .extend(output::check_targets(&outputs, &inputs(&p)));
    run.checkpoint()?;
    let header = "# Written by `dealguard build`: what each output was made from. Delete it to rebuild everything.\n";
    let text = format!(
        "{header}{}",
        serde_yaml::to_string(&manifest).unwrap_or_default()
    );
    if manifest_text.as_deref() != Some(text.as_str()) {
        outputs.push(Output {
            path: out_dir.join(MANIFEST),
            bytes: text.into_bytes(),
        });
    }
    // Also when nothing changed: a killed build's temporary files go on the next run.
    output::sweep(&out_dir);
    run.stage(output::write_all(&outputs).map_err(Problems::from))?;
    for o in outputs.iter().filter(|o| !o.path.ends_with(MANIFEST)) {
        eprintln!("wrote {} ({})", o.path.display(), size(o.bytes.len()));
    }
    let written = if bytes == 0 {
        "nothing written".to_string()
    } else {
        format!("{} written to {}", size(bytes), out_dir.display())
    };
    eprintln!(
        "build: {built} built, {skipped} unchanged, {failed} failed — {written} in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    run.problems.extend(failures);
    run.finish()
}
