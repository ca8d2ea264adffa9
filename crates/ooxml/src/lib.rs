//! dealguard-ooxml: zip packages and DOCX files from other people, read with limits.
//!
//! Owns the one zip reader of dealguard ([`zip`]: opening from bytes with the zip library's
//! panics caught, listing entries, unpacking one entry at most to a given size whatever its
//! header claims) and the one DOCX text reader ([`docx`]: paragraphs with their tracked
//! changes, and the custom properties), used by `diff` for a returned contract and by the mail
//! checker for archive and DOCX attachments. It reads only: the DOCX writer is the app's. It
//! knows nothing of deals and must never depend on the dealguard app crate, any other dealguard
//! crate, or clap/tera/serde_yaml; its errors are plain messages its callers place in their own.
//!
//! The boundary is the compiler's: the app is not a dependency, so a deal type does not
//! compile here (`tests/suite/architecture.rs` checks the whole dependency graph):
//!
//! ```compile_fail
//! use dealguard::profile::deal::Profile;
//! ```

pub mod docx;
pub mod zip;
