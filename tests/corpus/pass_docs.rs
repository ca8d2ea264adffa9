//! stub
use super::Gen;
pub fn payment_advice(_g: &mut Gen) {}
pub fn third_party_invoice(_g: &mut Gen) {}
pub fn policy(_g: &mut Gen) {}
