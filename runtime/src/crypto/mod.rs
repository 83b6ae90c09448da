//! Server-side verification and decryption of the user data that
//! `getUserInfo`-style APIs return (the same scheme on WeChat and Douyin).
//!
//! - Signature: `sha1(rawData + session_key)` in lowercase hex, over the exact
//!   `rawData` string, compared in constant time.
//! - `encryptedData`: AES-128-CBC with PKCS#7 padding; key = base64-decoded
//!   `session_key`, IV = base64-decoded `iv`. The plaintext is JSON carrying a
//!   `watermark { appid, timestamp }`, checked against your app id.
//!
//! ```
//! use mpkit_runtime::crypto::{decrypt, verify_signature, CryptoErrorKind, SessionKey};
//!
//! let key = SessionKey::from_base64("K3+VFihYo0qar9xWICc9PA==")?;
//! let raw_data = r#"{"nickName":"Band"}"#;
//! let error = verify_signature(raw_data, "0000000000000000000000000000000000000000", &key).unwrap_err();
//! assert_eq!(error.kind(), CryptoErrorKind::Signature);
//! # Ok::<(), mpkit_runtime::crypto::CryptoError>(())
//! ```

mod encoding;
mod error;
mod key;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aes::Aes128;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub use error::{CryptoError, CryptoErrorKind};
pub use key::SessionKey;

const BLOCK: usize = 16;

/// Checks that `signature` is `sha1(raw_data + session_key)`.
///
/// `raw_data` must be the exact string the client received: re-serializing
/// `userInfo` changes the bytes and the signature no longer matches.
///
/// # Errors
/// [`CryptoErrorKind::Format`] when `signature` is not 40 hex digits,
/// [`CryptoErrorKind::Signature`] when it does not match.
pub fn verify_signature(
    raw_data: &str,
    signature: &str,
    key: &SessionKey,
) -> Result<(), CryptoError> {
    let given = signature.trim().to_ascii_lowercase();
    if given.len() != 40 || !given.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "signature must be 40 hexadecimal digits (a SHA-1), got {} characters; pass the `signature` field as received",
                signature.trim().chars().count()
            ),
        ));
    }
    let mut hasher = Sha1::new();
    hasher.update(raw_data.as_bytes());
    hasher.update(key.base64().as_bytes());
    let expected = hex(&hasher.finalize());
    if bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
        Ok(())
    } else {
        Err(CryptoError::new(
            CryptoErrorKind::Signature,
            "signature does not match rawData under this session key: rawData was altered or re-serialized, \
             or the session key is not the one of this login",
        ))
    }
}

/// What the watermark inside decrypted data must satisfy.
#[derive(Debug, Clone)]
pub struct WatermarkCheck<'a> {
    appid: &'a str,
    max_age: Option<Duration>,
    now: Option<SystemTime>,
}

impl<'a> WatermarkCheck<'a> {
    /// The data must have been issued to `appid`.
    #[must_use]
    pub fn appid(appid: &'a str) -> Self {
        WatermarkCheck {
            appid,
            max_age: None,
            now: None,
        }
    }

    /// The watermark's timestamp must be at most `max_age` old.
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Measures the age against `now` instead of the system clock.
    #[must_use]
    pub fn now(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }
}

/// Decrypts `encrypted_data` and decodes its JSON into `T`, after checking
/// that its watermark names `appid`.
///
/// # Errors
/// [`CryptoErrorKind::Format`] for malformed inputs, [`CryptoErrorKind::Decrypt`]
/// when decryption fails for any reason, [`CryptoErrorKind::Watermark`] when
/// the data was issued to another app.
pub fn decrypt<T: DeserializeOwned>(
    encrypted_data: &str,
    iv: &str,
    key: &SessionKey,
    appid: &str,
) -> Result<T, CryptoError> {
    decrypt_with(encrypted_data, iv, key, &WatermarkCheck::appid(appid))
}

/// [`decrypt`], with a watermark check that may also limit the data's age.
///
/// # Errors
/// As [`decrypt`]; an outdated watermark is [`CryptoErrorKind::Watermark`].
pub fn decrypt_with<T: DeserializeOwned>(
    encrypted_data: &str,
    iv: &str,
    key: &SessionKey,
    check: &WatermarkCheck<'_>,
) -> Result<T, CryptoError> {
    let iv = iv_bytes(iv)?;
    let mut buffer = Zeroizing::new(encoding::decode("encryptedData", encrypted_data)?);
    if buffer.is_empty() || buffer.len() % BLOCK != 0 {
        return Err(CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "encryptedData is {} bytes, not a whole number of 16-byte AES blocks: it was truncated or is not AES-CBC output",
                buffer.len()
            ),
        ));
    }
    // Every failure from here on is the same `Decrypt` error, whatever its cause.
    let uniform = || {
        CryptoError::new(
            CryptoErrorKind::Decrypt,
            "encryptedData could not be decrypted with this session key and iv: the key is stale \
             (the user logged in again), the iv belongs to another payload, or the data was altered",
        )
    };
    let decryptor = cbc::Decryptor::<Aes128>::new(key.bytes().into(), (&iv).into());
    let plain = decryptor
        .decrypt_padded::<Pkcs7>(&mut buffer)
        .map_err(|_| uniform())?;
    // Two passes over the plaintext, neither building a `Value`: the
    // watermark alone (skipping everything else), then the caller's type.
    let marked: Marked = serde_json::from_slice(plain).map_err(|_| uniform())?;
    check_watermark(marked.watermark, check)?;
    let mut deserializer = serde_json::Deserializer::from_slice(plain);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        CryptoError::new(
            CryptoErrorKind::Decrypt,
            format!(
                "the decrypted data does not have the expected shape at `{}`: {}",
                error.path(),
                error.inner()
            ),
        )
    })
}

/// The decrypted JSON, read only for its watermark (a small `Value`, so a
/// malformed watermark is still reported as a watermark problem).
#[derive(serde::Deserialize)]
struct Marked {
    watermark: Option<Value>,
}

fn iv_bytes(iv: &str) -> Result<[u8; BLOCK], CryptoError> {
    let decoded = encoding::decode("iv", iv)?;
    decoded.as_slice().try_into().map_err(|_| {
        CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "iv decodes to {} bytes, not 16; pass the `iv` field of the same payload",
                decoded.len()
            ),
        )
    })
}

fn check_watermark(mark: Option<Value>, check: &WatermarkCheck<'_>) -> Result<(), CryptoError> {
    let watermark = |message: String| CryptoError::new(CryptoErrorKind::Watermark, message);
    let mark = mark.ok_or_else(|| watermark("the decrypted data has no watermark".to_owned()))?;
    match mark.get("appid").and_then(Value::as_str) {
        Some(appid) if appid == check.appid => {}
        Some(appid) => {
            return Err(watermark(format!(
                "the data was issued to app `{appid}`, not `{}`: it was replayed from another app, or the appid is misconfigured",
                check.appid
            )));
        }
        None => return Err(watermark("the watermark has no appid".to_owned())),
    }
    if let Some(max_age) = check.max_age {
        let issued = mark
            .get("timestamp")
            .and_then(Value::as_u64)
            .ok_or_else(|| watermark("the watermark has no numeric timestamp".to_owned()))?;
        let now = check.now.unwrap_or_else(SystemTime::now);
        let now_secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let age = now_secs.saturating_sub(issued);
        if age > max_age.as_secs() {
            return Err(watermark(format!(
                "the data was issued {age} s ago, more than the allowed {} s: ask the client for fresh data",
                max_age.as_secs()
            )));
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// Encrypts `plaintext` the way the platforms do, returning base64 text.
/// For tests and examples that need realistic `encryptedData`.
#[cfg(feature = "testing")]
#[must_use]
pub fn encrypt(plaintext: &[u8], iv: &[u8; 16], key: &SessionKey) -> String {
    use cbc::cipher::BlockModeEncrypt;
    let encryptor = cbc::Encryptor::<Aes128>::new(key.bytes().into(), iv.into());
    encoding::encode(&encryptor.encrypt_padded_vec::<Pkcs7>(plaintext))
}

/// `sha1(raw_data + session_key)` in lowercase hex: the signature a platform
/// would send. For tests and examples.
#[cfg(feature = "testing")]
#[must_use]
pub fn sign(raw_data: &str, key: &SessionKey) -> String {
    let mut hasher = Sha1::new();
    hasher.update(raw_data.as_bytes());
    hasher.update(key.base64().as_bytes());
    hex(&hasher.finalize())
}
