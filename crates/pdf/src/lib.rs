//! dealguard-pdf: layout blocks → pages → PDF bytes (printpdf 0.12 without its layout engine).
//!
//! Owns the layout model (blocks, tables, photo grids, charts, keep-together groups) and
//! pagination (`layout`), line breaking — UAX #14 with the CJK line-start/line-end rules
//! (`text`), fonts — the built-in Noto faces, the user's and the installed ones, fallback,
//! measuring and per-document subsets (`font`), the page furniture and house colours
//! (`page`) and the deterministic writer (`write`: same input, same bytes).
//!
//! It knows nothing of deals, week files, clauses or mail: it must never depend on the
//! dealguard app crate, any other dealguard crate, or clap/tera/serde_yaml. Documents reach it as
//! blocks of text and JPEG bytes prepared by their callers (photos by `dealguard-image`); the
//! words on a page, and the messages of the problems it reports, are its callers' choice.
//!
//! The boundary is the compiler's: the app is not a dependency, so a deal type does not
//! compile here (`tests/suite/architecture.rs` checks the whole dependency graph):
//!
//! ```compile_fail
//! use dealguard::profile::deal::Profile;
//! ```

pub mod font;
pub mod layout;
pub mod page;
pub mod text;
pub mod write;
