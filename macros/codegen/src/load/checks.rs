//! The semantic checks: what the meta-schema cannot see, such as a condition
//! naming an option that does not exist or a default outside its enum.

use mpkit_runtime::Version;
use serde_json::Value;

use super::problems::Problems;
use super::source::child;
use super::structure::nearest;
use super::{checked, generable, names, platform};
use crate::naming::{enum_key, is_snake_identifier, is_upper_camel_identifier, type_name};
use crate::spec::{
    ApiSchema, Condition, Credentials, CryptoScheme, JsonType, OrderedMap, OutcomeStyle, QuirkKind,
    SchemaNode, Support, WatermarkMembers, WatermarkSpec,
};
use crate::typing::{Place, Typing};

/// Which data part a node belongs to; some keywords only make sense in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Request,
    Response,
    Definition,
}

/// Records every semantic problem of a structurally valid schema.
pub(crate) fn check(api: &ApiSchema, document: &Value, problems: &mut Problems) {
    let mut checker = Checker {
        api,
        document,
        problems,
        typing: Typing::new(api),
    };
    checker.meta_schema_reference();
    checker.outcome();
    checker.supports("/x-contexts", &api.contexts);
    checker.supports("/x-hosts", &api.hosts);
    for (i, prerequisite) in api.prerequisites.iter().enumerate() {
        if let Some(when) = &prerequisite.when {
            checker.condition(when, &format!("/x-prerequisites/{i}/when"));
        }
    }
    checker.changes();
    checker.credentials();
    checker.versions();
    platform::check(api, checker.problems);
    checker.options();
    generable::references(api, checker.problems);
    checked::in_place_cycles(api, checker.problems);
    checker.object_part("/request", &api.request);
    checker.object_part("/success", &api.success);
    checker.node(&api.request, "/request", Part::Request, None, Place::Member);
    checker.node(
        &api.success,
        "/success",
        Part::Response,
        None,
        Place::Member,
    );
    if let Some(fail) = &api.fail {
        checker.object_part("/fail", fail);
        checker.node(fail, "/fail", Part::Response, None, Place::Member);
    }
    if let Some(encrypted) = &api.encrypted {
        checker.object_part("/encrypted", encrypted);
        checker.node(encrypted, "/encrypted", Part::Response, None, Place::Member);
    }
    for (name, def) in &api.defs {
        checker.node(
            def,
            &child("/$defs", name),
            Part::Definition,
            None,
            Place::Member,
        );
    }
}

struct Checker<'a> {
    api: &'a ApiSchema,
    document: &'a Value,
    problems: &'a mut Problems,
    typing: Typing<'a>,
}

impl<'a> Checker<'a> {
    fn meta_schema_reference(&mut self) {
        if !self.api.meta_schema.ends_with("meta.schema.json") {
            self.problems.value(
                "/$schema",
                format!("`$schema` is \"{}\", not mpkit's meta-schema", self.api.meta_schema),
                "name mpkit's meta-schema, e.g. \"../meta.schema.json\" for a bundled schema, so editors check the file as you type",
            );
        }
    }

    fn resolve(&self, node: &'a SchemaNode) -> &'a SchemaNode {
        self.api.resolve(node)
    }

    fn object_part(&mut self, pointer: &str, node: &'a SchemaNode) {
        let resolved = self.resolve(node);
        if let Some(keyword) = crate::typing::checked_only_keyword(resolved) {
            self.problems.key(
                &child(pointer, keyword),
                format!("the `{}` part becomes a Rust struct, which cannot express `{keyword}`", &pointer[1..]),
                "describe the part with `properties`, `required` and `additionalProperties`; use other keywords on its members, which are then kept as JSON and checked",
            );
        } else if resolved.type_list() != [JsonType::Object] {
            self.problems.value(
                pointer,
                format!("the `{}` part must be a JSON object schema", &pointer[1..]),
                "give it `\"type\": \"object\"` and its members under `properties`",
            );
        } else if !crate::typing::struct_expresses(self.api, node) {
            // The part is lowered to a struct whatever it says: anything a
            // struct does not check would be ignored while decoding.
            self.problems.value(
                pointer,
                format!(
                    "the `{}` part becomes a Rust struct, which cannot check its other keywords (`const`, `enum`, lengths, bounds, `pattern`, keywords beside its `$ref`, `anyOf` beyond lists of `required` members)",
                    &pointer[1..]
                ),
                "keep the part to `type`, `properties`, `required`, `additionalProperties` and `anyOf` of `required` lists; put other keywords on its members, which are then kept as JSON and checked",
            );
        }
    }

    fn outcome(&mut self) {
        let outcome = &self.api.outcome;
        match (outcome.style, &outcome.field) {
            (OutcomeStyle::Callback, None) => self.callback_outcome(),
            (OutcomeStyle::Callback, Some(_)) => self.problems.value(
                "/x-outcome/field",
                "a `callback` outcome has no discriminant field: the payloads carry none",
                "remove `field`, or choose the style whose field the payloads carry",
            ),
            (_, None) => self.problems.key(
                "/x-outcome",
                "this outcome style needs `field`, the success member that tells success from failure",
                "add `\"field\": \"errMsg\"` (or the platform's name), or use `\"style\": \"callback\"` if only the callback that runs tells them apart",
            ),
            (style, Some(field)) => self.discriminant(style, field),
        }
        if outcome.message.is_some() && outcome.style != OutcomeStyle::Callback {
            self.problems.value(
                "/x-outcome/message",
                "only a `callback` outcome names a message member: the others read the detail from the discriminant",
                "remove `message`",
            );
        }
        if outcome.api.is_some() && outcome.style != OutcomeStyle::ErrMsg {
            // Only `"<api>:ok"` messages have a name to read.
            self.problems.value(
                "/x-outcome/api",
                "only an `err-msg` outcome names the API inside its messages; this style never reads `api`",
                "remove `api`",
            );
        }
        if let Some(api) = &outcome.api {
            if api.is_empty() || api.contains(':') || api.chars().any(char::is_whitespace) {
                self.problems.value(
                    "/x-outcome/api",
                    format!("`x-outcome.api` {api:?} cannot be the name in \"<api>:ok\""),
                    format!("write the name the messages start with, without `:` or spaces, e.g. \"{}\"", self.api.method),
                );
            }
        }
        if outcome.style == OutcomeStyle::ErrMsg && outcome.api.is_none() {
            self.problems.value(
                "/x-outcome",
                "an `err-msg` outcome needs `api`, the name inside \"<api>:ok\"",
                format!("add `\"api\": \"{}\"`", self.api.method),
            );
        }
        let fail_properties = self.api.fail.as_ref().map(|f| &self.resolve(f).properties);
        for (i, code) in outcome.codes.iter().enumerate() {
            let member = fail_properties.and_then(|p| p.get(code));
            if member.is_some_and(|m| !integer_code(self.resolve(m))) {
                // Read with `as_i64` into the failure's `code`: text would
                // always be `None`.
                self.problems.value(
                    &format!("/x-outcome/codes/{i}"),
                    format!("error-code field `{code}` is not an integer member of `fail`, so the failure's code would always be empty"),
                    "give the member `\"type\": \"integer\"`, or remove it here",
                );
            }
            if member.is_none() {
                self.problems.value(
                    &format!("/x-outcome/codes/{i}"),
                    format!("error-code field `{code}` is not a member of `fail`"),
                    "add it to `fail.properties` (with `\"type\": \"integer\"`), or remove it here",
                );
            }
        }
    }

    /// The success member that tells success from failure: declared, of the
    /// style's type, and without an `enum` of its own.
    fn discriminant(&mut self, style: OutcomeStyle, name: &str) {
        let success = self.resolve(&self.api.success);
        let Some(field) = success.properties.get(name) else {
            self.problems.value(
                "/x-outcome/field",
                format!("`x-outcome.field` names `{name}`, which `success` does not have"),
                "list the discriminant field under `success.properties`, or correct the name",
            );
            return;
        };
        self.plain_text(field, &child("/success/properties", name), name);
        let wanted = match style {
            OutcomeStyle::SuccessFlag => JsonType::Boolean,
            _ => JsonType::String,
        };
        if self.resolve(field).type_list() != [wanted] {
            self.problems.value(
                "/x-outcome/field",
                format!(
                    "the discriminant `{name}` must have type \"{}\"",
                    wanted.as_str()
                ),
                "fix the field's `type` in `success`, or choose the other `x-outcome.style`",
            );
        }
        if self.resolve(field).enum_values.is_some() {
            self.problems.value(
                &definition_pointer(&child("/success/properties", name), field),
                format!("the discriminant `{name}` has an `enum`"),
                "remove it: the discriminant's values are the outcome convention's (`\"<api>:ok\"`, `true`), which `x-outcome` states",
            );
        }
    }

    /// A string response member with a `contentSchema` is meant as JSON
    /// text: when mpkit cannot type it, say why rather than leave it a plain
    /// string without a word.
    fn annotation_only_content(&mut self, node: &SchemaNode, pointer: &str) {
        let string = |node: &SchemaNode| node.type_list().contains(&JsonType::String);
        if string(node) {
            self.content_reason(node, pointer);
        }
        // A union's string alternative is a plain `Text` case, never JSON text.
        let (keyword, branches) = node.alternatives();
        if node.has_typed_alternatives() {
            for (i, branch) in branches.iter().enumerate() {
                // A malformed one is reported where the branch is checked.
                let well_formed = self.typing.why_not_json_text(branch).is_none();
                if string(branch) && branch.content_schema.is_some() && well_formed {
                    let at = format!("{pointer}/{keyword}/{i}/contentSchema");
                    self.problems.key(
                        &at,
                        "this `contentSchema` would stay an annotation: an alternative of a union is a plain string case, never JSON text",
                        "make the JSON text a member of its own (`\"type\": \"string\"` with the `contentSchema`), or remove `contentSchema`",
                    );
                }
            }
        }
    }

    fn content_reason(&mut self, node: &SchemaNode, pointer: &str) {
        if let Some(reason) = self.typing.why_not_json_text(node) {
            self.problems.key(
                &child(pointer, "contentSchema"),
                format!("this `contentSchema` would stay an annotation and the member a plain string: {reason}"),
                "for typed JSON text write `\"type\": \"string\", \"contentMediaType\": \"application/json\", \"contentSchema\": { \"$ref\": \"#/$defs/<Name>\" }` and nothing else on the member; for a plain string, remove `contentSchema`",
            );
        }
    }

    /// Members mpkit reads as text (the discriminant, the credentials, the
    /// watermark's app id) stay plain strings: JSON text (`contentSchema`)
    /// would make them a `JsonText`.
    fn plain_text(&mut self, node: &SchemaNode, pointer: &str, name: &str) {
        if self.typing.json_text(self.resolve(node)).is_some() {
            self.problems.key(
                &child(&definition_pointer(pointer, node), "contentSchema"),
                format!("`{name}` is read as plain text (as the outcome, a credential or the watermark's app id), and `contentSchema` would make it JSON text of another type"),
                "remove `contentSchema` (keep `contentMediaType` if you like: it is an annotation)",
            );
        }
    }

    /// A `callback` outcome reads the failure from the `fail` payload: it
    /// needs a `fail` part, and its message member must be a string there.
    fn callback_outcome(&mut self) {
        let Some(fail) = &self.api.fail else {
            self.problems.key(
                "/x-outcome",
                "a `callback` outcome needs a `fail` part: the failure is read from what the fail callback receives",
                "add `fail` with the JSON schema of the fail callback's payload",
            );
            return;
        };
        let Some(message) = &self.api.outcome.message else {
            return;
        };
        match self.resolve(fail).properties.get(message.as_str()) {
            None => self.problems.value(
                "/x-outcome/message",
                format!("`x-outcome.message` names `{message}`, which `fail` does not have"),
                "add it to `fail.properties` (with `\"type\": \"string\"`), or remove it here",
            ),
            Some(node) if self.resolve(node).type_list() != [JsonType::String] => {
                self.problems.value(
                    "/x-outcome/message",
                    format!("the message member `{message}` must have type \"string\""),
                    "fix its `type` in `fail`",
                )
            }
            Some(_) => {}
        }
    }

    fn supports(&mut self, pointer: &str, supports: &std::collections::BTreeMap<String, Support>) {
        for (name, support) in supports {
            let here = child(pointer, name);
            if let Some(since) = support.since {
                if !support.supported {
                    self.problems.value(
                        &child(&here, "since"),
                        format!("`{name}` is marked unsupported but has a `since` version"),
                        "remove `since`, or set `\"supported\": true`",
                    );
                }
                self.not_older_than_api(since, &child(&here, "since"));
            }
        }
    }

    fn not_older_than_api(&mut self, since: Version, pointer: &str) {
        if let Some(api_since) = self.api.since {
            if since < api_since {
                self.problems.value(
                    pointer,
                    format!("version {since} is older than the API itself ({api_since})"),
                    "nothing can be available before its API; correct one of the two versions",
                );
            }
        }
    }

    fn condition(&mut self, condition: &'a Condition, pointer: &str) {
        let options = &self.resolve(&self.api.request).properties;
        let Some(option) = options.get(&condition.option) else {
            let known: Vec<String> = options.keys().cloned().collect();
            let help = match nearest(&condition.option, &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => {
                    "the request has no options; remove the condition".to_owned()
                }
                None => format!("the request's options are: {}", known.join(", ")),
            };
            self.problems.value(
                &child(pointer, "option"),
                format!(
                    "the condition names option `{}`, which `request` does not have",
                    condition.option
                ),
                help,
            );
            return;
        };
        if let Some(value) = &condition.equals {
            let option = self.resolve(option);
            if let Some(reason) = value_mismatch(option, value) {
                self.problems.value(
                    &child(pointer, "equals"),
                    format!(
                        "option `{}` can never equal {value}: {reason}",
                        condition.option
                    ),
                    "use a value the option's schema allows",
                );
            }
        }
    }

    fn credentials(&mut self) {
        let Some(credentials) = &self.api.credentials else {
            return;
        };
        let success = &self.resolve(&self.api.success).properties;
        let fields = [
            ("rawData", credentials.raw_data.as_ref()),
            ("signature", credentials.signature.as_ref()),
            ("encryptedData", Some(&credentials.encrypted_data)),
            ("iv", Some(&credentials.iv)),
        ];
        for (key, field) in fields {
            let Some(field) = field else { continue };
            if let Some(node) = success.get(field.as_str()) {
                self.plain_text(node, &child("/success/properties", field), field);
            }
            match success
                .get(field.as_str())
                .map(|node| self.resolve(node).type_list())
            {
                None => self.problems.value(
                    &format!("/x-credentials/{key}"),
                    format!("`x-credentials.{key}` names `{field}`, which `success` does not have"),
                    "name the success field that carries it",
                ),
                Some(types) if types != [JsonType::String] => self.problems.value(
                    &format!("/x-credentials/{key}"),
                    format!("`{field}` must be a string field to carry credentials"),
                    "give it `\"type\": \"string\"`",
                ),
                Some(_) => {}
            }
        }
        self.signed_pair(credentials);
        self.scheme_watermark(credentials);
        match &self.api.encrypted {
            None => self.problems.key(
                "/x-credentials",
                "`x-credentials` needs an `encrypted` part describing the decrypted data",
                "add `encrypted` with the JSON schema of the decrypted `encryptedData`",
            ),
            Some(encrypted) => {
                if let Some(members) = credentials
                    .watermark
                    .as_ref()
                    .and_then(WatermarkSpec::members)
                {
                    self.watermark(encrypted, members);
                }
            }
        }
    }

    /// A signature covers the raw data: one without the other could be
    /// neither checked nor said to be unsigned.
    fn signed_pair(&mut self, credentials: &Credentials) {
        match (&credentials.raw_data, &credentials.signature) {
            (Some(_), None) => self.problems.key(
                "/x-credentials",
                "`x-credentials` names `rawData` but no `signature` that covers it",
                "name the success field with the signature too, or leave out `rawData` if the platform signs nothing",
            ),
            (None, Some(_)) => self.problems.key(
                "/x-credentials",
                "`x-credentials` names a `signature` but no `rawData` it covers",
                "name the success field with the signed text too, or leave out `signature` if the platform signs nothing",
            ),
            _ => {}
        }
    }

    /// What the decrypted data is checked against depends on the scheme:
    /// a watermark (or its stated absence) for AES-128, the frame's app key
    /// for the framed AES-192 scheme.
    fn scheme_watermark(&mut self, credentials: &Credentials) {
        match (credentials.scheme, &credentials.watermark) {
            (CryptoScheme::Aes128Cbc, None) => self.problems.key(
                "/x-credentials",
                "`x-credentials` with scheme `aes-128-cbc` needs `watermark`: where the decrypted data names the app it was issued to",
                "add `\"watermark\": { \"member\": \"watermark\", \"appid\": \"appid\", \"timestamp\": \"timestamp\" }` with the platform's names, or `\"watermark\": \"none\"` if its decrypted data has none",
            ),
            (CryptoScheme::Aes192CbcFramed, Some(_)) => self.problems.value(
                "/x-credentials/watermark",
                "scheme `aes-192-cbc-framed` has no watermark: its frame ends with the app key the data was issued to, which decryption checks",
                "remove `watermark`",
            ),
            _ => {}
        }
    }

    /// Decryption checks the watermark's app id (and, when asked, its age),
    /// so the decrypted data must describe them where `x-credentials` says.
    fn watermark(&mut self, encrypted: &'a SchemaNode, names: &WatermarkMembers) {
        let (member, appid, timestamp) = (&names.member, &names.appid, names.timestamp.as_ref());
        let hint = format!(
            "describe `{member}` as an object with `{appid}` (a string){}, as `x-credentials.watermark` names them; or set `\"watermark\": \"none\"` if the platform's decrypted data has no watermark",
            timestamp
                .map(|t| format!(" and `{t}` (an integer)"))
                .unwrap_or_default()
        );
        let at = definition_pointer("/encrypted", encrypted);
        let Some(node) = self.resolve(encrypted).properties.get(member) else {
            self.problems.value(
                &at,
                format!("the decrypted data has no `{member}` member, which decryption checks"),
                hint,
            );
            return;
        };
        let mark_at = definition_pointer(&child(&child(&at, "properties"), member), node);
        let mark = self.resolve(node);
        if let Some(found) = mark.properties.get(appid) {
            let at = child(&child(&mark_at, "properties"), appid);
            self.plain_text(found, &at, appid);
        }
        match mark.properties.get(appid) {
            Some(found) if self.resolve(found).type_list() == [JsonType::String] => {}
            found => self.problems.value(
                &found.map_or(mark_at.clone(), |found| {
                    definition_pointer(&child(&child(&mark_at, "properties"), appid), found)
                }),
                format!("the decrypted data's `{member}.{appid}` must be a string: decryption compares it with your app id"),
                hint.clone(),
            ),
        }
        let Some(timestamp) = timestamp else {
            return;
        };
        let found = mark.properties.get(timestamp);
        let plain_integer = found.is_some_and(|node| {
            let resolved = self.resolve(node);
            resolved.type_list() == [JsonType::Integer]
                && !resolved
                    .quirks
                    .iter()
                    .any(|q| q.kind == QuirkKind::NumberAsString)
        });
        if !plain_integer {
            self.problems.value(
                &found.map_or(mark_at.clone(), |node| {
                    definition_pointer(&child(&child(&mark_at, "properties"), timestamp), node)
                }),
                format!("the decrypted data's `{member}.{timestamp}` must be a plain integer (Unix seconds) for the age check"),
                hint,
            );
        }
    }

    /// Every version a gate is built from can be stated by a proof.
    fn versions(&mut self) {
        if let Some(since) = self.api.since {
            generable::gate_version(since, "/x-since", self.problems);
        }
        for (pointer, supports) in [
            ("/x-contexts", &self.api.contexts),
            ("/x-hosts", &self.api.hosts),
        ] {
            for (name, support) in supports {
                if let Some(since) = support.since {
                    generable::gate_version(
                        since,
                        &child(&child(pointer, name), "since"),
                        self.problems,
                    );
                }
            }
        }
    }

    /// Each option is something a builder can take.
    fn options(&mut self) {
        let request = self.resolve(&self.api.request);
        let at = definition_pointer("/request", &self.api.request);
        for (name, option) in &request.properties {
            let pointer = definition_pointer(&child(&child(&at, "properties"), name), option);
            // Other options are `serde_json::Value`s that `build()` checks
            // against their schema, which `node` checks.
            if self.typing.typed(option, Place::Option) {
                generable::option_type(name, self.resolve(option), &pointer, self.problems);
            }
        }
    }

    fn changes(&mut self) {
        for (i, change) in self.api.changes.iter().enumerate() {
            let here = format!("/x-changes/{i}");
            if !is_calendar_date(&change.date) {
                self.problems.value(
                    &child(&here, "date"),
                    format!("\"{}\" is not a calendar date", change.date),
                    "write the day the change took effect as YYYY-MM-DD",
                );
            }
            for (j, target) in change.affects.iter().enumerate() {
                if self.document.pointer(target).is_none() {
                    self.problems.value(
                        &format!("{here}/affects/{j}"),
                        format!("\"{target}\" points at nothing in this file"),
                        "write a JSON pointer into this file, such as \"/$defs/UserInfo/properties/nickName\"",
                    );
                }
            }
        }
    }

    fn node(
        &mut self,
        node: &'a SchemaNode,
        pointer: &str,
        part: Part,
        parent: Option<&'a OrderedMap<SchemaNode>>,
        place: Place,
    ) {
        if part != Part::Request {
            self.annotation_only_content(node, pointer);
        }
        if !self.typing.typed(node, place) {
            self.member_keywords(node, pointer, part);
            checked::subtree(node, pointer, self.problems);
            return;
        }
        self.required(node, pointer, parent);
        self.values(node, pointer);
        self.enum_names(node, pointer);
        self.quirks(node, pointer);
        let options = pointer == definition_pointer("/request", &self.api.request);
        names::members(node, pointer, options, self.problems);
        names::variants(node, pointer, self.problems);
        names::union_cases(node, pointer, self.problems);
        generable::rules_fit_type(node, pointer, self.problems);
        generable::enum_kind(node, pointer, self.problems);
        generable::union(node, pointer, self.problems);
        self.member_keywords(node, pointer, part);
        if let (Some(min), Some(max)) = (node.min_length, node.max_length) {
            if min > max {
                self.problems.value(
                    &child(pointer, "minLength"),
                    format!("`minLength` {min} is greater than `maxLength` {max}"),
                    "no string could satisfy both; correct one bound",
                );
            }
        }
        let member_place = if part == Part::Request {
            Place::Option
        } else {
            Place::Member
        };
        for (name, member) in &node.properties {
            self.node(
                member,
                &child(&child(pointer, "properties"), name),
                part,
                None,
                member_place,
            );
        }
        if let Some(items) = &node.items {
            self.node(items, &child(pointer, "items"), part, None, Place::Nested);
        }
        if let Some(values) = crate::typing::map_values(node) {
            let at = child(pointer, "additionalProperties");
            self.node(values, &at, part, None, Place::Nested);
        }
        let (keyword, branches) = node.alternatives();
        for (i, branch) in branches.iter().enumerate() {
            let branch_pointer = format!("{pointer}/{keyword}/{i}");
            // The alternatives of a struct's `required` lists (checked by
            // the decoder) must name its members.
            if node.has_typed_alternatives() {
                self.case_keywords(branch, &branch_pointer);
            } else {
                self.required(branch, &branch_pointer, Some(&node.properties));
            }
            self.node(
                branch,
                &branch_pointer,
                part,
                Some(&node.properties),
                Place::Nested,
            );
        }
    }

    /// A member's own keywords on an alternative of a typed union: the
    /// alternative is a case of the member's enum, with no field of its own
    /// to gate, rename or work around, so they would be ignored.
    fn case_keywords(&mut self, branch: &SchemaNode, pointer: &str) {
        for (keyword, present) in [
            ("x-quirks", !branch.quirks.is_empty()),
            ("x-since", branch.since.is_some()),
            ("x-present-when", branch.present_when.is_some()),
            ("x-rust-name", branch.rust_name.is_some()),
            ("x-verbatim", branch.verbatim),
        ] {
            if present {
                self.problems.key(
                    &child(pointer, keyword),
                    format!("`{keyword}` has no effect here: this alternative is one case of the member's Rust enum, not a member"),
                    format!("move `{keyword}` to the member that holds the alternatives"),
                );
            }
        }
    }

    /// The `x-` keywords of a member itself, typed or kept as JSON alike.
    fn member_keywords(&mut self, node: &'a SchemaNode, pointer: &str, part: Part) {
        if let Some(since) = node.since {
            self.not_older_than_api(since, &child(pointer, "x-since"));
            generable::gate_version(since, &child(pointer, "x-since"), self.problems);
        }
        if let Some(name) = &node.rust_name {
            if !is_snake_identifier(name) {
                self.problems.value(
                    &child(pointer, "x-rust-name"),
                    format!("`{name}` is not a snake_case Rust identifier"),
                    "use lowercase letters, digits and underscores, starting with a letter, and no keyword",
                );
            }
        }
        if let Some(condition) = &node.present_when {
            if part == Part::Request {
                self.problems.key(
                    &child(pointer, "x-present-when"),
                    "`x-present-when` belongs on response fields, not on request options",
                    "move it to the field of `success` that appears under the condition",
                );
            } else {
                self.condition(condition, &child(pointer, "x-present-when"));
            }
        }
    }

    fn required(
        &mut self,
        node: &SchemaNode,
        pointer: &str,
        parent: Option<&OrderedMap<SchemaNode>>,
    ) {
        for (i, name) in node.required.iter().enumerate() {
            let declared =
                node.properties.contains_key(name) || parent.is_some_and(|p| p.contains_key(name));
            if !declared {
                self.problems.value(
                    &format!("{pointer}/required/{i}"),
                    format!("`required` lists `{name}`, which is not among the `properties`"),
                    "declare it under `properties`, or correct the name",
                );
            }
        }
    }

    fn values(&mut self, node: &'a SchemaNode, pointer: &str) {
        let types = node.type_list();
        if let Some(values) = &node.enum_values {
            for (i, value) in values.iter().enumerate() {
                if !types.is_empty() && !types.iter().any(|t| t.admits(value)) {
                    self.problems.value(
                        &format!("{pointer}/enum/{i}"),
                        format!(
                            "enum value {value} does not have the node's type {}",
                            type_names(types)
                        ),
                        "make the enum values and `type` agree",
                    );
                }
            }
        }
        if let Some(default) = &node.default {
            if let Some(reason) = value_mismatch(self.resolve(node), default) {
                self.problems.value(
                    &child(pointer, "default"),
                    format!("default {default} is not an allowed value: {reason}"),
                    "make the default one of the allowed values, as the platform documents it",
                );
            }
        }
    }

    fn enum_names(&mut self, node: &SchemaNode, pointer: &str) {
        if node.enum_names.is_empty() {
            return;
        }
        let here = child(pointer, "x-enum-names");
        let Some(values) = &node.enum_values else {
            self.problems.key(
                &here,
                "`x-enum-names` without an `enum`",
                "add the `enum` the names are for, or remove `x-enum-names`",
            );
            return;
        };
        let keys: Vec<String> = values.iter().map(enum_key).collect();
        for key in &keys {
            if !node.enum_names.contains_key(key) {
                self.problems.value(
                    &here,
                    format!("enum value {key} has no Rust name in `x-enum-names`"),
                    format!("add `\"{key}\": \"{}\"`", type_name(key)),
                );
            }
        }
        for (key, name) in &node.enum_names {
            let at = child(&here, key);
            if !keys.contains(key) {
                self.problems.key(
                    &at,
                    format!("`x-enum-names` names `{key}`, which is not an enum value"),
                    format!("the enum values are: {}", keys.join(", ")),
                );
            }
            if !is_upper_camel_identifier(name) {
                self.problems.value(
                    &at,
                    format!("`{name}` is not an UpperCamelCase Rust identifier"),
                    format!(
                        "use letters and digits starting with an uppercase letter, such as \"{}\"",
                        type_name(key)
                    ),
                );
            }
        }
    }

    fn quirks(&mut self, node: &'a SchemaNode, pointer: &str) {
        let resolved = self.resolve(node);
        let types = accepted_types(resolved);
        for (i, quirk) in node.quirks.iter().enumerate() {
            let here = format!("{pointer}/x-quirks/{i}");
            let fault = match quirk.kind {
                QuirkKind::NumberAsString => (!(types.contains(&JsonType::String)
                    && (types.contains(&JsonType::Integer) || types.contains(&JsonType::Number))))
                .then(|| "a `number-as-string` field must accept both a number and a string, so a validator agrees with the decoder".to_owned()),
                QuirkKind::DocumentedTypeDiffers => match quirk.documented {
                    None => Some("a `documented-type-differs` quirk needs `documented`, the type the platform documents".to_owned()),
                    Some(documented) if !types.contains(&documented) || types.len() < 2 => Some(format!(
                        "the field must accept the documented type \"{}\" and the type really sent",
                        documented.as_str()
                    )),
                    Some(_) => None,
                },
                QuirkKind::NestedAlias => match &quirk.property {
                    None => Some("a `nested-alias` quirk needs `property`, the member the fields may be nested under".to_owned()),
                    Some(member) if !resolved.properties.contains_key(member) => {
                        Some(format!("`{member}` is not among this object's `properties`"))
                    }
                    Some(member) => self.alias_accessor_clash(resolved, member, pointer),
                },
                QuirkKind::OftenEmpty => None,
            };
            if let Some(message) = fault {
                self.problems.value(
                    &here,
                    message,
                    "see the `x-quirks` kinds in schemas/meta.schema.json",
                );
            }
        }
    }
}

impl Checker<'_> {
    /// A `nested-alias` quirk gives the object one reading method per member
    /// that the nested object repeats, named like the member. On the success
    /// object of an API with credentials, those would meet the generated
    /// `verify` / `decrypt` / `decrypt_with`.
    fn alias_accessor_clash(
        &self,
        object: &SchemaNode,
        nested: &str,
        pointer: &str,
    ) -> Option<String> {
        let reserved = self.generated_methods(pointer);
        if reserved.is_empty() {
            return None;
        }
        let inner = &self.resolve(object.properties.get(nested)?).properties;
        object.properties.iter().find_map(|(json, member)| {
            let name = crate::naming::field_name(json, member.rust_name.as_deref())?;
            (json != nested && inner.contains_key(json) && reserved.contains(&name.as_str())).then(|| {
                format!("member `{json}` would get a reading method `{name}`, which a method mpkit generates on this type already uses; give it another `x-rust-name`")
            })
        })
    }

    /// The methods generated on the object at `pointer` besides its
    /// readers: the credential methods and `profile()` on the success type,
    /// `profile()` on the decrypted-data type (and the trait methods of the
    /// same impls, which an inherent reader of the same name would shadow).
    fn generated_methods(&self, pointer: &str) -> Vec<&'static str> {
        let mut names = Vec::new();
        let profile = self.api.profile.as_ref();
        if pointer == definition_pointer("/success", &self.api.success) {
            if let Some(credentials) = &self.api.credentials {
                names.extend(["decrypt", "check_signature", "decrypt_for", "decrypt_fresh"]);
                if credentials.raw_data.is_some() {
                    names.push("verify");
                }
                if credentials
                    .watermark
                    .as_ref()
                    .and_then(WatermarkSpec::members)
                    .is_some()
                {
                    names.push("decrypt_with");
                }
            }
            if profile.is_some_and(|p| !p.success.is_empty()) {
                names.push("profile");
            }
        }
        let encrypted = self.api.encrypted.as_ref();
        if encrypted.is_some_and(|node| pointer == definition_pointer("/encrypted", node))
            && profile.is_some_and(|p| !p.encrypted.is_empty())
        {
            names.push("profile");
        }
        names
    }
}

/// Whether an error-code member holds integers (an integer type, possibly
/// nullable).
fn integer_code(node: &SchemaNode) -> bool {
    let types = node.type_list();
    types.contains(&JsonType::Integer)
        && types
            .iter()
            .all(|t| matches!(t, JsonType::Integer | JsonType::Null))
}

/// Every JSON type a node accepts, through `type` and its `anyOf` branches.
fn accepted_types(node: &SchemaNode) -> Vec<JsonType> {
    let mut types = node.type_list().to_vec();
    for branch in node.alternatives().1 {
        types.extend(branch.type_list());
    }
    types.dedup();
    types
}

/// Why `value` is not allowed by `node`'s type, enum and const, if it is not.
fn value_mismatch(node: &SchemaNode, value: &Value) -> Option<String> {
    let types = accepted_types(node);
    if !types.is_empty() && !types.iter().any(|t| t.admits(value)) {
        return Some(format!("the type is {}", type_names(&types)));
    }
    if let Some(values) = &node.enum_values {
        if !values.contains(value) {
            let listed: Vec<String> = values.iter().map(Value::to_string).collect();
            return Some(format!("the allowed values are {}", listed.join(", ")));
        }
    }
    if let Some(constant) = &node.const_value {
        if constant != value {
            return Some(format!("the only allowed value is {constant}"));
        }
    }
    None
}

fn type_names(types: &[JsonType]) -> String {
    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    format!("\"{}\"", names.join("\" or \""))
}

fn is_calendar_date(text: &str) -> bool {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Where a node's content is written: the definition its `$ref` points at
/// in this file, or `here`.
fn definition_pointer(here: &str, node: &SchemaNode) -> String {
    match node.reference.as_deref().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => pointer.to_owned(),
        None => here.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date("2021-04-28"));
        assert!(is_calendar_date("2020-02-29"));
        assert!(!is_calendar_date("2021-02-29"));
        assert!(!is_calendar_date("2021-13-01"));
        assert!(!is_calendar_date("2021-04-31"));
        assert!(!is_calendar_date("2021-04"));
    }
}
