//! dealguard: information-security contract clauses, secure-communication letters and weekly
//! progress reports for export deals. The pipeline is the layout:
//! `profile` (load) → `clauses` (select) → `render` (text) → `output` (write).

// Diagnostics are large and only travel on the error path, once per run.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod clauses;
pub mod cli;
pub mod commands;
pub mod context;
pub mod country;
pub mod diag;
pub mod fs;
pub mod memory;
pub mod output;
pub mod profile;
pub mod render;
pub mod report;
pub mod verify;
