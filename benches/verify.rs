//! Benchmark: `verify` on 1,000 generated mails of about 50 KB each, in one call; prints the
//! median wall time of N calls and the process's peak resident memory. Rerun with
//! `cargo bench --bench verify` (`DEALGUARD_BENCH_RUNS=9` changes the number of calls).

use dealguard::profile::deal::Profile;
use dealguard::profile::text::Langs;
use dealguard::verify::{render_text, verify};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const PARAGRAPH: &str = "Dear Li Wei, thank you for the weekly report. The polishing of the \
    second lot looks good; please send the photos of the handle riveting next week and the \
    inspection results of lot 3 as soon as they are ready. 李伟您好，感谢本周的生产报告，抛光效果\
    良好，请下周发送铆把工序的照片和第三批的检验结果。";

/// Mail `i`: mostly ordinary correspondence, every tenth with an attack's signs, some HTML.
fn mail(i: usize) -> Vec<u8> {
    let from = match i % 10 {
        0 => "Anna Lindqvist <anna.lindqvist@nordichorne.se>",
        1 => "DHL Express <noreply@dhl.com>",
        _ => "Anna Lindqvist <anna.lindqvist@nordichome.se>",
    };
    let mut body = String::with_capacity(52_000);
    while body.len() < 48_000 {
        body.push_str(PARAGRAPH);
        body.push('\n');
    }
    if i.is_multiple_of(10) {
        body.push_str("Due to an audit we use a new account: IBAN GB82 WEST 1234 5698 7654 32. Urgent, do not call.\n");
    }
    let html = i.is_multiple_of(3);
    let (ctype, text) = if html {
        let p: String = body
            .lines()
            .map(|l| {
                format!(
                    "<p>{l} <a href=\"https://trello.com/b/nh0148\">trello.com/b/nh0148</a></p>\n"
                )
            })
            .collect();
        ("text/html", p)
    } else {
        ("text/plain", body)
    };
    format!(
        "From: {from}\r\nTo: li.wei@hengli-kitchen.com\r\nSubject: Order NH-2026-0148, mail {i}\r\n\
         Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=nordichome.se; dmarc=pass header.from=nordichome.se\r\n\
         MIME-Version: 1.0\r\nContent-Type: {ctype}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}"
    )
    .into_bytes()
}

/// Peak resident set of this process (Linux `VmHWM`), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let runs: usize = std::env::var("DEALGUARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let profile: Profile =
        serde_yaml::from_str(dealguard::assets::EXAMPLE_DEAL).expect("example profile");
    let mails: Vec<(PathBuf, Vec<u8>)> = (0..1000)
        .map(|i| (PathBuf::from(format!("mail-{i:04}.eml")), mail(i)))
        .collect();
    let bytes: usize = mails.iter().map(|m| m.1.len()).sum();
    let before = peak_mb().unwrap_or(0.0);
    let mut times: Vec<Duration> = Vec::new();
    let mut warned = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let v = verify(&profile, &mails);
        let text = render_text(&v, &Langs::new(&dealguard::profile::text::Lang::ALL));
        times.push(start.elapsed());
        warned = v.mails.iter().filter(|m| m.has_warning()).count();
        assert!(text.len() > 1000);
    }
    times.sort();
    println!(
        "verify: {} mails, {:.1} MB in total, {} with warning signs; {runs} calls",
        mails.len(),
        bytes as f64 / 1e6,
        warned
    );
    println!(
        "median time of one call (verify + text report): {:.3} s",
        times[runs / 2].as_secs_f64()
    );
    println!(
        "peak resident memory: {:.0} MB (of which {:.0} MB before the first call: the program and the mails themselves)",
        peak_mb().unwrap_or(0.0),
        before
    );
}
