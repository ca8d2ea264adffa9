//! `week new`: the photos of the new week — images in `reports/photos/` (or copied in from
//! `--photos DIR`) that no week file uses yet, with the day taken (EXIF, else the file time)
//! and a guessed stage.

use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::week::IsoWeek;
use crate::profile::Ymd;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How many bytes of a photo are read for its EXIF: the JPEG APP1 segment is at most 64 KB and
/// comes first; a PNG's `eXIf` chunk comes before its image data.
const EXIF_BYTES: u64 = 256 * 1024;

/// A photo found for the new week.
#[derive(Debug, Clone)]
pub(crate) struct NewPhoto {
    /// Path relative to `reports/` (the week file's folder), with `/`.
    pub(crate) file: String,
    /// The guessed stage.
    pub(crate) stage: String,
    /// Where the stage came from: `folder`, `file name` or `stage in progress`.
    pub(crate) stage_from: &'static str,
    /// The day taken.
    pub(crate) taken: Ymd,
    /// Whether `taken` came from the file time (no EXIF date).
    pub(crate) from_file_time: bool,
    /// Whether it was taken inside the week.
    pub(crate) in_week: bool,
}

/// Whether a file is a JPEG or PNG by its first bytes (the same test the report uses).
fn is_image(path: &Path) -> bool {
    let mut head = Vec::with_capacity(16);
    let read = std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut head));
    read.is_ok() && crate::pdf::photo::sniff(&head).is_ok()
}

/// The image files of a folder and of its sub-folders one level down, sorted, as
/// (path, path relative to `dir`).
pub(crate) fn images_in(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let list = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for p in list(dir) {
        if p.is_dir() {
            for q in list(&p).into_iter().filter(|q| q.is_file() && is_image(q)) {
                let rel = q.strip_prefix(dir).unwrap_or(&q).to_path_buf();
                out.push((q, rel));
            }
        } else if p.is_file() && is_image(&p) {
            let rel = p.strip_prefix(dir).unwrap_or(&p).to_path_buf();
            out.push((p, rel));
        }
    }
    out
}

/// The copies of `--photos DIR` into `reports/photos/`: files already there with the same
/// bytes are skipped; a different file of the same name is an error (never overwritten).
pub(crate) fn copies(from: &Path, photos_dir: &Path) -> Result<Vec<Output>, Problems> {
    if !from.is_dir() {
        return Err(
            Diagnostic::error(from, format!("`{}` is not a folder", from.display()))
                .hint("give the folder the phone's photos were copied to")
                .into(),
        );
    }
    let max = crate::pdf::photo::Limits::default().max_bytes;
    let mut outs = Vec::new();
    let mut problems = Problems::new();
    for (path, rel) in images_in(from) {
        let target = photos_dir.join(&rel);
        let bytes = match crate::fs::read_bounded(&path, max) {
            Ok(b) => b,
            Err(crate::fs::ReadFail::Io(e)) => {
                problems.push(crate::fs::io_error(&path, "read photo", &e));
                continue;
            }
            // Too big or not a file: left for the user to see, not copied.
            Err(_) => {
                problems.push(
                    Diagnostic::warning(&path, "is too big for a report or not a file; not copied")
                        .hint("export the photo from the phone at a normal size"),
                );
                continue;
            }
        };
        if target.exists() {
            if crate::fs::read_bounded(&target, max).is_ok_and(|b| b == bytes) {
                continue;
            }
            problems.push(
                Diagnostic::error(
                    &path,
                    format!("`{}` already exists with other content", target.display()),
                )
                .hint("rename the new photo; photos in reports/photos/ are never overwritten"),
            );
            continue;
        }
        outs.push(Output {
            path: target,
            bytes,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(outs)
}

/// The day a photo was taken: its EXIF DateTimeOriginal, else its file time (`true`).
fn taken(path: &Path, bytes: Option<&[u8]>) -> Option<(Ymd, bool)> {
    let head = match bytes {
        Some(b) => b
            .get(..b.len().min(EXIF_BYTES as usize))
            .map(<[u8]>::to_vec),
        None => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(EXIF_BYTES).read_to_end(&mut head))
                .ok()
                .map(|_| head)
        }
    }
    .unwrap_or_default();
    let exif = crate::pdf::photo::find_exif(&head).and_then(crate::pdf::photo::exif_taken);
    if let Some(d) = exif.and_then(|(y, m, d)| Ymd::new(y, u32::from(m), u32::from(d))) {
        return Some((d, false));
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())?;
    Some((Ymd::from_unix(secs), true))
}

/// The stage named by a photo's folder or file-name prefix (`cutting/…`, `cutting-…`,
/// `cutting_…`), the longest stage id that fits.
fn stage_of(rel: &Path, stage_ids: &[&str]) -> Option<(String, &'static str)> {
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    if rel.components().count() > 1 && stage_ids.contains(&first.as_ref()) {
        return Some((first.into_owned(), "folder"));
    }
    let name = rel.file_name()?.to_string_lossy();
    stage_ids
        .iter()
        .filter(|id| {
            name.strip_prefix(*id)
                .is_some_and(|rest| rest.starts_with(['-', '_', '.', ' ']))
        })
        .max_by_key(|id| id.len())
        .map(|id| (id.to_string(), "file name"))
}

/// What `find` needs to know about the deal and the new week.
pub(crate) struct Context<'a> {
    /// The week.
    pub(crate) iso: IsoWeek,
    /// The deal's stage ids, in order.
    pub(crate) stage_ids: Vec<&'a str>,
    /// The stage in progress (for photos that name none).
    pub(crate) current: String,
    /// Resolved paths of the photos the existing week files use.
    pub(crate) used: BTreeSet<PathBuf>,
}

/// The unused photos of `reports/photos/` plus those about to be copied there, sorted by the
/// day taken, then name.
pub(crate) fn find(reports: &Path, copies: &[Output], cx: &Context) -> Vec<NewPhoto> {
    let photos_dir = reports.join("photos");
    let mut found: Vec<(PathBuf, Option<&[u8]>)> = images_in(&photos_dir)
        .into_iter()
        .map(|(p, _)| (p, None))
        .collect();
    found.extend(
        copies
            .iter()
            .map(|o| (o.path.clone(), Some(o.bytes.as_slice()))),
    );
    let mut out = Vec::new();
    for (path, bytes) in found {
        let resolved = path.canonicalize().unwrap_or_else(|_| path.clone());
        if cx.used.contains(&resolved) {
            continue;
        }
        let rel = path.strip_prefix(&photos_dir).unwrap_or(&path);
        let Some((day, from_file_time)) = taken(&path, bytes) else {
            continue;
        };
        let (stage, stage_from) = stage_of(rel, &cx.stage_ids)
            .unwrap_or_else(|| (cx.current.clone(), "stage in progress"));
        let file = Path::new("photos")
            .join(rel)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push(NewPhoto {
            file,
            stage,
            stage_from,
            taken: day,
            from_file_time,
            in_week: day >= cx.iso.monday() && day <= cx.iso.sunday(),
        });
    }
    out.sort_by(|a, b| (a.taken, &a.file).cmp(&(b.taken, &b.file)));
    out.dedup_by(|a, b| a.file == b.file);
    out
}
