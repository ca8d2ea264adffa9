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

/// Writes one file atomically (temporary file in the same folder, then rename), mode 0644.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, "create folder", &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.dealguard-{}.tmp", std::process::id()));
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
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Diagnostic::error(
            path,
            format!("failed to write `{}` ({})", path.display(), io_reason(&e)),
        )
        .io());
    }
    Ok(())
}

/// Writes all outputs; standard-output ones are printed. Stops at the first failure.
pub fn write_all(outputs: &[Output]) -> Result<(), Diagnostic> {
    for o in outputs {
        if o.is_stdout() {
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
        } else {
            write_atomic(&o.path, &o.bytes)?;
        }
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
        write_atomic(&f, b"one").unwrap();
        write_atomic(&f, b"two").unwrap();
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
