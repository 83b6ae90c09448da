//! Members kept as JSON and checked against their schema at run time: a
//! type list, `oneOf`, array rules and a recursive `$ref`, decoded through
//! both paths, with errors that name the member and the place inside it.

#![allow(clippy::panic)] // a test fails by panicking

use mpkit::{CallError, MiniProgramApi};
use serde_json::{Value, json};

/// A user schema with members no Rust type expresses.
#[derive(MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/checked-members.json")]
pub struct ExGetProfile;

fn payload(members: Value) -> Value {
    let mut payload = json!({ "errMsg": "getProfile:ok", "nickName": null, "tags": ["a"] });
    for (name, value) in members.as_object().into_iter().flatten() {
        payload[name] = value.clone();
    }
    payload
}

/// The verdict of both decode paths, which must agree; the error text if refused.
fn decode(members: Value) -> Result<ExGetProfileSuccess, String> {
    let value = payload(members);
    let by_text = ExGetProfile::decode(&value.to_string());
    let by_value = ExGetProfile::decode_value(value);
    assert_eq!(by_text.is_ok(), by_value.is_ok(), "the two paths disagree");
    by_text.map_err(|e| match e {
        CallError::Decode { .. } => e.to_string(),
        other => panic!("not a decode error: {other}"),
    })
}

#[test]
fn checked_members_hold_their_json() {
    let tree = json!({ "name": "root", "children": [{ "name": "leaf", "children": [] }] });
    let reply =
        decode(json!({ "nickName": "Ann", "contact": { "phone": "13800000000" }, "tree": tree }))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reply.nick_name.as_deref(), Some("Ann"));
    assert_eq!(reply.tags, json!(["a"]));
    assert_eq!(reply.contact, Some(json!({ "phone": "13800000000" })));
    // A recursive definition of an object is a boxed Rust struct.
    let root: Option<Box<ExGetProfileNode>> = reply.tree;
    let root = root.unwrap_or_else(|| panic!("the tree"));
    assert_eq!(root.name, "root");
    let children = root.children.unwrap_or_default();
    assert_eq!(children[0].name, "leaf");
    assert_eq!(children[0].children.as_deref(), Some(&[][..]));
    assert_eq!(
        serde_json::to_value(&children[0]).ok(),
        Some(tree["children"][0].clone())
    );
}

#[test]
fn a_value_or_null_is_an_option_whose_rules_apply_when_not_null() {
    let reply = decode(json!({ "nickName": null, "age": 3.0 })).unwrap_or_else(|e| panic!("{e}"));
    let (nick, age): (Option<String>, Option<Option<i64>>) = (reply.nick_name, reply.age);
    assert_eq!((nick, age), (None, Some(Some(3))));
    let reply = decode(json!({ "age": null })).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reply.age, Some(None), "present and null, not absent");
    let encoded = serde_json::to_value(&reply).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (&encoded["nickName"], &encoded["age"]),
        (&Value::Null, &Value::Null)
    );
    let error = decode(json!({ "nickName": 5 })).unwrap_err();
    assert!(
        error.contains("invalid type: integer `5`, expected a string"),
        "{error}"
    );
    let error = decode(json!({ "nickName": "a name longer than eight" })).unwrap_err();
    assert!(
        error.contains("`nickName` must be at most 8 characters long"),
        "{error}"
    );
    let error = decode(json!({ "age": -1 })).unwrap_err();
    assert!(error.contains("`age` must be at least 0"), "{error}");
}

#[test]
fn one_of_means_exactly_one() {
    assert!(decode(json!({ "contact": "ann@example.com" })).is_ok());
    let error = decode(json!({ "contact": { "phone": "123" } })).unwrap_err();
    assert!(
        error.contains("`contact` matches none of its `oneOf` alternatives"),
        "{error}"
    );
    let error = decode(json!({ "contact": { "phone": "13800000000", "fax": "1" } })).unwrap_err();
    assert!(error.contains("matches none"), "{error}");
}

#[test]
fn array_rules_apply_to_the_elements() {
    let error = decode(json!({ "tags": [] })).unwrap_err();
    assert!(
        error.contains("`tags` has fewer elements than its `minItems`"),
        "{error}"
    );
    let error = decode(json!({ "tags": ["a", "a"] })).unwrap_err();
    assert!(error.contains("`tags` has equal elements"), "{error}");
    let error = decode(json!({ "tags": ["a", ""] })).unwrap_err();
    assert!(
        error.contains("`tags` at `/1`: is shorter than its `minLength`"),
        "{error}"
    );
}

#[test]
fn a_recursive_definition_is_checked_at_every_level() {
    let deep =
        json!({ "name": "a", "children": [{ "name": "b", "children": [{ "children": [] }] }] });
    let error = decode(json!({ "tree": deep })).unwrap_err();
    assert!(
        error.contains("tree.children[0].children[0]") && error.contains("missing field `name`"),
        "{error}"
    );
    let error = decode(json!({ "tree": { "name": 1 } })).unwrap_err();
    assert!(
        error.contains("tree.name") && error.contains("expected a string"),
        "{error}"
    );
}

#[test]
fn an_option_kept_as_json_is_checked_by_build() {
    let options = ExGetProfile::options()
        .scopes(json!(["auth_user"]))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(options.scopes(), Some(&json!(["auth_user"])));
    assert_eq!(options.to_json(), json!({ "scopes": ["auth_user"] }));
    assert!(ExGetProfile::options().scopes("auth_base").build().is_ok());
    for (wrong, says) in [
        (json!([]), "matches none of its `anyOf` alternatives"),
        (json!(["auth_admin"]), "matches none"),
        (json!(5), "matches none"),
    ] {
        let error = ExGetProfile::options()
            .scopes(wrong.clone())
            .build()
            .expect_err("refused");
        let text = error.to_string();
        assert!(
            text.contains("scopes") && text.contains(says),
            "{wrong}: {text}"
        );
    }
}

#[test]
fn integer_elements_written_with_a_fraction_are_integers() {
    // JSON Schema counts 2.0 as an integer; serde's i64 alone refuses it.
    let reply = decode(json!({ "scores": [1, 2.0, -0] })).unwrap_or_else(|e| panic!("{e}"));
    let scores: Option<Vec<i64>> = reply.scores;
    assert_eq!(scores, Some(vec![1, 2, 0]));
    assert!(decode(json!({ "scores": [1.5] })).is_err());
    assert!(decode(json!({ "scores": ["1"] })).is_err());
}

#[test]
fn an_object_of_one_value_schema_is_a_typed_map() {
    let reply = decode(json!({ "badges": { "gold": { "level": 3.0 }, "new": { "level": 1 } } }))
        .unwrap_or_else(|e| panic!("{e}"));
    let badges: std::collections::BTreeMap<String, ExGetProfileBadgesValue> =
        reply.badges.unwrap_or_default();
    assert_eq!(badges["gold"].level, 3);
    assert_eq!(badges.len(), 2);
    let error = decode(json!({ "badges": { "x": { "level": 0 } } })).unwrap_err();
    assert!(error.contains("`level` must be at least 1"), "{error}");
    assert!(decode(json!({ "badges": { "x": {} } })).is_err());
    // A rule on the values makes the map checked JSON (a Rust map cannot
    // check `minLength` on each value), with the same verdicts.
    assert_eq!(
        decode(json!({ "labels": { "en": "Hi" } }))
            .map(|r| r.labels)
            .ok(),
        Some(Some(json!({ "en": "Hi" })))
    );
    assert!(decode(json!({ "labels": { "en": "" } })).is_err());
    assert!(decode(json!({ "labels": { "en": 1 } })).is_err());
}

#[test]
fn review_findings_agree_with_the_validator() {
    // ["integer", "null"] without rules: 1.0 is the integer 1.
    let reply = decode(json!({ "level": 1.0 })).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reply.level, Some(Some(1)));
    // A union with an integer alternative takes 1.0 too, as a typed union.
    for ok in [json!(1.0), json!(7), json!("x")] {
        assert!(decode(json!({ "code": ok })).is_ok(), "{ok}");
    }
    let code: Option<ExGetProfileCode> = decode(json!({ "code": 2.0 })).ok().and_then(|r| r.code);
    assert!(
        matches!(code, Some(ExGetProfileCode::Integer(2))),
        "{code:?}"
    );
    assert!(decode(json!({ "code": true })).is_err());
    // A keyword beside a `$ref` applies.
    assert!(decode(json!({ "grade": "a" })).is_ok());
    assert!(decode(json!({ "grade": "b" })).is_err());
    // `additionalProperties: false` alone admits only `{}`.
    assert!(decode(json!({ "sealed": {} })).is_ok());
    assert!(decode(json!({ "sealed": { "a": 1 } })).is_err());
    // A bound beyond i64 is not dropped.
    assert!(decode(json!({ "huge": 5 })).is_err());
}

#[test]
fn a_type_list_of_plain_types_is_a_typed_union() {
    let handle = |value: Value| decode(json!({ "handle": value })).map(|reply| reply.handle);
    assert!(matches!(
        handle(json!("ann")),
        Ok(Some(ExGetProfileHandle::Text(name))) if name == "ann"
    ));
    assert!(matches!(
        handle(json!(7)),
        Ok(Some(ExGetProfileHandle::Integer(7)))
    ));
    // An integer may be written with a zero fraction, as JSON Schema reads it.
    assert!(matches!(
        handle(json!(7.0)),
        Ok(Some(ExGetProfileHandle::Integer(7)))
    ));
    for refused in [json!(7.5), json!(true), json!(null), json!([1])] {
        let error = handle(refused.clone()).err();
        assert!(
            error.as_deref().is_some_and(|e| e.contains("handle")),
            "{refused}: {error:?}"
        );
    }
    let schema = mpkit_codegen::load_schema("tests/ui/schemas/checked-members.json")
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = mpkit_codegen::checked_members(&schema);
    assert!(
        !kept.iter().any(|(_, member)| member.contains("handle")),
        "the type list is typed, not kept as JSON: {kept:?}"
    );
    assert!(
        kept.iter().any(|(_, member)| member.contains("contact")),
        "{kept:?}"
    );
}

#[test]
fn one_of_alternatives_that_exclude_one_another_by_type_are_a_typed_union() {
    let rank = |value: Value| decode(json!({ "rank": value })).map(|reply| reply.rank);
    assert!(matches!(
        rank(json!("top")),
        Ok(Some(ExGetProfileRank::Top))
    ));
    assert!(matches!(
        rank(json!(3)),
        Ok(Some(ExGetProfileRank::Integer(3)))
    ));
    for refused in [json!("middle"), json!(3.5), json!(false)] {
        assert!(rank(refused.clone()).is_err(), "{refused}");
    }
    let schema = mpkit_codegen::load_schema("tests/ui/schemas/checked-members.json")
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = mpkit_codegen::checked_members(&schema);
    assert!(
        !kept.iter().any(|(_, member)| member.contains("rank")),
        "{kept:?}"
    );
    // A `oneOf` with an object alternative (`contact`) stays JSON, checked
    // for "exactly one".
    assert!(kept.iter().any(|(_, member)| member.contains("contact")));
}

#[test]
fn all_of_plain_objects_is_one_typed_struct_that_agrees_with_the_validator() {
    let loaded = mpkit_codegen::load_schema("tests/ui/schemas/checked-members.json")
        .unwrap_or_else(|e| panic!("{e}"));
    let part = loaded
        .data_schema(mpkit_codegen::DataPart::Success)
        .unwrap_or_else(|| panic!("a success part"));
    let validator = jsonschema::draft202012::new(&part).unwrap_or_else(|e| panic!("{e}"));
    let reply = decode(json!({ "member": { "name": "Ann", "level": 2, "note": "kept" } }))
        .unwrap_or_else(|e| panic!("{e}"));
    let member: Option<Box<ExGetProfileMember>> = reply.member;
    let member = member.unwrap_or_else(|| panic!("the member"));
    assert_eq!((member.name.as_str(), member.level), ("Ann", 2));
    assert_eq!(member.extra.value("note"), Some(json!("kept")));
    for value in [
        json!({ "name": "Ann", "level": 1.0 }),
        json!({ "name": "", "level": 2 }),
        json!({ "level": 2 }),
        json!({ "name": "Ann" }),
        json!({ "name": "Ann", "level": 0 }),
        json!({ "name": 7, "level": 2 }),
        json!("Ann"),
        json!([]),
    ] {
        let payload = payload(json!({ "member": value }));
        assert_eq!(
            decode(json!({ "member": value })).is_ok(),
            validator.is_valid(&payload),
            "{value}"
        );
    }
    let kept = mpkit_codegen::checked_members(&loaded);
    assert!(
        !kept.iter().any(|(_, member)| member.contains("member")),
        "{kept:?}"
    );
}

#[test]
fn a_reference_into_an_all_of_part_keeps_pointing_at_its_schema() {
    let loaded = mpkit_codegen::load_schema("tests/ui/schemas/checked-members.json")
        .unwrap_or_else(|e| panic!("{e}"));
    let part = loaded
        .data_schema(mpkit_codegen::DataPart::Success)
        .unwrap_or_else(|| panic!("a success part"));
    let validator = jsonschema::draft202012::new(&part).unwrap_or_else(|e| panic!("{e}"));
    for (member, value) in [
        // `code` points into the `$defs` of Badge's `allOf` part.
        ("badge", json!({ "code": "ab" })),
        ("badge", json!({ "code": "abcd" })),
        ("badge", json!({ "code": 5 })),
        // `motto` points at a member of Quoted's `allOf` part.
        ("motto", json!("hi")),
        ("motto", json!("h")),
        ("motto", json!(5)),
        // A definition recursive through `allOf` parts, at every level.
        (
            "chain",
            json!({ "name": "a", "next": { "name": "b", "next": { "name": "c" } } }),
        ),
        (
            "chain",
            json!({ "name": "a", "next": { "name": "b", "next": { "name": 5 } } }),
        ),
        ("chain", json!({ "name": "a", "next": 5 })),
        // `required` names a member no part describes.
        ("loose", json!({ "a": "x", "b": 1 })),
        ("loose", json!({ "a": "x" })),
        ("loose", json!({ "a": 1, "b": 1 })),
    ] {
        let payload = payload(json!({ member: value }));
        assert_eq!(
            decode(json!({ member: value })).is_ok(),
            validator.is_valid(&payload),
            "{member}: {value}"
        );
    }
}
