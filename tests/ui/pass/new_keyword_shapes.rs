//! Shapes of the newer keywords (JSON text through contentSchema, the
//! `callback` outcome, the framed scheme) that the loader accepts: each
//! compiles without a warning. Found by the review of issue 15; a recursive
//! JSON text among them (a definition holding JSON text of itself).
#![deny(warnings, missing_docs)]

use mpkit::MiniProgramApi;

/// `shape-recursive-text.json`
pub mod recursive_text {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-recursive-text.json")]
    pub struct Api;
}

/// `shape-recursive-text-array.json`
pub mod recursive_text_array {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-recursive-text-array.json")]
    pub struct Api;
}

/// `shape-text-of-success.json`
pub mod text_of_success {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-text-of-success.json")]
    pub struct Api;
}

/// `shape-required-text.json`
pub mod required_text {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-required-text.json")]
    pub struct Api;
}

/// `shape-text-default.json`
pub mod text_default {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-text-default.json")]
    pub struct Api;
}

/// `shape-text-in-array.json`
pub mod text_in_array {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-text-in-array.json")]
    pub struct Api;
}

/// `shape-text-in-map.json`
pub mod text_in_map {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-text-in-map.json")]
    pub struct Api;
}

/// `shape-text-since.json`
pub mod text_since {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-text-since.json")]
    pub struct Api;
}

/// `shape-profile-text-gender.json`
pub mod profile_text_gender {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-profile-text-gender.json")]
    pub struct Api;
}

/// `shape-profile-text-nested.json`
pub mod profile_text_nested {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-profile-text-nested.json")]
    pub struct Api;
}

/// `shape-encrypted-text.json`
pub mod encrypted_text {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-encrypted-text.json")]
    pub struct Api;
}

/// `shape-callback-framed.json`
pub mod callback_framed {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-callback-framed.json")]
    pub struct Api;
}

/// `shape-callback-fail-ref.json`
pub mod callback_fail_ref {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-callback-fail-ref.json")]
    pub struct Api;
}

/// `shape-callback-promise-failtext.json`
pub mod callback_promise_failtext {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-callback-promise-failtext.json")]
    pub struct Api;
}

/// `shape-message-text.json`
pub mod message_text {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-message-text.json")]
    pub struct Api;
}

/// `shape-alias-verify.json`
pub mod alias_verify {
    use super::MiniProgramApi;
    /// The API.
    #[derive(MiniProgramApi)]
    #[mini_program(schema = "ui-schemas/shape-alias-verify.json")]
    pub struct Api;
}

fn main() {}
