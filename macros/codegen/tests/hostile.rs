//! A corpus of hostile schemas, one per way a schema has broken the build
//! or the macro: each is refused by the loader at the JSON pointer of the
//! offending key or value, with a message that names both sides of a clash
//! and a help line, or it builds (the contract check of `support`, and, for
//! the cases gathered in tests/ui/schemas/hostile-names.json, a real
//! compile under `#![deny(warnings, missing_docs)]` by the ui test).

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

use std::path::Path;

use mpkit_codegen::{LoadError, Settings, parse_schema};
use serde_json::{Value, json};

/// A small, valid API: one option, a success with a nested object.
fn base() -> Value {
    json!({
        "$schema": "../meta.schema.json",
        "title": "A test API.",
        "description": "For the hostile corpus.",
        "x-platform": "example",
        "x-platform-name": "Example",
        "x-namespace": "ex",
        "x-method": "getThing",
        "x-call-style": "callback",
        "x-outcome": {"style": "err-msg", "field": "errMsg", "api": "getThing"},
        "request": {
            "title": "Options.",
            "type": "object",
            "properties": {"lang": {"title": "Language.", "type": "string"}}
        },
        "success": {
            "title": "Success.",
            "type": "object",
            "properties": {
                "errMsg": {"title": "Outcome.", "type": "string"},
                "user": {"$ref": "#/$defs/User"}
            },
            "required": ["errMsg"]
        },
        "$defs": {
            "User": {
                "title": "A user.",
                "type": "object",
                "properties": {"nickName": {"title": "Nickname.", "type": "string"}}
            }
        }
    })
}

/// What a case expects.
enum Expect {
    /// Refused, with a problem at this pointer whose message holds these texts.
    Refused(&'static str, &'static [&'static str]),
    /// Accepted, and the expansion passes the contract check.
    Builds,
}

use Expect::{Builds, Refused};

/// Sets `value` at `pointer` (creating objects on the way).
fn set(document: &mut Value, pointer: &str, value: Value) {
    let mut node = document;
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    for segment in &segments[..segments.len() - 1] {
        node = node
            .as_object_mut()
            .unwrap()
            .entry(segment.clone())
            .or_insert_with(|| json!({}));
    }
    node.as_object_mut()
        .unwrap()
        .insert(segments[segments.len() - 1].clone(), value);
}

fn member(document: &mut Value, object: &str, name: &str, node: Value) {
    let pointer = format!(
        "{object}/properties/{}",
        name.replace('~', "~0").replace('/', "~1")
    );
    set(document, &pointer, node);
}

fn string() -> Value {
    json!({"title": "A string.", "type": "string"})
}

/// A string member holding JSON text of the base's `User`.
fn json_text() -> Value {
    json!({"title": "JSON text.", "type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}})
}

/// Every case: its name, how it changes the base, and what it must give.
/// A case: its name, how it changes the base, and what it must give.
type Case = (&'static str, Box<dyn Fn(&mut Value)>, Expect);

fn cases() -> Vec<Case> {
    let user = "/$defs/User";
    vec![
        (
            "user_id beside userId",
            Box::new(move |d: &mut Value| {
                member(d, user, "user_id", string());
                member(d, user, "userId", string());
            }),
            Refused(
                "/$defs/User/properties/user_id",
                &["\"user_id\"", "\"userId\"", "`user_id`"],
            ),
        ),
        (
            "self beside Self",
            Box::new(move |d: &mut Value| {
                member(d, user, "self", string());
                member(d, user, "Self", string());
            }),
            Refused(
                "/$defs/User/properties/self",
                &["\"self\"", "\"Self\"", "`self_`"],
            ),
        ),
        (
            "empty, underscore and dash",
            Box::new(move |d: &mut Value| {
                member(d, user, "", string());
                member(d, user, "_", string());
                member(d, user, "-", string());
            }),
            Refused("/$defs/User/properties/_", &["\"\"", "\"_\"", "`field_`"]),
        ),
        (
            "two equal x-rust-names",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "a",
                    json!({"type": "string", "x-rust-name": "same"}),
                );
                member(
                    d,
                    user,
                    "b",
                    json!({"type": "string", "x-rust-name": "same"}),
                );
            }),
            Refused("/$defs/User/properties/b", &["\"a\"", "\"b\"", "`same`"]),
        ),
        (
            "separators that meet",
            Box::new(move |d: &mut Value| {
                member(d, user, "foo\nbar", string());
                member(d, user, "foo\"bar", string());
            }),
            Refused("/$defs/User/properties/foo\"bar", &["`foo_bar`"]),
        ),
        (
            "a superscript in a name",
            Box::new(move |d: &mut Value| {
                member(d, user, "x²", string());
            }),
            Refused(
                "/$defs/User/properties/x²",
                &["\"x²\"", "no Rust name", "x-rust-name"],
            ),
        ),
        (
            "an Arabic-Indic digit as a name",
            Box::new(move |d: &mut Value| {
                member(d, user, "٣", string());
            }),
            Refused("/$defs/User/properties/٣", &["no Rust name"]),
        ),
        (
            "a member named extra keeps the unknown members apart",
            Box::new(move |d: &mut Value| {
                member(d, user, "extra", string());
            }),
            Builds,
        ),
        (
            "enum values zh-CN and zh_CN",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/lang/enum",
                    json!(["zh-CN", "zh_CN"]),
                );
            }),
            Refused(
                "/request/properties/lang/enum/1",
                &["\"zh-CN\"", "\"zh_CN\"", "`ZhCn`", "x-enum-names"],
            ),
        ),
        (
            "enum values ½ and ¼",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/enum", json!(["½", "¼"]));
            }),
            Refused("/request/properties/lang/enum/1", &["\"½\"", "\"¼\""]),
        ),
        (
            "a duplicate enum value",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/enum", json!(["en", "en"]));
            }),
            Refused("/request/properties/lang/enum/1", &["listed twice"]),
        ),
        (
            "enum values 1 and -1",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/level",
                    json!({"title": "Level.", "type": "integer", "enum": [1, -1]}),
                );
            }),
            Builds,
        ),
        (
            "enum values self and Self",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/lang/enum",
                    json!(["self", "type", "½"]),
                );
            }),
            Builds,
        ),
        (
            "an option named build",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/build", string());
            }),
            Refused("/request/properties/build", &["`build`", "x-rust-name"]),
        ),
        (
            "an option named toJson",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/toJson", string());
            }),
            Refused("/request/properties/toJson", &["`to_json`"]),
        ),
        (
            "an option named checkHost",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/checkHost", string());
            }),
            Refused("/request/properties/checkHost", &["`check_host`"]),
        ),
        (
            "a required option named proof on a gated API",
            Box::new(|d: &mut Value| {
                set(d, "/x-since", json!("2.1.0"));
                set(d, "/request/properties/proof", string());
                set(d, "/request/required", json!(["proof"]));
            }),
            Refused("/request/properties/proof", &["`proof`"]),
        ),
        (
            "a success member named options",
            Box::new(|d: &mut Value| {
                member(
                    d,
                    "/success",
                    "options",
                    json!({"title": "Options echoed.", "type": "object", "properties": {"a": string()}}),
                );
            }),
            Builds,
        ),
        (
            "minLength on an integer",
            Box::new(move |d: &mut Value| {
                member(d, user, "age", json!({"type": "integer", "minLength": 1}));
            }),
            Refused(
                "/$defs/User/properties/age/minLength",
                &["`minLength` applies to strings", "\"integer\""],
            ),
        ),
        (
            "minimum on a string",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/minimum", json!(1));
            }),
            Refused(
                "/request/properties/lang/minimum",
                &["`minimum` applies to numbers"],
            ),
        ),
        (
            "an enum value that breaks the option's minLength",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/enum", json!(["en", "zh_CN"]));
                set(d, "/request/properties/lang/minLength", json!(3));
            }),
            Refused(
                "/request/properties/lang/enum/0",
                &["\"en\"", "`minLength`"],
            ),
        ),
        (
            "an enum on the errMsg discriminant",
            Box::new(|d: &mut Value| {
                set(d, "/success/properties/errMsg/enum", json!(["getThing:ok"]));
            }),
            Refused("/success/properties/errMsg", &["discriminant", "`enum`"]),
        ),
        (
            "a colon in x-outcome.api",
            Box::new(|d: &mut Value| {
                set(d, "/x-outcome/api", json!("getThing:ok"));
            }),
            Refused("/x-outcome/api", &["\"getThing:ok\""]),
        ),
        (
            "an integer option with decimal bounds",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/count",
                    json!({"title": "Count.", "type": "integer", "minimum": 1.5, "maximum": 1e3}),
                );
            }),
            Builds,
        ),
        (
            "an integer option bound beyond i64: an option kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/count",
                    json!({"title": "Count.", "type": "integer", "maximum": u64::MAX}),
                );
            }),
            Builds,
        ),
        (
            "an integer enum holding 2^64-1: an option kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/level",
                    json!({"type": "integer", "enum": [1, u64::MAX]}),
                );
            }),
            Builds,
        ),
        (
            "an enum of decimals: an option kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/level",
                    json!({"type": "number", "enum": [1.5, 2.5]}),
                );
            }),
            Builds,
        ),
        (
            "an enum of true and null, kept as JSON and checked",
            Box::new(move |d: &mut Value| {
                member(d, user, "flag", json!({"enum": [true, null]}));
            }),
            Builds,
        ),
        (
            "an integer enum value written 1.0: an option kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/request/properties/level",
                    json!({"type": "integer", "enum": [1.0, 2]}),
                );
            }),
            Builds,
        ),
        (
            "a four-segment x-since",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/x-since", json!("2.10.4.1"));
            }),
            Refused(
                "/request/properties/lang/x-since",
                &["2.10.4.1", "fourth segment"],
            ),
        ),
        (
            "a $ref with a percent escape",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/a%b",
                    json!({"title": "Percent.", "type": "string"}),
                );
                member(d, "/success", "percent", json!({"$ref": "#/$defs/a%25b"}));
            }),
            Builds,
        ),
        (
            "a $ref cycle A → B → A, kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/A",
                    json!({"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}}),
                );
                set(
                    d,
                    "/$defs/B",
                    json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}}),
                );
                member(d, "/success", "a", json!({"$ref": "#/$defs/A"}));
            }),
            Builds,
        ),
        (
            "a self-referential tree, kept as JSON and checked",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/Tree",
                    json!({"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Tree"}}}}),
                );
                member(d, "/success", "tree", json!({"$ref": "#/$defs/Tree"}));
            }),
            Builds,
        ),
        (
            "a chain of definitions deeper than the limit",
            Box::new(|d: &mut Value| {
                for i in 0..70 {
                    set(
                        d,
                        &format!("/$defs/D{i}"),
                        json!({"type": "object", "properties": {"next": {"$ref": format!("#/$defs/D{}", i + 1)}}}),
                    );
                }
                set(d, "/$defs/D70", json!({"type": "string"}));
                member(d, "/success", "chain", json!({"$ref": "#/$defs/D0"}));
            }),
            Refused("/$defs/D38", &["nests types 65 deep", "(64)"]),
        ),
        (
            "definitions each nesting objects inline, chained",
            // Found in review: only `$ref` edges were counted, and 60
            // definitions of 60 inline levels overflowed lowering's stack.
            Box::new(|d: &mut Value| {
                for i in 0..3 {
                    let mut node = json!({"$ref": format!("#/$defs/N{}", i + 1)});
                    for _ in 0..30 {
                        node = json!({"type": "object", "properties": {"inner": node}});
                    }
                    set(d, &format!("/$defs/N{i}"), node);
                }
                set(d, "/$defs/N3", json!({"type": "string"}));
                member(d, "/success", "deep", json!({"$ref": "#/$defs/N0"}));
            }),
            Refused(
                "/$defs/N0",
                &["nests types 94 deep, more than mpkit generates (64)"],
            ),
        ),
        (
            "an anyOf with a string value named like its string alternative",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "u",
                    json!({"anyOf": [{"type": "string", "enum": ["text"]}, {"type": "string"}]}),
                );
            }),
            Refused(
                "/$defs/User/properties/u/anyOf/1",
                &["value \"text\"", "string alternative", "`Text`"],
            ),
        ),
        (
            "an anyOf with two boolean alternatives",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "u",
                    json!({"anyOf": [{"type": "boolean"}, {"type": "boolean"}]}),
                );
            }),
            Refused("/$defs/User/properties/u/anyOf/1", &["`Flag`"]),
        ),
        (
            "an anyOf with one value in two alternatives",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "u",
                    json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["A"]}]}),
                );
            }),
            Refused("/$defs/User/properties/u/anyOf/1/enum/0", &["`A`"]),
        ),
        (
            "an anyOf of a string enum and other types",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "u",
                    json!({"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "integer"}, {"type": "boolean"}]}),
                );
            }),
            Builds,
        ),
        (
            "a rule on array items, checked on the JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "tags",
                    json!({"title": "Tags.", "type": "array", "items": {"type": "string", "minLength": 2}}),
                );
            }),
            Builds,
        ),
        (
            "a rule on a member of two types, checked on the JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"title": "N.", "type": ["string", "null"], "pattern": "^a$"}),
                );
            }),
            Builds,
        ),
        (
            "const on a number member, checked on the JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"title": "N.", "type": "number", "const": 1.5}),
                );
            }),
            Builds,
        ),
        (
            "rules on plain members, checked",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "code",
                    json!({"title": "Code.", "type": "string", "pattern": "^[A-Z]{2}$", "maxLength": 2}),
                );
                member(
                    d,
                    user,
                    "level",
                    json!({"title": "Level.", "type": "integer", "minimum": 0, "const": 3}),
                );
            }),
            Builds,
        ),
        (
            "an option with an empty enum",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties/lang/enum", json!([]));
            }),
            Refused("/request/properties/lang/enum", &["no values"]),
        ),
        (
            "a title with a lone carriage return",
            Box::new(move |d: &mut Value| {
                member(d, user, "cr", json!({"type": "string", "title": "a\rb"}));
            }),
            Builds,
        ),
        (
            "no options at all",
            Box::new(|d: &mut Value| {
                set(d, "/request/properties", json!({}));
            }),
            Builds,
        ),
        (
            "members and options without title or description",
            Box::new(move |d: &mut Value| {
                member(d, user, "bare", json!({"type": "string"}));
                set(d, "/request/properties/bare", json!({"type": "boolean"}));
                set(d, "/$defs/User/title", Value::Null);
            }),
            Builds,
        ),
        (
            "schema prose that rustdoc would run",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "code",
                    json!({"type": "string", "description": "```\npanic!();\n```\n\n    also_code();\n[link] <b>"}),
                );
            }),
            Builds,
        ),
        (
            "more members than the limit",
            Box::new(move |d: &mut Value| {
                for i in 0..=mpkit_codegen::MAX_MEMBERS {
                    member(d, user, &format!("m{i}"), json!({"type": "string"}));
                }
            }),
            Refused(
                "/$defs/User/properties",
                &["members in one object", "MAX_MEMBERS"],
            ),
        ),
        (
            "a $ref cycle that never descends into the value",
            Box::new(|d: &mut Value| {
                set(d, "/$defs/A", json!({"allOf": [{"$ref": "#/$defs/B"}]}));
                set(d, "/$defs/B", json!({"$ref": "#/$defs/A"}));
                member(d, "/success", "a", json!({"$ref": "#/$defs/A"}));
            }),
            Refused(
                "/$defs/A/allOf/0/$ref",
                &["never end", "`properties`, `items`"],
            ),
        ),
        (
            "a pointer into a definition that does not exist",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "twin",
                    json!({"oneOf": [{"$ref": "#/$defs/User/properties/nickNam"}]}),
                );
            }),
            Refused(
                "/$defs/User/properties/twin/oneOf/0/$ref",
                &["does not resolve", "#/$defs/User"],
            ),
        ),
        (
            "a pointer into a definition, resolved",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "twin",
                    json!({"oneOf": [{"$ref": "#/$defs/User/properties/nickName"}, {"type": "null"}]}),
                );
            }),
            Builds,
        ),
        (
            "a quirk inside a member kept as JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"oneOf": [{"type": "integer", "x-quirks": [{"kind": "often-empty", "description": "0"}]}, {"type": "number"}]}),
                );
            }),
            Refused(
                "/$defs/User/properties/n/oneOf/0/x-quirks",
                &["no effect here", "kept as JSON"],
            ),
        ),
        (
            "a quirk on an alternative of a typed union",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"anyOf": [{"type": "integer", "x-quirks": [{"kind": "often-empty", "description": "0"}]}, {"type": "string"}]}),
                );
            }),
            Refused("/$defs/User/properties/n/anyOf/0/x-quirks", &["no effect"]),
        ),
        (
            "x-since inside a member kept as JSON, where no field stands",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"oneOf": [{"type": "object", "properties": {"a": {"type": "string", "x-since": "2.0.0"}}}, {"type": "null"}]}),
                );
            }),
            Refused(
                "/$defs/User/properties/n/oneOf/0/properties/a/x-since",
                &["no effect here", "move it to the member"],
            ),
        ),
        (
            "an identifier by URI",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"$id": "https://example.com/n", "type": "string"}),
                );
            }),
            Builds,
        ),
        (
            "allOf parts whose members collide in Rust, reported where the file has them",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({
                        "type": "object",
                        "properties": {"user_id": {"type": "string"}},
                        "allOf": [{"properties": {"userId": {"type": "string"}}}]
                    }),
                );
            }),
            Refused(
                "/$defs/User/properties/n/allOf/0/properties/userId",
                &["\"user_id\"", "\"userId\""],
            ),
        ),
        (
            "allOf parts that describe one member differently stay JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({
                        "type": "object",
                        "allOf": [
                            {"properties": {"a": {"type": "string"}}},
                            {"properties": {"a": {"type": "string", "minLength": 2}}}
                        ]
                    }),
                );
            }),
            Builds,
        ),
        (
            "an allOf part that forbids other members stays JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({
                        "type": "object",
                        "allOf": [
                            {"properties": {"a": {"type": "string"}}, "additionalProperties": false},
                            {"properties": {"b": {"type": "string"}}}
                        ]
                    }),
                );
            }),
            Builds,
        ),
        (
            "an allOf of a definition and members, folded into one struct",
            Box::new(move |d: &mut Value| {
                set(
                    d,
                    "/$defs/Base",
                    json!({"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}),
                );
                member(
                    d,
                    user,
                    "n",
                    json!({"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"rank": {"type": "integer"}}}]}),
                );
            }),
            Builds,
        ),
        (
            "a profile read from members the payload has",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "sex",
                    json!({"type": "string", "enum": ["m", "f"]}),
                );
                set(
                    d,
                    "/x-profile",
                    json!({
                        "success": {"nickname": "/user/nickName", "gender": "/user/sex"},
                        "genders": {"male": ["m"], "female": ["f"]},
                        "anonymous": {"nickname": "someone", "source": "https://example.com"}
                    }),
                );
            }),
            Builds,
        ),
        (
            "a profile member the payload does not have",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"nickname": "/user/nick"}}),
                );
            }),
            Refused(
                "/x-profile/success/nickname",
                &["names no member", "`nick`"],
            ),
        ),
        (
            "a profile's text read from a number",
            Box::new(move |d: &mut Value| {
                member(d, user, "age", json!({"type": "integer"}));
                set(d, "/x-profile", json!({"success": {"city": "/user/age"}}));
            }),
            Refused("/x-profile/success/city", &["not a plain string"]),
        ),
        (
            "a profile gender whose codes are not said",
            Box::new(move |d: &mut Value| {
                member(d, user, "sex", json!({"type": "integer"}));
                set(d, "/x-profile", json!({"success": {"gender": "/user/sex"}}));
            }),
            Refused("/x-profile", &["\"genders\""]),
        ),
        (
            "a profile gender code the member never has",
            Box::new(move |d: &mut Value| {
                member(d, user, "sex", json!({"type": "integer", "enum": [0, 1]}));
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"gender": "/user/sex"}, "genders": {"male": [1], "female": [2]}}),
                );
            }),
            Refused("/x-profile/genders", &["2 is not one of", "0, 1"]),
        ),
        (
            "profile gender codes of the wrong kind for a plain member",
            Box::new(move |d: &mut Value| {
                member(d, user, "sex", json!({"type": "string"}));
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"gender": "/user/sex"}, "genders": {"male": [1], "female": ["f"]}}),
                );
            }),
            Refused("/x-profile/genders", &["1 is not a string"]),
        ),
        (
            "a profile gender code given as text for an integer enum sent as text",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "sex",
                    json!({
                        "type": ["integer", "string"],
                        "enum": [1, 2, "1", "2"],
                        "x-quirks": [{"kind": "number-as-string", "description": "\"1\" is 1."}]
                    }),
                );
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"gender": "/user/sex"}, "genders": {"male": ["1"], "female": [2]}}),
                );
            }),
            Refused("/x-profile/genders", &["\"1\" is not one of"]),
        ),
        (
            "a profile gender code listed for two genders",
            Box::new(move |d: &mut Value| {
                member(d, user, "sex", json!({"type": "integer"}));
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"gender": "/user/sex"}, "genders": {"male": [1], "female": [1]}}),
                );
            }),
            Refused("/x-profile/genders", &["two genders"]),
        ),
        (
            "profile gender codes with no gender member",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"nickname": "/user/nickName"}, "genders": {"male": [1]}}),
                );
            }),
            Refused("/x-profile/genders", &["maps no gender member"]),
        ),
        (
            "a profile of decrypted data the API does not have",
            Box::new(|d: &mut Value| {
                set(d, "/x-profile", json!({"encrypted": {"openId": "/openId"}}));
            }),
            Refused("/x-profile/encrypted", &["does not have"]),
        ),
        (
            "a profile read through a member kept as JSON",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "names",
                    json!({"type": "object", "properties": {"nick": {"type": "string"}}, "minProperties": 1}),
                );
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"nickname": "/user/names/nick"}}),
                );
            }),
            Refused("/x-profile/success/nickname", &["kept as JSON"]),
        ),
        (
            "an empty type list",
            Box::new(move |d: &mut Value| {
                member(d, user, "n", json!({"type": []}));
            }),
            Refused("/$defs/User/properties/n/type", &["at least one type"]),
        ),
        (
            "a type named twice",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"type": ["string", "integer", "string"]}),
                );
            }),
            Refused("/$defs/User/properties/n/type/2", &["\"string\" twice"]),
        ),
        (
            "an empty $id, which names the file itself again",
            Box::new(move |d: &mut Value| {
                member(d, user, "n", json!({"$id": "", "type": "string"}));
            }),
            Refused(
                "/$defs/User/properties/n/$id",
                &["the file itself", "its own `$id`"],
            ),
        ),
        (
            "a relative $ref to nothing, without any $id",
            Box::new(move |d: &mut Value| {
                member(d, user, "n", json!({"$ref": "node.json"}));
            }),
            Refused(
                "/$defs/User/properties/n/$ref",
                &["\"node.json\" (relative to the file"],
            ),
        ),
        (
            "an $id with a fragment",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"$id": "https://example.com/n#part", "type": "string"}),
                );
            }),
            Refused(
                "/$defs/User/properties/n/$id",
                &["has a fragment", "`$anchor`"],
            ),
        ),
        (
            "two schemas with one $id",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "a",
                    json!({"$id": "https://example.com/x", "type": "string"}),
                );
                member(
                    d,
                    user,
                    "b",
                    json!({"$id": "https://example.com/x", "type": "string"}),
                );
            }),
            Refused(
                "/$defs/User/properties/b/$id",
                &[
                    "https://example.com/x",
                    "/$defs/User/properties/a",
                    "its own `$id`",
                ],
            ),
        ),
        (
            "an anchor name that is not one",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"$anchor": "9 lives", "type": "string"}),
                );
            }),
            Refused("/$defs/User/properties/n/$anchor", &["not an anchor name"]),
        ),
        (
            "two anchors of one name in one resource",
            Box::new(move |d: &mut Value| {
                member(d, user, "a", json!({"$anchor": "same", "type": "string"}));
                member(d, user, "b", json!({"$anchor": "same", "type": "string"}));
            }),
            Refused(
                "/$defs/User/properties/b/$anchor",
                &["already declared", "/$defs/User/properties/a"],
            ),
        ),
        (
            "a member by an anchor",
            Box::new(move |d: &mut Value| {
                set(
                    d,
                    "/$defs/Name",
                    json!({"$anchor": "name", "type": "string", "maxLength": 8}),
                );
                member(d, user, "n", json!({"$ref": "#name"}));
            }),
            Builds,
        ),
        (
            "a member by an $id, relative to an enclosing one",
            Box::new(move |d: &mut Value| {
                set(
                    d,
                    "/$defs/Names",
                    json!({
                        "$id": "https://example.com/names/",
                        "$defs": {"short": {"$id": "short", "type": "string", "maxLength": 8}}
                    }),
                );
                member(
                    d,
                    user,
                    "n",
                    json!({"$ref": "https://example.com/names/short"}),
                );
            }),
            Builds,
        ),
        (
            "an anchor nothing declares",
            Box::new(move |d: &mut Value| {
                member(d, user, "n", json!({"$ref": "#nowhere"}));
            }),
            Refused(
                "/$defs/User/properties/n/$ref",
                &["does not resolve", "\"$anchor\": \"nowhere\""],
            ),
        ),
        (
            "a pointer inside a resource, to what only the top of the file has",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "n",
                    json!({"$id": "https://example.com/inner", "$ref": "#/$defs/User"}),
                );
            }),
            Refused("/$defs/User/properties/n/$ref", &["does not resolve"]),
        ),
        (
            "a cycle through identifiers that never leaves the value",
            Box::new(move |d: &mut Value| {
                set(
                    d,
                    "/$defs/A",
                    json!({"$id": "https://example.com/a", "$ref": "b"}),
                );
                set(
                    d,
                    "/$defs/B",
                    json!({"$id": "https://example.com/b", "allOf": [{"$ref": "a"}]}),
                );
                member(d, user, "n", json!({"$ref": "https://example.com/a"}));
            }),
            Refused("/$defs/B/allOf/0/$ref", &["never end"]),
        ),
        (
            "multipleOf zero",
            Box::new(move |d: &mut Value| {
                member(d, user, "n", json!({"type": "number", "multipleOf": 0}));
            }),
            Refused("/$defs/User/properties/n/multipleOf", &["greater than 0"]),
        ),
        (
            "a member-name pattern that does not compile",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    user,
                    "m",
                    json!({"type": "object", "patternProperties": {"(?<=a)b": {}}}),
                );
            }),
            Refused(
                "/$defs/User/properties/m/patternProperties/(?<=a)b",
                &["does not compile", "look-around"],
            ),
        ),
        (
            "an anyOf alternative of required members naming a member the struct lacks",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/success/anyOf",
                    json!([{"required": ["errMsg"]}, {"required": ["q"]}]),
                );
            }),
            Refused(
                "/success/anyOf/1/required/0",
                &["`q`", "not among the `properties`"],
            ),
        ),
        (
            "a const on the success part, which its struct would not check",
            Box::new(|d: &mut Value| {
                set(d, "/success/minLength", json!(1));
                set(d, "/success/const", json!({"errMsg": "getThing:ok"}));
            }),
            Refused("/success", &["becomes a Rust struct", "`const`"]),
        ),
        (
            "minProperties on the decrypted data, which its struct would not check",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/encrypted",
                    json!({"title": "Decrypted.", "type": "object", "properties": {"openId": {"type": "string"}}, "minProperties": 1}),
                );
            }),
            Refused(
                "/encrypted/minProperties",
                &["becomes a Rust struct", "`minProperties`"],
            ),
        ),
        (
            "an allOf whose required names a member no part describes stays JSON",
            Box::new(|d: &mut Value| {
                member(
                    d,
                    "/$defs/User",
                    "n",
                    json!({
                        "title": "N.",
                        "allOf": [
                            {"type": "object", "properties": {"a": {"type": "string"}}},
                            {"required": ["b"]}
                        ]
                    }),
                );
            }),
            Builds,
        ),
        (
            "a $ref into the $defs of an allOf part keeps its target",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/Badge",
                    json!({
                        "title": "A badge.",
                        "allOf": [{
                            "type": "object",
                            "$defs": {"Short": {"type": "string", "maxLength": 3}},
                            "properties": {"code": {"$ref": "#/$defs/Badge/allOf/0/$defs/Short"}}
                        }]
                    }),
                );
                member(d, "/success", "badge", json!({"$ref": "#/$defs/Badge"}));
            }),
            Builds,
        ),
        (
            "a successful fold reports a problem in a copied member where the file has it",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/Badge",
                    json!({
                        "title": "A badge.",
                        "allOf": [
                            {"type": "object", "properties": {"code": {"title": "C.", "type": "string", "x-since": "1.0.0", "x-present-when": {"option": "nope", "equals": "x"}}}}
                        ]
                    }),
                );
                member(d, "/success", "badge", json!({"$ref": "#/$defs/Badge"}));
            }),
            Refused(
                "/$defs/Badge/allOf/0/properties/code/x-present-when/option",
                &["nope"],
            ),
        ),
        (
            "a oneOf union whose enum value and plain case share a variant name says oneOf",
            Box::new(|d: &mut Value| {
                member(
                    d,
                    "/$defs/User",
                    "code",
                    json!({"title": "C.", "oneOf": [{"type": "string", "enum": ["integer"]}, {"type": "integer"}]}),
                );
            }),
            Refused(
                "/$defs/User/properties/code/oneOf/1",
                &["this `oneOf` would both be the Rust variant `Integer`"],
            ),
        ),
        (
            "a pointer from the top of the file inside a schema with an $id says why it does not resolve",
            Box::new(|d: &mut Value| {
                set(d, "/success/$id", json!("success.json"));
                member(
                    d,
                    "/success",
                    "u",
                    json!({"title": "U.", "$ref": "#/$defs/User"}),
                );
            }),
            Refused(
                "/success/properties/u/$ref",
                &["\"success.json\" (relative to the file", "remove the `$id`"],
            ),
        ),
        (
            "a type list of plain types with a (vacuous) required list stays JSON",
            Box::new(|d: &mut Value| {
                member(
                    d,
                    "/$defs/User",
                    "h",
                    json!({"title": "H.", "type": ["string", "integer"], "required": ["x"]}),
                );
                member(
                    d,
                    "/$defs/User",
                    "r",
                    json!({"title": "R.", "oneOf": [{"type": "string"}, {"type": "integer"}], "required": ["x"]}),
                );
            }),
            Builds,
        ),
        (
            "a definition recursive through allOf parts is not unrolled until too deep",
            Box::new(|d: &mut Value| {
                set(
                    d,
                    "/$defs/Chain",
                    json!({
                        "title": "A link.",
                        "allOf": [{
                            "type": "object",
                            "properties": {
                                "name": {"type": "string"},
                                "next": {"allOf": [{"$ref": "#/$defs/Chain"}]}
                            }
                        }]
                    }),
                );
                member(d, "/success", "chain", json!({"$ref": "#/$defs/Chain"}));
            }),
            Builds,
        ),
        (
            "a count the meta-schema admits but the model cannot hold is refused at its pointer",
            Box::new(|d: &mut Value| {
                member(
                    d,
                    "/$defs/User",
                    "m",
                    json!({"title": "M.", "type": "array", "maxItems": 1e20}),
                );
            }),
            Refused("/$defs/User/properties/m/maxItems", &["not a count"]),
        ),
        (
            "a success part that is no struct",
            Box::new(|d: &mut Value| {
                set(d, "/success/oneOf", json!([{"required": ["errMsg"]}]));
            }),
            Refused("/success/oneOf", &["becomes a Rust struct", "`oneOf`"]),
        ),
        (
            "JSON text read through a definition",
            Box::new(move |d: &mut Value| {
                member(d, "/success", "payload", json_text());
            }),
            Builds,
        ),
        (
            "a profile member pointing at the JSON text itself",
            Box::new(move |d: &mut Value| {
                member(d, "/success", "payload", json_text());
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"nickname": "/payload"}}),
                );
            }),
            Refused(
                "/x-profile/success/nickname",
                &["points at JSON text", "/response/response/nickName"],
            ),
        ),
        (
            "a profile member read through JSON text",
            Box::new(move |d: &mut Value| {
                member(d, "/success", "payload", json_text());
                set(
                    d,
                    "/x-profile",
                    json!({"success": {"nickname": "/payload/nickName"}}),
                );
            }),
            Builds,
        ),
        (
            "contentSchema without a JSON media type is refused with the reason",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    "/success",
                    "payload",
                    json!({"type": "string", "contentSchema": {"$ref": "#/$defs/User"}}),
                );
            }),
            Refused(
                "/success/properties/payload/contentSchema",
                &[
                    "would stay an annotation",
                    "no `\"contentMediaType\": \"application/json\"`",
                ],
            ),
        ),
        (
            "contentSchema written inline is refused with the reason",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    "/success",
                    "payload",
                    json!({"type": "string", "contentMediaType": "application/json", "contentSchema": {"type": "object", "properties": {"a": {"type": "string"}}}}),
                );
            }),
            Refused(
                "/success/properties/payload/contentSchema",
                &[
                    "would stay an annotation",
                    "not only a `$ref` to an object definition",
                ],
            ),
        ),
        (
            "contentSchema on an option is an annotation",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    "/request",
                    "payload",
                    json!({"type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}}),
                );
            }),
            Builds,
        ),
        (
            "a length rule beside contentSchema is refused with the reason",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    "/success",
                    "payload",
                    json!({"type": "string", "maxLength": 10, "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}}),
                );
            }),
            Refused(
                "/success/properties/payload/contentSchema",
                &["would stay an annotation", "rules on the text"],
            ),
        ),
        (
            "contentSchema on an integer is an annotation",
            Box::new(move |d: &mut Value| {
                member(
                    d,
                    "/success",
                    "payload",
                    json!({"type": "integer", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}}),
                );
            }),
            Builds,
        ),
    ]
}

#[test]
fn every_hostile_schema_is_refused_where_it_breaks_or_builds() {
    let mut failures = Vec::new();
    for (name, edit, expect) in cases() {
        let mut document = base();
        edit(&mut document);
        // A title set to null above means: no title.
        if let Some(object) = document
            .pointer_mut("/$defs/User")
            .and_then(Value::as_object_mut)
        {
            object.retain(|_, v| !v.is_null());
        }
        let text = serde_json::to_string_pretty(&document).unwrap();
        let loaded = parse_schema(&text, Path::new("hostile.json"));
        match (expect, loaded) {
            (Builds, Ok(_)) => {
                if let Err(fault) = support::check(&document, &Settings::default()) {
                    failures.push(format!("{name}: {fault}"));
                }
            }
            (Builds, Err(error)) => failures.push(format!("{name}: refused: {error}")),
            (Refused(..), Ok(_)) => failures.push(format!("{name}: accepted")),
            (Refused(pointer, texts), Err(LoadError::Invalid { diagnostics })) => {
                let found = diagnostics.iter().find(|d| d.pointer == pointer);
                match found {
                    None => {
                        failures.push(format!("{name}: nothing at {pointer}: {diagnostics:#?}"))
                    }
                    Some(d) => {
                        for text in texts {
                            if !d.message.contains(text)
                                && !d.help.as_deref().unwrap_or_default().contains(text)
                            {
                                failures.push(format!("{name}: `{text}` not in {d}"));
                            }
                        }
                        if d.help.is_none() {
                            failures.push(format!("{name}: no help in {d}"));
                        }
                    }
                }
            }
            (Refused(..), Err(error)) => failures.push(format!("{name}: {error}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn an_alias_reader_named_like_a_credential_method_is_refused() {
    // Found in review: a success member `verify`, repeated under a
    // nested-alias member, gave a reading method `verify` beside the
    // generated `verify` (E0592).
    let mut document: Value =
        serde_json::from_str(mpkit_codegen::bundled_text("wechat/getUserInfo").unwrap()).unwrap();
    member(
        &mut document,
        "/success",
        "verify",
        json!({"title": "A member.", "type": "string"}),
    );
    member(
        &mut document,
        "/success",
        "inner",
        json!({"title": "Nested.", "type": "object", "properties": {"verify": {"title": "Again.", "type": "string"}}}),
    );
    set(
        &mut document,
        "/success/x-quirks",
        json!([{"kind": "nested-alias", "property": "inner", "description": "Some hosts nest it."}]),
    );
    let text = serde_json::to_string_pretty(&document).unwrap();
    let Err(LoadError::Invalid { diagnostics }) = parse_schema(&text, Path::new("w.json")) else {
        panic!("accepted");
    };
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("reading method `verify`")),
        "{diagnostics:#?}"
    );
}

#[test]
fn json_text_only_where_mpkit_types_it() {
    // A nullable string, and a union's alternative, with well-formed JSON
    // text: refused with the reason rather than left a plain string.
    let cases: [(&str, Value, &str); 3] = [
        (
            "/success/properties/payload/contentSchema",
            json!({"title": "JSON text.", "type": ["string", "null"], "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}}),
            "not nullable",
        ),
        (
            "/success/properties/payload/anyOf/0/contentSchema",
            json!({"title": "Text or number.", "anyOf": [
                {"type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}},
                {"type": "integer"}
            ]}),
            "alternative of a union",
        ),
        (
            "/success/properties/payload/contentSchema",
            json!({"title": "Text or number.", "type": ["string", "integer"], "contentMediaType": "application/json", "contentSchema": {"$ref": "#/$defs/User"}}),
            "not nullable",
        ),
    ];
    for (at, payload, needle) in cases {
        let mut document = base();
        member(&mut document, "/success", "payload", payload);
        let text = serde_json::to_string_pretty(&document).unwrap();
        match parse_schema(&text, Path::new("schemas/hostile/x.json")) {
            Ok(_) => panic!("{at}: accepted"),
            Err(LoadError::Invalid { diagnostics }) => assert!(
                diagnostics
                    .iter()
                    .any(|d| d.pointer == at && d.message.contains(needle)),
                "{at}: {diagnostics:#?}"
            ),
            Err(other) => panic!("{other}"),
        }
    }
}
