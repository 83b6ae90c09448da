//! The compile-time side of mpkit, as a plain library.
//!
//! - [`spec`]: the schema format as Rust types (serde; schemars with `meta`).
//! - [`load_schema`]: reads a schema file and checks it, reporting every
//!   problem with file, line and column.
//! - `meta_schema` (feature `meta`): the JSON Schema of the format,
//!   generated from [`spec`]. The loader checks files against the committed
//!   `schemas/meta.schema.json` without it, so the derive needs neither
//!   schemars nor a JSON Schema validator.
//! - `diff` and `matrix` (feature `reports`): what changed between two
//!   versions of a schema, and the support matrix of many; for the CLI.
//! - [`derive`](fn@derive) and [`expand`]: the code generator behind
//!   `#[derive(MiniProgramApi)]` and `mpkit expand`.
//!
//! `mpkit-derive` and the `mpkit` CLI are thin fronts over this crate, which
//! has no `proc_macro` dependency and so is tested like any library.

mod attr;
mod automaton;
mod bundled;
mod checked;
mod derive;
#[cfg(feature = "reports")]
mod diff;
mod emit;
mod load;
mod lower;
#[cfg(feature = "reports")]
mod matrix;
#[cfg(feature = "meta")]
mod meta;
mod naming;
pub mod spec;
#[cfg(feature = "typescript")]
mod typescript;
mod typing;

pub use bundled::{bundled_names, bundled_text, load_bundled, suggestion};
#[cfg(feature = "pretty")]
pub use derive::format_tokens;
pub use derive::{default_type_name, derive, expand};
#[cfg(feature = "reports")]
pub use diff::{Change, Impact, diff};
pub use load::{
    DataPart, Diagnostic, LoadError, LoadedSchema, MAX_MEMBERS, MAX_SCHEMA_BYTES, Position,
    load_schema, parse_schema, schema_files,
};
pub use lower::Settings;
#[cfg(feature = "reports")]
pub use matrix::{MatrixRow, matrix, matrix_markdown};
#[cfg(feature = "meta")]
pub use meta::{meta_schema, meta_schema_json};
#[cfg(feature = "typescript")]
pub use typescript::{typescript, typescript_assertions};
pub use typing::checked_members;
