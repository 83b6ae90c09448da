//! Server-side verification and decryption of the user data that
//! `getUserInfo`-style APIs return (the same scheme on WeChat and Douyin).
//!
//! - Signature: `sha1(rawData + session_key)` in lowercase hex, over the exact
//!   `rawData` string, compared in constant time.
//! - `encryptedData`: AES-128-CBC with PKCS#7 padding; key = base64-decoded
//!   `session_key`, IV = base64-decoded `iv`. The plaintext is JSON carrying a
//!   `watermark { appid, timestamp }`, checked against your app id.
//!   [`decrypt`] decodes into any type; [`decrypt_watermarked`] into a type
//!   that keeps the watermark (every generated `Encrypted` type), in one pass.
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

mod decrypt;
mod encoding;
mod error;
mod key;
mod signature;

#[cfg(feature = "testing")]
pub use decrypt::encrypt;
pub use decrypt::{
    Watermark, WatermarkCheck, Watermarked, decrypt, decrypt_watermarked, decrypt_watermarked_with,
    decrypt_with,
};
pub use error::{CryptoError, CryptoErrorKind};
pub use key::SessionKey;
#[cfg(feature = "testing")]
pub use signature::sign;
pub use signature::verify_signature;
