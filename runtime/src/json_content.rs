//! [`JsonText`]: a string member whose text is JSON (`contentMediaType:
//! application/json` with a `contentSchema`), kept as sent and read as typed
//! data.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string whose text is a JSON document, such as the `response` of
/// Alipay's `my.getOpenUserInfo`: the text exactly as the platform sent it,
/// and what it says, read once into `T`.
///
/// JSON Schema treats `contentSchema` as an annotation, so a payload whose
/// text does not parse as `T` is still a valid payload: decoding it
/// succeeds, the text is kept, and [`content`](Self::content) gives the
/// error instead of the value. Encoding writes the text back unchanged.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::JsonText;
///
/// #[derive(serde::Deserialize)]
/// struct Inner {
///     code: String,
/// }
///
/// let text: JsonText<Inner> = serde_json::from_str(r#""{\"code\":\"10000\"}""#)?;
/// assert_eq!(text.text(), r#"{"code":"10000"}"#);
/// assert_eq!(text.content().map(|inner| inner.code.as_str()).ok(), Some("10000"));
///
/// let broken: JsonText<Inner> = serde_json::from_str(r#""{\"code\":10000}""#)?;
/// assert!(broken.content().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct JsonText<T> {
    text: String,
    // Boxed: a definition may hold JSON text of itself (a tree in text).
    content: Result<Box<T>, ContentError>,
}

/// Why the text of a [`JsonText`] does not read as its type: where, and
/// whether it is not JSON at all or JSON of another shape. It never quotes
/// the text: JSON text can sit inside decrypted user data, whose values no
/// message may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    line: usize,
    column: usize,
    not_json: bool,
}

impl ContentError {
    /// The line (1-based) of the text where reading stopped.
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (1-based) of the text where reading stopped.
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the text is not JSON at all (rather than JSON of a shape
    /// other than the schema's).
    #[must_use]
    pub fn is_not_json(&self) -> bool {
        self.not_json
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.not_json {
            "is not JSON"
        } else {
            "does not have its schema's shape"
        };
        write!(
            f,
            "the text {what} (line {}, column {})",
            self.line, self.column
        )
    }
}

impl std::error::Error for ContentError {}

impl<T: DeserializeOwned> JsonText<T> {
    /// Reads `text` as JSON of type `T`, keeping the text either way.
    #[must_use]
    pub fn new(text: String) -> Self {
        // serde's own message quotes the values it refuses: only where, and
        // which kind of failure, are kept.
        let content = serde_json::from_str(&text).map_err(|error| ContentError {
            line: error.line(),
            column: error.column(),
            not_json: !error.is_data(),
        });
        JsonText { text, content }
    }
}

impl<T> JsonText<T> {
    /// The text exactly as it was sent.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the text says, or why it does not read as `T`.
    ///
    /// # Errors
    /// The [`ContentError`] of a text that is not JSON of type `T`.
    pub fn content(&self) -> Result<&T, &ContentError> {
        self.content.as_deref()
    }

    /// The text, without what was read from it.
    #[must_use]
    pub fn into_text(self) -> String {
        self.text
    }
}

impl<T> fmt::Debug for JsonText<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text shows everything the content would.
        f.debug_tuple("JsonText").field(&self.text).finish()
    }
}

impl<T> PartialEq for JsonText<T> {
    /// Two texts are equal when they are the same text: what they say is
    /// read from it.
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for JsonText<T> {}

impl<'de, T: DeserializeOwned> Deserialize<'de> for JsonText<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(JsonText::new)
    }
}

impl<T> Serialize for JsonText<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        code: String,
    }

    #[test]
    fn text_is_kept_and_written_back_unchanged() {
        let sent = r#""{ \"code\" : \"10000\" }""#;
        let text: JsonText<Inner> = serde_json::from_str(sent).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text.text(), r#"{ "code" : "10000" }"#);
        assert_eq!(
            text.content().ok(),
            Some(&Inner {
                code: "10000".to_owned()
            })
        );
        assert_eq!(serde_json::to_string(&text).ok().as_deref(), Some(sent));
    }

    #[test]
    fn text_of_another_shape_is_kept_with_its_error() {
        let text: JsonText<Inner> =
            serde_json::from_str(r#""not json""#).unwrap_or_else(|e| panic!("{e}"));
        let error = text.content().err().cloned();
        assert_eq!(error.as_ref().map(ContentError::line), Some(1));
        assert_eq!(error.as_ref().map(ContentError::is_not_json), Some(true));
        assert_eq!(
            error.map(|e| e.to_string()).unwrap_or_default(),
            "the text is not JSON (line 1, column 2)"
        );
        assert_eq!(text.into_text(), "not json");
    }

    #[test]
    fn an_error_never_quotes_the_text() {
        // What serde would say quotes the value it refused.
        let text: JsonText<Inner> = serde_json::from_str(r#""{\"code\":[\"13800138000\"]}""#)
            .unwrap_or_else(|e| panic!("{e}"));
        let error = text.content().err().cloned();
        assert_eq!(error.as_ref().map(ContentError::is_not_json), Some(false));
        let shown = format!(
            "{error:?} {}",
            error.as_ref().map(ToString::to_string).unwrap_or_default()
        );
        assert!(!shown.contains("13800138000"), "{shown}");
        assert!(
            shown.contains("does not have its schema's shape"),
            "{shown}"
        );
    }

    #[test]
    fn a_value_that_is_not_a_string_is_refused() {
        assert!(serde_json::from_str::<JsonText<Inner>>(r#"{"code":"1"}"#).is_err());
    }
}
