//! Accumulates the problems of one file, so all of them are reported at once
//! (the role serde_derive's `Ctxt` plays for attributes).

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::source::{Anchor, SourceMap};

#[derive(Debug)]
struct Problem {
    pointer: String,
    anchor: Anchor,
    message: String,
    help: Option<String>,
}

/// The problems found so far in one file.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    found: Vec<Problem>,
}

impl Problems {
    /// A problem with the value at `pointer`.
    pub(crate) fn value(
        &mut self,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(pointer, Anchor::Value, message.into(), Some(help.into()));
    }

    /// A problem with the key of the member at `pointer`.
    pub(crate) fn key(
        &mut self,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(pointer, Anchor::Key, message.into(), Some(help.into()));
    }

    pub(crate) fn push(
        &mut self,
        pointer: &str,
        anchor: Anchor,
        message: String,
        help: Option<String>,
    ) {
        self.found.push(Problem {
            pointer: pointer.to_owned(),
            anchor,
            message,
            help,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// How many problems there are.
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// Takes over the problems of `other`.
    pub(crate) fn extend(&mut self, other: Problems) {
        self.found.extend(other.found);
    }

    /// The problems as diagnostics, in file order, duplicates removed.
    pub(crate) fn into_diagnostics(self, file: &Path, source: &SourceMap<'_>) -> Vec<Diagnostic> {
        let mut diagnostics: Vec<Diagnostic> = self
            .found
            .into_iter()
            .map(|problem| Diagnostic {
                file: file.to_path_buf(),
                position: source.locate(&problem.pointer, problem.anchor),
                pointer: problem.pointer,
                message: problem.message,
                help: problem.help,
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.position.line, a.position.column, &a.message).cmp(&(
                b.position.line,
                b.position.column,
                &b.message,
            ))
        });
        diagnostics.dedup();
        diagnostics
    }
}
