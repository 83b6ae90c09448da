//! Which nodes become Rust types, and which are kept as JSON and checked
//! against their schema at run time (`mpkit_runtime::schema`).
//!
//! A node is *typed* when the Rust type mpkit generates for it, with the
//! checks its decoder makes, accepts exactly what JSON Schema accepts: a
//! struct of members, a string or integer enum, a plain value with its
//! rules, a list of typed elements, a union of plain alternatives. Anything
//! else (`oneOf`, `not`, a type list, `const: null`, a recursive `$ref` to
//! anything but an object, a
//! rule on array elements, ...) is *checked*: the member holds a
//! `serde_json::Value`, and the decoder evaluates the node's whole schema
//! against it. The loader and lowering ask this module the same question,
//! so what one checks is what the other generates.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::spec::{ApiSchema, JsonType, QuirkKind, SchemaNode};

/// Where a node stands, which decides whether its rules can be checked on
/// a typed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    /// An object's member or an option: plain rules are checked there.
    Member,
    /// An array's elements or a union's alternative.
    Nested,
    /// An option: typed when a builder setter can take it (a plain value
    /// with its rules, or an enum of strings or integers); any other option
    /// is a `serde_json::Value` that `build()` checks against its schema.
    Option,
}

/// The answers for one schema file.
pub(crate) struct Typing<'a> {
    api: &'a ApiSchema,
    /// Definitions that reach themselves through `$ref`s: never typed.
    recursive: HashSet<String>,
    memo: std::cell::RefCell<HashMap<(*const SchemaNode, Place), bool>>,
}

impl<'a> Typing<'a> {
    pub(crate) fn new(api: &'a ApiSchema) -> Self {
        Typing {
            api,
            recursive: recursive_definitions(api),
            memo: std::cell::RefCell::new(HashMap::new()),
        }
    }

    /// Whether `node`, standing at `place`, becomes a Rust type.
    pub(crate) fn typed(&self, node: &SchemaNode, place: Place) -> bool {
        let key = (std::ptr::from_ref(node), place);
        if let Some(known) = self.memo.borrow().get(&key) {
            return *known;
        }
        let answer = self.decide(node, place);
        self.memo.borrow_mut().insert(key, answer);
        answer
    }

    /// Whether a builder setter takes the option: a plain value with its
    /// rules, or an enum of strings or integers (whose values the loader
    /// checks against the option's rules, so a value breaking them is
    /// refused rather than making the option untyped).
    fn builder_typed(&self, node: &SchemaNode) -> bool {
        let resolved = self.api.resolve(node);
        let simple = node.const_value.is_none()
            && resolved.const_value.is_none()
            && checked_only_keyword(node).is_none()
            && checked_only_keyword(resolved).is_none()
            && !resolved.has_typed_alternatives()
            && self.plain_reference(node);
        if !simple {
            return false;
        }
        match &resolved.enum_values {
            Some(values) => {
                enum_shape(resolved, values)
                    && matches!(
                        resolved.type_list(),
                        [JsonType::String | JsonType::Integer] | []
                    )
            }
            None => {
                matches!(
                    resolved.type_list(),
                    [JsonType::String | JsonType::Boolean | JsonType::Integer | JsonType::Number]
                ) && self.typed(node, Place::Member)
            }
        }
    }

    /// No `$ref`, or one to a definition (`#/$defs/<name>`) that is not
    /// recursive, with no rules beside it.
    fn plain_reference(&self, node: &SchemaNode) -> bool {
        let Some(reference) = &node.reference else {
            return true;
        };
        let Some(name) = reference.strip_prefix("#/$defs/") else {
            return false;
        };
        let Some(target) = self.api.definition(reference) else {
            return false;
        };
        // A recursive definition is a Rust type only as a struct, which a
        // `Box` or a `Vec` can hold inside itself. Keywords beside the
        // `$ref` apply too (2020-12): only annotations keep it typed.
        annotations_only(node)
            && (!self.is_recursive(&crate::spec::decode_definition_name(name))
                || is_struct_shaped(target))
    }

    /// Whether array elements of this schema would hold integers serde
    /// reads alone (`Option<i64>`, a list of `i64`), which refuse `1.0`
    /// where JSON Schema accepts it: such an array is checked instead.
    /// Plain integer elements are read by the runtime's `read_integers`.
    fn integers_inside(&self, items: &SchemaNode) -> bool {
        let items = self.api.resolve(items);
        if items.has_quirk(QuirkKind::NumberAsString) {
            return false;
        }
        match items.type_list() {
            [JsonType::Integer] => false,
            [JsonType::Null, JsonType::Integer] | [JsonType::Integer, JsonType::Null] => true,
            [JsonType::Array] => items.items.as_deref().is_some_and(|inner| {
                let inner = self.api.resolve(inner);
                inner.type_list().contains(&JsonType::Integer) && inner.enum_values.is_none()
            }),
            _ => false,
        }
    }

    /// Whether definition `name` reaches itself through `$ref`s.
    pub(crate) fn is_recursive(&self, name: &str) -> bool {
        self.recursive.contains(name)
    }

    fn decide(&self, node: &SchemaNode, place: Place) -> bool {
        if place == Place::Option {
            return self.builder_typed(node);
        }
        if place != Place::Option && self.json_text(node).is_some() {
            return true;
        }
        if let Some(values) = map_values(node) {
            // A map whose values are integers would refuse `1.0`, which
            // JSON Schema counts as an integer: such a map is checked.
            let integers = matches!(self.api.resolve(values).type_list(), [JsonType::Integer])
                && !self
                    .api
                    .resolve(values)
                    .has_quirk(QuirkKind::NumberAsString);
            return self.typed(values, Place::Nested) && !integers && !self.integers_inside(values);
        }
        if node.is_false() || checked_only_keyword(node).is_some() {
            return false;
        }
        if let Some(reference) = &node.reference {
            return self.plain_reference(node)
                && self
                    .api
                    .definition(reference)
                    .is_some_and(|target| self.typed(target, place));
        }
        if node.has_typed_alternatives() {
            return typed_union(node);
        }
        if let Some(values) = &node.enum_values {
            return typed_enum(node, values);
        }
        if !node.any_of.is_empty() && !node.any_of.iter().all(required_only) {
            return false;
        }
        self.typed_by_type(node, place)
    }

    /// Whether a node without `$ref`, enum or alternatives becomes a Rust
    /// type, by its `type`.
    fn typed_by_type(&self, node: &SchemaNode, place: Place) -> bool {
        let rules = has_rules(node);
        match node.type_list() {
            [] => {
                !rules
                    && node.properties.is_empty()
                    && node.required.is_empty()
                    && node.items.is_none()
                    && node.any_of.is_empty()
            }
            [JsonType::String | JsonType::Integer | JsonType::Boolean] => {
                (place == Place::Member || !rules) && plain_const(node) && i64_bounds(node)
            }
            [JsonType::Number] => (place == Place::Member || !rules) && node.const_value.is_none(),
            [JsonType::Null] => !rules,
            [JsonType::Array] => {
                !rules
                    && node.items.as_deref().is_none_or(|items| {
                        self.typed(items, Place::Nested) && !self.integers_inside(items)
                    })
            }
            [JsonType::Object] => {
                !rules
                    && (!node.properties.is_empty()
                        || (node.required.is_empty()
                            && node.any_of.is_empty()
                            && !node.forbids_other_members()))
            }
            [JsonType::Null, plain] | [plain, JsonType::Null]
                if matches!(
                    plain,
                    JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean
                ) =>
            {
                // `Option<T>`: its rules apply when it is not `null`.
                (place == Place::Member || !rules) && node.const_value.is_none()
            }
            list if plain_type_union(node) => {
                // A union of plain types, as `anyOf` of plain alternatives.
                list.len() > 1 && !rules
            }
            [a, b] => {
                let numeric = |t: &JsonType| matches!(t, JsonType::Integer | JsonType::Number);
                node.has_quirk(QuirkKind::NumberAsString)
                    && (numeric(a) || numeric(b))
                    && (*a == JsonType::String || *b == JsonType::String)
                    && !rules
            }
            _ => false,
        }
    }
}

impl Typing<'_> {
    /// The schema of the JSON inside a response member that mpkit decodes
    /// into a `JsonText` of the content's type: a plain string (no rules,
    /// no `contentEncoding`, not `x-verbatim`) whose `contentMediaType` is
    /// `application/json` and whose `contentSchema` is only a `$ref` to a
    /// typed object definition. Every other `contentSchema` is what JSON
    /// Schema makes it, an annotation, and the member a plain string.
    pub(crate) fn json_text<'n>(&self, node: &'n SchemaNode) -> Option<&'n SchemaNode> {
        let content = node.content_schema.as_deref()?;
        (node.type_list() == [JsonType::String] && self.why_not_json_text(node).is_none())
            .then_some(content)
    }

    /// Why a string member with a `contentSchema` is not JSON text that mpkit
    /// types (so its `contentSchema` would stay an annotation); `None` when
    /// it is, or when it has no `contentSchema`.
    pub(crate) fn why_not_json_text(&self, node: &SchemaNode) -> Option<&'static str> {
        let content = node.content_schema.as_deref()?;
        let object_definition = content
            .reference
            .as_deref()
            .and_then(|reference| self.api.definition(reference))
            .is_some_and(|target| {
                is_struct_shaped(target) && target.type_list() == [JsonType::Object]
            });
        if node.type_list() != [JsonType::String] {
            Some(
                "mpkit types JSON text only on a member of `\"type\": \"string\"` alone (not nullable, not one of several types or alternatives)",
            )
        } else if node.content_media_type.as_deref() != Some("application/json") {
            Some("it has no `\"contentMediaType\": \"application/json\"`")
        } else if node.content_encoding.is_some() {
            Some(
                "its `contentEncoding` says the JSON is encoded, and mpkit reads the text as it is",
            )
        } else if node.verbatim {
            Some("`x-verbatim` keeps it a plain string")
        } else if has_rules(node) || node.enum_values.is_some() || node.const_value.is_some() {
            Some(
                "it has rules on the text (`minLength`, `maxLength`, `pattern`, `enum` or `const`)",
            )
        } else if !object_definition || !only_a_reference(content) {
            Some("its `contentSchema` is not only a `$ref` to an object definition under `$defs`")
        } else if !self.typed(content, Place::Nested) {
            Some("the definition its `contentSchema` names is kept as JSON, not typed")
        } else {
            None
        }
    }
}

/// Whether `node` says nothing but its `$ref` (annotations aside).
fn only_a_reference(node: &SchemaNode) -> bool {
    let bare = SchemaNode {
        reference: None,
        title: None,
        description: None,
        ..node.clone()
    };
    bare == SchemaNode::default()
}

/// The schema of a map's values: an object with `additionalProperties` a
/// schema and nothing else that constrains it (no `properties`,
/// `patternProperties`, `required`, ...), which becomes a
/// `BTreeMap<String, T>`.
pub(crate) fn map_values(node: &SchemaNode) -> Option<&SchemaNode> {
    let values = node.additional_properties.as_deref()?;
    let bare = SchemaNode {
        additional_properties: None,
        title: None,
        description: None,
        comment: None,
        examples: Vec::new(),
        ..node.clone()
    };
    let only_object = SchemaNode {
        types: bare.types.clone(),
        since: bare.since,
        present_when: bare.present_when.clone(),
        rust_name: bare.rust_name.clone(),
        departs_from_typings: bare.departs_from_typings.clone(),
        ..SchemaNode::default()
    };
    (values.boolean.is_none() && node.type_list() == [JsonType::Object] && bare == only_object)
        .then_some(values)
}

/// Whether a data part (`request`, `success`, ...), which always becomes a
/// struct, says nothing its struct does not check: `properties`,
/// `required`, `additionalProperties` as a boolean and `anyOf` of
/// `required` lists, with annotations beside a `$ref`.
pub(crate) fn struct_expresses(api: &ApiSchema, part: &SchemaNode) -> bool {
    let resolved = api.resolve(part);
    (part.reference.is_none() || annotations_only(part))
        && resolved.type_list() == [JsonType::Object]
        && !has_rules(resolved)
        && resolved.enum_values.is_none()
        && checked_only_keyword(resolved).is_none()
        && resolved.any_of.iter().all(required_only)
}

/// An object with `properties` and nothing that would make it checked:
/// what becomes a struct.
pub(crate) fn is_struct_shaped(node: &SchemaNode) -> bool {
    node.type_list() == [JsonType::Object]
        && !node.properties.is_empty()
        && node.reference.is_none()
        && !has_rules(node)
        && checked_only_keyword(node).is_none()
}

/// Whether a `$ref` node says nothing beside the reference but
/// annotations and mpkit's member keywords.
fn annotations_only(node: &SchemaNode) -> bool {
    let bare = SchemaNode {
        reference: node.reference.clone(),
        comment: node.comment.clone(),
        title: node.title.clone(),
        description: node.description.clone(),
        default: node.default.clone(),
        examples: node.examples.clone(),
        format: node.format.clone(),
        deprecated: node.deprecated,
        since: node.since,
        present_when: node.present_when.clone(),
        rust_name: node.rust_name.clone(),
        verbatim: node.verbatim,
        quirks: node.quirks.clone(),
        departs_from_typings: node.departs_from_typings.clone(),
        ..SchemaNode::default()
    };
    *node == bare
}

/// The first keyword only the run-time check evaluates, if the node has one.
pub(crate) fn checked_only_keyword(node: &SchemaNode) -> Option<&'static str> {
    let additional = node
        .additional_properties
        .as_deref()
        .is_some_and(|schema| !is_trivial_boolean(schema));
    [
        ("additionalProperties", additional),
        ("patternProperties", !node.pattern_properties.is_empty()),
        ("propertyNames", node.property_names.is_some()),
        ("minProperties", node.min_properties.is_some()),
        ("maxProperties", node.max_properties.is_some()),
        ("dependentRequired", !node.dependent_required.is_empty()),
        ("dependentSchemas", !node.dependent_schemas.is_empty()),
        (
            "unevaluatedProperties",
            node.unevaluated_properties.is_some(),
        ),
        ("prefixItems", !node.prefix_items.is_empty()),
        ("unevaluatedItems", node.unevaluated_items.is_some()),
        ("contains", node.contains.is_some()),
        ("minContains", node.min_contains.is_some()),
        ("maxContains", node.max_contains.is_some()),
        ("minItems", node.min_items.is_some()),
        ("maxItems", node.max_items.is_some()),
        ("uniqueItems", node.unique_items == Some(true)),
        ("allOf", !node.all_of.is_empty()),
        (
            "oneOf",
            !(node.one_of.is_empty() || node.alternatives().0 == "oneOf" && typed_union(node)),
        ),
        ("not", node.not.is_some()),
        ("if", node.if_schema.is_some()),
        ("then", node.then_schema.is_some()),
        ("else", node.else_schema.is_some()),
        ("multipleOf", node.multiple_of.is_some()),
        ("exclusiveMinimum", node.exclusive_minimum.is_some()),
        ("exclusiveMaximum", node.exclusive_maximum.is_some()),
    ]
    .into_iter()
    .find_map(|(keyword, present)| present.then_some(keyword))
}

/// `true`, or `false` (which a struct expresses by refusing unknown members).
fn is_trivial_boolean(schema: &SchemaNode) -> bool {
    schema.boolean.is_some()
}

/// Whether the node carries a rule a typed decoder checks only on a plain
/// member (lengths, pattern, bounds, `const`).
fn has_rules(node: &SchemaNode) -> bool {
    node.min_length.is_some()
        || node.max_length.is_some()
        || node.pattern.is_some()
        || node.minimum.is_some()
        || node.maximum.is_some()
        || node.const_value.is_some()
}

/// Bounds an `i64` member can check: within its range (a bound beyond it
/// would be dropped by the generated comparison).
fn i64_bounds(node: &SchemaNode) -> bool {
    let fits = |bound: &Option<serde_json::Number>| {
        bound
            .as_ref()
            .and_then(serde_json::Number::as_f64)
            .is_none_or(|b| b.abs() < 9.2e18)
    };
    node.type_list() != [JsonType::Integer] || (fits(&node.minimum) && fits(&node.maximum))
}

/// `const` a plain typed member can check: a string, a boolean or an integer.
fn plain_const(node: &SchemaNode) -> bool {
    match &node.const_value {
        None => true,
        Some(value) => node.type_list().first().is_some_and(|t| match t {
            JsonType::String => value.is_string(),
            JsonType::Boolean => value.is_boolean(),
            JsonType::Integer => value.is_i64(),
            _ => false,
        }),
    }
}

/// An enum of strings, or of integers in `i64` (with the `number-as-string`
/// quirk, strings repeating them), whose values all satisfy the node's
/// rules, so that the Rust enum accepts exactly what the schema does.
fn typed_enum(node: &SchemaNode, values: &[Value]) -> bool {
    if node.const_value.is_some() || !enum_shape(node, values) {
        return false;
    }
    if !has_rules(node) {
        return true;
    }
    let pattern = match &node.pattern {
        Some(source) => match regex_lite::Regex::new(source) {
            Ok(regex) => Some(regex),
            Err(_) => return false,
        },
        None => None,
    };
    values
        .iter()
        .all(|value| broken_rule(node, pattern.as_ref(), value).is_none())
}

/// All strings, or all integers within `i64` (or, with the
/// `number-as-string` quirk, integers and strings), agreeing with `type`.
fn enum_shape(node: &SchemaNode, values: &[Value]) -> bool {
    if values.is_empty() {
        return false;
    }
    let strings = values.iter().all(Value::is_string);
    let integers = values.iter().all(Value::is_i64);
    let lenient = node.has_quirk(QuirkKind::NumberAsString)
        && values.iter().any(Value::is_i64)
        && values.iter().all(|v| v.is_i64() || v.is_string());
    let types = node.type_list();
    let fits = |t: JsonType| types.is_empty() || types == [t];
    (strings && fits(JsonType::String))
        || (integers && (fits(JsonType::Integer) || fits(JsonType::Number)))
        || lenient
}

/// The first rule (`minLength`, `maxLength`, `pattern`, `minimum`,
/// `maximum`) of `node` that `value` breaks, if any.
pub(crate) fn broken_rule(
    node: &SchemaNode,
    pattern: Option<&regex_lite::Regex>,
    value: &Value,
) -> Option<&'static str> {
    if let Value::String(text) = value {
        let length = u64::try_from(text.chars().count()).unwrap_or(u64::MAX);
        if node.min_length.is_some_and(|min| length < min) {
            return Some("minLength");
        }
        if node.max_length.is_some_and(|max| length > max) {
            return Some("maxLength");
        }
        if pattern.is_some_and(|p| !p.is_match(text)) {
            return Some("pattern");
        }
    }
    if let Some(number) = value.as_f64() {
        let beyond = |bound: &Option<serde_json::Number>, below: bool| {
            bound
                .as_ref()
                .and_then(serde_json::Number::as_f64)
                .is_some_and(|b| if below { number < b } else { number > b })
        };
        if beyond(&node.minimum, true) {
            return Some("minimum");
        }
        if beyond(&node.maximum, false) {
            return Some("maximum");
        }
    }
    None
}

/// `anyOf` of plain alternatives (a string enum, or a string, integer,
/// number or boolean), on a node that says nothing else.
fn typed_union(node: &SchemaNode) -> bool {
    let plain_branch = |branch: &SchemaNode| {
        checked_only_keyword(branch).is_none()
            && !has_rules(branch)
            && branch.reference.is_none()
            && branch.properties.is_empty()
            && branch.required.is_empty()
            && branch.items.is_none()
            && branch.any_of.is_empty()
            && match (branch.type_list(), &branch.enum_values) {
                ([JsonType::String], Some(values)) => {
                    !values.is_empty() && values.iter().all(Value::is_string)
                }
                (
                    [JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean],
                    None,
                ) => true,
                _ => false,
            }
    };
    node.type_list().is_empty()
        && node.enum_values.is_none()
        && !has_rules(node)
        && node.properties.is_empty()
        && node.required.is_empty()
        && node.items.is_none()
        && node.alternatives().1.iter().all(plain_branch)
}

/// A type list of two or more plain types (string, integer, number,
/// boolean), each once, on a node that says nothing else: a typed union,
/// one case per type, as `anyOf` of plain alternatives would be. A list with
/// `null` in it stays JSON; `x-quirks` such as `number-as-string` give a
/// list its own meaning.
pub(crate) fn plain_type_union(node: &SchemaNode) -> bool {
    let list = node.type_list();
    let plain = |t: &JsonType| {
        matches!(
            t,
            JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean
        )
    };
    list.len() > 1
        && list.iter().all(plain)
        && list.iter().enumerate().all(|(i, t)| !list[..i].contains(t))
        && node.quirks.is_empty()
        && node.enum_values.is_none()
        && node.any_of.is_empty()
        && node.properties.is_empty()
        && node.required.is_empty()
        && node.items.is_none()
}

/// An `anyOf` alternative naming only required members (EMAS's ids, flat
/// or nested): a typed struct checks it.
fn required_only(branch: &SchemaNode) -> bool {
    let bare = SchemaNode {
        required: branch.required.clone(),
        title: branch.title.clone(),
        description: branch.description.clone(),
        comment: branch.comment.clone(),
        ..SchemaNode::default()
    };
    *branch == bare
}

/// Definitions that reach themselves through `$ref`s, in any position.
fn recursive_definitions(api: &ApiSchema) -> HashSet<String> {
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for (name, def) in &api.defs {
        let mut targets = Vec::new();
        collect_refs(def, &mut targets);
        let names = targets
            .iter()
            .filter_map(|r| crate::spec::pointer_segments(r))
            .filter_map(|segments| match segments.as_slice() {
                [defs, name, ..] if defs == "$defs" => Some(name.clone()),
                _ => None,
            })
            .collect();
        edges.insert(name.clone(), names);
    }
    let mut recursive = HashSet::new();
    for start in api.defs.keys() {
        let mut seen = HashSet::new();
        let mut stack: Vec<&String> = edges.get(start).into_iter().flatten().collect();
        while let Some(next) = stack.pop() {
            if next == start {
                recursive.insert(start.clone());
                break;
            }
            if seen.insert(next.clone()) {
                stack.extend(edges.get(next).into_iter().flatten());
            }
        }
    }
    recursive
}

/// Every `$ref` in `node` and below it (the JSON nesting limit bounds the
/// recursion).
pub(crate) fn collect_refs(node: &SchemaNode, out: &mut Vec<String>) {
    if let Some(reference) = &node.reference {
        out.push(reference.clone());
    }
    for (_, child, _) in node.subschemas() {
        collect_refs(child, out);
    }
}

/// The options and the success, failure and decrypted-data members that
/// mpkit keeps as `serde_json::Value` and checks against their schema at
/// run time, as `(part, JSON name)`: what a schema author may want typed.
#[must_use]
pub fn checked_members(schema: &crate::LoadedSchema) -> Vec<(crate::DataPart, String)> {
    use crate::DataPart;
    let api = &schema.api;
    let typing = Typing::new(api);
    let mut found = Vec::new();
    let parts = [
        (DataPart::Request, Some(&api.request), Place::Option),
        (DataPart::Success, Some(&api.success), Place::Member),
        (DataPart::Fail, api.fail.as_ref(), Place::Member),
        (DataPart::Encrypted, api.encrypted.as_ref(), Place::Member),
    ];
    for (part, node, place) in parts {
        let Some(node) = node else { continue };
        for (name, member) in &api.resolve(node).properties {
            let discriminant =
                part == DataPart::Success && api.outcome.field.as_deref() == Some(name.as_str());
            if !discriminant && !typing.typed(member, place) {
                found.push((part, name.clone()));
            }
        }
    }
    found
}
