//! Render stage: the contract schedule and the welcome letter as DOCX (WordprocessingML written
//! by us, zipped by the `zip` crate). Reading a returned DOCX back for `diff` is
//! `dealguard-ooxml`'s.
//!
//! Written by hand rather than with `docx-rs`: that crate numbers paragraphs (`w14:paraId`)
//! from a process-wide counter, so two documents made on `build`'s pool would differ run to run;
//! its reader is not bounded against hostile files; and what we need — named styles, two
//! mirrored lists, tables, fields, custom properties — is a few hundred lines of XML text.

mod appendix;
mod contract;
mod letter;
mod package;
mod parts;
mod xml;

pub use contract::contract;
pub use letter::letter;
pub use xml::is_cjk;
