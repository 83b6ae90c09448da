//! What changed between two versions of an API schema, and whether each
//! change breaks code that uses the generated API.

use std::fmt;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::spec::{ApiSchema, SchemaNode};

/// Whether a change breaks code written against the old generated API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Code that compiled may no longer compile, or may behave differently.
    Breaking,
    /// Code that compiled still compiles and works.
    Compatible,
}

/// One change between two schema versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed: `option desc`, `field userInfo.gender`, `API`.
    pub item: String,
    /// The change, in words: `became required`.
    pub change: String,
    /// Breaking or compatible.
    pub impact: Impact,
    /// Why, in terms of the generated Rust.
    pub reason: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.impact {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
        };
        write!(f, "{tag}: {} {}: {}", self.item, self.change, self.reason)
    }
}

/// Every change from `old` to `new`, API facts first, then options, then
/// response fields (recursively), then the encrypted payload.
#[must_use]
pub fn diff(old: &ApiSchema, new: &ApiSchema) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |item: String, change: String, impact: Impact, reason: &str| {
        changes.push(Change {
            item,
            change,
            impact,
            reason: reason.to_owned(),
        });
    };
    if old.full_name() != new.full_name() {
        push(
            "API".into(),
            format!("renamed from {} to {}", old.full_name(), new.full_name()),
            Impact::Breaking,
            "the platform method called is another one",
        );
    }
    if old.call_style != new.call_style {
        push(
            "API".into(),
            format!(
                "call style changed from {:?} to {:?}",
                old.call_style, new.call_style
            ),
            Impact::Breaking,
            "hosts must invoke the API differently",
        );
    }
    compare_since(
        "API",
        old.since,
        new.since,
        &mut push,
        "`options()` may now take a version proof, and `call` refuses older hosts",
    );
    for (name, old_ctx) in &old.contexts {
        match new.contexts.get(name) {
            None => push(
                format!("context {name}"),
                "removed".into(),
                Impact::Breaking,
                "`context = \"…\"` with it no longer compiles",
            ),
            Some(new_ctx) => {
                if old_ctx.supported && !new_ctx.supported {
                    push(
                        format!("context {name}"),
                        "no longer supported".into(),
                        Impact::Breaking,
                        "deriving with this context now fails",
                    );
                } else if !old_ctx.supported && new_ctx.supported {
                    push(
                        format!("context {name}"),
                        "now supported".into(),
                        Impact::Compatible,
                        "the context can now be declared",
                    );
                }
                if old_ctx.supported && new_ctx.supported {
                    compare_since(
                        &format!("context {name}"),
                        old_ctx.since,
                        new_ctx.since,
                        &mut push,
                        "code in this context may need a version proof",
                    );
                }
            }
        }
    }
    for name in new
        .contexts
        .keys()
        .filter(|n| !old.contexts.contains_key(*n))
    {
        push(
            format!("context {name}"),
            "added".into(),
            Impact::Compatible,
            "a new context can be declared; nothing existing changes",
        );
    }

    // Options.
    let old_request = old.resolve(&old.request);
    let new_request = new.resolve(&new.request);
    for (name, old_option) in &old_request.properties {
        let item = format!("option {name}");
        let Some(new_option) = new_request.properties.get(name) else {
            push(
                item,
                "removed".into(),
                Impact::Breaking,
                "its setter disappears",
            );
            continue;
        };
        let (o, n) = (old.resolve(old_option), new.resolve(new_option));
        let (was, is) = (
            old_request.required.contains(name),
            new_request.required.contains(name),
        );
        if was != is {
            let change = if is {
                "became required"
            } else {
                "became optional"
            };
            push(
                item.clone(),
                change.into(),
                Impact::Breaking,
                "required options are arguments of `options()`, so its signature changes",
            );
        }
        compare_types(&item, o, n, true, &mut push);
        if o.default != n.default {
            push(
                item.clone(),
                format!(
                    "default changed from {} to {}",
                    shown(o.default.as_ref()),
                    shown(n.default.as_ref())
                ),
                Impact::Compatible,
                "the code compiles as before, but an unset option now means something else on the platform",
            );
        }
        let rules = |x: &SchemaNode| {
            (
                x.min_length,
                x.max_length,
                x.pattern.clone(),
                x.minimum.clone(),
                x.maximum.clone(),
            )
        };
        if rules(o) != rules(n) {
            push(
                item.clone(),
                "validation rules changed".into(),
                Impact::Breaking,
                "`build()` may now reject values it accepted",
            );
        }
        compare_since(
            &item,
            old_option.since.or(o.since),
            new_option.since.or(n.since),
            &mut push,
            "its setter may now take a version proof",
        );
    }
    for (name, _) in new_request
        .properties
        .iter()
        .filter(|(n, _)| !old_request.properties.contains_key(*n))
    {
        if new_request.required.contains(name) {
            push(
                format!("option {name}"),
                "added, required".into(),
                Impact::Breaking,
                "`options()` takes it as a new argument",
            );
        } else {
            push(
                format!("option {name}"),
                "added".into(),
                Impact::Compatible,
                "a new setter; existing calls are unchanged",
            );
        }
    }

    // Response parts.
    let mut fields = Fields {
        old,
        new,
        push: &mut push,
    };
    fields.object(
        "field",
        old.resolve(&old.success),
        new.resolve(&new.success),
        0,
    );
    match (&old.encrypted, &new.encrypted) {
        (Some(o), Some(n)) => fields.object("encrypted", old.resolve(o), new.resolve(n), 0),
        (Some(_), None) => (fields.push)(
            "encrypted".into(),
            "part removed".into(),
            Impact::Breaking,
            "`decrypt` and the encrypted type disappear",
        ),
        (None, Some(_)) => (fields.push)(
            "encrypted".into(),
            "part added".into(),
            Impact::Compatible,
            "a new decrypted type",
        ),
        (None, None) => {}
    }
    changes
}

type Push<'p> = dyn FnMut(String, String, Impact, &str) + 'p;

struct Fields<'a, 'p> {
    old: &'a ApiSchema,
    new: &'a ApiSchema,
    push: &'p mut Push<'p>,
}

impl Fields<'_, '_> {
    fn object(&mut self, prefix: &str, old: &SchemaNode, new: &SchemaNode, depth: usize) {
        if depth > 8 {
            return;
        }
        let empty = IndexMap::new();
        let old_props = if old.properties.is_empty() {
            &empty
        } else {
            &old.properties
        };
        for (name, old_field) in old_props {
            let item = format!("{prefix} {name}");
            let Some(new_field) = new.properties.get(name) else {
                (self.push)(
                    item,
                    "removed".into(),
                    Impact::Breaking,
                    "the struct field disappears (the value is kept among unknown members if still sent)",
                );
                continue;
            };
            let (o, n) = (self.old.resolve(old_field), self.new.resolve(new_field));
            let optional = |parent: &SchemaNode, field: &SchemaNode, resolved: &SchemaNode| {
                !parent.required.contains(name)
                    || field.present_when.is_some()
                    || resolved.present_when.is_some()
            };
            let (was, is) = (optional(old, old_field, o), optional(new, new_field, n));
            if was != is {
                let change = if is {
                    "became optional or conditional"
                } else {
                    "became always present"
                };
                (self.push)(
                    item.clone(),
                    change.into(),
                    Impact::Breaking,
                    "its Rust type changes between `T` and `Option<T>`",
                );
            }
            let condition = |f: &SchemaNode, r: &SchemaNode| {
                f.present_when.clone().or_else(|| r.present_when.clone())
            };
            let (oc, nc) = (condition(old_field, o), condition(new_field, n));
            if oc != nc && was == is {
                (self.push)(
                    item.clone(),
                    "presence condition changed".into(),
                    Impact::Compatible,
                    "the type is unchanged; the field appears under other options",
                );
            }
            compare_types(&item, o, n, false, self.push);
            compare_since(
                &item,
                old_field.since.or(o.since),
                new_field.since.or(n.since),
                self.push,
                "it may become an `Option` for apps with an older min_version",
            );
            if !o.properties.is_empty() || !n.properties.is_empty() {
                self.object(&format!("{prefix} {name}."), o, n, depth + 1);
            }
        }
        for name in new
            .properties
            .keys()
            .filter(|n| !old_props.contains_key(*n))
        {
            let required = new.required.contains(name);
            let (impact, reason) = if required {
                (
                    Impact::Breaking,
                    "a new required field: payloads without it no longer decode",
                )
            } else {
                (
                    Impact::Compatible,
                    "a new optional field; it was kept among unknown members before",
                )
            };
            (self.push)(format!("{prefix} {name}"), "added".into(), impact, reason);
        }
    }
}

fn compare_types(
    item: &str,
    old: &SchemaNode,
    new: &SchemaNode,
    option: bool,
    push: &mut Push<'_>,
) {
    if accepted(old) != accepted(new) {
        push(
            item.to_owned(),
            format!(
                "type changed from {} to {}",
                accepted(old).join("|"),
                accepted(new).join("|")
            ),
            Impact::Breaking,
            "its Rust type changes",
        );
    }
    let values = |n: &SchemaNode| -> Vec<Value> {
        let mut all = n.enum_values.clone().unwrap_or_default();
        all.extend(
            n.any_of
                .iter()
                .flat_map(|b| b.enum_values.clone().unwrap_or_default()),
        );
        all
    };
    let (ov, nv) = (values(old), values(new));
    for removed in ov.iter().filter(|v| !nv.contains(v)) {
        push(
            item.to_owned(),
            format!("enum value {removed} removed"),
            Impact::Breaking,
            "its enum variant disappears",
        );
    }
    for added in nv.iter().filter(|v| !ov.contains(v)) {
        let (impact, reason) = if option {
            (
                Impact::Compatible,
                "a new variant to choose; existing values still build",
            )
        } else {
            (
                Impact::Breaking,
                "a new enum variant: exhaustive `match`es stop compiling, and old code cannot decode the value",
            )
        };
        push(
            item.to_owned(),
            format!("enum value {added} added"),
            impact,
            reason,
        );
    }
}

fn accepted(node: &SchemaNode) -> Vec<&'static str> {
    let mut types: Vec<&'static str> = node.type_list().iter().map(|t| t.as_str()).collect();
    types.extend(
        node.any_of
            .iter()
            .flat_map(|b| b.type_list().iter().map(|t| t.as_str())),
    );
    types.sort_unstable();
    types.dedup();
    types
}

fn compare_since(
    item: &str,
    old: Option<mpkit_runtime::Version>,
    new: Option<mpkit_runtime::Version>,
    push: &mut Push<'_>,
    raised: &str,
) {
    match (old, new) {
        (Some(o), Some(n)) if n > o => push(
            item.to_owned(),
            format!("minimum version raised from {o} to {n}"),
            Impact::Breaking,
            raised,
        ),
        (None, Some(n)) => push(
            item.to_owned(),
            format!("minimum version {n} added"),
            Impact::Breaking,
            raised,
        ),
        (Some(o), Some(n)) if n < o => push(
            item.to_owned(),
            format!("minimum version lowered from {o} to {n}"),
            Impact::Compatible,
            "older hosts are now accepted",
        ),
        (Some(o), None) => push(
            item.to_owned(),
            format!("minimum version {o} removed"),
            Impact::Compatible,
            "no version is checked any more",
        ),
        _ => {}
    }
}

fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "none".to_owned(), ToString::to_string)
}
