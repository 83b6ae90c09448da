//! `#[derive(MiniProgramApi)]` for mpkit.
//!
//! A thin shim: all parsing, checking and generation is in `mpkit-codegen`,
//! so the derive, `mpkit expand` and the golden expansions cannot disagree.
//! See the `mpkit` crate for the attribute's documentation.

use proc_macro::TokenStream;

/// Generates the typed API of a mini-program platform API from its schema.
///
/// ```ignore
/// #[derive(mpkit::MiniProgramApi)]
/// #[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
/// pub struct WxGetUserInfo;
/// ```
#[proc_macro_derive(MiniProgramApi, attributes(mini_program))]
pub fn derive_mini_program_api(input: TokenStream) -> TokenStream {
    // The `crypto` feature comes from the `mpkit` facade's, together with the
    // runtime's `crypto` module that the generated `verify` / `decrypt` call.
    mpkit_codegen::derive(input.into(), cfg!(feature = "crypto")).into()
}
