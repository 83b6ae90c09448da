//! The AES-192 framed scheme (Baidu's smart programs): `data` is
//! AES-192-CBC under a 24-byte session key, padded PKCS#7-style to a
//! multiple of 32 bytes, and the plaintext is framed: 16 random bytes, the
//! data's length (4 bytes, big-endian), the data (JSON), then the app key
//! the data was issued to, which plays the watermark's part.
//!
//! The same guarantees as the AES-128 scheme: padding checked strictly, one
//! error for every decryption failure (no oracle, nothing of the plaintext
//! in it), the app key compared in constant time and never quoted, the
//! plaintext zeroed when dropped. And the same limit: nothing authenticates
//! `data` (see [the module docs](super)).

use aes::Aes192;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::decrypt::iv_bytes;
use super::encoding;
use super::error::{CryptoError, CryptoErrorKind};
use super::key::SessionKey;

/// The padding pads to a multiple of this many bytes (two AES blocks).
const PAD_BLOCK: usize = 32;

/// The random bytes the plaintext starts with.
const RANDOM: usize = 16;

/// Decrypts `data` in the framed AES-192 scheme, checks that it was issued
/// to `app_key`, and decodes its JSON into `T`.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::crypto::{decrypt_framed, SessionKey};
/// use serde_json::Value;
///
/// // The demo values of Baidu's "用户数据的签名验证和加解密" page.
/// let key = SessionKey::from_base64("1df09d0a1677dd72b8325aec59576e0c")?;
/// let data = "OpCoJgs7RrVgaMNDixIvaCIyV2SFDBNLivgkVqtzq2GC10egsn+PKmQ/+5q+chT8xzldLUog2haTItyIkKyvzvmXonBQLIMeq54axAu9c3KG8IhpFD6+ymHocmx07ZKi7eED3t0KyIxJgRNSDkFk5RV1ZP2mSWa7ZgCXXcAbP0RsiUcvhcJfrSwlpsm0E1YJzKpYy429xrEEGvK+gfL+Cw==";
/// let user: Value = decrypt_framed(data, "1df09d0a1677dd72b8325Q==", &key, "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7")?;
/// assert_eq!(user["openid"], "open_id");
/// # Ok::<(), mpkit::crypto::CryptoError>(())
/// ```
///
/// # Errors
/// [`CryptoErrorKind::Format`] for malformed inputs (a key that is not 24
/// bytes among them); [`CryptoErrorKind::Decrypt`] when decryption fails for
/// any reason (one message for all, naming nothing inside the plaintext);
/// [`CryptoErrorKind::Watermark`] when the data was issued to another app.
pub fn decrypt_framed<T: DeserializeOwned>(
    data: &str,
    iv: &str,
    key: &SessionKey,
    app_key: &str,
) -> Result<T, CryptoError> {
    let iv = iv_bytes(iv)?;
    let key = key.aes192()?;
    let mut bytes = Zeroizing::new(encoding::decode("data", data)?);
    if bytes.is_empty() || bytes.len() % 16 != 0 {
        return Err(CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "data is {} bytes, not a whole number of 16-byte AES blocks: it was truncated or is not AES-CBC output",
                bytes.len()
            ),
        ));
    }
    cbc::Decryptor::<Aes192>::new(key.into(), (&iv).into())
        .decrypt_padded::<NoPadding>(&mut bytes)
        .map_err(|_| undecryptable_data())?;
    let framed = unpad(&bytes).ok_or_else(undecryptable_data)?;
    let (json, issued_to) = unframe(framed).ok_or_else(undecryptable_data)?;
    if !bool::from(issued_to.ct_eq(app_key.as_bytes())) {
        return Err(CryptoError::new(
            CryptoErrorKind::Watermark,
            "the data was issued to another app: the app key it ends with is not the one given (pass the app key of the app the user signed in to)",
        ));
    }
    let text = std::str::from_utf8(json).map_err(|_| undecryptable_data())?;
    // serde's errors quote the values they refuse: never pass them on.
    serde_json::from_str(text).map_err(|_| undecryptable_data())
}

/// The plaintext without its padding: the last byte `p` (1 to 32) says how
/// many bytes, each `p`, were added.
fn unpad(bytes: &[u8]) -> Option<&[u8]> {
    let pad = usize::from(*bytes.last()?);
    if pad == 0 || pad > PAD_BLOCK || pad > bytes.len() {
        return None;
    }
    let (body, padding) = bytes.split_at(bytes.len() - pad);
    padding
        .iter()
        .all(|&byte| usize::from(byte) == pad)
        .then_some(body)
}

/// The data and the app key of a framed plaintext.
fn unframe(framed: &[u8]) -> Option<(&[u8], &[u8])> {
    let length = framed.get(RANDOM..RANDOM + 4)?;
    let length = usize::try_from(u32::from_be_bytes(length.try_into().ok()?)).ok()?;
    let start = RANDOM + 4;
    let end = start.checked_add(length)?;
    Some((framed.get(start..end)?, framed.get(end..)?))
}

/// The one error of every framed decryption failure, naming the field as
/// Baidu's payload does (`data`), and nothing inside the plaintext.
fn undecryptable_data() -> CryptoError {
    CryptoError::new(
        CryptoErrorKind::Decrypt,
        "data could not be decrypted into the expected data with this session key and iv: \
         the key is stale (the user logged in again), the iv belongs to another payload, the data was altered, \
         or the decrypted data does not match the API's schema (to see which, decrypt into `serde_json::Value` \
         where it is safe to look at the user's data)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_is_checked_byte_for_byte_up_to_thirty_two() {
        let mut bytes = vec![7u8; 40];
        bytes.extend([28u8; 28]);
        assert_eq!(unpad(&bytes).map(<[u8]>::len), Some(40));
        for bad in [0u8, 33] {
            let mut bytes = vec![1u8; 48];
            bytes.push(bad);
            assert!(unpad(&bytes).is_none(), "{bad}");
        }
        let mut bytes = vec![1u8; 40];
        bytes.extend([3u8, 2, 3]);
        assert!(unpad(&bytes).is_none(), "inconsistent");
    }

    #[test]
    fn a_length_beyond_the_plaintext_is_refused() {
        let mut framed = vec![0u8; RANDOM];
        framed.extend(5u32.to_be_bytes());
        framed.extend(b"{}");
        assert!(unframe(&framed).is_none());
        let mut framed = vec![0u8; RANDOM];
        framed.extend(u32::MAX.to_be_bytes());
        assert!(unframe(&framed).is_none());
        let mut framed = vec![0u8; RANDOM];
        framed.extend(2u32.to_be_bytes());
        framed.extend(b"{}key");
        assert_eq!(unframe(&framed), Some((&b"{}"[..], &b"key"[..])));
    }
}
