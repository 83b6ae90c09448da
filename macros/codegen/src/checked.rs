//! A checked node's schema, lowered for the emitter: every subschema it
//! reaches (through `$ref`s too, cycles included) gets an id, and each
//! keyword becomes one check over ids. `emit::schema` writes it as
//! `static` data of `mpkit_runtime::schema`.

use std::collections::HashMap;

use serde_json::{Number, Value};

use crate::spec::{ApiSchema, JsonType, SchemaNode};

/// A subschema's id: its index in [`CheckedSchema::nodes`].
pub(crate) type NodeId = usize;

/// The schema of one checked member or option; node 0 is its root.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckedSchema {
    pub nodes: Vec<Vec<CheckSpec>>,
}

/// One keyword's check, as `mpkit_runtime::schema::Check` holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CheckSpec {
    Never,
    Type(Vec<JsonType>),
    Enum(Vec<Value>),
    Const(Value),
    MultipleOf(Number),
    Minimum(Number),
    Maximum(Number),
    ExclusiveMinimum(Number),
    ExclusiveMaximum(Number),
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    Items {
        prefix: Vec<NodeId>,
        rest: Option<NodeId>,
    },
    Contains {
        schema: NodeId,
        min: u64,
        max: Option<u64>,
    },
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    Members {
        named: Vec<(String, NodeId)>,
        patterns: Vec<(String, NodeId)>,
        additional: Option<NodeId>,
    },
    PropertyNames(NodeId),
    MinProperties(u64),
    MaxProperties(u64),
    Required(Vec<String>),
    DependentRequired(Vec<(String, Vec<String>)>),
    DependentSchemas(Vec<(String, NodeId)>),
    AllOf(Vec<NodeId>),
    AnyOf(Vec<NodeId>),
    OneOf(Vec<NodeId>),
    Not(NodeId),
    If {
        condition: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    Ref(NodeId),
    UnevaluatedItems(NodeId),
    UnevaluatedProperties(NodeId),
}

/// Lowers `root` and everything it reaches. The loader has checked that
/// every `$ref` resolves; one that does not would check as `false`.
pub(crate) fn lower(api: &ApiSchema, root: &SchemaNode) -> CheckedSchema {
    let mut lowering = Lowering {
        api,
        ids: HashMap::new(),
        nodes: Vec::new(),
        pending: Vec::new(),
    };
    lowering.id(root);
    while let Some((id, node)) = lowering.pending.pop() {
        let checks = lowering.checks(node);
        lowering.nodes[id] = checks;
    }
    CheckedSchema {
        nodes: lowering.nodes,
    }
}

struct Lowering<'a> {
    api: &'a ApiSchema,
    ids: HashMap<*const SchemaNode, NodeId>,
    nodes: Vec<Vec<CheckSpec>>,
    /// Nodes with an id whose checks are not lowered yet: a worklist, so a
    /// deep or cyclic schema costs no recursion.
    pending: Vec<(NodeId, &'a SchemaNode)>,
}

impl<'a> Lowering<'a> {
    fn id(&mut self, node: &'a SchemaNode) -> NodeId {
        let key = std::ptr::from_ref(node);
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = self.nodes.len();
        self.nodes.push(Vec::new());
        self.ids.insert(key, id);
        self.pending.push((id, node));
        id
    }

    fn ids(&mut self, nodes: &'a [SchemaNode]) -> Vec<NodeId> {
        nodes.iter().map(|node| self.id(node)).collect()
    }

    fn optional(&mut self, node: Option<&'a SchemaNode>) -> Option<NodeId> {
        node.map(|node| self.id(node))
    }

    fn checks(&mut self, node: &'a SchemaNode) -> Vec<CheckSpec> {
        if node.is_false() {
            return vec![CheckSpec::Never];
        }
        let mut checks = Vec::new();
        if let Some(reference) = &node.reference {
            checks.push(match self.api.node_at(reference) {
                Some(target) => CheckSpec::Ref(self.id(target)),
                None => CheckSpec::Never,
            });
        }
        if !node.type_list().is_empty() {
            checks.push(CheckSpec::Type(node.type_list().to_vec()));
        }
        if let Some(values) = &node.enum_values {
            checks.push(CheckSpec::Enum(values.clone()));
        }
        if let Some(value) = &node.const_value {
            checks.push(CheckSpec::Const(value.clone()));
        }
        self.scalar_checks(node, &mut checks);
        self.array_checks(node, &mut checks);
        self.object_checks(node, &mut checks);
        self.applicator_checks(node, &mut checks);
        checks
    }

    fn scalar_checks(&mut self, node: &'a SchemaNode, checks: &mut Vec<CheckSpec>) {
        let numbers = [
            (
                &node.multiple_of,
                CheckSpec::MultipleOf as fn(Number) -> CheckSpec,
            ),
            (&node.minimum, CheckSpec::Minimum),
            (&node.maximum, CheckSpec::Maximum),
            (&node.exclusive_minimum, CheckSpec::ExclusiveMinimum),
            (&node.exclusive_maximum, CheckSpec::ExclusiveMaximum),
        ];
        for (number, make) in numbers {
            if let Some(number) = number {
                checks.push(make(number.clone()));
            }
        }
        checks.extend(node.min_length.map(CheckSpec::MinLength));
        checks.extend(node.max_length.map(CheckSpec::MaxLength));
        checks.extend(node.pattern.clone().map(CheckSpec::Pattern));
    }

    fn array_checks(&mut self, node: &'a SchemaNode, checks: &mut Vec<CheckSpec>) {
        if !node.prefix_items.is_empty() || node.items.is_some() {
            let prefix = self.ids(&node.prefix_items);
            let rest = self.optional(node.items.as_deref());
            checks.push(CheckSpec::Items { prefix, rest });
        }
        if let Some(contains) = &node.contains {
            let schema = self.id(contains);
            checks.push(CheckSpec::Contains {
                schema,
                min: node.min_contains.unwrap_or(1),
                max: node.max_contains,
            });
        }
        checks.extend(node.min_items.map(CheckSpec::MinItems));
        checks.extend(node.max_items.map(CheckSpec::MaxItems));
        if node.unique_items == Some(true) {
            checks.push(CheckSpec::UniqueItems);
        }
        if let Some(unevaluated) = &node.unevaluated_items {
            let id = self.id(unevaluated);
            checks.push(CheckSpec::UnevaluatedItems(id));
        }
    }

    fn object_checks(&mut self, node: &'a SchemaNode, checks: &mut Vec<CheckSpec>) {
        if !node.properties.is_empty()
            || !node.pattern_properties.is_empty()
            || node.additional_properties.is_some()
        {
            let named = node
                .properties
                .iter()
                .map(|(name, n)| (name.clone(), self.id(n)))
                .collect();
            let patterns = node
                .pattern_properties
                .iter()
                .map(|(p, n)| (p.clone(), self.id(n)))
                .collect();
            let additional = self.optional(node.additional_properties.as_deref());
            checks.push(CheckSpec::Members {
                named,
                patterns,
                additional,
            });
        }
        if let Some(names) = &node.property_names {
            let id = self.id(names);
            checks.push(CheckSpec::PropertyNames(id));
        }
        checks.extend(node.min_properties.map(CheckSpec::MinProperties));
        checks.extend(node.max_properties.map(CheckSpec::MaxProperties));
        if !node.required.is_empty() {
            checks.push(CheckSpec::Required(node.required.clone()));
        }
        if !node.dependent_required.is_empty() {
            let rules = node
                .dependent_required
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            checks.push(CheckSpec::DependentRequired(rules));
        }
        if !node.dependent_schemas.is_empty() {
            let rules = node
                .dependent_schemas
                .iter()
                .map(|(k, n)| (k.clone(), self.id(n)))
                .collect();
            checks.push(CheckSpec::DependentSchemas(rules));
        }
        if let Some(unevaluated) = &node.unevaluated_properties {
            let id = self.id(unevaluated);
            checks.push(CheckSpec::UnevaluatedProperties(id));
        }
    }

    fn applicator_checks(&mut self, node: &'a SchemaNode, checks: &mut Vec<CheckSpec>) {
        for (list, make) in [
            (
                &node.all_of,
                CheckSpec::AllOf as fn(Vec<NodeId>) -> CheckSpec,
            ),
            (&node.any_of, CheckSpec::AnyOf),
            (&node.one_of, CheckSpec::OneOf),
        ] {
            if !list.is_empty() {
                let ids = self.ids(list);
                checks.push(make(ids));
            }
        }
        if let Some(not) = &node.not {
            let id = self.id(not);
            checks.push(CheckSpec::Not(id));
        }
        // `then` and `else` without `if` are annotations.
        if let Some(condition) = &node.if_schema {
            let condition = self.id(condition);
            let then = self.optional(node.then_schema.as_deref());
            let otherwise = self.optional(node.else_schema.as_deref());
            checks.push(CheckSpec::If {
                condition,
                then,
                otherwise,
            });
        }
    }
}
