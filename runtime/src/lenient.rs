//! Values that hosts send in more than one form, decoded without losing the form.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};

/// A number that some hosts send as a decimal string (`"1"` for `1`).
///
/// Decodes either form into `T` (an integer, a float, or a generated integer
/// enum such as a gender) and remembers which form arrived, so encoding it
/// again gives back what was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberOrString<T> {
    value: T,
    sent_as_string: bool,
}

impl<T> NumberOrString<T> {
    /// A value as a host would normally send it, as a number.
    pub fn new(value: T) -> Self {
        NumberOrString {
            value,
            sent_as_string: false,
        }
    }

    /// The value, whichever form it came in.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// The value, whichever form it came in.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Whether the host sent it as a string.
    pub fn sent_as_string(&self) -> bool {
        self.sent_as_string
    }
}

impl<T: Copy> NumberOrString<T> {
    /// The value, whichever form it came in.
    pub fn value(&self) -> T {
        self.value
    }
}

impl<T: Serialize> Serialize for NumberOrString<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.sent_as_string {
            return self.value.serialize(serializer);
        }
        match serde_json::to_value(&self.value) {
            Ok(Value::Number(number)) => serializer.collect_str(&number),
            Ok(_) | Err(_) => self.value.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for NumberOrString<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor(std::marker::PhantomData))
    }
}

struct NumberVisitor<T>(std::marker::PhantomData<T>);

impl<T: DeserializeOwned> NumberVisitor<T> {
    fn from_number<E: de::Error>(
        number: Number,
        sent_as_string: bool,
    ) -> Result<NumberOrString<T>, E> {
        T::deserialize(Value::Number(number))
            .map(|value| NumberOrString {
                value,
                sent_as_string,
            })
            .map_err(E::custom)
    }
}

impl<T: DeserializeOwned> Visitor<'_> for NumberVisitor<T> {
    type Value = NumberOrString<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or a string holding a decimal number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Self::from_number(Number::from(value), false)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Self::from_number(Number::from(value), false)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // JSON Schema compares numbers by value: `1.0` and `-0` are the
        // integers 1 and 0, so an integer `T` takes them as such.
        let number = integral(value)
            .or_else(|| Number::from_f64(value))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Float(value), &self))?;
        Self::from_number(number, false)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        // Only the number's own decimal text: a schema lists the strings it
        // allows (`"1"`), and `"+1"`, `"01"` or `"-0"` are other strings,
        // which would not encode back as they came.
        let number = if let Ok(integer) = text.parse::<i64>() {
            Number::from(integer)
        } else if let Ok(integer) = text.parse::<u64>() {
            Number::from(integer)
        } else {
            // A whole number in a fraction's or exponent's dress (`"1.0"`)
            // is another string too: an integer target would take it for
            // `1` and encode it back as `"1"`.
            text.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && f.fract() != 0.0)
                .and_then(Number::from_f64)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))?
        };
        if number.to_string() != text {
            return Err(E::invalid_value(de::Unexpected::Str(text), &self));
        }
        Self::from_number(number, true)
    }
}

/// An integer as JSON Schema counts them: `1`, and also `1.0` and `-0`
/// (serde's `i64` refuses a number written with a fraction or exponent).
/// For generated decoders; encodes as the plain integer.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonInteger(pub i64);

impl<'de> Deserialize<'de> for JsonInteger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntegerVisitor)
    }
}

struct IntegerVisitor;

impl Visitor<'_> for IntegerVisitor {
    type Value = JsonInteger;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<JsonInteger, E> {
        Ok(JsonInteger(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<JsonInteger, E> {
        i64::try_from(value).map(JsonInteger).map_err(|_| {
            E::invalid_value(
                de::Unexpected::Unsigned(value),
                &"an integer that fits 64 signed bits",
            )
        })
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<JsonInteger, E> {
        integral(value)
            .and_then(|n| n.as_i64())
            .map(JsonInteger)
            .ok_or_else(|| E::invalid_type(de::Unexpected::Float(value), &self))
    }
}

/// `value` as an integer `Number`, when it is one (`1.0`, `-0.0`).
pub(crate) fn integral(value: f64) -> Option<Number> {
    // Every integral f64 in [-2^63, 2^63) is an i64, and the cast is exact
    // (found by hand beside the `agreement` fuzzer: `1e16` was refused when
    // this stopped at 2^53). Beyond that no i64 holds it: refused, never
    // truncated.
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    (value.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&value)).then(|| {
        #[allow(clippy::cast_possible_truncation)] // integral and within i64
        let integer = value as i64;
        Number::from(integer)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_decode_and_round_trip() {
        let number: NumberOrString<i64> =
            serde_json::from_str("2").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((number.value(), number.sent_as_string()), (2, false));
        assert_eq!(serde_json::to_string(&number).ok().as_deref(), Some("2"));
        let text: NumberOrString<i64> =
            serde_json::from_str("\"2\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((text.value(), text.sent_as_string()), (2, true));
        assert_eq!(serde_json::to_string(&text).ok().as_deref(), Some("\"2\""));
    }

    #[test]
    fn non_numbers_are_refused() {
        for bad in ["\"two\"", "true", "null", "\"\"", "\"1e999\""] {
            assert!(
                serde_json::from_str::<NumberOrString<i64>>(bad).is_err(),
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<NumberOrString<i64>>("\"2.5\"").is_err());
    }

    /// Before, `"+1"`, `"01"` and `"-0"` decoded as 1, 1 and 0, which a
    /// schema listing `"1"` and `"0"` refuses, and encoded back differently.
    #[test]
    fn only_a_numbers_own_text_is_taken() {
        for bad in ["\"+1\"", "\"01\"", "\"-0\"", "\" 1\"", "\"1.0\"", "\"1e0\""] {
            assert!(
                serde_json::from_str::<NumberOrString<i64>>(bad).is_err(),
                "{bad}"
            );
        }
        let float: Option<NumberOrString<f64>> = serde_json::from_str("\"2.5\"").ok();
        assert_eq!(float.map(|f| f.value()), Some(2.5));
    }

    #[test]
    fn json_integers_include_integral_floats() {
        for (text, expected) in [
            ("7", 7),
            ("1.0", 1),
            ("-0", 0),
            ("2e3", 2000),
            ("-5", -5),
            ("1e16", 10_000_000_000_000_000),
            ("9007199254740994.0", 9_007_199_254_740_994),
            ("-9223372036854775808.0", i64::MIN),
        ] {
            let read: Option<JsonInteger> = serde_json::from_str(text).ok();
            assert_eq!(read, Some(JsonInteger(expected)), "{text}");
        }
        for bad in [
            "1.5",
            "\"1\"",
            "true",
            "18446744073709551615",
            "1e300",
            "9.3e18",
            "9223372036854775808",
        ] {
            assert!(serde_json::from_str::<JsonInteger>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn integral_floats_are_integers() {
        for (text, expected) in [("1.0", 1), ("-0", 0), ("2e0", 2), ("-0.0", 0)] {
            let number: Option<NumberOrString<i64>> = serde_json::from_str(text).ok();
            assert_eq!(number.map(|n| n.value()), Some(expected), "{text}");
        }
        assert!(serde_json::from_str::<NumberOrString<i64>>("1.5").is_err());
    }
}
