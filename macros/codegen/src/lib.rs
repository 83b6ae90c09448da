//! The compile-time side of mpkit, as a plain library.
//!
//! - [`spec`]: the schema format as Rust types (serde + schemars).
//! - [`load_schema`]: reads a schema file and checks it, reporting every
//!   problem with file, line and column.
//! - [`meta_schema`]: the JSON Schema of the format, generated from [`spec`].
//!
//! `mpkit-derive` and the `mpkit` CLI are thin fronts over this crate, which
//! has no `proc_macro` dependency and so is tested like any library.

mod load;
mod meta;
pub mod spec;

pub use load::{
    DataPart, Diagnostic, LoadError, LoadedSchema, Position, load_schema, parse_schema,
    schema_files,
};
pub use meta::{meta_schema, meta_schema_json};
