//! `$ref`s as JSON Schema resolves them inside one file: a URI fragment
//! holding a JSON pointer (`#/$defs/Tree/properties/children/items`), and
//! the subschemas of a node, for walks that must see all of them.

use super::{ApiSchema, SchemaNode};

/// How a subschema applies to the value of its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// To the same value (`allOf`, `not`, `if`, `$ref`, ...): a `$ref`
    /// cycle through these alone would never end.
    InPlace,
    /// To a part of it (a member, an element, a member name).
    Below,
    /// Not at all: an annotation (`contentSchema`) or a definition (`$defs`).
    Never,
}

/// The JSON pointer segments of a local `$ref` (`#/...`): the fragment is
/// percent-decoded, split at `/`, then `~1` and `~0` are unescaped. `None`
/// for a reference that is not a fragment of this file.
#[must_use]
pub fn pointer_segments(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode(fragment)?;
    if decoded.is_empty() {
        return Some(Vec::new());
    }
    let rest = decoded.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// `text` with its `%XX` escapes decoded; `None` when the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|pair| pair.iter().all(u8::is_ascii_hexdigit))
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (byte, hex) {
            (b'%', Some(value)) => {
                decoded.push(value);
                i += 3;
            }
            _ => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

impl ApiSchema {
    /// The file's data parts and definitions, each with the pointer
    /// segments of where it is (`["success"]`, `["$defs", "UserInfo"]`):
    /// where every walk over the whole file starts.
    #[must_use]
    pub fn parts(&self) -> Vec<(Vec<String>, &SchemaNode)> {
        let mut parts = vec![
            (vec!["request".to_owned()], &self.request),
            (vec!["success".to_owned()], &self.success),
        ];
        parts.extend(self.fail.iter().map(|n| (vec!["fail".to_owned()], n)));
        parts.extend(
            self.encrypted
                .iter()
                .map(|n| (vec!["encrypted".to_owned()], n)),
        );
        parts.extend(
            self.defs
                .iter()
                .map(|(name, n)| (vec!["$defs".to_owned(), name.clone()], n)),
        );
        parts
    }

    /// [`parts`](Self::parts), mutable and in the same order.
    pub(crate) fn parts_mut(&mut self) -> Vec<(Vec<String>, &mut SchemaNode)> {
        let mut parts = vec![
            (vec!["request".to_owned()], &mut self.request),
            (vec!["success".to_owned()], &mut self.success),
        ];
        parts.extend(self.fail.as_mut().map(|n| (vec!["fail".to_owned()], n)));
        parts.extend(
            self.encrypted
                .as_mut()
                .map(|n| (vec!["encrypted".to_owned()], n)),
        );
        parts.extend(
            self.defs
                .iter_mut()
                .map(|(name, n)| (vec!["$defs".to_owned(), name.clone()], n)),
        );
        parts
    }

    /// The node a local `$ref` points at, anywhere in the file's data parts
    /// and definitions; `None` if it points nowhere or at something that is
    /// not a schema.
    #[must_use]
    pub fn node_at(&self, reference: &str) -> Option<&SchemaNode> {
        let segments = pointer_segments(reference)?;
        let (first, rest) = segments.split_first()?;
        let (mut node, rest) = match first.as_str() {
            "request" => (&self.request, rest),
            "success" => (&self.success, rest),
            "fail" => (self.fail.as_ref()?, rest),
            "encrypted" => (self.encrypted.as_ref()?, rest),
            "$defs" => {
                let (name, rest) = rest.split_first()?;
                (self.defs.get(name)?, rest)
            }
            _ => return None,
        };
        let mut rest = rest;
        while let Some((keyword, after)) = rest.split_first() {
            let (next, after) = node.step(keyword, after)?;
            node = next;
            rest = after;
        }
        Some(node)
    }
}

impl SchemaNode {
    /// The subschema at `keyword` (and, for maps and lists, the next
    /// segment), with the segments left after it.
    fn step<'s, 'n>(
        &'n self,
        keyword: &str,
        rest: &'s [String],
    ) -> Option<(&'n SchemaNode, &'s [String])> {
        let single = match keyword {
            "items" => self.items.as_deref(),
            "additionalProperties" => self.additional_properties.as_deref(),
            "propertyNames" => self.property_names.as_deref(),
            "contains" => self.contains.as_deref(),
            "not" => self.not.as_deref(),
            "if" => self.if_schema.as_deref(),
            "then" => self.then_schema.as_deref(),
            "else" => self.else_schema.as_deref(),
            "unevaluatedItems" => self.unevaluated_items.as_deref(),
            "unevaluatedProperties" => self.unevaluated_properties.as_deref(),
            "contentSchema" => self.content_schema.as_deref(),
            _ => None,
        };
        if let Some(node) = single {
            return Some((node, rest));
        }
        let (key, after) = rest.split_first()?;
        let node = match keyword {
            "$defs" => self.defs.get(key),
            "properties" => self.properties.get(key),
            "patternProperties" => self.pattern_properties.get(key),
            "dependentSchemas" => self.dependent_schemas.get(key),
            "prefixItems" | "allOf" | "anyOf" | "oneOf" => {
                // JSON pointer indexes have no sign and no leading zero.
                if key.len() > 1 && key.starts_with('0') || !key.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                let index: usize = key.parse().ok()?;
                let list = match keyword {
                    "prefixItems" => &self.prefix_items,
                    "allOf" => &self.all_of,
                    "anyOf" => &self.any_of,
                    _ => &self.one_of,
                };
                list.get(index)
            }
            _ => None,
        }?;
        Some((node, after))
    }

    /// Every subschema directly below this node: its pointer segments
    /// relative to the node, the node, and how it applies.
    #[must_use]
    pub fn subschemas(&self) -> Vec<(Vec<String>, &SchemaNode, Applies)> {
        let mut out = Vec::new();
        each_subschema!(self, as_deref, iter, out);
        out
    }

    /// [`subschemas`](Self::subschemas), mutable: for the loader's one pass
    /// that rewrites `$ref`s.
    pub(crate) fn subschemas_mut(&mut self) -> Vec<(Vec<String>, &mut SchemaNode, Applies)> {
        let mut out = Vec::new();
        each_subschema!(self, as_deref_mut, iter_mut, out);
        out
    }
}

/// Lists the subschemas of `$node` into `$out`, through `$as_deref` and
/// `$iter` (shared or mutable), so that the two walks cannot disagree on
/// which keywords hold schemas.
macro_rules! each_subschema {
    ($node:expr, $as_deref:ident, $iter:ident, $out:ident) => {{
        let SchemaNode {
            items,
            additional_properties,
            property_names,
            contains,
            unevaluated_items,
            unevaluated_properties,
            not,
            if_schema,
            then_schema,
            else_schema,
            content_schema,
            properties,
            pattern_properties,
            dependent_schemas,
            defs,
            prefix_items,
            all_of,
            any_of,
            one_of,
            ..
        } = $node;
        let one = |key: &str| vec![key.to_owned()];
        let two = |key: &str, name: &str| vec![key.to_owned(), name.to_owned()];
        for (key, node, applies) in [
            ("items", items.$as_deref(), Applies::Below),
            (
                "additionalProperties",
                additional_properties.$as_deref(),
                Applies::Below,
            ),
            ("propertyNames", property_names.$as_deref(), Applies::Below),
            ("contains", contains.$as_deref(), Applies::Below),
            (
                "unevaluatedItems",
                unevaluated_items.$as_deref(),
                Applies::Below,
            ),
            (
                "unevaluatedProperties",
                unevaluated_properties.$as_deref(),
                Applies::Below,
            ),
            ("not", not.$as_deref(), Applies::InPlace),
            ("if", if_schema.$as_deref(), Applies::InPlace),
            ("then", then_schema.$as_deref(), Applies::InPlace),
            ("else", else_schema.$as_deref(), Applies::InPlace),
            ("contentSchema", content_schema.$as_deref(), Applies::Never),
        ] {
            if let Some(node) = node {
                $out.push((one(key), node, applies));
            }
        }
        $out.extend(
            properties
                .$iter()
                .map(|(name, node)| (two("properties", name), node, Applies::Below)),
        );
        $out.extend(
            pattern_properties
                .$iter()
                .map(|(name, node)| (two("patternProperties", name), node, Applies::Below)),
        );
        $out.extend(
            dependent_schemas
                .$iter()
                .map(|(name, node)| (two("dependentSchemas", name), node, Applies::InPlace)),
        );
        $out.extend(
            defs.$iter()
                .map(|(name, node)| (two("$defs", name), node, Applies::Never)),
        );
        for (key, list, applies) in [
            ("prefixItems", prefix_items, Applies::Below),
            ("allOf", all_of, Applies::InPlace),
            ("anyOf", any_of, Applies::InPlace),
            ("oneOf", one_of, Applies::InPlace),
        ] {
            $out.extend(
                list.$iter()
                    .enumerate()
                    .map(|(i, node)| (two(key, &i.to_string()), node, applies)),
            );
        }
    }};
}
use each_subschema;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_percent_decoded_then_split_then_unescaped() {
        assert_eq!(pointer_segments("#"), Some(vec![]));
        assert_eq!(
            pointer_segments("#/$defs/a%25b/properties/x~1y~0z"),
            Some(vec![
                "$defs".into(),
                "a%b".into(),
                "properties".into(),
                "x/y~z".into()
            ])
        );
        assert_eq!(pointer_segments("other.json#/a"), None);
        assert_eq!(pointer_segments("#a"), None);
        // `%+f` is no escape (from_str_radix alone would take the sign).
        assert_eq!(
            pointer_segments("#/$defs/%+f"),
            Some(vec!["$defs".into(), "%+f".into()])
        );
    }
}
