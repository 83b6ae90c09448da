//! [`Refusal`]: where and why JSON does not decode as a type. Decoders work
//! it out only after a plain decode has failed, so that successes never pay
//! for tracking the path. The path needs the `error-paths` feature (a second
//! decoder per type, through serde_path_to_error); without it the reason is
//! serde_json's alone (with a line and column for text) and the path empty.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a JSON input does not decode as some type, and where.
pub(crate) struct Refusal {
    /// The JSON path of the offending value (`userInfo.gender`); empty for
    /// the input as a whole.
    pub(crate) path: String,
    /// What is wrong there, as serde says it.
    pub(crate) reason: String,
}

#[cfg(feature = "error-paths")]
impl Refusal {
    /// Decodes `value` as `T`, tracking the path only to report a failure.
    pub(crate) fn decode_value<T: DeserializeOwned>(value: Value) -> Result<T, Refusal> {
        serde_path_to_error::deserialize(value).map_err(Refusal::from)
    }

    /// Checks that `value` decodes as `T`, without taking it; the path is
    /// tracked only to report a failure.
    pub(crate) fn check_value<T: DeserializeOwned>(value: &Value) -> Result<(), Refusal> {
        match T::deserialize(value) {
            Ok(_) => Ok(()),
            Err(_) => match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(_) => Ok(()),
                Err(error) => Err(Refusal::from(error)),
            },
        }
    }

    /// Decodes `text` as `T` again, tracking the path: for explaining why a
    /// plain decode of the same text failed. `None` when it decodes.
    pub(crate) fn of_text<T: DeserializeOwned>(text: &str) -> Option<Refusal> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .err()
            .map(Refusal::from)
    }
}

#[cfg(feature = "error-paths")]
impl From<serde_path_to_error::Error<serde_json::Error>> for Refusal {
    fn from(error: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = error.path().to_string();
        Refusal {
            path: if path == "." { String::new() } else { path },
            reason: error.into_inner().to_string(),
        }
    }
}

#[cfg(not(feature = "error-paths"))]
impl Refusal {
    /// Decodes `value` as `T`; a refusal has no path.
    pub(crate) fn decode_value<T: DeserializeOwned>(value: Value) -> Result<T, Refusal> {
        T::deserialize(value).map_err(Refusal::unplaced)
    }

    /// Checks that `value` decodes as `T`, without taking it.
    pub(crate) fn check_value<T: DeserializeOwned>(value: &Value) -> Result<(), Refusal> {
        T::deserialize(value).map(drop).map_err(Refusal::unplaced)
    }

    /// Why `text` does not decode as `T`, with serde_json's line and column.
    pub(crate) fn of_text<T: DeserializeOwned>(text: &str) -> Option<Refusal> {
        serde_json::from_str::<T>(text).err().map(Refusal::unplaced)
    }

    fn unplaced(error: serde_json::Error) -> Refusal {
        Refusal {
            path: String::new(),
            reason: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read only by the decoder under test
    struct User {
        gender: u8,
    }

    #[test]
    #[cfg(feature = "error-paths")]
    fn names_the_path_and_the_reason() {
        let nested = Refusal::of_text::<Vec<User>>(r#"[{"gender":1},{"gender":"x"}]"#);
        let nested = nested.map(|r| (r.path, r.reason.contains("invalid type")));
        assert_eq!(nested, Some(("[1].gender".to_owned(), true)));
        let whole = Refusal::of_text::<User>("[]").map(|r| r.path);
        assert_eq!(whole, Some(String::new()));
        assert!(Refusal::of_text::<User>(r#"{"gender":2}"#).is_none());
        let from_value = Refusal::decode_value::<User>(serde_json::json!({"gender": -1}));
        assert_eq!(from_value.err().map(|r| r.path), Some("gender".to_owned()));
    }

    #[test]
    #[cfg(not(feature = "error-paths"))]
    fn without_paths_gives_the_reason_and_where_in_the_text() {
        let nested = Refusal::of_text::<Vec<User>>(r#"[{"gender":1},{"gender":"x"}]"#);
        let nested = nested.map(|r| (r.path, r.reason));
        assert!(
            matches!(&nested, Some((path, reason)) if path.is_empty()
                && reason.contains("invalid type") && reason.contains("line 1 column 27")),
            "{nested:?}"
        );
        assert!(Refusal::of_text::<User>(r#"{"gender":2}"#).is_none());
        let from_value = Refusal::decode_value::<User>(serde_json::json!({"gender": -1}));
        assert!(from_value.is_err_and(|r| r.path.is_empty() && r.reason.contains("-1")));
        assert!(Refusal::check_value::<User>(&serde_json::json!({"gender": 1})).is_ok());
    }
}
