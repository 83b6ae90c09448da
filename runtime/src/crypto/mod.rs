//! Server-side verification and decryption of the user data that
//! `getUserInfo`-style APIs return: the AES-128 scheme of WeChat, Douyin,
//! QQ and Kuaishou below, and the framed AES-192 scheme of Baidu's smart
//! programs ([`decrypt_framed`]). Every generated type whose schema names
//! its credentials implements [`EncryptedUserData`], so one function on a
//! server handles every platform.
//!
//! - Signature: `sha1(rawData + session_key)` in lowercase hex, over the exact
//!   `rawData` string, compared in constant time.
//! - `encryptedData`: AES-128-CBC with PKCS#7 padding; key = base64-decoded
//!   `session_key`, IV = base64-decoded `iv`. The plaintext is JSON carrying a
//!   `watermark { appid, timestamp }`, checked against your app id.
//!   [`decrypt`] decodes into any type; [`decrypt_watermarked`] into a type
//!   that keeps the watermark (every generated `Encrypted` type), in one pass.
//!
//! # What a successful decryption proves, and what it does not
//!
//! `encryptedData` is **not authenticated**: AES-CBC has no MAC, and the
//! platforms add none. The `iv` travels beside the data, and in CBC the iv
//! is XORed into the first 16 bytes of the plaintext, so whoever holds a
//! genuine payload (the user's own client, or anyone on the way) can change
//! those bytes at will by changing the iv, without the session key. In the
//! platforms' JSON those bytes are `{"openId":"` and the openId's first
//! characters: a tampered iv can make a payload decrypt, with its watermark
//! intact, into **another openId** (a test, `a_tampered_iv_rewrites_the_open_id_unnoticed`,
//! shows it). Later blocks can be altered too, at the price of garbling the
//! block before them, which then must still read as JSON by chance.
//! Whether decryption succeeds is itself an answer to whoever tampers: by
//! flipping one bit of the iv at a time and watching success and failure,
//! a few hundred queries per character reveal the first block (the openId's
//! first characters), whatever the errors say. Do not let clients submit
//! tampered payloads to a decrypting endpoint without limit.
//!
//! The watermark check proves that the data was encrypted for your app id
//! under this session key, and (with a maximum age) roughly when: it stops
//! replays from another app and stale payloads. It does not prove that the
//! data was not altered, and the signature does not help either: it covers
//! `rawData`, not `encryptedData`.
//!
//! So take the user's identity (openId, unionId) from your own server's
//! code-to-session exchange (`code2Session` / `jscode2session`), which
//! returns them beside the session key over TLS, and treat what
//! `encryptedData` says as the client's claim: compare its openId with the
//! one from the exchange if you use it at all.
//!
//! Errors never show the plaintext: every failure after the input checks
//! (wrong key, bad padding, text that is not UTF-8 or JSON, data of the
//! wrong shape, a missing watermark member) is one [`CryptoErrorKind::Decrypt`]
//! error with one message, and a watermark error names only the two app ids.
//! Nor do they show the session key, or any character or offset of it.
//! Generated decrypted-data types print as `Name { .. }` under `Debug`, and
//! [`Profile`](crate::Profile) shows its ids only as present or absent.
//!
//! ```
//! # extern crate mpkit_runtime as mpkit;
//! use mpkit::crypto::{decrypt, verify_signature, CryptoErrorKind, SessionKey};
//!
//! let key = SessionKey::from_base64("K3+VFihYo0qar9xWICc9PA==")?;
//! let raw_data = r#"{"nickName":"Band"}"#;
//! let error = verify_signature(raw_data, "0000000000000000000000000000000000000000", &key).unwrap_err();
//! assert_eq!(error.kind(), CryptoErrorKind::Signature);
//! # Ok::<(), mpkit::crypto::CryptoError>(())
//! ```
//!
//! Everything here needs the `crypto` feature (`mpkit = { features =
//! ["crypto"] }`): a mini program's WebAssembly client never decrypts, and
//! should neither compile nor ship AES. Without it this module is empty and
//! generated types have no `verify` / `decrypt`.

#[cfg(feature = "crypto")]
mod decrypt;
#[cfg(feature = "crypto")]
mod encoding;
#[cfg(feature = "crypto")]
mod error;
#[cfg(feature = "crypto")]
mod framed;
#[cfg(feature = "crypto")]
mod key;
#[cfg(feature = "crypto")]
mod signature;
#[cfg(feature = "crypto")]
mod user_data;
#[cfg(feature = "crypto")]
mod watermark;

#[cfg(all(feature = "testing", feature = "crypto"))]
pub use decrypt::encrypt;
#[cfg(feature = "crypto")]
pub use decrypt::{decrypt, decrypt_watermarked, decrypt_watermarked_with, decrypt_with};
#[cfg(feature = "crypto")]
pub use error::{CryptoError, CryptoErrorKind};
#[cfg(feature = "crypto")]
pub use framed::decrypt_framed;
#[cfg(feature = "crypto")]
pub use key::SessionKey;
#[cfg(feature = "testing")]
#[cfg(feature = "crypto")]
pub use signature::sign;
#[cfg(feature = "crypto")]
pub use signature::verify_signature;
#[cfg(feature = "crypto")]
pub use user_data::{AppCheck, EncryptedUserData, Signature};
#[cfg(feature = "crypto")]
pub use watermark::{Watermark, WatermarkCheck, Watermarked};
