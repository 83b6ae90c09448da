//! A member (an option or a field) as every reader of the model sees it:
//! the node written under `properties`, merged once with the definition its
//! `$ref` names. Lowering, `diff` and `matrix` all read members through
//! this, so the merge rules (the member's own keyword wins; quirks of both,
//! each once) live in one place.

use mpkit_runtime::Version;

use super::api::Condition;
use super::node::{Departure, Quirk};
use super::{ApiSchema, SchemaNode};

/// A member merged with what its `$ref` names.
#[derive(Debug, Clone, Copy)]
pub struct MemberView<'a> {
    /// The node as written under `properties`.
    pub node: &'a SchemaNode,
    /// The node with its `$ref`s followed (the same node without one).
    pub resolved: &'a SchemaNode,
}

impl<'a> MemberView<'a> {
    /// Whether the member has a `$ref` to a node of its own (its keywords
    /// then come from two places).
    fn distinct(&self) -> bool {
        !std::ptr::eq(self.node, self.resolved)
    }

    /// The base library the member needs: its own `x-since`, else its
    /// definition's.
    #[must_use]
    pub fn since(&self) -> Option<Version> {
        self.node.since.or(self.resolved.since)
    }

    /// When the member is present (`x-present-when`), its own or its definition's.
    #[must_use]
    pub fn present_when(&self) -> Option<&'a Condition> {
        self.node
            .present_when
            .as_ref()
            .or(self.resolved.present_when.as_ref())
    }

    /// The short English line: its own, else its definition's.
    #[must_use]
    pub fn title(&self) -> Option<&'a str> {
        self.node
            .title
            .as_deref()
            .or(self.resolved.title.as_deref())
    }

    /// The platform's text: its own, else its definition's.
    #[must_use]
    pub fn description(&self) -> Option<&'a str> {
        self.node
            .description
            .as_deref()
            .or(self.resolved.description.as_deref())
    }

    /// Its quirks, then its definition's, each node's once.
    #[must_use]
    pub fn quirks(&self) -> Vec<&'a Quirk> {
        let mut quirks: Vec<&Quirk> = self.node.quirks.iter().collect();
        if self.distinct() {
            quirks.extend(&self.resolved.quirks);
        }
        quirks
    }

    /// Whether it must be kept byte for byte (`x-verbatim`), here or in its definition.
    #[must_use]
    pub fn verbatim(&self) -> bool {
        self.node.verbatim || self.resolved.verbatim
    }

    /// Its deliberate difference from the official typings, its own or its definition's.
    #[must_use]
    pub fn departure(&self) -> Option<&'a Departure> {
        self.node
            .departs_from_typings
            .as_ref()
            .or(self.resolved.departs_from_typings.as_ref())
    }
}

impl ApiSchema {
    /// `node`, a member written under some `properties`, merged with what
    /// its `$ref` names.
    #[must_use]
    pub fn member<'a>(&'a self, node: &'a SchemaNode) -> MemberView<'a> {
        MemberView {
            node,
            resolved: self.resolve(node),
        }
    }
}
