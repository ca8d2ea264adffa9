//! Write stage: the only module that creates files. Everything is rendered in memory first;
//! then each file is written to a temporary sibling (`tempfile`: random name, created
//! exclusively) and renamed into place, so an interrupted run never leaves a half-written
//! document, and an error leaves the old files as they were (see `write_all` for the exact
//! guarantee). Temporary files carry the writer's PID, so a later write removes those that a
//! killed process left behind.

use crate::diag::{Diagnostic, Problems};
use crate::fs::{io_error, io_reason};
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Temporary files are `.dealguard-<pid>-<random>.tmp` in the target's folder.
const TEMP_PREFIX: &str = ".dealguard-";
/// The end of every temporary file name.
const TEMP_SUFFIX: &str = ".tmp";
/// Where the writer's PID cannot be checked, a temporary file older than this is stale.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// One rendered document and where it goes.
#[derive(Debug, Clone)]
pub struct Output {
    /// Target path, or `-` for standard output.
    pub path: PathBuf,
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

impl Output {
    /// Whether this output goes to standard output.
    pub fn is_stdout(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// Refuses outputs that would overwrite one of the inputs, or that collide with each other.
pub fn check_targets(outputs: &[Output], inputs: &[PathBuf]) -> Problems {
    let mut p = Problems::new();
    let canon = |x: &Path| -> PathBuf {
        // The target may not exist yet: resolve its folder instead.
        match (x.parent(), x.file_name()) {
            (Some(dir), Some(name)) => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                dir.canonicalize()
                    .map_or_else(|_| x.to_path_buf(), |d| d.join(name))
            }
            _ => x.to_path_buf(),
        }
    };
    let inputs: Vec<PathBuf> = inputs.iter().map(|i| canon(i)).collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for o in outputs.iter().filter(|o| !o.is_stdout()) {
        let c = canon(&o.path);
        if inputs.contains(&c) {
            p.push(
                Diagnostic::error(&o.path, "is an input file; refusing to overwrite it")
                    .hint("choose another `-o` path"),
            );
        }
        if seen.contains(&c) {
            p.push(
                Diagnostic::error(&o.path, "would be written twice by this command")
                    .hint("give each format its own file, or `-o` a folder"),
            );
        }
        seen.push(c);
    }
    p
}

/// A hint for a failed write, when the reason is a common one.
fn write_hint(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Some("the folder is not writable; choose another with `-o`, or fix its permissions")
        }
        std::io::ErrorKind::StorageFull => Some("the disk is full"),
        std::io::ErrorKind::NotADirectory | std::io::ErrorKind::AlreadyExists => {
            Some("a file stands where the output folder should be")
        }
        _ => None,
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let d = Diagnostic::error(
        path,
        format!("failed to write `{}` ({})", path.display(), io_reason(e)),
    )
    .io();
    match write_hint(e) {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// The folder an output goes to (`.` for a bare file name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file name pattern for this process: `.dealguard-<pid>-`, random, `.tmp`.
fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(TEMP_SUFFIX).rand_bytes(8);
    b
}

fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// The PID in a temporary file name of ours: `.dealguard-<pid>-<random>.tmp`, or the
/// `.<name>.dealguard-<pid>.tmp` of earlier versions.
fn temp_owner(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let pid = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let current = stem
        .strip_prefix(&TEMP_PREFIX[1..])
        .and_then(|rest| rest.split_once('-'))
        .and_then(|(p, _)| pid(p));
    current.or_else(|| stem.rsplit_once(TEMP_PREFIX).and_then(|(_, p)| pid(p)))
}

/// Whether a temporary file of process `pid`, last changed at `modified`, is left over from a
/// process that no longer runs.
fn is_stale(pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    if pid == std::process::id() {
        // Another write of this very process may be under way.
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    modified
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Removes the temporary files that killed processes left in `dir` (`write_all` does this
/// for its folders). Best effort: a file that cannot be removed now is tried again later.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        // Never follow a link, never remove a folder.
        let Ok(meta) = e.path().symlink_metadata() else {
            continue;
        };
        if meta.is_file() && is_stale(pid, meta.modified().ok()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes a file's bytes to a new temporary sibling, mode 0644; dropping it removes it.
fn stage(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, Diagnostic> {
    let dir = folder(path);
    std::fs::create_dir_all(&dir).map_err(|e| {
        let d = io_error(&dir, "create folder", &e);
        match write_hint(&e) {
            Some(h) => d.hint(h),
            None => d,
        }
    })?;
    let prefix = temp_prefix();
    let write = || -> std::io::Result<NamedTempFile> {
        let mut f = temp_builder(&prefix).tempfile_in(&dir)?;
        f.write_all(bytes)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Like any other document the user saves, not tempfile's private 0600.
            f.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        f.as_file().sync_all()?;
        Ok(f)
    };
    write().map_err(|e| write_error(path, &e))
}

/// Keeps the current file at `path` aside (a hard link, or a copy where links are not
/// supported) under a temporary name, so that it can be put back. `None` when there is no
/// file to keep: nothing there yet, or a folder (which the rename then refuses).
fn keep_aside(path: &Path) -> Result<Option<NamedTempFile<()>>, Diagnostic> {
    match path.symlink_metadata() {
        Ok(m) if !m.is_dir() => {}
        _ => return Ok(None),
    }
    let prefix = temp_prefix();
    let b = temp_builder(&prefix);
    let dir = folder(path);
    b.make_in(&dir, |p| std::fs::hard_link(path, p))
        .or_else(|_| {
            b.make_in(&dir, |p| {
                let copy = (|| {
                    let mut to = std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(p)?;
                    std::io::copy(&mut std::fs::File::open(path)?, &mut to)?;
                    to.sync_all()
                })();
                if copy.is_err() {
                    let _ = std::fs::remove_file(p);
                }
                copy
            })
        })
        .map(Some)
        .map_err(|e| write_error(path, &e))
}

/// Renames the staged files into place, in order. If one rename fails, the files already
/// renamed get their kept-aside versions back (or are removed when they are new).
fn commit(
    staged: Vec<(NamedTempFile, &Path, Option<NamedTempFile<()>>)>,
) -> Result<(), Diagnostic> {
    let mut done: Vec<(&Path, Option<NamedTempFile<()>>)> = Vec::new();
    for (tmp, path, kept) in staged {
        if let Err(e) = tmp.persist(path) {
            let mut d = write_error(path, &e.error);
            for (p, kept) in done.into_iter().rev() {
                let undone = match kept {
                    Some(k) => k.persist(p).map(|_| ()).map_err(|e| e.error),
                    None => std::fs::remove_file(p),
                };
                if let Err(u) = undone {
                    d.message.push_str(&format!(
                        "; `{}` could not be restored ({})",
                        p.display(),
                        io_reason(&u)
                    ));
                }
            }
            return Err(d);
        }
        done.push((path, kept));
    }
    // Success: the kept-aside versions are removed as they drop.
    Ok(())
}

/// A private folder for the files of one piece of work (`serve`'s uploaded mails, a document
/// made for the browser), removed with everything in it when the value is dropped.
pub fn scratch_dir() -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix(".dealguard-").tempdir()
}

/// Writes all outputs as one change, standard-output outputs last.
///
/// First the temporary files that killed runs left in the target folders are removed. Then
/// every file is written to a temporary sibling; if one cannot be written, the others are
/// removed and nothing has changed. Then the current version of each target is kept aside
/// and the files are renamed into place one by one; if a rename fails, the renames already
/// done are undone, so again nothing has changed (folders created for the outputs stay). Each
/// rename is atomic, so every output is always either its old or its new version, complete;
/// but a process killed during the renames leaves some outputs new and the others old, and
/// its temporary files until the next write into that folder.
pub fn write_all(outputs: &[Output]) -> Result<(), Diagnostic> {
    let files: Vec<&Output> = outputs.iter().filter(|o| !o.is_stdout()).collect();
    let mut folders: Vec<PathBuf> = files.iter().map(|o| folder(&o.path)).collect();
    folders.sort();
    folders.dedup();
    for dir in &folders {
        sweep(dir);
    }
    // On an error the temporary files staged so far drop, which removes them.
    let mut staged = Vec::with_capacity(files.len());
    for o in &files {
        staged.push((stage(&o.path, &o.bytes)?, o.path.as_path()));
    }
    let mut ready = Vec::with_capacity(staged.len());
    for (tmp, path) in staged {
        let kept = keep_aside(path)?;
        ready.push((tmp, path, kept));
    }
    commit(ready)?;
    for o in outputs.iter().filter(|o| o.is_stdout()) {
        let mut out = std::io::stdout().lock();
        match out.write_all(&o.bytes).and_then(|_| out.flush()) {
            // The reader has gone (`| head`): it has read all it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => {
                return Err(Diagnostic::error(
                    Path::new("-"),
                    format!("failed to write to standard output ({})", io_reason(&e)),
                )
                .io())
            }
            Ok(()) => {}
        }
    }
    Ok(())
}

/// Prints to standard output, the one way commands print (through [`outln!`]): a closed pipe
/// (`dealguard clauses list | head`) ends the program quietly with exit code 0, since the
/// reader has what it wanted; any other failure to print is reported and exits 3.
pub fn print(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!(
            "error: failed to write to standard output ({})",
            io_reason(&e)
        );
        std::process::exit(3);
    }
}

/// `println!` through [`print`]: a closed pipe ends the program quietly.
#[macro_export]
macro_rules! outln {
    () => { $crate::output::print(format_args!("\n")) };
    ($($t:tt)*) => { $crate::output::print(format_args!("{}\n", format_args!($($t)*))) };
}

/// `print!` through [`print`].
#[macro_export]
macro_rules! out {
    ($($t:tt)*) => { $crate::output::print(format_args!($($t)*)) };
}

#[cfg(test)]
mod tests;
