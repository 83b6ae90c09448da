//! The generated decoders against a real JSON Schema validator: every
//! payload fixture, positive and `reject-*`, and generated payloads, must get
//! the same verdict from both, on both decode paths (`decode` from text and
//! `decode_value` from a `Value`).
//!
//! What the decoders do not enforce yet is listed in `KNOWN_GAPS`, each with
//! its reason; the test fails when a gap closes (so the list shrinks) and
//! when a new disagreement appears.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

#[path = "support/apis.rs"]
mod apis;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use apis::*;
use mpkit::{CallError, MiniProgramApi};
use mpkit_codegen::DataPart;
use proptest::prelude::*;
use serde_json::Value;
use support::root;

/// Fixtures a decoder still judges differently from the validator, and why.
/// Each is work for the response-rule emitters (issues 12 and 18).
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// What one side says of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Accepts,
    Refuses,
}

fn verdict(accepts: bool) -> Verdict {
    if accepts {
        Verdict::Accepts
    } else {
        Verdict::Refuses
    }
}

/// The decoder's verdict on `text` as a payload of `part`, on both paths;
/// the two paths must agree.
fn decoder_verdict<A: MiniProgramApi>(part: DataPart, text: &str) -> Verdict {
    let judge = |outcome: Result<A::Success, CallError>| match part {
        DataPart::Success => outcome.is_ok(),
        other => panic!("{other:?} is not decoded through `decode`"),
    };
    if part == DataPart::Encrypted {
        return verdict(serde_json::from_str::<A::Encrypted>(text).is_ok());
    }
    if part == DataPart::Fail {
        // As the fail callback's payload: the only way to read a failure of
        // an API whose payloads carry no discriminant.
        let is_failure = |error: CallError| matches!(error, CallError::Failure { .. });
        let from_text = is_failure(A::decode_fail(text));
        let from_value = serde_json::from_str::<Value>(text)
            .is_ok_and(|value| is_failure(A::decode_fail_value(value)));
        assert_eq!(
            from_text, from_value,
            "the two failure paths disagree on {text}"
        );
        return verdict(from_text);
    }
    let from_text = judge(A::decode(text));
    let from_value = match serde_json::from_str::<Value>(text) {
        Ok(value) => judge(A::decode_value(value)),
        Err(_) => false,
    };
    assert_eq!(
        from_text, from_value,
        "the two decode paths disagree on {text}"
    );
    verdict(from_text)
}

/// The validator's verdict on `payload` against `part` of `schema`.
fn validator_verdict(schema: &Path, part: DataPart, payload: &Value) -> Verdict {
    type Validators = HashMap<(PathBuf, &'static str), Arc<jsonschema::Validator>>;
    static BUILT: LazyLock<Mutex<Validators>> = LazyLock::new(Mutex::default);
    let key = (schema.to_path_buf(), part.key());
    let cached = BUILT.lock().unwrap().get(&key).cloned();
    let validator = cached.unwrap_or_else(|| {
        let loaded = mpkit_codegen::load_schema(schema).unwrap_or_else(|e| panic!("{e}"));
        let part_schema = loaded.data_schema(part).unwrap();
        let built = Arc::new(jsonschema::draft202012::new(&part_schema).unwrap());
        BUILT.lock().unwrap().insert(key, Arc::clone(&built));
        built
    });
    verdict(validator.is_valid(payload))
}

type Judge = fn(DataPart, &str) -> Verdict;

/// The decoder of each bundled API, by its fixture folder.
fn judges() -> [(&'static str, Judge); 16] {
    [
        ("wechat/getUserInfo", decoder_verdict::<WxGetUserInfo>),
        ("wechat/getUserProfile", decoder_verdict::<WxGetUserProfile>),
        ("wechat/login", decoder_verdict::<WxLogin>),
        ("douyin/getUserInfo", decoder_verdict::<TtGetUserInfo>),
        ("douyin/getUserProfile", decoder_verdict::<TtGetUserProfile>),
        ("douyin/login", decoder_verdict::<TtLogin>),
        ("kuaishou/getUserInfo", decoder_verdict::<KsGetUserInfo>),
        ("qq/getUserInfo", decoder_verdict::<QqGetUserInfo>),
        ("qq/login", decoder_verdict::<QqLogin>),
        ("baidu/getUserInfo", decoder_verdict::<SwanGetUserInfo>),
        ("baidu/login", decoder_verdict::<SwanLogin>),
        ("kuaishou/login", decoder_verdict::<KsLogin>),
        ("alipay/getAuthCode", decoder_verdict::<MyGetAuthCode>),
        (
            "alipay/getOpenUserInfo",
            decoder_verdict::<MyGetOpenUserInfo>,
        ),
        (
            "mpserverless/user.authorize",
            decoder_verdict::<EmasAuthorize>,
        ),
        (
            "mpserverless/user.getInfo",
            decoder_verdict::<EmasGetUserInfo>,
        ),
    ]
}

fn part_of(name: &str) -> Option<DataPart> {
    let rest = name.strip_prefix("reject-").unwrap_or(name);
    DataPart::ALL
        .into_iter()
        .find(|part| rest.starts_with(part.key()))
}

#[test]
fn every_fixture_gets_the_validators_verdict() {
    let mut disagreements = Vec::new();
    let mut checked = 0;
    for (folder, judge) in judges() {
        let schema = root().join("schemas").join(format!("{folder}.json"));
        let dir = root().join("tests/fixtures").join(folder);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Options are built, never decoded: the options tests hold the
            // request fixtures to the builder's validation.
            let Some(part) = part_of(&name).filter(|part| *part != DataPart::Request) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let payload: Value = serde_json::from_str(&text).unwrap();
            let expected = validator_verdict(&schema, part, &payload);
            let got = judge(part, &text);
            checked += 1;
            if got != expected {
                disagreements.push(format!("{folder}/{name}"));
            }
        }
    }
    assert!(checked >= 30, "only {checked} fixtures checked");
    let known: Vec<String> = KNOWN_GAPS.iter().map(|(f, _)| (*f).to_owned()).collect();
    let new: Vec<&String> = disagreements
        .iter()
        .filter(|d| !known.contains(d))
        .collect();
    let closed: Vec<&String> = known
        .iter()
        .filter(|k| !disagreements.contains(k))
        .collect();
    assert!(new.is_empty(), "decoder and validator disagree on {new:#?}");
    assert!(
        closed.is_empty(),
        "these now agree: remove them from KNOWN_GAPS: {closed:#?}"
    );
}

/// `errMsg` values around the convention: the exact forms, and the near
/// misses a lenient parser would take (whitespace of every kind, case,
/// another API, a longer status).
fn err_msgs(api: &'static str) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        api.to_owned(),
        "getUserInfo".to_owned(),
        ":".to_owned(),
        "ok".to_owned(),
        "OK".to_owned(),
        "fail".to_owned(),
        "cancel".to_owned(),
        " ".to_owned(),
        "\u{a0}".to_owned(),
        "\u{3000}".to_owned(),
        "\t".to_owned(),
        "\n".to_owned(),
        "auth deny".to_owned(),
        "ay".to_owned(),
        "ed".to_owned(),
    ]);
    let built = prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat());
    prop_oneof![
        Just(format!("{api}:ok")),
        Just(format!("{api}:fail auth deny")),
        Just(format!("{api}:fail:auth deny")),
        Just(format!("{api}:fail")),
        Just(format!("{api}:cancel")),
        built.clone().prop_map(move |tail| format!("{api}:{tail}")),
        built,
    ]
}

/// A success fixture with its `errMsg` replaced, and a bare failure.
fn check_err_msg<A: MiniProgramApi>(folder: &str, success: &str, message: &str) {
    let schema = root().join("schemas").join(format!("{folder}.json"));
    let fixture = root().join("tests/fixtures").join(folder).join(success);
    let mut payload: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    payload["errMsg"] = Value::String(message.to_owned());
    let text = payload.to_string();
    assert_eq!(
        decoder_verdict::<A>(DataPart::Success, &text),
        validator_verdict(&schema, DataPart::Success, &payload),
        "success with errMsg {message:?}"
    );
    let failure = serde_json::json!({ "errMsg": message });
    assert_eq!(
        decoder_verdict::<A>(DataPart::Fail, &failure.to_string()),
        validator_verdict(&schema, DataPart::Fail, &failure),
        "failure with errMsg {message:?}"
    );
}

/// A number of the `gender` member in each textual form a host might send.
fn genders() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0", "1", "2", "3", "1.0", "-0", "2e0", "0.0", "\"0\"", "\"1\"", "\"2\"", "\"+1\"",
        "\"01\"", "\"-0\"", "\"1.0\"", "\" 1\"", "\"1 \"", "\"\"", "true", "null",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn err_msg_verdicts_agree_with_the_schemas_patterns(
        info in err_msgs("getUserInfo"),
        profile in err_msgs("getUserProfile"),
        login in err_msgs("login"),
    ) {
        check_err_msg::<WxGetUserInfo>("wechat/getUserInfo", "success-basic.json", &info);
        check_err_msg::<TtGetUserInfo>("douyin/getUserInfo", "success-basic.json", &info);
        check_err_msg::<KsGetUserInfo>("kuaishou/getUserInfo", "success-basic.json", &info);
        check_err_msg::<QqGetUserInfo>("qq/getUserInfo", "success-basic.json", &info);
        check_err_msg::<WxLogin>("wechat/login", "success-basic.json", &login);
        check_err_msg::<TtLogin>("douyin/login", "success-logged-in.json", &login);
        check_err_msg::<QqLogin>("qq/login", "success-basic.json", &login);
        check_err_msg::<WxGetUserProfile>("wechat/getUserProfile", "success-anonymous.json", &profile);
        check_err_msg::<TtGetUserProfile>("douyin/getUserProfile", "success-basic.json", &profile);
    }

    #[test]
    fn gender_forms_get_the_validators_verdict(gender in genders()) {
        let fixture = root().join("tests/fixtures/wechat/getUserInfo/success-basic.json");
        let text = std::fs::read_to_string(fixture).unwrap();
        let payload: Value = serde_json::from_str(&text).unwrap();
        let original = format!("\"gender\": {}", payload["userInfo"]["gender"]);
        prop_assert!(text.contains(&original), "{}", original);
        let text = text.replace(&original, &format!("\"gender\": {gender}"));
        let payload: Value = serde_json::from_str(&text).unwrap();
        let schema = root().join("schemas/wechat/getUserInfo.json");
        prop_assert_eq!(
            decoder_verdict::<WxGetUserInfo>(DataPart::Success, &text),
            validator_verdict(&schema, DataPart::Success, &payload),
            "gender {}", gender
        );
    }
}

/// Signatures around the schema's `^[0-9a-f]{40}$`: right length and
/// alphabet, one off, uppercase, other alphabets, multi-byte characters.
fn signatures() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-f]{40}",
        "[0-9a-f]{39,41}",
        "[0-9A-F]{40}",
        "[0-9a-g]{40}",
        "[0-9a-f]{20}[é\u{a0}\n]{0,2}[0-9a-f]{0,20}",
        ".{0,45}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Response rules (here a `pattern`) and `anyOf` of `required` lists
    /// hold on decoding exactly as a validator holds them.
    #[test]
    fn response_rules_get_the_validators_verdict(
        signature in signatures(),
        ids in prop::collection::vec(prop::sample::select(vec!["spaceId", "userId", "user"]), 0..4),
    ) {
        let fixture = root().join("tests/fixtures/wechat/getUserInfo/success-with-credentials.json");
        let mut payload: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        payload["signature"] = Value::String(signature.clone());
        let schema = root().join("schemas/wechat/getUserInfo.json");
        prop_assert_eq!(
            decoder_verdict::<WxGetUserInfo>(DataPart::Success, &payload.to_string()),
            validator_verdict(&schema, DataPart::Success, &payload),
            "signature {:?}", signature
        );

        let mut result = serde_json::Map::new();
        for id in &ids {
            let value = if *id == "user" {
                serde_json::json!({"spaceId": "s", "userId": "u"})
            } else {
                Value::String("x".to_owned())
            };
            result.insert((*id).to_owned(), value);
        }
        let emas = serde_json::json!({"success": true, "result": result});
        let schema = root().join("schemas/mpserverless/user.getInfo.json");
        prop_assert_eq!(
            decoder_verdict::<EmasGetUserInfo>(DataPart::Success, &emas.to_string()),
            validator_verdict(&schema, DataPart::Success, &emas),
            "result {}", emas
        );
    }
}
