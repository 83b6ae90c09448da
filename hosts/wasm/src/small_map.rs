//! [`SmallMap`]: a map kept as a vector of pairs, for the few roots and
//! outstanding calls of a host. Linear lookups over a handful of entries
//! cost less code in the module than a hash or B-tree map would.

/// A map from `K` to `V` in insertion order.
#[derive(Debug)]
pub(crate) struct SmallMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap {
            entries: Vec::new(),
        }
    }
}

impl<K: PartialEq, V> SmallMap<K, V> {
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    pub(crate) fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter_mut()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    /// The value of `key`, inserted with `make` when absent.
    pub(crate) fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let index = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(index) => index,
            None => {
                self.entries.push((key, make()));
                self.entries.len() - 1
            }
        };
        &mut self.entries[index].1
    }

    pub(crate) fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        let index = self.entries.iter().position(|(k, _)| k.borrow() == key)?;
        Some(self.entries.swap_remove(index).1)
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_finds_and_removes() {
        let mut map: SmallMap<String, u32> = SmallMap::default();
        *map.get_or_insert_with("wx".to_owned(), || 1) += 1;
        *map.get_or_insert_with("wx".to_owned(), || 10) += 1;
        map.get_or_insert_with("tt".to_owned(), || 5);
        assert_eq!(map.get("wx"), Some(&3));
        assert_eq!(map.keys().count(), 2);
        assert_eq!(map.len(), 2);
        assert_eq!(map.remove("wx"), Some(3));
        assert_eq!(map.get("wx"), None);
        assert_eq!(map.get_mut("tt").map(|v| *v), Some(5));
    }
}
