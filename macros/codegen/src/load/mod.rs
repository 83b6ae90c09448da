//! Reading a schema file into the spec model, with every problem reported.
//!
//! The order is: reading (regular files only, at most [`MAX_SCHEMA_BYTES`]),
//! JSON syntax (serde_json, with line:column), structure
//! against the generated meta-schema (all problems at once), deserialization
//! into [`ApiSchema`], then the semantic checks (all problems at once).

mod checked;
mod checks;
mod diagnostic;
mod fold;
mod generable;
mod identify;
mod names;
mod platform;
mod problems;
mod profile;
mod read;
mod source;
mod structure;
mod type_lists;
mod walk;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use diagnostic::{Diagnostic, LoadError};
pub use source::Position;
pub(crate) use structure::nearest;

use crate::spec::ApiSchema;
pub use names::MAX_MEMBERS;
use problems::Problems;
use source::SourceMap;

/// The largest schema file mpkit reads: 16 MiB.
///
/// A schema describes one API and is a few KiB; the limit only keeps a wrong
/// path (a log, an image, `/dev/zero`) from costing unbounded memory and time.
/// A larger file is refused with a read error that names this limit.
pub const MAX_SCHEMA_BYTES: u64 = 16 * 1024 * 1024;

/// A schema file that passed every check, with the document it came from.
#[derive(Debug, Clone)]
pub struct LoadedSchema {
    /// Where it was read from.
    pub file: PathBuf,
    /// The checked spec model.
    pub api: ApiSchema,
    /// The file as parsed JSON, for validating payloads against its data parts.
    pub document: Value,
}

/// The data parts of a schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataPart {
    /// `request`: the options object.
    Request,
    /// `success`: what the success callback receives.
    Success,
    /// `fail`: what the fail callback receives.
    Fail,
    /// `encrypted`: the JSON inside the decrypted `encryptedData`.
    Encrypted,
}

impl DataPart {
    /// Every part, in file order.
    pub const ALL: [DataPart; 4] = [
        DataPart::Request,
        DataPart::Success,
        DataPart::Fail,
        DataPart::Encrypted,
    ];

    /// The part's key in a schema file.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            DataPart::Request => "request",
            DataPart::Success => "success",
            DataPart::Fail => "fail",
            DataPart::Encrypted => "encrypted",
        }
    }
}

impl LoadedSchema {
    /// One data part as a standalone JSON Schema 2020-12 document, with the
    /// file's `$defs` beside it so its `$ref`s resolve. `None` when the file
    /// has no such part. Any JSON Schema validator can check a real payload
    /// against the result.
    #[must_use]
    pub fn data_schema(&self, part: DataPart) -> Option<Value> {
        let mut schema = self.document.get(part.key())?.as_object()?.clone();
        schema.insert(
            "$schema".to_owned(),
            Value::String("https://json-schema.org/draft/2020-12/schema".to_owned()),
        );
        if let Some(defs) = self.document.get("$defs") {
            schema.insert("$defs".to_owned(), defs.clone());
        }
        Some(Value::Object(schema))
    }
}

/// Reads and checks the schema file at `path`.
///
/// # Errors
/// [`LoadError::Read`] when the file cannot be read, is not a regular file
/// (a directory, FIFO, device or socket) or is larger than 16 MiB
/// (`MAX_SCHEMA_BYTES`); [`LoadError::Invalid`] listing every problem found
/// otherwise.
///
/// ```no_run
/// let schema = mpkit_codegen::load_schema("schemas/wechat/getUserInfo.json")?;
/// assert_eq!(schema.api.full_name(), "wx.getUserInfo");
/// # Ok::<(), mpkit_codegen::LoadError>(())
/// ```
pub fn load_schema(path: impl AsRef<Path>) -> Result<LoadedSchema, LoadError> {
    let file = path.as_ref();
    let text = read::read_text(file).map_err(|source| LoadError::Read {
        file: file.to_path_buf(),
        source,
    })?;
    parse_schema(&text, file)
}

/// Checks schema `text`; `file` is only used to name it in diagnostics.
///
/// # Errors
/// [`LoadError::Invalid`] listing every problem found.
pub fn parse_schema(text: &str, file: &Path) -> Result<LoadedSchema, LoadError> {
    // serde_json first: it refuses nesting deeper than 128 with a clear
    // error, and the position index below is then built only for text it
    // accepted, so its recursive walk stays shallow whatever the input.
    let document: Value = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(error) => {
            return Err(LoadError::Invalid {
                diagnostics: vec![syntax_error(file, &error)],
            });
        }
    };
    // Positions are looked up only for a file that is refused.
    let fail = |problems: Problems| LoadError::Invalid {
        diagnostics: problems.into_diagnostics(file, &SourceMap::new(text)),
    };

    let mut problems = Problems::default();
    structure::check(&document, &mut problems);
    if !problems.is_empty() {
        return Err(fail(problems));
    }

    // From the text, not the `Value`: `OrderedMap` then keeps the members in
    // document order without serde_json's `preserve_order`, which would
    // otherwise spread to every crate built alongside.
    let mut api: ApiSchema = match serde_json::from_str(text) {
        Ok(api) => api,
        Err(error) => {
            // The meta-schema admits almost nothing serde refuses, so this
            // is rare enough to locate by serde_json's line and column
            // rather than link a path-tracking deserializer into the derive:
            // the pointer is the value that starts last before it.
            let pointer = SourceMap::new(text).pointer_before(error.line(), error.column());
            return Err(LoadError::Invalid {
                diagnostics: vec![Diagnostic {
                    pointer,
                    message: format!("mpkit cannot take this value: {error}"),
                    help: Some(
                        "see schemas/meta.schema.json for what this keyword accepts".to_owned(),
                    ),
                    ..syntax_error(file, &error)
                }],
            });
        }
    };

    type_lists::check(&api, &mut problems);
    identify::resolve_references(&mut api, &mut problems);
    fold::fold_all_of(&mut api, &mut problems);
    checks::check(&api, &document, &mut problems);
    // `x-profile` points into the payloads' types: checked once they are
    // sound, so that one broken `$ref` is not also reported once for every
    // profile pointer that passes through it.
    if problems.is_empty() {
        profile::check(&api, &mut problems);
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    Ok(LoadedSchema {
        file: file.to_path_buf(),
        api,
        document,
    })
}

/// Every `*.json` schema under `dir` (recursively, `meta.schema.json` aside), sorted by path.
///
/// Symbolic links are followed, but each directory is listed once and each
/// real file is returned once, under the first of its paths in sorted order,
/// so links back to an ancestor or several links to one file are harmless.
///
/// # Errors
/// [`LoadError::Read`] when a directory cannot be listed.
pub fn schema_files(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, LoadError> {
    walk::schema_files(dir.as_ref())
}

fn syntax_error(file: &Path, error: &serde_json::Error) -> Diagnostic {
    Diagnostic {
        file: file.to_path_buf(),
        position: Position {
            line: error.line(),
            column: error.column(),
        },
        pointer: String::new(),
        message: format!("the file is not valid JSON: {error}"),
        help: Some(
            "fix the JSON syntax at that position (comments and trailing commas are not allowed)"
                .to_owned(),
        ),
    }
}
