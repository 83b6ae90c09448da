//! Signature verification and decryption against vectors made by independent
//! tools (Python's `cryptography` and hashlib, `openssl enc`): see
//! scripts/make_crypto_vectors.py. Every tampering gives its documented
//! error kind, never a panic.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

#[path = "support/apis.rs"]
mod apis;
mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apis::{TtGetUserInfo, TtGetUserInfoEncryptedUserInfo, WxGetUserInfo};
use mpkit_runtime::crypto::{
    CryptoError, CryptoErrorKind, SessionKey, Watermark, WatermarkCheck, Watermarked, decrypt,
    decrypt_watermarked_with, decrypt_with, verify_signature,
};
use serde_json::Value;
use support::{read_json, root};

fn expected_kind(name: &str) -> Option<CryptoErrorKind> {
    match name {
        "ok" => None,
        "Format" => Some(CryptoErrorKind::Format),
        "Signature" => Some(CryptoErrorKind::Signature),
        "Decrypt" => Some(CryptoErrorKind::Decrypt),
        "Watermark" => Some(CryptoErrorKind::Watermark),
        other => panic!("unknown expectation {other}"),
    }
}

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no {field}", case["name"]))
}

fn run(case: &Value) -> Result<Option<Value>, CryptoError> {
    run_with(case, decrypt_with::<Value>)
}

/// A vector's steps, decrypting with `open`.
fn run_with<T>(
    case: &Value,
    open: impl Fn(&str, &str, &SessionKey, &WatermarkCheck<'_>) -> Result<T, CryptoError>,
) -> Result<Option<T>, CryptoError> {
    let key = SessionKey::from_base64(text(case, "session_key"))?;
    let step = text(case, "step");
    if step == "signature" || step == "both" {
        verify_signature(text(case, "raw_data"), text(case, "signature"), &key)?;
    }
    if step == "decrypt" || step == "both" {
        let mut check = WatermarkCheck::appid(text(case, "appid"));
        if let Some(max_age) = case["max_age_secs"].as_u64() {
            let now = UNIX_EPOCH + Duration::from_secs(case["now"].as_u64().unwrap_or_default());
            check = check.max_age(Duration::from_secs(max_age)).now(now);
        }
        return open(text(case, "encrypted_data"), text(case, "iv"), &key, &check).map(Some);
    }
    Ok(None)
}

/// Decrypted data of either platform, keeping its watermark (if any) and
/// every other member.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Kept {
    watermark: Option<Mark>,
    #[serde(flatten)]
    rest: serde_json::Map<String, Value>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Mark {
    appid: String,
    timestamp: i64,
}

impl Watermarked for Kept {
    fn watermark(&self) -> Option<Watermark<'_>> {
        self.watermark.as_ref().map(|mark| Watermark {
            appid: &mark.appid,
            timestamp: Some(mark.timestamp),
        })
    }
}

#[test]
fn every_vector_gives_its_documented_outcome() {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = text(case, "name");
        let outcome =
            std::panic::catch_unwind(|| run(case)).unwrap_or_else(|_| panic!("{name}: panicked"));
        match (expected_kind(text(case, "expect")), outcome) {
            (None, Ok(_)) => {}
            (None, Err(error)) => {
                panic!("{name}: expected success, got {:?}: {error}", error.kind())
            }
            (Some(kind), Ok(_)) => panic!("{name}: expected {kind:?}, but it was accepted"),
            (Some(kind), Err(error)) => assert_eq!(error.kind(), kind, "{name}: {error}"),
        }
    }
}

#[test]
fn valid_payloads_decrypt_to_the_original_json() {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    let cases = vectors["cases"].as_array().unwrap();
    let decrypted = run(&cases[0]).unwrap().unwrap();
    assert_eq!(decrypted, vectors["plaintext_wechat"]);
    assert_eq!(decrypted["openId"], "oGZUI0egBJY1zhBYw2KhdUfwVJJE");
    assert_eq!(decrypted["unionId"], "ocMvos6NjeKLIBqg5Mr9QjxrP1FA");
    let douyin = run(&cases[1]).unwrap().unwrap();
    assert_eq!(douyin, vectors["plaintext_douyin"]);
}

#[test]
fn messages_name_the_cause_without_leaking_the_key() {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    for case in vectors["cases"].as_array().unwrap() {
        if let Err(error) = run(case) {
            let message = error.to_string();
            assert!(!message.contains(text(case, "session_key")), "{message}");
            if text(case, "name").contains("+ turned into spaces") {
                assert!(message.contains("space where base64 has `+`"), "{message}");
            }
            if text(case, "name").contains("another app") {
                assert!(message.contains("`wx4f4bc4dec97d474b`"), "{message}");
            }
        }
    }
}

#[test]
fn decrypt_failures_are_indistinguishable() {
    // Wrong key, bad padding and non-JSON plaintext must read the same, or
    // the error becomes a padding oracle.
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    let messages: std::collections::BTreeSet<String> = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["expect"] == "Decrypt")
        .map(|case| run(case).err().unwrap().to_string())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
}

#[test]
fn fixture_payloads_verify_and_decrypt_into_typed_data() {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Secret {
        open_id: String,
        union_id: Option<String>,
    }
    for platform in ["wechat", "douyin"] {
        let credentials = read_json(&root().join(format!(
            "tests/fixtures/crypto/credentials-{platform}-getUserInfo.json"
        )));
        let payload = read_json(
            &root()
                .join("tests/fixtures")
                .join(text(&credentials, "payload")),
        );
        let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
        verify_signature(text(&payload, "rawData"), text(&payload, "signature"), &key).unwrap();
        let secret: Secret = decrypt(
            text(&payload, "encryptedData"),
            text(&payload, "iv"),
            &key,
            text(&credentials, "appid"),
        )
        .unwrap();
        let expected = read_json(&root().join(format!(
            "tests/fixtures/{platform}/getUserInfo/encrypted.json"
        )));
        assert_eq!(secret.open_id, expected["openId"]);
        assert_eq!(secret.union_id.as_deref(), expected["unionId"].as_str());
    }
}

#[test]
fn age_is_measured_against_the_clock_by_default() {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    let case = &vectors["cases"][0];
    let key = SessionKey::from_base64(text(case, "session_key")).unwrap();
    // The vector's watermark is from 2023; a one-day limit against today's clock refuses it.
    let check = WatermarkCheck::appid(text(case, "appid")).max_age(Duration::from_secs(86_400));
    let error = decrypt_with::<Value>(text(case, "encrypted_data"), text(case, "iv"), &key, &check)
        .err()
        .unwrap();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(SystemTime::now() > UNIX_EPOCH + Duration::from_secs(1_700_086_400));
}

#[test]
fn one_pass_decryption_agrees_with_two_passes_on_every_vector() {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    for case in vectors["cases"].as_array().unwrap() {
        let name = text(case, "name");
        let two = run_with(case, decrypt_with::<Kept>);
        let one = run_with(case, |e, i, k, c| {
            decrypt_watermarked_with::<Kept>(e, i, k, c)
        });
        assert_eq!(one, two, "{name}");
        if text(case, "expect") == "ok" && text(case, "step") != "signature" {
            let kept = one.unwrap().unwrap();
            assert_eq!(kept.watermark.unwrap().appid, text(case, "appid"), "{name}");
        }
    }
}

#[test]
fn shape_errors_name_nothing_inside_the_plaintext() {
    // A plaintext whose watermark is fine but whose `openId` is a number:
    // both paths refuse it with the one decryption message, which names
    // neither the member nor its value.
    let key = SessionKey::from_base64("K34VFiiu0qar9xWICc9PPA==").unwrap();
    // Sixteen bytes of 7, and the same in base64.
    let (iv, iv_base64) = ([7u8; 16], "BwcHBwcHBwcHBwcHBwcHBw==");
    let plaintext = br#"{"openId":4217,"nickName":"n","avatarUrl":"a","watermark":{"appid":"wx1","timestamp":1}}"#;
    let encrypted = mpkit_runtime::crypto::encrypt(plaintext, &iv, &key).unwrap();
    let iv = iv_base64;
    let check = WatermarkCheck::appid("wx1");
    let one =
        decrypt_watermarked_with::<TtGetUserInfoEncryptedUserInfo>(&encrypted, iv, &key, &check)
            .unwrap_err();
    let two =
        decrypt_with::<TtGetUserInfoEncryptedUserInfo>(&encrypted, iv, &key, &check).unwrap_err();
    assert_eq!(one, two);
    assert_eq!(one.kind(), CryptoErrorKind::Decrypt);
    assert_eq!(one.to_string(), undecryptable_message());
    assert!(!format!("{one:?}").contains("4217"), "{one:?}");
    // The watermark is checked before the shape: another app's data is a
    // watermark error even when its shape is wrong too.
    let other_app = WatermarkCheck::appid("wx2");
    let error = decrypt_watermarked_with::<TtGetUserInfoEncryptedUserInfo>(
        &encrypted, iv, &key, &other_app,
    )
    .unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
}

#[test]
fn generated_types_verify_and_decrypt_their_own_credentials() {
    for platform in ["wechat", "douyin"] {
        let credentials = read_json(&root().join(format!(
            "tests/fixtures/crypto/credentials-{platform}-getUserInfo.json"
        )));
        let payload = std::fs::read_to_string(
            root()
                .join("tests/fixtures")
                .join(text(&credentials, "payload")),
        )
        .unwrap();
        let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
        let appid = text(&credentials, "appid");
        let expected = read_json(&root().join(format!(
            "tests/fixtures/{platform}/getUserInfo/encrypted.json"
        )));
        // What the decrypted data says: its openId and its watermark.
        fn seen<T: Watermarked>(secret: &T, open_id: &str) -> (String, String, Option<i64>) {
            let mark = secret.watermark().unwrap();
            (open_id.to_owned(), mark.appid.to_owned(), mark.timestamp)
        }
        let (open_id, mark_appid, timestamp) = if platform == "wechat" {
            let reply = WxGetUserInfo::decode(&payload).unwrap();
            reply.verify(&key).unwrap();
            let secret = reply.decrypt(&key, appid).unwrap();
            seen(&secret, &secret.open_id)
        } else {
            let reply = TtGetUserInfo::decode(&payload).unwrap();
            reply.verify(&key).unwrap();
            let secret = reply.decrypt(&key, appid).unwrap();
            seen(&secret, &secret.open_id)
        };
        assert_eq!(open_id, expected["openId"], "{platform}");
        assert_eq!(mark_appid, appid, "{platform}");
        assert_eq!(
            timestamp,
            expected["watermark"]["timestamp"].as_i64(),
            "{platform}"
        );
    }
}

#[test]
fn generated_decrypt_checks_the_app_and_the_age() {
    let credentials =
        read_json(&root().join("tests/fixtures/crypto/credentials-wechat-getUserInfo.json"));
    let payload = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(text(&credentials, "payload")),
    )
    .unwrap();
    let reply = WxGetUserInfo::decode(&payload).unwrap();
    let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
    let error = reply.decrypt(&key, "wx0000000000000000").unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(
        error.to_string().contains("`wx0000000000000000`"),
        "{error}"
    );
    let stale = WatermarkCheck::appid(text(&credentials, "appid")).max_age(Duration::from_secs(60));
    let error = reply.decrypt_with(&key, &stale).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert_eq!(
        error.to_string(),
        "the data was issued more than the allowed 60 s ago: ask the client for fresh data"
    );
}

#[test]
fn generated_methods_say_when_the_platform_sends_missing_credentials() {
    // A reply to a call without `withCredentials`: the schema's
    // `x-present-when` is what the error cites, under the payload's own names.
    let payload = std::fs::read_to_string(
        root().join("tests/fixtures/wechat/getUserInfo/success-basic.json"),
    )
    .unwrap();
    let reply = WxGetUserInfo::decode(&payload).unwrap();
    let key = SessionKey::from_bytes([1; 16]);
    let error = reply.verify(&key).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Format);
    assert_eq!(
        error.to_string(),
        "the response has no `signature`: the platform sends it only when the option \
         `withCredentials` is `true`; set that in the call's options"
    );
    let error = reply.decrypt(&key, "wx1").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("the response has no `encryptedData`: "),
        "{error}"
    );
}

/// The message every decryption failure past the input checks has: that of
/// the wrong-key vector.
fn undecryptable_message() -> String {
    let vectors = read_json(&root().join("tests/fixtures/crypto/vectors.json"));
    let case = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["name"] == "wrong session key")
        .unwrap();
    let error = run(case).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
    error.to_string()
}

/// The WeChat fixture with credentials: its session key, app id and payload.
fn wechat_credentials() -> (SessionKey, String, apis::WxGetUserInfoSuccess) {
    let credentials =
        read_json(&root().join("tests/fixtures/crypto/credentials-wechat-getUserInfo.json"));
    let payload = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(text(&credentials, "payload")),
    )
    .unwrap();
    let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
    let appid = text(&credentials, "appid").to_owned();
    (key, appid, WxGetUserInfo::decode(&payload).unwrap())
}

/// `iv` with `mask` XORed into it, in base64: what flipping bits of the
/// public iv does to the first plaintext block.
fn flipped_iv(iv: &str, mask: &[u8]) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD;
    let mut bytes = engine.decode(iv).unwrap();
    for (byte, flip) in bytes.iter_mut().zip(mask) {
        *byte ^= flip;
    }
    engine.encode(bytes)
}

/// The mask that turns `from` into `to` at `offset` of the first block.
fn rewrite(offset: usize, from: &[u8], to: &[u8]) -> [u8; 16] {
    let mut mask = [0u8; 16];
    for (i, (a, b)) in from.iter().zip(to).enumerate() {
        mask[offset + i] = a ^ b;
    }
    mask
}

/// Every string and number of the fixture's decrypted data that could give
/// the user away, longer than three characters.
fn secrets_of_the_wechat_fixture() -> Vec<String> {
    let plaintext = read_json(&root().join("tests/fixtures/wechat/getUserInfo/encrypted.json"));
    let mut found = Vec::new();
    let mut stack = vec![&plaintext];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => stack.extend(map.values()),
            Value::String(text) if text.chars().count() > 3 => found.push(text.clone()),
            Value::Number(number) => found.push(number.to_string()),
            _ => {}
        }
    }
    // Pieces, too: a message could quote a value cut short.
    let pieces: Vec<String> = found
        .iter()
        .filter(|text| text.len() > 8)
        .flat_map(|text| {
            let chars: Vec<char> = text.chars().collect();
            chars
                .windows(6)
                .map(|w| w.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    found.extend(pieces);
    found.retain(|text| text.len() > 3 && text != "wx4f4bc4dec97d474b");
    found
}

fn assert_names_no_secret(error: &CryptoError, secrets: &[String], context: &str) {
    for shown in [error.to_string(), format!("{error:?}")] {
        for secret in secrets {
            assert!(
                !shown.contains(secret.as_str()),
                "{context}: the error shows `{secret}`: {shown}"
            );
        }
    }
}

#[test]
fn an_iv_flip_that_breaks_the_shape_shows_no_plaintext() {
    // `{"openId":"` becomes `{"gender":"`: the openId is now a gender,
    // which the typed decoders refuse. Before, the refusal quoted the value,
    // the user's openId, in `Display` and `Debug`.
    let (key, appid, reply) = wechat_credentials();
    let (data, iv) = (
        reply.encrypted_data.as_deref().unwrap(),
        reply.iv.as_deref().unwrap(),
    );
    let iv = flipped_iv(iv, &rewrite(1, b"\"openId\"", b"\"gender\""));
    let mut tampered = reply.clone();
    tampered.iv = Some(iv.clone());
    let secrets = secrets_of_the_wechat_fixture();
    let expected = undecryptable_message();
    let errors = [
        (
            "generated decrypt",
            tampered.decrypt(&key, &appid).unwrap_err(),
        ),
        (
            "crypto::decrypt",
            decrypt::<apis::WxGetUserInfoEncryptedUserInfo>(data, &iv, &key, &appid).unwrap_err(),
        ),
        (
            "crypto::decrypt_watermarked",
            mpkit_runtime::crypto::decrypt_watermarked::<apis::WxGetUserInfoEncryptedUserInfo>(
                data, &iv, &key, &appid,
            )
            .unwrap_err(),
        ),
    ];
    for (path, error) in errors {
        assert_eq!(error.kind(), CryptoErrorKind::Decrypt, "{path}");
        assert_eq!(error.to_string(), expected, "{path}");
        assert_names_no_secret(&error, &secrets, path);
    }
}

#[test]
fn a_tampered_iv_rewrites_the_open_id_unnoticed() {
    // What the crypto module's docs warn of: `encryptedData` is not
    // authenticated, and the iv controls the first block, which holds the
    // openId's first characters. The tampered payload decrypts, watermark
    // and all, into another openId. If this ever fails, the docs are wrong.
    let (key, appid, reply) = wechat_credentials();
    let mut tampered = reply.clone();
    tampered.iv = Some(flipped_iv(
        reply.iv.as_deref().unwrap(),
        &rewrite(11, b"oGZUI", b"xHack"),
    ));
    let genuine = reply.decrypt(&key, &appid).unwrap();
    let forged = tampered.decrypt(&key, &appid).unwrap();
    assert_eq!(genuine.open_id, "oGZUI0egBJY1zhBYw2KhdUfwVJJE");
    assert_eq!(forged.open_id, "xHack0egBJY1zhBYw2KhdUfwVJJE");
    assert_eq!(forged.watermark, genuine.watermark);
}

/// Masks for the iv: random bits, or a rewrite of the first member's name
/// (`"openId":"`) into another member's, which keeps the JSON valid and
/// gives the openId's value to a member of another type.
fn iv_masks() -> impl proptest::strategy::Strategy<Value = [u8; 16]> {
    use proptest::strategy::Strategy;
    let renamed = proptest::sample::select(vec!["gender", "city", "country", "openId", "x"])
        .prop_map(|name| {
            // Same length as `"openId":"`, padded with JSON whitespace.
            let text = format!("{:<9}\"", format!("\"{name}\":"));
            rewrite(1, b"\"openId\":\"", &text.as_bytes()[..10])
        });
    proptest::prop_oneof![proptest::array::uniform16(proptest::num::u8::ANY), renamed]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Whatever bits of the iv are flipped, decryption either succeeds or
    /// fails with the one message, on every path, and shows no plaintext.
    #[test]
    fn no_iv_flip_puts_plaintext_in_an_error(mask in iv_masks()) {
        let (key, appid, reply) = wechat_credentials();
        let iv = flipped_iv(reply.iv.as_deref().unwrap(), &mask);
        let data = reply.encrypted_data.as_deref().unwrap();
        let secrets = secrets_of_the_wechat_fixture();
        let expected = undecryptable_message();
        let mut tampered = reply.clone();
        tampered.iv = Some(iv.clone());
        let outcomes = [
            tampered.decrypt(&key, &appid).err(),
            decrypt::<apis::WxGetUserInfoEncryptedUserInfo>(data, &iv, &key, &appid).err(),
            decrypt::<Value>(data, &iv, &key, &appid).err(),
            decrypt::<Kept>(data, &iv, &key, &appid).err(),
        ];
        for error in outcomes.iter().flatten() {
            proptest::prop_assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
            proptest::prop_assert_eq!(error.to_string(), expected.clone());
            assert_names_no_secret(error, &secrets, "iv flip");
        }
    }

    /// A session key that is not base64 gets a message that depends on what
    /// is wrong with it, never on which character it is or where.
    #[test]
    fn session_key_errors_quote_no_key_material(
        position in 0usize..22,
        bad in proptest::sample::select(vec!['/', '-', '_', '*', '"', '\\', '%', '~', '!', '.', 'é']),
        seed in proptest::array::uniform16(proptest::num::u8::ANY),
    ) {
        use base64::Engine;
        let key = base64::engine::general_purpose::STANDARD.encode(seed);
        let mut chars: Vec<char> = key.chars().collect();
        // `/` is base64: put it where it makes the last symbol invalid
        // instead, so that every case is an error.
        let (position, bad) = if bad == '/' { (21, '/') } else { (position, bad) };
        chars[position] = bad;
        let broken: String = chars.into_iter().collect();
        let Err(error) = SessionKey::from_base64(&broken) else {
            // Only `/` in the last place can still decode (when its low bits
            // happen to be unused); nothing to check then.
            return Ok(());
        };
        proptest::prop_assert_eq!(error.kind(), CryptoErrorKind::Format);
        let message = error.to_string();
        let reference = SessionKey::from_base64(if bad == '/' {
            "AAAAAAAAAAAAAAAAAAAAA/=="
        } else {
            "*AAAAAAAAAAAAAAAAAAAAA=="
        })
        .err()
        .map(|e| e.to_string());
        proptest::prop_assert_eq!(Some(message.clone()), reference);
        proptest::prop_assert!(!message.contains("offset"), "{}", message);
        for window in broken.as_bytes().windows(6) {
            let window = String::from_utf8_lossy(window);
            proptest::prop_assert!(!message.contains(window.as_ref()), "{} in {}", window, message);
        }
    }
}

/// Decrypted data without a watermark (`"watermark": "none"`), as
/// Kuaishou documents its own.
#[derive(mpkit::MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/credentials-unmarked.json")]
pub struct Unmarked;

/// Decrypted data whose watermark members have other names.
#[derive(mpkit::MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/credentials-renamed.json")]
pub struct Renamed;

/// A success payload of an API above around `plaintext`, sealed under `key`.
fn sealed_reply(plaintext: &str, key: &SessionKey) -> String {
    use base64::Engine;
    let iv = [9u8; 16];
    let data = mpkit_runtime::crypto::encrypt(plaintext.as_bytes(), &iv, key).unwrap();
    let iv = base64::engine::general_purpose::STANDARD.encode(iv);
    serde_json::json!({
        "errMsg": "getUser:ok", "rawData": "{}", "signature": "0".repeat(40),
        "encryptedData": data, "iv": iv,
    })
    .to_string()
}

#[test]
fn data_without_a_watermark_decrypts_with_the_check_explicitly_skipped() {
    let key = SessionKey::from_bytes([3; 16]);
    let reply = Unmarked::decode(&sealed_reply(r#"{"openId":"o-1"}"#, &key)).unwrap();
    // No app id to pass: the generated method says why in its docs.
    let secret = reply.decrypt(&key).unwrap();
    assert_eq!(secret.open_id, "o-1");
    // The generic function needs the same explicit choice; a maximum age
    // cannot be checked without a timestamp, and is refused, not skipped.
    let data = reply.encrypted_data.as_str();
    let iv = reply.iv.as_str();
    let value: Value = decrypt_with(data, iv, &key, &WatermarkCheck::none()).unwrap();
    assert_eq!(value["openId"], "o-1");
    let aged = WatermarkCheck::none().max_age(Duration::from_secs(60));
    let error = decrypt_with::<Value>(data, iv, &key, &aged).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(error.to_string().contains("no watermark"), "{error}");
    // Expecting a watermark where there is none is the one decryption error.
    let error = decrypt::<Value>(data, iv, &key, "wx1").unwrap_err();
    assert_eq!(error.to_string(), undecryptable_message());
}

#[test]
fn watermark_members_come_from_the_schema() {
    let key = SessionKey::from_bytes([4; 16]);
    let plaintext = r#"{"openId":"o-2","stamp":{"app":"tt1","time":1700000000}}"#;
    let reply = Renamed::decode(&sealed_reply(plaintext, &key)).unwrap();
    let secret = reply.decrypt(&key, "tt1").unwrap();
    assert_eq!(secret.open_id, "o-2");
    let error = reply.decrypt(&key, "tt2").unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(error.to_string().contains("`tt1`"), "{error}");
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_100);
    let fresh = WatermarkCheck::appid("tt1")
        .max_age(Duration::from_secs(200))
        .now(now);
    assert!(reply.decrypt_with(&key, &fresh).is_ok());
    let stale = WatermarkCheck::appid("tt1")
        .max_age(Duration::from_secs(50))
        .now(now);
    assert_eq!(
        reply.decrypt_with(&key, &stale).unwrap_err().kind(),
        CryptoErrorKind::Watermark
    );
    // The generic two-pass function reads the names it is given; with the
    // default names it finds no watermark.
    let (data, iv) = (reply.encrypted_data.as_str(), reply.iv.as_str());
    let named = WatermarkCheck::appid("tt1").members("stamp", "app", Some("time"));
    assert!(decrypt_with::<Value>(data, iv, &key, &named).is_ok());
    let error = decrypt::<Value>(data, iv, &key, "tt1").unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
}

#[test]
fn a_watermarked_api_cannot_skip_its_watermark_check() {
    // Found in review: `decrypt_with(&key, &WatermarkCheck::none())` on a
    // type that keeps a watermark returned another app's data.
    let (key, _, reply) = wechat_credentials();
    let error = reply
        .decrypt_with(&key, &WatermarkCheck::none())
        .unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(error.to_string().contains("cannot be skipped"), "{error}");
}

#[test]
fn douyin_profile_data_without_open_id_verifies_and_decrypts() {
    // tt.getUserProfile's decrypted data has no openId or unionId (Douyin's
    // page: 已加密用户数据,不包含 openId、unionId; @douyin-microapp/typings
    // says the same). The fixture was sealed by Python's `cryptography`
    // (AES-128-CBC, PKCS#7) and signed with hashlib's sha1, independently of
    // mpkit, and its plaintext checked with `openssl enc -d`.
    let credentials =
        read_json(&root().join("tests/fixtures/crypto/credentials-douyin-getUserProfile.json"));
    let payload = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(text(&credentials, "payload")),
    )
    .unwrap();
    let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
    let appid = text(&credentials, "appid");
    let expected = read_json(&root().join("tests/fixtures/douyin/getUserProfile/encrypted.json"));
    assert!(expected.get("openId").is_none() && expected.get("unionId").is_none());

    // The generated type: verify, decrypt, watermark checked.
    let reply = apis::TtGetUserProfile::decode(&payload).unwrap();
    reply.verify(&key).unwrap();
    let secret = reply.decrypt(&key, appid).unwrap();
    assert_eq!(secret.nick_name.as_deref(), expected["nickName"].as_str());
    assert_eq!(secret.city.as_deref(), expected["city"].as_str());
    let mark = secret.watermark().unwrap();
    assert_eq!(mark.appid, appid);
    assert_eq!(mark.timestamp, expected["watermark"]["timestamp"].as_i64());
    // Nothing of the plaintext is lost on the way.
    assert_eq!(serde_json::to_value(&secret).unwrap(), expected);

    // The plain functions agree, and the plaintext really has no openId.
    let (data, iv) = (reply.encrypted_data.as_str(), reply.iv.as_str());
    let value: Value = decrypt(data, iv, &key, appid).unwrap();
    assert_eq!(value, expected);
    // The type of tt.getUserInfo's decrypted data requires openId: this
    // payload is refused there, as it was by tt.getUserProfile's old schema.
    let error = decrypt::<TtGetUserInfoEncryptedUserInfo>(data, iv, &key, appid).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
    // Another app's id is still refused.
    let error = reply.decrypt(&key, "tt0000000000000000").unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
}

/// A credentials file of tests/fixtures/crypto/, its payload and its key.
fn credentials_of(name: &str) -> (Value, String, SessionKey) {
    let credentials = read_json(&root().join(format!("tests/fixtures/crypto/{name}.json")));
    let payload = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(text(&credentials, "payload")),
    )
    .unwrap();
    let key = SessionKey::from_base64(text(&credentials, "session_key")).unwrap();
    (credentials, payload, key)
}

#[test]
fn kuaishou_data_without_a_watermark_decrypts_with_the_app_check_skipped() {
    // ks.getUserInfo's decrypted data has no watermark (Kuaishou's page shows
    // gender, avatarUrl, nickName and openId only). The fixture was sealed by
    // Python's `cryptography` (AES-128-CBC, PKCS#7) and signed with hashlib's
    // sha1 in scripts/make_credential_fixtures.py, independently of mpkit.
    let (credentials, payload, key) = credentials_of("credentials-kuaishou-getUserInfo");
    assert_eq!(credentials["watermark"], "none");
    assert!(credentials.get("appid").is_none(), "no app id to check");
    let expected = read_json(&root().join("tests/fixtures/kuaishou/getUserInfo/encrypted.json"));
    assert!(expected.get("watermark").is_none());

    let reply = apis::KsGetUserInfo::decode(&payload).unwrap();
    reply.verify(&key).unwrap();
    // The generated method takes no app id: the schema says there is no
    // watermark, so the app check is skipped explicitly, not forgotten.
    let secret = reply.decrypt(&key).unwrap();
    assert_eq!(secret.open_id, expected["openId"]);
    assert_eq!(secret.nick_name.as_deref(), expected["nickName"].as_str());
    assert_eq!(serde_json::to_value(&secret).unwrap(), expected);

    // The generic functions need the same explicit choice.
    let (data, iv) = (
        reply.encrypted_data.as_deref().unwrap(),
        reply.iv.as_deref().unwrap(),
    );
    let value: Value = decrypt_with(data, iv, &key, &WatermarkCheck::none()).unwrap();
    assert_eq!(value, expected);
    // Expecting a watermark where there is none is the one decryption error;
    // a maximum age cannot be checked without a timestamp.
    let error = decrypt::<Value>(data, iv, &key, "ks0000000000000000").unwrap_err();
    assert_eq!(error.to_string(), undecryptable_message());
    let aged = WatermarkCheck::none().max_age(Duration::from_secs(60));
    let error = decrypt_with::<Value>(data, iv, &key, &aged).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
}

#[test]
fn kuaishou_tampering_is_refused() {
    let (_, payload, key) = credentials_of("credentials-kuaishou-getUserInfo");
    let reply = apis::KsGetUserInfo::decode(&payload).unwrap();
    // rawData changed after signing: the signature no longer matches.
    let mut tampered = reply.clone();
    tampered.raw_data = reply
        .raw_data
        .as_deref()
        .map(|raw| raw.replace("快手用户", "快手用戶"));
    assert_eq!(
        tampered.verify(&key).unwrap_err().kind(),
        CryptoErrorKind::Signature
    );
    // Another session key: neither the signature nor the data opens.
    let other = SessionKey::from_bytes([7; 16]);
    assert_eq!(
        reply.verify(&other).unwrap_err().kind(),
        CryptoErrorKind::Signature
    );
    let error = reply.decrypt(&other).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
    assert_eq!(error.to_string(), undecryptable_message());
    // A ciphertext cut short by a block is not decrypted either.
    let mut cut = reply.clone();
    let data = reply.encrypted_data.as_deref().unwrap();
    cut.encrypted_data = Some({
        use base64::Engine;
        let engine = base64::engine::general_purpose::STANDARD;
        let bytes = engine.decode(data).unwrap();
        engine.encode(&bytes[..bytes.len() - 16])
    });
    assert_eq!(
        cut.decrypt(&key).unwrap_err().kind(),
        CryptoErrorKind::Decrypt
    );
    // Without withCredentials there is nothing to verify, and the error says
    // which option brings it.
    let basic = std::fs::read_to_string(
        root().join("tests/fixtures/kuaishou/getUserInfo/success-basic.json"),
    )
    .unwrap();
    let error = apis::KsGetUserInfo::decode(&basic)
        .unwrap()
        .verify(&key)
        .unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Format);
    assert!(error.to_string().contains("`withCredentials`"), "{error}");
}

#[test]
fn qq_payload_verifies_and_decrypts_with_its_watermark_checked() {
    let (credentials, payload, key) = credentials_of("credentials-qq-getUserInfo");
    let appid = text(&credentials, "appid");
    let expected = read_json(&root().join("tests/fixtures/qq/getUserInfo/encrypted.json"));
    let reply = apis::QqGetUserInfo::decode(&payload).unwrap();
    reply.verify(&key).unwrap();
    let secret = reply.decrypt(&key, appid).unwrap();
    assert_eq!(secret.open_id, expected["openId"]);
    assert_eq!(secret.union_id.as_deref(), expected["unionId"].as_str());
    let mark = secret.watermark().unwrap();
    assert_eq!(
        (mark.appid, mark.timestamp),
        (appid, expected["watermark"]["timestamp"].as_i64())
    );
    let error = reply.decrypt(&key, "1100000000").unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Watermark);
    assert!(error.to_string().contains("`1109876543`"), "{error}");
}

/// The framed AES-192 scheme against `tests/fixtures/crypto/framed.json`:
/// Baidu's published demo, and cases made with Python's `cryptography`
/// (`scripts/make_crypto_vectors.py`).
#[test]
fn framed_vectors_get_their_verdicts() {
    let text =
        std::fs::read_to_string(support::root().join("tests/fixtures/crypto/framed.json")).unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let field = |key: &str| case[key].as_str().unwrap();
        let outcome =
            mpkit::crypto::SessionKey::from_base64(field("session_key")).and_then(|key| {
                mpkit::crypto::decrypt_framed::<serde_json::Value>(
                    field("data"),
                    field("iv"),
                    &key,
                    field("app_key"),
                )
            });
        match (field("expect"), outcome) {
            ("ok", Ok(plaintext)) => assert_eq!(plaintext, case["plaintext"], "{name}"),
            ("ok", Err(error)) => panic!("{name}: {error}"),
            (expected, Ok(_)) => panic!("{name}: decrypted, expected {expected}"),
            (expected, Err(error)) => {
                assert_eq!(format!("{:?}", error.kind()), expected, "{name}: {error}");
                let message = error.to_string();
                for secret in [
                    "open_id",
                    "k7BzMOOeUv",
                    "smart_user",
                    "y2dTfnWfkx2OX",
                    "AppKeyOfTheTestApp",
                ] {
                    assert!(!message.contains(secret), "{name}: {message}");
                }
            }
        }
    }
}
