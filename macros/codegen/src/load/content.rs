//! JSON text members: a string whose `contentMediaType` is
//! `application/json` and whose `contentSchema` names a definition is
//! decoded into that definition's type, its text kept (`mpkit::JsonText`).
//! These checks refuse the forms mpkit would otherwise read differently
//! from what the file seems to say.
//!
//! Inside a member kept as checked JSON, `contentSchema` stays what JSON
//! Schema makes it, an annotation: the checked subtree is validated as a
//! whole and these checks do not reach it.

use super::problems::Problems;
use super::source::child;
use crate::spec::{ApiSchema, JsonType, SchemaNode};

/// The problems of `node`'s `contentSchema`, if it has one. `in_request`:
/// the node is an option, which mpkit builds and never decodes.
pub(super) fn check(
    api: &ApiSchema,
    node: &SchemaNode,
    pointer: &str,
    in_request: bool,
    problems: &mut Problems,
) {
    let Some(content) = node.content_schema.as_deref() else {
        return;
    };
    let at = child(pointer, "contentSchema");
    if in_request {
        problems.key(
            &at,
            "`contentSchema` on an option: options are built and sent as they are, never decoded",
            "remove `contentSchema` (describe the option's text with `pattern` or `maxLength` if needed)",
        );
        return;
    }
    if node.content_media_type.as_deref() != Some("application/json") {
        problems.key(
            &at,
            "`contentSchema` without `\"contentMediaType\": \"application/json\"`: mpkit reads only JSON text",
            "add `\"contentMediaType\": \"application/json\"`, or remove `contentSchema`",
        );
        return;
    }
    if node.type_list() != [JsonType::String] {
        problems.key(
            &at,
            "`contentSchema` describes the JSON inside a string, and this member is not `\"type\": \"string\"`",
            "give the member `\"type\": \"string\"`",
        );
        return;
    }
    let defined = content
        .reference
        .as_deref()
        .and_then(|reference| api.definition(reference))
        .is_some_and(|target| {
            crate::typing::is_struct_shaped(target) && target.type_list() == [JsonType::Object]
        });
    if !defined || !only_a_reference(content) {
        problems.value(
            &at,
            "mpkit decodes JSON text into a definition of this file: `contentSchema` must be only a `$ref` to an object definition",
            "describe the JSON under `$defs` (an object with `properties`) and write `\"contentSchema\": { \"$ref\": \"#/$defs/<Name>\" }`",
        );
    }
    let unchecked = "mpkit reads the text as its `contentSchema` says and keeps it verbatim, so this rule would go unchecked";
    let text_rules = [
        ("minLength", node.min_length.is_some(), unchecked),
        ("maxLength", node.max_length.is_some(), unchecked),
        ("pattern", node.pattern.is_some(), unchecked),
        ("enum", node.enum_values.is_some(), unchecked),
        ("const", node.const_value.is_some(), unchecked),
        (
            "x-verbatim",
            node.verbatim,
            "the text is kept verbatim already",
        ),
        (
            "contentEncoding",
            node.content_encoding.is_some(),
            "JSON Schema reads the content after decoding it, and mpkit reads the text as JSON as it is",
        ),
    ];
    for (keyword, present, why) in text_rules {
        if present {
            problems.key(
                &child(pointer, keyword),
                format!("`{keyword}` on a JSON text member: {why}"),
                format!("remove `{keyword}`, or remove `contentSchema` to keep the member a plain string"),
            );
        }
    }
}

/// Whether `node` says nothing but its `$ref` (annotations aside).
fn only_a_reference(node: &SchemaNode) -> bool {
    let bare = SchemaNode {
        reference: None,
        title: None,
        description: None,
        ..node.clone()
    };
    bare == SchemaNode::default()
}
