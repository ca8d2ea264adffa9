//! `week new`: the photos of the new week — images in `reports/photos/` (or copied in from
//! `--photos DIR`) that no week file uses yet, with the day taken (EXIF, else the file time)
//! and a guessed stage.

use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::week::{IsoWeek, Progress};
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
    /// Whether `--photos` brought it in this run.
    pub(crate) brought: bool,
}

impl NewPhoto {
    /// Whether the new week file lists it (the others are offered commented out): taken in
    /// the week, or brought in now with no EXIF date — a WeChat photo's file time is when it
    /// was forwarded, so it cannot say the photo belongs elsewhere.
    pub(crate) fn listed(&self) -> bool {
        self.in_week || (self.brought && self.from_file_time)
    }
}

/// Whether a file is a JPEG or PNG by its first bytes (the same test the report uses).
fn is_image(path: &Path) -> bool {
    let mut head = Vec::with_capacity(16);
    let read = std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut head));
    read.is_ok() && dealguard_image::sniff(&head).is_ok()
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

/// A photo of `--photos DIR` to copy into `reports/photos/`.
#[derive(Debug, Clone)]
pub(crate) struct Copy {
    /// The file to write (under `reports/photos/`) and its bytes.
    pub(crate) out: Output,
    /// The source file's modification time: the copy keeps it, and a photo without an EXIF
    /// date (forwarded through WeChat, a screenshot) is dated by it.
    pub(crate) modified: Option<std::time::SystemTime>,
    /// The source's name when the copy had to take another one (`IMG_01.jpg` →
    /// `IMG_01-2.jpg`): a different photo already has the name.
    pub(crate) renamed_from: Option<String>,
}

/// Most `-2`, `-3`… suffixes tried for a name taken by a different photo.
const MAX_SUFFIX: u32 = 99;

/// The copies of `--photos DIR` into `reports/photos/`: files already there with the same
/// bytes are skipped; a different photo of the same name is never overwritten, the copy takes
/// the first free `name-2.jpg`, `name-3.jpg`… instead (said by `week new`).
pub(crate) fn copies(from: &Path, photos_dir: &Path) -> Result<Vec<Copy>, Problems> {
    if !from.is_dir() {
        return Err(
            Diagnostic::error(from, format!("`{}` is not a folder", from.display()))
                .hint("give the folder the phone's photos were copied to")
                .into(),
        );
    }
    let max = dealguard_image::Limits::default().max_bytes;
    let mut outs: Vec<Copy> = Vec::new();
    let mut problems = Problems::new();
    for (path, rel) in images_in(from) {
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
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let planned: Vec<&Output> = outs.iter().map(|c| &c.out).collect();
        match free_name(&photos_dir.join(&rel), &bytes, &planned, max) {
            Slot::Same(_) => {}
            Slot::Free(target, renamed) => {
                let renamed_from = renamed.then(|| rel.to_string_lossy().into_owned());
                outs.push(Copy {
                    out: Output {
                        path: target,
                        bytes,
                    },
                    modified,
                    renamed_from,
                });
            }
            Slot::Full => problems.push(
                Diagnostic::error(
                    &path,
                    format!(
                        "`{}` and its -2 … -{MAX_SUFFIX} names are all taken by other photos",
                        rel.display()
                    ),
                )
                .hint("rename the photo before copying it"),
            ),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(outs)
}

/// Where a copy goes.
pub(super) enum Slot {
    /// The same photo is already there (or about to be), under this path: nothing to copy.
    Same(PathBuf),
    /// This path is free; `true` when it is not the photo's own name.
    Free(PathBuf, bool),
    /// Every name tried is taken by another photo.
    Full,
}

/// The first of `target`, `target-2`, … that is free or holds the same bytes, on disk or
/// among the copies already `planned`.
pub(super) fn free_name(target: &Path, bytes: &[u8], planned: &[&Output], max: u64) -> Slot {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = target
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    for n in 1..=MAX_SUFFIX {
        let candidate = if n == 1 {
            target.to_path_buf()
        } else {
            target.with_file_name(format!("{stem}-{n}{ext}"))
        };
        if let Some(o) = planned.iter().find(|o| o.path == candidate) {
            if o.bytes == bytes {
                return Slot::Same(candidate);
            }
            continue;
        }
        if !candidate.exists() {
            return Slot::Free(candidate, n > 1);
        }
        if crate::fs::read_bounded(&candidate, max).is_ok_and(|b| b == bytes) {
            return Slot::Same(candidate);
        }
    }
    Slot::Full
}

/// Gives each written copy its source's modification time (best effort: a copy that keeps
/// today's time is still listed, dated by its source in the week file).
pub(crate) fn keep_times(copies: &[Copy]) {
    for c in copies {
        if let Some(t) = c.modified {
            let _ = std::fs::File::options()
                .write(true)
                .open(&c.out.path)
                .and_then(|f| f.set_modified(t));
        }
    }
}

/// The day a photo was taken: its EXIF DateTimeOriginal, else its file time (`true`) — for
/// a copy not yet written, its source's (`modified`).
pub(super) fn taken(
    path: &Path,
    bytes: Option<&[u8]>,
    modified: Option<std::time::SystemTime>,
) -> Option<(Ymd, bool)> {
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
    let exif = dealguard_image::find_exif(&head).and_then(dealguard_image::exif_taken);
    if let Some(d) = exif.and_then(|(y, m, d)| Ymd::new(y, u32::from(m), u32::from(d))) {
        return Some((d, false));
    }
    let modified = match modified {
        Some(t) => t,
        None => std::fs::metadata(path).and_then(|m| m.modified()).ok()?,
    };
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())?;
    Some((Ymd::from_unix(secs), true))
}

/// The stage named by a photo's folder or file-name prefix (`cutting/…`, `cutting-…`,
/// `cutting_…`), the longest stage id that fits.
pub(super) fn stage_of(rel: &Path, stage_ids: &[&str]) -> Option<(String, &'static str)> {
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

/// The stage in progress: the first not finished by the week's actuals (else the last), or
/// empty without stages. A photo that names no stage is given it.
pub(super) fn current_stage(progress: &[Progress]) -> String {
    progress
        .iter()
        .find(|r| r.actual < 100.0)
        .or(progress.last())
        .map_or(String::new(), |r| r.stage.clone())
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
    /// The week's report day: the date of a photo with no date at all.
    pub(crate) report_day: Ymd,
}

/// The unused photos of `reports/photos/` plus those about to be copied there, sorted by the
/// day taken, then name.
pub(crate) fn find(reports: &Path, copies: &[Copy], cx: &Context) -> Vec<NewPhoto> {
    let photos_dir = reports.join("photos");
    let mut found: Vec<(PathBuf, Option<&Copy>)> = images_in(&photos_dir)
        .into_iter()
        .map(|(p, _)| (p, None))
        .collect();
    found.extend(copies.iter().map(|c| (c.out.path.clone(), Some(c))));
    let mut out = Vec::new();
    for (path, copy) in found {
        let resolved = path.canonicalize().unwrap_or_else(|_| path.clone());
        if cx.used.contains(&resolved) {
            continue;
        }
        let rel = path.strip_prefix(&photos_dir).unwrap_or(&path);
        let bytes = copy.map(|c| c.out.bytes.as_slice());
        // No date at all (no EXIF, no file time): the report day, to check like a file time.
        let (day, from_file_time) =
            taken(&path, bytes, copy.and_then(|c| c.modified)).unwrap_or((cx.report_day, true));
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
            brought: copy.is_some(),
        });
    }
    out.sort_by(|a, b| (a.taken, &a.file).cmp(&(b.taken, &b.file)));
    out.dedup_by(|a, b| a.file == b.file);
    out
}
