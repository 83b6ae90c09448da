//! The checks of `x-profile`: every pointer names a typed member of its
//! part (a string, or for `gender` a member whose values `genders` names),
//! and what the generated `profile()` relies on is there.

use serde_json::Value;

use super::problems::Problems;
use super::source::child;
use crate::spec::{ApiSchema, GenderCodes, JsonType, ProfileMap, SchemaNode, pointer_segments};
use crate::typing::{Place, Typing};

/// Records every problem of the schema's `x-profile`.
pub(super) fn check(api: &ApiSchema, problems: &mut Problems) {
    let Some(map) = &api.profile else {
        return;
    };
    let typing = Typing::new(api);
    let parts = [
        ("success", Some(&api.success), &map.success),
        ("encrypted", api.encrypted.as_ref(), &map.encrypted),
    ];
    for (part, root, members) in parts {
        let at = child("/x-profile", part);
        match root {
            None if !members.is_empty() => problems.key(
                &at,
                format!("`x-profile.{part}` maps members of a part this schema does not have"),
                format!("describe `{part}`, or remove `x-profile.{part}`"),
            ),
            None => {}
            Some(root) => {
                for (field, key, pointer) in members.mapped() {
                    let found = member_at(api, &typing, root, pointer, &child(&at, key), problems);
                    let Some(member) = found else { continue };
                    if typing.json_text(api.resolve(member)).is_some() {
                        problems.value(
                            &child(&at, key),
                            format!("the profile's `{field}` points at JSON text, not at a member of what it says"),
                            "point into the text's content, such as \"/response/response/nickName\"",
                        );
                        continue;
                    }
                    check_member(api, map, member, field, &child(&at, key), problems);
                }
            }
        }
    }
    let maps_nickname = map.success.nickname.is_some() || map.encrypted.nickname.is_some();
    if map.anonymous.is_some() && !maps_nickname {
        problems.key(
            "/x-profile/anonymous",
            "`x-profile.anonymous` is recognised by the nickname, which `x-profile` does not map",
            "map `nickname` under `success` or `encrypted`",
        );
    }
    check_genders(map, problems);
    let maps_gender = map.success.gender.is_some() || map.encrypted.gender.is_some();
    if maps_gender && map.genders.is_none() {
        problems.key(
            "/x-profile",
            "`x-profile` maps a gender member but not what its values mean",
            "add `\"genders\": {\"male\": [...], \"female\": [...], \"unknown\": [...]}` with the platform's codes",
        );
    }
}

/// The typed member `pointer` names below `root`, or a problem at `at`.
fn member_at<'a>(
    api: &'a ApiSchema,
    typing: &Typing<'_>,
    root: &'a SchemaNode,
    pointer: &str,
    at: &str,
    problems: &mut Problems,
) -> Option<&'a SchemaNode> {
    let segments = pointer_segments(&format!("#{pointer}")).filter(|s| !s.is_empty());
    let Some(segments) = segments else {
        problems.value(
            at,
            format!("{pointer:?} is not a JSON pointer to a member"),
            "write the member's path from the top of the payload, such as \"/userInfo/nickName\"",
        );
        return None;
    };
    let mut node = api.resolve(root);
    let mut member = root;
    for segment in &segments {
        let Some(next) = node.properties.get(segment) else {
            problems.value(
                at,
                format!("{pointer:?} names no member: `{segment}` is not among the members there"),
                "point at a member the payload's schema declares under `properties`",
            );
            return None;
        };
        if !typing.typed(next, Place::Member) {
            problems.value(
                at,
                format!("{pointer:?} passes through `{segment}`, which is kept as JSON, not typed"),
                "point at members mpkit gives a Rust type (see the README's typed and checked members)",
            );
            return None;
        }
        member = next;
        node = api.resolve(next);
        // A JSON text member is read through to what its text says.
        if let Some(content) = typing.json_text(node) {
            node = api.resolve(content);
        }
    }
    Some(member)
}

/// A text field needs a string member; `gender` a member whose values
/// `genders` lists.
fn check_member(
    api: &ApiSchema,
    map: &ProfileMap,
    member: &SchemaNode,
    field: &str,
    at: &str,
    problems: &mut Problems,
) {
    let resolved = api.resolve(member);
    let types = resolved.type_list();
    if field != "gender" {
        let string = types == [JsonType::String]
            || types == [JsonType::String, JsonType::Null]
            || types == [JsonType::Null, JsonType::String];
        if !string || resolved.enum_values.is_some() {
            problems.value(
                at,
                format!("the profile's `{field}` is text, and this member is not a plain string"),
                "point at a string member (`\"type\": \"string\"`)",
            );
        }
        return;
    }
    let values = resolved.enum_values.as_deref().unwrap_or_default();
    // With `number-as-string`, "1" is the integer 1 sent as text: the
    // member's enum is of integers.
    let lenient = resolved.has_quirk(crate::spec::QuirkKind::NumberAsString);
    let codes_of_one_kind = !values.is_empty()
        && (values.iter().all(Value::is_string)
            || values.iter().all(|v| {
                v.is_i64() || (lenient && v.as_str().is_some_and(|t| t.parse::<i64>().is_ok()))
            }));
    let plain = values.is_empty() && matches!(types, [JsonType::String] | [JsonType::Integer]);
    if !codes_of_one_kind && !plain {
        problems.value(
            at,
            "the profile's `gender` reads a string or integer member, or an enum of strings or of integers",
            "point at the member holding the platform's gender code",
        );
        return;
    }
    if let Some(codes) = &map.genders {
        check_gender_codes(codes, values, types, lenient, problems);
    }
}

/// Each gender code must be a value the gender member has, in the form its
/// Rust type holds.
fn check_gender_codes(
    codes: &GenderCodes,
    values: &[Value],
    types: &[JsonType],
    lenient: bool,
    problems: &mut Problems,
) {
    let listed = codes.male.iter().chain(&codes.female).chain(&codes.unknown);
    for code in listed {
        // A code the generated match could never meet would read as "no
        // gender" without a word: each must be a value the member has, in
        // the form its Rust type holds (an integer, for an enum of integers
        // that may be sent as text).
        let fits = if values.is_empty() {
            match types {
                [JsonType::String] => code.is_string(),
                _ => code.is_i64(),
            }
        } else {
            values.contains(code)
                && !(lenient && code.is_string() && values.iter().any(Value::is_i64))
        };
        if !fits {
            let expected = if values.is_empty() {
                format!(
                    "a {} like the member",
                    types.first().map_or("value", |t| t.as_str())
                )
            } else {
                format!("one of the member's values ({})", list(values))
            };
            problems.value(
                "/x-profile/genders",
                format!("{code} is not {expected}"),
                "list the codes as the member holds them (integers for an integer member or enum, even one sent as text)",
            );
        }
    }
}

/// `genders` must serve a mapped gender member and name each code once.
fn check_genders(map: &ProfileMap, problems: &mut Problems) {
    let Some(codes) = &map.genders else {
        return;
    };
    let maps_gender = map.success.gender.is_some() || map.encrypted.gender.is_some();
    if !maps_gender {
        problems.key(
            "/x-profile/genders",
            "`x-profile.genders` says what gender codes mean, but `x-profile` maps no gender member",
            "map `gender` under `success` or `encrypted`, or remove `genders`",
        );
    }
    let listed: Vec<&Value> = codes
        .male
        .iter()
        .chain(&codes.female)
        .chain(&codes.unknown)
        .collect();
    for (i, code) in listed.iter().enumerate() {
        if listed[..i].contains(code) {
            problems.value(
                "/x-profile/genders",
                format!("{code} is listed for two genders"),
                "list each code under one gender",
            );
        }
    }
}

fn list(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
