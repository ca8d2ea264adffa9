//! Assets: the built-in clauses, sets and templates compiled into the binary; the only module
//! that uses `include_bytes!`.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The example deal profile that `init` writes and that clause checks use as the full schema.
pub const EXAMPLE_DEAL: &str = include_str!("../examples/nordic-home/deal.yaml");

/// Built-in files whose path starts with `prefix`, in path order.
pub fn files_under(prefix: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES
        .iter()
        .copied()
        .filter(move |(p, _)| p.starts_with(prefix))
}
