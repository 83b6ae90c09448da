//! Property tests over every input boundary: versions order like numbers,
//! encryption round-trips arbitrary JSON, and no parser panics on any input.
//! (The cargo-fuzz targets of issue #6 explore the same boundaries longer.)

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

#[path = "support/apis.rs"]
mod apis;

use std::path::Path;

use apis::*;
use mpkit::crypto::{SessionKey, decrypt, decrypt_watermarked, verify_signature};
use mpkit::{ErrMsg, Version};
use mpkit_runtime::crypto::{encrypt, sign};
use proptest::prelude::*;
use serde_json::{Value, json};

fn version_parts() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(prop_oneof![0u32..20, any::<u32>()], 1..=4)
}

fn text(parts: &[u32]) -> String {
    parts
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn padded(parts: &[u32]) -> [u32; 4] {
    let mut out = [0; 4];
    out[..parts.len()].copy_from_slice(parts);
    out
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn versions_compare_like_padded_numbers(a in version_parts(), b in version_parts()) {
        let (va, vb) = (Version::parse(&text(&a)).unwrap(), Version::parse(&text(&b)).unwrap());
        prop_assert_eq!(va.cmp(&vb), padded(&a).cmp(&padded(&b)));
        prop_assert_eq!(va == vb, padded(&a) == padded(&b));
        prop_assert_eq!(va.cmp(&vb), vb.cmp(&va).reverse());
    }

    #[test]
    fn version_order_is_total_and_transitive(mut list in prop::collection::vec(version_parts(), 1..12)) {
        let mut versions: Vec<Version> = list.iter().map(|p| Version::parse(&text(p)).unwrap()).collect();
        versions.sort();
        list.sort_by_key(|p| padded(p));
        let expected: Vec<[u32; 4]> = list.iter().map(|p| padded(p)).collect();
        let got: Vec<[u32; 4]> = versions.iter().map(Version::segments).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn version_display_round_trips(parts in version_parts()) {
        let shown = text(&parts);
        prop_assert_eq!(Version::parse(&shown).unwrap().to_string(), shown);
    }

    #[test]
    fn decrypt_inverts_encrypt(body in json_value(), key in any::<[u8; 16]>(), iv in any::<[u8; 16]>()) {
        let key = SessionKey::from_bytes(key);
        let plaintext = json!({ "data": body, "watermark": { "appid": "wx1", "timestamp": 1 } });
        let encrypted = encrypt(plaintext.to_string().as_bytes(), &iv, &key).unwrap();
        let iv_text = base64_of(&iv);
        let decrypted: Value = decrypt(&encrypted, &iv_text, &key, "wx1").unwrap();
        prop_assert_eq!(decrypted, plaintext);
    }

    #[test]
    fn one_pass_and_two_pass_decryption_agree(
        members in prop::collection::btree_map(prop_oneof![Just("openId".to_owned()), Just("nickName".to_owned()), "\\PC{0,6}"], json_value(), 0..4),
        watermark in prop_oneof![Just(None), json_value().prop_map(Some), Just(Some(json!({ "appid": "wx1", "timestamp": 1 })))],
        open_id in prop_oneof![Just(None), "\\PC{0,8}".prop_map(|s| Some(json!(s)))],
    ) {
        // Plaintexts near and far from the decrypted type's shape: both
        // paths must give the same value or the same error.
        let mut plaintext: serde_json::Map<String, Value> = members.into_iter().collect();
        if let Some(mark) = watermark {
            plaintext.insert("watermark".to_owned(), mark);
        }
        if let Some(open_id) = open_id {
            plaintext.insert("openId".to_owned(), open_id);
        }
        let key = SessionKey::from_bytes([9; 16]);
        let iv = [5u8; 16];
        let encrypted = encrypt(Value::Object(plaintext).to_string().as_bytes(), &iv, &key).unwrap();
        let iv_text = base64_of(&iv);
        let one = decrypt_watermarked::<WxGetUserInfoEncryptedUserInfo>(&encrypted, &iv_text, &key, "wx1");
        let two = decrypt::<WxGetUserInfoEncryptedUserInfo>(&encrypted, &iv_text, &key, "wx1");
        prop_assert_eq!(one, two);
    }

    #[test]
    fn signature_verifies_exactly_the_signed_text(raw in "\\PC{0,64}", other in "\\PC{0,64}", key in any::<[u8; 16]>()) {
        let key = SessionKey::from_bytes(key);
        let signature = sign(&raw, &key);
        prop_assert!(verify_signature(&raw, &signature, &key).is_ok());
        if other != raw {
            prop_assert!(verify_signature(&other, &signature, &key).is_err());
        }
    }

    /// The fast check agrees with the full parse, including on messages
    /// built to be near the exact `"<api>:ok"` form.
    #[test]
    fn errmsg_is_ok_agrees_with_parse(
        api in "[a-zA-Z: \t\u{3000}]{0,12}",
        status in prop_oneof![Just("ok".to_owned()), Just(" ok".to_owned()), "[a-z: ]{0,6}"],
        separator in prop_oneof![Just(":"), Just(" :"), Just(""), Just("::")],
        text in "\\PC{0,20}",
    ) {
        for message in [format!("{api}{separator}{status}"), text.clone()] {
            prop_assert_eq!(
                ErrMsg::is_ok(&message, &api),
                matches!(ErrMsg::parse(&message, &api), Ok(ErrMsg::Ok)),
                "{:?} for {:?}", message, api
            );
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(input in "\\PC{0,80}", bytes in prop::collection::vec(any::<u8>(), 0..96)) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for text in [&input, &lossy] {
            let _ = Version::parse(text);
            let _ = ErrMsg::parse(text, "getUserInfo");
            let _ = SessionKey::from_base64(text);
            let key = SessionKey::from_bytes([7; 16]);
            let _ = verify_signature(text, text, &key);
            let _ = decrypt::<Value>(text, text, &key, "wx1");
            let _ = WxGetUserInfo::decode(text);
            let _ = TtGetUserInfo::decode(text);
            let _ = EmasGetUserInfo::decode(text);
            let _ = mpkit_codegen::parse_schema(text, Path::new("fuzz.json"));
        }
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_json(value in json_value(), err_msg in "\\PC{0,24}") {
        let _ = WxGetUserInfo::decode_value(value.clone());
        let _ = WxGetUserProfile::decode_value(value.clone());
        let _ = TtGetUserProfile::decode_value(value.clone());
        let _ = EmasGetUserInfo::decode_value(json!({ "success": true, "result": value.clone() }));
        let payload = json!({ "errMsg": err_msg, "userInfo": value.clone(), "rawData": "{}" });
        let _ = WxGetUserInfo::decode(&payload.to_string());
        let _ = mpkit_codegen::parse_schema(&value.to_string(), Path::new("fuzz.json"));
    }

    #[test]
    fn options_text_is_what_serde_json_writes(desc in "\\PC{1,30}|[\"\\\\\u{0}-\u{1f}\u{7f}\u{2028}]{1,30}", lang in 0usize..4) {
        // Any description the rules accept, including quotes, backslashes
        // and control characters, and every language or none.
        let proof = mpkit::AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
        let mut builder = WxGetUserProfile::options(proof, desc);
        if let Some(lang) = [WxGetUserProfileLang::En, WxGetUserProfileLang::ZhCn, WxGetUserProfileLang::ZhTw].get(lang) {
            builder = builder.lang(*lang);
        }
        let options = builder.build().unwrap();
        let text = options.to_json_string();
        prop_assert_eq!(&text, &serde_json::to_string(&options).unwrap());
        prop_assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), options.to_json());
    }

    #[test]
    fn decryption_of_arbitrary_ciphertext_never_panics(cipher in prop::collection::vec(any::<u8>(), 0..80), iv in any::<[u8; 16]>()) {
        let key = SessionKey::from_bytes([3; 16]);
        let result = decrypt::<Value>(&base64_of(&cipher), &base64_of(&iv), &key, "wx1");
        prop_assert!(result.is_err());
    }
}

fn base64_of(bytes: &[u8]) -> String {
    // A test-local encoder, so the property does not lean on the code under test.
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
