//! The structural check: a schema file against mpkit's meta-schema,
//! `schemas/meta.schema.json` (generated from the spec model by schemars;
//! a test keeps the file and the model equal).
//!
//! The meta-schema uses a small, fixed part of JSON Schema (`type`, `$ref`,
//! `properties`, `required`, `additionalProperties`, `items`, `const`,
//! `oneOf`/`anyOf` of constants, `pattern`, `minimum`), so this module
//! interprets exactly that part instead of linking a general validator into
//! every user's build; a test fails if the meta-schema ever uses another
//! keyword. It finds every problem in one pass, and, because it knows which
//! definition it is checking at each point, says which keywords belong there.

use std::sync::OnceLock;

use mpkit_runtime::{VERSION_PATTERN, Version};
use serde_json::{Map, Value};

use super::problems::Problems;
use super::source::child;

/// The meta-schema, embedded when mpkit-codegen is built.
fn meta() -> Option<&'static Value> {
    static META: OnceLock<Option<Value>> = OnceLock::new();
    META.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/meta.schema.json"))).ok()
    })
    .as_ref()
}

/// Records every way `document` departs from the meta-schema.
pub(crate) fn check(document: &Value, problems: &mut Problems) {
    let Some(meta) = meta() else {
        problems.value(
            "",
            "mpkit's meta-schema is missing from this build of mpkit-codegen",
            "this is a bug in how mpkit was built or packaged; please report it",
        );
        return;
    };
    let mut checker = Checker { meta, problems };
    checker.validate(meta, document, "");
}

struct Checker<'a> {
    meta: &'static Value,
    problems: &'a mut Problems,
}

impl Checker<'_> {
    fn validate(&mut self, schema: &'static Value, instance: &Value, pointer: &str) {
        let Some(schema) = schema.as_object() else {
            return;
        };
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            if let Some(resolved) = self.definition(target) {
                self.validate(resolved, instance, pointer);
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
                self.alternatives(alternatives, key == "oneOf", instance, pointer);
            }
        }
        if let Some(expected) = schema.get("const") {
            if expected != instance {
                self.problems.value(
                    pointer,
                    format!("{instance} is not an allowed value"),
                    format!("use {expected}"),
                );
            }
        }
        if !self.has_type(schema, instance, pointer) {
            return;
        }
        self.string_rules(schema, instance, pointer);
        if let Some(minimum) = schema.get("minimum").and_then(Value::as_f64) {
            if instance.as_f64().is_some_and(|n| n < minimum) {
                self.problems.value(
                    pointer,
                    format!("{instance} is less than the minimum of {minimum}"),
                    "use a number that is not negative",
                );
            }
        }
        if let Some(items) = schema.get("items") {
            for (i, item) in instance.as_array().into_iter().flatten().enumerate() {
                self.validate(items, item, &format!("{pointer}/{i}"));
            }
        }
        if let Some(object) = instance.as_object() {
            self.object(schema, object, pointer);
        }
    }

    fn definition(&self, reference: &str) -> Option<&'static Value> {
        let name = reference.strip_prefix("#/$defs/")?;
        self.meta.get("$defs")?.get(name)
    }

    /// Whether `instance` has the schema's `type`; records it when not.
    fn has_type(&mut self, schema: &Map<String, Value>, instance: &Value, pointer: &str) -> bool {
        let Some(wanted) = schema.get("type") else {
            return true;
        };
        let names: Vec<&str> = match wanted {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => return true,
        };
        if names.iter().any(|name| is_of_type(instance, name)) {
            return true;
        }
        self.problems.value(
            pointer,
            format!("{instance} is not of type \"{}\"", names.join("\" or \"")),
            "see schemas/meta.schema.json for what this keyword accepts",
        );
        false
    }

    fn string_rules(&mut self, schema: &Map<String, Value>, instance: &Value, pointer: &str) {
        let (Some(pattern), Some(text)) = (
            schema.get("pattern").and_then(Value::as_str),
            instance.as_str(),
        ) else {
            return;
        };
        if pattern == VERSION_PATTERN {
            if let Err(error) = Version::parse(text) {
                self.problems.value(
                    pointer,
                    error.to_string(),
                    "versions are numbers separated by dots, like \"2.10.4\"",
                );
            }
            return;
        }
        // The meta-schema's other patterns are schemars' `regex` attributes,
        // in the syntax of the `regex` crate.
        if regex_lite::Regex::new(pattern).is_ok_and(|re| !re.is_match(text)) {
            self.problems.value(
                pointer,
                format!("{instance} does not match {pattern:?}"),
                "see schemas/meta.schema.json for the form this keyword takes",
            );
        }
    }

    fn object(
        &mut self,
        schema: &'static Map<String, Value>,
        object: &Map<String, Value>,
        pointer: &str,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(name) = name.as_str() else { continue };
            if !object.contains_key(name) {
                self.missing(name, pointer);
            }
        }
        for (key, value) in object {
            let here = child(pointer, key);
            match (
                properties.and_then(|p| p.get(key)),
                schema.get("additionalProperties"),
            ) {
                (Some(member), _) => self.validate(member, value, &here),
                (None, Some(Value::Bool(false))) => self.unknown(key, properties, &here),
                (None, Some(extra)) => self.validate(extra, value, &here),
                (None, None) => {}
            }
        }
    }

    fn missing(&mut self, name: &str, pointer: &str) {
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
        self.problems
            .value(pointer, format!("missing required {what} `{name}`"), help);
    }

    fn unknown(&mut self, key: &str, properties: Option<&Map<String, Value>>, pointer: &str) {
        let in_node = properties.is_some_and(|p| p.contains_key("$ref"));
        if let Some(help) = in_node.then(|| unsupported_keyword(key)).flatten() {
            self.problems
                .key(pointer, format!("mpkit does not support `{key}`"), help);
            return;
        }
        let known: Vec<String> = properties
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
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
        self.problems
            .key(pointer, format!("unknown keyword `{key}`"), help);
    }

    /// `oneOf` / `anyOf`: the instance must match one (exactly one for
    /// `oneOf`). When the alternatives are constants, the problem lists
    /// them; otherwise the problems of the closest alternative are given.
    fn alternatives(
        &mut self,
        alternatives: &'static [Value],
        exactly_one: bool,
        instance: &Value,
        pointer: &str,
    ) {
        let mut outcomes: Vec<Problems> = Vec::new();
        for alternative in alternatives {
            let mut scratch = Problems::default();
            Checker {
                meta: self.meta,
                problems: &mut scratch,
            }
            .validate(alternative, instance, pointer);
            outcomes.push(scratch);
        }
        let matching = outcomes.iter().filter(|p| p.is_empty()).count();
        if matching == 1 || (!exactly_one && matching > 1) {
            return;
        }
        let constants = self.constants(alternatives);
        if !constants.is_empty() {
            self.problems.value(
                pointer,
                format!("{instance} is not an allowed value"),
                format!("use one of: {}", constants.join(", ")),
            );
            return;
        }
        if let Some(closest) = outcomes
            .into_iter()
            .filter(|p| !p.is_empty())
            .min_by_key(Problems::len)
        {
            self.problems.extend(closest);
        }
    }

    /// The `const` values of alternatives (through `$ref`s and nesting):
    /// how schemars renders a documented unit enum such as `x-call-style`.
    fn constants(&self, alternatives: &'static [Value]) -> Vec<String> {
        let mut found = Vec::new();
        for alternative in alternatives {
            let alternative = alternative
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.definition(r))
                .unwrap_or(alternative);
            if let Some(constant) = alternative.get("const") {
                found.push(constant.to_string());
            }
            for key in ["oneOf", "anyOf"] {
                if let Some(nested) = alternative.get(key).and_then(Value::as_array) {
                    found.extend(self.constants(nested));
                }
            }
        }
        found
    }
}

fn is_of_type(instance: &Value, name: &str) -> bool {
    match name {
        "object" => instance.is_object(),
        "array" => instance.is_array(),
        "string" => instance.is_string(),
        "boolean" => instance.is_boolean(),
        "null" => instance.is_null(),
        "number" => instance.is_number(),
        "integer" => {
            instance.is_i64()
                || instance.is_u64()
                || instance.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => true,
    }
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

/// What to write instead of a JSON Schema keyword mpkit knowingly leaves
/// out: dynamic scope, and identifiers of other drafts or documents.
fn unsupported_keyword(key: &str) -> Option<&'static str> {
    Some(match key {
        "$dynamicRef" | "$recursiveRef" | "$recursiveAnchor" => {
            "dynamic references are not supported; use a plain `$ref` to the schema meant (`#/$defs/<name>`, or an `$anchor`)"
        }
        "$vocabulary" | "$schema" => {
            "mpkit reads every schema of the file as JSON Schema 2020-12 (the top of the file names mpkit's meta-schema); another draft or vocabulary named here cannot be honoured: remove it if this schema is 2020-12, or rewrite the schema in 2020-12"
        }
        "definitions" => "use `$defs`, the 2020-12 keyword, and refer to it as `#/$defs/<name>`",
        "dependencies" => {
            "use `dependentRequired` (lists of names) or `dependentSchemas` (schemas), the 2020-12 keywords"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keywords of JSON Schema the interpreter implements; everything else
    /// in the meta-schema is an annotation (`description`, `examples`, ...).
    const IMPLEMENTED: &[&str] = &[
        "type",
        "$ref",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "const",
        "oneOf",
        "anyOf",
        "pattern",
        "minimum",
    ];

    /// Keywords that only annotate.
    const ANNOTATIONS: &[&str] = &[
        "description",
        "title",
        "examples",
        "format",
        "$id",
        "$schema",
        "$defs",
        "default",
    ];

    /// Every keyword of the meta-schema is one the interpreter implements
    /// or an annotation: a new schemars output fails here, not silently.
    #[test]
    fn the_meta_schema_uses_only_implemented_keywords() {
        fn walk(node: &Value, at: &str, unknown: &mut Vec<String>) {
            let Some(object) = node.as_object() else {
                return;
            };
            for (key, value) in object {
                if !IMPLEMENTED.contains(&key.as_str()) && !ANNOTATIONS.contains(&key.as_str()) {
                    unknown.push(format!("{at}/{key}"));
                }
                match key.as_str() {
                    "properties" | "$defs" => {
                        for (name, member) in value.as_object().into_iter().flatten() {
                            walk(member, &format!("{at}/{key}/{name}"), unknown);
                        }
                    }
                    "oneOf" | "anyOf" => {
                        for (i, alternative) in value.as_array().into_iter().flatten().enumerate() {
                            walk(alternative, &format!("{at}/{key}/{i}"), unknown);
                        }
                    }
                    "items" | "additionalProperties" => {
                        walk(value, &format!("{at}/{key}"), unknown)
                    }
                    _ => {}
                }
            }
        }
        let meta = meta().cloned().unwrap_or_default();
        assert!(meta.is_object(), "the meta-schema is embedded");
        let mut unknown = Vec::new();
        walk(&meta, "", &mut unknown);
        assert!(unknown.is_empty(), "not interpreted: {unknown:?}");
    }
}
