//! [`ObjectText`]: a JSON object written member by member, for the
//! `to_json_string` of generated options.

use serde::Serialize;

/// A JSON object under construction, as text.
///
/// Generated options know their member names and enum values at compile
/// time, so the generator escapes them once (with `serde_json`) and they are
/// copied here as they are. A string value with nothing to escape is copied
/// between quotes; anything else goes through `serde_json`. The result is
/// byte for byte what `serde_json::to_string` gives for the same options, in
/// well under its time, because constant text is not scanned again.
#[doc(hidden)]
#[derive(Debug)]
pub struct ObjectText<'a> {
    text: &'a mut String,
    /// Where the object's first member goes, to tell whether one was written.
    first: usize,
}

impl<'a> ObjectText<'a> {
    /// Starts an object at the end of `text`.
    pub fn new(text: &'a mut String) -> Self {
        text.push('{');
        let first = text.len();
        ObjectText { text, first }
    }

    /// Starts a member: `key` is its name already in JSON form with the
    /// colon (`"lang":`).
    pub fn key(&mut self, key: &str) {
        if self.text.len() > self.first {
            self.text.push(',');
        }
        self.text.push_str(key);
    }

    /// A value already in JSON form (`true`, `"zh_CN"`, `3`).
    pub fn raw(&mut self, json: &str) {
        self.text.push_str(json);
    }

    /// A string value.
    pub fn string(&mut self, value: &str) {
        // JSON must escape only `"`, `\` and control characters below
        // U+0020; text without them is its own JSON form. The scan has no
        // early exit so that it compiles to wide comparisons.
        let needs_escape = value.bytes().fold(false, |found, b| {
            found | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if !needs_escape {
            self.text.push('"');
            self.text.push_str(value);
            self.text.push('"');
        } else {
            // `serde_json` escapes a string infallibly.
            let escaped = serde_json::Value::from(value).to_string();
            self.text.push_str(&escaped);
        }
    }

    /// Any other value, serialized by `serde_json`.
    ///
    /// # Errors
    /// When `value`'s `Serialize` fails.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.text.push_str(&serde_json::to_string(value)?);
        Ok(())
    }

    /// Closes the object.
    pub fn finish(self) {
        self.text.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_members_with_commas_between_them() {
        let mut out = String::from("[");
        ObjectText::new(&mut out).finish();
        assert_eq!(out, "[{}");
        let mut out = String::new();
        let mut text = ObjectText::new(&mut out);
        text.key(r#""a":"#);
        text.raw("true");
        text.key(r#""b":"#);
        text.string("say \"hi\"\n");
        text.key(r#""c":"#);
        text.string("用于完善会员资料");
        text.key(r#""d":"#);
        assert!(text.value(&1.5).is_ok());
        text.finish();
        assert_eq!(
            out,
            r#"{"a":true,"b":"say \"hi\"\n","c":"用于完善会员资料","d":1.5}"#
        );
    }

    #[test]
    fn strings_are_escaped_exactly_as_serde_json_does() {
        for value in [
            "",
            "plain",
            "q\"",
            "back\\slash",
            "\u{0}\u{1f}",
            "\u{7f}\u{2028}",
            "tab\there",
        ] {
            let mut out = String::new();
            let mut text = ObjectText::new(&mut out);
            text.key(r#""k":"#);
            text.string(value);
            text.finish();
            let expected = format!(r#"{{"k":{}}}"#, serde_json::Value::from(value));
            assert_eq!(out, expected, "{value:?}");
        }
    }
}
