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

use std::collections::HashSet;

use super::problems::Problems;
use super::source::{child, pointer_of};
use crate::spec::{ApiSchema, JsonType, OrderedMap, SchemaNode, TypeSet};

/// The most folds one file gets: far beyond any real schema, and a bound
/// on the work a hostile one can cause.
const MAX_FOLDS: usize = 4096;

/// The most passes over the file: a part that is a `$ref` to an `allOf`
/// folds in the pass after its target does, so this is how long a chain of
/// such definitions folds; what is left stays as written (checked JSON).
const MAX_PASSES: usize = 8;

/// Folds every foldable `allOf` of `api`, in place. Each pass walks the
/// file once, nodes deeper in the tree first, so that a part which was an
/// `allOf` itself is folded by the time the node holding it is planned; a
/// `$ref` part is read from the file as it was when the pass began. Each
/// pass costs one walk and one copy of the model, whatever the file holds.
pub(super) fn fold_all_of(api: &mut ApiSchema, problems: &mut Problems) {
    if !api.parts().iter().any(|(_, node)| has_all_of(node)) {
        return;
    }
    let blocked = referenced_through_all_of(api);
    let mut copies = HashSet::new();
    let mut folds = 0;
    for _ in 0..MAX_PASSES {
        let before = api.clone();
        let mut pass = Pass {
            file: &before,
            blocked: &blocked,
            copies: &mut copies,
            problems: &mut *problems,
            folds,
        };
        for (segments, node) in api.parts_mut() {
            pass.walk(node, &pointer_of(&segments));
        }
        if pass.folds == folds || pass.folds >= MAX_FOLDS {
            return;
        }
        folds = pass.folds;
    }
}

/// One walk over the file.
struct Pass<'a> {
    /// The file as it was when the pass began, for `$ref` parts.
    file: &'a ApiSchema,
    /// Nodes whose `allOf` some `$ref` points into (see
    /// [`referenced_through_all_of`]).
    blocked: &'a HashSet<String>,
    /// The members folds copied, by pointer: never folded again, since a
    /// copy of a recursive definition's member would fold into a copy of
    /// it once per pass (unrolling the recursion until the nesting bound
    /// refused a valid schema). Their originals fold where the file has them.
    copies: &'a mut HashSet<String>,
    problems: &'a mut Problems,
    folds: usize,
}

impl Pass<'_> {
    /// Folds what is below `node`, then `node` itself. The JSON nesting
    /// limit (128) bounds the recursion.
    fn walk(&mut self, node: &mut SchemaNode, pointer: &str) {
        if self.copies.contains(pointer) {
            return;
        }
        for (segments, below, _) in node.subschemas_mut() {
            let at = segments
                .iter()
                .fold(pointer.to_owned(), |at, s| child(&at, s));
            self.walk(below, &at);
        }
        if self.folds >= MAX_FOLDS || self.blocked.contains(pointer) {
            return;
        }
        let Some(fold) = plan(self.file, node, pointer) else {
            return;
        };
        for (member, origin) in &fold.origins {
            let copy = child(&child(pointer, "properties"), member);
            self.problems.alias(&copy, origin);
            self.copies.insert(copy);
        }
        node.properties = fold.properties;
        node.required = fold.required;
        node.types = Some(TypeSet::One(JsonType::Object));
        node.all_of.clear();
        self.folds += 1;
    }
}

/// Whether `node` or a node below it has an `allOf`. The JSON nesting limit
/// bounds the recursion.
fn has_all_of(node: &SchemaNode) -> bool {
    !node.all_of.is_empty()
        || node
            .subschemas()
            .iter()
            .any(|(_, below, _)| has_all_of(below))
}

/// The nodes (as JSON pointers) whose `allOf` a `$ref` of the file points
/// into (`#/$defs/T/allOf/0/properties/a`, or a `$defs` of a part): folding
/// them would leave the reference pointing at nothing, which checks as
/// `false`. A member named `allOf` on the way only keeps a node unfolded.
fn referenced_through_all_of(api: &ApiSchema) -> HashSet<String> {
    let mut references = Vec::new();
    for (_, node) in api.parts() {
        crate::typing::collect_refs(node, &mut references);
    }
    let mut blocked = HashSet::new();
    for reference in references {
        let Some(segments) = crate::spec::pointer_segments(&reference) else {
            continue;
        };
        let mut pointer = String::new();
        for segment in &segments {
            if segment == "allOf" {
                blocked.insert(pointer.clone());
            }
            pointer = child(&pointer, segment);
        }
    }
    blocked
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
    // A required name no part declares is a rule on an undescribed member,
    // which a struct does not check: such an `allOf` stays as written.
    let declared = fold
        .required
        .iter()
        .all(|name| fold.properties.contains_key(name));
    (says_object && declared).then_some(fold)
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
