//! The checks of nodes kept as JSON and evaluated against their schema at
//! run time (see `typing`): what the evaluator relies on (every `$ref`
//! resolves inside the file: `identify` sees to that). Every pattern
//! compiles with the runtime's engine, `multipleOf` is positive, typing-only `x-` keywords are not
//! silently ignored, and no `$ref` cycle stays on one value forever.

use std::collections::HashMap;

use super::problems::Problems;
use super::source::{child, pointer_of};
use crate::spec::{ApiSchema, Applies, SchemaNode};

/// Checks `node` (at `pointer`) and everything below it.
pub(super) fn subtree(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    walk(node, pointer, false, problems);
}

/// `below`: the node is inside the checked value, not the member itself,
/// so a member's own keywords (`x-since`, ...) would mean nothing there.
fn walk(node: &SchemaNode, pointer: &str, below: bool, problems: &mut Problems) {
    // The JSON nesting limit (128) bounds this recursion.
    here(node, pointer, problems);
    if below {
        members_keywords_below(node, pointer, problems);
    }
    for (segments, child_node, _) in node.subschemas() {
        let mut at = pointer.to_owned();
        for segment in &segments {
            at = child(&at, segment);
        }
        walk(child_node, &at, true, problems);
    }
}

/// A member's keywords inside a value kept as JSON: no Rust field there to
/// gate, make optional, rename or keep verbatim, so they would be ignored.
fn members_keywords_below(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    for (keyword, present) in [
        ("x-since", node.since.is_some()),
        ("x-present-when", node.present_when.is_some()),
        ("x-rust-name", node.rust_name.is_some()),
        ("x-verbatim", node.verbatim),
    ] {
        if present {
            problems.key(
                &child(pointer, keyword),
                format!("`{keyword}` has no effect here: it is inside a value kept as JSON and checked against its schema, where no Rust field stands"),
                format!("remove `{keyword}`, or move it to the member that holds this value"),
            );
        }
    }
}

fn here(node: &SchemaNode, pointer: &str, problems: &mut Problems) {
    let patterns = node
        .pattern
        .iter()
        .map(|p| (child(pointer, "pattern"), p))
        .chain(
            node.pattern_properties
                .keys()
                .map(|p| (child(&child(pointer, "patternProperties"), p), p)),
        );
    for (at, pattern) in patterns {
        if let Err(error) = regex_lite::Regex::new(pattern) {
            problems.key(
                &at,
                format!("pattern {pattern:?} does not compile: {error}"),
                "write a regular expression in the syntax of the `regex` crate (no look-around, no backreferences, no Unicode classes)",
            );
        }
    }
    if node.enum_values.as_ref().is_some_and(Vec::is_empty) {
        problems.value(
            &child(pointer, "enum"),
            "an `enum` with no values allows nothing",
            "list the values the platform documents, or remove `enum`",
        );
    }
    if node
        .multiple_of
        .as_ref()
        .and_then(serde_json::Number::as_f64)
        .is_some_and(|m| m <= 0.0)
    {
        problems.value(
            &child(pointer, "multipleOf"),
            "`multipleOf` must be greater than 0",
            "use a positive number",
        );
    }
    for (keyword, present) in [
        ("x-quirks", !node.quirks.is_empty()),
        ("x-enum-names", !node.enum_names.is_empty()),
    ] {
        if present {
            problems.key(
                &child(pointer, keyword),
                format!("`{keyword}` has no effect here: this value is kept as JSON and checked against its schema, not given a Rust type"),
                format!("remove `{keyword}`, or describe the value with keywords mpkit types (see the README's list)"),
            );
        }
    }
}

/// `$ref` cycles that never descend into the value (`A` is `allOf: [B]`,
/// `B` is `$ref: A`): evaluating them would never end, so they are
/// refused, at the `$ref` that closes the cycle.
pub(super) fn in_place_cycles(api: &ApiSchema, problems: &mut Problems) {
    let roots: Vec<(String, &SchemaNode)> = api
        .parts()
        .into_iter()
        .map(|(segments, node)| (pointer_of(&segments), node))
        .collect();
    // Every node with its pointer, then a search over in-place edges.
    let mut all: Vec<(String, &SchemaNode)> = Vec::new();
    let mut stack = roots;
    while let Some((pointer, node)) = stack.pop() {
        for (segments, below, _) in node.subschemas() {
            let mut at = pointer.clone();
            for segment in &segments {
                at = child(&at, segment);
            }
            stack.push((at, below));
        }
        all.push((pointer, node));
    }
    let index: HashMap<*const SchemaNode, usize> = all
        .iter()
        .enumerate()
        .map(|(i, (_, node))| (std::ptr::from_ref(*node), i))
        .collect();
    // Each edge: its target, and whether it is the node's `$ref`.
    let edges: Vec<Vec<(usize, bool)>> = all
        .iter()
        .map(|(_, node)| {
            let mut next: Vec<(usize, bool)> = node
                .subschemas()
                .into_iter()
                .filter(|(_, _, applies)| *applies == Applies::InPlace)
                .filter_map(|(_, below, _)| index.get(&std::ptr::from_ref(below)).copied())
                .map(|target| (target, false))
                .collect();
            if let Some(target) = node.reference.as_deref().and_then(|r| api.node_at(r)) {
                next.extend(index.get(&std::ptr::from_ref(target)).map(|t| (*t, true)));
            }
            next
        })
        .collect();
    // 0: unvisited, 1: on the current path, 2: done.
    let mut state = vec![0u8; all.len()];
    for start in 0..all.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            if let Some(&(target, by_ref)) = edges[node].get(*next) {
                *next += 1;
                match state[target] {
                    0 => {
                        state[target] = 1;
                        path.push((target, 0));
                    }
                    1 => problems.value(
                        &if by_ref { child(&all[node].0, "$ref") } else { all[node].0.clone() },
                        "this schema applies itself to the same value again (a `$ref` cycle through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` or `dependentSchemas` only), so checking a value would never end",
                        "make the recursion go through a member or an element (`properties`, `items`, ...), as a tree's `children` does",
                    ),
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
}
