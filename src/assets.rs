//! Assets: the built-in clauses, sets and templates compiled into the binary; the only module
//! that uses `include_bytes!`.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The example deal profile that `init` writes and that clause checks use as the full schema.
pub const EXAMPLE_DEAL: &str = include_str!("../examples/nordic-home/deal.yaml");

/// The example week file that `init` writes (without its photos).
pub const EXAMPLE_WEEK: &str = include_str!("../examples/nordic-home/reports/2026-W49.yaml");

/// Built-in files whose path starts with `prefix`, in path order.
pub fn files_under(prefix: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES
        .iter()
        .copied()
        .filter(move |(p, _)| p.starts_with(prefix))
}

/// The built-in regular face: a subset of Noto Sans CJK SC (SIL OFL 1.1, see `fonts/`).
pub const FONT_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Regular.otf");

/// The built-in bold face.
pub const FONT_BOLD: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Bold.otf");

/// The built-in extension face: the rest of GB 18030-2022 implementation level 2 (BMP
/// ideographs, Extension A, 通用规范汉字表 outside the BMP), parsed only when a text needs it.
pub const FONT_EXT_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansCJKscExt-Regular.otf");

/// The bold extension face.
pub const FONT_EXT_BOLD: &[u8] = include_bytes!("../fonts/NotoSansCJKscExt-Bold.otf");

/// Latin companion (Noto Sans, SIL OFL 1.1): extended Latin and narrow punctuation.
pub const FONT_LATIN_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");

/// Latin companion, bold.
pub const FONT_LATIN_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Symbols (Noto Sans Symbols 2, SIL OFL 1.1): check marks and boxes.
pub const FONT_SYMBOLS: &[u8] = include_bytes!("../fonts/NotoSansSymbols2-Regular.ttf");

/// The font licence (SIL OFL 1.1 with the fonts' copyright notices), printed by `licenses`.
pub const FONT_LICENSE: &str = include_str!("../fonts/OFL.txt");
