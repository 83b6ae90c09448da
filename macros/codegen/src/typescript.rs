//! TypeScript from the same schema as the Rust: declarations of an API's
//! options, success, failure and decrypted data ([`typescript`], behind
//! `mpkit typescript`), and the drift check's assertions, which compare
//! those declarations member by member with the platform's official typings
//! ([`typescript_assertions`], compiled by `tsc` in `tests/typings/`).

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use mpkit_runtime::Version;
use serde_json::Value;

use crate::spec::{ApiSchema, CallStyle, Condition, JsonType, SchemaNode, decode_definition_name};

/// How deeply type expressions nest before the rest is `unknown`.
const MAX_DEPTH: usize = 24;
/// How many type expressions one API may expand: a bound on the output of
/// schemas whose pointer `$ref`s fan out.
const MAX_EXPANSIONS: usize = 20_000;
/// How deeply the drift check walks into nested objects.
const MAX_WALK: usize = 8;
/// One level of indentation.
const INDENT: &str = "    ";
/// The names of the data parts inside an API's namespace.
const PART_NAMES: [&str; 4] = ["Options", "Success", "Failure", "Encrypted"];

/// Names TypeScript does not accept for a type: keywords and its own types.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "any", "await", "bigint", "boolean", "break", "case", "catch", "class", "const", "continue",
    "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally",
    "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let",
    "never", "new", "null", "number", "object", "package", "private", "protected", "public",
    "return", "static", "string", "super", "switch", "symbol", "this", "throw", "true", "try",
    "typeof", "undefined", "unknown", "var", "void", "while", "with", "yield",
];

/// TypeScript declarations of the API `api` describes: one namespace named
/// after the API (`WxGetUserInfo` for `wx.getUserInfo`) holding `Options`,
/// `Success`, `Failure` and `Encrypted` (where the schema has them) and one
/// type per `$defs` entry.
///
/// A response member is optional (`?`) unless it is `required`, has no
/// `x-present-when` and is not newer (`x-since`) than the API itself, as in
/// the generated Rust. Enums become unions of literals, `type` lists
/// unions, `anyOf`/`oneOf` unions of their alternatives, `allOf`
/// intersections; what TypeScript cannot say (`not`, `if`, patterns,
/// bounds) is left out. Docs become TSDoc: the English `title`, the
/// platform's `description`, `@since`, `@defaultValue`, presence
/// conditions, quirks and recorded departures from the official typings.
#[must_use]
pub fn typescript(api: &ApiSchema) -> String {
    Decls::new(api).namespace()
}

/// The drift check of `api` against its platform's official typings: the
/// declarations of [`typescript`], then assertions that `tsc --strict`
/// compiles only when both agree, one type alias per assertion, each line
/// ending with a comment naming the member and what is asserted.
///
/// The official types are found from the schema alone: the function
/// `typeof <x-namespace>.<x-method>`, its first parameter without the
/// callbacks (the options), the parameter of its `success` and `fail`
/// callbacks, or what its promise resolves to (`x-call-style: promise`).
/// The compiling project declares the global (`wx`, `tt`, `mpserverless`).
///
/// - Options: every option mpkit builds is declared by the official type and
///   its value (absence included) accepted there; every option the typings
///   require is one mpkit has.
/// - Success and failure: each member's official value (absence included)
///   is accepted by mpkit's type; where the schema says a member is always
///   present, the typings declare it, always give it, and accept mpkit's
///   value. Nested objects are compared member by member.
/// - A member carrying `x-departs-from-typings` (its own, or the definition's
///   its `$ref` names, as [`MemberView::departure`] reads it) is skipped with
///   all it holds, and nothing else is; with `package` given, only
///   departures naming that package are honoured.
///
/// [`MemberView::departure`]: crate::spec::MemberView::departure
/// - Decrypted data and promise rejections have no official type and are
///   not compared.
#[must_use]
pub fn typescript_assertions(api: &ApiSchema, package: Option<&str>) -> String {
    let decls = Decls::new(api);
    let mut drift = Drift {
        decls: &decls,
        package,
        lines: Vec::new(),
        count: 0,
    };
    drift.all();
    let mut out = decls.namespace();
    out.push('\n');
    out.push_str(&drift.lines.join("\n"));
    out.push_str("\n\nexport {};\n");
    out
}

/// The declarations of one API: its namespace's name and the names of its
/// definitions.
struct Decls<'a> {
    api: &'a ApiSchema,
    /// The namespace (`WxGetUserInfo`).
    name: String,
    /// The TypeScript name of each `$defs` entry, by its key.
    defs: BTreeMap<&'a str, String>,
    /// Members newer than this are optional: the API's own minimum version.
    floor: Version,
    /// Type expressions left to expand (see [`MAX_EXPANSIONS`]).
    budget: Cell<usize>,
}

impl<'a> Decls<'a> {
    fn new(api: &'a ApiSchema) -> Self {
        let mut taken: HashSet<String> = PART_NAMES.iter().map(|n| (*n).to_owned()).collect();
        let defs = api
            .defs
            .keys()
            .map(|key| (key.as_str(), unique(&mut taken, &type_ident(key))))
            .collect();
        Decls {
            api,
            name: type_ident(&crate::default_type_name(&api.full_name())),
            defs,
            floor: api.since.unwrap_or(Version::new(0, 0, 0)),
            budget: Cell::new(MAX_EXPANSIONS),
        }
    }

    /// The whole namespace, with the API's TSDoc.
    fn namespace(&self) -> String {
        let api = self.api;
        let mut out = comment(&self.api_doc(), "");
        let _ = writeln!(out, "export declare namespace {} {{", self.name);
        let mut items = vec![self.item(
            "Options",
            &api.request,
            format!("The options of `{}`.", api.full_name()),
        )];
        items.push(self.item(
            "Success",
            &api.success,
            "What a successful call gives.".to_owned(),
        ));
        if let Some(fail) = &api.fail {
            items.push(self.item("Failure", fail, "What a failed call gives.".to_owned()));
        }
        if let Some(encrypted) = &api.encrypted {
            items.push(self.item(
                "Encrypted",
                encrypted,
                "The JSON inside the decrypted `encryptedData`.".to_owned(),
            ));
        }
        for (key, node) in &api.defs {
            let name = self.defs.get(key.as_str()).map_or("", String::as_str);
            items.push(self.item(name, node, format!("The definition `{key}`.")));
        }
        out.push_str(&items.join("\n"));
        out.push_str("}\n");
        out
    }

    /// The API's doc lines: what it does, how it is called, where it works.
    fn api_doc(&self) -> Vec<String> {
        let api = self.api;
        let mut lines = prose(Some(&api.title), Some(&api.description));
        let style = match api.call_style {
            CallStyle::Callback => "called with `success` / `fail` / `complete` callbacks",
            CallStyle::Promise => "returns a promise",
            CallStyle::CallbackOrPromise => {
                "called with callbacks, or returns a promise when none is given"
            }
        };
        lines.push(String::new());
        lines.push(format!(
            "`{}` ({}): {style}.",
            api.full_name(),
            api.platform_name
        ));
        for (name, support) in api.contexts.iter().chain(&api.hosts) {
            lines.push(match (support.supported, support.since) {
                (false, _) => format!("Not supported in `{name}`."),
                (true, Some(since)) => format!("In `{name}`: from base library {since}."),
                (true, None) => format!("Supported in `{name}`."),
            });
        }
        if let Some(scope) = &api.scope {
            lines.push(format!("Needs the user's authorization `{scope}`."));
        }
        for prerequisite in &api.prerequisites {
            let when = prerequisite
                .when
                .as_ref()
                .map(|c| format!(" when {}", condition(c)))
                .unwrap_or_default();
            lines.push(format!(
                "Call `{}` first{when}: {}",
                prerequisite.api,
                one_line(&prerequisite.description)
            ));
        }
        for change in &api.changes {
            let version = change
                .version
                .map(|v| format!(", base library {v} and later"))
                .unwrap_or_default();
            lines.push(format!(
                "Changed on {}{version}: {}",
                change.date,
                one_line(&change.title)
            ));
        }
        lines.push(String::new());
        if let Some(since) = api.since {
            lines.push(format!("@since {since}"));
        }
        lines.extend(api.docs.iter().map(|url| format!("@see {url}")));
        lines
    }

    /// One named item of the namespace: an interface for a plain object with
    /// members, a type alias otherwise.
    fn item(&self, name: &str, node: &SchemaNode, fallback: String) -> String {
        let resolved = self.api.resolve(node);
        let mut doc = prose_of(node, resolved);
        if doc.is_empty() {
            doc.push(fallback);
        }
        doc.extend(alternatives_doc(node));
        let mut out = comment(&doc, INDENT);
        if is_plain_object(node) && !node.properties.is_empty() {
            let _ = writeln!(out, "{INDENT}export interface {name} {{");
            out.push_str(&self.members(node, 2, 0));
            let _ = writeln!(out, "{INDENT}}}");
        } else {
            let _ = writeln!(out, "{INDENT}export type {name} = {};", self.ty(node, 1, 0));
        }
        out
    }

    /// The members of an object (and its index signature), at `level`.
    fn members(&self, node: &SchemaNode, level: usize, depth: usize) -> String {
        let indent = INDENT.repeat(level);
        let mut out = String::new();
        for (name, member) in &node.properties {
            out.push_str(&comment(&self.member_doc(member), &indent));
            let mark = if self.optional(node, name, member) {
                "?"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{indent}{}{mark}: {};",
                property_key(name),
                self.ty(member, level, depth + 1)
            );
        }
        if let Some(index) = self.index_signature(node, level, depth) {
            let _ = writeln!(out, "{indent}[member: string]: {index};");
        }
        out
    }

    /// Whether `name` of `object` may be absent, as the generated Rust has
    /// it: not `required`, present only under a condition, or newer than the
    /// API.
    fn optional(&self, object: &SchemaNode, name: &str, member: &SchemaNode) -> bool {
        let member = self.api.member(member);
        !object.required.iter().any(|r| r == name)
            || member.present_when().is_some()
            || member.since().is_some_and(|s| s > self.floor)
    }

    /// The TSDoc lines of a member.
    fn member_doc(&self, node: &SchemaNode) -> Vec<String> {
        let member = self.api.member(node);
        let (node, resolved) = (member.node, member.resolved);
        let mut lines = prose(member.title(), member.description());
        let mut paragraph = |line: String| {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(line);
        };
        if let Some(when) = member.present_when() {
            paragraph(format!("Present only when {}.", condition(when)));
        }
        if member.verbatim() {
            paragraph("Kept exactly as received: it is signed.".to_owned());
        }
        for quirk in member.quirks() {
            paragraph(format!("Quirk: {}", one_line(&quirk.description)));
        }
        if let Some(departure) = member.departure() {
            paragraph(format!(
                "Differs from `{}` on purpose: {} (source: {})",
                departure.package,
                one_line(&departure.reason),
                one_line(&departure.source)
            ));
        }
        let mut tags = Vec::new();
        if let Some(default) = node.default.as_ref().or(resolved.default.as_ref()) {
            tags.push(format!(
                "@defaultValue `{}`",
                one_line(&default.to_string())
            ));
        }
        if let Some(since) = member.since() {
            tags.push(format!("@since {since}"));
        }
        if node.deprecated == Some(true) || resolved.deprecated == Some(true) {
            tags.push("@deprecated".to_owned());
        }
        if !tags.is_empty() && !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(tags);
        lines
    }

    /// The TypeScript type of `node`, laid out for `level` of indentation.
    fn ty(&self, node: &SchemaNode, level: usize, depth: usize) -> String {
        let left = self.budget.get();
        if depth > MAX_DEPTH || left == 0 {
            return "unknown".to_owned();
        }
        self.budget.set(left - 1);
        if let Some(value) = node.boolean {
            return if value { "unknown" } else { "never" }.to_owned();
        }
        let mut parts = Vec::new();
        if let Some(reference) = &node.reference {
            parts.push(self.reference(reference, level, depth));
        }
        if let Some(own) = self.own(node, level, depth) {
            parts.push(own);
        }
        for branches in [&node.any_of, &node.one_of] {
            let union = union(branches.iter().map(|b| self.ty(b, level, depth + 1)));
            if !branches.is_empty() && union != "unknown" {
                parts.push(union);
            }
        }
        parts.extend(node.all_of.iter().map(|b| self.ty(b, level, depth + 1)));
        intersection(parts)
    }

    /// What a `$ref` names: a definition by its name, anything else inline.
    fn reference(&self, reference: &str, level: usize, depth: usize) -> String {
        if let Some(key) = reference
            .strip_prefix("#/$defs/")
            .filter(|rest| !rest.contains('/'))
        {
            if let Some(name) = self.defs.get(decode_definition_name(key).as_str()) {
                return name.clone();
            }
        }
        match self.api.node_at(reference) {
            Some(target) => self.ty(target, level, depth + 1),
            None => "unknown".to_owned(),
        }
    }

    /// The type `const`, `enum` or `type` give, if any.
    fn own(&self, node: &SchemaNode, level: usize, depth: usize) -> Option<String> {
        let types = node.type_list();
        let admitted = |value: &&Value| types.is_empty() || types.iter().any(|t| t.admits(value));
        if let Some(value) = &node.const_value {
            return Some(union(std::iter::once(value).filter(admitted).map(literal)));
        }
        if let Some(values) = &node.enum_values {
            return Some(union(values.iter().filter(admitted).map(literal)));
        }
        if types.is_empty() {
            let object = !node.properties.is_empty();
            return object.then(|| self.object(node, level, depth));
        }
        Some(union(types.iter().map(|t| match t {
            JsonType::Null => "null".to_owned(),
            JsonType::Boolean => "boolean".to_owned(),
            JsonType::Number | JsonType::Integer => "number".to_owned(),
            JsonType::String => "string".to_owned(),
            JsonType::Array => self.array(node, level, depth),
            JsonType::Object => self.object(node, level, depth),
        })))
    }

    /// An inline object type.
    fn object(&self, node: &SchemaNode, level: usize, depth: usize) -> String {
        if node.properties.is_empty() {
            let value = if node.forbids_other_members() && node.pattern_properties.is_empty() {
                "never".to_owned()
            } else {
                self.index_signature(node, level, depth)
                    .unwrap_or_else(|| "unknown".to_owned())
            };
            return format!("Record<string, {value}>");
        }
        format!(
            "{{\n{}{}}}",
            self.members(node, level + 1, depth),
            INDENT.repeat(level)
        )
    }

    /// The index signature's type, when members beyond the named ones have
    /// a schema (`additionalProperties` or `patternProperties`). It also
    /// admits the named members' types, as TypeScript requires.
    fn index_signature(&self, node: &SchemaNode, level: usize, depth: usize) -> Option<String> {
        let extra = node
            .additional_properties
            .as_deref()
            .filter(|n| n.boolean.is_none());
        if extra.is_none() && node.pattern_properties.is_empty() {
            return None;
        }
        let mut types: Vec<String> = node
            .pattern_properties
            .values()
            .chain(extra)
            .map(|n| self.ty(n, level + 1, depth + 1))
            .collect();
        if extra.is_none() && !node.forbids_other_members() {
            types.push("unknown".to_owned());
        }
        if !node.properties.is_empty() {
            types.extend(
                node.properties
                    .values()
                    .map(|n| self.ty(n, level + 1, depth + 1)),
            );
        }
        Some(union(types.into_iter()))
    }

    /// An array or tuple type.
    fn array(&self, node: &SchemaNode, level: usize, depth: usize) -> String {
        let rest = match node.items.as_deref() {
            Some(items) => self.ty(items, level, depth + 1),
            None => "unknown".to_owned(),
        };
        if node.prefix_items.is_empty() {
            return list_of(&rest);
        }
        let least = node.min_items.unwrap_or(0);
        let mut elements: Vec<String> = node
            .prefix_items
            .iter()
            .zip(0u64..)
            .map(|(item, i)| {
                let mark = if i < least { "" } else { "?" };
                format!("{}{mark}", wrap(&self.ty(item, level, depth + 1)))
            })
            .collect();
        if rest != "never" {
            elements.push(format!("...{}", list_of(&rest)));
        }
        format!("[{}]", elements.join(", "))
    }
}

/// Which way a part is compared with its official type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Options: what mpkit builds must be accepted by the typings.
    MpkitToOfficial,
    /// Responses: what the typings promise must be accepted by mpkit.
    OfficialToMpkit,
}

/// One side of a comparison: the mpkit and the official type expression of
/// the same place, and its path for the labels (`success.userInfo`).
struct Place {
    mpkit: String,
    official: String,
    path: String,
}

/// The assertions of one API, line by line.
struct Drift<'a> {
    decls: &'a Decls<'a>,
    package: Option<&'a str>,
    lines: Vec<String>,
    count: usize,
}

impl<'a> Drift<'a> {
    /// The helpers, the official types and every assertion.
    fn all(&mut self) {
        let api = self.decls.api;
        let full = api.full_name();
        self.lines.push(HELPERS.to_owned());
        self.lines.push(format!(
            "/** The official `{full}`. */\ntype DriftCall = typeof {full};"
        ));
        self.lines.push(
            "/** Its first parameter: the options object. */\n\
             type DriftParameter = NonNullable<DriftFirst<DriftCall>>;"
                .to_owned(),
        );
        self.check(
            "DriftCall",
            "(...args: never[]) => unknown",
            &full,
            "the typings declare it as a function",
        );
        let callbacks = api.call_style != CallStyle::Promise;
        if callbacks {
            self.lines.push(
                "export type OfficialOptions = Omit<DriftParameter, \"success\" | \"fail\" | \"complete\">;\n\
                 export type OfficialSuccess = DriftFirst<NonNullable<DriftAt<DriftParameter, \"success\">>>;\n\
                 export type OfficialFailure = DriftFirst<NonNullable<DriftAt<DriftParameter, \"fail\">>>;"
                    .to_owned(),
            );
        } else {
            self.lines.push(
                "export type OfficialOptions = DriftParameter;\n\
                 export type OfficialSuccess = Awaited<ReturnType<DriftCall>>;"
                    .to_owned(),
            );
        }
        self.request();
        self.response("success", "Success", "OfficialSuccess", &api.success);
        match (&api.fail, callbacks) {
            (Some(fail), true) => self.response("fail", "Failure", "OfficialFailure", fail),
            (Some(_), false) => self
                .note("fail: not compared: the typings do not type what a rejected promise gives."),
            (None, _) => {}
        }
        if api.encrypted.is_some() {
            self.note("encrypted: not compared: the typings do not type the decrypted data.");
        }
    }

    /// The options: mpkit's are accepted by the official type.
    fn request(&mut self) {
        let decls = self.decls;
        let node = decls.api.resolve(&decls.api.request);
        let place = Place {
            mpkit: format!("{}.Options", decls.name),
            official: "OfficialOptions".to_owned(),
            path: "request".to_owned(),
        };
        self.lines.push(String::new());
        self.note("request: the options mpkit builds are accepted by the official options.");
        if let Some(object) = walkable(decls.api, node) {
            self.object(&place, object, Direction::MpkitToOfficial, &mut Vec::new());
        } else {
            self.leaf(&place, false, Direction::MpkitToOfficial);
        }
    }

    /// A response part: official values are accepted by mpkit's type, and
    /// mpkit's always-present members are the typings' too.
    fn response(&mut self, key: &str, part: &str, official: &str, node: &'a SchemaNode) {
        let decls = self.decls;
        let place = Place {
            mpkit: format!("{}.{part}", decls.name),
            official: official.to_owned(),
            path: key.to_owned(),
        };
        self.lines.push(String::new());
        self.note(&format!(
            "{key}: what the typings promise is accepted by mpkit's type."
        ));
        if decls.api.call_style != CallStyle::Promise {
            let callback = if key == "success" { "success" } else { "fail" };
            self.check(
                &format!("[{official}] extends [never] ? false : true"),
                "true",
                key,
                &format!("the official options take a `{callback}` callback"),
            );
        }
        match walkable(decls.api, node) {
            Some(object) => {
                self.object(&place, object, Direction::OfficialToMpkit, &mut Vec::new())
            }
            None => self.leaf(&place, false, Direction::OfficialToMpkit),
        }
    }

    /// The members of an object, each compared; departures skipped.
    fn object(
        &mut self,
        place: &Place,
        object: &'a SchemaNode,
        direction: Direction,
        stack: &mut Vec<&'a SchemaNode>,
    ) {
        stack.push(object);
        if direction == Direction::MpkitToOfficial {
            self.check(
                &format!(
                    "Exclude<DriftRequiredKeys<NonNullable<{}>>, keyof NonNullable<{}>>",
                    place.official, place.mpkit
                ),
                "never",
                &place.path,
                "every option the typings require is one mpkit has",
            );
        }
        for (name, member) in &object.properties {
            let key = literal(&Value::String(name.clone()));
            let inner = Place {
                mpkit: format!("DriftAt<{}, {key}>", place.mpkit),
                official: format!("DriftAt<{}, {key}>", place.official),
                path: format!("{}.{name}", place.path),
            };
            if self.departs(&inner.path, member) {
                continue;
            }
            let optional = self.decls.optional(object, name, member);
            let required = !optional && direction == Direction::OfficialToMpkit;
            if direction == Direction::MpkitToOfficial || required {
                self.check(
                    &key,
                    &format!("keyof NonNullable<{}>", place.official),
                    &inner.path,
                    if required {
                        "the typings declare it (the schema says it is always present)"
                    } else {
                        "the typings declare this option"
                    },
                );
            }
            let nested = walkable(self.decls.api, member)
                .filter(|n| stack.len() < MAX_WALK && !stack.iter().any(|s| std::ptr::eq(*s, *n)));
            match nested {
                Some(nested) => {
                    self.presence(&inner, optional, direction);
                    self.object(&inner, nested, direction, stack);
                }
                None => self.leaf(&inner, !optional, direction),
            }
        }
        stack.pop();
    }

    /// Whether a member departs on purpose from these typings; if so, says
    /// that it is skipped.
    fn departs(&mut self, path: &str, member: &SchemaNode) -> bool {
        let Some(departure) = self.decls.api.member(member).departure() else {
            return false;
        };
        if self.package.is_some_and(|p| p != departure.package) {
            self.note(&format!(
                "{path}: checked although it departs from `{}`: these are other typings.",
                one_line(&departure.package)
            ));
            return false;
        }
        self.note(&format!(
            "{path}: skipped: differs from `{}` on purpose: {} (source: {})",
            one_line(&departure.package),
            one_line(&departure.reason),
            one_line(&departure.source)
        ));
        true
    }

    /// For an object compared member by member: that it is there when it must be.
    fn presence(&mut self, place: &Place, optional: bool, direction: Direction) {
        match direction {
            Direction::MpkitToOfficial if optional => self.check(
                "undefined",
                &place.official,
                &place.path,
                "the typings let mpkit leave it out",
            ),
            Direction::OfficialToMpkit if !optional => self.check(
                &format!("DriftMissing<{}>", place.official),
                "never",
                &place.path,
                "the typings always give it (the schema says it is always present)",
            ),
            _ => {}
        }
    }

    /// A member compared as a whole.
    fn leaf(&mut self, place: &Place, present: bool, direction: Direction) {
        match direction {
            Direction::MpkitToOfficial => self.check(
                &place.mpkit,
                &place.official,
                &place.path,
                "mpkit's value is accepted by the typings",
            ),
            Direction::OfficialToMpkit => {
                self.check(
                    &place.official,
                    &place.mpkit,
                    &place.path,
                    "the typings' value is accepted by mpkit",
                );
                if present {
                    self.check(
                        &place.mpkit,
                        &place.official,
                        &place.path,
                        "mpkit's value (always present) is one the typings allow",
                    );
                }
            }
        }
    }

    /// One assertion: `from` is assignable to `to`.
    fn check(&mut self, from: &str, to: &str, path: &str, what: &str) {
        self.count += 1;
        self.lines.push(format!(
            "export type Drift{} = DriftAssignable<{from}, {to}>; // {path}: {what}",
            self.count
        ));
    }

    fn note(&mut self, text: &str) {
        self.lines.push(format!("// {text}"));
    }
}

/// The helper types every assertion file starts with.
const HELPERS: &str = "\
// The drift check: the declarations above against the official typings.
// Each assertion compiles only when its first type is assignable to its
// second; the comment at the end of its line says what it asserts.

/** Compiles only when `From` is assignable to `To`; an error names both. */
type DriftAssignable<From extends To, To> = From;
/** `T[K]` where `T` is present; `undefined` when `T` has no member `K`. */
type DriftAt<T, K extends PropertyKey> = K extends keyof NonNullable<T> ? NonNullable<T>[K] : undefined;
/** `undefined` when `T` may be absent; `any` (untyped) is not. */
type DriftMissing<T> = 0 extends 1 & T ? never : Extract<T, undefined>;
/** The members `T` requires. */
type DriftRequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The first parameter of a function type. */
type DriftFirst<F> = F extends (first: infer P, ...rest: any[]) => unknown ? P : never;
";

/// The object a drift walk goes into for `node`: itself, or the definition
/// its `$ref` names, when that is a plain object with members and `node`
/// adds no type of its own.
fn walkable<'a>(api: &'a ApiSchema, node: &'a SchemaNode) -> Option<&'a SchemaNode> {
    let target = if node.reference.is_some() {
        let adds = !node.type_list().is_empty()
            || node.enum_values.is_some()
            || node.const_value.is_some()
            || !node.properties.is_empty()
            || !node.all_of.is_empty()
            || !node.one_of.is_empty()
            || node.has_typed_alternatives();
        if adds {
            return None;
        }
        api.resolve(node)
    } else {
        node
    };
    (target.reference.is_none() && is_plain_object(target) && !target.properties.is_empty())
        .then_some(target)
}

/// Whether `node` is an object type and nothing else: no union, enum or
/// intersection.
fn is_plain_object(node: &SchemaNode) -> bool {
    let types = node.type_list();
    let object = types == [JsonType::Object] || (types.is_empty() && !node.properties.is_empty());
    object
        && node.boolean.is_none()
        && node.reference.is_none()
        && node.enum_values.is_none()
        && node.const_value.is_none()
        && node.all_of.is_empty()
        && node.one_of.is_empty()
        && !node.has_typed_alternatives()
}

/// A doc line for `anyOf` alternatives that only require members.
fn alternatives_doc(node: &SchemaNode) -> Vec<String> {
    let sets: Vec<String> = node
        .any_of
        .iter()
        .filter(|b| !b.required.is_empty())
        .map(|b| {
            b.required
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    if sets.is_empty() {
        return Vec::new();
    }
    vec![
        String::new(),
        format!("At least one of these is present: {}.", sets.join("; or ")),
    ]
}

/// The doc lines of a node: its title and description, or those of what
/// its `$ref` names.
fn prose_of(node: &SchemaNode, resolved: &SchemaNode) -> Vec<String> {
    prose(
        node.title.as_deref().or(resolved.title.as_deref()),
        node.description
            .as_deref()
            .or(resolved.description.as_deref()),
    )
}

/// The title, an empty line, the description.
fn prose(title: Option<&str>, description: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    for text in [title, description].into_iter().flatten() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(text.lines().map(|line| {
            let line = line.trim_end();
            // A line starting with `@` would read as a TSDoc tag.
            match line.strip_prefix('@') {
                Some(rest) => format!("\\@{rest}"),
                None => line.to_owned(),
            }
        }));
    }
    lines
}

/// A `/** ... */` comment of `lines` at `indent`; nothing for no lines.
/// `*/` inside is escaped.
fn comment(lines: &[String], indent: &str) -> String {
    let lines: Vec<String> = lines.iter().map(|l| l.replace("*/", "*\\/")).collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for line in many {
                if line.is_empty() {
                    let _ = writeln!(out, "{indent} *");
                } else {
                    let _ = writeln!(out, "{indent} * {line}");
                }
            }
            let _ = writeln!(out, "{indent} */");
            out
        }
    }
}

/// Text on one line (for notes and labels).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "the option `x` is `true`" / "the option `x` is set".
fn condition(condition: &Condition) -> String {
    match &condition.equals {
        Some(value) => format!("the option `{}` is `{value}`", condition.option),
        None => format!("the option `{}` is set", condition.option),
    }
}

/// A JSON value as a TypeScript literal type.
fn literal(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = n.to_string();
            if n.as_f64().is_some_and(f64::is_finite) {
                text
            } else {
                "number".to_owned()
            }
        }
        Value::String(s) => serde_json::to_string(s).unwrap_or_else(|_| "string".to_owned()),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "Record<string, never>".to_owned(),
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", property_key(k), literal(v)))
                .collect();
            format!("{{ {} }}", members.join("; "))
        }
    }
}

/// A union of type expressions: duplicates and `never` dropped, `unknown`
/// absorbing the rest.
fn union(types: impl Iterator<Item = String>) -> String {
    let mut seen = Vec::new();
    for ty in types {
        if ty == "unknown" {
            return ty;
        }
        if ty != "never" && !seen.contains(&ty) {
            seen.push(ty);
        }
    }
    if seen.is_empty() {
        "never".to_owned()
    } else {
        seen.join(" | ")
    }
}

/// An intersection of type expressions: `unknown` dropped, `never` absorbing.
fn intersection(types: Vec<String>) -> String {
    let mut seen = Vec::new();
    for ty in types {
        if ty == "never" {
            return ty;
        }
        if ty != "unknown" && !seen.contains(&ty) {
            seen.push(ty);
        }
    }
    match seen.as_slice() {
        [] => "unknown".to_owned(),
        [one] => one.clone(),
        many => many.iter().map(|t| wrap(t)).collect::<Vec<_>>().join(" & "),
    }
}

/// `T[]` for a simple `T`, `Array<T>` otherwise.
fn list_of(element: &str) -> String {
    if is_simple(element) {
        format!("{element}[]")
    } else {
        format!("Array<{element}>")
    }
}

/// A type in parentheses unless it is one word or literal.
fn wrap(ty: &str) -> String {
    if is_simple(ty) {
        ty.to_owned()
    } else {
        format!("({ty})")
    }
}

fn is_simple(ty: &str) -> bool {
    !ty.contains([' ', '\n', '|', '&'])
}

/// A member name as written in a TypeScript type: bare when it is an
/// identifier, quoted otherwise.
fn property_key(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        literal(&Value::String(name.to_owned()))
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A TypeScript type name for `raw`: other characters become `_`, and a
/// reserved word gets a trailing `_`.
fn type_ident(raw: &str) -> String {
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if RESERVED.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `base`, or `base2`, `base3`, ... if taken; recorded as taken.
fn unique(taken: &mut HashSet<String>, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api(value: Value) -> ApiSchema {
        let mut base = json!({
            "$schema": "../meta.schema.json",
            "title": "Get the user.",
            "description": "获取用户信息。",
            "x-platform": "wechat",
            "x-platform-name": "WeChat",
            "x-namespace": "wx",
            "x-method": "getUser",
            "x-since": "2.0.0",
            "x-call-style": "callback",
            "x-outcome": { "style": "err-msg", "field": "errMsg", "api": "getUser" },
            "request": { "type": "object", "properties": {} },
            "success": { "type": "object", "properties": {} }
        });
        if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), value) {
            base.extend(extra);
        }
        serde_json::from_value(base).unwrap()
    }

    fn sample() -> Value {
        json!({
            "request": {
                "type": "object",
                "properties": {
                    "lang": {
                        "title": "Language.", "description": "语言",
                        "type": "string", "enum": ["en", "zh_CN"], "default": "en"
                    },
                    "desc": { "type": "string" }
                },
                "required": ["desc"],
                "additionalProperties": false
            },
            "success": {
                "type": "object",
                "properties": {
                    "userInfo": { "$ref": "#/$defs/UserInfo" },
                    "signature": {
                        "type": "string",
                        "x-present-when": { "option": "withCredentials", "equals": true }
                    },
                    "cloudID": { "type": "string", "x-since": "2.7.0" },
                    "old": { "type": "string", "x-since": "1.0.0" },
                    "errMsg": { "type": "string" }
                },
                "required": ["userInfo", "signature", "cloudID", "old", "errMsg"]
            },
            "$defs": {
                "UserInfo": {
                    "type": "object",
                    "properties": {
                        "nickName": { "type": "string" },
                        "gender": { "type": ["integer", "string"], "enum": [0, 1, "1", true] }
                    },
                    "required": ["nickName"]
                }
            }
        })
    }

    #[test]
    fn optional_when_not_required_conditional_or_newer_than_the_api() {
        let text = typescript(&api(sample()));
        for line in [
            "userInfo: UserInfo;",
            "signature?: string;",
            "cloudID?: string;",
            "old: string;",
            "errMsg: string;",
            "desc: string;",
            "lang?: \"en\" | \"zh_CN\";",
            "nickName: string;",
            "gender?: 0 | 1 | \"1\";",
        ] {
            assert!(text.contains(line), "{line} missing in:\n{text}");
        }
        assert!(text.contains("export declare namespace WxGetUser {"));
        assert!(text.contains("@since 2.7.0"));
        assert!(text.contains("@defaultValue `\"en\"`"));
        let i = INDENT.repeat(2);
        assert!(
            text.contains(&format!("{i} * Language.\n{i} *\n{i} * 语言\n")),
            "{text}"
        );
        assert!(text.contains("Present only when the option `withCredentials` is `true`."));
    }

    /// The departure of the gender member in `schema`, as JSON.
    fn departing_gender(schema: &ApiSchema) -> Value {
        let gender = schema.defs["UserInfo"].properties.get("gender").unwrap();
        serde_json::to_value(gender.departs_from_typings.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn departures_are_documented_and_skip_exactly_their_member() {
        let plain = api(sample());
        let mut departing = sample();
        departing["$defs"]["UserInfo"]["properties"]["gender"]["x-departs-from-typings"] = json!({
            "package": "miniprogram-api-typings",
            "reason": "The typings say 0 | 1 | 2; hosts send strings too.",
            "source": "https://example.com/gender"
        });
        let departing = api(departing);
        assert!(
            typescript(&departing)
                .contains("Differs from `miniprogram-api-typings` on purpose: The typings say")
        );
        let labels = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("export type Drift"))
                .map(|l| l.split_once("; // ").unwrap().1.to_owned())
                .collect()
        };
        let all = labels(&typescript_assertions(&plain, None));
        let kept = labels(&typescript_assertions(&departing, None));
        let dropped: Vec<&String> = all.iter().filter(|l| !kept.contains(l)).collect();
        assert!(!dropped.is_empty());
        assert!(
            dropped
                .iter()
                .all(|l| l.starts_with("success.userInfo.gender:")),
            "{dropped:?}"
        );
        assert_eq!(all.len() - dropped.len(), kept.len());
        let mut on_definition = sample();
        on_definition["$defs"]["UserInfo"]["x-departs-from-typings"] = departing_gender(&departing);
        let kept = labels(&typescript_assertions(&api(on_definition), None));
        assert!(kept.iter().all(|l| !l.starts_with("success.userInfo")));
        assert_eq!(
            kept.len(),
            all.iter()
                .filter(|l| !l.starts_with("success.userInfo"))
                .count()
        );
        let other = typescript_assertions(&departing, Some("@douyin-microapp/typings"));
        assert_eq!(
            labels(&other),
            all,
            "a departure from other typings is checked"
        );
        assert!(
            typescript_assertions(&departing, Some("miniprogram-api-typings"))
                .contains("// success.userInfo.gender: skipped: differs from")
        );
    }

    #[test]
    fn assertions_compare_each_member_in_the_right_direction() {
        let text = typescript_assertions(&api(sample()), None);
        for line in [
            "type DriftCall = typeof wx.getUser;",
            "DriftAssignable<DriftAt<WxGetUser.Options, \"lang\">, DriftAt<OfficialOptions, \"lang\">>; // request.lang: mpkit's value is accepted by the typings",
            "DriftAssignable<\"lang\", keyof NonNullable<OfficialOptions>>; // request.lang: the typings declare this option",
            "DriftAssignable<Exclude<DriftRequiredKeys<NonNullable<OfficialOptions>>, keyof NonNullable<WxGetUser.Options>>, never>; // request: every option",
            "DriftAssignable<DriftAt<OfficialSuccess, \"cloudID\">, DriftAt<WxGetUser.Success, \"cloudID\">>; // success.cloudID: the typings' value is accepted by mpkit",
            "DriftAssignable<DriftAt<WxGetUser.Success, \"old\">, DriftAt<OfficialSuccess, \"old\">>; // success.old: mpkit's value (always present)",
            "DriftAssignable<DriftMissing<DriftAt<OfficialSuccess, \"userInfo\">>, never>; // success.userInfo: the typings always give it",
            "DriftAssignable<DriftAt<DriftAt<OfficialSuccess, \"userInfo\">, \"nickName\">, DriftAt<DriftAt<WxGetUser.Success, \"userInfo\">, \"nickName\">>; // success.userInfo.nickName",
        ] {
            assert!(text.contains(line), "{line}\nmissing in:\n{text}");
        }
        assert!(!text.contains("// success.cloudID: mpkit's value (always present)"));
        assert!(!text.contains("// success.signature: the typings declare it"));
        assert!(text.trim_end().ends_with("export {};"));
    }

    #[test]
    fn promise_apis_compare_what_the_promise_resolves_to() {
        let mut value = sample();
        value["x-call-style"] = json!("promise");
        value["fail"] = json!({ "type": "object" });
        let text = typescript_assertions(&api(value), None);
        assert!(text.contains("export type OfficialSuccess = Awaited<ReturnType<DriftCall>>;"));
        assert!(text.contains("// fail: not compared"));
        assert!(!text.contains("OfficialFailure"));
    }

    #[test]
    fn json_kept_nodes_map_to_faithful_types_or_unknown() {
        let text = typescript(&api(json!({
            "success": {
                "type": "object",
                "properties": {
                    "a": { "type": ["string", "null"] },
                    "b": { "oneOf": [{ "type": "string" }, { "type": "integer" }] },
                    "c": { "not": { "type": "string" } },
                    "d": { "type": "array", "prefixItems": [{ "type": "string" }], "items": false, "minItems": 1 },
                    "e": { "type": "array", "items": { "anyOf": [{ "type": "string" }, { "type": "boolean" }] } },
                    "f": { "type": "object", "additionalProperties": { "type": "integer" } },
                    "g": { "const": { "k": [1, null] } },
                    "h": { "allOf": [{ "type": "string" }, { "enum": ["x", 2] }] },
                    "i": false,
                    "j": { "$ref": "#/success/properties/a" },
                    "we ird": { "type": "string", "description": "*/ @tag" }
                }
            },
            "$defs": { "string": { "type": "string" }, "Options": { "type": "integer" } }
        })));
        for line in [
            "a?: string | null;",
            "b?: string | number;",
            "c?: unknown;",
            "d?: [string];",
            "e?: Array<string | boolean>;",
            "f?: Record<string, number>;",
            "g?: { k: [1, null] };",
            "h?: string & (\"x\" | 2);",
            "i?: never;",
            "j?: string | null;",
            "\"we ird\"?: string;",
            "export type string_ = string;",
            "export type Options2 = number;",
            "*\\/ @tag",
        ] {
            assert!(text.contains(line), "{line} missing in:\n{text}");
        }
    }

    #[test]
    fn cycles_and_fan_out_end() {
        // G{i}/allOf/0 refers twice to G{i-1}/allOf/0: 2^40 expansions unbounded.
        let mut defs = serde_json::Map::new();
        defs.insert("G0".into(), json!({ "allOf": [{ "type": "string" }] }));
        for i in 1..=40 {
            let below = json!({ "$ref": format!("#/$defs/G{}/allOf/0", i - 1) });
            defs.insert(
                format!("G{i}"),
                json!({ "allOf": [{ "anyOf": [below.clone(), below] }] }),
            );
        }
        let fan = json!({ "$ref": "#/$defs/G40/allOf/0" });
        let mut value = json!({
            "success": {
                "type": "object",
                "properties": {
                    "self": { "$ref": "#/success" },
                    "tree": { "$ref": "#/$defs/Tree" },
                    "loop": { "$ref": "#/success/properties/loop" },
                    "fan": fan
                }
            },
            "$defs": {
                "Tree": {
                    "type": "object",
                    "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/Tree" } },
                                    "next": { "$ref": "#/$defs/Tree" } },
                    "required": ["next"]
                }
            }
        });
        value["$defs"].as_object_mut().unwrap().extend(defs);
        let schema = api(value);
        let text = typescript(&schema);
        assert!(text.contains("children?: Tree[];"));
        assert!(text.len() < 4_000_000);
        let checks = typescript_assertions(&schema, None);
        assert!(checks.contains("// success.tree.next: the typings' value is accepted by mpkit"));
        assert!(!checks.contains("success.tree.next.next"));
        assert!(checks.len() < 8_000_000);
    }

    /// Any node made of the keywords the declarations read, with pointer
    /// `$ref`s that may point anywhere (or nowhere).
    fn arbitrary_node() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let name = prop_oneof![
            Just("a".to_owned()),
            Just("we ird".to_owned()),
            Just("*/".to_owned()),
            Just("string".to_owned()),
            Just(String::new()),
            "[a-z]{1,3}",
        ];
        let leaf = prop_oneof![
            Just(json!(true)),
            Just(json!(false)),
            Just(json!({ "type": "string", "title": "@tag */" })),
            Just(json!({ "type": ["integer", "null"], "enum": [1, null, "x"] })),
            Just(json!({ "const": { "a": [1.5, -2] } })),
            Just(json!({ "$ref": "#/$defs/Tree" })),
            Just(json!({ "$ref": "#/success" })),
            Just(json!({ "$ref": "#/success/properties/a/items" })),
            Just(json!({ "$ref": "#/nowhere" })),
            Just(json!({ "not": { "type": "string" } })),
        ];
        leaf.prop_recursive(4, 48, 4, move |inner| {
            prop_oneof![
                prop::collection::vec((name.clone(), inner.clone()), 0..4).prop_map(|members| {
                    let required: Vec<&String> = members.iter().map(|(n, _)| n).collect();
                    json!({
                        "type": "object",
                        "properties": members.iter().cloned().collect::<serde_json::Map<_, _>>(),
                        "required": required,
                        "additionalProperties": { "type": "integer" }
                    })
                }),
                prop::collection::vec(inner.clone(), 0..3).prop_map(|b| json!({ "anyOf": b })),
                prop::collection::vec(inner.clone(), 0..3).prop_map(|b| json!({ "allOf": b })),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| {
                    json!({ "type": "array", "prefixItems": [a], "items": b, "minItems": 1 })
                }),
                (inner.clone(), inner)
                    .prop_map(|(a, b)| json!({ "$ref": "#/$defs/Tree", "oneOf": [a, b] })),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_schema_gives_declarations_and_assertions(success in arbitrary_node(), tree in arbitrary_node()) {
            let success = json!({ "type": "object", "properties": { "a": success.clone(), "b": success } });
            let schema = api(json!({ "success": success, "$defs": { "Tree": tree } }));
            let text = typescript(&schema);
            let interface = "export interface Success {";
            proptest::prop_assert!(text.contains(interface));
            let checks = typescript_assertions(&schema, Some("p"));
            proptest::prop_assert!(checks.starts_with(&text));
            proptest::prop_assert!(checks.contains("// success.b"));
        }
    }
}
