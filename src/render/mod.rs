//! Render stage: templates → plain text → Markdown / HTML; returns strings, writes nothing.

pub mod clauses;
pub mod contract;
pub mod eml;
pub mod env;
pub mod escape;
pub mod markup;

pub use clauses::{render as render_schedule, Schedule};
