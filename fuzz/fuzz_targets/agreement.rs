//! Every generated decoder against a JSON Schema validator on arbitrary
//! payloads: a text `decode` takes as a success must be valid against the
//! API's `success` part, one it reports as a platform failure valid against
//! the `fail` part, and the other way round; `decode_value` must agree.
//!
//! The keywords the decoders do not enforce yet are taken out of the
//! validator's copy of the schema (`KNOWN_GAPS`, the same gaps as
//! tests/agreement.rs lists), so that the target finds new disagreements.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mpkit::{CallError, MiniProgramApi};
use mpkit_codegen::DataPart;
use serde_json::Value;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.0.0")]
pub struct TtGetUserInfo;
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile")]
pub struct TtGetUserProfile;
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

/// JSON pointers (within the whole schema file) of keywords the decoders do
/// not enforce yet; each is work for the response-rule emitters. None since
/// the decoders enforce response rules (pattern, anyOf), as in
/// tests/agreement.rs.
const KNOWN_GAPS: &[&str] = &[];

struct Validators {
    success: jsonschema::Validator,
    fail: jsonschema::Validator,
}

fn validators(api: &str) -> Validators {
    let path = format!("{}/../schemas/{api}.json", env!("CARGO_MANIFEST_DIR"));
    let loaded = mpkit_codegen::load_schema(&path).expect("a bundled schema loads");
    let mut document = loaded.document.clone();
    for gap in KNOWN_GAPS {
        let (parent, key) = gap.rsplit_once('/').expect("a pointer with a parent");
        if let Some(Value::Object(node)) = document.pointer_mut(parent) {
            node.remove(key);
        }
    }
    let part = |part: DataPart| {
        let mut schema = document[part.key()]
            .as_object()
            .expect("a data part")
            .clone();
        schema.insert("$defs".to_owned(), document["$defs"].clone());
        jsonschema::draft202012::new(&Value::Object(schema)).expect("a valid schema")
    };
    Validators {
        success: part(DataPart::Success),
        fail: part(DataPart::Fail),
    }
}

fn check<A: MiniProgramApi>(validators: &Validators, text: &str, value: &Value) {
    let judge = |outcome: &Result<A::Success, CallError>| match outcome {
        Ok(_) => (true, false),
        Err(CallError::Failure { .. }) => (false, true),
        Err(_) => (false, false),
    };
    // Validators see the parsed value, which keeps the last of two members
    // of one name; the text decoder refuses a described member given twice.
    // So the verdicts are compared on the value's own text, and the fuzzed
    // text may only be refused more, never accepted more.
    let canonical = value.to_string();
    let from_canonical = judge(&A::decode(&canonical));
    let from_value = judge(&A::decode_value(value.clone()));
    assert_eq!(
        from_canonical, from_value,
        "decode and decode_value disagree"
    );
    let expected = (
        validators.success.is_valid(value),
        validators.fail.is_valid(value),
    );
    assert_eq!(
        from_canonical, expected,
        "decoder (success, failure) vs validator"
    );
    let from_text = judge(&A::decode(text));
    assert!(
        (!from_text.0 || from_canonical.0) && (!from_text.1 || from_canonical.1),
        "the fuzzed text is accepted where its value is not"
    );
}

static WX_INFO: LazyLock<Validators> = LazyLock::new(|| validators("wechat/getUserInfo"));
static WX_PROFILE: LazyLock<Validators> = LazyLock::new(|| validators("wechat/getUserProfile"));
static TT_INFO: LazyLock<Validators> = LazyLock::new(|| validators("douyin/getUserInfo"));
static TT_PROFILE: LazyLock<Validators> = LazyLock::new(|| validators("douyin/getUserProfile"));
static EMAS: LazyLock<Validators> = LazyLock::new(|| validators("mpserverless/user.getInfo"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Parsed as the text says it: serde_json's own `Value` (with the
    // `raw_value` feature mpkit turns on) would reinterpret an object whose
    // first member has its reserved name, and the validator would then see
    // another payload than the decoders.
    let Ok(value) = mpkit::__private::parse_json_value(text) else {
        return;
    };
    // An integer member is an `i64`: an integer beyond its range, valid for
    // JSON Schema, is refused by design (README, "never truncated").
    if has_integer_beyond_i64(&value) {
        return;
    }
    check::<WxGetUserInfo>(&WX_INFO, text, &value);
    check::<WxGetUserProfile>(&WX_PROFILE, text, &value);
    check::<TtGetUserInfo>(&TT_INFO, text, &value);
    check::<TtGetUserProfile>(&TT_PROFILE, text, &value);
    check::<EmasGetUserInfo>(&EMAS, text, &value);
});

fn has_integer_beyond_i64(value: &Value) -> bool {
    match value {
        Value::Number(n) => {
            n.as_i64().is_none()
                && n.as_f64().is_some_and(|f| {
                    f.fract() == 0.0
                        && !(-9.223_372_036_854_775_808e18..9.223_372_036_854_775_808e18)
                            .contains(&f)
                })
        }
        Value::Array(items) => items.iter().any(has_integer_beyond_i64),
        Value::Object(members) => members.values().any(has_integer_beyond_i64),
        _ => false,
    }
}
