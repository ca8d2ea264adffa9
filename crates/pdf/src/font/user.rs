//! Lay-out stage: the font a user names (`--font`, `output.font`, `output.font_bold`): which
//! face of a collection, and where its bold is.
//!
//! A TrueType/OpenType collection (`.ttc`, `.otc`) holds several faces; Noto Sans CJK's put
//! the Japanese one first, whose `；，` sit in the middle of the em. So by default the
//! Simplified-Chinese face is taken (see `system::is_sc`), and `PATH#INDEX` or
//! `PATH#FAMILY` (family or PostScript name) choose another.

use super::face::{Face, FontBytes};
use super::system::is_sc;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which face of a font file to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacePick {
    /// The Simplified-Chinese face of a collection (closest to the wanted weight), else the first.
    Default,
    /// Face number `n` (from 0).
    Index(usize),
    /// The face with this family or PostScript name (ASCII case ignored).
    Name(String),
}

impl FacePick {
    /// Splits `PATH#INDEX` / `PATH#FAMILY`; a path that exists as given is taken whole.
    pub fn split(arg: &Path) -> (PathBuf, FacePick) {
        let s = arg.to_string_lossy();
        match s.rsplit_once('#') {
            Some((path, pick)) if !arg.exists() && !path.is_empty() && !pick.is_empty() => {
                let pick = match pick.parse::<usize>() {
                    Ok(n) => FacePick::Index(n),
                    Err(_) => FacePick::Name(pick.to_string()),
                };
                (PathBuf::from(path), pick)
            }
            _ => (arg.to_path_buf(), FacePick::Default),
        }
    }
}

/// A font file the user named, read, and the face wanted from it.
#[derive(Debug)]
pub struct UserFont {
    /// The file, as named (for messages and reports).
    pub path: PathBuf,
    /// Its bytes (shared: the bold may come from the same collection).
    pub bytes: Arc<Vec<u8>>,
    /// The face wanted.
    pub pick: FacePick,
    /// Whether this is the bold font (the default pick then prefers a bold face).
    pub bold: bool,
}

/// Faces of a font file: (index, family names, PostScript name, SC, weight).
type Info = (usize, Vec<String>, String, bool, u16);

fn faces(data: &Arc<dyn AsRef<[u8]> + Send + Sync>) -> Vec<Info> {
    let mut db = fontdb::Database::new();
    db.load_font_source(fontdb::Source::Binary(data.clone()));
    let mut v: Vec<Info> = db
        .faces()
        .map(|f| {
            let families = f.families.iter().map(|(n, _)| n.clone()).collect();
            (
                f.index as usize,
                families,
                f.post_script_name.clone(),
                is_sc(f),
                f.weight.0,
            )
        })
        .collect();
    v.sort_by_key(|i| i.0);
    v
}

/// The face `pick` names, or the best default for `weight`.
fn choose(infos: &[Info], pick: &FacePick, weight: u16) -> Result<usize, String> {
    match pick {
        FacePick::Index(n) if infos.iter().any(|i| i.0 == *n) => Ok(*n),
        FacePick::Index(n) => Err(format!(
            "has no face #{n} (it has {} face{})",
            infos.len(),
            if infos.len() == 1 { "" } else { "s" }
        )),
        FacePick::Name(name) => infos
            .iter()
            .find(|i| {
                i.2.eq_ignore_ascii_case(name) || i.1.iter().any(|f| f.eq_ignore_ascii_case(name))
            })
            .map(|i| i.0)
            .ok_or_else(|| {
                let names: Vec<String> = infos
                    .iter()
                    .map(|i| format!("#{} `{}`", i.0, i.2))
                    .collect();
                format!("has no face named `{name}` (faces: {})", names.join(", "))
            }),
        FacePick::Default => Ok(infos
            .iter()
            .min_by_key(|i| (!i.3, i.4.abs_diff(weight), i.0))
            .filter(|i| i.3)
            .or_else(|| infos.first())
            .map_or(0, |i| i.0)),
    }
}

impl UserFont {
    /// Parses the wanted face.
    pub(super) fn load(&self) -> Result<Face, String> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = self.bytes.clone();
        let infos = faces(&data);
        let weight = if self.bold { 700 } else { 400 };
        let index = choose(&infos, &self.pick, weight)?;
        let name = infos
            .iter()
            .find(|i| i.0 == index)
            .map(|i| i.2.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| stem(&self.path));
        Face::load(&name, FontBytes::Shared(data), index).map(|f| f.with_origin(self.path.clone()))
    }

    /// The bold face of the same collection as the regular one (same family, weight ≥ 600).
    pub(super) fn bold_twin(&self, regular: &Face) -> Option<UserFont> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = self.bytes.clone();
        let infos = faces(&data);
        let family = &infos.iter().find(|i| i.2 == regular.name)?.1;
        let twin = infos
            .iter()
            .filter(|i| i.4 >= 600 && i.1.iter().any(|f| family.contains(f)))
            .min_by_key(|i| (i.4.abs_diff(700), i.0))?;
        Some(UserFont {
            path: self.path.clone(),
            bytes: self.bytes.clone(),
            pick: FacePick::Index(twin.0),
            bold: true,
        })
    }
}

fn stem(p: &Path) -> String {
    p.file_stem().map_or("user font".to_string(), |s| {
        s.to_string_lossy().into_owned()
    })
}

/// Files next to a regular font that may be its bold: `X-Regular.ttf` → `X-Bold.ttf`,
/// `x-regular.otf` → `x-bold.otf`, `X.ttf` → `X-Bold.ttf` / `XBold.ttf`, in that order.
pub fn bold_siblings(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    for (from, to) in [("Regular", "Bold"), ("regular", "bold"), ("Medium", "Bold")] {
        if name.contains(from) {
            v.push(path.with_file_name(name.replacen(from, to, 1)));
        }
    }
    if let (Some(stem), Some(ext)) = (path.file_stem(), path.extension()) {
        let (stem, ext) = (stem.to_string_lossy(), ext.to_string_lossy());
        for suffix in ["-Bold", "Bold", "-bold", "bd"] {
            v.push(path.with_file_name(format!("{stem}{suffix}.{ext}")));
        }
    }
    v.retain(|p| p != path);
    v.dedup();
    v
}
