//! [`EncryptedUserData`]: one code path on a server for every platform's
//! signed and encrypted user data, whatever scheme the schema names.

use std::time::Duration;

use super::error::CryptoError;
use super::key::SessionKey;

/// What a successful decryption was checked against, by scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AppCheck {
    /// The decrypted data's watermark names the app id it was issued to
    /// (WeChat, Douyin, QQ): pass your app id.
    AppId,
    /// The decrypted frame ends with the app key it was issued to (Baidu):
    /// pass your app key.
    AppKey,
    /// The platform's decrypted data names no app (Kuaishou): nothing ties
    /// it to yours, and the `app` argument is not read. Take the user's
    /// identity from your own code-to-session exchange.
    Nothing,
}

/// Whether a response's raw data was signed, once its signature checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "an unsigned payload proves nothing about its raw data"]
pub enum Signature {
    /// The signature matches the raw data under the session key.
    Verified,
    /// The platform signs nothing in this response (Baidu's
    /// `swan.getUserInfo`): there was nothing to check.
    Unsigned,
}

/// A response carrying user data that a server verifies and decrypts:
/// implemented by every generated success type whose schema has
/// `x-credentials`, so one generic function serves every platform.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::crypto::{AppCheck, EncryptedUserData, SessionKey, Signature};
///
/// /// The apps this server signs users in for, one credential per scheme.
/// struct Apps<'a> {
///     app_id: &'a str,
///     app_key: &'a str,
/// }
///
/// fn open<R: EncryptedUserData>(
///     reply: &R,
///     key: &SessionKey,
///     apps: &Apps<'_>,
/// ) -> Result<R::Decrypted, Box<dyn std::error::Error>> {
///     if reply.check_signature(key)? == Signature::Unsigned {
///         // Nothing to verify on this platform; the decryption below is all.
///     }
///     let app = match R::APP_CHECK {
///         AppCheck::AppId => apps.app_id,
///         AppCheck::AppKey => apps.app_key,
///         // Nothing in the data names an app: the argument is not read.
///         AppCheck::Nothing => "",
///         // A scheme newer than this code: refuse rather than guess.
///         _ => return Err("a scheme this server does not know".into()),
///     };
///     Ok(reply.decrypt_for(key, app)?)
/// }
/// ```
pub trait EncryptedUserData {
    /// The decrypted data, typed as the schema's `encrypted` describes it.
    type Decrypted;

    /// What [`decrypt_for`](Self::decrypt_for) checks its `app` against.
    const APP_CHECK: AppCheck;

    /// Checks the signature over the raw data, where the platform signs one.
    ///
    /// # Errors
    /// [`CryptoErrorKind::Signature`](super::CryptoErrorKind::Signature) when
    /// it does not match, [`CryptoErrorKind::Format`](super::CryptoErrorKind::Format)
    /// when the payload carries no credentials.
    fn check_signature(&self, key: &SessionKey) -> Result<Signature, CryptoError>;

    /// Decrypts the user data and checks that it was issued to `app` (as
    /// [`APP_CHECK`](Self::APP_CHECK) says: an app id, an app key, or
    /// nothing).
    ///
    /// # Errors
    /// As the scheme's function: [`decrypt_watermarked_with`](super::decrypt_watermarked_with),
    /// [`decrypt_with`](super::decrypt_with) or [`decrypt_framed`](super::decrypt_framed).
    fn decrypt_for(&self, key: &SessionKey, app: &str) -> Result<Self::Decrypted, CryptoError>;

    /// As [`decrypt_for`](Self::decrypt_for), and refuses data issued more
    /// than `max_age` ago, where the data says when it was issued (a
    /// watermark's timestamp). Where the schema names no such member
    /// (Kuaishou, Baidu, a watermark without a timestamp), this is
    /// [`CryptoError::undated`], never an unchecked success; data that lacks
    /// a timestamp its schema names is the one decryption error, like any
    /// other member it lacks.
    ///
    /// # Errors
    /// As [`decrypt_for`](Self::decrypt_for), and
    /// [`CryptoErrorKind::Watermark`](super::CryptoErrorKind::Watermark) for
    /// data too old or undated.
    fn decrypt_fresh(
        &self,
        key: &SessionKey,
        app: &str,
        max_age: Duration,
    ) -> Result<Self::Decrypted, CryptoError>;
}
