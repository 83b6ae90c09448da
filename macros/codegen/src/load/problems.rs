//! Accumulates the problems of one file, so all of them are reported at once
//! (the role serde_derive's `Ctxt` plays for attributes).

use std::collections::HashMap;
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
    /// Pointers into the checked model that the file writes elsewhere (a
    /// member an `allOf` fold copied), and where.
    aliases: Vec<(String, String)>,
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

    /// Problems at `copy` (or below it) are reported at `origin`: what the
    /// checks see at `copy` is written there in the file.
    pub(crate) fn alias(&mut self, copy: &str, origin: &str) {
        self.aliases.push((copy.to_owned(), origin.to_owned()));
    }

    /// `pointer` as the file writes it, through every alias that applies (a
    /// copy of a copy too): the longest copied pointer it starts with, each
    /// step by lookups of its own prefixes, so that many aliases and many
    /// problems do not multiply.
    fn in_file(aliases: &HashMap<&str, &str>, pointer: String) -> String {
        let mut pointer = pointer;
        for _ in 0..aliases.len() {
            let found = std::iter::once(pointer.len())
                .chain(pointer.rmatch_indices('/').map(|(at, _)| at))
                .find_map(|end| {
                    let origin = aliases.get(pointer.get(..end)?)?;
                    Some(format!("{origin}{}", pointer.get(end..)?))
                });
            match found {
                Some(moved) => pointer = moved,
                None => break,
            }
        }
        pointer
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
        self.aliases.extend(other.aliases);
    }

    /// The problems as diagnostics, in file order, duplicates removed.
    pub(crate) fn into_diagnostics(
        mut self,
        file: &Path,
        source: &SourceMap<'_>,
    ) -> Vec<Diagnostic> {
        let found = std::mem::take(&mut self.found);
        // A later alias of one copy wins, as it was recorded last.
        let aliases: HashMap<&str, &str> = self
            .aliases
            .iter()
            .map(|(copy, origin)| (copy.as_str(), origin.as_str()))
            .collect();
        let pointers: Vec<String> = found
            .iter()
            .map(|problem| Self::in_file(&aliases, problem.pointer.clone()))
            .collect();
        let wanted: Vec<(&str, Anchor)> = pointers
            .iter()
            .zip(&found)
            .map(|(pointer, problem)| (pointer.as_str(), problem.anchor))
            .collect();
        let positions = source.locate_all(&wanted);
        let mut diagnostics: Vec<Diagnostic> = found
            .into_iter()
            .zip(pointers.iter().zip(positions))
            .map(|(problem, (pointer, position))| Diagnostic {
                file: file.to_path_buf(),
                position,
                pointer: pointer.clone(),
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
