//! JSON values a schema holds (`enum`, `const`, bounds) as `static` data,
//! and JSON Schema's equality over them.

use serde_json::{Map, Number, Value};

/// A JSON value written into generated code.
#[derive(Debug, Clone, Copy)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A negative integer, or any integer in `i64`.
    Int(i64),
    /// An integer beyond `i64`.
    UInt(u64),
    /// Any other number.
    Float(f64),
    /// A string (`Str`, so that rustc's messages about `String` elsewhere keep its short name).
    Str(&'static str),
    /// An array.
    Array(&'static [Json]),
    /// An object, in the order written.
    Object(&'static [(&'static str, Json)]),
}

/// A number as JSON Schema compares it: by value, `1` equal to `1.0`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    pub(super) fn of(number: &Number) -> Num {
        if let Some(i) = number.as_i64() {
            Num::Int(i128::from(i))
        } else if let Some(u) = number.as_u64() {
            Num::Int(i128::from(u))
        } else {
            Num::Float(number.as_f64().unwrap_or(f64::NAN)).normalized()
        }
    }

    pub(super) fn of_json(json: &Json) -> Option<Num> {
        match *json {
            Json::Int(i) => Some(Num::Int(i128::from(i))),
            Json::UInt(u) => Some(Num::Int(i128::from(u))),
            Json::Float(f) => Some(Num::Float(f).normalized()),
            _ => None,
        }
    }

    /// A whole float within `i128` as an integer, so that equality and
    /// order are exact where they can be.
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    fn normalized(self) -> Num {
        match self {
            Num::Float(f) if f.fract() == 0.0 && f.abs() < 1.0e38 => Num::Int(f as i128),
            other => other,
        }
    }

    #[allow(clippy::cast_precision_loss)]
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    pub(super) fn compare(self, other: Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }
}

/// Whether a received value equals a schema's value, as JSON Schema
/// defines equality.
pub(super) fn equals(value: &Value, json: &Json) -> bool {
    match (value, json) {
        (Value::Null, Json::Null) => true,
        (Value::Bool(a), Json::Bool(b)) => a == b,
        (Value::Number(a), b) => Num::of_json(b)
            .is_some_and(|b| Num::of(a).compare(b) == Some(std::cmp::Ordering::Equal)),
        (Value::String(a), Json::Str(b)) => a == b,
        (Value::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| equals(x, y))
        }
        (Value::Object(a), Json::Object(b)) => {
            a.len() == b.len()
                && b.iter()
                    .all(|(name, y)| a.get(*name).is_some_and(|x| equals(x, y)))
        }
        _ => false,
    }
}

/// Whether two received values are equal, as JSON Schema defines equality
/// (for `uniqueItems`).
pub(super) fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => {
            Num::of(a).compare(Num::of(b)) == Some(std::cmp::Ordering::Equal)
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| values_equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => objects_equal(a, b),
        (a, b) => a == b,
    }
}

fn objects_equal(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(name, x)| b.get(name).is_some_and(|y| values_equal(x, y)))
}
