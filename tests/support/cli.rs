//! Shared helpers of the integration tests: run the built binary, copy fixtures, compare
//! snapshots (`DEALGUARD_BLESS=1 cargo test` rewrites them).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dealguard` in `dir` (with no `SOURCE_DATE_EPOCH` from the caller's environment).
pub fn dealguard(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dealguard"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Asserts a run succeeded, showing its error output if not.
pub fn ok(r: &Run) {
    assert_eq!(r.code, 0, "stderr:\n{}\nstdout:\n{}", r.stderr, r.stdout);
}

/// Copies a folder, leaving out any `out/` folder.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_name() == "out" && e.file_type().unwrap().is_dir() {
            continue;
        }
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A temp copy of `tests/fixtures/<kind>/<name>`.
pub fn fixture(kind: &str, name: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("tests/fixtures").join(kind).join(name),
        t.path(),
    );
    t
}

/// Compares `actual` with `tests/snapshots/<name>`; `DEALGUARD_BLESS=1` writes it instead.
pub fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var_os("DEALGUARD_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with DEALGUARD_BLESS=1",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n(rerun with DEALGUARD_BLESS=1 if the change is intended)",
            name,
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// A temp folder holding a copy of the example's deal.yaml.
pub fn example_deal() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/nordic-home/deal.yaml"),
        t.path().join("deal.yaml"),
    )
    .unwrap();
    t
}
