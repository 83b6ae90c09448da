//! [`UnknownMembers`]: the members of a payload that its schema does not
//! describe, kept as received (order and exact text) so that decoding and
//! encoding again loses nothing.

use std::borrow::Cow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

type Members = crate::ordered::Ordered<Box<RawValue>>;

/// The members of a JSON object that its schema does not describe, in a
/// generated type's `extra` field.
///
/// Each member keeps its place among the others and its value's JSON text
/// as received (insignificant whitespace aside), so a number no `f64`
/// holds, like `12345678901234567890123` or `1.5e-400`, is encoded again
/// digit for digit. A member given twice keeps its first place and its last
/// value, as `JSON.parse` does. [`get`](Self::get) gives a member's text,
/// [`value`](Self::value) parses it.
///
/// It costs one pointer and nothing else while empty, which is what nearly
/// every payload is: storage is allocated when the first unknown member
/// arrives. That keeps generated types as small and as cheap to decode and
/// drop as hand-written ones that throw unknown members away.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::UnknownMembers;
/// use serde_json::json;
///
/// let mut extra = UnknownMembers::new();
/// assert!(extra.is_empty());
/// extra.insert("is_demote".to_owned(), json!(true));
/// assert_eq!(extra.value("is_demote"), Some(json!(true)));
///
/// let kept: UnknownMembers = serde_json::from_str(r#"{"b": 12345678901234567890123, "a": 1}"#)?;
/// assert_eq!(serde_json::to_string(&kept)?, r#"{"b":12345678901234567890123,"a":1}"#);
/// assert_eq!(kept.names().collect::<Vec<_>>(), ["b", "a"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct UnknownMembers(Option<Box<Members>>);

impl UnknownMembers {
    /// No members; allocates nothing.
    #[must_use]
    pub const fn new() -> Self {
        UnknownMembers(None)
    }

    /// How many members there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |members| members.len())
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The JSON text of member `name`, as received.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.0.as_ref()?.get(name).map(AsRef::as_ref)
    }

    /// Member `name`, parsed. Numbers beyond what a [`Value`] holds exactly
    /// are rounded here; [`get`](Self::get) has their exact text. `None`
    /// when there is no such member, or when its text nests deeper than
    /// serde_json parses, which mpkit's decoders never let in.
    #[must_use]
    pub fn value(&self, name: &str) -> Option<Value> {
        self.get(name).and_then(parse)
    }

    /// Whether member `name` is there.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The member names, in the order they arrived.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(name, _)| name)
    }

    /// The members and their JSON text, in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0
            .iter()
            .flat_map(|members| members.iter())
            .map(|(name, raw)| (name.as_str(), raw.as_ref()))
    }

    /// Adds member `name` with `value`, after the others; a member of that
    /// name keeps its place and takes the new value.
    pub fn insert(&mut self, name: String, value: Value) {
        self.insert_raw(name, to_raw(&value));
    }

    /// Adds member `name` with the JSON text `raw`, as [`insert`](Self::insert).
    pub fn insert_raw(&mut self, name: String, raw: Box<RawValue>) {
        self.0.get_or_insert_with(Box::default).insert(name, raw);
    }

    /// Removes member `name`, keeping the others in order.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        self.0.as_mut()?.remove(name)
    }

    /// The members as a [`serde_json::Map`]: parsed, and in the map's order
    /// (sorted, unless serde_json's `preserve_order` is on).
    #[must_use]
    pub fn to_map(&self) -> Map<String, Value> {
        self.iter()
            .filter_map(|(name, raw)| Some((name.to_owned(), parse(raw)?)))
            .collect()
    }
}

impl UnknownMembers {
    /// Puts a member name the decoder's name match did not take into
    /// `buffer`, where the decoder's member loop picks it up: one of the
    /// `quirks` names the decoder reads out of line (borrowed, so reading
    /// them allocates nothing), or an unknown name (owned, to be kept). For
    /// generated decoders: out of line and cold, so that the match over the
    /// names the schema documents has no allocation path and stays as small
    /// as serde_derive's.
    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    pub fn remember_name(
        name: &str,
        quirks: &'static [&'static str],
        buffer: &mut Cow<'static, str>,
    ) {
        *buffer = match quirks.iter().find(|quirk| **quirk == name) {
            Some(quirk) => Cow::Borrowed(quirk),
            None => Cow::Owned(name.to_owned()),
        };
    }

    /// Reads the value of the member just named `name` from `map` and keeps
    /// it. For generated decoders: out of line and cold, so that the decoder
    /// of the members the schema names stays small enough to inline.
    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    pub fn keep_next<'de, A: MapAccess<'de>>(
        &mut self,
        name: &mut Cow<'static, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let raw: Box<RawValue> = map.next_value()?;
        crate::depth::note_kept_raw();
        self.insert_raw(std::mem::take(name).into_owned(), compact(raw));
        Ok(())
    }
}

fn parse(raw: &RawValue) -> Option<Value> {
    // The text came from a JSON parser or serializer: it parses (read as
    // it says, see `crate::plain`).
    crate::plain::parse(raw.get()).ok()
}

fn to_raw(value: &Value) -> Box<RawValue> {
    // A `Value` always serializes (its keys are strings), and its text is JSON.
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// `raw` without whitespace outside strings, so that a member reads the same
/// whether the payload was pretty-printed or not. Numbers, strings and
/// order are untouched.
fn compact(raw: Box<RawValue>) -> Box<RawValue> {
    let text = raw.get();
    if !text
        .bytes()
        .any(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
    {
        return raw;
    }
    let mut strings = crate::json_text::Strings::default();
    let kept: Vec<u8> = text
        .bytes()
        .filter(|byte| !(strings.outside(*byte) && matches!(byte, b' ' | b'\n' | b'\r' | b'\t')))
        .collect();
    // Dropping ASCII whitespace between tokens leaves UTF-8, and JSON;
    // should either ever fail, the text as received is kept.
    match String::from_utf8(kept).map(RawValue::from_string) {
        Ok(Ok(compacted)) => compacted,
        _ => raw,
    }
}

/// Equal when the same names have equal values as JSON, in any order: a
/// payload decoded from text equals the one decoded from its `Value`.
impl PartialEq for UnknownMembers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.iter().all(|(name, raw)| {
                other
                    .get(name)
                    .is_some_and(|theirs| parse(raw) == parse(theirs))
            })
    }
}

impl fmt::Debug for UnknownMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(name, raw)| (name, raw.get())))
            .finish()
    }
}

impl From<Map<String, Value>> for UnknownMembers {
    fn from(map: Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

impl FromIterator<(String, Value)> for UnknownMembers {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(members: I) -> Self {
        let mut out = UnknownMembers::new();
        out.extend(members);
        out
    }
}

impl Extend<(String, Value)> for UnknownMembers {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, members: I) {
        // Extending by nothing must not allocate.
        for (name, value) in members {
            self.insert(name, value);
        }
    }
}

impl<'a> IntoIterator for &'a UnknownMembers {
    type Item = (&'a str, &'a RawValue);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a RawValue)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Serialize for UnknownMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for UnknownMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = UnknownMembers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UnknownMembers, A::Error> {
        let mut members = UnknownMembers::new();
        while let Some(name) = map.next_key::<String>()? {
            let mut name = Cow::Owned(name);
            members.keep_next(&mut name, &mut map)?;
        }
        Ok(members)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn empty_allocates_nothing_and_equals_an_emptied_one() {
        let none = UnknownMembers::new();
        assert!(none.0.is_none());
        let mut emptied = UnknownMembers::new();
        emptied.insert("a".to_owned(), json!(1));
        assert!(emptied.remove("a").is_some());
        assert!(emptied.0.is_some());
        assert_eq!(none, emptied);
        let mut extended = UnknownMembers::new();
        extended.extend(std::iter::empty());
        assert!(extended.0.is_none());
        assert!(UnknownMembers::from(Map::new()).0.is_none());
    }

    #[test]
    fn quirk_names_are_borrowed_and_unknown_names_owned() {
        let mut buffer = Cow::Borrowed("");
        UnknownMembers::remember_name("user", &["profile", "user"], &mut buffer);
        assert!(matches!(buffer, Cow::Borrowed("user")));
        UnknownMembers::remember_name("users", &["profile", "user"], &mut buffer);
        assert!(matches!(&buffer, Cow::Owned(name) if name == "users"));
        UnknownMembers::remember_name("user", &[], &mut buffer);
        assert!(matches!(&buffer, Cow::Owned(name) if name == "user"));
    }

    #[test]
    fn order_and_number_text_survive_a_round_trip() {
        let text = r#"{"z":1,"big":12345678901234567890123,"tiny":1.5e-400,"a":[1.0, -0, 1E2],"s":"a b\" c"}"#;
        let members: UnknownMembers = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(
            members.names().collect::<Vec<_>>(),
            ["z", "big", "tiny", "a", "s"]
        );
        assert_eq!(
            serde_json::to_string(&members).ok().as_deref(),
            Some(
                r#"{"z":1,"big":12345678901234567890123,"tiny":1.5e-400,"a":[1.0,-0,1E2],"s":"a b\" c"}"#
            )
        );
        assert_eq!(members.get("tiny").map(RawValue::get), Some("1.5e-400"));
        assert_eq!(members.value("s"), Some(json!("a b\" c")));
    }

    #[test]
    fn a_member_given_twice_keeps_its_place_and_last_value() {
        let members: UnknownMembers =
            serde_json::from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap_or_default();
        assert_eq!(
            serde_json::to_string(&members).ok().as_deref(),
            Some(r#"{"a":3,"b":2}"#)
        );
    }

    #[test]
    fn equality_is_json_equality_in_any_order() {
        let pretty: UnknownMembers =
            serde_json::from_str("{\"b\": [1, 2],\n \"a\": {\"x\": 1e2}}").unwrap_or_default();
        let value: UnknownMembers = [
            ("a".to_owned(), json!({"x": 100.0})),
            ("b".to_owned(), json!([1, 2])),
        ]
        .into_iter()
        .collect();
        assert_eq!(pretty, value);
        assert_eq!(
            format!("{pretty:?}"),
            r#"{"b": "[1,2]", "a": "{\"x\":1e2}"}"#
        );
        let mut other = value.clone();
        other.insert("b".to_owned(), json!([2, 1]));
        assert_ne!(pretty, other);
        assert_eq!(value.to_map().len(), 2);
    }
}
