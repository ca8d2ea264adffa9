//! Benchmark of the photo path (the SPEC's photo quality bar): the median wall time and output
//! size of a 12-photo report of 4000×3000 JPEGs, and the peak memory (max RSS of the child
//! process) of a 60-photo report. Rerun with `cargo bench --bench photos`
//! (`DEALGUARD_BENCH_RUNS=5` changes the number of timed runs, `DEALGUARD_BENCH_BIN=PATH`
//! measures another dealguard binary on the same inputs).
//!
//! The generated photos are cached in the system temp folder (`dealguard-bench-photos-v1`):
//! making sixty 12 MP scenes takes longer than the benchmark itself.

#[path = "support/child.rs"]
mod child;
#[path = "../tests/support/photos.rs"]
mod photos;
#[path = "../tests/support/cli.rs"]
mod support;

use child::{binary, median, run};

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The 60 photos of 4000×3000, made once and kept between runs.
fn photo_cache() -> PathBuf {
    let dir = std::env::temp_dir().join("dealguard-bench-photos-v1");
    std::fs::create_dir_all(&dir).unwrap();
    let missing: Vec<u64> = (0..60)
        .filter(|i| !dir.join(format!("bench-{i:02}.jpg")).exists())
        .collect();
    // Two threads: the photos are independent and the machine has at least two cores.
    std::thread::scope(|s| {
        for half in missing.chunks(missing.len().div_ceil(2).max(1)) {
            let dir = &dir;
            s.spawn(move || {
                for i in half {
                    let jpeg = photos::jpeg(&photos::scene(4000, 3000, 100 + i), 90);
                    let tmp = dir.join(format!("bench-{i:02}.jpg.part"));
                    std::fs::write(&tmp, &jpeg).unwrap();
                    std::fs::rename(&tmp, dir.join(format!("bench-{i:02}.jpg"))).unwrap();
                }
            });
        }
    });
    dir
}

/// A week file with the example's data and `n` of the cached photos.
fn week_with_photos(work: &Path, n: usize) -> String {
    let week = std::fs::read_to_string(work.join("reports/2026-W49.yaml")).expect("example week");
    // The photos alone are measured: the example's voucher scan (an attachment, four lines
    // under its material) is left out, so the numbers compare with those before it existed.
    let mut skip = 0;
    let week: String = (week.lines())
        .filter(|l| {
            if l.trim_start().starts_with("attachments:") {
                skip = 4;
            }
            if skip > 0 {
                skip -= 1;
                return false;
            }
            true
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        !week.contains("vouchers/"),
        "the example's attachments changed shape"
    );
    let (head, rest) = week.split_once("photos:").expect("example week has photos");
    let (_, tail) = rest.split_once("plan:").expect("example week has a plan");
    let stages = ["materials", "cutting", "polishing"];
    let mut photos = String::from("photos:\n");
    for i in 0..n {
        photos.push_str(&format!(
            "  - file: photos/bench-{i:02}.jpg\n    caption: {{en: Site photo {i}, zh: 现场照片{i}}}\n    stage: {}\n    taken: 2026-12-02\n",
            stages[i % 3]
        ));
    }
    format!("{head}{photos}\nplan:{tail}")
}

fn main() {
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let cache = photo_cache();
    let work = std::env::temp_dir().join(format!("dealguard-bench-photos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    support::copy_dir(&support::root().join("examples/nordic-home"), &work);
    std::fs::create_dir_all(work.join("out")).unwrap();
    let mut bytes = [0u64; 2];
    for i in 0..60 {
        let name = format!("bench-{i:02}.jpg");
        let to = work.join("reports/photos").join(&name);
        std::fs::copy(cache.join(&name), &to).unwrap();
        let len = std::fs::metadata(&to).unwrap().len();
        bytes[1] += len;
        if i < 12 {
            bytes[0] += len;
        }
    }
    for n in [12, 60] {
        std::fs::write(
            work.join(format!("reports/bench-{n}.yaml")),
            week_with_photos(&work, n),
        )
        .unwrap();
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("binary: {}", binary().display());
    println!(
        "dealguard photo benchmark (release build, {cores} cores): 12 photos = {:.1} MB, 60 photos = {:.1} MB of 4000×3000 JPEG",
        bytes[0] as f64 / 1e6,
        bytes[1] as f64 / 1e6
    );
    let args12 = ["report", "reports/bench-12.yaml", "-o", "out/r-12.pdf"];
    let times: Vec<Duration> = (0..runs).map(|_| run(&work, &args12).0).collect();
    let size = std::fs::metadata(work.join("out/r-12.pdf")).map_or(0, |m| m.len());
    println!(
        "report, 12 photos: median {:.1} ms of {runs} runs (min {:.1}), output {:.2} MB",
        median(times.clone()).as_secs_f64() * 1e3,
        times.iter().min().map_or(0.0, |t| t.as_secs_f64() * 1e3),
        size as f64 / 1e6
    );
    let args60 = ["report", "reports/bench-60.yaml", "-o", "out/r-60.pdf"];
    let rss: Vec<(Duration, Option<u64>)> = (0..3).map(|_| run(&work, &args60)).collect();
    let size = std::fs::metadata(work.join("out/r-60.pdf")).map_or(0, |m| m.len());
    match rss.iter().map(|r| r.1).collect::<Option<Vec<u64>>>() {
        Some(peaks) => println!(
            "report, 60 photos: peak RSS median {:.1} MiB of 3 runs (max {:.1}), {:.2} s, output {:.2} MB",
            median(peaks.clone()) as f64 / 1048576.0,
            peaks.iter().max().copied().unwrap_or(0) as f64 / 1048576.0,
            median(rss.iter().map(|r| r.0).collect()).as_secs_f64(),
            size as f64 / 1e6
        ),
        None => println!("report, 60 photos: peak RSS not measured on this platform"),
    }
    if std::env::var_os("DEALGUARD_BENCH_KEEP").is_some() {
        println!("inputs kept in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
}
