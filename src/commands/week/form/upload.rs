//! Photos uploaded to the week page: checked as the report will read them, saved under
//! `reports/photos/` with a safe free name, and listed in the week (caption `FILL IN`, stage
//! and day as `week new` finds them), all or nothing.

use super::{head, WRITING};
use crate::commands::week::draft::restrict;
use crate::commands::week::photos::{current_stage, free_name, stage_of, taken, Slot};
use crate::commands::week::write;
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::week::{self, PhotoRef, FILL_IN, MAX_PHOTOS};
use crate::profile::{Date, Loaded, Text};
use dealguard_image::{Kind, Limits, PhotoError};
use std::path::{Path, PathBuf};

/// Longest name an uploaded photo keeps, in characters (its extension included).
const MAX_NAME: usize = 80;

/// A safe file name for an upload named `name`: its last path component only, characters
/// other than letters, digits, `.`, `_` and `-` made `-`, no leading dot (no hidden file, no
/// `..`), at most [`MAX_NAME`] characters; `photo` when nothing is left.
pub(super) fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches(['.', '-']);
    let (stem, ext) = match trimmed.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (trimmed, String::new()),
    };
    let ext: String = ext.chars().take(10).collect();
    let keep = MAX_NAME.saturating_sub(ext.chars().count());
    let stem: String = stem.chars().take(keep).collect();
    if stem.trim_matches(['.', '-', '_']).is_empty() {
        return format!("photo{ext}");
    }
    format!("{stem}{ext}")
}

/// `name` with the extension of what its bytes are (`IMG_1.HEIC` that is a JPEG →
/// `IMG_1.jpg`), kept when it already fits.
fn with_extension(name: &str, kind: Kind) -> String {
    let (fits, ext): (&[&str], &str) = match kind {
        Kind::Jpeg => (&["jpg", "jpeg"], "jpg"),
        Kind::Png => (&["png"], "png"),
    };
    match name.rsplit_once('.') {
        Some((_, e)) if fits.contains(&e.to_ascii_lowercase().as_str()) => name.to_string(),
        // A short extension of another kind (`.heic`, `.webp`) is replaced.
        Some((stem, e)) if e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphabetic()) => {
            format!("{stem}.{ext}")
        }
        _ => format!("{name}.{ext}"),
    }
}

/// The bytes of an upload checked as the report reads them (`dealguard-image` with the CLI's
/// limits: size, format, pixels, scans, a cut-off JPEG), before anything is written.
fn check(week_path: &Path, name: &str, bytes: &[u8]) -> Result<Kind, Diagnostic> {
    let checked = dealguard_image::prepare(bytes, 64, 64, 50, Limits::default())
        .and_then(|_| dealguard_image::sniff(bytes));
    checked.map_err(|e| {
        let hint = match e {
            PhotoError::NotAnImage(_) | PhotoError::Unsupported(_) => {
                "upload photos as JPEG or PNG (an iPhone saves HEIC unless Settings › Camera › Formats is set to Most Compatible)"
            }
            PhotoError::TooLarge(_) => {
                "export the photo from the phone at a normal size, or resize it"
            }
            PhotoError::Truncated => "the file was cut off: upload the photo again",
            PhotoError::Decode(_) | PhotoError::RedactOutside(..) => {
                "open the photo and save it again as JPEG"
            }
        };
        Diagnostic::error(week_path, format!("uploaded photo `{name}` {e}"))
            .field("photos")
            .hint(hint)
    })
}

/// Saves uploaded photos (`files`: the name the browser gave, the bytes) into `photos/` beside
/// the week file at `week_path` and lists them at the end of its `photos:` (caption `FILL IN`
/// in the deal's languages, the stage its name gives or the stage in progress, the day from
/// its EXIF date, else the report day). A name taken by a different photo gets the first free
/// `name-2.jpg`…; a photo already there is not written again. Returns the `file` of each
/// upload as the week lists it. Any problem — the week file's own, an upload that is not a
/// JPEG or PNG within the limits, too many photos — writes nothing.
pub(crate) fn add_photos(
    loaded: &Loaded,
    week_path: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<String>, Problems> {
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let mut lw = week::load(week_path, &loaded.profile, &loaded.dir)?;
    let p = &loaded.profile;
    let day = p.channels.reports.date_in(lw.iso);
    let photos_dir = week_path
        .parent()
        .map_or_else(|| PathBuf::from("photos"), |d| d.join("photos"));
    let mut problems = Problems::new();
    let count = lw.week.photos.len() + files.len();
    if count > MAX_PHOTOS {
        problems.push(
            Diagnostic::error(
                week_path,
                format!("{count} photos with these uploads; a report holds at most {MAX_PHOTOS}"),
            )
            .field("photos")
            .hint("choose the photos that show the week's progress"),
        );
        return Err(problems);
    }
    let stage_ids: Vec<&str> = p.production.stages.iter().map(|s| s.id.as_str()).collect();
    let current = current_stage(&lw.week.progress);
    let fill = restrict(&Text::same(FILL_IN), p);
    let max = Limits::default().max_bytes;
    let mut outs: Vec<Output> = Vec::new();
    let mut listed = Vec::new();
    for (name, bytes) in files {
        let name = safe_name(name);
        let kind = match check(week_path, &name, bytes) {
            Ok(k) => k,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let name = with_extension(&name, kind);
        let planned: Vec<&Output> = outs.iter().collect();
        let target = match free_name(&photos_dir.join(&name), bytes, &planned, max) {
            Slot::Same(path) => path,
            Slot::Free(path, _) => {
                outs.push(Output {
                    path: path.clone(),
                    bytes: bytes.clone(),
                });
                path
            }
            Slot::Full => {
                problems.push(
                    Diagnostic::error(
                        week_path,
                        format!(
                            "`photos/{name}` and its -2, -3 … names are all taken by other photos"
                        ),
                    )
                    .field("photos")
                    .hint("rename the photo before uploading it"),
                );
                continue;
            }
        };
        let file_name = target.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = format!("photos/{}", file_name.unwrap_or_default());
        // No EXIF date: the report day, as `week new` dates a photo it cannot date.
        let (taken_on, _) = taken(&target, Some(bytes), None).unwrap_or((day, true));
        let stage = stage_of(Path::new(&name), &stage_ids)
            .map(|(s, _)| s)
            .unwrap_or_else(|| current.clone());
        if !lw.week.photos.iter().any(|ph| ph.file == file) && !listed.contains(&file) {
            lw.week.photos.push(PhotoRef {
                file: file.clone(),
                caption: fill.clone(),
                stage: Some(stage).filter(|s| !s.is_empty()),
                taken: Date::parse(&taken_on.iso()),
            });
        }
        listed.push(file);
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let text = write::week_file(&head(loaded, lw.iso), &lw.week, lw.iso);
    outs.push(Output {
        path: week_path.to_path_buf(),
        bytes: text.into_bytes(),
    });
    crate::output::write_all(&outs).map_err(Problems::from)?;
    Ok(listed)
}
