//! The session key, kept out of logs and wiped from memory when dropped.

use std::fmt;

use zeroize::Zeroizing;

use super::encoding;
use super::error::{CryptoError, CryptoErrorKind};

/// A user's session key (`session_key` from `code2Session`): 16 bytes,
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
    bytes: Zeroizing<[u8; 16]>,
    /// The canonical base64 text, which the signature is computed over.
    text: Zeroizing<String>,
}

impl SessionKey {
    /// Decodes a base64 session key.
    ///
    /// # Errors
    /// [`CryptoErrorKind::Format`] when it is not base64 of exactly 16 bytes.
    pub fn from_base64(text: &str) -> Result<Self, CryptoError> {
        let decoded = Zeroizing::new(encoding::decode("session_key", text)?);
        let bytes: [u8; 16] = decoded.as_slice().try_into().map_err(|_| {
            CryptoError::new(
                CryptoErrorKind::Format,
                format!(
                    "session_key decodes to {} bytes, not 16; pass the session_key from code2Session, not another value",
                    decoded.len()
                ),
            )
        })?;
        Ok(Self::from_bytes(bytes))
    }

    /// A session key from its 16 raw bytes.
    #[must_use]
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let text = Zeroizing::new(encoding::encode(&bytes));
        SessionKey {
            bytes: Zeroizing::new(bytes),
            text,
        }
    }

    pub(crate) fn bytes(&self) -> &[u8; 16] {
        &self.bytes
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
    fn key_must_be_sixteen_bytes() {
        let error = SessionKey::from_base64("AAECAwQFBgcICQoLDA0O").err();
        assert_eq!(
            error.as_ref().map(CryptoError::kind),
            Some(CryptoErrorKind::Format)
        );
        assert!(error.is_some_and(|e| e.to_string().contains("decodes to 15 bytes, not 16")));
        assert!(SessionKey::from_base64("AAECAwQFBgcICQoLDA0ODxAR").is_err());
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
