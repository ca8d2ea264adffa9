//! Lay-out stage: fonts for measuring and drawing text, with fallback and per-document subsets.
//!
//! A `Fonts` chain holds, per weight, the faces to try in order: a font the user named
//! (`--font`, `output.font`) first, then the built-in Noto Sans CJK SC subset (Latin, CJK
//! punctuation, the GB 2312 hanzi), its companions (Noto Sans, Noto Sans Symbols 2), the
//! built-in extension face (the rest of GB 18030-2022 implementation level 2: all BMP
//! ideographs, Extension A, the 通用规范汉字表 characters outside the BMP), and last the
//! installed fonts (`system`). The extension faces (5 MB each) are parsed only when a text
//! needs a character the faces before them lack, so a document in GB 2312 does not pay for
//! them; the system fonts are scanned only when even they lack one. A character no face has
//! is reported by the caller and drawn as `?`, never as an empty box.

pub mod builtin;
mod face;
mod punct;
mod system;
mod usage;
mod user;

pub use face::{Face, FontBytes};
pub use user::{bold_siblings, FacePick, UserFont};

use std::fmt::Write as _;
use std::sync::OnceLock;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// A face of the chain: parsed up front, or on first use (the extension faces).
#[derive(Debug)]
enum Slot {
    Ready(Face),
    Lazy {
        name: &'static str,
        bytes: &'static [u8],
        face: OnceLock<Option<Face>>,
    },
}

impl Slot {
    fn get(&self) -> Option<&Face> {
        match self {
            Slot::Ready(f) => Some(f),
            Slot::Lazy { name, bytes, face } => face
                .get_or_init(|| Face::load(name, FontBytes::Static(bytes), 0).ok())
                .as_ref(),
        }
    }

    /// The face if it has been parsed already (for reports: never parses).
    fn loaded(&self) -> Option<&Face> {
        match self {
            Slot::Ready(f) => Some(f),
            Slot::Lazy { face, .. } => face.get().and_then(Option::as_ref),
        }
    }
}

/// One entry of a weight's chain: a face, drawn with fake bold (stroked) or not.
#[derive(Debug, Clone, Copy)]
struct Link {
    slot: usize,
    fake_bold: bool,
}

/// The faces of a document, with fallback per weight.
#[derive(Debug)]
pub struct Fonts {
    slots: Vec<Slot>,
    regular: Vec<Link>,
    bold: Vec<Link>,
    // `None`: installed fonts are not consulted (tests, `Fonts::builtin`).
    system: Option<OnceLock<system::System>>,
}

/// The face, glyph and fake bold that draw one character (`Fonts::pick`).
type Picked = (usize, u16, bool);

/// A piece of a line drawn with one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Face index (`Fonts::face`).
    pub face: usize,
    /// The text (characters no face has are already replaced by `?`).
    pub text: String,
    /// Width in em (after the punctuation adjustments).
    pub width: f32,
    /// Tightening before a character (its index in `text`), in em: the half-width adjustment of
    /// adjacent CJK punctuation; an index equal to the length is after the last character.
    pub adjust: Vec<(usize, f32)>,
    /// Bold asked of a face that has no bold: the writer strokes the glyphs.
    pub fake_bold: bool,
}

/// Punctuation the CJK face draws full width; next to Latin text the Latin face's narrow
/// forms are used instead.
const NARROW_IN_LATIN: &str = "‘’“”…•·–—";

/// Whether a character belongs to CJK text (ideographs, kana, CJK and fullwidth punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Names of the built-in faces that come from Noto Sans CJK (CJK-width punctuation).
fn is_builtin_cjk(name: &str) -> bool {
    name.starts_with("NotoSansCJK")
}

impl Fonts {
    /// The built-in faces only: Noto Sans CJK SC, then Noto Sans (Latin, extended Latin,
    /// spaces), then Noto Sans Symbols 2 (✓ ✗ ☐ …), then the CJK extension face (parsed on
    /// first use). Installed fonts are not consulted (see `with_system_fonts`).
    pub fn builtin() -> Result<Fonts, String> {
        let face = |name: &str, bytes: &'static [u8]| {
            Face::load(name, FontBytes::Static(bytes), 0).map(Slot::Ready)
        };
        let lazy = |name: &'static str, bytes: &'static [u8]| Slot::Lazy {
            name,
            bytes,
            face: OnceLock::new(),
        };
        let slots = vec![
            face("NotoSansCJKsc-Regular", builtin::REGULAR)?,
            face("NotoSansCJKsc-Bold", builtin::BOLD)?,
            face("NotoSans-Regular", builtin::LATIN_REGULAR)?,
            face("NotoSans-Bold", builtin::LATIN_BOLD)?,
            face("NotoSansSymbols2-Regular", builtin::SYMBOLS)?,
            lazy("NotoSansCJKscExt-Regular", builtin::EXT_REGULAR),
            lazy("NotoSansCJKscExt-Bold", builtin::EXT_BOLD),
        ];
        let link = |slot| Link {
            slot,
            fake_bold: false,
        };
        Ok(Fonts {
            slots,
            regular: [0, 2, 4, 5].map(link).to_vec(),
            bold: [1, 3, 4, 6].map(link).to_vec(),
            system: None,
        })
    }

    /// The same chain, with the installed fonts as last fallback (scanned on first need).
    pub fn with_system_fonts(mut self) -> Fonts {
        self.system = Some(OnceLock::new());
        self
    }

    /// A user font first, the built-in faces as fallback. Bold text takes `bold`, else the
    /// bold face of the regular font's collection, else the regular face stroked (fake bold).
    pub fn with_user_font(regular: UserFont, bold: Option<UserFont>) -> Result<Fonts, String> {
        let mut f = Fonts::builtin()?;
        let face = regular.load()?;
        let bold = bold.or_else(|| regular.bold_twin(&face));
        f.slots.push(Slot::Ready(face));
        let r = f.slots.len() - 1;
        f.regular.insert(
            0,
            Link {
                slot: r,
                fake_bold: false,
            },
        );
        let b = match bold {
            Some(b) => {
                f.slots.push(Slot::Ready(b.load()?));
                Link {
                    slot: f.slots.len() - 1,
                    fake_bold: false,
                }
            }
            None => Link {
                slot: r,
                fake_bold: true,
            },
        };
        f.bold.insert(0, b);
        Ok(f)
    }

    fn chain(&self, w: Weight) -> &[Link] {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Face `i` of runs (`Run::face`); `None` only for an index no run carries.
    pub fn face(&self, i: usize) -> Option<&Face> {
        match self.slots.get(i) {
            Some(slot) => slot.get(),
            None => self.system.as_ref()?.get()?.face(i - self.slots.len()),
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
    /// and a wide CJK form): its index, glyph and whether it is fake bold.
    fn pick(&self, w: Weight, c: char, latin_context: bool) -> Option<Picked> {
        let chain = self.chain(w);
        let try_link = |l: &Link| {
            let face = self.slots[l.slot].get()?;
            face.glyph(c).map(|g| (l.slot, g, l.fake_bold))
        };
        if latin_context && NARROW_IN_LATIN.contains(c) {
            // The first face after the CJK one that has it: the Latin companion.
            let found = chain
                .iter()
                .filter(
                    |l| !matches!(&self.slots[l.slot], Slot::Ready(f) if is_builtin_cjk(&f.name)),
                )
                .filter(|l| matches!(&self.slots[l.slot], Slot::Ready(_)))
                .find_map(try_link);
            if found.is_some() {
                return found;
            }
        }
        if let Some(found) = chain.iter().find_map(try_link) {
            return Some(found);
        }
        let sys = self.system.as_ref()?.get_or_init(system::System::scan);
        let (i, face, is_bold) = sys.pick(w, c)?;
        let fake = w == Weight::Bold && !is_bold;
        face.glyph(c).map(|g| (self.slots.len() + i, g, fake))
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
        let picked: Vec<(char, Option<Picked>)> = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let latin = NARROW_IN_LATIN.contains(c)
                    && !near(i, -1).is_some_and(is_cjk)
                    && !near(i, 1).is_some_and(is_cjk);
                match self.pick(w, c, latin) {
                    Some(p) => (c, Some(p)),
                    None => ('?', self.pick(w, '?', false)),
                }
            })
            .collect();
        let advance = |p: &Option<Picked>| {
            p.and_then(|(face, gid, _)| self.face(face).map(|f| f.glyph_advance(gid)))
                .unwrap_or(0.0)
        };
        let drawn: Vec<char> = picked.iter().map(|(c, _)| *c).collect();
        let squeeze = punct::squeeze(&drawn, &|i| advance(&picked[i].1) >= 0.9);
        let mut out: Vec<Run> = Vec::new();
        for ((c, p), (lead, trail)) in picked.iter().zip(squeeze) {
            let Some((face, _, fake_bold)) = *p else {
                continue;
            };
            let adv = advance(p) - lead - trail;
            if !out
                .last()
                .is_some_and(|r| r.face == face && r.fake_bold == fake_bold)
            {
                out.push(Run {
                    face,
                    text: String::new(),
                    width: 0.0,
                    adjust: Vec::new(),
                    fake_bold,
                });
            }
            let Some(run) = out.last_mut() else {
                continue;
            };
            let n = run.text.chars().count();
            if lead > 0.0 {
                run.adjust.push((n, lead));
            }
            run.text.push(*c);
            run.width += adv;
            if trail > 0.0 {
                run.adjust.push((n + 1, trail));
            }
        }
        out
    }

    /// Glyph ids used by runs, per face (for subsetting).
    pub fn glyphs_of(&self, run: &Run) -> Vec<u16> {
        let Some(face) = self.face(run.face) else {
            return Vec::new();
        };
        run.text.chars().filter_map(|c| face.glyph(c)).collect()
    }

    /// Ascender and descender of the regular chain's first face, in em.
    pub fn metrics(&self) -> (f32, f32) {
        self.slots[self.regular[0].slot]
            .get()
            .map_or((0.88, -0.12), |f| (f.ascent, f.descent))
    }

    /// What the fonts are and which were used so far: one line per face, naming the font
    /// files (for `check --fonts` and `-v`). Call it after the documents are laid out.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (w, chain) in [("regular", &self.regular), ("bold", &self.bold)] {
            let _ = write!(out, "{w}:");
            for l in chain {
                match self.slots[l.slot].loaded() {
                    Some(f) => {
                        let _ = write!(out, " {} ({})", f.name, f.origin);
                    }
                    None => {
                        let _ = write!(out, " [{} not needed]", lazy_name(&self.slots[l.slot]));
                    }
                }
                if l.fake_bold {
                    out.push_str(" fake bold");
                }
                out.push(';');
            }
            out.pop();
            out.push('\n');
        }
        let Some(sys) = self.system.as_ref().and_then(OnceLock::get) else {
            return out;
        };
        let _ = writeln!(out, "installed fonts: {} faces scanned", sys.faces.len());
        for (i, chars) in sys.used() {
            if let Some(f) = sys.face(i) {
                let _ = writeln!(out, "  {} ({}) for {chars}", f.name, f.origin);
            }
        }
        out
    }
}

fn lazy_name(slot: &Slot) -> &str {
    match slot {
        Slot::Ready(f) => &f.name,
        Slot::Lazy { name, .. } => name,
    }
}

#[cfg(test)]
mod tests;
