//! Render stage: templates → plain text → Markdown / HTML; returns strings, writes nothing.

pub mod briefing;
pub mod callback;
pub mod clauses;
pub mod contract;
pub mod docx;
pub mod eml;
pub mod env;
pub mod escape;
pub mod glyphs;
pub mod guard;
pub mod letters;
pub mod markup;
pub mod pdfdoc;
pub mod scc;
pub mod templates;

pub use clauses::{render as render_schedule, Schedule};
