//! Load stage: the week's photo files — resolved inside the deal folder, checked by size and
//! first bytes, read only when a report uses them.

use std::path::{Path, PathBuf};

/// A photo of the week: found inside the deal folder, a regular file within the size limit and
/// a JPEG or PNG by its first bytes. Its pixels are read only when a report uses it, one photo
/// per worker, so memory stays near one photo per core instead of the sum of the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    /// The file, resolved.
    pub path: PathBuf,
    /// Its size in bytes when the week was loaded.
    pub len: u64,
}

impl PhotoFile {
    /// Reads the photo (a regular file, at most the photo limit). The error is a message about
    /// `shown` (the name in the week file) and a hint.
    pub fn read(&self, shown: &str) -> Result<Vec<u8>, (String, String)> {
        let max = dealguard_image::Limits::default().max_bytes;
        crate::fs::read_bounded(&self.path, max).map_err(|e| read_fail(e, shown, max))
    }
}

/// Checks a resolved photo without reading it: a regular file within the photo limit, and a
/// JPEG or PNG by its first bytes (so a wrong file is reported with the week's other problems).
pub(super) fn check_photo(path: PathBuf, shown: &str) -> Result<PhotoFile, (String, String)> {
    let (file, head) = check_head(path, shown)?;
    match dealguard_image::sniff(&head) {
        Ok(_) => Ok(file),
        Err(e) => Err((
            format!("`{shown}` {e}"),
            "photos are recognised by their content, not their name: use the JPEG or PNG from the phone or camera".into(),
        )),
    }
}

/// A regular file within the photo limit, and its first 16 bytes (what `sniff` looks at).
pub(super) fn check_head(
    path: PathBuf,
    shown: &str,
) -> Result<(PhotoFile, Vec<u8>), (String, String)> {
    use std::io::Read;
    let max = dealguard_image::Limits::default().max_bytes;
    let fail = |e| read_fail(e, shown, max);
    let meta = std::fs::metadata(&path).map_err(|e| fail(crate::fs::ReadFail::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(crate::fs::ReadFail::NotAFile));
    }
    if meta.len() > max {
        return Err(fail(crate::fs::ReadFail::TooBig(meta.len())));
    }
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(&path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .map_err(|e| fail(crate::fs::ReadFail::Io(e)))?;
    let file = PhotoFile {
        path,
        len: meta.len(),
    };
    Ok((file, head))
}

/// The message and hint for a photo that cannot be read.
fn read_fail(e: crate::fs::ReadFail, shown: &str, max: u64) -> (String, String) {
    match e {
        crate::fs::ReadFail::TooBig(len) => (
            format!(
                "`{shown}` is {} MB; photos may be at most {} MB",
                len / 1_000_000,
                max / 1_000_000
            ),
            "export the photo from the phone at a normal size, or resize it".into(),
        ),
        crate::fs::ReadFail::NotAFile => (
            format!("`{shown}` is not a file"),
            "name a photo file".into(),
        ),
        crate::fs::ReadFail::Io(e) => (
            format!("`{shown}` cannot be read ({})", crate::fs::io_reason(&e)),
            "check the file's permissions".into(),
        ),
    }
}

/// Resolves a photo path relative to the week file and checks that it stays in the deal folder.
pub(super) fn resolve_photo(
    base: &Path,
    deal_root: &Path,
    file: &str,
) -> Result<PathBuf, (String, String)> {
    let p = Path::new(file);
    if file.trim().is_empty() {
        return Err((
            "is empty".into(),
            "name the photo file, relative to the week file".into(),
        ));
    }
    if p.is_absolute() {
        return Err((
            format!("`{file}` is an absolute path"),
            "give the path relative to the week file, such as photos/line-1.jpg".into(),
        ));
    }
    let joined = base.join(p);
    let real = match joined.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            let hint = match nearest_name(&joined) {
                Some(name) => format!("did you mean `{}`?", with_name(file, &name)),
                None => "paths are relative to the week file; check the name and that the photo is in the deal folder".into(),
            };
            return Err((
                format!("`{file}` cannot be read ({})", crate::fs::io_reason(&e)),
                hint,
            ));
        }
    };
    if !real.starts_with(deal_root) {
        return Err((
            format!("`{file}` is outside the deal folder"),
            "copy the photo into the deal folder (for example photos/) and name it from there"
                .into(),
        ));
    }
    if !real.is_file() {
        return Err((
            format!("`{file}` is not a file"),
            "name a photo file".into(),
        ));
    }
    Ok(real)
}

/// Most entries of a folder read for a did-you-mean: a photo folder holds hundreds, not more.
const MAX_NEIGHBOURS: usize = 10_000;

/// The name of a file beside `missing` (in its folder) that is one slip away from its name —
/// another case, `.jpeg` for `.jpg`, a digit left out — for a did-you-mean.
pub(super) fn nearest_name(missing: &Path) -> Option<String> {
    let want = missing.file_name()?.to_str()?;
    let dir = missing.parent()?;
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .take(MAX_NEIGHBOURS)
        .filter_map(|e| {
            let e = e.ok()?;
            e.file_type().ok()?.is_file().then_some(())?;
            e.file_name().into_string().ok()
        })
        .collect();
    // The same name in another case first (`IMG_0412.JPG`): a phone's name, a typed name.
    if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case(want)) {
        return Some(n.clone());
    }
    crate::diag::did_you_mean(want, names.iter().map(String::as_str)).map(str::to_string)
}

/// `file` (as the week file wrote it) with its last component replaced by `name`.
fn with_name(file: &str, name: &str) -> String {
    match file.rfind(['/', '\\']) {
        Some(i) => format!("{}{name}", &file[..=i]),
        None => name.to_string(),
    }
}
