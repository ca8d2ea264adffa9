//! stub
use super::Gen;
pub fn newsletter(_g: &mut Gen) {}
pub fn thread(_g: &mut Gen) {}
pub fn signature_warning(_g: &mut Gen) {}
pub fn notice(_g: &mut Gen) {}
