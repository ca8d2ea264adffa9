//! `build`: every document of a deal folder in one go, on all cores, skipping documents whose
//! inputs have not changed since the last build (`out/.dealguard-build.yaml`).

use super::documents::{
    contract_docs, file_name, letter_docs, render_week, reply_date, report_name, week_files,
    week_warnings,
};
use super::{inputs, load_fonts, prepare, select, source_date, Outcome, Prepared, Run};
use crate::clauses::Selection;
use crate::cli::BuildArgs;
use crate::diag::{Diagnostic, Problems, Where};
use crate::output::{self, Output};
use crate::pdf::font::Fonts;
use crate::profile::deal::Format;
use crate::profile::week;
use crate::render::letters::{Kind, Tone};
use crate::render::pdfdoc::ContractLayout;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The manifest's file name, in the output folder.
const MANIFEST: &str = ".dealguard-build.yaml";

/// What one output was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Hash of everything the document depends on.
    inputs: String,
    /// Hash of the file written.
    sha256: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    #[serde(default)]
    outputs: BTreeMap<String, Entry>,
}

/// One document to build.
#[derive(Debug, Clone)]
enum Job {
    Contract,
    Letter,
    Reply(Tone),
    Report(PathBuf),
}

impl Job {
    fn label(&self) -> String {
        match self {
            Job::Contract => "contract".into(),
            Job::Letter => "letter".into(),
            Job::Reply(t) => format!("reply ({})", t.code()),
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
    Written(Vec<(String, Vec<u8>, String)>),
    Skipped,
    Failed(Problems),
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Feeds a file into a fingerprint: its name, content and modification time (so touching a
/// file counts as a change, as with make).
fn feed_file(h: &mut Sha256, path: &Path) {
    h.update(path.to_string_lossy().as_bytes());
    if let Ok(meta) = std::fs::metadata(path) {
        if let Ok(t) = meta.modified() {
            if let Ok(d) = t.duration_since(std::time::UNIX_EPOCH) {
                h.update(d.as_nanos().to_be_bytes());
            }
        }
    }
    h.update(std::fs::read(path).unwrap_or_default());
}

/// The part of every fingerprint that all documents share.
fn common(p: &Prepared) -> Sha256 {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(p.langs.code().as_bytes());
    h.update(format!("{:?}", source_date()).as_bytes());
    let mut files = inputs(p);
    files.sort();
    for f in files {
        feed_file(&mut h, &f);
    }
    if let Some(font) = &p.loaded.profile.output.font {
        feed_file(&mut h, &p.loaded.dir.join(font));
    }
    for (name, src) in p.templates.in_force() {
        h.update(name.as_bytes());
        h.update(src.text.as_bytes());
    }
    h
}

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Whether every output of a job is on disk as the manifest recorded it, from the same inputs.
fn unchanged(out_dir: &Path, m: &Manifest, names: &[String], fingerprint: &str) -> bool {
    !names.is_empty()
        && names.iter().all(|n| {
            m.outputs.get(n).is_some_and(|e| {
                e.inputs == fingerprint
                    && std::fs::read(out_dir.join(n)).is_ok_and(|b| sha(&b) == e.sha256)
            })
        })
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

/// Builds one job, or skips it when unchanged; its warnings come either way, so that a
/// skipped document does not go silent.
fn run_job(ctx: &Ctx, job: &Job) -> (Done, Problems) {
    let p = ctx.p;
    let prof = &p.loaded.profile;
    let mut h = ctx.base.clone();
    h.update(job.label().as_bytes());
    let render = |names: Vec<String>,
                  h: Sha256,
                  f: &dyn Fn() -> Result<Vec<(String, Vec<u8>)>, Problems>|
     -> Done {
        let fingerprint = hex(&h.finalize());
        if !ctx.force && unchanged(&ctx.out_dir, ctx.manifest, &names, &fingerprint) {
            return Done::Skipped;
        }
        match f() {
            Ok(files) => Done::Written(
                files
                    .into_iter()
                    .map(|(n, b)| (n, b, fingerprint.clone()))
                    .collect(),
            ),
            Err(e) => Done::Failed(e),
        }
    };
    let named = |what: &str, files: Vec<(Format, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        files
            .into_iter()
            .map(|(f, b)| (file_name(&p.loaded, what, &p.langs, f), b))
            .collect()
    };
    match job {
        Job::Contract => {
            let formats = &prof.output.formats.contract;
            h.update(format!("{formats:?}").as_bytes());
            let names = formats
                .iter()
                .map(|f| file_name(&p.loaded, "contract", &p.langs, *f))
                .collect();
            let done = render(names, h, &|| {
                Ok(named(
                    "contract",
                    contract_docs(
                        p,
                        ctx.sel,
                        formats,
                        ContractLayout::Columns,
                        Some(ctx.fonts),
                    )?,
                ))
            });
            (done, Problems::new())
        }
        Job::Letter => {
            let formats = &prof.output.formats.letter;
            h.update(format!("{formats:?}").as_bytes());
            let names = formats
                .iter()
                .map(|f| file_name(&p.loaded, "letter", &p.langs, *f))
                .collect();
            let done = render(names, h, &|| {
                Ok(named(
                    "letter",
                    letter_docs(p, ctx.sel, Kind::Letter, formats, None, Some(ctx.fonts))?,
                ))
            });
            (done, Problems::new())
        }
        Job::Reply(tone) => {
            let formats = &prof.output.formats.reply;
            let what = format!("reply-{}", tone.code());
            h.update(format!("{formats:?}").as_bytes());
            // The reply's date follows the latest week file, so the week files are inputs too.
            for w in week_files(&p.loaded) {
                h.update(w.to_string_lossy().as_bytes());
            }
            let names = formats
                .iter()
                .map(|f| file_name(&p.loaded, &what, &p.langs, *f))
                .collect();
            let done = render(names, h, &|| {
                let date = reply_date(&p.loaded, None);
                Ok(named(
                    &what,
                    letter_docs(p, ctx.sel, Kind::Reply(*tone), formats, date, None)?,
                ))
            });
            (done, Problems::new())
        }
        Job::Report(path) => {
            // Load the week first: its photos are inputs, and its ISO week names the file.
            let wk = match week::load(path, prof, &p.loaded.dir) {
                Ok(w) => w,
                Err(e) => return (Done::Failed(e), Problems::new()),
            };
            feed_file(&mut h, path);
            for (pp, bytes) in &wk.photo_files {
                h.update(pp.to_string_lossy().as_bytes());
                h.update(bytes);
            }
            let name = report_name(&p.loaded, wk.iso, &p.langs);
            let warnings = week_warnings(&wk, &p.langs, ctx.fonts);
            let done = render(vec![name.clone()], h, &|| {
                let (_, bytes, _) =
                    render_week(&p.loaded, path, &p.langs, ctx.fonts, &p.templates)?;
                Ok(vec![(name.clone(), bytes)])
            });
            (done, warnings)
        }
    }
}

fn size(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else {
        format!("{:.0} KB", (n as f64 / 1e3).max(1.0))
    }
}

pub(super) fn build(deal: &Path, a: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let mut run = Run::new();
    let p = prepare(&mut run, deal, None, None)?;
    let sel = select(&mut run, &p)?;
    let fonts = run.stage(load_fonts(&p.loaded, None))?;
    run.problems
        .extend(crate::render::glyphs::profile(&p.loaded, &p.langs, &fonts));
    let out_dir = p.loaded.dir.join("out");
    let manifest: Manifest = std::fs::read_to_string(out_dir.join(MANIFEST))
        .ok()
        .and_then(|t| serde_yaml::from_str(&t).ok())
        .unwrap_or_default();
    let mut jobs = vec![
        Job::Contract,
        Job::Letter,
        Job::Reply(Tone::Formal),
        Job::Reply(Tone::Warm),
    ];
    jobs.extend(week_files(&p.loaded).into_iter().map(Job::Report));
    let ctx = Ctx {
        p: &p,
        sel: &sel,
        fonts: &fonts,
        base: common(&p),
        manifest: &manifest,
        out_dir: out_dir.clone(),
        force: a.force,
    };
    let threads = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 16);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<(Done, Duration, Problems)>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let tty = std::io::stderr().is_terminal();
    let total = jobs.len();
    let finished = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.min(jobs.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = jobs.get(i) else { break };
                let t = Instant::now();
                let (done, warnings) = run_job(&ctx, job);
                let took = t.elapsed();
                let k = finished.fetch_add(1, Ordering::SeqCst) + 1;
                let what = match &done {
                    Done::Written(f) => format!(
                        "built ({}, {:.2} s)",
                        size(f.iter().map(|x| x.1.len()).sum()),
                        took.as_secs_f64()
                    ),
                    Done::Skipped => "unchanged, skipped".to_string(),
                    Done::Failed(e) => format!(
                        "FAILED ({} error{})",
                        e.error_count(),
                        if e.error_count() == 1 { "" } else { "s" }
                    ),
                };
                if tty {
                    eprintln!("[{k}/{total}] {:<28} {what}", job.label());
                }
                if let Ok(mut r) = results.lock() {
                    r[i] = Some((done, took, warnings));
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    // Write what was built, then the manifest; failed documents keep their old files.
    let mut manifest = manifest;
    let mut outputs = Vec::new();
    let (mut built, mut skipped, mut failed, mut bytes) = (0, 0, 0, 0);
    let mut failures = Problems::new();
    for (job, r) in jobs.iter().zip(results) {
        if let Some((_, _, w)) = &r {
            run.problems.extend(w.clone());
        }
        match r {
            Some((Done::Written(files), _, _)) => {
                built += 1;
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
            Some((Done::Skipped, _, _)) => skipped += 1,
            Some((Done::Failed(e), _, _)) => {
                failed += 1;
                failures.push(Diagnostic::error(
                    Where::job(job.label()),
                    "was not built; its problems follow",
                ));
                failures.extend(e);
            }
            None => failed += 1,
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
    if std::fs::read_to_string(out_dir.join(MANIFEST))
        .ok()
        .as_deref()
        != Some(text.as_str())
    {
        outputs.push(Output {
            path: out_dir.join(MANIFEST),
            bytes: text.into_bytes(),
        });
    }
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
