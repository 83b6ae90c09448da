//! Signature verification and decryption against vectors made by independent
//! tools (Python's `cryptography` and hashlib, `openssl enc`): see
//! scripts/make_crypto_vectors.py. Every tampering gives its documented
//! error kind, never a panic.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mpkit_runtime::crypto::{
    CryptoError, CryptoErrorKind, SessionKey, WatermarkCheck, decrypt, decrypt_with,
    verify_signature,
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
        return decrypt_with(text(case, "encrypted_data"), text(case, "iv"), &key, &check)
            .map(Some);
    }
    Ok(None)
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
