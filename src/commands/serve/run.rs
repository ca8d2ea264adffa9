//! Documents, new weeks and mail checks are made by running this binary's own commands, so
//! the page gives exactly what the CLI gives — the same files, the same messages — and a
//! document that fails (or a hostile mail that upsets a reader) never takes the server down.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a command left: its exit code, what it printed.
#[derive(Debug)]
pub(crate) struct Ran {
    /// The exit code (70 for an internal error; -1 when it could not run or was killed).
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: Vec<u8>,
    /// Standard error: the CLI's problems, each with file:line:col.
    pub(crate) stderr: String,
}

impl Ran {
    /// The lines of standard error that say something (the problems, not the count line).
    pub(crate) fn problems(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Runs `dealguard --deal <profile> <args…>` on the blocking pool, with no standard input.
pub(crate) async fn dealguard(exe: &Path, profile: &Path, args: Vec<OsString>) -> Ran {
    let mut cmd = Command::new(exe);
    cmd.arg("--deal").arg(profile).arg("--quiet").args(args);
    cmd.stdin(Stdio::null());
    let out = tokio::task::spawn_blocking(move || cmd.output()).await;
    match out {
        Ok(Ok(o)) => Ran {
            code: o.status.code().unwrap_or(-1),
            stdout: o.stdout,
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        },
        Ok(Err(e)) => Ran {
            code: -1,
            stdout: Vec::new(),
            stderr: format!("cannot run dealguard: {e}"),
        },
        Err(e) => Ran {
            code: -1,
            stdout: Vec::new(),
            stderr: format!("the command stopped: {e}"),
        },
    }
}
