//! The spec model: Rust types of mpkit's schema format.
//!
//! A schema file describes one platform API. Its data parts (`request`,
//! `success`, `fail`, `encrypted`) are plain JSON Schema 2020-12 over the
//! subset in [`SchemaNode`]; what JSON Schema cannot say is carried by `x-`
//! keywords. These types are the single source of truth for the format:
//! `schemas/meta.schema.json` is generated from them with schemars, and the
//! loader checks files against that meta-schema before deserializing them.

mod api;
mod member;
mod node;
mod ordered;
mod pointer;
mod profile;
pub(crate) mod uri;

pub(crate) use api::decode_definition_name;
pub use api::{
    ApiSchema, CallStyle, Change, Condition, Credentials, CryptoScheme, ErrorRejection,
    NoWatermark, Outcome, OutcomeStyle, PlatformFloor, Prerequisite, Support, WatermarkMembers,
    WatermarkSpec,
};
pub use member::MemberView;
pub use node::{Departure, JsonType, Quirk, QuirkKind, SchemaNode, TypeSet};
pub use ordered::OrderedMap;
pub(crate) use pointer::percent_decode;
pub use pointer::{Applies, pointer_segments};
pub use profile::{AnonymousProfile, GenderCodes, ProfileMap, ProfileMembers};

/// Parses a version string as the schema format does (for the CLI's flags).
///
/// # Errors
/// What is wrong with `text`.
pub fn parse_version(text: &str) -> Result<mpkit_runtime::Version, mpkit_runtime::VersionError> {
    mpkit_runtime::Version::parse(text)
}
