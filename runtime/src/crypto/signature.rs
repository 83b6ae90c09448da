//! The `signature` check: `sha1(rawData + session_key)` in lowercase hex,
//! compared in constant time.

use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

use super::error::{CryptoError, CryptoErrorKind};
use super::key::SessionKey;

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
    let given = signature.trim();
    if given.len() != 40 || !given.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "signature must be 40 hexadecimal digits (a SHA-1), got {} characters; pass the `signature` field as received",
                given.chars().count()
            ),
        ));
    }
    // Platforms write lowercase hex; uppercase is accepted by comparing the
    // lowercased copy, kept on the stack.
    let mut lowered = [0u8; 40];
    for (out, byte) in lowered.iter_mut().zip(given.bytes()) {
        *out = byte.to_ascii_lowercase();
    }
    let expected = hex(&digest(raw_data, key));
    if bool::from(expected.ct_eq(&lowered)) {
        Ok(())
    } else {
        Err(CryptoError::new(
            CryptoErrorKind::Signature,
            "signature does not match rawData under this session key: rawData was altered or re-serialized, \
             or the session key is not the one of this login",
        ))
    }
}

fn digest(raw_data: &str, key: &SessionKey) -> [u8; 20] {
    let mut hasher = Sha1::new();
    hasher.update(raw_data.as_bytes());
    hasher.update(key.base64().as_bytes());
    hasher.finalize().into()
}

/// `sha1(raw_data + session_key)` in lowercase hex: the signature a platform
/// would send. For tests and examples.
#[cfg(feature = "testing")]
#[must_use]
pub fn sign(raw_data: &str, key: &SessionKey) -> String {
    hex(&digest(raw_data, key))
        .iter()
        .copied()
        .map(char::from)
        .collect()
}

fn hex(bytes: &[u8; 20]) -> [u8; 40] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 40];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}
