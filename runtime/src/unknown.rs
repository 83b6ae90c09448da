//! [`UnknownMembers`]: the members of a payload that its schema does not
//! describe, kept so that decoding and encoding again loses nothing.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The members of a JSON object that its schema does not describe, in a
/// generated type's `extra` field.
///
/// It reads as a [`serde_json::Map`] (through `Deref`) and costs one pointer
/// and nothing else while empty, which is what nearly every payload is:
/// the map is allocated when the first unknown member arrives. That keeps
/// generated types as small and as cheap to decode and drop as hand-written
/// ones that throw unknown members away.
///
/// ```
/// use mpkit_runtime::UnknownMembers;
/// use serde_json::json;
///
/// let mut extra = UnknownMembers::new();
/// assert!(extra.is_empty());
/// extra.insert("is_demote".to_owned(), json!(true));
/// assert_eq!(extra.get("is_demote"), Some(&json!(true)));
/// assert_eq!(extra.len(), 1);
/// ```
#[derive(Clone, Default)]
pub struct UnknownMembers(Option<Box<Map<String, Value>>>);

static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

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

    /// No members; allocates nothing.
    #[must_use]
    pub const fn new() -> Self {
        UnknownMembers(None)
    }

    /// Adds a member, returning the value it replaces.
    pub fn insert(&mut self, name: String, value: Value) -> Option<Value> {
        self.deref_mut().insert(name, value)
    }

    /// The members as a plain map.
    #[must_use]
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map_or_else(Map::new, |map| *map)
    }
}

impl UnknownMembers {
    /// Reads the value of the member just named `name` from `map` and keeps
    /// it. For generated decoders: out of line and cold, so that the decoder
    /// of the members the schema names stays small enough to inline.
    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    pub fn keep_next<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        name: &mut Cow<'static, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.insert(std::mem::take(name).into_owned(), value);
        Ok(())
    }
}

impl Deref for UnknownMembers {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&EMPTY)
    }
}

impl DerefMut for UnknownMembers {
    /// Allocates the map on first use.
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl PartialEq for UnknownMembers {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for UnknownMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl From<Map<String, Value>> for UnknownMembers {
    fn from(map: Map<String, Value>) -> Self {
        UnknownMembers((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl From<UnknownMembers> for Map<String, Value> {
    fn from(members: UnknownMembers) -> Self {
        members.into_map()
    }
}

impl FromIterator<(String, Value)> for UnknownMembers {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(members: I) -> Self {
        Map::from_iter(members).into()
    }
}

impl Extend<(String, Value)> for UnknownMembers {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, members: I) {
        let mut members = members.into_iter().peekable();
        // Extending by nothing must not allocate.
        if members.peek().is_some() {
            self.deref_mut().extend(members);
        }
    }
}

impl<'a> IntoIterator for &'a UnknownMembers {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref().iter()
    }
}

impl IntoIterator for UnknownMembers {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl Serialize for UnknownMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UnknownMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(UnknownMembers::from)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn empty_allocates_nothing_and_equals_an_allocated_empty_map() {
        let none = UnknownMembers::new();
        assert!(none.0.is_none());
        let mut emptied = UnknownMembers::new();
        emptied.insert("a".to_owned(), json!(1));
        emptied.remove("a");
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
    fn reads_writes_and_round_trips_as_a_map() {
        let members: UnknownMembers = [("b".to_owned(), json!([1])), ("a".to_owned(), json!(null))]
            .into_iter()
            .collect();
        assert_eq!(members.len(), 2);
        assert_eq!(members.get("a"), Some(&Value::Null));
        let names: Vec<&String> = (&members).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["a", "b"]);
        let text = serde_json::to_string(&members).unwrap_or_default();
        assert_eq!(text, r#"{"a":null,"b":[1]}"#);
        let back: UnknownMembers = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, members);
        assert_eq!(
            format!("{members:?}"),
            r#"{"a": Null, "b": Array [Number(1)]}"#
        );
        let map: Map<String, Value> = members.into();
        assert_eq!(map.len(), 2);
    }
}
