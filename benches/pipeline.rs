//! Benchmark: runs the release binary on the bundled example and prints, per scenario, the
//! median wall time of N runs and the output size. Rerun with `cargo bench --bench pipeline`.
//! (`DEALGUARD_BENCH_RUNS=50` changes the number of runs.)

#[path = "../tests/support/photos.rs"]
mod photos;
#[path = "../tests/support/cli.rs"]
mod support;

use support::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs the binary `runs` times in `dir`; returns the median time and the size of `output`.
fn measure(dir: &Path, args: &[&str], output: &Path, runs: usize) -> (Duration, u64) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .args(args)
            .current_dir(dir)
            .output()
            .expect("binary runs");
        times.push(start.elapsed());
        assert!(
            out.status.success(),
            "{args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let size = std::fs::metadata(dir.join(output))
        .map(|m| m.len())
        .unwrap_or(0);
    (median(times), size)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(21);
    let work: PathBuf =
        std::env::temp_dir().join(format!("dealguard-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nordic-home"),
        &work,
    );
    println!("dealguard benchmark: {runs} runs per scenario, median wall time of the whole command (release build)");
    println!("{:<44} {:>10} {:>12}", "scenario", "median", "output");
    std::fs::create_dir_all(work.join("out")).unwrap();
    // Week variants: the example as it is, with twelve 12-megapixel phone photos, and text only.
    let week = std::fs::read_to_string(work.join("reports/2026-W49.yaml")).expect("example week");
    let (head, rest) = week.split_once("photos:").expect("example week has photos");
    let (_, tail) = rest.split_once("plan:").expect("example week has a plan");
    let (twelve, photo_bytes) = photos::twelve_photos(&work.join("reports/photos"));
    std::fs::write(
        work.join("reports/bench-12-photos.yaml"),
        format!("{head}{twelve}\nplan:{tail}"),
    )
    .unwrap();
    std::fs::write(
        work.join("reports/bench-text-only.yaml"),
        format!("{head}plan:{tail}"),
    )
    .unwrap();
    println!(
        "(12 generated photos of 4000×3000: {:.1} MB of JPEG in total)",
        photo_bytes as f64 / 1e6
    );
    let scenarios: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "report: example week (4 photos)",
            vec!["report", "reports/2026-W49.yaml", "-o", "out/r-example.pdf"],
            "out/r-example.pdf",
        ),
        (
            "report: 12 photos 4000x3000",
            vec![
                "report",
                "reports/bench-12-photos.yaml",
                "-o",
                "out/r-12.pdf",
            ],
            "out/r-12.pdf",
        ),
        (
            "report: text only",
            vec![
                "report",
                "reports/bench-text-only.yaml",
                "-o",
                "out/r-text.pdf",
            ],
            "out/r-text.pdf",
        ),
        (
            "contract pdf (en+zh)",
            vec!["contract", "--format", "pdf", "-o", "out/c.pdf"],
            "out/c.pdf",
        ),
        (
            "letter pdf (en+zh)",
            vec!["letter", "--format", "pdf", "-o", "out/l.pdf"],
            "out/l.pdf",
        ),
        (
            "letter eml (en+zh)",
            vec!["letter", "--format", "eml", "-o", "out/l.eml"],
            "out/l.eml",
        ),
        (
            "reply txt (en+zh)",
            vec!["reply", "--format", "txt", "-o", "out/r.txt"],
            "out/r.txt",
        ),
        (
            "contract md (en+zh)",
            vec!["contract", "--format", "md", "-o", "out/c.md"],
            "out/c.md",
        ),
        (
            "contract html (en+zh)",
            vec!["contract", "--format", "html", "-o", "out/c.html"],
            "out/c.html",
        ),
        (
            "contract md (en)",
            vec![
                "contract",
                "--lang",
                "en",
                "--format",
                "md",
                "-o",
                "out/c-en.md",
            ],
            "out/c-en.md",
        ),
        ("check", vec!["check"], "deal.yaml"),
    ];
    // `build` runs on a clean copy of the example (the week variants above are not its weeks).
    let clean = work.join("clean");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nordic-home"),
        &clean,
    );
    for (name, args) in [
        (
            "build --force (whole example deal)",
            vec!["build", "--force"],
        ),
        ("build (nothing changed)", vec!["build"]),
    ] {
        let (t, _) = measure(&clean, &args, Path::new("deal.yaml"), runs);
        let total: u64 = std::fs::read_dir(clean.join("out"))
            .map(|d| {
                d.filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        println!(
            "{name:<44} {:>8.1} ms {:>9} B",
            t.as_secs_f64() * 1000.0,
            total
        );
    }
    for (name, args, out) in scenarios {
        let (t, size) = measure(&work, &args, Path::new(out), runs);
        println!(
            "{name:<44} {:>8.1} ms {:>9} B",
            t.as_secs_f64() * 1000.0,
            size
        );
    }
    if std::env::var_os("DEALGUARD_BENCH_KEEP").is_some() {
        println!("inputs kept in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
}
