//! Signature verification and decryption on arbitrary inputs: never a panic,
//! and nothing arbitrary decrypts under a fixed key with a valid watermark.
//! The input, encrypted properly, must also decrypt alike in one pass and in
//! two (`decrypt_watermarked` and `decrypt` into a generated type).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::MiniProgramApi;
use mpkit::crypto::{SessionKey, decrypt, decrypt_watermarked, encrypt, verify_signature};

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

const APPID: &str = "wx4f4bc4dec97d474b";

fuzz_target!(|data: &[u8]| {
    let key = SessionKey::from_bytes([0x2b; 16]);
    // Sixteen bytes of 0x11, and the same in base64.
    let (iv, iv_text) = ([0x11; 16], "EREREREREREREREREREREQ==");
    let Ok(sealed) = encrypt(data, &iv, &key) else {
        return;
    };
    let one = decrypt_watermarked::<WxGetUserInfoEncryptedUserInfo>(&sealed, iv_text, &key, APPID);
    let two = decrypt::<WxGetUserInfoEncryptedUserInfo>(&sealed, iv_text, &key, APPID);
    assert_eq!(one, two);

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(4, '\n');
    let (a, b, c, d) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let _ = SessionKey::from_base64(a);
    let _ = verify_signature(b, c, &key);
    let _ = decrypt::<serde_json::Value>(c, d, &key, APPID);
    if let Ok(other) = SessionKey::from_base64(a) {
        let _ = decrypt::<serde_json::Value>(b, c, &other, d);
    }
});
