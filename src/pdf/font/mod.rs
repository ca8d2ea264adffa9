//! Lay-out stage: fonts for measuring and drawing text, with fallback and per-document subsets.
//!
//! A `Fonts` chain holds, per weight, the faces to try in order: a font the user named
//! (`--font`) first, then the built-in Noto Sans CJK SC subset, which covers Latin, CJK
//! punctuation and the GB 2312 hanzi. A character no face has is reported by the caller and
//! drawn as `?`, never as an empty box.

use crate::assets;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// One font face, parsed for measuring.
#[derive(Debug, Clone)]
pub struct Face {
    /// Name for messages and the PDF (`NotoSansCJKsc-Regular`).
    pub name: String,
    bytes: Arc<[u8]>,
    index: usize,
    cmap: BTreeMap<u32, u16>,
    widths: BTreeMap<u16, u16>,
    upem: f32,
    /// Ascender, in em.
    pub ascent: f32,
    /// Descender (negative), in em.
    pub descent: f32,
}

impl Face {
    /// Parses a TrueType/OpenType font (or face `index` of a collection).
    pub fn load(name: &str, bytes: Arc<[u8]>, index: usize) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, index, &mut warnings)
            .ok_or_else(|| "is not a TrueType or OpenType font dealguard can read".to_string())?;
        if parsed.codepoint_to_glyph.is_empty() {
            return Err("has no Unicode character map".to_string());
        }
        let upem = f32::from(parsed.units_per_em.max(1));
        Ok(Face {
            name: name.to_string(),
            index,
            cmap: parsed.codepoint_to_glyph,
            widths: parsed.glyph_widths,
            upem,
            ascent: f32::from(parsed.font_metrics.ascent) / upem,
            descent: f32::from(parsed.font_metrics.descent) / upem,
            bytes,
        })
    }

    /// The glyph of a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&(c as u32)).copied().filter(|g| *g != 0)
    }

    /// Advance width of a glyph, in em.
    pub fn glyph_advance(&self, gid: u16) -> f32 {
        f32::from(self.widths.get(&gid).copied().unwrap_or(0)) / self.upem
    }

    /// A subset of this face holding `glyphs` (plus `.notdef`), as a parsed font ready to embed.
    pub fn subset(&self, glyphs: &BTreeSet<u16>) -> Result<ParsedFont, String> {
        // allsorts wants .notdef first and no duplicates; it panics on an empty set, which the
        // leading 0 rules out.
        let ids: Vec<u16> = std::iter::once(0)
            .chain(glyphs.iter().copied().filter(|g| *g != 0))
            .collect();
        // The face was read once already, so a failure here means damaged glyph data.
        let damaged = |e: String| format!("the font `{}` is damaged ({e})", self.name);
        let font = ReadScope::new(&self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| damaged(e.to_string()))?;
        let provider = font
            .table_provider(self.index)
            .map_err(|e| damaged(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| damaged(e.to_string()))?;
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| format!("the subset of {} cannot be read back", self.name))
    }
}

/// The faces of a document, with fallback per weight.
#[derive(Debug, Clone)]
pub struct Fonts {
    /// All faces; chains index into it.
    pub faces: Vec<Face>,
    regular: Vec<usize>,
    bold: Vec<usize>,
}

/// A piece of a line drawn with one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Index into `Fonts::faces`.
    pub face: usize,
    /// The text (characters no face has are already replaced by `?`).
    pub text: String,
    /// Width in em.
    pub width: f32,
}

/// Punctuation the CJK face draws full width; next to Latin text the Latin face's narrow
/// forms are used instead.
const NARROW_IN_LATIN: &str = "‘’“”…•·–—";

/// Whether a character belongs to CJK text (ideographs, kana, CJK and fullwidth punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

impl Fonts {
    /// The built-in faces only: Noto Sans CJK SC, then Noto Sans (Latin, extended Latin,
    /// spaces), then Noto Sans Symbols 2 (✓ ✗ ☐ …).
    pub fn builtin() -> Result<Fonts, String> {
        let face = |name: &str, bytes: &'static [u8]| Face::load(name, Arc::from(bytes), 0);
        let faces = vec![
            face("NotoSansCJKsc-Regular", assets::FONT_REGULAR)?,
            face("NotoSansCJKsc-Bold", assets::FONT_BOLD)?,
            face("NotoSans-Regular", assets::FONT_LATIN_REGULAR)?,
            face("NotoSans-Bold", assets::FONT_LATIN_BOLD)?,
            face("NotoSansSymbols2-Regular", assets::FONT_SYMBOLS)?,
        ];
        Ok(Fonts {
            faces,
            regular: vec![0, 2, 4],
            bold: vec![1, 3, 4],
        })
    }

    /// A user font first, the built-in faces as fallback. The user font serves both weights.
    pub fn with_user_font(bytes: Vec<u8>, name: &str) -> Result<Fonts, String> {
        let mut f = Fonts::builtin()?;
        let user = Face::load(name, Arc::from(bytes), 0)?;
        f.faces.push(user);
        let u = f.faces.len() - 1;
        f.regular.insert(0, u);
        f.bold.insert(0, u);
        Ok(f)
    }

    fn chain(&self, w: Weight) -> &[usize] {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Normalises a character for drawing: tabs and other spaces become a space, controls vanish.
    fn normalise(c: char) -> Option<char> {
        match c {
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                Some(if c == '\u{3000}' { c } else { ' ' })
            }
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}') =>
            {
                None
            }
            c => Some(c),
        }
    }

    /// The face that draws `c` (with its neighbours, for punctuation that has a narrow Latin
    /// and a wide CJK form), and its glyph.
    fn pick(&self, w: Weight, c: char, latin_context: bool) -> Option<(usize, u16)> {
        let chain = self.chain(w);
        if latin_context && NARROW_IN_LATIN.contains(c) {
            // The first face after the CJK one that has it: the Latin companion.
            if let Some(found) = chain
                .iter()
                .filter(|i| !self.faces[**i].name.starts_with("NotoSansCJK"))
                .find_map(|&i| self.faces[i].glyph(c).map(|g| (i, g)))
            {
                return Some(found);
            }
        }
        chain
            .iter()
            .find_map(|&i| self.faces[i].glyph(c).map(|g| (i, g)))
    }

    /// Whether some face draws `c` (spaces and controls always count as drawable).
    pub fn covers(&self, c: char) -> bool {
        match Fonts::normalise(c) {
            None | Some(' ') => true,
            Some(c) => {
                self.pick(Weight::Regular, c, false).is_some()
                    && self.pick(Weight::Bold, c, false).is_some()
            }
        }
    }

    /// Characters of `text` that no face draws, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut v: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.covers(c) && !v.contains(&c) {
                v.push(c);
            }
        }
        v
    }

    /// Width of a text, in em.
    pub fn width(&self, w: Weight, text: &str) -> f32 {
        self.runs(w, text).iter().map(|r| r.width).sum()
    }

    /// Splits a line into runs of one face each.
    pub fn runs(&self, w: Weight, text: &str) -> Vec<Run> {
        let chars: Vec<char> = text.chars().filter_map(Fonts::normalise).collect();
        // A character is in CJK context when the nearest non-space character on either side is CJK.
        let near = |i: usize, step: isize| -> Option<char> {
            let mut j = i as isize + step;
            while j >= 0 && (j as usize) < chars.len() {
                let c = chars[j as usize];
                if c != ' ' && !NARROW_IN_LATIN.contains(c) {
                    return Some(c);
                }
                j += step;
            }
            None
        };
        let mut out: Vec<Run> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            let latin = NARROW_IN_LATIN.contains(c)
                && !near(i, -1).is_some_and(is_cjk)
                && !near(i, 1).is_some_and(is_cjk);
            let (c, picked) = match self.pick(w, c, latin) {
                Some(p) => (c, Some(p)),
                None => ('?', self.pick(w, '?', false)),
            };
            let Some((face, gid)) = picked else { continue };
            let adv = self.faces[face].glyph_advance(gid);
            match out.last_mut() {
                Some(r) if r.face == face => {
                    r.text.push(c);
                    r.width += adv;
                }
                _ => out.push(Run {
                    face,
                    text: c.to_string(),
                    width: adv,
                }),
            }
        }
        out
    }

    /// Glyph ids used by runs, per face (for subsetting).
    pub fn glyphs_of(&self, run: &Run) -> Vec<u16> {
        run.text
            .chars()
            .filter_map(|c| self.faces[run.face].glyph(c))
            .collect()
    }

    /// Ascender and descender of the regular chain's first face, in em.
    pub fn metrics(&self) -> (f32, f32) {
        let f = &self.faces[self.regular[0]];
        (f.ascent, f.descent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_fonts_cover_both_scripts_and_symbols() {
        let f = Fonts::builtin().unwrap();
        let sample = "不锈钢锅具套装，12,000 套 宁波恒力厨具有限公司 铆钉 每周生产进度报告 本周无 Lindqvist Müller ±–—•→✓";
        assert_eq!(f.missing(sample), Vec::<char>::new());
        // Latin is proportional: "i" is narrower than "W"; hanzi are one em.
        assert!(f.width(Weight::Regular, "i") < f.width(Weight::Regular, "W"));
        assert!((f.width(Weight::Regular, "钢") - 1.0).abs() < 0.01);
        // Extended Latin and check marks come from the companion faces.
        assert_eq!(
            f.missing("Łukasz Dvořák Nguyễn ₹ ✓ ✗ ☐"),
            Vec::<char>::new()
        );
    }

    #[test]
    fn quotes_are_narrow_in_english_and_wide_in_chinese() {
        let f = Fonts::builtin().unwrap();
        let en = f.runs(Weight::Regular, "the “Deep drawing” line");
        let quote_face = en.iter().find(|r| r.text.contains('“')).unwrap().face;
        assert_eq!(f.faces[quote_face].name, "NotoSans-Regular");
        assert!(f.width(Weight::Regular, "“a”") < 1.5);
        let zh = f.runs(Weight::Regular, "所谓“书面”");
        let quote_face = zh.iter().find(|r| r.text.contains('“')).unwrap().face;
        assert_eq!(f.faces[quote_face].name, "NotoSansCJKsc-Regular");
    }

    #[test]
    fn missing_characters_are_listed_once_and_drawn_as_question_marks() {
        let f = Fonts::builtin().unwrap();
        // U+1F600 (emoji) and U+A000 (Yi) are in no built-in face.
        assert_eq!(f.missing("a😀b😀\u{a000}"), vec!['😀', '\u{a000}']);
        let runs = f.runs(Weight::Regular, "a😀b");
        assert_eq!(
            runs.iter().map(|r| r.text.as_str()).collect::<String>(),
            "a?b"
        );
    }

    #[test]
    fn subsets_are_small_and_keep_the_glyphs() {
        let f = Fonts::builtin().unwrap();
        let run = &f.runs(Weight::Regular, "每周生产进度报告 Weekly")[0];
        let glyphs: BTreeSet<u16> = f.glyphs_of(run).into_iter().collect();
        let sub = f.faces[run.face].subset(&glyphs).unwrap();
        assert!(
            sub.original_bytes.len() < 40_000,
            "{} bytes",
            sub.original_bytes.len()
        );
        for c in "每周报告Weekly".chars() {
            assert!(
                sub.lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
                "{c} lost"
            );
        }
    }

    #[test]
    fn a_font_with_damaged_glyph_data_is_named_in_the_error() {
        // Point the glyph table (`glyf`) of the Latin face past the end of the file.
        let mut bytes = assets::FONT_LATIN_REGULAR.to_vec();
        let tables = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
        let rec = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&r| &bytes[r..r + 4] == b"glyf")
            .unwrap();
        bytes[rec + 8..rec + 12].copy_from_slice(&0x7FFF_0000u32.to_be_bytes());
        let face = Face::load("Broken Sans", Arc::from(bytes), 0).unwrap();
        let a = face.glyph('a').unwrap();
        let e = face.subset(&BTreeSet::from([a])).unwrap_err();
        assert!(e.starts_with("the font `Broken Sans` is damaged ("), "{e}");
    }
}
