//! Benchmark of a whole deal's `build` over a season of weekly reports: the bundled example
//! with 20 week files (2026-W30 … 2026-W49, each with the example's four photos and a trend
//! from all the weeks before it; W49 also with its voucher scan in the annex). Prints the
//! median wall time of `build --force`, the output size, the peak memory (max RSS of the
//! child process, from `wait4`), and the time of a rebuild with nothing changed.
//! Rerun with `cargo bench --bench build20` (`DEALGUARD_BENCH_RUNS=N` changes the number of
//! timed runs, 5 by default; `DEALGUARD_BENCH_BIN=PATH` measures another dealguard binary).

#[path = "support/child.rs"]
mod child;
#[path = "../tests/support/cli.rs"]
mod support;

use child::{binary, median, run};

use std::path::Path;
use std::time::Duration;

/// The weeks made: 2026-W30 to 2026-W49, the example's own week last.
const WEEKS: std::ops::RangeInclusive<u32> = 30..=49;

/// The example's week as week `w`: its number, and every percentage scaled to the share of
/// the season so far, so that the trend rises; attachments only in the example's own week.
fn week_text(example: &str, w: u32) -> String {
    let share = f64::from(w - WEEKS.start() + 1) / WEEKS.clone().count() as f64;
    let mut out = String::new();
    let mut skip_attachments = false;
    for line in example.lines() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        // The attachments block: everything indented under `attachments:`.
        if skip_attachments && indent > 4 {
            continue;
        }
        skip_attachments = false;
        if t.starts_with("attachments:") && w != *WEEKS.end() {
            skip_attachments = true;
            continue;
        }
        let line = if t.starts_with("week: ") {
            format!("week: 2026-W{w:02}")
        } else if t.starts_with("number: ") {
            format!("number: {}", w - WEEKS.start() + 1)
        } else if let Some((key, v)) = ["planned: ", "actual: "]
            .iter()
            .find_map(|k| t.strip_prefix(k).map(|v| (*k, v)))
        {
            let v: f64 = v.trim().parse().unwrap_or(0.0);
            format!("{}{key}{:.0}", &line[..indent], v * share)
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Files and bytes in `dir` (the documents written; the manifest is hidden but counted).
fn output_size(dir: &Path) -> (usize, u64) {
    let mut n = 0;
    let mut bytes = 0;
    for e in std::fs::read_dir(dir).expect("output folder").flatten() {
        if let Ok(m) = e.metadata() {
            if m.is_file() {
                n += 1;
                bytes += m.len();
            }
        }
    }
    (n, bytes)
}

fn main() {
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1);
    let work = std::env::temp_dir().join(format!("dealguard-bench-build20-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    support::copy_dir(&support::root().join("examples/nordic-home"), &work);
    let _ = std::fs::remove_dir_all(work.join("out"));
    let example =
        std::fs::read_to_string(work.join("reports/2026-W49.yaml")).expect("example week");
    for w in WEEKS {
        let path = work.join(format!("reports/2026-W{w:02}.yaml"));
        std::fs::write(path, week_text(&example, w)).expect("week written");
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("binary: {}", binary().display());
    println!(
        "dealguard 20-week build benchmark ({cores} cores): the example deal, weeks 2026-W30…W49"
    );
    let force = ["--deal", "deal.yaml", "build", "--force"];
    let measured: Vec<(Duration, Option<u64>)> = (0..runs).map(|_| run(&work, &force)).collect();
    let (files, bytes) = output_size(&work.join("out"));
    let times: Vec<Duration> = measured.iter().map(|m| m.0).collect();
    println!(
        "build --force: median {:.2} s of {runs} runs (min {:.2}, max {:.2}), {files} files, {:.2} MB written",
        median(times.clone()).as_secs_f64(),
        times.iter().min().map_or(0.0, Duration::as_secs_f64),
        times.iter().max().map_or(0.0, Duration::as_secs_f64),
        bytes as f64 / 1e6
    );
    match measured.iter().map(|m| m.1).collect::<Option<Vec<u64>>>() {
        Some(peaks) => println!(
            "build --force: peak RSS median {:.1} MiB (max {:.1}), from wait4's ru_maxrss",
            median(peaks.clone()) as f64 / 1048576.0,
            peaks.iter().max().copied().unwrap_or(0) as f64 / 1048576.0
        ),
        None => println!("build --force: peak RSS not measured on this platform"),
    }
    let noop = ["--deal", "deal.yaml", "build"];
    let again: Vec<Duration> = (0..runs).map(|_| run(&work, &noop).0).collect();
    println!(
        "build with nothing changed: median {:.1} ms of {runs} runs",
        median(again).as_secs_f64() * 1e3
    );
    if std::env::var_os("DEALGUARD_BENCH_KEEP").is_some() {
        println!("inputs kept in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
}
