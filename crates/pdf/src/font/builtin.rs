//! The built-in faces, compiled in: Noto Sans CJK SC subsets, their companions and the
//! licence (SIL OFL 1.1; `fonts/README.md` says how the subsets are made).

/// The built-in regular face: a subset of Noto Sans CJK SC (SIL OFL 1.1, see `fonts/`).
pub const REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf");

/// The built-in bold face.
pub const BOLD: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Bold.otf");

/// The built-in extension face: the rest of GB 18030-2022 implementation level 2 (BMP
/// ideographs, Extension A, 通用规范汉字表 outside the BMP), parsed only when a text needs it.
pub const EXT_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansCJKscExt-Regular.otf");

/// The bold extension face.
pub const EXT_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansCJKscExt-Bold.otf");

/// Latin companion (Noto Sans, SIL OFL 1.1): extended Latin and narrow punctuation.
pub const LATIN_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");

/// Latin companion, bold.
pub const LATIN_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// Symbols (Noto Sans Symbols 2, SIL OFL 1.1): check marks and boxes.
pub const SYMBOLS: &[u8] = include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf");

/// The font licence (SIL OFL 1.1 with the fonts' copyright notices), printed by `licenses`.
pub const LICENSE: &str = include_str!("../../fonts/OFL.txt");
