//! JSON Schema checks for the members mpkit keeps as JSON.
//!
//! Most of a schema becomes Rust types whose decoders enforce it. What does
//! not map to a type (`oneOf`, `not`, `if`/`then`/`else`, `contains`, a type
//! list, a recursive `$ref`, ...) is kept as a [`serde_json::Value`], and the
//! generated decoder checks it against a [`Schema`]: the subschema compiled
//! into `static` data by the derive, evaluated here exactly as JSON Schema
//! 2020-12 evaluates it (the official test suite holds this, see
//! `docs/json-schema-suite.md`). A schema is data, not code, so a large one
//! costs the user's build little.

mod eval;
mod json;

pub use eval::{SchemaViolation, check};
pub use json::Json;

use crate::{CompiledPattern, Pattern};

/// A `pattern` or a `patternProperties` key as the evaluator matches it:
/// compiled by the derive into a [`CompiledPattern`] where it can be, run by
/// the regular-expression engine ([`Pattern`]) otherwise. A trait object, so
/// that a program whose patterns are all compiled links no engine.
pub trait Matches: core::fmt::Debug + Sync {
    /// Whether the pattern matches somewhere in `text`.
    fn is_match(&self, text: &str) -> bool;
}

impl Matches for Pattern {
    fn is_match(&self, text: &str) -> bool {
        Pattern::is_match(self, text)
    }
}

impl Matches for CompiledPattern {
    fn is_match(&self, text: &str) -> bool {
        CompiledPattern::is_match(self, text)
    }
}

/// A compiled subschema: every check must hold. `Schema { checks: &[] }` is
/// JSON Schema's `true`.
#[derive(Debug)]
pub struct Schema {
    /// The checks, each from one keyword (or one group of keywords that
    /// JSON Schema evaluates together).
    pub checks: &'static [Check],
}

/// The JSON types of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Boolean,
    /// An object.
    Object,
    /// An array.
    Array,
    /// Any number.
    Number,
    /// A number without a fractional part (`1.0` is one).
    Integer,
    /// A string (`Str`, so that rustc's messages about `String` elsewhere keep its short name).
    Str,
}

/// One keyword's check.
#[derive(Debug)]
pub enum Check {
    /// The `false` schema: nothing is valid.
    Never,
    /// `type`: one of these.
    Type(&'static [Kind]),
    /// `enum`: equal to one of these (numbers by value, objects in any order).
    Enum(&'static [Json]),
    /// `const`.
    Const(Json),
    /// `multipleOf` (a number).
    MultipleOf(Json),
    /// `minimum`.
    Minimum(Json),
    /// `maximum`.
    Maximum(Json),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(Json),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(Json),
    /// `minLength`, in characters.
    MinLength(u64),
    /// `maxLength`, in characters.
    MaxLength(u64),
    /// `pattern`, found anywhere in the string.
    Pattern(&'static dyn Matches),
    /// `prefixItems` and `items`: the first elements against their own
    /// schemas, the rest against `rest`.
    Items {
        /// `prefixItems`.
        prefix: &'static [&'static Schema],
        /// `items`.
        rest: Option<&'static Schema>,
    },
    /// `contains`, with `minContains` (default 1) and `maxContains`.
    Contains {
        /// `contains`.
        schema: &'static Schema,
        /// `minContains`.
        min: u64,
        /// `maxContains`.
        max: Option<u64>,
    },
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `properties`, `patternProperties` and `additionalProperties`, which
    /// JSON Schema evaluates together.
    Members {
        /// `properties`.
        named: &'static [(&'static str, &'static Schema)],
        /// `patternProperties`.
        patterns: &'static [(&'static dyn Matches, &'static Schema)],
        /// `additionalProperties`.
        additional: Option<&'static Schema>,
    },
    /// `propertyNames`.
    PropertyNames(&'static Schema),
    /// `minProperties`.
    MinProperties(u64),
    /// `maxProperties`.
    MaxProperties(u64),
    /// `required`.
    Required(&'static [&'static str]),
    /// `dependentRequired`: when the member is present, these must be too.
    DependentRequired(&'static [(&'static str, &'static [&'static str])]),
    /// `dependentSchemas`: when the member is present, the object must match.
    DependentSchemas(&'static [(&'static str, &'static Schema)]),
    /// `allOf`.
    AllOf(&'static [&'static Schema]),
    /// `anyOf`.
    AnyOf(&'static [&'static Schema]),
    /// `oneOf`.
    OneOf(&'static [&'static Schema]),
    /// `not`.
    Not(&'static Schema),
    /// `if`, `then` and `else`.
    If {
        /// `if`.
        condition: &'static Schema,
        /// `then`.
        then: Option<&'static Schema>,
        /// `else`.
        otherwise: Option<&'static Schema>,
    },
    /// `$ref`.
    Ref(&'static Schema),
    /// `unevaluatedItems`: elements no other keyword evaluated.
    UnevaluatedItems(&'static Schema),
    /// `unevaluatedProperties`: members no other keyword evaluated.
    UnevaluatedProperties(&'static Schema),
}
