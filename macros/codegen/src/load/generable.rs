//! What the generator relies on, checked where the schema says it: rules on
//! the type they apply to, enums it can turn into Rust enums, options of a
//! type a builder can take, `$ref`s that end, versions a proof can state.
//! A schema that passes these generates; lowering keeps its own errors
//! only as a guard, which the contract tests show is never reached.

use std::collections::{BTreeMap, HashMap};

use mpkit_runtime::Version;
use serde_json::Value;

use super::problems::Problems;
use super::source::child;
use crate::spec::{ApiSchema, JsonType, QuirkKind, SchemaNode};

/// The longest chain of nested types (through `$ref`s) mpkit generates;
/// lowering walks it recursively.
pub(super) const MAX_TYPE_DEPTH: usize = 64;

/// Rules must sit on a node of the type they apply to: a `minLength` on an
/// integer is a mistake a validator silently ignores.
pub(super) fn rules_fit_type(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let types = node.type_list();
    if types.is_empty() {
        return;
    }
    let strings = types.contains(&JsonType::String);
    let numbers = types.contains(&JsonType::Integer) || types.contains(&JsonType::Number);
    let misplaced = [
        (
            "minLength",
            node.min_length.is_some() && !strings,
            "strings",
        ),
        (
            "maxLength",
            node.max_length.is_some() && !strings,
            "strings",
        ),
        ("pattern", node.pattern.is_some() && !strings, "strings"),
        ("minimum", node.minimum.is_some() && !numbers, "numbers"),
        ("maximum", node.maximum.is_some() && !numbers, "numbers"),
    ];
    if let Some(pattern) = &node.pattern {
        // Checked by the generated code (options and responses alike) with
        // the engine of the runtime's `Pattern`: what compiles here matches
        // there.
        if let Err(error) = regex_lite::Regex::new(pattern) {
            problems.value(
                &child(pointer, "pattern"),
                format!("`pattern` {pattern:?} does not compile: {error}"),
                "write a regular expression in the syntax of the `regex` crate (no look-around, no backreferences)",
            );
        }
    }
    for (keyword, wrong, applies_to) in misplaced {
        if wrong {
            problems.key(
                &child(pointer, keyword),
                format!(
                    "`{keyword}` applies to {applies_to}, but this node's type is {}",
                    type_list(types)
                ),
                format!("remove `{keyword}`, or correct the node's `type`"),
            );
        }
    }
}

/// An enum must become a Rust enum: all strings, or all integers that fit
/// an `i64` (with the `number-as-string` quirk, the strings must repeat the
/// integers).
pub(super) fn enum_kind(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let Some(values) = &node.enum_values else {
        return;
    };
    if values.is_empty() {
        problems.value(
            &child(pointer, "enum"),
            "an `enum` with no values allows nothing",
            "list the values the platform documents, or remove `enum`",
        );
        return;
    }
    let lenient = node.has_quirk(QuirkKind::NumberAsString);
    let strings = values.iter().filter(|v| v.is_string()).count();
    let integers = values.iter().filter(|v| v.is_i64()).count();
    for (i, value) in values.iter().enumerate() {
        let at = format!("{pointer}/enum/{i}");
        let problem = match value {
            Value::String(_) if integers > 0 && !lenient => {
                Some("an enum mixes strings and integers")
            }
            Value::String(_) | Value::Number(_) if value.is_i64() || value.is_string() => None,
            Value::Number(n) if n.is_u64() => {
                Some("an integer enum value must fit a 64-bit signed integer")
            }
            Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
                Some("an integer enum value must be written as an integer (`1`, not `1.0`)")
            }
            _ => Some("mpkit generates enums of strings or of integers only"),
        };
        if let Some(problem) = problem {
            problems.value(
                &at,
                format!("{problem}; {value} is not one"),
                "make every value a string, or every value an integer; describe other values with `anyOf`",
            );
        }
    }
    if lenient && integers > 0 && strings > 0 {
        let keys: Vec<String> = values
            .iter()
            .filter(|v| v.is_i64())
            .map(Value::to_string)
            .collect();
        for (i, value) in values.iter().enumerate() {
            if let Value::String(text) = value {
                if !keys.contains(text) {
                    problems.value(
                        &format!("{pointer}/enum/{i}"),
                        format!("with the `number-as-string` quirk, string {value} must repeat one of the integers"),
                        format!("the integers are: {}", keys.join(", ")),
                    );
                }
            }
        }
    }
}

/// An option must be something a builder can take: a string, boolean,
/// integer or number, or an enum of strings or integers.
pub(super) fn option_type(name: &str, node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let types = node.type_list();
    let plain = matches!(
        types,
        [JsonType::String | JsonType::Boolean | JsonType::Integer | JsonType::Number]
    );
    let enumerated =
        node.enum_values.is_some() && matches!(types, [JsonType::String | JsonType::Integer] | []);
    if !(plain || enumerated) {
        problems.value(
            pointer,
            format!(
                "option `{name}` has type {}; mpkit generates options of type string, boolean, integer or number, or an enum of strings or integers",
                type_list(types)
            ),
            "give the option one of those types",
        );
    }
    // A pattern that does not compile is reported by `rules_fit_type`.
    let compiled = node
        .pattern
        .as_ref()
        .and_then(|pattern| regex_lite::Regex::new(pattern).ok());
    // An enum option holds one of its values, so the builder checks no
    // rule on it: every value must satisfy the rules here instead.
    for (i, value) in node.enum_values.iter().flatten().enumerate() {
        if let Some(broken) = crate::typing::broken_rule(node, compiled.as_ref(), value) {
            problems.value(
                &format!("{pointer}/enum/{i}"),
                format!("option `{name}` allows {value}, which breaks its own `{broken}`"),
                format!("remove the value, or correct `{broken}`"),
            );
        }
    }
}

/// `anyOf` alternatives that carry types become a Rust enum of cases: each
/// must be a string enum, or a plain string, integer, number or boolean.
pub(super) fn union(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let typed = node.has_typed_alternatives();
    if !typed {
        return;
    }
    let (keyword, branches) = node.alternatives();
    for (i, branch) in branches.iter().enumerate() {
        let fits = match (branch.type_list(), &branch.enum_values) {
            ([JsonType::String], Some(values)) => values.iter().all(Value::is_string),
            (
                [JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean],
                None,
            ) => true,
            _ => false,
        };
        if !fits {
            problems.value(
                &format!("{pointer}/{keyword}/{i}"),
                format!("each `{keyword}` alternative must be a string enum, or a plain string, integer, number or boolean"),
                "split the value differently, or describe it as an untyped value (no `type`)",
            );
        }
    }
}

/// A version a proof (`AtLeast<MAJOR, MINOR, PATCH>`) can state: three
/// segments. A fourth would be dropped from the gate without a word.
pub(super) fn gate_version(version: Version, pointer: &str, problems: &mut Problems) {
    let [major, minor, patch, build] = version.segments();
    if build != 0 {
        problems.value(
            pointer,
            format!("version {version} has a fourth segment, which version gates cannot state"),
            format!("write the first release that has it as three segments, e.g. \"{major}.{minor}.{}\"", patch + 1),
        );
    }
}

/// No type nested more than [`MAX_TYPE_DEPTH`] deep, counting both objects
/// written inside each other and `$ref`s to definitions (recursive
/// definitions are kept as JSON, see `typing`).
/// Lowering recurses once per level, so this bounds its stack.
pub(super) fn references(api: &ApiSchema, problems: &mut Problems) {
    // Each definition and each data part: the deepest inline nesting
    // without a `$ref`, and every `$ref` with the nesting it sits at.
    let mut graph: BTreeMap<String, Shape> = BTreeMap::new();
    for (name, def) in &api.defs {
        graph.insert(name.clone(), Shape::of(api, def, &child("/$defs", name)));
    }
    let parts = [
        ("/request", Some(&api.request)),
        ("/success", Some(&api.success)),
        ("/fail", api.fail.as_ref()),
        ("/encrypted", api.encrypted.as_ref()),
    ];
    for (pointer, node) in parts {
        if let Some(node) = node {
            graph.insert(pointer.to_owned(), Shape::of(api, node, pointer));
        }
    }
    let mut depth: HashMap<String, usize> = HashMap::new();
    let mut open: Vec<String> = Vec::new();
    let names: Vec<String> = graph.keys().cloned().collect();
    for start in names {
        // Iterative depth-first search: a long chain is what a recursive
        // walk would overflow on. A definition met again while its own
        // chain is open closes a cycle.
        let mut stack: Vec<(String, usize)> = vec![(start, 0)];
        while let Some((name, next)) = stack.pop() {
            if depth.contains_key(&name) {
                continue;
            }
            if next == 0 {
                open.push(name.clone());
            }
            let shape = &graph[&name];
            if let Some(edge) = shape.refs.get(next) {
                stack.push((name.clone(), next + 1));
                // A cycle makes its definitions checked values (see
                // `typing`), which nest no Rust types: nothing to count.
                if !open.contains(&edge.target) && !depth.contains_key(&edge.target) {
                    stack.push((edge.target.clone(), 0));
                }
                continue;
            }
            let deepest = shape
                .refs
                .iter()
                .filter_map(|edge| depth.get(&edge.target).map(|d| edge.level + d))
                .fold(shape.inline, usize::max);
            open.retain(|n| *n != name);
            if deepest > MAX_TYPE_DEPTH
                && shape
                    .refs
                    .iter()
                    .all(|e| depth.get(&e.target).is_none_or(|d| *d <= MAX_TYPE_DEPTH))
            {
                // Reported once, where the limit is first passed.
                problems.key(
                    &shape.pointer,
                    format!("`{name}` nests types {deepest} deep, more than mpkit generates ({MAX_TYPE_DEPTH})"),
                    "flatten the nesting; no platform payload is this deep",
                );
            }
            depth.insert(name, deepest.min(MAX_TYPE_DEPTH + 1));
        }
    }
}

/// A definition's or part's nesting, and where it refers to definitions.
struct Shape {
    pointer: String,
    /// The deepest nesting of objects and arrays written inline.
    inline: usize,
    refs: Vec<Edge>,
}

struct Edge {
    /// The definition it names.
    target: String,
    /// How deep inline it sits.
    level: usize,
}

impl Shape {
    fn of(api: &ApiSchema, node: &SchemaNode, pointer: &str) -> Shape {
        let mut shape = Shape {
            pointer: pointer.to_owned(),
            inline: 1,
            refs: Vec::new(),
        };
        shape.walk(api, node, pointer, 1);
        shape
    }

    /// Records `node`, at nesting `level`, and what is below it; the JSON
    /// nesting limit bounds this recursion.
    fn walk(&mut self, api: &ApiSchema, node: &SchemaNode, pointer: &str, level: usize) {
        self.inline = self.inline.max(level);
        if let Some(reference) = &node.reference {
            let target = reference
                .strip_prefix("#/$defs/")
                .map(crate::spec::decode_definition_name)
                .filter(|name| api.defs.contains_key(name));
            if let Some(target) = target {
                self.refs.push(Edge { target, level });
            }
        }
        for (name, member) in &node.properties {
            self.walk(
                api,
                member,
                &child(&child(pointer, "properties"), name),
                level + 1,
            );
        }
        if let Some(items) = &node.items {
            self.walk(api, items, &child(pointer, "items"), level + 1);
        }
        if let Some(values) = crate::typing::map_values(node) {
            self.walk(
                api,
                values,
                &child(pointer, "additionalProperties"),
                level + 1,
            );
        }
        let (keyword, branches) = node.alternatives();
        for (i, branch) in branches.iter().enumerate() {
            self.walk(api, branch, &format!("{pointer}/{keyword}/{i}"), level + 1);
        }
    }
}

fn type_list(types: &[JsonType]) -> String {
    if types.is_empty() {
        return "unstated".to_owned();
    }
    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    format!("\"{}\"", names.join("\" or \""))
}
