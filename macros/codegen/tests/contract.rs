//! The generator's contract, held on generated schemas: every schema is
//! either refused by the loader, or expands to a Rust file that parses, has
//! no two items, fields, variants or methods of one name, documents every
//! public item, and carries no schema prose that rustdoc would run as a
//! doctest. Nothing panics on the way. Names and shapes come from a nasty
//! alphabet: keywords, case-conversion twins, non-ASCII, names mpkit itself
//! generates, and numbers beyond what Rust types hold.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use mpkit_codegen::{Settings, parse_schema};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Member, option, definition and enum names that have broken generation.
const NAMES: &[&str] = &[
    "a",
    "userId",
    "user_id",
    "UserId",
    "self",
    "Self",
    "type",
    "r#type",
    "",
    "_",
    "-",
    "x²",
    "٣",
    "½",
    "名字",
    "extra",
    "extra_",
    "build",
    "toJson",
    "to_json",
    "checkHost",
    "proof",
    "options",
    "Options",
    "requirements",
    "success",
    "errMsg",
    "err_msg",
    "zh-CN",
    "zh_CN",
    "foo\nbar",
    "foo\"bar",
    "foo\\bar",
    "1",
    "-1",
    "0x",
    "a b",
    "crate",
    "super",
    "Success",
    "Failure",
    "Encrypted",
    "Builder",
    "new",
    "default",
    "value",
    "decode",
    "fmt",
    "clone",
];

/// Numbers for enum values and bounds, including what no Rust type holds.
fn numbers() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!(0),
        json!(1),
        json!(-1),
        json!(2),
        json!(1.5),
        json!(1e3),
        json!(1.0),
        json!(i64::MAX),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(-0.0),
    ])
}

fn lengths() -> impl Strategy<Value = u64> {
    prop::sample::select(vec![0u64, 1, 2, 30])
}

/// Mostly ordinary names, so that most schemas are accepted and reach the
/// generator, with the nasty ones mixed in.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(&["nickName", "avatarUrl", "gender", "city", "lang", "withCredentials", "code", "id"][..]),
        1 => prop::sample::select(NAMES),
    ]
    .prop_map(str::to_owned)
}

/// Titles and descriptions: present, missing, or prose rustdoc would run.
fn prose() -> impl Strategy<Value = Option<String>> {
    prop::sample::select(vec![
        None,
        Some("A plain line."),
        Some("```\nlet x = 1; panic!();\n```"),
        Some("Intro.\n\n    indented_code();\n"),
        Some("~~~\nfence\n~~~"),
        Some("<b>html</b> and [link] and `tick"),
        Some("*/ /* //"),
    ])
    .prop_map(|text| text.map(str::to_owned))
}

/// A leaf or nested node.
fn node(depth: u32) -> BoxedStrategy<Value> {
    let plain = prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "boolean"})),
        Just(json!({"type": "integer"})),
        Just(json!({"type": "number"})),
    ];
    let nasty = prop_oneof![
        prop::collection::vec(name(), 1..4).prop_map(|v| json!({"type": "string", "enum": v})),
        prop::collection::vec(numbers(), 1..4).prop_map(|v| json!({"type": "integer", "enum": v})),
        prop::collection::vec(numbers(), 1..3).prop_map(|v| json!({"enum": v})),
        Just(json!({"enum": [true, null]})),
        numbers().prop_map(|n| json!({"type": "integer", "minimum": n})),
        lengths().prop_map(|n| json!({"type": "string", "minLength": n})),
        lengths().prop_map(|n| json!({"type": "boolean", "maxLength": n})),
        Just(json!({"type": "string", "minimum": 1})),
        Just(json!({"type": "integer", "x-since": "2.10.4.1"})),
        Just(json!({"type": "array", "items": {"type": "string"}})),
        Just(json!({"$ref": "#/$defs/Node"})),
        Just(json!({"$ref": "#/$defs/a%25b"})),
        Just(json!({"$ref": "#/$defs/Tree"})),
    ];
    let leaf = prop_oneof![3 => plain, 2 => nasty];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        3 => leaf,
        1 => members(depth - 1).prop_map(|(properties, required)| json!({
            "type": "object", "properties": properties, "required": required
        })),
    ]
    .boxed()
}

/// What an option can be: mostly what a builder takes, sometimes not.
fn option_node() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => Just(json!({"type": "string"})),
        2 => Just(json!({"type": "boolean"})),
        2 => numbers().prop_map(|n| json!({"type": "integer", "minimum": n})),
        1 => numbers().prop_map(|n| json!({"type": "integer", "maximum": n})),
        1 => numbers().prop_map(|n| json!({"type": "number", "maximum": n})),
        2 => prop::collection::vec(name(), 1..4).prop_map(|v| json!({"type": "string", "enum": v})),
        1 => prop::collection::vec(numbers(), 1..4).prop_map(|v| json!({"enum": v})),
        1 => lengths().prop_map(|n| json!({"type": "string", "minLength": n, "maxLength": 30})),
        1 => Just(json!({"type": "string", "pattern": "^[a-z]+$"})),
        1 => Just(json!({"type": "string", "enum": ["ab", "abc"], "minLength": 3})),
        1 => Just(json!({"type": "string", "x-since": "2.10.4"})),
        1 => node(0),
    ]
    .boxed()
}

/// Rust names a schema might give: mostly valid, some colliding.
fn rust_name() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "user_id",
            "a",
            "extra",
            "build",
            "nick_name",
            "x",
            "proof",
            "Self",
            "x²",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// Members of an object: names, each with a node, prose and maybe a Rust
/// name; and which are required.
fn members(depth: u32) -> impl Strategy<Value = (Value, Vec<String>)> {
    members_of(node(depth))
}

fn members_of(node: BoxedStrategy<Value>) -> impl Strategy<Value = (Value, Vec<String>)> {
    prop::collection::vec(
        (
            name(),
            node,
            prose(),
            prop::option::weighted(0.1, rust_name()),
            any::<bool>(),
        ),
        0..5,
    )
    .prop_map(|entries| {
        let mut properties = serde_json::Map::new();
        let mut required = Vec::new();
        for (name, mut node, title, rust_name, is_required) in entries {
            if let Some(title) = title {
                node["description"] = Value::String(title);
            }
            if let Some(rust_name) = rust_name {
                node["x-rust-name"] = Value::String(rust_name);
            }
            if is_required && !required.contains(&name) {
                required.push(name.clone());
            }
            properties.insert(name, node);
        }
        (Value::Object(properties), required)
    })
}

/// A whole API schema around generated options, success members and
/// definitions.
fn schema() -> impl Strategy<Value = Value> {
    (
        members_of(option_node()),
        members(2),
        prop::collection::vec((name(), node(1)), 0..3),
        prose(),
        any::<bool>(),
    )
        .prop_map(|((options, option_required), (success, success_required), defs, title, gated)| {
            let mut success = success;
            success["errMsg"] = json!({"type": "string", "title": "The outcome."});
            let mut required = success_required;
            required.retain(|n| n != "errMsg");
            required.push("errMsg".to_owned());
            let mut defs: BTreeMap<String, Value> = defs.into_iter().collect();
            defs.insert("Node".to_owned(), json!({"type": "object", "title": "A node.", "properties": {"leaf": {"type": "string"}}}));
            defs.insert("Tree".to_owned(), json!({"type": "object", "title": "A tree.", "properties": {"child": {"$ref": "#/$defs/Tree"}}}));
            defs.insert("a%b".to_owned(), json!({"type": "string", "title": "Percent."}));
            let mut api = json!({
                "$schema": "../meta.schema.json",
                "title": title.unwrap_or_default(),
                "description": "Generated by the contract test.",
                "x-platform": "example",
                "x-platform-name": "Example",
                "x-namespace": "ex",
                "x-method": "getThing",
                "x-call-style": "callback",
                "x-outcome": {"style": "err-msg", "field": "errMsg", "api": "getThing"},
                "request": {"type": "object", "properties": options, "required": option_required},
                "success": {"type": "object", "properties": success, "required": required},
                "$defs": defs,
            });
            if gated {
                api["x-since"] = json!("2.1.0");
            }
            // The recursive definition only where something refers to it,
            // so that it does not make every schema a refusal.
            let text = api.to_string();
            if text.matches("#/$defs/Tree").count() < 2 {
                api["$defs"].as_object_mut().unwrap().remove("Tree");
            }
            api
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_schema_is_refused_or_generates_a_sound_file(document in schema(), gated in any::<bool>()) {
        let settings = Settings {
            min_version: gated.then(|| "2.0.0".parse().unwrap()),
            ..Settings::default()
        };
        if let Err(fault) = support::check(&document, &settings) {
            prop_assert!(false, "{}\n{}", fault, serde_json::to_string_pretty(&document).unwrap());
        }
    }
}

#[test]
fn every_bundled_schema_generates_a_sound_file() {
    for name in mpkit_codegen::bundled_names() {
        let text = mpkit_codegen::bundled_text(name).unwrap();
        let document: Value = serde_json::from_str(text).unwrap();
        parse_schema(text, Path::new(name)).unwrap_or_else(|e| panic!("{e}"));
        support::check(&document, &Settings::default())
            .unwrap_or_else(|fault| panic!("{name}: {fault}"));
    }
}

/// The generator is only held by the contract test if a fair share of the
/// generated schemas is accepted; a template mistake that makes the loader
/// refuse everything would leave the property test proving nothing.
#[test]
fn a_fair_share_of_generated_schemas_is_accepted() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = schema();
    let (mut accepted, total) = (0, 300);
    let mut reasons = BTreeMap::new();
    for _ in 0..total {
        let document = strategy.new_tree(&mut runner).unwrap().current();
        let text = serde_json::to_string(&document).unwrap();
        match parse_schema(&text, Path::new("x.json")) {
            Ok(_) => accepted += 1,
            Err(error) => {
                let first = error
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let key = first
                    .split(": error: ")
                    .nth(1)
                    .unwrap_or(&first)
                    .chars()
                    .take(60)
                    .collect::<String>();
                *reasons.entry(key).or_insert(0) += 1;
            }
        }
    }
    assert!(
        accepted * 5 >= total,
        "only {accepted} of {total} accepted; refusals: {reasons:#?}"
    );
}
