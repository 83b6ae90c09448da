//! One node of a data part: the subset of JSON Schema 2020-12 mpkit understands,
//! plus the `x-` keywords that say what JSON Schema cannot.

use std::collections::BTreeMap;

use mpkit_runtime::Version;
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::OrderedMap;
use super::api::Condition;

/// A JSON Schema node. Keywords outside this subset are rejected by the
/// loader rather than silently ignored, so the generated code never
/// disagrees with what a JSON Schema validator would accept.
///
/// `true` and `false` stand for a node too (JSON Schema's boolean schemas):
/// `true` is an empty node, `false` one that nothing matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
// `remote = "Self"`: the derives become inherent functions, which the
// trait impls below call for the object form after handling `true`/`false`.
#[serde(deny_unknown_fields, remote = "Self")]
pub struct SchemaNode {
    /// `Some(b)` when the node was written as the boolean schema `b`.
    #[serde(skip)]
    #[cfg_attr(feature = "meta", schemars(skip))]
    pub boolean: Option<bool>,
    /// Definitions local to this node, for `$ref`s into it
    /// (`#/$defs/Tree/$defs/Leaf`).
    #[serde(rename = "$defs", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defs: BTreeMap<String, SchemaNode>,
    /// A reference to another schema of this file: a JSON pointer
    /// (`#/$defs/<name>`), or a URI naming an `$id` or `$anchor` of the
    /// file, resolved as JSON Schema resolves it.
    // After loading, always a JSON pointer from the top of the file: the
    // loader resolves identifiers once (`load::identify`), so nothing
    // downstream deals in URIs; the text as written stays in the document.
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The URI identifying this schema (`$id`); `$ref`s inside it resolve
    /// against it. Only schemas of this file can be referred to.
    // Consumed by the loader, like the two anchors: `None` after loading.
    #[serde(rename = "$id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A name for this schema in its resource (`$anchor`), for `$ref`s such
    /// as `#node`.
    #[serde(rename = "$anchor", default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Names this schema as `$anchor` does: mpkit refuses `$dynamicRef`, so
    /// no dynamic scope ever applies.
    #[serde(
        rename = "$dynamicAnchor",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dynamic_anchor: Option<String>,
    /// A comment for schema authors (JSON Schema's `$comment`); never
    /// shown in generated code.
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// A short English line; the first line of the generated rustdoc.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The platform's own description, carried into the generated rustdoc.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON type or types the value may have.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub types: Option<TypeSet>,
    /// The allowed values.
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<Value>>,
    /// The one allowed value (`null` included).
    #[serde(
        rename = "const",
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub const_value: Option<Value>,
    /// The value the platform assumes when the option is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Realistic values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Value>,
    /// The members of an object, in the order the platform documents them.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub properties: OrderedMap<SchemaNode>,
    /// Members that are always present (responses) or must be given (options).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Members beyond `properties` and `patternProperties`: `false` forbids
    /// them, a schema describes them. Without it, responses keep them.
    #[serde(
        rename = "additionalProperties",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<Box<SchemaNode>>,
    /// Members whose names match a regular expression, and their schema.
    #[serde(
        rename = "patternProperties",
        default,
        skip_serializing_if = "OrderedMap::is_empty"
    )]
    pub pattern_properties: OrderedMap<SchemaNode>,
    /// A schema every member name (as a string) must match.
    #[serde(
        rename = "propertyNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub property_names: Option<Box<SchemaNode>>,
    /// The fewest members an object may have.
    #[serde(
        rename = "minProperties",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_properties: Option<u64>,
    /// The most members an object may have.
    #[serde(
        rename = "maxProperties",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_properties: Option<u64>,
    /// When a member is present, these others must be too.
    #[serde(
        rename = "dependentRequired",
        default,
        skip_serializing_if = "OrderedMap::is_empty"
    )]
    pub dependent_required: OrderedMap<Vec<String>>,
    /// When a member is present, the object must match this schema too.
    #[serde(
        rename = "dependentSchemas",
        default,
        skip_serializing_if = "OrderedMap::is_empty"
    )]
    pub dependent_schemas: OrderedMap<SchemaNode>,
    /// Members no other keyword evaluated must match this.
    #[serde(
        rename = "unevaluatedProperties",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unevaluated_properties: Option<Box<SchemaNode>>,
    /// The schemas of an array's first elements, in order.
    #[serde(rename = "prefixItems", default, skip_serializing_if = "Vec::is_empty")]
    pub prefix_items: Vec<SchemaNode>,
    /// The schema of each element of an array (after `prefixItems`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<SchemaNode>>,
    /// Elements no other keyword evaluated must match this.
    #[serde(
        rename = "unevaluatedItems",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unevaluated_items: Option<Box<SchemaNode>>,
    /// Some element (`minContains` of them, at most `maxContains`) must match this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<Box<SchemaNode>>,
    /// How many elements at least must match `contains` (default 1).
    #[serde(
        rename = "minContains",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_contains: Option<u64>,
    /// How many elements at most may match `contains`.
    #[serde(
        rename = "maxContains",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_contains: Option<u64>,
    /// The fewest elements an array may have.
    #[serde(
        rename = "minItems",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_items: Option<u64>,
    /// The most elements an array may have.
    #[serde(
        rename = "maxItems",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_items: Option<u64>,
    /// Whether the elements of an array must all differ.
    #[serde(
        rename = "uniqueItems",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unique_items: Option<bool>,
    /// The value must match at least one of these.
    #[serde(rename = "anyOf", default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<SchemaNode>,
    /// The value must match every one of these.
    #[serde(rename = "allOf", default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<SchemaNode>,
    /// The value must match exactly one of these.
    #[serde(rename = "oneOf", default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<SchemaNode>,
    /// The value must not match this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<SchemaNode>>,
    /// When the value matches this, it must match `then`; otherwise `else`.
    #[serde(rename = "if", default, skip_serializing_if = "Option::is_none")]
    pub if_schema: Option<Box<SchemaNode>>,
    /// See `if`.
    #[serde(rename = "then", default, skip_serializing_if = "Option::is_none")]
    pub then_schema: Option<Box<SchemaNode>>,
    /// See `if`.
    #[serde(rename = "else", default, skip_serializing_if = "Option::is_none")]
    pub else_schema: Option<Box<SchemaNode>>,
    /// A number must be a whole multiple of this (greater than 0).
    #[serde(
        rename = "multipleOf",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub multiple_of: Option<Number>,
    /// Exclusive lower bound of a number.
    #[serde(
        rename = "exclusiveMinimum",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exclusive_minimum: Option<Number>,
    /// Exclusive upper bound of a number.
    #[serde(
        rename = "exclusiveMaximum",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exclusive_maximum: Option<Number>,
    /// The schema of a string's decoded content: an annotation, never checked.
    #[serde(
        rename = "contentSchema",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_schema: Option<Box<SchemaNode>>,
    /// Whether the member is deprecated: an annotation, carried into the docs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    /// Minimum length of a string, in characters.
    #[serde(
        rename = "minLength",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_length: Option<u64>,
    /// Maximum length of a string, in characters.
    #[serde(
        rename = "maxLength",
        default,
        deserialize_with = "count",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_length: Option<u64>,
    /// A regular expression a string must match (ECMA 262 syntax).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Inclusive lower bound of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Number>,
    /// Inclusive upper bound of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Number>,
    /// A format annotation (`uri`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// How a string's content is encoded (`base64` for `encryptedData`).
    #[serde(
        rename = "contentEncoding",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_encoding: Option<String>,
    /// The media type of a string's content (`application/json` for `rawData`).
    #[serde(
        rename = "contentMediaType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_media_type: Option<String>,

    /// Minimum base-library version of this option or field.
    #[serde(rename = "x-since", default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Version>,
    /// The field is present only when this request option condition holds.
    #[serde(
        rename = "x-present-when",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub present_when: Option<Condition>,
    /// Rust names of the enum values, keyed by the value as JSON text
    /// (`"zh_CN"` for a string, `"1"` for a number).
    #[serde(
        rename = "x-enum-names",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub enum_names: BTreeMap<String, String>,
    /// The Rust name of this member when the derived one does not read well.
    #[serde(
        rename = "x-rust-name",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rust_name: Option<String>,
    /// The value must be kept byte for byte as received (`rawData`, which is signed).
    #[serde(
        rename = "x-verbatim",
        default,
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub verbatim: bool,
    /// A deliberate difference between this option or field and the
    /// platform's official TypeScript typings, with why: the drift check
    /// (`tests/typings/`) skips exactly this member, and the generated
    /// docs show the reason.
    #[serde(
        rename = "x-departs-from-typings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub departs_from_typings: Option<Departure>,
    /// Ways real payloads depart from the documentation, which decoders must tolerate.
    #[serde(rename = "x-quirks", default, skip_serializing_if = "Vec::is_empty")]
    pub quirks: Vec<Quirk>,
}

/// A keyword whose value may be `null` and is then still present
/// (`"const": null`), which `Option<Value>` alone would read as absent.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// A count (`minLength`, `maxItems`, ...): a non-negative integer, which
/// JSON Schema lets a file write as `2.0` too.
fn count<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let number = Number::deserialize(deserializer)?;
    let whole = number.as_u64().or_else(|| {
        number
            .as_f64()
            .filter(|f| f.fract() == 0.0 && (0.0..1.8e19).contains(f))
            .map(|f| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                // whole, in range
                let n = f as u64;
                n
            })
    });
    whole.map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!("{number} is not a count (a non-negative integer)"))
    })
}

impl<'de> Deserialize<'de> for SchemaNode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> serde::de::Visitor<'de> for Form {
            type Value = SchemaNode;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a schema (an object, `true` or `false`)")
            }
            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<SchemaNode, E> {
                Ok(SchemaNode::boolean(value))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SchemaNode, A::Error> {
                SchemaNode::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_any(Form)
    }
}

impl Serialize for SchemaNode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.boolean {
            Some(value) => serializer.serialize_bool(value),
            None => SchemaNode::serialize(self, serializer),
        }
    }
}

impl SchemaNode {
    /// The boolean schema `value`: `true` accepts everything, `false` nothing.
    #[must_use]
    pub fn boolean(value: bool) -> SchemaNode {
        SchemaNode {
            boolean: Some(value),
            ..SchemaNode::default()
        }
    }

    /// Whether this is the `false` schema, which nothing matches.
    #[must_use]
    pub fn is_false(&self) -> bool {
        self.boolean == Some(false)
    }

    /// Whether the node forbids members beyond those it names
    /// (`additionalProperties: false`).
    #[must_use]
    pub fn forbids_other_members(&self) -> bool {
        self.additional_properties
            .as_deref()
            .is_some_and(SchemaNode::is_false)
    }

    /// Whether the node carries a quirk of `kind`.
    #[must_use]
    pub fn has_quirk(&self, kind: QuirkKind) -> bool {
        self.quirks.iter().any(|q| q.kind == kind)
    }

    /// Whether its alternatives carry types or values, which makes the node
    /// a union (rather than alternatives of `required` only).
    #[must_use]
    pub fn has_typed_alternatives(&self) -> bool {
        self.alternatives()
            .1
            .iter()
            .any(|b| !b.type_list().is_empty() || b.enum_values.is_some())
    }

    /// The alternatives a union is made of, with their keyword: `anyOf`,
    /// or a `oneOf` whose alternatives exclude one another by type (each
    /// names one JSON type, no two the same, not both `integer` and
    /// `number`), where "exactly one" and "at least one" agree. Empty when
    /// there is neither.
    #[must_use]
    pub fn alternatives(&self) -> (&'static str, &[SchemaNode]) {
        if !self.any_of.is_empty() || !self.one_of_excludes_by_type() {
            return ("anyOf", &self.any_of);
        }
        ("oneOf", &self.one_of)
    }

    fn one_of_excludes_by_type(&self) -> bool {
        let mut seen: Vec<JsonType> = Vec::new();
        for branch in &self.one_of {
            let [one] = branch.type_list() else {
                return false;
            };
            let numeric = |t: &JsonType| matches!(t, JsonType::Integer | JsonType::Number);
            if seen.contains(one) || (numeric(one) && seen.iter().any(numeric)) {
                return false;
            }
            seen.push(*one);
        }
        !seen.is_empty()
    }

    /// The JSON types this node names directly, in order.
    #[must_use]
    pub fn type_list(&self) -> &[JsonType] {
        match &self.types {
            None => &[],
            Some(TypeSet::One(one)) => std::slice::from_ref(one),
            Some(TypeSet::Many(many)) => many,
        }
    }
}

/// `type`: one JSON type, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum TypeSet {
    /// `"type": "string"`
    One(JsonType),
    /// `"type": ["integer", "string"]`
    Many(Vec<JsonType>),
}

/// The JSON Schema primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum JsonType {
    /// `null`
    Null,
    /// `true` or `false`
    Boolean,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// Any JSON number.
    Number,
    /// A number without a fractional part.
    Integer,
    /// A JSON string.
    String,
}

impl JsonType {
    /// Whether `value` is of this type, as JSON Schema defines it.
    #[must_use]
    pub fn admits(self, value: &Value) -> bool {
        match self {
            JsonType::Null => value.is_null(),
            JsonType::Boolean => value.is_boolean(),
            JsonType::Object => value.is_object(),
            JsonType::Array => value.is_array(),
            JsonType::Number => value.is_number(),
            JsonType::Integer => {
                value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            JsonType::String => value.is_string(),
        }
    }

    /// The keyword as written in a schema.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::String => "string",
        }
    }
}

/// Why a member deliberately differs from the platform's official typings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Departure {
    /// The typings package that says otherwise (`miniprogram-api-typings`).
    pub package: String,
    /// What the typings say, and what the schema says instead and why.
    pub reason: String,
    /// Where the schema's fact comes from (a URL or a seed document).
    pub source: String,
}

/// A documented way in which real payloads differ from the documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quirk {
    /// What kind of departure it is.
    pub kind: QuirkKind,
    /// What is seen in practice, and where the fact comes from.
    pub description: String,
    /// For `nested-alias`: the member under which the same fields may arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// For `documented-type-differs`: the type the documentation states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented: Option<JsonType>,
}

/// The kinds of quirk a decoder knows how to tolerate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum QuirkKind {
    /// A number that some hosts send as a decimal string (`"1"` for `1`).
    NumberAsString,
    /// The documentation states one type (`documented`), hosts send another;
    /// both are accepted and the original value is kept.
    DocumentedTypeDiffers,
    /// The object's fields may also arrive nested under `property`.
    NestedAlias,
    /// The field is present but usually empty (`""` or `0`).
    OftenEmpty,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: serde_json::Value) -> SchemaNode {
        let parsed = serde_json::from_value(json);
        assert!(parsed.is_ok(), "{parsed:?}");
        parsed.unwrap_or_default()
    }

    #[test]
    fn one_of_is_a_union_only_when_its_alternatives_exclude_one_another() {
        let union = node(serde_json::json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(union.alternatives().0, "oneOf");
        assert_eq!(union.alternatives().1.len(), 2);
        for overlapping in [
            serde_json::json!({"oneOf": [{"type": "integer"}, {"type": "number"}]}),
            serde_json::json!({"oneOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}]}),
            serde_json::json!({"oneOf": [{"type": "string"}, {"minimum": 2}]}),
            serde_json::json!({"oneOf": [{"type": ["string", "integer"]}, {"type": "boolean"}]}),
        ] {
            let node = node(overlapping.clone());
            assert_eq!(node.alternatives(), ("anyOf", &[][..]), "{overlapping}");
        }
    }
}
