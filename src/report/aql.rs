//! Render stage: the ISO 2859-1 tables the report's inspection section prints. They live in
//! the load stage (`profile::aql`), which checks a week's plans against the same tables.

pub use crate::profile::aql::*;
