//! What changed between two versions of an API schema, and whether each
//! change breaks code that uses the generated API.

use std::collections::{HashSet, VecDeque};
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::spec::{ApiSchema, MemberView, SchemaNode};

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
    /// What changed: `option desc`, `field userInfo.gender`,
    /// `definition UserInfo.city`, `API`.
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
/// response fields, then the encrypted payload, then the definitions these
/// reach through `$ref`. Each definition is compared once, and its changes
/// are named after it (`definition UserInfo.city`), however many places refer
/// to it: recursive definitions end, and the work stays linear in the size of
/// the schemas.
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
    floor(old, new, &mut push);
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

    options(old, new, &mut push);
    responses(old, new, &mut push);
    changes
}

type Push<'p> = dyn FnMut(String, String, Impact, &str) + 'p;

/// The options: the members of `request`, one level deep.
fn options(old: &ApiSchema, new: &ApiSchema, push: &mut Push<'_>) {
    let old_request = old.resolve(&old.request);
    let new_request = new.resolve(&new.request);
    let (old_required, new_required) = (required(old_request), required(new_request));
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
            old_required.contains(name.as_str()),
            new_required.contains(name.as_str()),
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
        compare_types(&item, o, n, true, push);
        compare_option_rules(&item, o, n, push);
        compare_since(
            &item,
            old.member(old_option).since(),
            new.member(new_option).since(),
            push,
            "its setter may now take a version proof",
        );
    }
    for name in new_request
        .properties
        .keys()
        .filter(|n| !old_request.properties.contains_key(n))
    {
        if new_required.contains(name.as_str()) {
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
}

/// What an option's default and validation rules say.
fn compare_option_rules(item: &str, o: &SchemaNode, n: &SchemaNode, push: &mut Push<'_>) {
    if o.default != n.default {
        push(
            item.to_owned(),
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
            item.to_owned(),
            "validation rules changed".into(),
            Impact::Breaking,
            "`build()` may now reject values it accepted",
        );
    }
}

/// The response parts, `success` and `encrypted`, then the definitions they
/// reach through `$ref`, each compared once.
fn responses(old: &ApiSchema, new: &ApiSchema, push: &mut Push<'_>) {
    let mut fields = Fields {
        old,
        new,
        push,
        claims: Claims::default(),
        pending: VecDeque::new(),
    };
    fields.part("field", &old.success, &new.success);
    match (&old.encrypted, &new.encrypted) {
        (Some(o), Some(n)) => fields.part("encrypted", o, n),
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
    // First reached, first compared; a definition queues the ones it reaches.
    while let Some(next) = fields.pending.pop_front() {
        fields.object(&Place::Definition(&next.label), next.old, next.new, 0);
    }
}

/// Nested inline objects compared below one part or definition. A schema
/// file never gets this deep (serde_json refuses nesting over 128, which is
/// about 63 levels of `properties`); the bound only keeps the stack small for
/// an [`ApiSchema`] built in code, and what lies deeper is reported, not skipped.
const MAX_DEPTH: usize = 128;

/// Where a change is (`field userInfo.city`, `definition Node.name`), rendered
/// only when a change is recorded.
#[derive(Clone, Copy)]
enum Place<'p> {
    /// A data part: `field`, `encrypted`.
    Part(&'p str),
    /// A definition's content, compared once whatever refers to it.
    Definition(&'p str),
    /// A member of the object at a place.
    Member(&'p Place<'p>, &'p str),
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Part(part) => f.write_str(part),
            Place::Definition(name) => write!(f, "definition {name}"),
            Place::Member(Place::Part(part), name) => write!(f, "{part} {name}"),
            Place::Member(parent, name) => write!(f, "{parent}.{name}"),
        }
    }
}

/// Content reached through a `$ref`, waiting to be compared.
struct Pending<'a> {
    /// How its changes are named: `Node`, or `B (was A)` for another definition.
    label: String,
    old: &'a SchemaNode,
    new: &'a SchemaNode,
}

/// Which definitions have been queued, so that each is compared once: the
/// diff then walks each definition at most twice (once against its namesake,
/// once against another definition or inline object), which keeps it linear
/// in the size of the schemas, however they refer to each other, and ends on
/// recursive definitions. Expanding every `$ref` where it is met instead is
/// exponential: a tree node with three child links, eight levels deep, was
/// 3,280 lines for one changed member.
#[derive(Default)]
struct Claims<'a> {
    /// Definitions compared with the definition of the same name.
    same: HashSet<&'a str>,
    /// Old definitions compared with something else.
    old: HashSet<&'a str>,
    /// New definitions compared with something else.
    new: HashSet<&'a str>,
}

impl<'a> Claims<'a> {
    /// Whether the content at `old`/`new` (definition names, `None` when
    /// inline) is still to be compared; marks it compared if so. Inline on
    /// both sides, it always is: that content appears nowhere else. When a
    /// definition was already compared with another, this pairing is left
    /// out: it only happens when the new schema points one position at one
    /// definition and another at a second.
    fn claim(&mut self, old: Option<&'a str>, new: Option<&'a str>) -> bool {
        if let (Some(o), Some(n)) = (old, new) {
            if o == n {
                return self.same.insert(o);
            }
        }
        let fresh =
            old.is_none_or(|o| !self.old.contains(o)) && new.is_none_or(|n| !self.new.contains(n));
        if fresh {
            self.old.extend(old);
            self.new.extend(new);
        }
        fresh
    }
}

struct Fields<'a, 'p> {
    old: &'a ApiSchema,
    new: &'a ApiSchema,
    push: &'p mut Push<'p>,
    claims: Claims<'a>,
    /// First in, first out, so definitions are reported in the order met.
    pending: VecDeque<Pending<'a>>,
}

impl<'a> Fields<'a, '_> {
    /// A response part; its members are named after the part even when it
    /// is a `$ref`, and that definition is then not compared again.
    fn part(&mut self, part: &str, old: &'a SchemaNode, new: &'a SchemaNode) {
        let (o, old_def) = follow(self.old, old);
        let (n, new_def) = follow(self.new, new);
        if self.claims.claim(old_def, new_def) {
            self.object(&Place::Part(part), o, n, 0);
        }
    }

    fn object(
        &mut self,
        place: &Place<'_>,
        old: &'a SchemaNode,
        new: &'a SchemaNode,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            (self.push)(
                place.to_string(),
                format!("not compared: nested more than {MAX_DEPTH} objects deep"),
                Impact::Breaking,
                "mpkit cannot tell what changed this deep; compare it by hand",
            );
            return;
        }
        let required = (required(old), required(new));
        for (name, old_field) in &old.properties {
            let item = Place::Member(place, name);
            match new.properties.get(name) {
                Some(new_field) => {
                    self.member(&item, name, (old_field, new_field), &required, depth)
                }
                None => (self.push)(
                    item.to_string(),
                    "removed".into(),
                    Impact::Breaking,
                    "the struct field disappears (the value is kept among unknown members if still sent)",
                ),
            }
        }
        for name in new
            .properties
            .keys()
            .filter(|n| !old.properties.contains_key(n))
        {
            let (impact, reason) = if required.1.contains(name.as_str()) {
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
            let item = Place::Member(place, name);
            (self.push)(item.to_string(), "added".into(), impact, reason);
        }
    }

    /// One member present in both versions, and what it contains.
    fn member(
        &mut self,
        item: &Place<'_>,
        name: &str,
        (old_field, new_field): (&'a SchemaNode, &'a SchemaNode),
        (old_required, new_required): &(HashSet<&str>, HashSet<&str>),
        depth: usize,
    ) {
        let (o, old_def) = follow(self.old, old_field);
        let (n, new_def) = follow(self.new, new_field);
        let (old_view, new_view) = (self.old.member(old_field), self.new.member(new_field));
        let optional = |required: &HashSet<&str>, view: &MemberView<'_>| {
            !required.contains(name) || view.present_when().is_some()
        };
        let (was, is) = (
            optional(old_required, &old_view),
            optional(new_required, &new_view),
        );
        if was != is {
            let change = if is {
                "became optional or conditional"
            } else {
                "became always present"
            };
            (self.push)(
                item.to_string(),
                change.into(),
                Impact::Breaking,
                "its Rust type changes between `T` and `Option<T>`",
            );
        }
        if was == is && old_view.present_when() != new_view.present_when() {
            (self.push)(
                item.to_string(),
                "presence condition changed".into(),
                Impact::Compatible,
                "the type is unchanged; the field appears under other options",
            );
        }
        compare_types(item, o, n, false, self.push);
        compare_since(
            item,
            old_view.since(),
            new_view.since(),
            self.push,
            "it may become an `Option` for apps with an older min_version",
        );
        if o.properties.is_empty() && n.properties.is_empty() {
            return;
        }
        if old_def.is_none() && new_def.is_none() {
            self.object(item, o, n, depth + 1);
        } else if self.claims.claim(old_def, new_def) {
            self.pending.push_back(Pending {
                label: label(old_def, new_def),
                old: o,
                new: n,
            });
        }
    }
}

/// How the content of a definition is named in changes.
fn label(old: Option<&str>, new: Option<&str>) -> String {
    match (old, new) {
        (Some(o), Some(n)) if o == n => n.to_owned(),
        (Some(o), Some(n)) => format!("{n} (was {o})"),
        (Some(o), None) => format!("{o} (now inline)"),
        (None, Some(n)) => format!("{n} (was inline)"),
        (None, None) => "(inline)".to_owned(),
    }
}

/// `node` with its `$ref`s followed, as [`ApiSchema::resolve`] does (with the
/// same bound, so both land on the same node), and the name of the
/// definition reached, `None` when `node` is inline.
fn follow<'a>(api: &'a ApiSchema, mut node: &'a SchemaNode) -> (&'a SchemaNode, Option<&'a str>) {
    let mut name = None;
    for _ in 0..16 {
        let Some((key, target)) = node.reference.as_deref().and_then(|r| definition(api, r)) else {
            break;
        };
        node = target;
        name = Some(key.as_str());
    }
    (node, name)
}

/// The definition `reference` names, with its name; unescaped as
/// [`ApiSchema::definition`] does.
fn definition<'a>(api: &'a ApiSchema, reference: &str) -> Option<(&'a String, &'a SchemaNode)> {
    let name = reference.strip_prefix("#/$defs/")?;
    api.defs
        .get_key_value(&name.replace("~1", "/").replace("~0", "~"))
}

/// The names an object schema lists under `required`, for lookups in
/// constant time (a `Vec` lookup per member would be quadratic).
fn required(node: &SchemaNode) -> HashSet<&str> {
    node.required.iter().map(String::as_str).collect()
}

fn compare_types(
    item: &(impl fmt::Display + ?Sized),
    old: &SchemaNode,
    new: &SchemaNode,
    option: bool,
    push: &mut Push<'_>,
) {
    if accepted(old) != accepted(new) {
        push(
            item.to_string(),
            format!(
                "type changed from {} to {}",
                accepted(old).join("|"),
                accepted(new).join("|")
            ),
            Impact::Breaking,
            "its Rust type changes",
        );
    }
    // As JSON text, so that membership is a set lookup: enums can be long.
    let values = |n: &SchemaNode| -> Vec<String> {
        let branches = n.any_of.iter().map(|b| &b.enum_values);
        std::iter::once(&n.enum_values)
            .chain(branches)
            .flatten()
            .flatten()
            .map(Value::to_string)
            .collect()
    };
    let (ov, nv) = (values(old), values(new));
    let old_set: HashSet<&str> = ov.iter().map(String::as_str).collect();
    let new_set: HashSet<&str> = nv.iter().map(String::as_str).collect();
    for removed in ov.iter().filter(|v| !new_set.contains(v.as_str())) {
        push(
            item.to_string(),
            format!("enum value {removed} removed"),
            Impact::Breaking,
            "its enum variant disappears",
        );
    }
    for added in nv.iter().filter(|v| !old_set.contains(v.as_str())) {
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
            item.to_string(),
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

/// A changed `x-platform-floor` moves the line below which nothing takes a
/// proof: every API, context, option or field whose version lies between
/// the two floors gains or loses its proof parameter (a field its `Option`).
fn floor(old: &ApiSchema, new: &ApiSchema, push: &mut Push<'_>) {
    let version = |api: &ApiSchema| api.platform_floor.as_ref().map(|f| f.version);
    let (was, is) = (version(old), version(new));
    if was == is {
        return;
    }
    let none = mpkit_runtime::Version::new(0, 0, 0);
    let (a, b) = (was.unwrap_or(none), is.unwrap_or(none));
    let (low, high) = (a.min(b), a.max(b));
    let mut versions = Vec::new();
    for api in [old, new] {
        if let Ok(document) = serde_json::to_value(api) {
            versions_in(&document, &mut versions);
        }
    }
    let shown =
        |v: Option<mpkit_runtime::Version>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    let change = format!(
        "platform floor changed from {} to {}",
        shown(was),
        shown(is)
    );
    if versions.iter().any(|v| low < *v && *v <= high) {
        push(
            "API".into(),
            change,
            Impact::Breaking,
            "what has a version between the two floors gains or loses its proof parameter (a field its `Option`), so calls written for the old floor no longer compile",
        );
    } else {
        push(
            "API".into(),
            change,
            Impact::Compatible,
            "nothing of the API has a version between the two floors, so no signature changes",
        );
    }
}

/// Every version of `x-since` and of a context's or host's `since` in a
/// schema document.
fn versions_in(value: &Value, found: &mut Vec<mpkit_runtime::Version>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                if key == "x-since" || key == "since" {
                    if let Some(version) = member.as_str().and_then(|t| t.parse().ok()) {
                        found.push(version);
                    }
                }
                versions_in(member, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| versions_in(item, found)),
        _ => {}
    }
}

fn compare_since(
    item: &(impl fmt::Display + ?Sized),
    old: Option<mpkit_runtime::Version>,
    new: Option<mpkit_runtime::Version>,
    push: &mut Push<'_>,
    raised: &str,
) {
    match (old, new) {
        (Some(o), Some(n)) if n > o => push(
            item.to_string(),
            format!("minimum version raised from {o} to {n}"),
            Impact::Breaking,
            raised,
        ),
        (None, Some(n)) => push(
            item.to_string(),
            format!("minimum version {n} added"),
            Impact::Breaking,
            raised,
        ),
        (Some(o), Some(n)) if n < o => push(
            item.to_string(),
            format!("minimum version lowered from {o} to {n}"),
            Impact::Compatible,
            "older hosts are now accepted",
        ),
        (Some(o), None) => push(
            item.to_string(),
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
