//! Lay-out stage: blocks → pages → PDF bytes (printpdf 0.12 without its layout engine).

pub mod font;
pub mod layout;
pub mod page;
pub mod text;
pub mod write;
