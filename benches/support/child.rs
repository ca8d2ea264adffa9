//! What the benchmarks that run the release binary share: which binary, one timed run with
//! its peak memory, the median.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The binary measured: this build's, or `DEALGUARD_BENCH_BIN` (to compare with another
/// version under the same machine load).
pub fn binary() -> PathBuf {
    std::env::var_os("DEALGUARD_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_dealguard")),
        PathBuf::from,
    )
}

/// Runs the binary in `dir` and waits for it; returns the wall time and its peak resident
/// memory in bytes (from `wait4`; `None` where that is not available).
// The child is reaped by `wait4`, which also gives its peak memory; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
pub fn run(dir: &Path, args: &[&str]) -> (Duration, Option<u64>) {
    let start = Instant::now();
    let child = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("binary runs");
    #[cfg(unix)]
    {
        let pid = child.id() as libc::pid_t;
        let mut status = 0;
        // SAFETY: `rusage` is plain data that `wait4` fills in; the child is ours and not
        // waited for elsewhere.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let took = start.elapsed();
        assert_eq!(r, pid, "wait4 failed");
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{args:?} failed (status {status})"
        );
        // Linux reports `ru_maxrss` in KiB.
        (took, Some(usage.ru_maxrss as u64 * 1024))
    }
    #[cfg(not(unix))]
    {
        let mut child = child;
        let status = child.wait().expect("binary runs");
        assert!(status.success(), "{args:?} failed");
        (start.elapsed(), None)
    }
}

pub fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}
