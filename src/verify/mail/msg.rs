//! Verify stage, reading: Outlook `.msg` files (OLE compound files), what dragging a mail out
//! of Outlook gives.

use super::Mail;
use crate::diag::Diagnostic;
use std::path::Path;

/// Whether `bytes` are an OLE compound file (the `.msg` container).
pub fn is_msg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads an Outlook message.
pub fn read(file: &Path, bytes: &[u8]) -> Result<Mail, Diagnostic> {
    let _ = bytes;
    Err(
        Diagnostic::error(file, "Outlook `.msg` files are not read yet")
            .hint("save the mail as `.eml` from the mail program"),
    )
}
