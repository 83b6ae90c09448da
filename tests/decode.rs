//! Every fixture through the generated decoders: successes field by field,
//! failures as typed failures, quirks tolerated without losing the original,
//! and decode-then-encode losing nothing.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

#[path = "support/apis.rs"]
mod apis;

use apis::*;
use mpkit::{CallError, DecodeKind, MiniProgramApi};
use serde_json::{Value, json};
use support::root;

fn fixture(path: &str) -> String {
    let file = root().join("tests/fixtures").join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn decode<A: MiniProgramApi>(path: &str) -> A::Success {
    A::decode(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decode_error<A: MiniProgramApi>(path: &str) -> CallError {
    match A::decode(&fixture(path)) {
        Ok(_) => panic!("{path} decoded as a success"),
        Err(error) => error,
    }
}

/// Decoding then encoding gives back the same JSON value.
fn assert_lossless<A: MiniProgramApi>(path: &str) {
    let success = decode::<A>(path);
    let again = serde_json::to_value(&success).unwrap();
    let original: Value = serde_json::from_str(&fixture(path)).unwrap();
    assert_eq!(again, original, "{path} lost data");
}

#[test]
fn every_success_fixture_decodes_and_round_trips() {
    let successes = [
        (
            "wechat/getUserInfo",
            decode_all::<WxGetUserInfo> as fn(&str),
        ),
        ("wechat/getUserProfile", decode_all::<WxGetUserProfile>),
        ("wechat/login", decode_all::<WxLogin>),
        ("douyin/getUserInfo", decode_all::<TtGetUserInfo>),
        ("douyin/getUserProfile", decode_all::<TtGetUserProfile>),
        ("douyin/login", decode_all::<TtLogin>),
        ("kuaishou/getUserInfo", decode_all::<KsGetUserInfo>),
        ("qq/getUserInfo", decode_all::<QqGetUserInfo>),
        ("qq/login", decode_all::<QqLogin>),
        ("baidu/getUserInfo", decode_all::<SwanGetUserInfo>),
        ("baidu/login", decode_all::<SwanLogin>),
        ("kuaishou/login", decode_all::<KsLogin>),
        ("alipay/getAuthCode", decode_all::<MyGetAuthCode>),
        ("alipay/getOpenUserInfo", decode_all::<MyGetOpenUserInfo>),
        ("mpserverless/user.getInfo", decode_all::<EmasGetUserInfo>),
        ("mpserverless/user.authorize", decode_all::<EmasAuthorize>),
    ];
    for (folder, check) in successes {
        check(folder);
    }
}

fn decode_all<A: MiniProgramApi>(folder: &str) {
    let dir = root().join("tests/fixtures").join(folder);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("success-") {
            assert_lossless::<A>(&format!("{folder}/{name}"));
            count += 1;
        }
        if name.starts_with("fail-") {
            let text = fixture(&format!("{folder}/{name}"));
            let error = A::decode_fail(&text);
            assert!(
                matches!(error, CallError::Failure { .. }),
                "{folder}/{name}: {error}"
            );
            // Where the payload carries its own outcome, decoding it on its
            // own says the same.
            if !matches!(A::INFO.outcome, mpkit::Outcome::Callback { .. }) {
                assert_eq!(A::decode(&text).err(), Some(error), "{folder}/{name}");
            }
        }
    }
    assert!(count > 0, "{folder} has no success fixture");
}

#[test]
fn wechat_success_with_credentials() {
    let reply = decode::<WxGetUserInfo>("wechat/getUserInfo/success-with-credentials.json");
    assert_eq!(reply.err_msg, "getUserInfo:ok");
    assert_eq!(reply.user_info.nick_name, "Band");
    assert_eq!(
        reply.user_info.gender.map(|g| g.value()),
        Some(WxGetUserInfoGender::Male)
    );
    assert_eq!(reply.user_info.language.as_deref(), Some("zh_CN"));
    assert_eq!(reply.user_info.city.as_deref(), Some("Guangzhou"));
    assert_eq!(
        reply.signature.as_deref(),
        Some("7b435883d9fd1bbc40d3cf74c3d87f221cd42749")
    );
    assert!(
        reply
            .encrypted_data
            .as_deref()
            .is_some_and(|d| d.starts_with("uUvN3WNQ"))
    );
    assert_eq!(reply.iv.as_deref(), Some("AAECAwQFBgcICQoLDA0ODw=="));
    assert_eq!(reply.cloud_id, None);
    // rawData is the exact string received, byte for byte.
    let original: Value =
        serde_json::from_str(&fixture("wechat/getUserInfo/success-with-credentials.json")).unwrap();
    assert_eq!(reply.raw_data, original["rawData"].as_str().unwrap());
    assert!(reply.extra.is_empty());
}

#[test]
fn wechat_success_without_credentials_has_no_credential_fields() {
    let reply = decode::<WxGetUserInfo>("wechat/getUserInfo/success-basic.json");
    assert_eq!(
        (reply.signature, reply.encrypted_data, reply.iv),
        (None, None, None)
    );
    assert_eq!(reply.user_info.province.as_deref(), Some("Guangdong"));
}

#[test]
fn wechat_anonymous_data_after_the_2021_rules() {
    let reply = decode::<WxGetUserInfo>("wechat/getUserInfo/success-anonymous.json");
    assert_eq!(reply.user_info.nick_name, "微信用户");
    assert_eq!(
        reply.user_info.gender.map(|g| g.value()),
        Some(WxGetUserInfoGender::Unknown)
    );
    assert_eq!(reply.user_info.country.as_deref(), Some(""));
    assert_eq!(reply.user_info.language.as_deref(), Some(""));
    assert!(
        reply
            .cloud_id
            .as_deref()
            .is_some_and(|c| c.starts_with("12_"))
    );
}

#[test]
fn gender_sent_as_a_string_keeps_its_form() {
    let reply = decode::<WxGetUserInfo>("wechat/getUserInfo/success-gender-string.json");
    let gender = reply.user_info.gender.unwrap();
    assert_eq!(gender.value(), WxGetUserInfoGender::Female);
    assert_eq!(gender.value().code(), 2);
    assert!(gender.sent_as_string());
    // An unknown member of userInfo is kept too.
    assert_eq!(reply.user_info.extra.value("is_demote"), Some(json!(true)));
    let encoded = serde_json::to_value(&reply.user_info).unwrap();
    assert_eq!(encoded["gender"], json!("2"));
}

#[test]
fn wechat_failures_are_typed() {
    match decode_error::<WxGetUserInfo>("wechat/getUserInfo/fail-auth-deny.json") {
        CallError::Failure {
            platform,
            api,
            detail,
            code,
            ..
        } => {
            assert_eq!(
                (platform, api, detail.as_str(), code),
                ("wechat", "wx.getUserInfo", "auth deny", None)
            );
        }
        other => panic!("{other:?}"),
    }
    let error = decode_error::<WxGetUserInfo>("wechat/getUserInfo/fail-errno.json");
    match &error {
        CallError::Failure { detail, code, .. } => {
            assert_eq!(detail, "api scope is not declared in the privacy agreement");
            assert_eq!(*code, Some(112));
        }
        other => panic!("{other:?}"),
    }
    let failure = WxGetUserInfo::failure(&error).unwrap();
    assert_eq!(failure.errno, Some(112));
    assert!(failure.err_msg.starts_with("getUserInfo:fail"));
}

#[test]
fn douyin_real_name_status_as_string_and_as_number() {
    let text = decode::<TtGetUserInfo>("douyin/getUserInfo/success-realname-string.json");
    assert_eq!(
        text.real_name_authentication_status,
        Some(TtGetUserInfoRealNameAuthenticationStatus::Certified)
    );
    // gender arrives as "1" in the same fixture.
    let gender = text.user_info.gender.unwrap();
    assert_eq!(
        (gender.value(), gender.sent_as_string()),
        (TtGetUserInfoGender::Male, true)
    );
    let number = decode::<TtGetUserInfo>("douyin/getUserInfo/success-realname-number.json");
    assert_eq!(
        number.real_name_authentication_status,
        Some(TtGetUserInfoRealNameAuthenticationStatus::Number(
            serde_json::Number::from(0)
        ))
    );
    // The original value is what is encoded again.
    assert_eq!(
        serde_json::to_value(&number).unwrap()["realNameAuthenticationStatus"],
        json!(0)
    );
}

#[test]
fn douyin_language_is_empty_and_failures_carry_err_no() {
    let reply = decode::<TtGetUserInfo>("douyin/getUserInfo/success-basic.json");
    assert_eq!(reply.user_info.language.as_deref(), Some(""));
    assert_eq!(reply.user_info.nick_name, "抖音用户");
    assert_eq!(reply.real_name_authentication_status, None);
    match decode_error::<TtGetUserInfo>("douyin/getUserInfo/fail-auth-deny.json") {
        CallError::Failure {
            detail,
            code,
            platform,
            ..
        } => {
            assert_eq!(
                (detail.as_str(), code, platform),
                ("auth deny", Some(10200), "douyin")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn emas_ids_flat_and_nested() {
    let flat = decode::<EmasGetUserInfo>("mpserverless/user.getInfo/success-flat-oauth.json");
    assert!(flat.success);
    assert_eq!(
        flat.result.space_id(),
        Some(&"b8e1a4c6-3f7d-4a0b-9c52-6e1d2f3a4b5c".to_owned())
    );
    assert_eq!(
        flat.result.oauth_user_id.as_deref(),
        Some("2088102177846880")
    );
    assert!(flat.result.user.is_none());
    let nested = decode::<EmasGetUserInfo>("mpserverless/user.getInfo/success-nested-user.json");
    assert_eq!(nested.result.space_id, None);
    assert_eq!(
        nested.result.space_id(),
        Some(&"b8e1a4c6-3f7d-4a0b-9c52-6e1d2f3a4b5c".to_owned())
    );
    assert_eq!(
        nested.result.user_id().map(String::as_str),
        Some("5f3c2a1b0e9d8c7b6a594837")
    );
    assert_eq!(
        nested.result.oauth_user_id().map(String::as_str),
        Some("oGZUI0egBJY1zhBYw2KhdUfwVJJE")
    );
}

/// The `result.user` alias is read out of line with the unknown members
/// (for speed); it must still be refused twice, and unknown members beside it
/// must still be kept, in either order.
#[test]
fn emas_nested_alias_beside_unknown_members() {
    for text in [
        r#"{"success":true,"result":{"user":{"spaceId":"s","userId":"u"},"tenant":7}}"#,
        r#"{"success":true,"result":{"tenant":7,"user":{"spaceId":"s","userId":"u"}}}"#,
    ] {
        let decoded = EmasGetUserInfo::decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(decoded.result.user_id().map(String::as_str), Some("u"));
        assert_eq!(decoded.result.extra.value("tenant"), Some(json!(7)));
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }
    let twice = r#"{"success":true,"result":{"user":{"spaceId":"s","userId":"u"},"user":{"spaceId":"t","userId":"v"}}}"#;
    match EmasGetUserInfo::decode(twice) {
        Err(CallError::Decode { path, reason, .. }) => {
            assert_eq!(path, "result");
            assert!(reason.contains("duplicate field `user`"), "{reason}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// A duplicated member is refused, not merged: the slower path through a
/// `serde_json::Value` (taken when the one-pass decoder refuses a text)
/// would keep only the last value.
#[test]
fn duplicated_members_are_refused_not_merged() {
    let cases = [
        (
            WxGetUserInfo::decode(
                r#"{"errMsg":"getUserInfo:ok","userInfo":{"nickName":"a","avatarUrl":"b"},"rawData":"{}","rawData":"{\"x\":1}"}"#,
            )
            .map(drop),
            "",
            "duplicate field `rawData`",
        ),
        (
            EmasGetUserInfo::decode(
                r#"{"success":true,"result":{"spaceId":"s","userId":"u","userId":"v"}}"#,
            )
            .map(drop),
            "result",
            "duplicate field `userId`",
        ),
    ];
    for (decoded, expected_path, expected_reason) in cases {
        match decoded {
            Err(CallError::Decode { path, reason, .. }) => {
                assert_eq!(path, expected_path);
                assert!(reason.contains(expected_reason), "{reason}");
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }
    // A member the schema does not describe keeps its last value, as
    // `JSON.parse` does, on both paths.
    let text = r#"{"success":true,"result":{"spaceId":"s","userId":"u","tenant":1,"tenant":2}}"#;
    let value: Value = serde_json::from_str(text).unwrap();
    for decoded in [
        EmasGetUserInfo::decode(text).unwrap(),
        EmasGetUserInfo::decode_value(value).unwrap(),
    ] {
        assert_eq!(decoded.result.extra.value("tenant"), Some(json!(2)));
    }
}

/// A user schema (tests/ui/schemas/strict-alias.json) whose aliased object
/// refuses unknown members.
#[derive(MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/strict-alias.json")]
pub struct ExGetId;

#[test]
fn strict_object_with_nested_alias_names_the_unknown_member() {
    let flat = ExGetId::decode(r#"{"success":true,"result":{"id":"a"}}"#).unwrap();
    assert_eq!(flat.result.id().map(String::as_str), Some("a"));
    let nested = ExGetId::decode(r#"{"success":true,"result":{"user":{"id":"b"}}}"#).unwrap();
    assert_eq!(nested.result.id().map(String::as_str), Some("b"));
    match ExGetId::decode(r#"{"success":true,"result":{"user":{"id":"b"},"ids":[]}}"#) {
        Err(CallError::Decode { path, reason, .. }) => {
            assert_eq!(path, "result");
            assert!(
                reason.contains("unknown member `ids`, expected one of `id`, `user`"),
                "{reason}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn emas_failure_is_the_success_flag() {
    match decode_error::<EmasGetUserInfo>("mpserverless/user.getInfo/fail-not-authorized.json") {
        CallError::Failure {
            platform,
            api,
            detail,
            code,
            payload,
        } => {
            assert_eq!(
                (platform, api, detail.as_str(), code),
                ("mpserverless", "mpserverless.user.getInfo", "", None)
            );
            assert_eq!(payload["error"]["code"], "InvalidAuthorization");
        }
        other => panic!("{other:?}"),
    }
    // A payload shaped like a success but flagged false is still a failure.
    let error =
        decode_error::<EmasGetUserInfo>("mpserverless/user.getInfo/reject-success-false-flag.json");
    assert!(matches!(error, CallError::Failure { .. }), "{error}");
}

#[test]
fn undecodable_payloads_name_platform_api_and_path() {
    let cases = [
        (
            "wechat/getUserInfo/reject-success-gender.json",
            "userInfo.gender",
        ),
        ("wechat/getUserInfo/reject-success-no-errmsg.json", "errMsg"),
        (
            "douyin/getUserInfo/reject-success-realname-bool.json",
            "realNameAuthenticationStatus",
        ),
        (
            "douyin/getUserInfo/reject-success-realname-unknown.json",
            "realNameAuthenticationStatus",
        ),
    ];
    for (path, expected_path) in cases {
        let error = if path.starts_with("wechat") {
            decode_error::<WxGetUserInfo>(path)
        } else {
            decode_error::<TtGetUserInfo>(path)
        };
        match &error {
            CallError::Decode {
                path: at,
                platform,
                api,
                reason,
                kind,
            } => {
                assert_eq!(*kind, DecodeKind::Schema, "{path}");
                assert_eq!(at, expected_path, "{path}: {error}");
                assert!(!reason.is_empty());
                assert!(
                    api.ends_with(".getUserInfo")
                        && (*platform == "wechat" || *platform == "douyin")
                );
            }
            other => panic!("{path}: expected a decode error, got {other:?}"),
        }
        assert!(
            error.to_string().contains(&format!("at `{expected_path}`")),
            "{error}"
        );
    }
}

#[test]
fn errmsg_of_another_api_is_a_decode_error() {
    let error = WxGetUserInfo::decode(r#"{"errMsg":"getUserProfile:ok","userInfo":{"nickName":"a","avatarUrl":"b"},"rawData":"{}"}"#)
        .err()
        .unwrap();
    match error {
        CallError::Decode { path, reason, .. } => {
            assert_eq!(path, "errMsg");
            assert!(reason.contains("is about `getUserProfile`"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn text_and_value_decoders_agree() {
    for path in [
        "wechat/getUserInfo/success-with-credentials.json",
        "wechat/getUserInfo/fail-errno.json",
        "wechat/getUserInfo/reject-success-gender.json",
    ] {
        let text = fixture(path);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            WxGetUserInfo::decode(&text),
            WxGetUserInfo::decode_value(value),
            "{path}"
        );
    }
}

#[test]
fn not_json_and_not_an_object_are_decode_errors() {
    for text in ["", "{", "[]", "42", "\"getUserInfo:ok\""] {
        match WxGetUserInfo::decode(text) {
            Err(CallError::Decode { path, .. }) => assert_eq!(path, "", "{text:?}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
    // Text that is not JSON is no platform change: the message says to
    // look at what reached the decoder, not to update the schema.
    for text in ["", "{", "[object Object]", "undefined"] {
        let error = WxGetUserInfo::decode(text).unwrap_err();
        assert!(
            matches!(
                error,
                CallError::Decode {
                    kind: DecodeKind::NotJson,
                    ..
                }
            ),
            "{text:?}: {error:?}"
        );
        let shown = error.to_string();
        assert!(!shown.contains("update the API's schema"), "{shown}");
        assert!(shown.contains("JSON.stringify(res)"), "{shown}");
    }
}

#[test]
fn decrypted_payload_decodes_into_the_generated_type() {
    let encrypted: WxGetUserInfoEncryptedUserInfo =
        serde_json::from_str(&fixture("wechat/getUserInfo/encrypted.json")).unwrap();
    assert_eq!(encrypted.open_id, "oGZUI0egBJY1zhBYw2KhdUfwVJJE");
    assert_eq!(
        encrypted.union_id.as_deref(),
        Some("ocMvos6NjeKLIBqg5Mr9QjxrP1FA")
    );
    assert_eq!(encrypted.watermark.appid, "wx4f4bc4dec97d474b");
    assert_eq!(encrypted.watermark.timestamp, 1477314187);
    // `language` is not in the schema's encrypted part; it is kept.
    assert_eq!(encrypted.extra.value("language"), Some(json!("zh_CN")));
}

/// A WeChat success whose unknown member `deep` nests `levels` arrays, as
/// text and as a value built without the text's limit.
fn deep_payload(levels: usize) -> (String, Value) {
    let text = format!(
        r#"{{"errMsg":"getUserInfo:ok","rawData":"{{}}","userInfo":{{"nickName":"n","avatarUrl":"a","gender":0,"country":"","province":"","city":"","language":"en"}},"deep":{}{}}}"#,
        "[".repeat(levels),
        "]".repeat(levels)
    );
    let mut deep = Value::Array(Vec::new());
    for _ in 1..levels {
        deep = Value::Array(vec![deep]);
    }
    let mut value: Value = serde_json::from_str(
        &text
            .replace(&"[".repeat(levels), "[")
            .replace(&"]".repeat(levels), "]"),
    )
    .unwrap();
    value["deep"] = deep;
    (text, value)
}

#[test]
fn depth_limit_is_the_same_on_both_paths() {
    // The payload's object is level 1 and `deep`'s outer array level 2.
    let fits = mpkit::MAX_DEPTH - 1;
    let (text, value) = deep_payload(fits);
    let from_text = WxGetUserInfo::decode(&text).unwrap();
    let from_value = WxGetUserInfo::decode_value(value).unwrap();

    assert_eq!(from_text, from_value);

    let (text, value) = deep_payload(fits + 1);
    let from_text = WxGetUserInfo::decode(&text).unwrap_err();
    let from_value = WxGetUserInfo::decode_value(value).unwrap_err();
    assert_eq!(from_text.to_string(), from_value.to_string());
    assert!(
        from_text
            .to_string()
            .contains(&format!("nested deeper than {} levels", mpkit::MAX_DEPTH)),
        "{from_text}"
    );
}

#[test]
fn values_far_too_deep_are_refused_without_overflowing_the_stack() {
    // Before the limit, 2,000 levels decoded through `decode_value` and
    // 3,000 overflowed the stack; dropping such a value recurses as well.
    for levels in [2_000, 3_000, 200_000] {
        let (_, value) = deep_payload(levels);
        let error = WxGetUserInfo::decode_value(value).unwrap_err();
        assert!(
            matches!(error, CallError::Decode { .. }),
            "{levels}: {error}"
        );
    }
}

#[test]
fn unknown_members_keep_their_order_and_exact_numbers() {
    // Before, unknown members came back sorted, and numbers no f64 holds
    // were rounded: 12345678901234567890123 became 1.2345678901234568e22
    // and 1.5e-400 became 0.0.
    let text = r#"{"errMsg":"getUserInfo:ok","zeta":1,"rawData":"{}","big":12345678901234567890123,"userInfo":{"nickName":"n","tiny":1.5e-400,"avatarUrl":"a","is_demote":true,"neg":-0},"alpha":[1.0,2E3]}"#;
    let reply = WxGetUserInfo::decode(text).unwrap();
    assert_eq!(
        reply.extra.names().collect::<Vec<_>>(),
        ["zeta", "big", "alpha"]
    );
    assert_eq!(
        reply.extra.get("big").map(|raw| raw.get()),
        Some("12345678901234567890123")
    );
    let again = serde_json::to_string(&reply).unwrap();
    for kept in [
        r#""zeta":1,"big":12345678901234567890123,"alpha":[1.0,2E3]"#,
        r#""tiny":1.5e-400,"is_demote":true,"neg":-0"#,
    ] {
        assert!(again.contains(kept), "{kept} not in {again}");
    }
    // Decoding what was encoded gives the same again.
    assert_eq!(WxGetUserInfo::decode(&again).unwrap(), reply);
}

#[test]
fn serde_jsons_reserved_member_name_is_an_ordinary_member() {
    // With serde_json's `raw_value` on, its `Value` reads an object whose
    // first member has this name as the JSON in the member's string. The
    // decoders read it as the text says: an object without `errMsg` here
    // (before, a failure "auth deny" that the text never states).
    let token = "$serde_json::private::RawValue";
    let text = format!(r#"{{"{token}":"{{\"errMsg\":\"getUserInfo:fail auth deny\"}}"}}"#);
    let error = WxGetUserInfo::decode(&text).unwrap_err();
    assert!(
        matches!(&error, CallError::Decode { path, .. } if path == "errMsg"),
        "{error}"
    );
    // Escaped, the same.
    let escaped = text.replace("RawValue", "RawValu\\u0065");
    assert!(matches!(
        WxGetUserInfo::decode(&escaped),
        Err(CallError::Decode { .. })
    ));
    // In a failure's detail, or as an unknown member of a success, it is
    // just text, on both paths.
    let failure = format!(r#"{{"errMsg":"getUserInfo:fail {token}"}}"#);
    assert!(matches!(
        WxGetUserInfo::decode(&failure),
        Err(CallError::Failure { .. })
    ));
    let success = format!(
        r#"{{"errMsg":"getUserInfo:ok","rawData":"{{}}","userInfo":{{"nickName":"n","avatarUrl":"a"}},"foo":{{"{token}":"[1,2]"}}}}"#
    );
    let from_text = WxGetUserInfo::decode(&success).unwrap();
    let mut value = json!({"errMsg": "getUserInfo:ok", "rawData": "{}", "userInfo": {"nickName": "n", "avatarUrl": "a"}});
    value["foo"] = json!({ token: "[1,2]" });
    let from_value = WxGetUserInfo::decode_value(value).unwrap();
    assert_eq!(from_text, from_value);
    assert_eq!(
        from_text.extra.value("foo"),
        Some(json!({ token: "[1,2]" }))
    );
}

#[test]
fn integers_written_with_a_fraction_or_exponent_are_integers() {
    // JSON Schema's `integer` is any number with a zero fraction: `1.0`,
    // `-0` and `2e3` are integers to a validator. serde's `i64` refused
    // them, so a failure with `"errno": 1.0` became a decode error.
    for (errno, expected) in [("1.0", 1), ("-0", 0), ("2e3", 2000), ("7", 7)] {
        let text = format!(r#"{{"errMsg":"getUserInfo:fail auth deny","errno":{errno}}}"#);
        match WxGetUserInfo::decode(&text) {
            Err(CallError::Failure { code, .. }) => assert_eq!(code, Some(expected), "{errno}"),
            other => panic!("{errno}: {other:?}"),
        }
        let failure: WxGetUserInfoFailure = serde_json::from_str(&text).unwrap();
        assert_eq!(failure.errno, Some(expected), "{errno}");
    }
    // Whole numbers past 2^53 that an i64 holds are integers too (found
    // beside the `agreement` fuzzer: `1e16` was refused); past i64 they are
    // refused, never truncated.
    let big = r#"{"errMsg":"getUserInfo:fail","errno":1e16}"#;
    assert!(
        matches!(
            WxGetUserInfo::decode(big),
            Err(CallError::Failure {
                code: Some(10_000_000_000_000_000),
                ..
            })
        ),
        "{:?}",
        WxGetUserInfo::decode(big)
    );
    let beyond = r#"{"errMsg":"getUserInfo:fail","errno":9223372036854775808}"#;
    assert!(matches!(
        WxGetUserInfo::decode(beyond),
        Err(CallError::Decode { .. })
    ));
    let text = r#"{"errMsg":"getUserInfo:fail auth deny","errno":1.5}"#;
    assert!(matches!(
        WxGetUserInfo::decode(text),
        Err(CallError::Decode { .. })
    ));
}

#[test]
fn wechat_login_code_and_failures_with_and_without_errno() {
    let reply = decode::<WxLogin>("wechat/login/success-basic.json");
    assert_eq!(reply.code, "0c3Xq6Ga1pBXgK0WV3Ia1WWMXF3Xq6Gy");
    assert_eq!(reply.err_msg, "login:ok");
    match decode_error::<WxLogin>("wechat/login/fail-errno.json") {
        CallError::Failure {
            api, detail, code, ..
        } => {
            assert_eq!(api, "wx.login");
            assert_eq!(detail, "api scope is not declared in the privacy agreement");
            assert_eq!(code, Some(112));
        }
        other => panic!("{other:?}"),
    }
    // Before base library 2.24.0 a failure has no errno.
    let error = decode_error::<WxLogin>("wechat/login/fail-basic.json");
    assert!(
        matches!(&error, CallError::Failure { detail, code: None, .. } if detail == "timeout"),
        "{error:?}"
    );
    assert_eq!(WxLogin::failure(&error).unwrap().errno, None);
    // A success without its code is not a success.
    let error = decode_error::<WxLogin>("wechat/login/reject-success-no-code.json");
    assert!(
        matches!(&error, CallError::Decode { reason, .. } if reason.contains("`code`")),
        "{error:?}"
    );
}

#[test]
fn douyin_login_code_only_when_logged_in_to_the_host() {
    let logged_in = decode::<TtLogin>("douyin/login/success-logged-in.json");
    assert!(logged_in.is_login);
    assert_eq!(
        logged_in.code.as_deref(),
        Some("fb93de745e4a0d7bxBa9DyeMuM8q4QQLeD")
    );
    // Not logged in to the host app: anonymousCode only.
    let anonymous = decode::<TtLogin>("douyin/login/success-anonymous.json");
    assert!(!anonymous.is_login);
    assert_eq!(anonymous.code, None);
    assert_eq!(anonymous.anonymous_code, logged_in.anonymous_code);
    match decode_error::<TtLogin>("douyin/login/fail-host-login.json") {
        CallError::Failure {
            platform,
            api,
            detail,
            code,
            ..
        } => assert_eq!(
            (platform, api, detail.as_str(), code),
            ("douyin", "tt.login", "host login fail", None)
        ),
        other => panic!("{other:?}"),
    }
    match decode_error::<TtLogin>("douyin/login/fail-service-error.json") {
        CallError::Failure { code, .. } => assert_eq!(code, Some(-1)),
        other => panic!("{other:?}"),
    }
    let error = decode_error::<TtLogin>("douyin/login/reject-success-is-login-text.json");
    assert!(
        matches!(&error, CallError::Decode { path, .. } if path == "isLogin"),
        "{error:?}"
    );
}

#[test]
fn kuaishou_user_info_with_and_without_credentials() {
    // Without withCredentials: userInfo alone (UserInfoResult), no rawData.
    let basic = decode::<KsGetUserInfo>("kuaishou/getUserInfo/success-basic.json");
    assert_eq!(basic.user_info.nick_name, "快手用户");
    assert_eq!(
        (
            basic.raw_data,
            basic.signature,
            basic.encrypted_data,
            basic.iv
        ),
        (None, None, None, None)
    );
    let full = decode::<KsGetUserInfo>("kuaishou/getUserInfo/success-with-credentials.json");
    let original: Value = serde_json::from_str(&fixture(
        "kuaishou/getUserInfo/success-with-credentials.json",
    ))
    .unwrap();
    assert_eq!(
        full.raw_data.as_deref(),
        original["rawData"].as_str(),
        "rawData is kept byte for byte"
    );
    assert!(full.signature.is_some() && full.encrypted_data.is_some() && full.iv.is_some());
    // No discriminant is documented: the fail callback's payload is the
    // failure, its errMsg the detail.
    match KsGetUserInfo::decode_fail(&fixture("kuaishou/getUserInfo/fail-auth-deny.json")) {
        CallError::Failure {
            platform,
            api,
            detail,
            ..
        } => assert_eq!(
            (platform, api, detail.as_str()),
            ("kuaishou", "ks.getUserInfo", "getUserInfo:fail auth deny")
        ),
        other => panic!("{other:?}"),
    }
    // A success without errMsg decodes too (Kuaishou's result types list none).
    let mut bare: Value =
        serde_json::from_str(&fixture("kuaishou/getUserInfo/success-basic.json")).unwrap();
    bare.as_object_mut().unwrap().remove("errMsg");
    assert!(KsGetUserInfo::decode_value(bare).is_ok());
    let error =
        decode_error::<KsGetUserInfo>("kuaishou/getUserInfo/reject-success-signature-not-hex.json");
    assert!(
        matches!(&error, CallError::Decode { reason, .. } if reason.contains("`signature`")),
        "{error:?}"
    );
}

#[test]
fn kuaishou_decrypted_data_has_no_watermark_and_gender_in_either_form() {
    let number: KsGetUserInfoEncryptedUserInfo =
        serde_json::from_str(&fixture("kuaishou/getUserInfo/encrypted.json")).unwrap();
    assert_eq!(number.open_id, "f0e1d2c3b4a5968778695a4b3c2d1e0f");
    let gender = number.gender.unwrap();
    assert_eq!(
        (gender.value(), gender.sent_as_string()),
        (KsGetUserInfoGender::Male, false)
    );
    assert!(number.extra.is_empty());
    // The page's own example, whose gender is a string.
    let text: KsGetUserInfoEncryptedUserInfo = serde_json::from_str(&fixture(
        "kuaishou/getUserInfo/encrypted-gender-string.json",
    ))
    .unwrap();
    let gender = text.gender.unwrap();
    assert_eq!(
        (gender.value(), gender.sent_as_string()),
        (KsGetUserInfoGender::Female, true)
    );
    assert!(
        serde_json::from_str::<KsGetUserInfoEncryptedUserInfo>(&fixture(
            "kuaishou/getUserInfo/reject-encrypted-gender.json"
        ))
        .is_err()
    );
}

#[test]
fn qq_user_info_and_login() {
    let reply = decode::<QqGetUserInfo>("qq/getUserInfo/success-basic.json");
    assert_eq!(reply.user_info.nick_name, "小企鹅");
    assert_eq!(reply.user_info.gender, Some(QqGetUserInfoGender::Female));
    assert_eq!(reply.user_info.city.as_deref(), Some("Shenzhen"));
    assert_eq!(reply.signature, None);
    let encrypted: QqGetUserInfoEncryptedUserInfo =
        serde_json::from_str(&fixture("qq/getUserInfo/encrypted.json")).unwrap();
    assert_eq!(encrypted.watermark.appid, "1109876543");
    assert_eq!(
        encrypted.union_id.as_deref(),
        Some("UID_6F8E7D6C5B4A39281706F5E4D3C2B1A0")
    );
    // Members the schema does not describe (from a truncated page) are kept.
    assert_eq!(encrypted.extra.value("gender"), Some(json!(2)));
    match decode_error::<QqGetUserInfo>("qq/getUserInfo/fail-auth-deny.json") {
        CallError::Failure { platform, api, .. } => {
            assert_eq!((platform, api), ("qq", "qq.getUserInfo"));
        }
        other => panic!("{other:?}"),
    }
    let login = decode::<QqLogin>("qq/login/success-basic.json");
    assert_eq!(login.code, "5e6d7c8b9a0f1e2d3c4b5a6978695a4b");
    // Another API's errMsg is not this API's failure.
    let error = decode_error::<QqLogin>("qq/login/reject-fail-errmsg-of-another-api.json");
    assert!(matches!(error, CallError::Decode { .. }), "{error:?}");
}

#[test]
fn a_wrong_enum_value_in_a_payload_names_the_values() {
    let error = decode_error::<WxGetUserInfo>("wechat/getUserInfo/reject-success-gender.json");
    let shown = error.to_string();
    assert!(shown.contains("`userInfo.gender`"), "{shown}");
    assert!(shown.contains("7"), "{shown}");
    assert!(shown.contains("one of 0, 1, 2"), "{shown}");
}

#[test]
fn a_callback_outcome_reads_failures_from_the_fail_callback_only() {
    // Baidu's payloads carry no discriminant: the fail callback's payload is
    // a failure with the code and message x-outcome names.
    let text = fixture("baidu/login/fail-not-logged-in.json");
    match SwanLogin::decode_fail(&text) {
        CallError::Failure {
            code, detail, api, ..
        } => {
            assert_eq!(code, Some(10004));
            assert_eq!(detail, "user not login");
            assert_eq!(api, "swan.login");
        }
        other => panic!("{other}"),
    }
    // Read on its own it is not a success either: `code` is required.
    assert!(SwanLogin::decode(&text).is_err());
    // A fail payload the schema does not describe is a decode error.
    let error = SwanLogin::decode_fail(r#"{"errCode":"10004"}"#);
    assert!(
        matches!(error, CallError::Decode { ref path, .. } if path == "errCode"),
        "{error}"
    );
    // Not an object, not JSON: decode errors that say so.
    assert!(matches!(
        SwanLogin::decode_fail("[]"),
        CallError::Decode { .. }
    ));
    assert!(matches!(
        SwanLogin::decode_fail("{"),
        CallError::Decode {
            kind: DecodeKind::NotJson,
            ..
        }
    ));
    // Baidu's success is whatever the success callback received.
    let login = decode::<SwanLogin>("baidu/login/success-basic.json");
    assert_eq!(login.code, "e4a13af4e6d8c491b701a86682a5bc76NW");
}

#[test]
fn json_text_is_read_as_typed_data_and_kept_as_sent() {
    let reply = decode::<MyGetOpenUserInfo>("alipay/getOpenUserInfo/success-basic.json");
    let content = reply.response.content().unwrap();
    assert_eq!(content.response.code, "10000");
    assert_eq!(content.response.nick_name.as_deref(), Some("支付宝用户"));
    // The text as sent, byte for byte, and written back unchanged.
    let sent: Value =
        serde_json::from_str(&fixture("alipay/getOpenUserInfo/success-basic.json")).unwrap();
    assert_eq!(reply.response.text(), sent["response"].as_str().unwrap());
    assert_lossless::<MyGetOpenUserInfo>("alipay/getOpenUserInfo/success-basic.json");
    let profile = reply.profile();
    assert_eq!(profile.nickname.as_deref(), Some("支付宝用户"));
    assert!(profile.avatar_url.is_some());

    // A refusal inside the text still reached the success callback: the
    // content says so.
    let refused = decode::<MyGetOpenUserInfo>("alipay/getOpenUserInfo/success-refused-inside.json");
    let inner = &refused.response.content().unwrap().response;
    assert_eq!(inner.code, "40003");
    assert_eq!(inner.sub_msg.as_deref(), Some("无效的授权关系"));
    assert_eq!(refused.profile().nickname, None);

    // `contentSchema` is an annotation: text that is not the content's JSON
    // still decodes (as a validator accepts it), kept, with its error.
    let broken = decode::<MyGetOpenUserInfo>("alipay/getOpenUserInfo/success-text-not-json.json");
    assert_eq!(broken.response.text(), "<html>502 Bad Gateway</html>");
    let error = broken.response.content().unwrap_err();
    assert_eq!((error.line(), error.column()), (1, 1));
    assert_eq!(broken.profile().nickname, None);
    assert_lossless::<MyGetOpenUserInfo>("alipay/getOpenUserInfo/success-text-not-json.json");

    // The text must be a string.
    let error = decode_error::<MyGetOpenUserInfo>(
        "alipay/getOpenUserInfo/reject-success-response-object.json",
    );
    assert!(
        matches!(&error, CallError::Decode { path, .. } if path == "response"),
        "{error}"
    );
}

#[test]
fn a_callback_failure_without_its_message_says_so() {
    match SwanLogin::decode_fail(r#"{"errCode":10001}"#) {
        CallError::Failure { detail, code, .. } => {
            assert_eq!(code, Some(10001));
            assert_eq!(
                detail,
                "the fail callback ran; its payload has no `errMsg` text"
            );
        }
        other => panic!("{other}"),
    }
    // ks.login names no message member: the detail says so, not that the payload has none.
    match KsLogin::decode_fail(r#"{"code":-20001,"msg":"用户未登录"}"#) {
        CallError::Failure { detail, code, .. } => {
            assert_eq!(code, None);
            assert_eq!(
                detail,
                "the fail callback ran (the API's `x-outcome` names no message member to read)"
            );
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_kuaishou_failure_is_read_whatever_form_its_message_takes() {
    // Kuaishou's error table gives the bare message; WeChat's form is as
    // likely. Both are failures, their text the detail.
    for (payload, detail) in [
        (r#"{"errMsg":"auth deny"}"#, "auth deny"),
        (
            r#"{"errMsg":"getUserInfo:fail auth deny"}"#,
            "getUserInfo:fail auth deny",
        ),
    ] {
        match KsGetUserInfo::decode_fail(payload) {
            CallError::Failure { detail: found, .. } => assert_eq!(found, detail),
            other => panic!("{payload}: {other}"),
        }
    }
}

/// A success-flag API whose failures carry an integer code.
#[derive(MiniProgramApi)]
#[mini_program(schema = "tests/schemas/success-flag-codes.json")]
pub struct ExGetThing;

#[test]
fn a_success_flag_failure_reads_the_code_its_schema_names() {
    // `x-outcome.codes` is read for every style (it was silently ignored
    // for `success-flag`).
    let payload = r#"{"success":false,"errorCode":7}"#;
    match ExGetThing::decode(payload) {
        Err(CallError::Failure { code, .. }) => assert_eq!(code, Some(7)),
        other => panic!("{other:?}"),
    }
    match ExGetThing::decode_fail(payload) {
        CallError::Failure { code, .. } => assert_eq!(code, Some(7)),
        other => panic!("{other}"),
    }
    // EMAS names none: its codes are text.
    assert!(EmasGetUserInfo::INFO.outcome.codes().is_empty());
}
