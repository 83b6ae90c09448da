//! The schemas bundled with mpkit, embedded when this crate is built.

use std::path::Path;

use crate::load::{LoadError, LoadedSchema, parse_schema};

/// `(name, text)` of each bundled schema; the name is its path under
/// `schemas/` without `.json` (`wechat/getUserInfo`).
const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The names of the bundled schemas, sorted (`douyin/getUserInfo`, ...).
#[must_use]
pub fn bundled_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(name, _)| *name).collect()
}

/// The text of the bundled schema `name`, if there is one.
#[must_use]
pub fn bundled_text(name: &str) -> Option<&'static str> {
    BUNDLED
        .iter()
        .find(|(bundled, _)| *bundled == name)
        .map(|(_, text)| *text)
}

/// Loads and checks the bundled schema `name`; `None` if there is none.
///
/// # Errors
/// The schema's problems, should a bundled schema be broken.
pub fn load_bundled(name: &str) -> Option<Result<LoadedSchema, LoadError>> {
    let text = bundled_text(name)?;
    Some(parse_schema(
        text,
        Path::new(&format!("schemas/{name}.json")),
    ))
}
