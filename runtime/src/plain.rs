//! JSON text into a `serde_json::Value`, as the text says it.
//!
//! With serde_json's `raw_value` feature on (mpkit keeps unknown members as
//! raw text), `serde_json::from_str::<Value>` reads an object whose first
//! member is named `$serde_json::private::RawValue` as the JSON inside that
//! member's string: a payload could make a decoder see a value the text does
//! not state. Every text mpkit parses into a `Value` goes through
//! [`parse`], which builds the value member by member and gives that name no
//! meaning. serde_json's recursion limit applies as usual.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// `text` as a `Value`, with no member name treated specially.
///
/// # Errors
/// serde_json's, for text that is not one JSON value.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Plain.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Builds a `Value` from any deserializer, member by member.
#[derive(Clone, Copy)]
struct Plain;

impl<'de> DeserializeSeed<'de> for Plain {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Plain {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            members.insert(name, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserved_member_name_is_an_ordinary_member() {
        let text = r#"{"$serde_json::private::RawValue":"[1,2]"}"#;
        let plain = parse(text).ok();
        assert_eq!(
            plain
                .as_ref()
                .and_then(|v| v.get("$serde_json::private::RawValue")),
            Some(&Value::String("[1,2]".to_owned()))
        );
        // What serde_json's own `Value` makes of it with `raw_value` on.
        let reinterpreted: Option<Value> = serde_json::from_str(text).ok();
        assert_eq!(reinterpreted, Some(serde_json::json!([1, 2])));
        let escaped = r#"{"$serde_json::private::RawValu\u0065":"3"}"#;
        assert!(parse(escaped).is_ok_and(|v| v.is_object()));
    }

    #[test]
    fn values_and_errors_are_serde_jsons() {
        let text = r#"{"a":[1,-2,3.5,true,null,"x"],"b":{}}"#;
        assert_eq!(parse(text).ok(), serde_json::from_str(text).ok());
        assert!(parse("[1,]").is_err());
        assert!(parse("[1] x").is_err());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).is_err());
    }
}
