//! Where each part of a schema file sits in its text: JSON pointer to line and column.
//!
//! serde_json keeps no positions, so when there is a problem to report the
//! text, which serde_json has already accepted, is scanned once more for
//! where each key and value starts. The scan is small enough to write here
//! rather than link a second JSON parser into every user's build, and it
//! runs only when a file is refused.

use std::collections::HashMap;

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

/// Positions of every value (and member key) of one JSON text, as a tree:
/// each value's children by their pointer segment. A pointer is never
/// stored whole, so a long key above many values costs its length once,
/// not once per value below it.
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    /// Index 0 is the top value, when the scan got that far.
    spans: Vec<Span>,
    children: HashMap<(usize, String), usize>,
    /// Each value's parent and its segment there (`None` for the top).
    up: Vec<Option<(usize, String)>>,
}

impl<'a> SourceMap<'a> {
    /// Indexes `text`, which serde_json has already accepted as JSON (so
    /// its nesting is at most 128 deep). Should the scan still meet
    /// something it does not expect, it stops, and what it has not reached
    /// falls back to the nearest indexed parent.
    pub(crate) fn new(text: &'a str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            at: 0,
            spans: Vec::new(),
            children: HashMap::new(),
            up: Vec::new(),
        };
        let _complete = scanner.value(None, None);
        SourceMap {
            text,
            spans: scanner.spans,
            children: scanner.children,
            up: scanner.up,
        }
    }

    /// The JSON pointer of the value that starts last at or before
    /// `line` and `column` (serde_json's, counted from 1, the column in
    /// bytes): where serde_json found a value it could not take, the value
    /// it was reading. `""` when nothing starts before it.
    pub(crate) fn pointer_before(&self, line: usize, column: usize) -> String {
        let bytes = self.text.as_bytes();
        let line_start = if line <= 1 {
            Some(0)
        } else {
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .nth(line - 2)
                .map(|(at, _)| at + 1)
        };
        let offset = line_start.map_or(bytes.len(), |start| start + column.saturating_sub(1));
        let Some(last) = self
            .spans
            .partition_point(|span| span.value <= offset)
            .checked_sub(1)
        else {
            return String::new();
        };
        let mut segments = Vec::new();
        let mut at = last;
        while let Some(Some((parent, segment))) = self.up.get(at) {
            segments.push(segment.as_str());
            at = *parent;
        }
        segments
            .iter()
            .rev()
            .fold(String::new(), |pointer, segment| child(&pointer, segment))
    }

    /// The position of the value at `pointer`, or of its key. A pointer that
    /// does not exist falls back to its nearest existing parent.
    #[cfg(test)]
    pub(crate) fn locate(&self, pointer: &str, anchor: Anchor) -> Position {
        self.locate_all(&[(pointer, anchor)])
            .pop()
            .unwrap_or(Position { line: 1, column: 1 })
    }

    /// [`locate`](Self::locate) for many pointers at once, in their order:
    /// one pass over the text for all of them, however many there are.
    pub(crate) fn locate_all(&self, wanted: &[(&str, Anchor)]) -> Vec<Position> {
        let mut offsets: Vec<(usize, usize)> = wanted
            .iter()
            .enumerate()
            .map(|(i, (pointer, anchor))| (self.offset(pointer, *anchor).unwrap_or(0), i))
            .collect();
        offsets.sort_unstable();
        let mut positions = vec![Position { line: 1, column: 1 }; wanted.len()];
        let (mut at, mut line, mut column) = (0usize, 1usize, 1usize);
        let bytes = self.text.as_bytes();
        for (offset, i) in offsets {
            let offset = offset.min(bytes.len());
            for &byte in bytes.get(at..offset).unwrap_or_default() {
                if byte == b'\n' {
                    line += 1;
                    column = 1;
                } else if byte & 0xC0 != 0x80 {
                    // Not a UTF-8 continuation byte: a character starts.
                    column += 1;
                }
            }
            at = at.max(offset);
            if let Some(position) = positions.get_mut(i) {
                *position = Position { line, column };
            }
        }
        positions
    }

    /// The byte offset of the value at `pointer` (or of its key), or of its
    /// nearest indexed parent's value; `None` when nothing was indexed.
    fn offset(&self, pointer: &str, anchor: Anchor) -> Option<usize> {
        let mut node = 0;
        let mut span = *self.spans.first()?;
        let mut whole = true;
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            match self.children.get(&(node, segment)) {
                Some(&below) => {
                    node = below;
                    span = *self.spans.get(below)?;
                }
                None => {
                    whole = false;
                    break;
                }
            }
        }
        Some(match anchor {
            Anchor::Key if whole => span.key.unwrap_or(span.value),
            _ => span.value,
        })
    }
}

/// A walk over JSON text recording where each value (and member key) starts.
struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
    spans: Vec<Span>,
    children: HashMap<(usize, String), usize>,
    up: Vec<Option<(usize, String)>>,
}

impl Scanner<'_> {
    /// Scans the value at the cursor, indexed as `parent`'s child by the
    /// given segment (the top value has no parent); `None` when the text is
    /// not what serde_json accepted.
    fn value(&mut self, parent: Option<(usize, String)>, key: Option<usize>) -> Option<()> {
        self.whitespace();
        let start = self.at;
        let index = self.spans.len();
        self.spans.push(Span { key, value: start });
        if let Some(parent) = &parent {
            self.children.insert(parent.clone(), index);
        }
        self.up.push(parent);
        match self.bytes.get(self.at)? {
            b'{' => self.members(index)?,
            b'[' => self.elements(index)?,
            b'"' => {
                self.string()?;
            }
            _ => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    fn members(&mut self, index: usize) -> Option<()> {
        self.at += 1;
        loop {
            self.whitespace();
            match self.bytes.get(self.at)? {
                b'}' => break,
                b',' => self.at += 1,
                _ => {
                    let key = self.at;
                    let name = self.string()?;
                    self.whitespace();
                    self.expect(b':')?;
                    self.value(Some((index, name)), Some(key))?;
                }
            }
        }
        self.at += 1;
        Some(())
    }

    fn elements(&mut self, index: usize) -> Option<()> {
        self.at += 1;
        let mut position = 0usize;
        loop {
            self.whitespace();
            match self.bytes.get(self.at)? {
                b']' => break,
                b',' => self.at += 1,
                _ => {
                    self.value(Some((index, position.to_string())), None)?;
                    position += 1;
                }
            }
        }
        self.at += 1;
        Some(())
    }

    /// The string at the cursor, unescaped.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let start = self.at;
        let mut escaped = false;
        loop {
            match self.bytes.get(self.at)? {
                b'\\' => {
                    escaped = true;
                    self.at += 2;
                }
                b'"' => break,
                _ => self.at += 1,
            }
        }
        let raw = self.bytes.get(start - 1..=self.at)?;
        self.at += 1;
        let raw = std::str::from_utf8(raw).ok()?;
        if escaped {
            serde_json::from_str(raw).ok()
        } else {
            raw.get(1..raw.len() - 1).map(str::to_owned)
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    fn whitespace(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }
}

/// The JSON pointer of `segments`, each escaped as RFC 6901 says.
pub(crate) fn pointer_of(segments: &[String]) -> String {
    segments.iter().fold(String::new(), |at, s| child(&at, s))
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

    #[test]
    fn the_value_before_a_position_is_named_by_its_pointer() {
        let text = "{\n  \"a\": {\"b/c\": [1, 1e99]},\n  \"d\": 2\n}";
        let map = SourceMap::new(text);
        // serde_json reports a number it cannot take just after it.
        assert_eq!(map.pointer_before(2, 26), "/a/b~1c/1");
        assert_eq!(map.pointer_before(3, 9), "/d");
        assert_eq!(map.pointer_before(1, 1), "");
    }

    #[test]
    fn escaped_names_are_unescaped_before_they_become_segments() {
        let text = "{\"a\\\"b\\u00e9\": [[], {\"x\": null}], \"t\": \"\\\\\"}";
        let map = SourceMap::new(text);
        assert_eq!(
            map.locate("/a\"bé/1/x", Anchor::Key),
            Position {
                line: 1,
                column: 22
            }
        );
        assert_eq!(
            map.locate("/t", Anchor::Value),
            Position {
                line: 1,
                column: 40
            }
        );
    }
}
