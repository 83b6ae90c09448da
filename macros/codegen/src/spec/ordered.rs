//! [`OrderedMap`]: a JSON object's members in document order, for the spec
//! model (`properties`, `patternProperties`, ...), where the order is the
//! order generated fields and docs follow.
//!
//! The storage is the runtime's `Ordered` (the one behind `UnknownMembers`),
//! over the standard library alone, so that the derive links no map crate
//! into a user's build; this type adds what the spec model needs of it
//! (serde, schemars, equality in any order).

use std::fmt;
use std::marker::PhantomData;

use mpkit_runtime::Ordered;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Members in document order; a name given twice keeps its first place and
/// its last value, as `JSON.parse` does. Two maps are equal when they hold
/// the same members, in any order.
#[derive(Clone)]
pub struct OrderedMap<V>(Ordered<V>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Ordered::default())
    }
}

impl<V> OrderedMap<V> {
    /// How many members there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Member `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.get(name)
    }

    /// Whether member `name` is there.
    #[must_use]
    pub fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Adds member `name` after the others; one of that name keeps its
    /// place and takes `value`.
    pub fn insert(&mut self, name: String, value: V) {
        self.0.insert(name, value);
    }

    /// The members, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.0.iter()
    }

    /// The members, in order, their values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.0.iter_mut()
    }

    /// The names, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(name, _)| name)
    }

    /// The values, in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, value)| value)
    }

    /// The values, in order, mutable.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, value)| value)
    }
}

impl<'a, V> IntoIterator for &'a OrderedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.entries().iter().map(|(name, value)| (name, value))
    }
}

impl<V> FromIterator<(String, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(members: I) -> Self {
        let mut map = OrderedMap::default();
        for (name, value) in members {
            map.insert(name, value);
        }
        map
    }
}

impl<V: PartialEq> PartialEq for OrderedMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(name, value)| other.get(name) == Some(value))
    }
}

impl<V: fmt::Debug> fmt::Debug for OrderedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Members<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = OrderedMap::default();
                while let Some((name, value)) = access.next_entry::<String, V>()? {
                    map.insert(name, value);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Members(PhantomData))
    }
}

#[cfg(feature = "meta")]
impl<V: schemars::JsonSchema> schemars::JsonSchema for OrderedMap<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::collections::BTreeMap::<String, V>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        std::collections::BTreeMap::<String, V>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_order_last_value_and_order_free_equality() {
        let map: OrderedMap<u8> =
            serde_json::from_str(r#"{"b": 1, "a": 2, "b": 3}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(map.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(map.get("b"), Some(&3));
        assert!(map.contains_key("a") && !map.contains_key("c"));
        let reversed: OrderedMap<u8> = [("a".to_owned(), 2), ("b".to_owned(), 3)]
            .into_iter()
            .collect();
        assert_eq!(map, reversed);
        assert_eq!(
            serde_json::to_string(&map).unwrap_or_default(),
            r#"{"b":3,"a":2}"#
        );
    }
}
