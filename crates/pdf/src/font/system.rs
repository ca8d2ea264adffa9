//! Lay-out stage: installed fonts, the last fallback for characters the built-in faces lack
//! (Extension B and beyond, rare symbols).
//!
//! The system font folders (fontconfig's on Linux, the Windows and macOS font folders; the
//! `fontdb` crate knows them) are scanned once, and only when a document has a character no
//! built-in face draws. Candidates are put in a fixed order — Simplified-Chinese faces first,
//! then by family name, closeness to the wanted weight, path and face index — so the face
//! chosen for a character depends only on which fonts are installed, never on the order in
//! which a folder lists its files.

use super::face::{Face, FontBytes};
use super::Weight;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::FontTableProvider;
use allsorts::tag;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// One installed face that may draw a character.
#[derive(Debug)]
pub(super) struct Candidate {
    id: fontdb::ID,
    /// The font file.
    pub(super) path: PathBuf,
    /// Face index inside the file.
    pub(super) index: u32,
    /// English family name.
    pub(super) family: String,
    sc: bool,
    weight: u16,
    face: OnceLock<Option<Face>>,
}

/// The installed fonts, in the order they are tried.
#[derive(Debug)]
pub(super) struct System {
    db: Mutex<fontdb::Database>,
    /// Every installed face, sorted for regular text (see `order`).
    pub(super) faces: Vec<Candidate>,
    regular: Vec<usize>,
    bold: Vec<usize>,
    // Which candidate draws a character, once asked (`None`: none does).
    found: Mutex<BTreeMap<(char, Weight), Option<usize>>>,
}

/// Whether a face is Simplified Chinese: a family name in the PRC locale (微软雅黑, 宋体), or
/// "SC" / "Simplified" / "GB" as a word of its family or PostScript name.
pub(super) fn is_sc(info: &fontdb::FaceInfo) -> bool {
    let prc = info
        .families
        .iter()
        .any(|(_, l)| *l == fontdb::Language::Chinese_PeoplesRepublicOfChina);
    let word = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "SC" || w == "GB" || w.eq_ignore_ascii_case("simplified"))
            || s.ends_with("CJKsc")
            || s.contains("CJKsc-")
            || s.contains("SansSC")
            || s.contains("SerifSC")
    };
    prc || word(&info.post_script_name) || info.families.iter().any(|(f, _)| word(f))
}

impl System {
    /// Scans the system font folders (slow: call once, lazily).
    pub(super) fn scan() -> System {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut faces: Vec<Candidate> = db
            .faces()
            .filter_map(|info| {
                let path = match &info.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                Some(Candidate {
                    id: info.id,
                    path,
                    index: info.index,
                    family: info
                        .families
                        .first()
                        .map(|f| f.0.clone())
                        .unwrap_or_default(),
                    sc: is_sc(info),
                    weight: info.weight.0,
                    face: OnceLock::new(),
                })
            })
            .collect();
        faces.sort_by(|a, b| (a.path.as_path(), a.index).cmp(&(b.path.as_path(), b.index)));
        let regular = order(&faces, 400);
        let bold = order(&faces, 700);
        System {
            db: Mutex::new(db),
            faces,
            regular,
            bold,
            found: Mutex::new(BTreeMap::new()),
        }
    }

    /// The candidate that draws `c` in weight `w`, loading it on first use.
    /// Also says whether the face is bold (weight 600 or more).
    pub(super) fn pick(&self, w: Weight, c: char) -> Option<(usize, &Face, bool)> {
        let key = (c, w);
        let cached = self.found.lock().ok().and_then(|m| m.get(&key).copied());
        let hit = match cached {
            Some(hit) => hit,
            None => {
                let order = match w {
                    Weight::Regular => &self.regular,
                    Weight::Bold => &self.bold,
                };
                let hit = order
                    .iter()
                    .copied()
                    .find(|&i| self.has(i, c) && self.face(i).is_some());
                if let Ok(mut m) = self.found.lock() {
                    m.insert(key, hit);
                }
                hit
            }
        };
        hit.and_then(|i| self.face(i).map(|f| (i, f, self.faces[i].weight >= 600)))
    }

    /// Whether candidate `i` maps `c`, read from its character map without loading the face.
    fn has(&self, i: usize, c: char) -> bool {
        let Ok(db) = self.db.lock() else { return false };
        db.with_face_data(self.faces[i].id, |data, index| {
            maps(data, index as usize, c)
        })
        .unwrap_or(false)
    }

    /// Candidate `i` as a face (the file memory-mapped, not copied), if it can be read.
    pub(super) fn face(&self, i: usize) -> Option<&Face> {
        let cand = self.faces.get(i)?;
        cand.face
            .get_or_init(|| {
                let mut db = self.db.lock().ok()?;
                // SAFETY (fontdb's caveat): a font file changed by another process while it
                // is mapped may show the change; fonts are not rewritten in place in practice,
                // and typst and cosmic-text map them the same way.
                let (data, index) = unsafe { db.make_shared_face_data(cand.id) }?;
                let name = cand.family.replace(' ', "");
                Face::load(&name, FontBytes::Shared(data), index as usize)
                    .ok()
                    .map(|f| f.with_origin(cand.path.clone()))
            })
            .as_ref()
    }

    /// Faces loaded so far, with the characters they were asked for.
    pub(super) fn used(&self) -> BTreeMap<usize, String> {
        let mut used: BTreeMap<usize, String> = BTreeMap::new();
        if let Ok(m) = self.found.lock() {
            for ((c, _), hit) in m.iter() {
                if let Some(i) = hit {
                    let s = used.entry(*i).or_default();
                    if !s.contains(*c) {
                        s.push(*c);
                    }
                }
            }
        }
        used
    }
}

/// Whether face `index` of a font file maps `c` to a glyph other than `.notdef`.
pub(super) fn maps(data: &[u8], index: usize, c: char) -> bool {
    let found = || -> Option<bool> {
        let file = ReadScope::new(data).read::<FontData<'_>>().ok()?;
        let provider = file.table_provider(index).ok()?;
        let cmap_data = provider.read_table_data(tag::CMAP).ok()?;
        let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().ok()?;
        let (_, sub) = allsorts::font::read_cmap_subtable(&cmap).ok().flatten()?;
        Some(
            sub.map_glyph(c as u32)
                .ok()
                .flatten()
                .is_some_and(|g| g != 0),
        )
    };
    found().unwrap_or(false)
}

/// Candidate indices in the order they are tried for a weight: SC faces first, then by family
/// name, closeness to `weight`, path and face index (all total, so the order is fixed).
fn order(faces: &[Candidate], weight: u16) -> Vec<usize> {
    let mut v: Vec<usize> = (0..faces.len()).collect();
    v.sort_by(|&a, &b| {
        let key = |c: &Candidate| {
            (
                !c.sc,
                c.family.to_lowercase(),
                c.weight.abs_diff(weight),
                c.path.clone(),
                c.index,
            )
        };
        key(&faces[a]).cmp(&key(&faces[b]))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(path: &str, family: &str, sc: bool, weight: u16) -> Candidate {
        Candidate {
            id: fontdb::ID::dummy(),
            path: PathBuf::from(path),
            index: 0,
            family: family.to_string(),
            sc,
            weight,
            face: OnceLock::new(),
        }
    }

    #[test]
    fn candidates_are_ordered_sc_first_then_by_family_weight_and_path() {
        let faces = vec![
            cand("/b/DejaVuSans.ttf", "DejaVu Sans", false, 400),
            cand("/z/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", true, 700),
            cand("/a/msyh.ttc", "Microsoft YaHei", true, 400),
            cand("/a/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", true, 400),
            cand("/a/DejaVuSans.ttf", "DejaVu Sans", false, 400),
        ];
        assert_eq!(order(&faces, 400), vec![2, 3, 1, 4, 0]);
        assert_eq!(order(&faces, 700), vec![2, 1, 3, 4, 0]);
    }
}
