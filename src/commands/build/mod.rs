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
use fingerprint::{common, read_manifest, sha, Entry, MANIFEST};
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
    let mut manifest = manifest;
    let mut outputs = Vec::new();
    let (mut built, mut skipped, mut failed, mut bytes) = (0, 0, 0, 0);
    let mut failures = Problems::new();
    // The weeks whose finished report is now in the folder (written or unchanged).
    let mut reported = Vec::new();
    for (job, done) in jobs.iter().zip(results) {
        if let (Job::Report(path), Done::Written(..) | Done::Skipped(_)) = (job, &done) {
            reported.push(path.clone());
        }
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
    remove_drafts(&p, &out_dir, &reported);
    let written = if bytes == 0 {
        "nothing written".to_string()
    } else {
        format!("{} written to {}", size(bytes), out_dir.display())
    };
    eprintln!(
        "build: {built} built, {skipped} unchanged, {failed} failed — {written} in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    if !outputs.is_empty() && failures.has_errors() {
        failures.set_partly_written();
    }
    run.problems.extend(failures);
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
