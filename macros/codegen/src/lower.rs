//! From the spec model to what will be generated: every Rust type with its
//! name, fields, optionality and docs, and every option with its rules and
//! version gate. The emitters in `emit/` only print this.

use std::collections::{HashMap, HashSet};

use mpkit_runtime::Version;
use proc_macro2::Ident;
use serde_json::{Number, Value};

use crate::checked::{self, CheckedSchema};
use crate::load::LoadedSchema;
use crate::naming::{enum_key, field_ident, ident, type_name, variant_name};
use crate::spec::{
    ApiSchema, CallStyle, CryptoScheme, ErrorRejection, JsonType, MemberView, OutcomeStyle,
    QuirkKind, SchemaNode, WatermarkMembers, WatermarkSpec,
};
use crate::typing::{Place, Typing};

/// What the user asked for in the attribute, beyond the schema, and what
/// their build has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The app's declared minimum base library: what needs no check.
    pub min_version: Option<Version>,
    /// The context the API is used in (`plugin`).
    pub context: Option<String>,
    /// Whether to generate `verify` / `decrypt` for credential fields: the
    /// `mpkit` facade's `crypto` feature, which also builds the runtime's
    /// `crypto` module they call. On by default (`mpkit expand`, goldens).
    pub credentials: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_version: None,
            context: None,
            credentials: true,
        }
    }
}

/// A Rust type of a field or option.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    String,
    Bool,
    Int,
    Float,
    Unit,
    Value,
    Map,
    /// A type the schema defines: a struct, an enum or a union.
    Named(TypeId),
    List(Box<Ty>),
    /// A number some hosts send as a decimal string.
    NumberOrString(Box<Ty>),
    /// An optional nested object, kept behind a pointer (see `structure`).
    Boxed(Box<Ty>),
    /// A plain value or `null` (`"type": ["string", "null"]`): `Option<T>`.
    Nullable(Box<Ty>),
    /// An object whose members all have one schema
    /// (`additionalProperties`): `BTreeMap<String, T>`.
    MapOf(Box<Ty>),
    /// A string holding JSON of the content's type (`contentSchema`):
    /// `mpkit::JsonText<T>`, the text kept.
    JsonText(Box<Ty>),
}

impl Ty {
    /// The type a `Boxed` holds, or the type itself.
    pub(crate) fn unboxed(&self) -> &Ty {
        match self {
            Ty::Boxed(inner) => inner,
            other => other,
        }
    }

    /// The type a `Nullable` holds when not `null`, or the type itself.
    pub(crate) fn non_null(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner,
            other => other,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub json: String,
    pub ident: Ident,
    pub ty: Ty,
    pub optional: bool,
    /// When the platform sends it, from `x-present-when` ("the option `x` is `true`").
    pub present_when: Option<String>,
    /// What the value must satisfy, as a JSON Schema validator checks it:
    /// for a plain string or number member (the discriminant aside, which
    /// its outcome convention checks).
    pub rules: Vec<Rule>,
    /// The one value the member may have (`const`), for a plain string,
    /// boolean or integer member.
    pub constant: Option<Value>,
    /// For a member kept as JSON (`Ty::Value`) whose schema says more than
    /// a Rust type can: the schema its decoder checks it against.
    pub schema: Option<CheckedSchema>,
    pub doc: Vec<String>,
}

/// A method on a struct that reads a member either directly or from the
/// nested object the `nested-alias` quirk names.
#[derive(Debug, Clone)]
pub(crate) struct AliasAccessor {
    pub field: Ident,
    pub ty: Ty,
    pub nested: Ident,
    pub nested_optional: bool,
    pub inner_optional: bool,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub ident: Ident,
    pub value: Value,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repr {
    Text,
    Integer,
}

/// One alternative of an `anyOf` value.
#[derive(Debug, Clone)]
pub(crate) enum Case {
    /// A documented string value.
    Named(Variant),
    /// Any other string.
    Text,
    Integer,
    Number,
    Flag,
}

/// A type of the lowered API: its place in [`Api::types`], so that lowering
/// and the emitters find it without looking its name up again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TypeId(usize);

#[derive(Debug, Clone)]
pub(crate) enum TypeDef {
    Struct {
        name: String,
        doc: Vec<String>,
        fields: Vec<Field>,
        keeps_unknown: bool,
        aliases: Vec<AliasAccessor>,
        /// `anyOf` of `required` lists: at least one list's members must
        /// all be present (EMAS: the ids flat, or under `user`).
        alternatives: Vec<Vec<String>>,
    },
    Enum {
        name: String,
        doc: Vec<String>,
        repr: Repr,
        variants: Vec<Variant>,
    },
    Union {
        name: String,
        doc: Vec<String>,
        cases: Vec<Case>,
    },
}

impl TypeDef {
    /// The Rust name of the type.
    pub(crate) fn name(&self) -> &str {
        match self {
            TypeDef::Struct { name, .. }
            | TypeDef::Enum { name, .. }
            | TypeDef::Union { name, .. } => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    Minimum(Number),
    Maximum(Number),
}

#[derive(Debug, Clone)]
pub(crate) struct OptionSpec {
    pub json: String,
    pub ident: Ident,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<Value>,
    pub since: Option<Version>,
    /// The version a proof must show before this option can be set.
    pub gate: Option<Version>,
    /// For an enum option: the trait its setter takes the value by.
    pub value_trait: Option<Ident>,
    pub rules: Vec<Rule>,
    /// For an option kept as JSON: the schema `build()` checks it against.
    pub schema: Option<CheckedSchema>,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Credentials {
    pub scheme: CryptoScheme,
    /// The raw data and its signature, where the platform signs.
    pub signed: Option<(Field, Field)>,
    pub encrypted_data: Field,
    pub iv: Field,
}

/// Where a decrypted-data type keeps its watermark, for its `Watermarked` impl.
#[derive(Debug, Clone)]
pub(crate) struct WatermarkFields {
    /// The decrypted-data struct.
    pub owner: TypeId,
    /// Its `watermark` field.
    pub field: Field,
    pub appid: Field,
    pub timestamp: Option<Field>,
}

#[derive(Debug, Clone)]
pub(crate) struct Api {
    pub platform: String,
    pub platform_name: String,
    pub namespace: String,
    pub method: String,
    pub full_name: String,
    /// The API's minimum in the declared context.
    pub since: Option<Version>,
    pub context: Option<String>,
    /// The version a proof must show before the options can be built.
    pub api_gate: Option<Version>,
    /// The app's declared `min_version`, for the docs of gated items.
    pub min_version: Option<Version>,
    /// `x-platform-floor`: what every host of the platform has.
    pub platform_floor: Option<Version>,
    pub call_style: CallStyle,
    /// `x-version-getters`: how a host reads its version.
    pub version_getters: Vec<String>,
    /// `x-error-rejection`, or its default.
    pub error_rejection: ErrorRejection,
    pub outcome: OutcomeStyle,
    pub outcome_field: String,
    /// For a `callback` outcome: the failure's message member.
    pub outcome_message: Option<String>,
    pub outcome_api: String,
    pub outcome_codes: Vec<String>,
    pub options: Vec<OptionSpec>,
    /// Each enum an option takes, with the trait its setters take it by
    /// (`WxGetUserInfoLangValue`), whose only use is the compiler's
    /// message, listing the values, when something else is given.
    pub value_traits: Vec<(TypeId, String)>,
    pub types: Vec<TypeDef>,
    pub success: TypeId,
    pub failure: Option<TypeId>,
    pub encrypted: Option<Ty>,
    /// The success field holding the discriminant (none for a `callback` outcome).
    pub discriminant: Option<Field>,
    pub credentials: Option<Credentials>,
    pub watermark: Option<WatermarkFields>,
    /// `x-profile`, which the loader has checked against the types.
    pub profile: Option<crate::spec::ProfileMap>,
    /// The structs that hold decrypted user data (reached from `encrypted`):
    /// their `Debug` shows no value.
    pub redacted: HashSet<TypeId>,
    pub doc: Vec<String>,
}

impl Api {
    /// Every type definition with its id.
    pub(crate) fn ids(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, def)| (TypeId(i), def))
    }

    /// The definition of type `id`.
    pub(crate) fn def(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }

    /// The Rust name of type `id` (empty for an id of another API, which
    /// lowering never hands out).
    pub(crate) fn type_name(&self, id: TypeId) -> &str {
        self.def(id).map_or("", TypeDef::name)
    }
}

/// Lowers a checked schema; the errors say why it cannot be generated.
pub(crate) fn lower(
    schema: &LoadedSchema,
    prefix: &str,
    settings: &Settings,
) -> Result<Api, Vec<String>> {
    let api = &schema.api;
    let mut lowerer = Lowerer {
        api,
        typing: Typing::new(api),
        recursive_types: HashSet::new(),
        value_traits: Vec::new(),
        prefix: prefix.to_owned(),
        types: Vec::new(),
        defs: HashMap::new(),
        names: HashSet::new(),
        errors: Vec::new(),
        floor: guaranteed(settings.min_version, platform_floor(api)),
    };
    // The names the emitters give the API's own items: a schema type named
    // after a member `options` gets a suffix instead of colliding.
    for own in ["", "Options", "OptionsBuilder"] {
        lowerer.names.insert(format!("{prefix}{own}"));
    }
    let since = lowerer.effective_since(settings);
    let floor = lowerer.floor;
    // Whoever can call the API has its base library: its own minimum needs no
    // further check on options and fields.
    let covered = since.map_or(floor, |s| s.max(floor));
    lowerer.floor = covered;
    let options = lowerer.options(covered);
    let success = lowerer.top_struct(&api.success, "Success");
    let failure = api
        .fail
        .as_ref()
        .map(|fail| lowerer.top_struct(fail, "Failure"));
    let encrypted = api
        .encrypted
        .as_ref()
        .map(|node| lowerer.node(node, "Encrypted"));
    let discriminant = api
        .outcome
        .field
        .as_ref()
        .map(|field| lowerer.field_of(success, field));
    let (credentials, watermark) = if settings.credentials {
        lowerer.credentials(success, encrypted.as_ref())
    } else {
        (None, None)
    };
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
    let redacted = encrypted
        .as_ref()
        .map(|root| reached_structs(&lowerer.types, root))
        .unwrap_or_default();
    Ok(Api {
        platform: api.platform.clone(),
        platform_name: api.platform_name.clone(),
        namespace: api.namespace.clone(),
        method: api.method.clone(),
        full_name: api.full_name(),
        since,
        context: settings.context.clone(),
        api_gate: since.filter(|s| *s > floor),
        min_version: settings.min_version,
        platform_floor: platform_floor(api),
        call_style: api.call_style,
        version_getters: api.version_getters.clone(),
        error_rejection: api.error_rejection.unwrap_or_default(),
        outcome: api.outcome.style,
        outcome_field: api.outcome.field.clone().unwrap_or_default(),
        outcome_message: api.outcome.message.clone(),
        outcome_api: api.outcome.api.clone().unwrap_or_default(),
        outcome_codes: api.outcome.codes.clone(),
        options,
        value_traits: lowerer.value_traits,
        types: lowerer.types,
        success,
        failure,
        encrypted,
        discriminant,
        credentials,
        watermark,
        profile: api.profile.clone(),
        redacted,
        doc: docs(Some(&api.title), Some(&api.description)),
    })
}

impl Lowerer<'_> {
    /// The success fields `x-credentials` names, and where the decrypted
    /// data keeps its watermark (when the scheme has one).
    fn credentials(
        &mut self,
        success: TypeId,
        encrypted: Option<&Ty>,
    ) -> (Option<Credentials>, Option<WatermarkFields>) {
        let Some(spec) = &self.api.credentials else {
            return (None, None);
        };
        let signed = spec
            .raw_data
            .as_ref()
            .zip(spec.signature.as_ref())
            .map(|(raw, signature)| {
                (
                    self.field_of(success, raw),
                    self.field_of(success, signature),
                )
            });
        let credentials = Credentials {
            scheme: spec.scheme,
            signed,
            encrypted_data: self.field_of(success, &spec.encrypted_data),
            iv: self.field_of(success, &spec.iv),
        };
        let names = spec.watermark.as_ref().and_then(WatermarkSpec::members);
        let watermark = match (encrypted, names) {
            (Some(encrypted), Some(names)) => self.watermark(encrypted, names),
            _ => None,
        };
        (Some(credentials), watermark)
    }
}

/// Every struct a value of type `root` can hold, itself included.
fn reached_structs(types: &[TypeDef], root: &Ty) -> HashSet<TypeId> {
    let mut found = HashSet::new();
    let mut pending = vec![root.clone()];
    while let Some(ty) = pending.pop() {
        match ty {
            Ty::Named(id) => {
                if let Some(TypeDef::Struct { fields, .. }) = types.get(id.0) {
                    if found.insert(id) {
                        pending.extend(fields.iter().map(|field| field.ty.clone()));
                    }
                }
            }
            Ty::List(inner)
            | Ty::NumberOrString(inner)
            | Ty::Boxed(inner)
            | Ty::Nullable(inner)
            | Ty::MapOf(inner)
            | Ty::JsonText(inner) => pending.push(*inner),
            Ty::String | Ty::Bool | Ty::Int | Ty::Float | Ty::Unit | Ty::Value | Ty::Map => {}
        }
    }
    found
}

/// The platform's floor, if the schema states one.
fn platform_floor(api: &ApiSchema) -> Option<Version> {
    api.platform_floor.as_ref().map(|floor| floor.version)
}

/// What every host of the app has: the later of the app's declared
/// `min_version` and the platform's floor (nothing older runs at all).
fn guaranteed(min_version: Option<Version>, floor: Option<Version>) -> Version {
    let none = Version::new(0, 0, 0);
    min_version.unwrap_or(none).max(floor.unwrap_or(none))
}

struct Lowerer<'a> {
    api: &'a ApiSchema,
    typing: Typing<'a>,
    /// Names of structs of recursive definitions, whose fields of their
    /// own type are boxed.
    recursive_types: HashSet<TypeId>,
    prefix: String,
    types: Vec<TypeDef>,
    defs: HashMap<String, Ty>,
    names: HashSet<String>,
    errors: Vec<String>,
    floor: Version,
    /// See [`Api::value_traits`].
    value_traits: Vec<(TypeId, String)>,
}

impl<'a> Lowerer<'a> {
    fn effective_since(&mut self, settings: &Settings) -> Option<Version> {
        let Some(context) = &settings.context else {
            return self.api.since;
        };
        match self.api.contexts.get(context) {
            None => {
                let known: Vec<&str> = self.api.contexts.keys().map(String::as_str).collect();
                self.errors.push(if known.is_empty() {
                    format!(
                        "{} documents no contexts; remove `context = \"{context}\"`",
                        self.api.full_name()
                    )
                } else {
                    format!(
                        "{} has no context `{context}`; the documented contexts are: {}",
                        self.api.full_name(),
                        known.join(", ")
                    )
                });
                self.api.since
            }
            Some(support) if !support.supported => {
                self.errors.push(format!(
                    "{} cannot be used in context `{context}`: the platform does not support it there",
                    self.api.full_name()
                ));
                self.api.since
            }
            Some(support) => match (self.api.since, support.since) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
        }
    }

    fn resolve(&self, node: &'a SchemaNode) -> &'a SchemaNode {
        self.api.resolve(node)
    }

    fn unique_name(&mut self, hint: &str) -> String {
        let base = format!("{}{}", self.prefix, type_name(hint));
        let mut name = base.clone();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    fn options(&mut self, covered: Version) -> Vec<OptionSpec> {
        let request = self.resolve(&self.api.request);
        let mut options = Vec::new();
        for (json, node) in &request.properties {
            let resolved = self.resolve(node);
            let schema =
                (!self.typing.typed(node, Place::Option)).then(|| checked::lower(self.api, node));
            let ty = match (resolved.type_list(), &resolved.enum_values) {
                _ if schema.is_some() => Ty::Value,
                ([] | [JsonType::String | JsonType::Integer], Some(_)) => {
                    self.enumeration(resolved, json, false)
                }
                (_, Some(_)) => {
                    self.errors.push(format!(
                        "option `{json}`: an enum must be of strings or of integers"
                    ));
                    Ty::Value
                }
                ([JsonType::String], None) => Ty::String,
                ([JsonType::Boolean], None) => Ty::Bool,
                ([JsonType::Integer], None) => Ty::Int,
                ([JsonType::Number], None) => Ty::Float,
                (types, None) => {
                    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
                    self.errors.push(format!(
                        "option `{json}` has type [{}]; mpkit generates options of type string, boolean, integer or number",
                        names.join(", ")
                    ));
                    Ty::Value
                }
            };
            let mut rules = rules_of(resolved, &ty);
            if matches!(ty, Ty::Named(_) | Ty::Value) {
                // An enum option holds one of its values, each of which the
                // loader has checked against these rules.
                rules.clear();
            }
            let view = self.api.member(node);
            let since = view.since();
            let mut doc = described(docs(view.title(), view.description()), || {
                format!("The `{json}` option.")
            });
            if let Some(default) = &resolved.default {
                doc.push(String::new());
                doc.push(format!(
                    "Default: `{default}` (applied by the platform when the option is not set)."
                ));
            }
            departure_doc(&view, &mut doc);
            let gate = since.filter(|s| *s > covered);
            let value_trait = match &ty {
                Ty::Named(id) => Some(ident(&self.value_trait(*id))),
                _ => None,
            };
            if let Some(since) = since {
                doc.push(String::new());
                doc.push(format!("Requires base library {since}."));
            }
            options.push(OptionSpec {
                json: json.clone(),
                ident: field_ident(json, node.rust_name.as_deref()),
                ty,
                required: request.required.contains(json),
                default: resolved.default.clone(),
                since,
                gate,
                value_trait,
                rules,
                schema,
                doc,
            });
        }
        options
    }

    /// The value trait of enum `name`, named once per enum (two options
    /// of one `$ref`'d enum share it) and never like another type.
    fn value_trait(&mut self, id: TypeId) -> String {
        if let Some((_, found)) = self.value_traits.iter().find(|(e, _)| *e == id) {
            return found.clone();
        }
        let base = format!("{}Value", self.types.get(id.0).map_or("", TypeDef::name));
        let mut chosen = base.clone();
        let mut n = 2;
        while !self.names.insert(chosen.clone()) {
            chosen = format!("{base}{n}");
            n += 1;
        }
        self.value_traits.push((id, chosen.clone()));
        chosen
    }

    /// A struct type, its place taken before its members are lowered, so
    /// that nested types come after it and a member referring back to it (a
    /// tree's `children`) finds it.
    fn reserve_struct(&mut self, name: String) -> TypeId {
        self.push_type(TypeDef::Struct {
            name,
            doc: Vec::new(),
            fields: Vec::new(),
            keeps_unknown: true,
            aliases: Vec::new(),
            alternatives: Vec::new(),
        })
    }

    fn push_type(&mut self, def: TypeDef) -> TypeId {
        self.types.push(def);
        TypeId(self.types.len() - 1)
    }

    fn top_struct(&mut self, node: &'a SchemaNode, hint: &str) -> TypeId {
        let resolved = self.resolve(node);
        let name = self.unique_name(hint);
        let id = self.reserve_struct(name);
        self.structure(resolved, id);
        id
    }

    /// Success field `json`; an error when the success part lacks it.
    fn field_of(&mut self, success: TypeId, json: &str) -> Field {
        if let Some(field) = self.struct_field(success, json) {
            return field.clone();
        }
        self.errors
            .push(format!("the success part has no field `{json}`"));
        Field {
            json: json.to_owned(),
            ident: field_ident(json, None),
            ty: Ty::Value,
            optional: true,
            present_when: None,
            rules: Vec::new(),
            constant: None,
            schema: None,
            doc: Vec::new(),
        }
    }

    fn is_struct(&self, id: TypeId) -> bool {
        matches!(self.types.get(id.0), Some(TypeDef::Struct { .. }))
    }

    /// The fields of struct `id` (none for another kind of type).
    fn fields_of(&self, id: TypeId) -> &[Field] {
        match self.types.get(id.0) {
            Some(TypeDef::Struct { fields, .. }) => fields,
            _ => &[],
        }
    }

    fn struct_field(&self, owner: TypeId, json: &str) -> Option<&Field> {
        self.fields_of(owner).iter().find(|f| f.json == json)
    }

    /// The watermark's place in the decrypted-data type; the semantic checks
    /// have made sure it is there, so a miss is an error, not a silent skip.
    fn watermark(&mut self, encrypted: &Ty, names: &WatermarkMembers) -> Option<WatermarkFields> {
        let found = (|| {
            let Ty::Named(owner) = encrypted else {
                return None;
            };
            let field = self.struct_field(*owner, &names.member)?;
            let Ty::Named(mark) = field.ty.unboxed() else {
                return None;
            };
            let appid = self
                .struct_field(*mark, &names.appid)
                .filter(|f| f.ty == Ty::String)?;
            let timestamp = match names.timestamp.as_ref() {
                None => None,
                Some(name) => Some(
                    self.struct_field(*mark, name)
                        .filter(|f| f.ty == Ty::Int)?
                        .clone(),
                ),
            };
            Some(WatermarkFields {
                owner: *owner,
                field: field.clone(),
                appid: appid.clone(),
                timestamp,
            })
        })();
        if found.is_none() {
            self.errors.push(format!(
                "the decrypted data needs `{}.{}` (a string){}, as `x-credentials.watermark` says",
                names.member,
                names.appid,
                names
                    .timestamp
                    .as_ref()
                    .map(|t| format!(" and `{}.{t}` (an integer)", names.member))
                    .unwrap_or_default()
            ));
        }
        found
    }

    fn node(&mut self, node: &'a SchemaNode, hint: &str) -> Ty {
        if let Some(reference) = &node.reference {
            return self.definition(reference);
        }
        let has_quirk = |kind| node.quirks.iter().any(|q| q.kind == kind);
        let branch_types = node.has_typed_alternatives();
        if branch_types {
            return self.union(node, hint);
        }
        if node.enum_values.is_some() {
            let lenient = has_quirk(QuirkKind::NumberAsString);
            return self.enumeration(node, hint, lenient);
        }
        let types = node.type_list();
        let numeric = |t: &JsonType| matches!(t, JsonType::Integer | JsonType::Number);
        match types {
            [JsonType::String] => match self.typing.json_text(node) {
                Some(content) => {
                    Ty::JsonText(Box::new(self.node(content, &format!("{hint}Content"))))
                }
                None => Ty::String,
            },
            [JsonType::Boolean] => Ty::Bool,
            [JsonType::Integer] => Ty::Int,
            [JsonType::Number] => Ty::Float,
            [JsonType::Null] => Ty::Unit,
            [JsonType::Array] => match &node.items {
                Some(items) => Ty::List(Box::new(self.node(items, &format!("{hint}Item")))),
                None => Ty::List(Box::new(Ty::Value)),
            },
            [JsonType::Object] | [] if !node.properties.is_empty() => {
                let name = self.unique_name(hint);
                let id = self.reserve_struct(name);
                self.structure(node, id);
                Ty::Named(id)
            }
            [JsonType::Object] => match crate::typing::map_values(node) {
                Some(values) => Ty::MapOf(Box::new(self.node(values, &format!("{hint}Value")))),
                None => Ty::Map,
            },
            [JsonType::Null, plain] | [plain, JsonType::Null] if *plain != JsonType::Null => {
                let inner = match plain {
                    JsonType::String => Ty::String,
                    JsonType::Boolean => Ty::Bool,
                    JsonType::Integer => Ty::Int,
                    _ => Ty::Float,
                };
                Ty::Nullable(Box::new(inner))
            }
            list if crate::typing::plain_type_union(node) => {
                let cases = list
                    .iter()
                    .map(|t| match t {
                        JsonType::String => Case::Text,
                        JsonType::Integer => Case::Integer,
                        JsonType::Number => Case::Number,
                        _ => Case::Flag,
                    })
                    .collect();
                self.push_union(node, hint, cases)
            }
            [a, b] if has_quirk(QuirkKind::NumberAsString) && (numeric(a) || numeric(b)) => {
                let number = if types.contains(&JsonType::Integer) {
                    Ty::Int
                } else {
                    Ty::Float
                };
                Ty::NumberOrString(Box::new(number))
            }
            _ => Ty::Value,
        }
    }

    fn definition(&mut self, reference: &str) -> Ty {
        let name = reference.strip_prefix("#/$defs/").unwrap_or(reference);
        if let Some(ty) = self.defs.get(name) {
            return ty.clone();
        }
        let Some(def) = self.api.definition(reference) else {
            self.errors
                .push(format!("`$ref` \"{reference}\" does not resolve"));
            return Ty::Value;
        };
        if crate::typing::is_struct_shaped(def) {
            // Named before its members are lowered, so that a member
            // referring back to it (a tree's `children`) finds the name.
            let type_name = self.unique_name(name);
            let id = self.reserve_struct(type_name);
            if self
                .typing
                .is_recursive(&crate::spec::decode_definition_name(name))
            {
                self.recursive_types.insert(id);
            }
            self.defs.insert(name.to_owned(), Ty::Named(id));
            self.structure(def, id);
            return Ty::Named(id);
        }
        // Reserve the entry first so a self-referencing definition ends.
        self.defs.insert(name.to_owned(), Ty::Value);
        let ty = self.node(def, name);
        self.defs.insert(name.to_owned(), ty.clone());
        ty
    }

    /// Lowers `node` into the struct reserved as `id`.
    fn structure(&mut self, node: &'a SchemaNode, id: TypeId) {
        let is_success = std::ptr::eq(node, self.api.resolve(&self.api.success));
        let mut fields = Vec::new();
        for (json, member) in &node.properties {
            let resolved = self.resolve(member);
            let discriminant =
                is_success && self.api.outcome.field.as_deref() == Some(json.as_str());
            let schema = (!discriminant && !self.typing.typed(member, Place::Member))
                .then(|| checked::lower(self.api, member));
            let ty = if schema.is_some() {
                Ty::Value
            } else {
                self.node(member, json)
            };
            let view = self.api.member(member);
            let newer = view.since().is_some_and(|s| s > self.floor);
            let optional = !node.required.contains(json) || view.present_when().is_some() || newer;
            let present_when = view
                .present_when()
                .map(|condition| match &condition.equals {
                    Some(value) => format!("the option `{}` is `{value}`", condition.option),
                    None => format!("the option `{}` is set", condition.option),
                });
            let doc = field_doc(&view, json, present_when.as_deref());
            // An optional nested object is boxed: a payload without it then
            // costs a null pointer, not the object's whole size, and the
            // parent stays small enough to move cheaply while decoding.
            // A struct that holds itself (a tree node's `parent`) is boxed
            // whether or not the member is optional: Rust types are finite.
            let ty = match ty {
                Ty::Named(id)
                    if (optional && self.is_struct(id)) || self.recursive_types.contains(&id) =>
                {
                    Ty::Boxed(Box::new(Ty::Named(id)))
                }
                ty => ty,
            };
            let plain = matches!(ty.non_null(), Ty::String | Ty::Int | Ty::Float | Ty::Bool);
            let (rules, constant) = if plain && !discriminant {
                let constant = member
                    .const_value
                    .clone()
                    .or_else(|| resolved.const_value.clone());
                (rules_of(resolved, ty.non_null()), constant)
            } else {
                (Vec::new(), None)
            };
            fields.push(Field {
                json: json.clone(),
                ident: field_ident(json, member.rust_name.as_deref()),
                ty,
                optional,
                present_when,
                rules,
                constant,
                schema,
                doc,
            });
        }
        let aliases = self.aliases(node, &fields);
        let doc = described(
            docs(node.title.as_deref(), node.description.as_deref()),
            || format!("An object of `{}`.", self.api.full_name()),
        );
        let name = self
            .types
            .get(id.0)
            .map(TypeDef::name)
            .unwrap_or_default()
            .to_owned();
        let def = TypeDef::Struct {
            name,
            doc,
            fields,
            keeps_unknown: !node.forbids_other_members(),
            aliases,
            alternatives: if node.has_typed_alternatives() {
                Vec::new()
            } else {
                node.any_of
                    .iter()
                    .map(|branch| branch.required.clone())
                    .collect()
            },
        };
        if let Some(slot) = self.types.get_mut(id.0) {
            *slot = def;
        }
    }

    fn aliases(&mut self, node: &SchemaNode, fields: &[Field]) -> Vec<AliasAccessor> {
        let mut accessors = Vec::new();
        for quirk in node
            .quirks
            .iter()
            .filter(|q| q.kind == QuirkKind::NestedAlias)
        {
            let Some(nested_json) = &quirk.property else {
                continue;
            };
            let Some(nested) = fields.iter().find(|f| &f.json == nested_json) else {
                continue;
            };
            let Ty::Named(nested_type) = nested.ty.unboxed() else {
                continue;
            };
            let inner: Vec<Field> = self.fields_of(*nested_type).to_vec();
            for field in fields.iter().filter(|f| f.json != *nested_json) {
                let Some(twin) = inner
                    .iter()
                    .find(|f| f.json == field.json && f.ty == field.ty)
                else {
                    continue;
                };
                accessors.push(AliasAccessor {
                    field: field.ident.clone(),
                    ty: field.ty.clone(),
                    nested: nested.ident.clone(),
                    nested_optional: nested.optional,
                    inner_optional: twin.optional,
                    doc: vec![
                        format!(
                            "`{}`, read from this object or, failing that, from `{nested_json}`.",
                            field.json
                        ),
                        String::new(),
                        format!("Quirk: {}", quirk.description),
                    ],
                });
            }
        }
        accessors
    }

    fn enumeration(&mut self, node: &SchemaNode, hint: &str, lenient: bool) -> Ty {
        let values = node.enum_values.clone().unwrap_or_default();
        let integers: Vec<&Value> = values.iter().filter(|v| v.is_i64() || v.is_u64()).collect();
        let strings: Vec<&Value> = values.iter().filter(|v| v.is_string()).collect();
        let (repr, kept): (Repr, Vec<&Value>) = if integers.is_empty() && !strings.is_empty() {
            (Repr::Text, strings)
        } else if strings.is_empty()
            || (lenient
                && strings
                    .iter()
                    .all(|s| integers.iter().any(|i| enum_key(i) == enum_key(s))))
        {
            (Repr::Integer, integers)
        } else {
            self.errors.push(format!(
                "`{hint}`: an enum must be all strings or all integers (with the number-as-string quirk, the strings must repeat the integers)"
            ));
            return Ty::Value;
        };
        let variants = kept
            .into_iter()
            .map(|value| Variant {
                ident: ident(&variant_name(value, &node.enum_names)),
                value: value.clone(),
                doc: vec![format!("`{value}`")],
            })
            .collect();
        let name = self.unique_name(hint);
        let id = self.push_type(TypeDef::Enum {
            name,
            doc: described(
                docs(node.title.as_deref(), node.description.as_deref()),
                || format!("The values of `{hint}`."),
            ),
            repr,
            variants,
        });
        if lenient {
            Ty::NumberOrString(Box::new(Ty::Named(id)))
        } else {
            Ty::Named(id)
        }
    }

    fn union(&mut self, node: &SchemaNode, hint: &str) -> Ty {
        let mut cases = Vec::new();
        for branch in node.alternatives().1 {
            match (branch.type_list(), &branch.enum_values) {
                ([JsonType::String], Some(values)) => {
                    for value in values {
                        cases.push(Case::Named(Variant {
                            ident: ident(&variant_name(value, &branch.enum_names)),
                            value: value.clone(),
                            doc: vec![format!("`{value}`")],
                        }));
                    }
                }
                ([JsonType::String], None) => cases.push(Case::Text),
                ([JsonType::Integer], None) => cases.push(Case::Integer),
                ([JsonType::Number], None) => cases.push(Case::Number),
                ([JsonType::Boolean], None) => cases.push(Case::Flag),
                _ => {
                    self.errors.push(format!(
                        "`{hint}`: each `anyOf` alternative must be a string enum, or a plain string, integer, number or boolean"
                    ));
                    return Ty::Value;
                }
            }
        }
        self.push_union(node, hint, cases)
    }

    /// The union type named after `hint`, documented by `node`.
    fn push_union(&mut self, node: &SchemaNode, hint: &str, cases: Vec<Case>) -> Ty {
        let name = self.unique_name(hint);
        let id = self.push_type(TypeDef::Union {
            name,
            doc: described(
                docs(node.title.as_deref(), node.description.as_deref()),
                || format!("The forms of `{hint}`."),
            ),
            cases,
        });
        Ty::Named(id)
    }
}

/// Rustdoc lines from a title (first line) and a description: schema
/// prose, made safe to put in a user's docs (see [`prose_lines`]).
pub(crate) fn docs(title: Option<&str>, description: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(title) = title {
        lines.extend(prose_lines(title));
    }
    if let Some(description) = description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(prose_lines(description));
    }
    lines
}

/// The rules of `node` a value of `ty` is checked against: lengths and a
/// pattern for strings, bounds for numbers (an integer's as a validator
/// reads them), the loader having made sure each fits the type and that a
/// pattern compiles.
fn rules_of(node: &SchemaNode, ty: &Ty) -> Vec<Rule> {
    let mut rules = Vec::new();
    rules.extend(node.min_length.map(Rule::MinLength));
    rules.extend(node.max_length.map(Rule::MaxLength));
    rules.extend(node.pattern.clone().map(Rule::Pattern));
    rules.extend(
        node.minimum
            .as_ref()
            .map(|n| Rule::Minimum(bound(n, ty, f64::ceil))),
    );
    rules.extend(
        node.maximum
            .as_ref()
            .map(|n| Rule::Maximum(bound(n, ty, f64::floor))),
    );
    rules
}

/// `lines`, or one line saying what the item is when the schema gives no
/// text: every generated public item has a doc, as `missing_docs` wants.
fn described(lines: Vec<String>, fallback: impl FnOnce() -> String) -> Vec<String> {
    if lines.iter().any(|line| !line.trim().is_empty()) {
        lines
    } else {
        vec![fallback()]
    }
}

/// Schema prose as doc lines that rustdoc shows and never runs: code
/// fences become `text` blocks (an untyped fence is a doctest in the user's
/// crate), indentation that would make an indented code block is dropped,
/// and outside code `[`, `]` and `<` are escaped, so that rustdoc takes
/// them for neither an intra-doc link nor an HTML tag.
fn prose_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    // A lone carriage return ends a line too (and is not allowed in a doc
    // comment, as `mpkit expand` prints them).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            lines.push(if in_fence { "```" } else { "```text" }.to_owned());
            in_fence = !in_fence;
        } else if in_fence {
            lines.push(line.to_owned());
        } else {
            lines.push(escape_markdown(trimmed));
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    lines
}

/// `[`, `]` and `<` escaped outside inline code spans.
fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' | ']' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

/// An option bound in the option's own terms: for an integer option, the
/// integer bound a JSON Schema validator applies (`minimum: 1.5` admits
/// 2 and up, `maximum: 1e3` is 1000), so no rule is dropped for being
/// written as a decimal.
fn bound(number: &Number, ty: &Ty, round: fn(f64) -> f64) -> Number {
    match (ty, number.as_i64()) {
        (Ty::Int, None) => number
            .as_f64()
            .map(round)
            .filter(|f| f.abs() < 9.2e18)
            .map_or_else(
                || number.clone(),
                |f| {
                    #[allow(clippy::cast_possible_truncation)] // integral, within i64
                    Number::from(f as i64)
                },
            ),
        _ => number.clone(),
    }
}

/// The docs of a field: its text, then when it is present, what it needs,
/// how it is kept, its quirks and any deliberate difference from the
/// official typings, each as a paragraph.
fn field_doc(view: &MemberView<'_>, json: &str, present_when: Option<&str>) -> Vec<String> {
    let mut doc = described(docs(view.title(), view.description()), || {
        format!("The `{json}` member.")
    });
    let mut paragraph = |text: String| {
        doc.push(String::new());
        doc.push(text);
    };
    if let Some(when) = present_when {
        paragraph(format!("Present only when {when}."));
    }
    if let Some(since) = view.since() {
        paragraph(format!("Requires base library {since}."));
    }
    if view.verbatim() {
        paragraph(
            "Kept exactly as received: it is signed, so it must not be re-serialized.".to_owned(),
        );
    }
    for quirk in view.quirks() {
        paragraph(format!("Quirk: {}", quirk.description));
    }
    departure_doc(view, &mut doc);
    doc
}

/// The doc paragraph of a deliberate difference from the official typings.
fn departure_doc(member: &MemberView<'_>, doc: &mut Vec<String>) {
    if let Some(departure) = member.departure() {
        doc.push(String::new());
        doc.push(escape_markdown(&format!(
            "Differs from `{}` on purpose: {} (source: {})",
            departure.package, departure.reason, departure.source
        )));
    }
}
