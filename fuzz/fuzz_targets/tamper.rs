//! Tampering with a genuine payload through its public iv, which rewrites
//! the first plaintext block (CBC has no integrity), and with arbitrary
//! plaintexts: decryption may succeed, but no failure may show anything of
//! the plaintext. Every failure past the input checks is the one `Decrypt`
//! message; a watermark failure names only the app ids.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::fuzz_target;
use mpkit::MiniProgramApi;
use mpkit::crypto::{CryptoError, CryptoErrorKind, SessionKey, decrypt, encrypt};

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

const APPID: &str = "wx4f4bc4dec97d474b";
/// tests/fixtures/wechat/getUserInfo/success-with-credentials.json, under
/// the session key of tests/fixtures/crypto/credentials-wechat-getUserInfo.json.
const PAYLOAD: &str =
    include_str!("../../tests/fixtures/wechat/getUserInfo/success-with-credentials.json");
const KEY: &str = "K34VFiiu0qar9xWICc9PPA==";
/// What the payload decrypts to, whose values no error may show.
const SECRETS: &[&str] = &[
    "oGZUI0egBJY1zhBYw2KhdUfwVJJE",
    "0egBJY1zhBYw2Khd",
    "ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
    "Guangzhou",
    "1477314187",
    "aSKcBBPpibyKNicHNTMM",
];

/// The error shows no secret, and reads as the kind allows.
fn check(error: &CryptoError, undecryptable: &str, secrets: &[&str]) {
    let shown = [error.to_string(), format!("{error:?}")];
    for text in &shown {
        for secret in secrets {
            assert!(!text.contains(secret), "an error shows `{secret}`: {text}");
        }
    }
    match error.kind() {
        CryptoErrorKind::Decrypt => assert_eq!(shown[0], undecryptable),
        CryptoErrorKind::Watermark => assert!(
            shown[0].starts_with("the data was issued to app `"),
            "{}",
            shown[0]
        ),
        kind => panic!("{kind:?} after the input checks passed: {}", shown[0]),
    }
}

fuzz_target!(|data: &[u8]| {
    let key = SessionKey::from_base64(KEY).expect("the fixture's key");
    let reply = WxGetUserInfo::decode(PAYLOAD).expect("the fixture decodes");
    // The reference message: the payload under another key.
    let undecryptable = reply
        .decrypt(&SessionKey::from_bytes([0; 16]), APPID)
        .expect_err("another key cannot decrypt")
        .to_string();

    // The first 16 bytes flip bits of the genuine payload's iv.
    let mut mask = [0u8; 16];
    for (byte, flip) in mask.iter_mut().zip(data) {
        *byte = *flip;
    }
    let mut tampered = reply.clone();
    let iv = tampered.iv.as_deref().expect("the fixture has an iv");
    let mut iv_bytes = STANDARD.decode(iv).expect("the fixture's iv is base64");
    for (byte, flip) in iv_bytes.iter_mut().zip(mask) {
        *byte ^= flip;
    }
    let flipped = STANDARD.encode(&iv_bytes);
    tampered.iv = Some(flipped.clone());
    if let Err(error) = tampered.decrypt(&key, APPID) {
        check(&error, &undecryptable, SECRETS);
    }
    let sealed = tampered
        .encrypted_data
        .as_deref()
        .expect("the fixture has data");
    if let Err(error) = decrypt::<serde_json::Value>(sealed, &flipped, &key, APPID) {
        check(&error, &undecryptable, SECRETS);
    }

    // The rest is a plaintext of its own, sealed properly: whatever it
    // holds, a failure shows no run of eight of its bytes.
    let plaintext = data.get(16..).unwrap_or_default();
    let own_iv = [0x11; 16];
    let Ok(own) = encrypt(plaintext, &own_iv, &key) else {
        return;
    };
    let windows: Vec<&str> = plaintext
        .windows(8)
        .filter_map(|w| std::str::from_utf8(w).ok())
        .filter(|w| !undecryptable.contains(w) && !APPID.contains(w))
        .collect();
    let own_iv_text = STANDARD.encode(own_iv);
    if let Err(error) = decrypt::<WxGetUserInfoEncryptedUserInfo>(&own, &own_iv_text, &key, APPID) {
        if error.kind() == CryptoErrorKind::Decrypt {
            check(&error, &undecryptable, &windows);
        }
    }
});
