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
    mpkit_codegen::derive(input.into()).into()
}
