//! The Rust names a schema's JSON names become: each must exist and be
//! unique where Rust needs it to be, or the loader refuses the schema with
//! both JSON names, so that the generated code always compiles.
//!
//! Names are computed by `crate::naming`, the functions lowering uses, so
//! what is checked here is what is generated. Type names are not checked:
//! lowering makes them unique itself (a numeric suffix), because a schema
//! author never writes them.

use std::collections::HashMap;

use super::problems::Problems;
use super::source::child;
use crate::naming::{
    RESERVED_OPTION_NAMES, enum_key, field_name, type_name, union_case_name, variant_name,
};
use crate::spec::{JsonType, QuirkKind, SchemaNode};

/// The most members one object may have, and the most values one enum:
/// far beyond any platform API, and well under what makes rustc's own
/// stack overflow on the generated code (10,000 members did).
pub const MAX_MEMBERS: usize = 2_000;

/// Checks the field names of `node`'s members (at `pointer`); `options`
/// when they are the request's options, whose setters and getters share a
/// namespace with the builder's own methods.
pub(super) fn members(node: &SchemaNode, pointer: &str, options: bool, problems: &mut Problems) {
    if node.properties.len() > MAX_MEMBERS {
        problems.key(
            &child(pointer, "properties"),
            format!(
                "{} members in one object, more than mpkit generates ({MAX_MEMBERS}, `MAX_MEMBERS`)",
                node.properties.len()
            ),
            "split the object, or describe it as a map (`additionalProperties` with a schema) instead of listing every member",
        );
        return;
    }
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (json, member) in &node.properties {
        let at = child(&child(pointer, "properties"), json);
        let Some(name) = field_name(json, member.rust_name.as_deref()) else {
            if member.rust_name.is_some() {
                continue; // an `x-rust-name` that is no identifier has its own problem
            }
            problems.key(
                &at,
                format!(
                    "member {json:?} has no Rust name: `{}` is not an ASCII identifier",
                    json
                ),
                format!(
                    "give it one with `\"x-rust-name\": \"{}\"`",
                    suggestion(json)
                ),
            );
            continue;
        };
        if options && RESERVED_OPTION_NAMES.contains(&name.as_str()) {
            problems.key(
                &at,
                format!("option {json:?} would be named `{name}`, which the generated options and builder already use"),
                format!(
                    "give it another Rust name with `\"x-rust-name\"` (the names mpkit keeps for itself: {})",
                    RESERVED_OPTION_NAMES.join(", ")
                ),
            );
        }
        if let Some(first) = seen.get(&name) {
            problems.key(
                &at,
                format!("members {first:?} and {json:?} would both be named `{name}` in Rust"),
                "give one of them another name with `\"x-rust-name\"`",
            );
        } else {
            seen.insert(name, json);
        }
    }
}

/// Checks the Rust variant names of `node`'s enum values (at `pointer`).
pub(super) fn variants(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let Some(values) = &node.enum_values else {
        return;
    };
    if values.len() > MAX_MEMBERS {
        problems.key(
            &child(pointer, "enum"),
            format!(
                "{} enum values, more than mpkit generates ({MAX_MEMBERS}, `MAX_MEMBERS`)",
                values.len()
            ),
            "describe the value as a plain string or integer with a `pattern` or bounds instead",
        );
        return;
    }
    // With the `number-as-string` quirk, a string repeating an integer is
    // that integer's other form, not a value of its own.
    let lenient = node.has_quirk(QuirkKind::NumberAsString);
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, value) in values.iter().enumerate() {
        if lenient && value.is_string() {
            continue;
        }
        let at = format!("{pointer}/enum/{i}");
        let key = enum_key(value);
        let name = variant_name(value, &node.enum_names);
        match seen.get(&name).cloned() {
            Some(first) if first == key => problems.value(
                &at,
                format!("enum value {value} is listed twice"),
                "list each value once",
            ),
            Some(first) => problems.value(
                &at,
                format!(
                    "enum values {first:?} and {key:?} would both be the Rust variant `{name}`"
                ),
                format!(
                    "name them in `x-enum-names`, e.g. `\"{first}\": \"{}\", \"{key}\": \"{}2\"`",
                    type_name(&first),
                    type_name(&key)
                ),
            ),
            None => {
                seen.insert(name, key);
            }
        }
    }
}

/// Checks the variant names of a union (`anyOf` alternatives with types):
/// a string enum's values and one variant per plain type (`Text`, `Flag`,
/// ...) share one enum, so no two may meet, across alternatives too.
pub(super) fn union_cases(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let typed = node.has_typed_alternatives();
    if !typed {
        return;
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    let (keyword, branches) = node.alternatives();
    for (i, branch) in branches.iter().enumerate() {
        let here = format!("{pointer}/{keyword}/{i}");
        let named: Vec<(String, String, String)> = match (branch.type_list(), &branch.enum_values) {
            ([JsonType::String], Some(values)) => values
                .iter()
                .enumerate()
                .map(|(j, value)| {
                    (
                        variant_name(value, &branch.enum_names),
                        format!("value {value}"),
                        format!("{here}/enum/{j}"),
                    )
                })
                .collect(),
            ([kind], None) => union_case_name(*kind)
                .map(|name| {
                    (
                        name.to_owned(),
                        format!("the {} alternative", kind.as_str()),
                        here.clone(),
                    )
                })
                .into_iter()
                .collect(),
            _ => Vec::new(), // an alternative of another shape has its own problem
        };
        for (name, source, at) in named {
            match seen.get(&name) {
                Some(first) => problems.value(
                    &at,
                    format!("{first} and {source} of this `{keyword}` would both be the Rust variant `{name}`"),
                    "name the values in `x-enum-names`, or merge the alternatives into one",
                ),
                None => {
                    seen.insert(name, source);
                }
            }
        }
    }
}

/// A snake_case name made of the ASCII letters and digits of `json`.
fn suggestion(json: &str) -> String {
    let kept: String = json
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = kept.trim_matches('_');
    if trimmed.is_empty() || trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{trimmed}").trim_end_matches('_').to_owned()
    } else {
        trimmed.to_owned()
    }
}
