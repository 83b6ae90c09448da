//! [`Ordered`]: named values in arrival order, the storage behind
//! `UnknownMembers` and behind the spec model's maps in mpkit-codegen. A
//! vector searched by name, with an index by name only once there are
//! enough members for hashing to beat comparing: nearly every payload has
//! none or a few unknown members, and a hostile one with thousands must not
//! make each insertion cost a scan of the others.

use std::collections::HashMap;

/// From this many members on, lookups go through the index.
const INDEXED_FROM: usize = 16;

/// Members in arrival order; a name given again keeps its place and takes
/// the new value, as `JSON.parse` does. Not a public API: shared with
/// mpkit-codegen, which depends on this crate anyway.
#[derive(Clone, Debug)]
pub struct Ordered<V> {
    entries: Vec<(String, V)>,
    /// Each name's position in `entries`, once there are `INDEXED_FROM`.
    index: Option<HashMap<String, usize>>,
}

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered {
            entries: Vec::new(),
            index: None,
        }
    }
}

impl<V> Ordered<V> {
    /// How many members there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.entries.iter().position(|(have, _)| have == name),
        }
    }

    /// Member `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&V> {
        let at = self.position(name)?;
        self.entries.get(at).map(|(_, value)| value)
    }

    /// Whether member `name` is there.
    #[must_use]
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The members, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(name, value)| (name, value))
    }

    /// The members, in order, as a slice.
    #[must_use]
    pub fn entries(&self) -> &[(String, V)] {
        &self.entries
    }

    /// The members, in order, their values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.entries.iter_mut().map(|(name, value)| (&*name, value))
    }

    /// Adds member `name` after the others; one of that name keeps its
    /// place and takes `value`.
    pub fn insert(&mut self, name: String, value: V) {
        if let Some(at) = self.position(&name) {
            if let Some(entry) = self.entries.get_mut(at) {
                entry.1 = value;
            }
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(name.clone(), self.entries.len());
        }
        self.entries.push((name, value));
        if self.index.is_none() && self.entries.len() >= INDEXED_FROM {
            self.index = Some(self.reindexed());
        }
    }

    /// Removes `name`, keeping the others in order.
    pub fn remove(&mut self, name: &str) -> Option<V> {
        let at = self.position(name)?;
        let (_, value) = self.entries.remove(at);
        if self.index.is_some() {
            self.index = Some(self.reindexed());
        }
        Some(value)
    }

    fn reindexed(&self) -> HashMap<String, usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(at, (name, _))| (name.clone(), at))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::value::RawValue;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The same answers below and above the indexing threshold.
    #[test]
    fn order_replacement_and_removal_hold_with_and_without_the_index() {
        for count in [3, INDEXED_FROM - 1, INDEXED_FROM, 3 * INDEXED_FROM] {
            let mut members: Ordered<Box<RawValue>> = Ordered::default();
            for i in 0..count {
                members.insert(format!("m{i}"), raw(&i.to_string()));
            }
            members.insert("m1".to_owned(), raw("\"again\""));
            assert_eq!(members.len(), count, "{count}");
            assert_eq!(members.get("m1").map(|raw| raw.get()), Some("\"again\""));
            let names: Vec<&str> = members.iter().map(|(name, _)| name.as_str()).collect();
            assert_eq!(
                names.get(1),
                Some(&"m1"),
                "a replaced member keeps its place"
            );
            assert_eq!(
                members.remove("m0").map(|r| r.get().to_owned()),
                Some("0".to_owned())
            );
            assert!(members.get("m0").is_none());
            assert_eq!(members.get("m2").map(|raw| raw.get()), Some("2"));
            let last = format!("m{}", count - 1);
            assert_eq!(
                members.get(&last).map(|raw| raw.get()),
                Some((count - 1).to_string().as_str())
            );
            assert_eq!(
                members.iter().next().map(|(name, _)| name.as_str()),
                Some("m1")
            );
        }
    }
}
