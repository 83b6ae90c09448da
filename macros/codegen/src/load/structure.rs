//! The structural check: a schema file against the generated meta-schema.
//!
//! Running a real JSON Schema validator over the whole file finds every
//! unknown keyword, wrong type and missing part in one pass, where serde would
//! stop at the first. Its raw messages are rewritten to say what to do.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use mpkit_runtime::{VERSION_PATTERN, Version};
use serde_json::Value;

use super::problems::Problems;
use super::source::{Anchor, child};
use crate::meta::meta_schema;

fn validator() -> Option<&'static Validator> {
    static VALIDATOR: OnceLock<Option<Validator>> = OnceLock::new();
    // The meta-schema is generated from our own types, so building a validator
    // from it can only fail through a bug in mpkit; a test guards that, and
    // `check` reports it as a problem instead of panicking.
    VALIDATOR
        .get_or_init(|| jsonschema::draft202012::new(meta_schema()).ok())
        .as_ref()
}

/// Records every way `document` departs from the meta-schema.
pub(crate) fn check(document: &Value, problems: &mut Problems) {
    let Some(validator) = validator() else {
        problems.value(
            "",
            "mpkit's meta-schema could not be compiled",
            "this is a bug in mpkit; please report it",
        );
        return;
    };
    for error in validator.iter_errors(document) {
        describe(&error, document, problems);
    }
}

fn describe(error: &ValidationError<'_>, document: &Value, problems: &mut Problems) {
    let pointer = error.instance_path().as_str().to_owned();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let siblings = document.pointer(&pointer).and_then(Value::as_object);
            for key in unexpected {
                let known = allowed_keys(
                    siblings
                        .map(|o| o.keys().map(String::as_str).collect())
                        .unwrap_or_default(),
                );
                let help = match nearest(key, &known) {
                    Some(near) => format!(
                        "did you mean `{near}`? Known keywords here: {}",
                        known.join(", ")
                    ),
                    None if key.starts_with("x-") => format!(
                        "mpkit knows no `x-` keyword `{key}`; remove it or use one of: {}",
                        known.join(", ")
                    ),
                    None => format!(
                        "mpkit supports only these keywords here: {}; remove `{key}` or express it with them",
                        known.join(", ")
                    ),
                };
                problems.key(
                    &child(&pointer, key),
                    format!("unknown keyword `{key}`"),
                    help,
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let help = match name {
                "request" => "add `\"request\": { \"type\": \"object\", \"properties\": {} }` describing the options object (it may have no properties)".to_owned(),
                "success" => "add `\"success\"`: the JSON Schema of the object the success callback receives".to_owned(),
                _ => format!("add `\"{name}\"`; the meta-schema (schemas/meta.schema.json) says what it holds"),
            };
            let what = if matches!(name, "request" | "success") {
                "part"
            } else {
                "keyword"
            };
            problems.value(&pointer, format!("missing required {what} `{name}`"), help);
        }
        ValidationErrorKind::Pattern { pattern } if pattern == VERSION_PATTERN => {
            let reason = match error.instance().as_str().map(Version::parse) {
                Some(Err(parse_error)) => parse_error.to_string(),
                _ => format!("{} is not a version", error.instance()),
            };
            problems.value(
                &pointer,
                reason,
                "versions are numbers separated by dots, like \"2.10.4\"",
            );
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context }
            if !allowed_constants(context).is_empty() =>
        {
            let allowed = allowed_constants(context);
            problems.value(
                &pointer,
                format!("{} is not an allowed value", error.instance()),
                format!("use one of: {}", allowed.join(", ")),
            );
        }
        _ => {
            problems.push(
                &pointer,
                Anchor::Value,
                error.to_string(),
                Some("see schemas/meta.schema.json for what this keyword accepts".to_owned()),
            );
        }
    }
}

/// The `const` values of the alternatives of a failed `oneOf`/`anyOf`: how
/// schemars renders a documented unit enum such as `x-call-style`.
/// Nested alternatives (`type`: one name or a list of names) are searched too.
fn allowed_constants(context: &[Vec<ValidationError<'static>>]) -> Vec<String> {
    let mut allowed = Vec::new();
    for error in context.iter().flatten() {
        match error.kind() {
            ValidationErrorKind::Constant { expected_value } => {
                allowed.push(expected_value.to_string())
            }
            ValidationErrorKind::OneOfNotValid { context }
            | ValidationErrorKind::AnyOf { context } => {
                allowed.extend(allowed_constants(context));
            }
            _ => {}
        }
    }
    allowed
}

/// The keywords allowed in the object whose members are `present`: those of
/// the meta-schema object definition that shares the most keys with it.
fn allowed_keys(present: Vec<&str>) -> Vec<String> {
    let meta = meta_schema();
    let mut candidates: Vec<&serde_json::Map<String, Value>> = Vec::new();
    if let Some(properties) = meta.get("properties").and_then(Value::as_object) {
        candidates.push(properties);
    }
    if let Some(defs) = meta.get("$defs").and_then(Value::as_object) {
        candidates.extend(
            defs.values()
                .filter_map(|def| def.get("properties").and_then(Value::as_object)),
        );
    }
    candidates
        .into_iter()
        .max_by_key(|properties| {
            present
                .iter()
                .filter(|key| properties.contains_key(**key))
                .count()
        })
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

/// The known name closest to `name`, if any is close enough to be a typo.
pub(crate) fn nearest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.as_str())
}
