//! Identification inside one file, resolved once: every `$ref` becomes a
//! JSON pointer from the top of the file, so that the checks, the typing and
//! the emitters never deal in URIs.
//!
//! A `$ref` is resolved as JSON Schema 2020-12 resolves it: against the base
//! URI of the schema it sits in (its own `$id`, or the nearest enclosing
//! one), to a resource of this file (`$id`) and then a JSON pointer or an
//! anchor (`$anchor`, and `$dynamicAnchor`, which without `$dynamicRef` is
//! one) inside it. A reference that names nothing in the file is reported
//! here, once, whichever part of the file it sits in.

use std::collections::HashMap;

use super::problems::Problems;
use super::source::{child, pointer_of};
use super::structure::nearest;
use crate::spec::uri::{resolve, split_fragment};
use crate::spec::{ApiSchema, SchemaNode, pointer_segments};

/// The base URI of the file itself. JSON Schema takes the URI a document
/// was retrieved from; a file's path differs between machines, so a fixed
/// URI stands in. Only a relative `$ref` naming it could notice.
const DOCUMENT_BASE: &str = "mpkit:///the-schema-file";

/// Resolves every `$ref` of `api` to a local JSON pointer, and consumes the
/// identifiers (`$id`, `$anchor`, `$dynamicAnchor` are `None` afterwards).
/// A reference that does not resolve is reported and removed, so that no
/// later step mistakes it for a pointer from the top of the file.
pub(super) fn resolve_references(api: &mut ApiSchema, problems: &mut Problems) {
    let mut index = Index::default();
    index.resources.insert(DOCUMENT_BASE.to_owned(), Vec::new());
    let mut found = Vec::new();
    for (mut segments, node) in api.parts() {
        let pointer = pointer_of(&segments);
        index.collect(
            node,
            &mut segments,
            &pointer,
            DOCUMENT_BASE,
            &mut found,
            problems,
        );
    }
    let known: Vec<String> = api
        .defs
        .keys()
        .map(|name| format!("#/$defs/{name}"))
        .collect();
    let mut outcomes = Vec::with_capacity(found.len());
    for reference in found {
        let target = index
            .target(&reference.absolute)
            .map(|segments| local_reference(&segments))
            .filter(|local| api.node_at(local).is_some());
        if target.is_none() {
            report(&reference, &known, problems);
        }
        outcomes.push(target);
    }
    let mut outcomes = outcomes.into_iter();
    for (_, node) in api.parts_mut() {
        rewrite(node, &mut outcomes);
    }
}

/// A `$ref` as found: where, as written, and made absolute.
struct Found {
    pointer: String,
    written: String,
    absolute: String,
}

/// The resources (`$id`) and anchors of the file, as pointer segments.
#[derive(Default)]
struct Index {
    resources: HashMap<String, Vec<String>>,
    anchors: HashMap<(String, String), Vec<String>>,
}

impl Index {
    /// Records the identifiers of `node` (at `segments`, which `pointer`
    /// writes as a JSON pointer, inside a resource whose URI is `base`) and
    /// of everything below it, and every `$ref`, in the order [`rewrite`]
    /// visits them. Each node costs its own pointer once, not once per
    /// level above it. The JSON nesting limit (128) bounds this recursion.
    fn collect(
        &mut self,
        node: &SchemaNode,
        segments: &mut Vec<String>,
        pointer: &str,
        base: &str,
        found: &mut Vec<Found>,
        problems: &mut Problems,
    ) {
        let own;
        let base = match &node.id {
            Some(id) => {
                own = self.resource(id, base, segments, pointer, problems);
                own.as_str()
            }
            None => base,
        };
        for (keyword, name) in [
            ("$anchor", &node.anchor),
            ("$dynamicAnchor", &node.dynamic_anchor),
        ] {
            if let Some(name) = name {
                self.anchor(name, base, segments, &child(pointer, keyword), problems);
            }
        }
        if let Some(written) = &node.reference {
            found.push(Found {
                pointer: pointer.to_owned(),
                written: written.clone(),
                absolute: resolve(base, written),
            });
        }
        for (below, child_node, _) in node.subschemas() {
            let at = below.iter().fold(pointer.to_owned(), |at, s| child(&at, s));
            let depth = segments.len();
            segments.extend(below);
            self.collect(child_node, segments, &at, base, found, problems);
            segments.truncate(depth);
        }
    }

    /// Registers the resource `id` declares; its base URI for what is below.
    fn resource(
        &mut self,
        id: &str,
        base: &str,
        segments: &[String],
        pointer: &str,
        problems: &mut Problems,
    ) -> String {
        let absolute = resolve(base, id);
        let (resource, fragment) = split_fragment(&absolute);
        let at = child(pointer, "$id");
        if fragment.is_some_and(|f| !f.is_empty()) {
            problems.value(
                &at,
                format!("`$id` \"{id}\" has a fragment; an `$id` names a whole schema"),
                "remove the part from `#`; to name a schema inside a resource, use `$anchor`",
            );
            return base.to_owned();
        }
        if let Some(other) = self.resources.get(resource).filter(|o| *o != segments) {
            problems.value(
                &at,
                format!(
                    "`$id` \"{id}\" names the resource {}, as the schema at {} does",
                    shown(resource),
                    display_pointer(other)
                ),
                "give each schema its own `$id`",
            );
        } else {
            self.resources
                .insert(resource.to_owned(), segments.to_vec());
        }
        resource.to_owned()
    }

    fn anchor(
        &mut self,
        name: &str,
        base: &str,
        segments: &[String],
        at: &str,
        problems: &mut Problems,
    ) {
        if !is_anchor_name(name) {
            problems.value(
                at,
                format!("{name:?} is not an anchor name"),
                "start with a letter or `_`, then use letters, digits, `-`, `_` and `.` only",
            );
            return;
        }
        let key = (base.to_owned(), name.to_owned());
        match self.anchors.get(&key) {
            Some(other) if other != segments => problems.value(
                at,
                format!(
                    "the anchor \"{name}\" is already declared in this resource, at {}",
                    display_pointer(other)
                ),
                "give each schema of a resource its own anchor name",
            ),
            _ => {
                self.anchors.insert(key, segments.to_vec());
            }
        }
    }

    /// The pointer segments an absolute reference names, if any.
    fn target(&self, absolute: &str) -> Option<Vec<String>> {
        let (resource, fragment) = split_fragment(absolute);
        let root = self.resources.get(resource)?;
        let fragment = fragment.unwrap_or_default();
        if fragment.is_empty() || fragment.starts_with('/') {
            let mut segments = root.clone();
            segments.extend(pointer_segments(&format!("#{fragment}"))?);
            return Some(segments);
        }
        let name = crate::spec::percent_decode(fragment)?;
        self.anchors.get(&(resource.to_owned(), name)).cloned()
    }
}

/// Sets each `$ref` to its outcome, in the order `collect` found them.
fn rewrite(node: &mut SchemaNode, outcomes: &mut impl Iterator<Item = Option<String>>) {
    node.id = None;
    node.anchor = None;
    node.dynamic_anchor = None;
    if node.reference.is_some() {
        node.reference = outcomes.next().flatten();
    }
    for (_, below, _) in node.subschemas_mut() {
        rewrite(below, outcomes);
    }
}

fn report(reference: &Found, known: &[String], problems: &mut Problems) {
    let written = &reference.written;
    let (resource, fragment) = split_fragment(&reference.absolute);
    let anchor = fragment.filter(|f| !f.is_empty() && !f.starts_with('/'));
    let help = if resource != DOCUMENT_BASE && known.iter().any(|k| k == written) {
        // Written as a pointer from the top of the file, but an enclosing
        // `$id` makes `#` the top of that schema instead.
        format!(
            "an enclosing schema's `$id` makes this `$ref` resolve against {}, so `#` is that schema, not the top of the file; move the definition under that schema's own `$defs` (and point there), or remove the `$id`",
            shown(resource)
        )
    } else if let Some(near) = nearest(written, known) {
        format!("did you mean \"{near}\"?")
    } else if let Some(name) = anchor.filter(|_| written.starts_with('#')) {
        format!(
            "no schema of this resource declares `\"$anchor\": \"{name}\"`; add it to the schema meant, or point at it with a JSON pointer (`#/$defs/<name>`)"
        )
    } else if written.starts_with('#') {
        "point at a schema in this file: `#/$defs/<name>`, or a JSON pointer such as `#/$defs/<name>/properties/<member>`".to_owned()
    } else {
        format!(
            "mpkit resolves references only inside the schema file, and no schema here has the `$id` {}; copy the referenced schema under `$defs` with that `$id`, or point at a schema of this file (`#/$defs/<name>`)",
            shown(resource)
        )
    };
    problems.value(
        &child(&reference.pointer, "$ref"),
        format!("`$ref` \"{written}\" does not resolve to a schema in this file"),
        help,
    );
}

/// A resolved URI as a message shows it: the file's own stand-in base is
/// not something the user wrote.
fn shown(uri: &str) -> String {
    if uri == DOCUMENT_BASE {
        return "the file itself (no `$id` above it)".to_owned();
    }
    match DOCUMENT_BASE
        .rfind('/')
        .and_then(|at| uri.strip_prefix(&DOCUMENT_BASE[..=at]))
    {
        Some(rest) => format!("\"{rest}\" (relative to the file, which has no `$id`)"),
        None => format!("\"{uri}\""),
    }
}

/// `^[A-Za-z_][-A-Za-z0-9._]*$`, the 2020-12 anchor syntax.
fn is_anchor_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A `$ref` naming `segments`, escaped so that `pointer_segments` reads
/// them back (`~`, `/` and `%` are escaped).
fn local_reference(segments: &[String]) -> String {
    let mut out = String::from("#");
    for segment in segments {
        out.push('/');
        out.push_str(
            &segment
                .replace('~', "~0")
                .replace('/', "~1")
                .replace('%', "%25"),
        );
    }
    out
}

fn display_pointer(segments: &[String]) -> String {
    if segments.is_empty() {
        "the top of the file".to_owned()
    } else {
        pointer_of(segments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_references_read_back_as_their_segments() {
        let segments: Vec<String> = ["$defs", "a/b~c%d e", "properties", "x"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            pointer_segments(&local_reference(&segments)),
            Some(segments)
        );
    }

    #[test]
    fn anchor_names_follow_the_2020_12_syntax() {
        for good in ["foo", "_x", "a-b.c_9"] {
            assert!(is_anchor_name(good), "{good}");
        }
        for bad in ["", "9a", "-a", "a b", "a/b", "é"] {
            assert!(!is_anchor_name(bad), "{bad}");
        }
    }
}
