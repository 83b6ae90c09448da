//! [`Ordered`]: named JSON texts in arrival order, the storage behind
//! `UnknownMembers`. A vector searched by name, with an index by name only
//! once there are enough members for hashing to beat comparing: nearly every
//! payload has none or a few unknown members, and a hostile one with
//! thousands must not make each insertion cost a scan of the others.

use std::collections::HashMap;

use serde_json::value::RawValue;

/// From this many members on, lookups go through the index.
const INDEXED_FROM: usize = 16;

/// Members in arrival order; a name given again keeps its place and takes
/// the new text, as `JSON.parse` does.
#[derive(Clone, Default)]
pub(crate) struct Ordered {
    entries: Vec<(String, Box<RawValue>)>,
    /// Each name's position in `entries`, once there are `INDEXED_FROM`.
    index: Option<HashMap<String, usize>>,
}

impl Ordered {
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.entries.iter().position(|(have, _)| have == name),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&RawValue> {
        let at = self.position(name)?;
        self.entries.get(at).map(|(_, raw)| raw.as_ref())
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries
            .iter()
            .map(|(name, raw)| (name.as_str(), raw.as_ref()))
    }

    pub(crate) fn insert(&mut self, name: String, raw: Box<RawValue>) {
        if let Some(at) = self.position(&name) {
            if let Some(entry) = self.entries.get_mut(at) {
                entry.1 = raw;
            }
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(name.clone(), self.entries.len());
        }
        self.entries.push((name, raw));
        if self.index.is_none() && self.entries.len() >= INDEXED_FROM {
            self.index = Some(self.reindexed());
        }
    }

    /// Removes `name`, keeping the others in order.
    pub(crate) fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let at = self.position(name)?;
        let (_, raw) = self.entries.remove(at);
        if self.index.is_some() {
            self.index = Some(self.reindexed());
        }
        Some(raw)
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

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The same answers below and above the indexing threshold.
    #[test]
    fn order_replacement_and_removal_hold_with_and_without_the_index() {
        for count in [3, INDEXED_FROM - 1, INDEXED_FROM, 3 * INDEXED_FROM] {
            let mut members = Ordered::default();
            for i in 0..count {
                members.insert(format!("m{i}"), raw(&i.to_string()));
            }
            members.insert("m1".to_owned(), raw("\"again\""));
            assert_eq!(members.len(), count, "{count}");
            assert_eq!(members.get("m1").map(RawValue::get), Some("\"again\""));
            let names: Vec<&str> = members.iter().map(|(name, _)| name).collect();
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
            assert_eq!(members.get("m2").map(RawValue::get), Some("2"));
            let last = format!("m{}", count - 1);
            assert_eq!(
                members.get(&last).map(RawValue::get),
                Some((count - 1).to_string().as_str())
            );
            assert_eq!(members.iter().next().map(|(name, _)| name), Some("m1"));
        }
    }
}
