//! Evaluating a [`Schema`] against a received value, with the annotations
//! (which members and elements were evaluated) that `unevaluatedItems` and
//! `unevaluatedProperties` read.

use std::collections::HashSet;
use std::fmt;

use serde_json::Value;

use super::json::{Num, equals, values_equal};
use super::{Check, Kind, Schema};

/// How deep subschemas may nest while one value is checked. A `$ref` cycle
/// that does not descend into the value is refused by mpkit's loader; this
/// bound ends a hand-written [`Schema`] that loops in place. It counts
/// schema hops, not levels of the value: a value near `MAX_DEPTH` levels
/// deep through several in-place hops per level can reach it (and, in a
/// debug build on a 2 MiB thread, a deep one can need more stack first).
const MAX_NESTING: usize = 512;

/// Why a value does not match its schema: where (a JSON pointer below the
/// checked value) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    /// JSON pointer from the checked value to the offending part (`""` for
    /// the value itself).
    pub pointer: String,
    /// What is wrong, without quoting the value.
    pub message: String,
}

impl fmt::Display for SchemaViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.pointer, self.message)
        }
    }
}

impl std::error::Error for SchemaViolation {}

/// Checks `value` against `schema`, as JSON Schema 2020-12 does.
///
/// # Errors
/// The first violation found.
///
/// # Example
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::schema::{Check, Kind, Schema, check};
///
/// static TEXT: Schema = Schema { checks: &[Check::Type(&[Kind::Str]), Check::MinLength(2)] };
/// static EITHER: Schema = Schema { checks: &[Check::OneOf(&[&TEXT, &Schema { checks: &[Check::Type(&[Kind::Null])] }])] };
/// assert!(check(&EITHER, &serde_json::json!("ab")).is_ok());
/// assert!(check(&EITHER, &serde_json::json!(null)).is_ok());
/// assert!(check(&EITHER, &serde_json::json!("a")).is_err());
/// ```
pub fn check(schema: &Schema, value: &Value) -> Result<(), SchemaViolation> {
    let mut at = Vec::new();
    evaluate(schema, value, &mut at, 0)
        .map(drop)
        .map_err(|Fault { pointer, message }| SchemaViolation { pointer, message })
}

struct Fault {
    pointer: String,
    message: String,
}

/// What a successful evaluation evaluated, for `unevaluated*`.
#[derive(Default)]
struct Seen {
    all_members: bool,
    members: HashSet<String>,
    all_items: bool,
    /// Elements `0..items` were evaluated (by `prefixItems`).
    items: usize,
    /// Elements `contains` matched.
    contained: HashSet<usize>,
}

impl Seen {
    fn merge(&mut self, other: Seen) {
        self.all_members |= other.all_members;
        self.members.extend(other.members);
        self.all_items |= other.all_items;
        self.items = self.items.max(other.items);
        self.contained.extend(other.contained);
    }
}

type Outcome = Result<Seen, Fault>;

fn fault(at: &[String], message: impl Into<String>) -> Fault {
    let mut pointer = String::new();
    for segment in at {
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    Fault {
        pointer,
        message: message.into(),
    }
}

fn evaluate(schema: &Schema, value: &Value, at: &mut Vec<String>, depth: usize) -> Outcome {
    if depth > MAX_NESTING {
        return Err(fault(at, "nests its schema too deeply to check"));
    }
    let mut seen = Seen::default();
    // `unevaluated*` read what every other keyword evaluated: last.
    let (last, first): (Vec<&Check>, Vec<&Check>) = schema.checks.iter().partition(|c| {
        matches!(
            c,
            Check::UnevaluatedItems(_) | Check::UnevaluatedProperties(_)
        )
    });
    for check in first.into_iter().chain(last) {
        let found = keyword(check, value, &seen, at, depth + 1)?;
        seen.merge(found);
    }
    Ok(seen)
}

/// Whether `value` matches `schema`, with what it evaluated.
fn matches(schema: &Schema, value: &Value, at: &mut Vec<String>, depth: usize) -> Option<Seen> {
    evaluate(schema, value, at, depth).ok()
}

fn keyword(
    check: &Check,
    value: &Value,
    seen: &Seen,
    at: &mut Vec<String>,
    depth: usize,
) -> Outcome {
    match check {
        Check::Never => Err(fault(at, "is not allowed here (its schema is `false`)")),
        Check::Type(kinds) => {
            if kinds.iter().any(|kind| is_kind(*kind, value)) {
                Ok(Seen::default())
            } else {
                Err(fault(at, format!("must be of type {}", kind_list(kinds))))
            }
        }
        Check::Enum(values) => require(
            values.iter().any(|v| equals(value, v)),
            at,
            "must be one of the values its `enum` lists",
        ),
        Check::Const(constant) => require(equals(value, constant), at, "must be its `const` value"),
        Check::MultipleOf(_)
        | Check::Minimum(_)
        | Check::Maximum(_)
        | Check::ExclusiveMinimum(_)
        | Check::ExclusiveMaximum(_) => number(check, value, at),
        Check::MinLength(_) | Check::MaxLength(_) | Check::Pattern(_) => string(check, value, at),
        Check::Items { .. }
        | Check::Contains { .. }
        | Check::MinItems(_)
        | Check::MaxItems(_)
        | Check::UniqueItems
        | Check::UnevaluatedItems(_) => match value {
            Value::Array(items) => array(check, items, seen, at, depth),
            _ => Ok(Seen::default()),
        },
        Check::Members { .. }
        | Check::PropertyNames(_)
        | Check::MinProperties(_)
        | Check::MaxProperties(_)
        | Check::Required(_)
        | Check::DependentRequired(_)
        | Check::DependentSchemas(_)
        | Check::UnevaluatedProperties(_) => match value {
            Value::Object(members) => object(check, members, seen, at, depth),
            _ => Ok(Seen::default()),
        },
        Check::AllOf(_) | Check::AnyOf(_) | Check::OneOf(_) | Check::Not(_) | Check::If { .. } => {
            applicator(check, value, at, depth)
        }
        Check::Ref(target) => evaluate(target, value, at, depth),
    }
}

fn require(holds: bool, at: &[String], message: &str) -> Outcome {
    if holds {
        Ok(Seen::default())
    } else {
        Err(fault(at, message))
    }
}

fn is_kind(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::Null => value.is_null(),
        Kind::Boolean => value.is_boolean(),
        Kind::Object => value.is_object(),
        Kind::Array => value.is_array(),
        Kind::Number => value.is_number(),
        Kind::Integer => match value {
            Value::Number(n) => {
                n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            _ => false,
        },
        Kind::Str => value.is_string(),
    }
}

fn kind_list(kinds: &[Kind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|kind| match kind {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::Number => "number",
            Kind::Integer => "integer",
            Kind::Str => "string",
        })
        .collect();
    names.join(" or ")
}

fn number(check: &Check, value: &Value, at: &[String]) -> Outcome {
    let Value::Number(number) = value else {
        return Ok(Seen::default());
    };
    let n = Num::of(number);
    let bound = |json| Num::of_json(json).and_then(|b| n.compare(b));
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (holds, message) = match check {
        Check::Minimum(b) => (
            matches!(bound(b), Some(Greater | Equal)),
            "is below its `minimum`",
        ),
        Check::Maximum(b) => (
            matches!(bound(b), Some(Less | Equal)),
            "is above its `maximum`",
        ),
        Check::ExclusiveMinimum(b) => (
            bound(b) == Some(Greater),
            "is not above its `exclusiveMinimum`",
        ),
        Check::ExclusiveMaximum(b) => (
            bound(b) == Some(Less),
            "is not below its `exclusiveMaximum`",
        ),
        Check::MultipleOf(divisor) => (
            Num::of_json(divisor).is_some_and(|d| multiple_of(n, d)),
            "is not a multiple of its `multipleOf`",
        ),
        _ => (true, ""),
    };
    require(holds, at, message)
}

/// Whether `n` is a whole multiple of `divisor`: exactly for integers; for
/// other numbers, within the rounding of one division (`0.0075` is a
/// multiple of `0.0001`), and never when the quotient overflows.
fn multiple_of(n: Num, divisor: Num) -> bool {
    match (n, divisor) {
        (Num::Int(a), Num::Int(d)) => d != 0 && a % d == 0,
        // A float's remainder by an integer is exact (`%` on f64 is fmod):
        // `1e40` is no multiple of 7, though `1e40 / 7` rounds to a whole number.
        (Num::Float(a), Num::Int(d)) => {
            #[allow(clippy::cast_precision_loss)] // d is a schema's small divisor
            let d = d as f64;
            d != 0.0 && a.is_finite() && a % d == 0.0
        }
        (a, d) => {
            let quotient = a.as_f64() / d.as_f64();
            quotient.is_finite()
                && (quotient - quotient.round()).abs()
                    <= quotient.abs().max(1.0) * f64::EPSILON * 4.0
        }
    }
}

fn string(check: &Check, value: &Value, at: &[String]) -> Outcome {
    let Value::String(text) = value else {
        return Ok(Seen::default());
    };
    let length = || text.chars().count() as u64;
    match check {
        Check::MinLength(min) => require(length() >= *min, at, "is shorter than its `minLength`"),
        Check::MaxLength(max) => require(length() <= *max, at, "is longer than its `maxLength`"),
        Check::Pattern(pattern) => {
            require(pattern.is_match(text), at, "does not match its `pattern`")
        }
        _ => Ok(Seen::default()),
    }
}

fn array(
    check: &Check,
    items: &[Value],
    seen: &Seen,
    at: &mut Vec<String>,
    depth: usize,
) -> Outcome {
    let mut found = Seen::default();
    let each = |schema: &Schema, range: std::ops::Range<usize>, at: &mut Vec<String>| {
        for i in range {
            at.push(i.to_string());
            let result = evaluate(schema, &items[i], at, depth);
            at.pop();
            result?;
        }
        Ok::<(), Fault>(())
    };
    match check {
        Check::Items { prefix, rest } => {
            for (i, schema) in prefix.iter().enumerate().take(items.len()) {
                each(schema, i..i + 1, at)?;
            }
            found.items = prefix.len().min(items.len());
            if let Some(rest) = rest {
                each(rest, found.items..items.len(), at)?;
                found.all_items = true;
            }
        }
        Check::Contains { schema, min, max } => {
            for (i, item) in items.iter().enumerate() {
                at.push(i.to_string());
                if matches(schema, item, at, depth).is_some() {
                    found.contained.insert(i);
                }
                at.pop();
            }
            let count = found.contained.len() as u64;
            if count < *min {
                return Err(fault(at, "has too few elements matching its `contains`"));
            }
            if max.is_some_and(|max| count > max) {
                return Err(fault(
                    at,
                    "has too many elements matching its `contains` (`maxContains`)",
                ));
            }
        }
        Check::MinItems(min) => {
            return require(
                items.len() as u64 >= *min,
                at,
                "has fewer elements than its `minItems`",
            );
        }
        Check::MaxItems(max) => {
            return require(
                items.len() as u64 <= *max,
                at,
                "has more elements than its `maxItems`",
            );
        }
        Check::UniqueItems => {
            for (i, a) in items.iter().enumerate() {
                if items[..i].iter().any(|b| values_equal(a, b)) {
                    return Err(fault(
                        at,
                        "has equal elements, though its `uniqueItems` forbids it",
                    ));
                }
            }
        }
        Check::UnevaluatedItems(schema) if !seen.all_items => {
            for i in seen.items..items.len() {
                if !seen.contained.contains(&i) {
                    each(schema, i..i + 1, at)?;
                }
            }
            found.all_items = true;
        }
        _ => {}
    }
    Ok(found)
}

fn object(
    check: &Check,
    members: &serde_json::Map<String, Value>,
    seen: &Seen,
    at: &mut Vec<String>,
    depth: usize,
) -> Outcome {
    let mut found = Seen::default();
    let member = |schema: &Schema, name: &str, value: &Value, at: &mut Vec<String>| {
        at.push(name.to_owned());
        let result = evaluate(schema, value, at, depth);
        at.pop();
        result.map(drop)
    };
    match check {
        Check::Members {
            named,
            patterns,
            additional,
        } => {
            for (name, value) in members {
                let mut described = false;
                for (_, schema) in named.iter().filter(|(n, _)| n == name) {
                    member(schema, name, value, at)?;
                    described = true;
                }
                for (_, schema) in patterns.iter().filter(|(p, _)| p.is_match(name)) {
                    member(schema, name, value, at)?;
                    described = true;
                }
                if !described {
                    if let Some(schema) = additional {
                        member(schema, name, value, at)?;
                        described = true;
                    }
                }
                if described {
                    found.members.insert(name.clone());
                }
            }
        }
        Check::PropertyNames(schema) => {
            for name in members.keys() {
                member(schema, name, &Value::String(name.clone()), at)?;
            }
        }
        Check::MinProperties(min) => {
            return require(
                members.len() as u64 >= *min,
                at,
                "has fewer members than its `minProperties`",
            );
        }
        Check::MaxProperties(max) => {
            return require(
                members.len() as u64 <= *max,
                at,
                "has more members than its `maxProperties`",
            );
        }
        Check::Required(names) => {
            if let Some(missing) = names.iter().find(|n| !members.contains_key(**n)) {
                return Err(fault(at, format!("lacks the required member `{missing}`")));
            }
        }
        Check::DependentRequired(rules) => {
            for (present, needed) in rules.iter().filter(|(p, _)| members.contains_key(*p)) {
                if let Some(missing) = needed.iter().find(|n| !members.contains_key(**n)) {
                    return Err(fault(
                        at,
                        format!(
                            "has `{present}` but lacks `{missing}`, which its `dependentRequired` asks for"
                        ),
                    ));
                }
            }
        }
        Check::DependentSchemas(rules) => {
            let whole = Value::Object(members.clone());
            for (_, schema) in rules.iter().filter(|(p, _)| members.contains_key(*p)) {
                found.merge(evaluate(schema, &whole, at, depth)?);
            }
        }
        Check::UnevaluatedProperties(schema) if !seen.all_members => {
            for (name, value) in members.iter().filter(|(n, _)| !seen.members.contains(*n)) {
                member(schema, name, value, at)?;
            }
            found.all_members = true;
        }
        _ => {}
    }
    Ok(found)
}

fn applicator(check: &Check, value: &Value, at: &mut Vec<String>, depth: usize) -> Outcome {
    match check {
        Check::AllOf(schemas) => {
            let mut found = Seen::default();
            for schema in *schemas {
                found.merge(evaluate(schema, value, at, depth)?);
            }
            Ok(found)
        }
        Check::AnyOf(schemas) => {
            let mut found = None::<Seen>;
            for schema in *schemas {
                if let Some(seen) = matches(schema, value, at, depth) {
                    found.get_or_insert_with(Seen::default).merge(seen);
                }
            }
            found.ok_or_else(|| fault(at, "matches none of its `anyOf` alternatives"))
        }
        Check::OneOf(schemas) => {
            let mut found = None::<Seen>;
            for schema in *schemas {
                if let Some(seen) = matches(schema, value, at, depth) {
                    if found.is_some() {
                        return Err(fault(
                            at,
                            "matches more than one of its `oneOf` alternatives",
                        ));
                    }
                    found = Some(seen);
                }
            }
            found.ok_or_else(|| fault(at, "matches none of its `oneOf` alternatives"))
        }
        Check::Not(schema) => match matches(schema, value, at, depth) {
            Some(_) => Err(fault(at, "matches the schema its `not` forbids")),
            None => Ok(Seen::default()),
        },
        Check::If {
            condition,
            then,
            otherwise,
        } => match matches(condition, value, at, depth) {
            Some(mut found) => {
                if let Some(then) = then {
                    found.merge(evaluate(then, value, at, depth)?);
                }
                Ok(found)
            }
            None => match otherwise {
                Some(otherwise) => evaluate(otherwise, value, at, depth),
                None => Ok(Seen::default()),
            },
        },
        _ => Ok(Seen::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Json;
    use serde_json::json;

    static LOOP: Schema = Schema {
        checks: &[Check::Ref(&LOOP)],
    };

    #[test]
    fn a_schema_that_never_descends_is_an_error_not_a_stack_overflow() {
        let error = check(&LOOP, &json!(1)).unwrap_err();
        assert!(error.message.contains("too deeply"), "{error}");
    }

    #[test]
    fn numbers_compare_by_value() {
        static ONE: Schema = Schema {
            checks: &[Check::Const(Json::Int(1))],
        };
        assert!(check(&ONE, &json!(1.0)).is_ok());
        assert!(check(&ONE, &json!(1.5)).is_err());
        static BIG: Schema = Schema {
            checks: &[Check::Enum(&[Json::UInt(u64::MAX)])],
        };
        assert!(check(&BIG, &json!(u64::MAX)).is_ok());
        assert!(check(&BIG, &json!(u64::MAX - 1)).is_err());
    }

    #[test]
    fn multiple_of_tolerates_one_division_rounding_only() {
        static TENTH: Schema = Schema {
            checks: &[Check::MultipleOf(Json::Float(0.0001))],
        };
        assert!(check(&TENTH, &json!(0.0075)).is_ok());
        assert!(check(&TENTH, &json!(0.00751)).is_err());
        static ODD: Schema = Schema {
            checks: &[Check::MultipleOf(Json::Float(0.123_456_789))],
        };
        assert!(
            check(&ODD, &json!(1e308)).is_err(),
            "an infinite quotient is no multiple"
        );
    }

    #[test]
    fn a_huge_float_is_judged_by_its_exact_remainder() {
        // 1e40 / 7 rounds to a whole float; 1e40 % 7 (exact) is not 0.
        static SEVEN: Schema = Schema {
            checks: &[Check::MultipleOf(Json::Int(7))],
        };
        assert!(check(&SEVEN, &json!(1e40)).is_err());
        assert!(check(&SEVEN, &json!(7e0)).is_ok());
        assert!(check(&SEVEN, &json!(14.0)).is_ok());
    }

    #[test]
    fn violations_name_the_place_without_the_value() {
        static NAMES: Schema = Schema {
            checks: &[Check::Members {
                named: &[],
                patterns: &[],
                additional: Some(&Schema {
                    checks: &[Check::Type(&[Kind::Integer])],
                }),
            }],
        };
        let error = check(&NAMES, &json!({ "a/b": "secret text" })).unwrap_err();
        assert_eq!(error.pointer, "/a~1b");
        assert!(!error.to_string().contains("secret"), "{error}");
    }

    #[test]
    fn compiled_and_engine_patterns_check_alike() {
        use crate::{CompiledPattern, Pattern, PatternStep};
        // `^b` as the derive compiles it, and the same through the engine.
        static COMPILED: CompiledPattern = CompiledPattern::new(
            "^b",
            &[
                PatternStep::Start,
                PatternStep::Char(&[('b', 'b')]),
                PatternStep::Match,
            ],
        );
        static ENGINE: Pattern = Pattern::new("^b");
        static BY_COMPILED: Schema = Schema {
            checks: &[Check::Pattern(&COMPILED)],
        };
        static BY_ENGINE: Schema = Schema {
            checks: &[Check::Pattern(&ENGINE)],
        };
        static KEYS: Schema = Schema {
            checks: &[Check::Members {
                named: &[],
                patterns: &[
                    (
                        &COMPILED,
                        &Schema {
                            checks: &[Check::Type(&[Kind::Integer])],
                        },
                    ),
                    (
                        &ENGINE,
                        &Schema {
                            checks: &[Check::Minimum(Json::Int(1))],
                        },
                    ),
                ],
                additional: None,
            }],
        };
        for schema in [&BY_COMPILED, &BY_ENGINE] {
            assert!(check(schema, &json!("bee")).is_ok());
            assert!(check(schema, &json!("abe")).is_err());
            assert!(
                check(schema, &json!(3)).is_ok(),
                "only strings have a pattern"
            );
        }
        assert!(check(&KEYS, &json!({ "b": 2, "a": "x" })).is_ok());
        assert!(
            check(&KEYS, &json!({ "b": 0 })).is_err(),
            "the engine's schema applies too"
        );
        assert!(
            check(&KEYS, &json!({ "bb": "x" })).is_err(),
            "the compiled one's applies"
        );
    }
}
