//! Decryption of `encryptedData`: AES-128-CBC with PKCS#7 padding, then the
//! JSON inside, whose watermark must name the caller's app.
//!
//! Every failure once the inputs are well-formed (wrong key, bad padding,
//! text that is not UTF-8 or not JSON, JSON of the wrong shape, a watermark
//! member missing) is the one [`CryptoErrorKind::Decrypt`] error with one
//! message. The plaintext is the user's data, and CBC lets whoever holds a
//! payload rewrite its first block through the `iv`: an error that quoted a
//! value or a position inside the plaintext would hand that data to them.

use aes::Aes128;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use super::encoding;
use super::error::{CryptoError, CryptoErrorKind};
use super::key::SessionKey;
use super::watermark::{MarkValue, WatermarkCheck, Watermarked};

const BLOCK: usize = 16;

/// Decrypts `encrypted_data` and decodes its JSON into `T`, after checking
/// that its watermark names `appid`.
///
/// This reads the plaintext twice, the watermark first; for a type that
/// keeps its watermark, [`decrypt_watermarked`] reads it once.
///
/// `encryptedData` is not authenticated (see [the module docs](super)): a
/// success proves the data decrypts under `key` into JSON of type `T` with
/// a watermark naming `appid`, not that every byte is what the platform sent.
///
/// # Errors
/// [`CryptoErrorKind::Format`] for malformed inputs; [`CryptoErrorKind::Decrypt`]
/// when decryption fails for any reason, including a plaintext that does not
/// decode as `T` or has no watermark (one message for all, naming nothing
/// inside the plaintext); [`CryptoErrorKind::Watermark`] when the data was
/// issued to another app.
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
    let plaintext = Plaintext::open(encrypted_data, iv, key)?;
    plaintext.decode_checked(check)
}

/// [`decrypt`] for a type that keeps its watermark: one pass over the
/// plaintext instead of two. Errors are the same as [`decrypt`]'s.
///
/// # Errors
/// As [`decrypt`].
pub fn decrypt_watermarked<T: Watermarked>(
    encrypted_data: &str,
    iv: &str,
    key: &SessionKey,
    appid: &str,
) -> Result<T, CryptoError> {
    decrypt_watermarked_with(encrypted_data, iv, key, &WatermarkCheck::appid(appid))
}

/// [`decrypt_with`] for a type that keeps its watermark.
///
/// # Errors
/// As [`decrypt_with`].
pub fn decrypt_watermarked_with<T: Watermarked>(
    encrypted_data: &str,
    iv: &str,
    key: &SessionKey,
    check: &WatermarkCheck<'_>,
) -> Result<T, CryptoError> {
    // `T` keeps a watermark, so its data has one to check: skipping that
    // check is never what the caller of a watermarked type can mean.
    check.refuse_skipping()?;
    let plaintext = Plaintext::open(encrypted_data, iv, key)?;
    let text = plaintext.text()?;
    match serde_json::from_str::<T>(text) {
        Ok(value) => {
            check.verify(value.watermark(), undecryptable)?;
            Ok(value)
        }
        // The slow path finds the first problem in the order `decrypt`
        // reports it (the watermark before the shape), so both functions
        // fail alike on the same data.
        Err(_) => plaintext.decode_checked(check),
    }
}

/// The decrypted bytes, zeroed when dropped.
struct Plaintext {
    bytes: Zeroizing<Vec<u8>>,
}

impl Plaintext {
    fn open(encrypted_data: &str, iv: &str, key: &SessionKey) -> Result<Self, CryptoError> {
        let iv = iv_bytes(iv)?;
        let mut bytes = Zeroizing::new(encoding::decode("encryptedData", encrypted_data)?);
        if bytes.is_empty() || bytes.len() % BLOCK != 0 {
            return Err(CryptoError::new(
                CryptoErrorKind::Format,
                format!(
                    "encryptedData is {} bytes, not a whole number of 16-byte AES blocks: it was truncated or is not AES-CBC output",
                    bytes.len()
                ),
            ));
        }
        let decryptor = cbc::Decryptor::<Aes128>::new(key.aes128()?.into(), (&iv).into());
        let len = decryptor
            .decrypt_padded::<Pkcs7>(&mut bytes)
            .map_err(|_| undecryptable())?
            .len();
        bytes.truncate(len);
        Ok(Plaintext { bytes })
    }

    /// The plaintext as text, checked for UTF-8 once so that the JSON
    /// passes need not check every string again.
    fn text(&self) -> Result<&str, CryptoError> {
        std::str::from_utf8(&self.bytes).map_err(|_| undecryptable())
    }

    /// The watermark first (skipping everything else), then the caller's type.
    fn decode_checked<T: DeserializeOwned>(
        &self,
        check: &WatermarkCheck<'_>,
    ) -> Result<T, CryptoError> {
        let text = self.text()?;
        if check.expects_watermark() {
            let mark = check.read_watermark(text).map_err(|()| undecryptable())?;
            check.verify(mark.as_ref().map(MarkValue::watermark), undecryptable)?;
        } else {
            check.verify(None, undecryptable)?;
        }
        // serde's errors quote the values they refuse: never pass them on.
        serde_json::from_str(text).map_err(|_| undecryptable())
    }
}

/// The one message of every decryption failure, whatever its cause. Telling
/// bad padding from bad JSON would make a padding oracle, and naming what
/// does not fit would quote the user's data.
pub(crate) const UNDECRYPTABLE: &str = "encryptedData could not be decrypted into the expected data with this session key and iv: \
     the key is stale (the user logged in again), the iv belongs to another payload, the data was altered, \
     or the decrypted data does not match the API's schema (to see which, decrypt into `serde_json::Value` \
     where it is safe to look at the user's data)";

pub(super) fn undecryptable() -> CryptoError {
    CryptoError::new(CryptoErrorKind::Decrypt, UNDECRYPTABLE)
}

pub(super) fn iv_bytes(iv: &str) -> Result<[u8; BLOCK], CryptoError> {
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

/// Encrypts `plaintext` the way the AES-128 platforms do, returning base64
/// text. For tests and examples that need realistic `encryptedData`.
///
/// # Errors
/// [`CryptoErrorKind::Format`] when `key` is not a 16-byte key.
#[cfg(feature = "testing")]
pub fn encrypt(plaintext: &[u8], iv: &[u8; 16], key: &SessionKey) -> Result<String, CryptoError> {
    use cbc::cipher::BlockModeEncrypt;
    let encryptor = cbc::Encryptor::<Aes128>::new(key.aes128()?.into(), iv.into());
    Ok(encoding::encode(
        &encryptor.encrypt_padded_vec::<Pkcs7>(plaintext),
    ))
}
