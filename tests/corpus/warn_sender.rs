//! stub
use super::Gen;
pub fn lookalike(_g: &mut Gen) {}
pub fn display_name(_g: &mut Gen) {}
pub fn freemail_claim(_g: &mut Gen) {}
pub fn credential(_g: &mut Gen) {}
