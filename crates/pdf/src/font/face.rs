//! Lay-out stage: one font face — its bytes (borrowed from the binary or shared), character
//! map and advances for measuring, and its per-document subset (allsorts).
//!
//! The faces are read with allsorts directly rather than through printpdf's `ParsedFont`,
//! which copies the whole font into a `Vec`: the built-in faces are `'static` and a system
//! font is memory-mapped, so nothing here copies font data (the extension faces are 11 MB
//! each; see `fonts/README.md`).

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;
use printpdf::ParsedFont;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

/// The bytes of a font file: built in, read from a file, or memory-mapped.
#[derive(Clone)]
pub enum FontBytes {
    /// Compiled into the binary (`builtin`).
    Static(&'static [u8]),
    /// Read or mapped at run time (`--font`, system fonts).
    Shared(Arc<dyn AsRef<[u8]> + Send + Sync>),
}

impl FontBytes {
    /// Bytes read from a file.
    pub fn owned(v: Vec<u8>) -> FontBytes {
        FontBytes::Shared(Arc::new(v))
    }
}

impl Deref for FontBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => (**b).as_ref(),
        }
    }
}

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontBytes({} bytes)", self.len())
    }
}

/// One font face, parsed for measuring.
#[derive(Debug, Clone)]
pub struct Face {
    /// Name for messages and the PDF (`NotoSansCJKsc-Regular`).
    pub name: String,
    /// Where it comes from: `built in`, or the file and face index (for `--font` and reports).
    pub origin: String,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    bytes: FontBytes,
    index: usize,
    cmap: BTreeMap<u32, u16>,
    widths: Vec<u16>,
    upem: f32,
    /// Ascender, in em.
    pub ascent: f32,
    /// Descender (negative), in em.
    pub descent: f32,
}

/// What a face's tables give for measuring.
struct Tables {
    cmap: BTreeMap<u32, u16>,
    widths: Vec<u16>,
    upem: u16,
    ascent: i16,
    descent: i16,
}

fn read_tables(bytes: &[u8], index: usize) -> Option<Tables> {
    let file = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(index).ok()?;
    let table = |t| provider.read_table_data(t).ok();
    let head = table(tag::HEAD)?;
    let head = ReadScope::new(&head).read::<HeadTable>().ok()?;
    let maxp = table(tag::MAXP)?;
    let maxp = ReadScope::new(&maxp).read::<MaxpTable>().ok()?;
    let hhea = table(tag::HHEA)?;
    let hhea = ReadScope::new(&hhea).read::<HheaTable>().ok()?;
    let mut cmap = BTreeMap::new();
    let cmap_data = table(tag::CMAP)?;
    let cmap_table = ReadScope::new(&cmap_data).read::<Cmap<'_>>().ok()?;
    let (_, sub) = allsorts::font::read_cmap_subtable(&cmap_table)
        .ok()
        .flatten()?;
    sub.mappings_fn(|cp, gid| {
        cmap.insert(cp, gid);
    })
    .ok()?;
    let hmtx_data = table(tag::HMTX)?;
    let hmtx = ReadScope::new(&hmtx_data)
        .read_dep::<HmtxTable<'_>>((
            usize::from(maxp.num_glyphs),
            usize::from(hhea.num_h_metrics),
        ))
        .ok()?;
    let widths = (0..maxp.num_glyphs)
        .map(|g| hmtx.horizontal_advance(g).unwrap_or(0))
        .collect();
    Some(Tables {
        cmap,
        widths,
        upem: head.units_per_em.max(1),
        ascent: hhea.ascender,
        descent: hhea.descender,
    })
}

impl Face {
    /// Parses a TrueType/OpenType font (or face `index` of a collection).
    pub fn load(name: &str, bytes: FontBytes, index: usize) -> Result<Face, String> {
        let t = read_tables(&bytes, index)
            .ok_or_else(|| "is not a TrueType or OpenType font dealguard can read".to_string())?;
        if t.cmap.is_empty() {
            return Err("has no Unicode character map".to_string());
        }
        let upem = f32::from(t.upem);
        Ok(Face {
            name: name.to_string(),
            origin: "built in".to_string(),
            path: None,
            index,
            cmap: t.cmap,
            widths: t.widths,
            upem,
            ascent: f32::from(t.ascent) / upem,
            descent: f32::from(t.descent) / upem,
            bytes,
        })
    }

    /// The same face, said to come from face `index` of the file `path`.
    pub fn with_origin(mut self, path: PathBuf) -> Face {
        self.origin = format!("{}#{}", path.display(), self.index);
        self.path = Some(path);
        self
    }

    /// The glyph of a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&(c as u32)).copied().filter(|g| *g != 0)
    }

    /// Advance width of a glyph, in em.
    pub fn glyph_advance(&self, gid: u16) -> f32 {
        f32::from(self.widths.get(usize::from(gid)).copied().unwrap_or(0)) / self.upem
    }

    /// Number of characters the face maps.
    pub fn char_count(&self) -> usize {
        self.cmap.len()
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
