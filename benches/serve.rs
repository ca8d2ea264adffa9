//! Benchmark of `dealguard serve` (release build): its memory when idle and after use, the
//! median time of each page, and the preview of a week with twelve 12-megapixel photos next to
//! the same report made by the CLI. Rerun with `cargo bench --bench serve`
//! (`DEALGUARD_BENCH_RUNS=50` changes the number of runs).

#[path = "../tests/support/photos.rs"]
mod photos;
#[path = "../tests/support/server.rs"]
mod server;
#[path = "../tests/support/cli.rs"]
mod support;

use server::Server;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The server's resident memory (VmRSS) in MiB, from /proc.
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The deals: the example, with a week 2026-W50 of twelve 4000×3000 photos.
fn deals() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let deal = t.path().join("nordic-home");
    support::copy_dir(&support::root().join("examples/nordic-home"), &deal);
    let week = std::fs::read_to_string(deal.join("reports/2026-W49.yaml")).unwrap();
    let (head, rest) = week.split_once("photos:").unwrap();
    let (_, tail) = rest.split_once("plan:").unwrap();
    let (twelve, _) = photos::twelve_photos(&deal.join("reports/photos"));
    let head = head
        .replace("week: 2026-W49", "week: 2026-W50")
        .replace("number: 3", "number: 4");
    std::fs::write(
        deal.join("reports/2026-W50.yaml"),
        format!("{head}{twelve}\nplan:{tail}"),
    )
    .unwrap();
    t
}

fn main() {
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(21);
    let s = Server::start_in(deals(), &[]);
    std::thread::sleep(Duration::from_millis(300));
    let pid = s.child.id();
    println!(
        "dealguard serve benchmark: {runs} runs per request, median wall time (release build)"
    );
    println!("idle after start: {:.1} MiB resident", rss_mib(pid));
    println!("{:<52} {:>10} {:>10}", "request", "median", "bytes");
    let pages = [
        ("portfolio", "/"),
        ("deal page", "/deal?d=nordic-home"),
        ("week form (example week)", "/week?d=nordic-home&w=2026-W49"),
        ("week form (12 photos)", "/week?d=nordic-home&w=2026-W50"),
        ("check a mail (form)", "/verify?d=nordic-home"),
        (
            "sampling plan",
            "/aql?lot=3000&level=II&critical=0&major=2.5&minor=4.0",
        ),
        (
            "a thumbnail (4000x3000 photo)",
            "/photo?d=nordic-home&f=photos/bench-00.jpg",
        ),
    ];
    for (name, path) in pages {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let r = s.get(path);
            times.push(start.elapsed());
            assert_eq!(r.status, 200, "{path}: {}", r.text());
            size = r.body.len();
        }
        println!(
            "{name:<52} {:>8.1}ms {size:>10}",
            median(times).as_secs_f64() * 1e3
        );
    }
    let preview_runs = runs.min(7);
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..preview_runs {
        let start = Instant::now();
        let r = s.get("/doc?d=nordic-home&kind=report&week=2026-W50&lang=en%2Bzh&format=pdf");
        times.push(start.elapsed());
        assert!(r.body.starts_with(b"%PDF"), "{}", r.text());
        size = r.body.len();
    }
    let preview = median(times);
    println!(
        "{:<52} {:>8.1}ms {size:>10}",
        "preview, 12-photo week (GET /doc … report)",
        preview.as_secs_f64() * 1e3
    );
    let deal = s.path("nordic-home");
    let out = deal.join("out/cli.pdf");
    let mut times = Vec::new();
    for _ in 0..preview_runs {
        let start = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .current_dir(&deal)
            .args([
                "--quiet",
                "report",
                "reports/2026-W50.yaml",
                "--draft",
                "--lang",
                "en+zh",
                "-o",
            ])
            .arg(&out)
            .output()
            .unwrap();
        times.push(start.elapsed());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let cli = median(times);
    let size = std::fs::metadata(Path::new(&out))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "{:<52} {:>8.1}ms {size:>10}",
        "the same report by the CLI (report --draft)",
        cli.as_secs_f64() * 1e3
    );
    println!(
        "preview - CLI: {:+.1} ms",
        (preview.as_secs_f64() - cli.as_secs_f64()) * 1e3
    );
    println!("after these requests: {:.1} MiB resident", rss_mib(pid));
    std::thread::sleep(Duration::from_secs(2));
    println!("idle again 2 s later: {:.1} MiB resident", rss_mib(pid));
}
