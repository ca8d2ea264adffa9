//! Assets: the built-in clauses, sets and templates compiled into the binary; the only module
//! of the app that uses `include_bytes!` (the fonts are the PDF crate's, `dealguard_pdf::font::builtin`).

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
