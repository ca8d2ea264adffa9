//! stub
use super::Gen;
pub fn html_hidden(_g: &mut Gen) {}
pub fn link(_g: &mut Gen) {}
pub fn qr(_g: &mut Gen) {}
pub fn attachment(_g: &mut Gen) {}
