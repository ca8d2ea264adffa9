//! `build`'s change detection: what each output was made from (the manifest in the output
//! folder, read bounded) and the fingerprints of the inputs.

use crate::commands::shared::{inputs, source_date, Prepared};
use crate::diag::{Diagnostic, Problems};
use crate::fs::{io_error, read_bounded, ReadFail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The manifest's file name, in the output folder.
pub(super) const MANIFEST: &str = ".dealguard-build.yaml";

/// Largest manifest read; a bigger one is ignored (everything is rebuilt).
pub(super) const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// Most bytes of one file a fingerprint reads; a bigger file counts by name and time only.
pub(super) const MAX_FINGERPRINT_BYTES: u64 = 64 * 1024 * 1024;

/// What one output was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Entry {
    /// Hash of everything the document depends on.
    pub(super) inputs: String,
    /// Hash of the file written.
    pub(super) sha256: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    #[serde(default)]
    pub(super) outputs: BTreeMap<String, Entry>,
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Feeds a file's content into a fingerprint, reading a regular file of at most `max` bytes
/// in pieces (a device, a folder or a bigger file adds nothing): bounded in time and memory.
/// A file that is not there adds nothing either; any other failure to read is an error.
pub(super) fn feed_content(h: &mut Sha256, path: &Path, max: u64) -> Result<(), Diagnostic> {
    let fail = |e: &std::io::Error| io_error(path, "read", e);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(fail(&e)),
    };
    if !meta.is_file() || meta.len() > max {
        return Ok(());
    }
    let mut f = std::fs::File::open(path).map_err(|e| fail(&e))?.take(max);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(&e)),
        }
    }
}

/// Feeds a file into a fingerprint: its name, modification time (so touching a file counts as
/// a change, as with make) and content.
pub(super) fn feed_file(h: &mut Sha256, path: &Path) -> Result<(), Diagnostic> {
    h.update(path.to_string_lossy().as_bytes());
    if let Ok(meta) = std::fs::metadata(path) {
        if let Ok(t) = meta.modified() {
            if let Ok(d) = t.duration_since(std::time::UNIX_EPOCH) {
                h.update(d.as_nanos().to_be_bytes());
            }
        }
    }
    feed_content(h, path, MAX_FINGERPRINT_BYTES)
}

/// The part of every fingerprint that all documents share; unreadable inputs go to `problems`.
pub(super) fn common(p: &Prepared, problems: &mut Problems) -> Sha256 {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(p.langs.code().as_bytes());
    h.update(p.reader_langs.code().as_bytes());
    h.update(format!("{:?}", source_date()).as_bytes());
    let mut files = inputs(p);
    files.sort();
    // The font files as `load_fonts` picks them: `output.font`, and `output.font_bold` or the
    // `*-Bold` file beside it (`PATH#INDEX` names a face of the file at PATH).
    let out = &p.loaded.profile.output;
    if let Some(font) = &out.font {
        let split = |f: &Path| dealguard_pdf::font::FacePick::split(&p.loaded.dir.join(f)).0;
        let regular = split(font);
        let bold = match &out.font_bold {
            Some(b) => Some(split(b)),
            None => dealguard_pdf::font::bold_siblings(&regular)
                .into_iter()
                .find(|b| b.is_file()),
        };
        files.push(regular);
        files.extend(bold);
    }
    for f in files {
        if let Err(d) = feed_file(&mut h, &f) {
            problems.push(d);
        }
    }
    for (name, src) in p.templates.in_force() {
        h.update(name.as_bytes());
        h.update(src.text.as_bytes());
    }
    h
}

pub(super) fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Whether every output of a job is on disk as the manifest recorded it, from the same inputs.
pub(super) fn unchanged(out_dir: &Path, m: &Manifest, names: &[String], fingerprint: &str) -> bool {
    // Hashed in pieces, regular files only: whatever stands in `out/` cannot hang the build.
    let on_disk = |n: &str| {
        let path = out_dir.join(n);
        let mut h = Sha256::new();
        (path.is_file() && feed_content(&mut h, &path, MAX_FINGERPRINT_BYTES).is_ok())
            .then(|| hex(&h.finalize()))
    };
    !names.is_empty()
        && names.iter().all(|n| {
            m.outputs.get(n).is_some_and(|e| {
                e.inputs == fingerprint && on_disk(n).is_some_and(|s| s == e.sha256)
            })
        })
}

/// The manifest of the last build, and its text. A missing one is empty; one that cannot be
/// read or parsed is a warning, and everything is rebuilt.
pub(super) fn read_manifest(out_dir: &Path, problems: &mut Problems) -> (Manifest, Option<String>) {
    let path = out_dir.join(MANIFEST);
    let why = match read_bounded(&path, MAX_MANIFEST_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match serde_yaml::from_str(&text) {
                Ok(m) => return (m, Some(text)),
                Err(_) => "is damaged".to_string(),
            },
            Err(_) => "is damaged".to_string(),
        },
        Err(ReadFail::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Manifest::default(), None)
        }
        Err(ReadFail::Io(e)) => format!("cannot be read ({})", crate::fs::io_reason(&e)),
        Err(ReadFail::NotAFile) => "is not a file".to_string(),
        Err(ReadFail::TooBig(n)) => format!("is {n} bytes, more than a manifest can be"),
    };
    problems.push(
        Diagnostic::warning(&path, format!("{why}; every document is rebuilt"))
            .hint(format!("delete `{MANIFEST}` if the warning stays")),
    );
    (Manifest::default(), None)
}
