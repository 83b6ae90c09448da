//! `type` lists JSON Schema itself refuses: an empty list (which no value
//! could match, though a reader might take it for "any type") and a type
//! named twice. The 2020-12 meta-schema requires at least one type, each
//! once; a validator refuses such a schema outright, so mpkit does too.

use super::problems::Problems;
use super::source::{child, pointer_of};
use crate::spec::{ApiSchema, SchemaNode, TypeSet};

/// Records every such list in the file.
pub(super) fn check(api: &ApiSchema, problems: &mut Problems) {
    let mut stack: Vec<(String, &SchemaNode)> = api
        .parts()
        .into_iter()
        .map(|(segments, node)| (pointer_of(&segments), node))
        .collect();
    while let Some((pointer, node)) = stack.pop() {
        if let Some(TypeSet::Many(types)) = &node.types {
            let at = child(&pointer, "type");
            if types.is_empty() {
                problems.value(
                    &at,
                    "an empty `type` list: JSON Schema requires at least one type",
                    "name the types the value may have, or remove `type` to allow any",
                );
            }
            for (i, t) in types.iter().enumerate() {
                if types[..i].contains(t) {
                    problems.value(
                        &child(&at, &i.to_string()),
                        format!("`type` names \"{}\" twice", t.as_str()),
                        "name each type once",
                    );
                }
            }
        }
        for (segments, below, _) in node.subschemas() {
            let at = segments.iter().fold(pointer.clone(), |at, s| child(&at, s));
            stack.push((at, below));
        }
    }
}
