//! File access shared by every stage that reads or writes: bounded reads of regular files and
//! the messages for files that cannot be read or written. (It lived in the YAML loader, which
//! made the write stage import the YAML module.)

use crate::diag::Diagnostic;
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadFail {
    /// A folder, device, pipe or socket: reading it could block or never end.
    NotAFile,
    /// Bigger than the limit (the size seen).
    TooBig(u64),
    /// The operating system refused.
    Io(std::io::Error),
}

/// Reads a regular file of at most `max` bytes. Devices and pipes are refused before reading
/// (`/dev/zero` never ends, a pipe may block), and the read itself stops at the limit even if
/// the file grows meanwhile.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadFail> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadFail::Io)?;
    if !meta.is_file() {
        return Err(ReadFail::NotAFile);
    }
    if meta.len() > max {
        return Err(ReadFail::TooBig(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(ReadFail::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFail::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadFail::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The message for a file that cannot be read or written.
pub fn io_error(path: &Path, verb: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("failed to {verb} `{}` ({})", path.display(), io_reason(e)),
    )
    .io()
}

/// An OS error without the "(os error 2)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
