//! Problems found in a schema file, reported compiler-style.

use std::fmt;
use std::path::{Path, PathBuf};

use super::source::Position;

/// One problem in a schema file: where it is, what is wrong, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The schema file.
    pub file: PathBuf,
    /// Line and column of the offending key or value.
    pub position: Position,
    /// JSON pointer to the offending part (`/request/properties/lang/default`).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file.display(),
            self.position.line,
            self.position.column,
            self.message
        )?;
        if !self.pointer.is_empty() {
            write!(f, "\n  = at: {}", self.pointer)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Why a schema file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Read {
        /// The file.
        file: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file was read but has problems; every one found is listed.
    Invalid {
        /// The problems, in the order they appear in the file.
        diagnostics: Vec<Diagnostic>,
    },
}

// Display and Error by hand: `thiserror` is a proc macro, and this crate is
// compiled into every user's build through the derive.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { file, source } => write!(
                f,
                "{}: error: cannot read the schema file: {source}",
                file.display()
            ),
            LoadError::Invalid { diagnostics } => f.write_str(&render(diagnostics)),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { source, .. } => Some(source),
            LoadError::Invalid { .. } => None,
        }
    }
}

impl LoadError {
    /// The problems found, empty for a read error.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Read { .. } => &[],
            LoadError::Invalid { diagnostics } => diagnostics,
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn file(&self) -> Option<&Path> {
        match self {
            LoadError::Read { file, .. } => Some(file),
            LoadError::Invalid { diagnostics } => diagnostics.first().map(|d| d.file.as_path()),
        }
    }
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&diagnostic.to_string());
        out.push('\n');
    }
    let count = diagnostics.len();
    out.push_str(&format!(
        "{count} problem{} found in the schema",
        if count == 1 { "" } else { "s" }
    ));
    out
}
