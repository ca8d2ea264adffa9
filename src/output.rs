//! Write stage: the only module that creates files. Everything is rendered in memory first;
//! then each file is written to a temporary sibling and renamed into place, so an interrupted
//! run never leaves a half-written document and an error leaves the old files untouched.

use crate::diag::{Diagnostic, Problems};
use crate::profile::yaml::{io_error, io_reason};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// The temporary sibling an output is written to before it is renamed into place.
fn temp_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.dealguard-{}.tmp", std::process::id()))
}

/// Writes a file's bytes to its temporary sibling, mode 0644.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
    let tmp = temp_path(path);
    if let Some(dir) = tmp.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            let d = io_error(dir, "create folder", &e);
            match write_hint(&e) {
                Some(h) => d.hint(h),
                None => d,
            }
        })?;
    }
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(write_error(path, &e))
        }
    }
}

/// Writes all outputs as one change: every file goes to a temporary sibling first, and only
/// when all of them are written are they renamed into place. If any write fails, the
/// temporary files are removed and no existing file has changed. Standard-output outputs are
/// printed last.
pub fn write_all(outputs: &[Output]) -> Result<(), Diagnostic> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    for o in outputs.iter().filter(|o| !o.is_stdout()) {
        match write_temp(&o.path, &o.bytes) {
            Ok(tmp) => staged.push((tmp, &o.path)),
            Err(d) => {
                for (tmp, _) in &staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(d);
            }
        }
    }
    for (k, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            for (t, _) in &staged[k..] {
                let _ = std::fs::remove_file(t);
            }
            return Err(write_error(path, &e));
        }
    }
    for o in outputs.iter().filter(|o| o.is_stdout()) {
        let mut out = std::io::stdout().lock();
        out.write_all(&o.bytes)
            .and_then(|_| out.flush())
            .map_err(|e| {
                Diagnostic::error(
                    Path::new("-"),
                    format!("failed to write to standard output ({})", io_reason(&e)),
                )
                .io()
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = std::env::temp_dir().join(format!("dealguard-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let f = dir.join("sub/a.md");
        let out = |b: &[u8]| {
            [Output {
                path: f.clone(),
                bytes: b.to_vec(),
            }]
        };
        write_all(&out(b"one")).unwrap();
        write_all(&out(b"two")).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = std::env::temp_dir().join(format!("dealguard-tx-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "old").unwrap();
        // The second output cannot be written: a file stands where its folder should be.
        std::fs::write(dir.join("blocker"), "x").unwrap();
        let outs = [
            Output {
                path: dir.join("a.md"),
                bytes: b"new".to_vec(),
            },
            Output {
                path: dir.join("blocker/b.md"),
                bytes: b"b".to_vec(),
            },
        ];
        let e = write_all(&outs).unwrap_err();
        assert!(e.io && e.message.contains("blocker"), "{e}");
        assert_eq!(std::fs::read(dir.join("a.md")).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "temporary files left: {names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_inputs() {
        let dir = std::env::temp_dir().join(format!("dealguard-in-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("deal.yaml");
        std::fs::write(&input, "x").unwrap();
        let outs = [Output {
            path: dir.join("./deal.yaml"),
            bytes: vec![],
        }];
        assert!(check_targets(&outs, &[input]).has_errors());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
