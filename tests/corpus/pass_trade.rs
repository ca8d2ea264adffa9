//! stub
use super::Gen;
pub fn quotation(_g: &mut Gen) {}
pub fn shipping(_g: &mut Gen) {}
pub fn smalltalk(_g: &mut Gen) {}
pub fn production(_g: &mut Gen) {}
