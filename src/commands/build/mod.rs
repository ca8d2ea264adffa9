//! `build`: every document of a deal folder in one go, on one rayon pool shared by documents
//! and their photos (`--jobs` sets its size), skipping documents whose inputs have not changed
//! since the last build (`out/.dealguard-build.yaml`). Besides the buyer's documents it makes
//! the staff briefing and the call-back record (`output.formats.briefing`, `.callback_form`).

mod fingerprint;
mod jobs;

use super::report::{draft_name, report_name};
use super::shared::{
    inputs, load_fonts, prepare, select, week_files, week_set_problems, Outcome, Prepared, Run,
};
use crate::cli::BuildArgs;
use crate::diag::{Diagnostic, Problems, Where};
use crate::output::{self, Output};
use crate::profile::deal::Format;
use crate::profile::week::IsoWeek;
use crate::render::letters::Tone;
use fingerprint::{common, read_manifest, sha, Entry, Manifest, MANIFEST};
use jobs::{run_job, Ctx, Done, Job};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Most worker threads `--jobs` may ask for.
const MAX_JOBS: usize = 64;

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

/// The documents of the deal: contract, letter, both replies, the staff's two documents of the
/// call-back rule (`[]` in `output.formats` leaves one out), a report per week file.
fn jobs(p: &Prepared) -> Vec<Job> {
    let mut jobs = vec![
        Job::Contract,
        Job::Letter,
        Job::Reply(Tone::Formal),
        Job::Reply(Tone::Warm),
    ];
    let formats = &p.loaded.profile.output.formats;
    if !formats.briefing.is_empty() {
        jobs.push(Job::Briefing);
    }
    if !formats.callback_form.is_empty() {
        jobs.push(Job::CallbackForm);
    }
    jobs.extend(week_files(&p.loaded.dir).into_iter().map(Job::Report));
    jobs
}

/// What the jobs ended with, gathered for writing.
#[derive(Default)]
struct Gathered {
    /// The files built, to write into `out/`.
    outputs: Vec<Output>,
    /// Documents built, skipped as unchanged, failed.
    built: usize,
    skipped: usize,
    failed: usize,
    /// Bytes built.
    bytes: usize,
    /// The errors of failed documents, each headed by the document's name.
    failures: Problems,
    /// The weeks whose finished report is now in the folder (written or unchanged).
    reported: Vec<PathBuf>,
}

/// Gathers the jobs' results in job order: files built join `manifest`, warnings (skipped
/// documents' too) join `warnings`; failed documents keep their old files.
fn gather(
    jobs: &[Job],
    results: Vec<Done>,
    manifest: &mut Manifest,
    out_dir: &Path,
    warnings: &mut Problems,
) -> Gathered {
    let mut g = Gathered::default();
    for (job, done) in jobs.iter().zip(results) {
        if let (Job::Report(path), Done::Written(..) | Done::Skipped(_)) = (job, &done) {
            g.reported.push(path.clone());
        }
        match done {
            Done::Written(files, w) => {
                g.built += 1;
                warnings.extend(w);
                for (name, b, fp) in files {
                    g.bytes += b.len();
                    manifest.outputs.insert(
                        name.clone(),
                        Entry {
                            inputs: fp,
                            sha256: sha(&b),
                        },
                    );
                    g.outputs.push(Output {
                        path: out_dir.join(&name),
                        bytes: b,
                    });
                }
            }
            Done::Skipped(w) => {
                g.skipped += 1;
                warnings.extend(w);
            }
            Done::Failed(e) => {
                g.failed += 1;
                g.failures.push(Diagnostic::error(
                    Where::job(job.label()),
                    "was not built; its problems follow",
                ));
                g.failures.extend(e);
            }
        }
    }
    g
}

/// The manifest as written, when its text differs from the one read (`None`: unchanged).
fn manifest_output(manifest: &Manifest, read: Option<&str>, out_dir: &Path) -> Option<Output> {
    let header = "# Written by `dealguard build`: what each output was made from. Delete it to rebuild everything.\n";
    let text = format!(
        "{header}{}",
        serde_yaml::to_string(manifest).unwrap_or_default()
    );
    (read != Some(text.as_str())).then(|| Output {
        path: out_dir.join(MANIFEST),
        bytes: text.into_bytes(),
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
    let (mut manifest, manifest_text) = read_manifest(&out_dir, &mut run.problems);
    let jobs = jobs(&p);
    // Two files for one week would write one report twice.
    run.problems.extend(week_set_problems(&p.loaded));
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
    let mut g = gather(&jobs, results, &mut manifest, &out_dir, &mut run.problems);
    run.problems
        .extend(output::check_targets(&g.outputs, &inputs(&p)));
    run.checkpoint()?;
    g.outputs.extend(manifest_output(
        &manifest,
        manifest_text.as_deref(),
        &out_dir,
    ));
    // Also when nothing changed: a killed build's temporary files go on the next run.
    output::sweep(&out_dir);
    run.stage(output::write_all(&g.outputs).map_err(Problems::from))?;
    for o in g.outputs.iter().filter(|o| !o.path.ends_with(MANIFEST)) {
        eprintln!("wrote {} ({})", o.path.display(), size(o.bytes.len()));
    }
    remove_drafts(&p, &out_dir, &g.reported);
    let written = if g.bytes == 0 {
        "nothing written".to_string()
    } else {
        format!("{} written to {}", size(g.bytes), out_dir.display())
    };
    eprintln!(
        "build: {} built, {} unchanged, {} failed — {written} in {:.2} s",
        g.built,
        g.skipped,
        g.failed,
        started.elapsed().as_secs_f64()
    );
    if !g.outputs.is_empty() && g.failures.has_errors() {
        g.failures.set_partly_written();
    }
    run.problems.extend(g.failures);
    run.finish()
}

/// Removes the drafts (`report --draft`) of the weeks whose finished report is in `out_dir`:
/// a draft left beside the report could be sent in its place.
fn remove_drafts(p: &Prepared, out_dir: &Path, weeks: &[PathBuf]) {
    for w in weeks {
        let Some(iso) = w
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(IsoWeek::parse)
        else {
            continue;
        };
        for f in [Format::Pdf, Format::Eml] {
            let draft = out_dir.join(draft_name(&report_name(&p.loaded, iso, &p.langs, f)));
            if draft.is_file() && std::fs::remove_file(&draft).is_ok() {
                eprintln!(
                    "removed {}: the finished report replaces it",
                    draft.display()
                );
            }
        }
    }
}
