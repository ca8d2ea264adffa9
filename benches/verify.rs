//! Benchmark of `verify` (issue 21): (a) the labelled corpus per category — mails, caught,
//! missed, false alarms — and mails/s on it; (b) 1,000 ordinary mails of about 50 KB (the PASS
//! families with a longer quoted thread) in one call: median of N calls, mails/s, peak resident
//! memory; (c) one mail with 10,000 distinct payee account lines and one of 2 MB, timed.
//! Run with `cargo bench --bench verify`; `DEALGUARD_BENCH_RUNS=9` sets N (default 5).

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use corpus::{Case, DealRef, PASS, WARN};
use dealguard::profile::deal::Profile;
use dealguard::verify::verify;
use dealguard_mail::MailReport;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn profile(d: DealRef) -> Profile {
    let yaml = match d {
        DealRef::Example => dealguard::assets::EXAMPLE_DEAL.to_string(),
        DealRef::Lc => std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/valid/boston-lc/deal.yaml"),
        )
        .expect("the L/C fixture deal"),
    };
    serde_yaml::from_str(&yaml).expect("a deal profile")
}

fn inputs(cases: &[&Case]) -> Vec<(PathBuf, Vec<u8>)> {
    cases
        .iter()
        .map(|c| (PathBuf::from(&c.name), c.bytes.clone()))
        .collect()
}

/// Peak resident set of this process (Linux `VmHWM`), in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("");
    let kb: f64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Current resident set (Linux `VmRSS`), in MiB.
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("");
    let kb: f64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The median wall time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// (a) The corpus: the per-category table and the corpus throughput.
fn corpus_table(runs: usize) {
    let all = corpus::cases();
    let mut reports: Vec<(&Case, MailReport)> = Vec::new();
    let mut time = Duration::ZERO;
    for d in [DealRef::Example, DealRef::Lc] {
        let cases: Vec<&Case> = all.iter().filter(|c| c.deal == d).collect();
        let input = inputs(&cases);
        let p = profile(d);
        time += median(runs, || {
            verify(&p, &input);
        });
        reports.extend(cases.into_iter().zip(verify(&p, &input).mails));
    }
    let mut table: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for (c, r) in &reports {
        let row = table.entry(c.category).or_default();
        let flagged = r.has_warning();
        row[0] += 1;
        row[1] += usize::from(c.warn && flagged);
        row[2] += usize::from(c.warn && !flagged);
        row[3] += usize::from(!c.warn && flagged);
    }
    println!(
        "(a) corpus: {} mails, {:.1} MB",
        all.len(),
        all.iter().map(|c| c.bytes.len()).sum::<usize>() as f64 / 1e6
    );
    println!(
        "{:<24} {:>5} {:>6} {:>6} {:>6}",
        "category", "mails", "caught", "missed", "false"
    );
    let mut total = [0usize; 4];
    for cat in WARN.iter().chain(&PASS) {
        let r = table.get(cat).copied().unwrap_or_default();
        println!("{cat:<24} {:>5} {:>6} {:>6} {:>6}", r[0], r[1], r[2], r[3]);
        for i in 0..4 {
            total[i] += r[i];
        }
    }
    let warns: usize = all.iter().filter(|c| c.warn).count();
    let passes = all.len() - warns;
    println!(
        "total: caught {}/{warns} ({:.1} %), false alarms {}/{passes} ({:.1} %)",
        total[1],
        100.0 * total[1] as f64 / warns as f64,
        total[3],
        100.0 * total[3] as f64 / passes as f64
    );
    println!(
        "corpus speed: {:.0} mails/s (median of {runs} calls per deal: {:.3} s)\n",
        all.len() as f64 / time.as_secs_f64(),
        time.as_secs_f64()
    );
}

/// (b) 1,000 ordinary mails of about 50 KB in one call.
fn ordinary(runs: usize) {
    // The quoted thread's length is scaled once so that the mean mail is about 50 KB.
    let probe = corpus::ordinary(200, 25_000);
    let mean = probe.iter().map(|c| c.bytes.len()).sum::<usize>() / probe.len();
    let history = 25_000 * 50_000 / mean.max(1);
    let mails: Vec<(PathBuf, Vec<u8>)> = corpus::ordinary(1000, history)
        .into_iter()
        .map(|c| (PathBuf::from(c.name), c.bytes))
        .collect();
    drop(probe);
    let bytes: usize = mails.iter().map(|m| m.1.len()).sum();
    let p = profile(DealRef::Example);
    let before = peak_mib();
    // Resets VmHWM to the current resident set (Linux 4.0+), so that the peak printed below
    // is the one reached during the calls, not while the corpus was generated.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let resident = rss_mib();
    let mut warned = 0;
    let t = median(runs, || {
        warned = verify(&p, &mails)
            .mails
            .iter()
            .filter(|m| m.has_warning())
            .count();
    });
    println!(
        "(b) {} ordinary mails, {:.1} MB in total (mean {:.1} KB), {warned} with warnings",
        mails.len(),
        bytes as f64 / 1e6,
        bytes as f64 / mails.len() as f64 / 1e3
    );
    println!(
        "median of {runs} calls: {:.3} s, {:.0} mails/s (bar: >= 1,000 mails/s on 2 cores)",
        t.as_secs_f64(),
        mails.len() as f64 / t.as_secs_f64()
    );
    println!("peak resident memory during the calls: {:.0} MiB (resident before the first call: {resident:.0} MiB, the program and the mails; peak while generating them: {before:.0} MiB; bar: <= 100 MiB)\n", peak_mib());
}

/// (c) One mail with 10,000 distinct payee account lines, and one of 2 MB.
fn large(runs: usize) {
    let head = "From: Li Wei <li.wei@hengli-kitchen.com>\r\nTo: anna.lindqvist@nordichome.se\r\nSubject: payee list\r\nDate: Tue, 8 Dec 2026 10:00:00 +0800\r\nMessage-ID: <big@corpus>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    let mut many = String::from(head);
    for i in 0..10_000u32 {
        many.push_str(&format!(
            "Beneficiary account: 6222 0210 {:04} {:04} {:03}\r\n",
            i / 7,
            (i * 7919) % 10_000,
            i % 1000
        ));
    }
    let mut big = String::from(head).replace("payee list", "long thread");
    let filler = corpus::common::history(corpus::common::Lang::En, 2_000_000, 0);
    big.push_str(&filler.replace('\n', "\r\n"));
    big.truncate(2 * 1024 * 1024);
    let p = profile(DealRef::Example);
    for (name, m) in [
        ("10,000 distinct account lines", many),
        ("2 MB thread", big),
    ] {
        let input = vec![(PathBuf::from("big.eml"), m.into_bytes())];
        let mut signs = 0;
        let t = median(runs, || signs = verify(&p, &input).mails[0].signs.len());
        println!(
            "(c) {name}: {:.0} KB, median {:.3} s, {signs} signs (bar: < 1 s)",
            input[0].1.len() as f64 / 1024.0,
            t.as_secs_f64()
        );
    }
}

fn main() {
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5);
    // `DEALGUARD_BENCH_ONLY=corpus|ordinary|large` runs one part (to profile it alone).
    let only = std::env::var("DEALGUARD_BENCH_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only == name;
    println!("threads: {}", rayon::current_num_threads());
    if part("corpus") {
        corpus_table(runs);
    }
    if part("ordinary") {
        ordinary(runs);
    }
    if part("large") {
        large(runs);
    }
}
