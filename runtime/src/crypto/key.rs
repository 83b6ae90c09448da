//! The session key, kept out of logs and wiped from memory when dropped.

use std::fmt;

use zeroize::Zeroizing;

use super::encoding;
use super::error::{CryptoError, CryptoErrorKind};

/// A user's session key (`session_key` from `code2Session`): 16 bytes for
/// the AES-128 schemes, 24 for the AES-192 one ([`decrypt_framed`](super::decrypt_framed)),
/// exchanged as base64. `Debug` shows it redacted and its memory is zeroed
/// when it is dropped.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::crypto::SessionKey;
///
/// let key = SessionKey::from_base64("tiihtNczf5v6AKRyjwEUhQ==")?;
/// assert_eq!(format!("{key:?}"), "SessionKey(<redacted>)");
/// # Ok::<(), mpkit::crypto::CryptoError>(())
/// ```
pub struct SessionKey {
    /// 16 or 24 bytes.
    bytes: Zeroizing<Vec<u8>>,
    /// The canonical base64 text, which the signature is computed over.
    text: Zeroizing<String>,
}

impl SessionKey {
    /// Decodes a base64 session key.
    ///
    /// # Errors
    /// [`CryptoErrorKind::Format`] when it is not base64 of exactly 16 or 24
    /// bytes.
    pub fn from_base64(text: &str) -> Result<Self, CryptoError> {
        let decoded = Zeroizing::new(encoding::decode("session_key", text)?);
        if decoded.len() != 16 && decoded.len() != 24 {
            return Err(CryptoError::new(
                CryptoErrorKind::Format,
                format!(
                    "session_key decodes to {} bytes, not 16 (AES-128) or 24 (AES-192); pass the session_key from the platform's code-to-session exchange, not another value",
                    decoded.len()
                ),
            ));
        }
        let text = Zeroizing::new(encoding::encode(&decoded));
        Ok(SessionKey {
            bytes: Zeroizing::new(decoded.to_vec()),
            text,
        })
    }

    /// A session key from its 16 raw bytes.
    #[must_use]
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let text = Zeroizing::new(encoding::encode(&bytes));
        SessionKey {
            bytes: Zeroizing::new(bytes.to_vec()),
            text,
        }
    }

    /// The key of an AES-128 scheme, or a [`CryptoErrorKind::Format`] error
    /// saying the key has another length.
    pub(crate) fn aes128(&self) -> Result<&[u8; 16], CryptoError> {
        self.bytes
            .as_slice()
            .try_into()
            .map_err(|_| self.wrong_length(16))
    }

    /// The key of the AES-192 scheme, or a [`CryptoErrorKind::Format`] error.
    pub(crate) fn aes192(&self) -> Result<&[u8; 24], CryptoError> {
        self.bytes
            .as_slice()
            .try_into()
            .map_err(|_| self.wrong_length(24))
    }

    fn wrong_length(&self, wanted: usize) -> CryptoError {
        CryptoError::new(
            CryptoErrorKind::Format,
            format!(
                "this payload's scheme takes a {wanted}-byte session key, and this one has {} bytes: it belongs to a platform with another scheme",
                self.bytes.len()
            ),
        )
    }

    pub(crate) fn base64(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_must_be_sixteen_or_twenty_four_bytes() {
        let error = SessionKey::from_base64("AAECAwQFBgcICQoLDA0O").err();
        assert_eq!(
            error.as_ref().map(CryptoError::kind),
            Some(CryptoErrorKind::Format)
        );
        assert!(error.is_some_and(|e| e.to_string().contains("decodes to 15 bytes, not 16")));
        assert!(SessionKey::from_base64("AAECAwQFBgcICQoLDA0ODxAR").is_err());
        let key = SessionKey::from_base64("1df09d0a1677dd72b8325aec59576e0c");
        let key = key.unwrap_or_else(|e| panic!("{e}"));
        assert!(key.aes192().is_ok());
        assert_eq!(
            key.aes128().err().map(|e| e.kind()),
            Some(CryptoErrorKind::Format)
        );
    }

    #[test]
    fn canonical_text_is_padded_base64() {
        let key = SessionKey::from_base64("tiihtNczf5v6AKRyjwEUhQ").ok();
        assert_eq!(
            key.as_ref().map(SessionKey::base64),
            Some("tiihtNczf5v6AKRyjwEUhQ==")
        );
    }
}
