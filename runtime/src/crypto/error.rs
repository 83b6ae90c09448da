//! The one error type of the crypto module, with its four kinds.

use std::fmt;

/// Which step refused the data. Callers branch on this, not on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CryptoErrorKind {
    /// An input is malformed before any cryptography runs: bad base64, a key
    /// or IV that is not 16 bytes, ciphertext that is empty or not a whole
    /// number of blocks, a signature that is not 40 hex digits.
    Format,
    /// The signature does not match `rawData` under this session key.
    Signature,
    /// Decryption failed: wrong key or IV, bad padding, or a plaintext that
    /// is not the expected JSON. One kind for all of them, on purpose: telling
    /// them apart would make a padding oracle.
    Decrypt,
    /// The data decrypted, but its watermark is for another app or too old.
    Watermark,
}

/// Why user data could not be verified or decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CryptoError {
    kind: CryptoErrorKind,
    message: String,
}

impl CryptoError {
    pub(crate) fn new(kind: CryptoErrorKind, message: impl Into<String>) -> Self {
        CryptoError {
            kind,
            message: message.into(),
        }
    }

    /// A response without credential field `field`. `sent_when` says when the
    /// platform sends it, as the API's schema states (`x-present-when`):
    /// usually only when the call asked for credentials.
    ///
    /// ```
    /// # extern crate mpkit_runtime as mpkit;
    /// use mpkit::crypto::{CryptoError, CryptoErrorKind};
    ///
    /// let error = CryptoError::missing_field("encryptedData", Some("the option `withCredentials` is `true`"));
    /// assert_eq!(error.kind(), CryptoErrorKind::Format);
    /// assert!(error.to_string().contains("only when the option `withCredentials` is `true`"));
    /// ```
    #[must_use]
    pub fn missing_field(field: &str, sent_when: Option<&str>) -> Self {
        let message = match sent_when {
            Some(when) => format!(
                "the response has no `{field}`: the platform sends it only when {when}; set that in the call's options"
            ),
            None => format!("the response has no `{field}`, which this step needs"),
        };
        CryptoError::new(CryptoErrorKind::Format, message)
    }

    /// Data whose age was asked to be checked, from an API whose decrypted
    /// data carries no issue time (no watermark timestamp, or Baidu's framed
    /// scheme): refused rather than passed unchecked.
    ///
    /// ```
    /// # extern crate mpkit_runtime as mpkit;
    /// use mpkit::crypto::{CryptoError, CryptoErrorKind};
    ///
    /// assert_eq!(CryptoError::undated().kind(), CryptoErrorKind::Watermark);
    /// ```
    #[must_use]
    pub fn undated() -> Self {
        CryptoError::new(
            CryptoErrorKind::Watermark,
            "a maximum age was asked for, but this API's decrypted data carries no issue time to take the age from; decrypt without one (`decrypt_for`)",
        )
    }

    /// Which step refused the data.
    #[must_use]
    pub fn kind(&self) -> CryptoErrorKind {
        self.kind
    }
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CryptoError {}
