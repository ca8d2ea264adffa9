//! Why a mail could not be read (or checked): the file, where in it, what, and what to do.
//! The app shows it as one of its located diagnostics.

use std::fmt;
use std::path::{Path, PathBuf};

/// A mail that could not be read: a located message, lowercase, naming things in backticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file as the user named it (`box.mbox#3` for the third message of an mbox).
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub pos: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Error {
    /// An error in `file`.
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            pos: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Sets line and column.
    pub fn at(mut self, pos: Option<(usize, usize)>) -> Self {
        self.pos = pos;
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.pos {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
