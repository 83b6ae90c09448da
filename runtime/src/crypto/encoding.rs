//! Base64 as the platforms send it: standard alphabet, padding optional,
//! whitespace tolerated, and the `+`-became-space transport bug named.
//!
//! Errors say what is wrong without echoing a character or an offset of the
//! text: one of these texts is the session key.

use base64::Engine;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::error::{CryptoError, CryptoErrorKind};

const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes the base64 `text` of input `what` (`session_key`, `iv`, `encryptedData`).
pub(crate) fn decode(what: &str, text: &str) -> Result<Vec<u8>, CryptoError> {
    // The common case, the value exactly as sent, costs one pass; the
    // checks below only run for text that does not decode as it is.
    match LENIENT.decode(text) {
        Ok(bytes) if !bytes.is_empty() => return Ok(bytes),
        _ => {}
    }
    let format = |message: String| CryptoError::new(CryptoErrorKind::Format, message);
    if text.trim().is_empty() {
        return Err(format(format!(
            "{what} is empty; pass the base64 value the platform returned"
        )));
    }
    // A space is not base64. When putting `+` back in its place makes the
    // text decode, the value went through form decoding, which turns `+`
    // into a space: say so, rather than decode something else.
    if text.trim().contains(' ') {
        // Copies of the text are zeroed too: it may be the session key.
        let restored = zeroize::Zeroizing::new(text.trim().replace(' ', "+"));
        if LENIENT
            .decode(zeroize::Zeroizing::new(strip_whitespace(&restored)).as_str())
            .is_ok()
        {
            return Err(format(format!(
                "{what} contains a space where base64 has `+`: it was probably form-decoded in transit \
                 (application/x-www-form-urlencoded turns `+` into a space); send it as JSON or percent-encode it"
            )));
        }
    }
    let decoded = if text.bytes().any(|b| b.is_ascii_whitespace()) {
        LENIENT.decode(zeroize::Zeroizing::new(strip_whitespace(text)).as_str())
    } else {
        LENIENT.decode(text)
    };
    decoded.map_err(|error| {
        format(format!(
            "{what} is not valid base64: {}; pass the value exactly as the platform returned it",
            problem(&error)
        ))
    })
}

/// What is wrong with a text that does not decode, in words that quote none
/// of it (base64's own messages name the offending symbol and its offset).
fn problem(error: &base64::DecodeError) -> &'static str {
    match error {
        base64::DecodeError::InvalidByte(..) => {
            "it contains a character outside the standard base64 alphabet \
             (the URL-safe `-` and `_`, quotes and escapes are not base64)"
        }
        base64::DecodeError::InvalidLength(_) => {
            "its length is not that of any base64 text: it was truncated or has extra characters"
        }
        base64::DecodeError::InvalidLastSymbol { .. } => {
            "its last character has bits that no encoder sets: it was truncated or altered"
        }
        base64::DecodeError::InvalidPadding => "its `=` padding is wrong",
    }
}

fn strip_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

/// Standard padded base64, as the platforms write session keys.
pub(crate) fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_and_message(what: &str, text: &str) -> (CryptoErrorKind, String) {
        match decode(what, text) {
            Ok(bytes) => panic!("{text:?} decoded to {bytes:?}"),
            Err(error) => (error.kind(), error.to_string()),
        }
    }

    #[test]
    fn padding_is_optional_and_whitespace_is_tolerated() {
        assert_eq!(
            decode("iv", "AAECAwQFBgcICQoLDA0ODw==").ok(),
            Some((0u8..16).collect())
        );
        assert_eq!(
            decode("iv", "AAECAwQFBgcICQoLDA0ODw").ok(),
            Some((0u8..16).collect())
        );
        assert_eq!(
            decode("iv", " AAECAwQF\nBgcICQoL\r\nDA0ODw==\t").ok(),
            Some((0u8..16).collect())
        );
    }

    #[test]
    fn plus_turned_into_space_is_named() {
        let (kind, message) = kind_and_message("session_key", "K3 VFihYo0qar9xWICc9PA==");
        assert_eq!(kind, CryptoErrorKind::Format);
        assert!(
            message.contains("contains a space where base64 has `+`"),
            "{message}"
        );
        assert!(message.contains("session_key"));
    }

    #[test]
    fn garbage_and_empty_are_format_errors() {
        assert!(kind_and_message("iv", "").1.contains("iv is empty"));
        assert!(kind_and_message("iv", "   ").1.contains("iv is empty"));
        let (kind, message) = kind_and_message("iv", "not*base64!");
        assert_eq!(kind, CryptoErrorKind::Format);
        assert!(message.contains("iv is not valid base64"), "{message}");
        // URL-safe alphabet is not what the platforms send.
        assert!(decode("iv", "AAECAwQFBgcICQoLDA0OD_-_").is_err());
    }
}
