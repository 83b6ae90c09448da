//! Rules the decoders would ignore, refused: a JSON Schema validator applies
//! `minLength`, `pattern`, `minimum`, `const` and the like wherever they
//! stand, but generated code checks them on an object's members and on
//! options of one plain type. A rule anywhere else (on array items, in an
//! `anyOf` alternative, on a member of several types) would let data
//! through that a validator refuses, so the loader says so instead.

use std::collections::HashSet;

use super::problems::Problems;
use super::source::child;
use crate::spec::{ApiSchema, JsonType, SchemaNode};

/// Where a node stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    /// An object's member or an option: its rules are checked.
    Member,
    /// The discriminant, which its outcome convention checks.
    Discriminant,
    /// Anywhere else.
    Other,
}

/// Records every rule no generated decoder or builder would check.
pub(super) fn check(api: &ApiSchema, problems: &mut Problems) {
    let mut walk = Walk {
        api,
        seen: HashSet::new(),
        problems,
    };
    walk.node(&api.request, "/request", Place::Other);
    walk.success(&api.success);
    for (pointer, part) in [
        ("/fail", api.fail.as_ref()),
        ("/encrypted", api.encrypted.as_ref()),
    ] {
        if let Some(part) = part {
            walk.node(part, pointer, Place::Other);
        }
    }
}

struct Walk<'a, 'p> {
    api: &'a ApiSchema,
    /// Definitions already walked, by name and place (refs may repeat).
    seen: HashSet<(String, Place)>,
    problems: &'p mut Problems,
}

impl<'a> Walk<'a, '_> {
    fn success(&mut self, success: &'a SchemaNode) {
        let resolved = self.api.resolve(success);
        let at = match success
            .reference
            .as_deref()
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => pointer.to_owned(),
            None => "/success".to_owned(),
        };
        for (name, member) in &resolved.properties {
            let place = if *name == self.api.outcome.field {
                Place::Discriminant
            } else {
                Place::Member
            };
            self.node(member, &child(&child(&at, "properties"), name), place);
        }
        self.children(resolved, &at);
    }

    /// Checks `node` standing at `place`, then what is below it; a `$ref` is
    /// followed once per definition and place.
    fn node(&mut self, node: &'a SchemaNode, pointer: &str, place: Place) {
        self.rules(node, pointer, place);
        if let Some(reference) = &node.reference {
            let name = reference
                .strip_prefix("#/$defs/")
                .map(crate::spec::decode_definition_name);
            if let (Some(name), Some(target)) = (name, self.api.definition(reference)) {
                if self.seen.insert((name.clone(), place)) {
                    self.node(target, &child("/$defs", &name), place);
                }
            }
        }
        for (name, member) in &node.properties {
            self.node(
                member,
                &child(&child(pointer, "properties"), name),
                Place::Member,
            );
        }
        self.children(node, pointer);
    }

    /// Items and `anyOf` alternatives, where rules are not checked.
    fn children(&mut self, node: &'a SchemaNode, pointer: &str) {
        if let Some(items) = &node.items {
            self.node(items, &child(pointer, "items"), Place::Other);
        }
        for (i, branch) in node.any_of.iter().enumerate() {
            self.node(branch, &format!("{pointer}/anyOf/{i}"), Place::Other);
        }
    }

    fn rules(&mut self, node: &SchemaNode, pointer: &str, place: Place) {
        let present: Vec<&str> = [
            ("minLength", node.min_length.is_some()),
            ("maxLength", node.max_length.is_some()),
            ("pattern", node.pattern.is_some()),
            ("minimum", node.minimum.is_some()),
            ("maximum", node.maximum.is_some()),
            ("const", node.const_value.is_some()),
        ]
        .into_iter()
        .filter_map(|(keyword, here)| here.then_some(keyword))
        .collect();
        if present.is_empty() || place == Place::Discriminant {
            return;
        }
        let plain = matches!(
            node.type_list(),
            [JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean]
        );
        let const_on_number = node.const_value.is_some() && node.type_list() == [JsonType::Number];
        if place == Place::Member && plain && !const_on_number {
            return;
        }
        let keyword = present[0];
        self.problems.key(
            &child(pointer, keyword),
            format!("`{keyword}` here would not be checked when decoding, though a JSON Schema validator applies it"),
            "mpkit checks rules on object members and options of one type (string, integer, number, or boolean; `const` not on a number); move the rule there, or remove it",
        );
    }
}
