//! `allOf` of plain objects folded into one object, so that it becomes one
//! Rust struct: `{"allOf": [{"$ref": "#/$defs/Base"}, {"properties": ...}]}`.
//!
//! JSON Schema checks an object against every part. When each part only
//! names members (`properties`, `required`, at most `"type": "object"`) and
//! leaves other members alone, that is the same as checking it against one
//! object with all the parts' members and all their required names; a member
//! two parts both describe must be described alike. Anything else stays as
//! written, and so stays a value kept as JSON and checked by the evaluator.
//!
//! The fold runs after `identify`, so the `$ref`s inside the members it
//! copies are pointers from the top of the file and mean the same anywhere.
//! It records where each copied member came from, so a problem found in it
//! is reported where the file has it.

use super::problems::Problems;
use super::source::child;
use crate::spec::{ApiSchema, JsonType, OrderedMap, SchemaNode, TypeSet};

/// The most folds one file gets: far beyond any real schema, and a bound
/// on the work a hostile one can cause.
const MAX_FOLDS: usize = 4096;

/// Folds every foldable `allOf` of `api`, in place. Nodes deeper in the
/// tree first, one at a time, so that a part which was an `allOf` itself is
/// folded by the time the node holding it is planned.
pub(super) fn fold_all_of(api: &mut ApiSchema, problems: &mut Problems) {
    for _ in 0..MAX_FOLDS {
        let next = every_node(api)
            .into_iter()
            .rev()
            .find_map(|(pointer, node)| plan(api, node, &pointer).map(|fold| (pointer, fold)));
        let Some((pointer, fold)) = next else {
            return;
        };
        for (member, origin) in &fold.origins {
            problems.alias(&child(&child(&pointer, "properties"), member), origin);
        }
        let Some(node) = node_at_pointer_mut(api, &pointer) else {
            return;
        };
        node.properties = fold.properties;
        node.required = fold.required;
        node.types = Some(TypeSet::One(JsonType::Object));
        node.all_of.clear();
    }
}

/// What a node becomes: its members and required names, and where each
/// member copied from a part is written in the file.
struct Fold {
    properties: OrderedMap<SchemaNode>,
    required: Vec<String>,
    origins: Vec<(String, String)>,
}

fn plan(api: &ApiSchema, node: &SchemaNode, pointer: &str) -> Option<Fold> {
    if node.all_of.is_empty() || !only_member_keywords(node) || !object_or_untyped(node) {
        return None;
    }
    let mut says_object = node.types.is_some();
    let mut fold = Fold {
        properties: node.properties.clone(),
        required: node.required.clone(),
        origins: Vec::new(),
    };
    for (i, part) in node.all_of.iter().enumerate() {
        let (part, at) = match &part.reference {
            Some(reference) if is_bare_reference(part) => {
                let segments = crate::spec::pointer_segments(reference)?;
                let at = segments.iter().fold(String::new(), |at, s| child(&at, s));
                (api.node_at(reference)?, at)
            }
            _ => (part, format!("{pointer}/allOf/{i}")),
        };
        if !plain_object(part) {
            return None;
        }
        says_object |= part.types.is_some();
        for (name, member) in &part.properties {
            match fold.properties.get(name) {
                Some(existing) if existing != member => return None,
                Some(_) => {}
                None => {
                    fold.properties.insert(name.clone(), member.clone());
                    fold.origins
                        .push((name.clone(), child(&child(&at, "properties"), name)));
                }
            }
        }
        for name in &part.required {
            if !fold.required.contains(name) {
                fold.required.push(name.clone());
            }
        }
    }
    says_object.then_some(fold)
}

/// `"type": "object"`, or no `type`.
fn object_or_untyped(node: &SchemaNode) -> bool {
    matches!(node.types, None | Some(TypeSet::One(JsonType::Object)))
}

/// A node that says only what a struct and its field say: `allOf`, its own
/// members, and annotations or `x-` keywords of the member it is.
fn only_member_keywords(node: &SchemaNode) -> bool {
    let bare = SchemaNode {
        all_of: node.all_of.clone(),
        types: node.types.clone(),
        properties: node.properties.clone(),
        required: node.required.clone(),
        defs: node.defs.clone(),
        title: node.title.clone(),
        description: node.description.clone(),
        comment: node.comment.clone(),
        examples: node.examples.clone(),
        deprecated: node.deprecated,
        since: node.since,
        present_when: node.present_when.clone(),
        rust_name: node.rust_name.clone(),
        departs_from_typings: node.departs_from_typings.clone(),
        ..SchemaNode::default()
    };
    *node == bare
}

/// A part that only names members.
fn plain_object(part: &SchemaNode) -> bool {
    let bare = SchemaNode {
        types: part.types.clone(),
        properties: part.properties.clone(),
        required: part.required.clone(),
        defs: part.defs.clone(),
        title: part.title.clone(),
        description: part.description.clone(),
        comment: part.comment.clone(),
        examples: part.examples.clone(),
        ..SchemaNode::default()
    };
    object_or_untyped(part) && *part == bare
}

/// A part that is a `$ref` and annotations only.
fn is_bare_reference(part: &SchemaNode) -> bool {
    let bare = SchemaNode {
        reference: part.reference.clone(),
        title: part.title.clone(),
        description: part.description.clone(),
        comment: part.comment.clone(),
        ..SchemaNode::default()
    };
    *part == bare
}

/// Every node of the file with its pointer, parents before children.
fn every_node(api: &ApiSchema) -> Vec<(String, &SchemaNode)> {
    let mut roots: Vec<(String, &SchemaNode)> = vec![
        ("/request".to_owned(), &api.request),
        ("/success".to_owned(), &api.success),
    ];
    roots.extend(api.fail.iter().map(|n| ("/fail".to_owned(), n)));
    roots.extend(api.encrypted.iter().map(|n| ("/encrypted".to_owned(), n)));
    roots.extend(api.defs.iter().map(|(name, n)| (child("/$defs", name), n)));
    let mut all = Vec::new();
    let mut stack: Vec<(String, &SchemaNode)> = roots.into_iter().rev().collect();
    while let Some((pointer, node)) = stack.pop() {
        for (segments, below, _) in node.subschemas().into_iter().rev() {
            let at = segments.iter().fold(pointer.clone(), |at, s| child(&at, s));
            stack.push((at, below));
        }
        all.push((pointer, node));
    }
    all
}

/// The node at a JSON pointer made by [`every_node`].
fn node_at_pointer_mut<'a>(api: &'a mut ApiSchema, pointer: &str) -> Option<&'a mut SchemaNode> {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (first, mut rest) = segments.split_first()?;
    let mut node = match first.as_str() {
        "request" => &mut api.request,
        "success" => &mut api.success,
        "fail" => api.fail.as_mut()?,
        "encrypted" => api.encrypted.as_mut()?,
        "$defs" => {
            let (name, after) = rest.split_first()?;
            rest = after;
            api.defs.get_mut(name)?
        }
        _ => return None,
    };
    while !rest.is_empty() {
        let current = node;
        let (next, after) = current
            .subschemas_mut()
            .into_iter()
            .find(|(segments, _, _)| rest.starts_with(segments))
            .map(|(segments, below, _)| (below, segments.len()))?;
        node = next;
        rest = rest.get(after..)?;
    }
    Some(node)
}
