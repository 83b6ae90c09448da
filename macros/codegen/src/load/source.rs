//! Where each part of a schema file sits in its text: JSON pointer to line and column.
//!
//! serde_json keeps no positions, so the file is parsed a second time with
//! dprint's `jsonc-parser`, which records a byte range for every key and value.

use std::collections::HashMap;

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// A line and column, both counted from 1; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
}

/// Whether a problem is about a member's key or its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Key,
    Value,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    key: Option<usize>,
    value: usize,
}

/// Positions of every value (and member key) of one JSON text, by JSON pointer.
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    spans: HashMap<String, Span>,
}

impl<'a> SourceMap<'a> {
    /// Indexes `text`, which serde_json has already accepted as JSON. Should
    /// the second parser still refuse it, every position falls back to 1:1.
    pub(crate) fn new(text: &'a str) -> Self {
        let mut spans = HashMap::new();
        let options = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            ..ParseOptions::default()
        };
        if let Ok(parsed) = parse_to_ast(text, &CollectOptions::default(), &options) {
            if let Some(root) = &parsed.value {
                index(root, String::new(), None, &mut spans);
            }
        }
        SourceMap { text, spans }
    }

    /// The position of the value at `pointer`, or of its key. A pointer that
    /// does not exist falls back to its nearest existing parent.
    pub(crate) fn locate(&self, pointer: &str, anchor: Anchor) -> Position {
        let mut current = pointer;
        loop {
            if let Some(span) = self.spans.get(current) {
                let offset = match anchor {
                    Anchor::Key if current == pointer => span.key.unwrap_or(span.value),
                    _ => span.value,
                };
                return self.position(offset);
            }
            match current.rfind('/') {
                Some(cut) => current = &current[..cut],
                None => return Position { line: 1, column: 1 },
            }
        }
    }

    fn position(&self, offset: usize) -> Position {
        let before = &self.text[..offset.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

fn index(
    value: &Value<'_>,
    pointer: String,
    key: Option<usize>,
    spans: &mut HashMap<String, Span>,
) {
    let start = match value {
        Value::StringLit(v) => v.range.start,
        Value::NumberLit(v) => v.range.start,
        Value::BooleanLit(v) => v.range.start,
        Value::NullKeyword(v) => v.range.start,
        Value::Object(object) => {
            for prop in &object.properties {
                let (name, key_start) = match &prop.name {
                    ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range.start),
                    ObjectPropName::Word(lit) => (lit.value, lit.range.start),
                };
                index(&prop.value, child(&pointer, name), Some(key_start), spans);
            }
            object.range.start
        }
        Value::Array(array) => {
            for (i, element) in array.elements.iter().enumerate() {
                index(element, child(&pointer, &i.to_string()), None, spans);
            }
            array.range.start
        }
    };
    spans.insert(pointer, Span { key, value: start });
}

/// `parent` extended by one JSON pointer segment, escaped as RFC 6901 says.
pub(crate) fn child(parent: &str, segment: &str) -> String {
    format!("{parent}/{}", segment.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_values_and_array_elements() {
        let text = "{\n  \"a\": {\"b/c\": [1, \"二\", 3]},\n  \"说明\": true\n}";
        let map = SourceMap::new(text);
        assert_eq!(
            map.locate("", Anchor::Value),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            map.locate("/a", Anchor::Key),
            Position { line: 2, column: 3 }
        );
        assert_eq!(
            map.locate("/a", Anchor::Value),
            Position { line: 2, column: 8 }
        );
        assert_eq!(
            map.locate("/a/b~1c/2", Anchor::Value),
            Position {
                line: 2,
                column: 25
            }
        );
        assert_eq!(
            map.locate("/说明", Anchor::Value),
            Position { line: 3, column: 9 }
        );
        // A pointer that does not exist falls back to its parent.
        assert_eq!(
            map.locate("/a/missing", Anchor::Key),
            Position { line: 2, column: 8 }
        );
    }
}
