//! `#[derive(MiniProgramApi)]` for mpkit.
//!
//! A thin shim: all parsing, checking and generation is in `mpkit-codegen`,
//! so the derive, `mpkit expand` and the golden expansions cannot disagree.
//! See the `mpkit` crate for the attribute's documentation.

use proc_macro::TokenStream;

/// Generates the typed API of a mini-program platform API from its schema.
///
/// `#[mini_program(api = "<platform>/<method>")]` names a schema bundled with
/// mpkit; `#[mini_program(schema = "path.json")]` one of your crate's
/// (relative to its `Cargo.toml`). Optional keys: `min_version = "x.y.z"`
/// (what your app guarantees: anything newer, and newer than the platform's
/// floor, takes an `AtLeast` proof),
/// `context = "plugin"`, `crate = "path::to::mpkit"`.
///
/// For `struct WxGetUserInfo` it generates:
/// - `WxGetUserInfo::options(..)` → `WxGetUserInfoOptionsBuilder`, one setter
///   per option (taking a proof first, before the value, when the option is
///   newer than what every host has: the declared `min_version` or the
///   platform's floor), and `build()`, which checks every rule of the schema
///   and reports all violations at once;
/// - `WxGetUserInfoOptions`, with a getter per option (its default when
///   unset), `to_json`, `to_json_string`, `write_json` and `check_host`;
/// - one enum per enumerated option or field (`WxGetUserInfoLang`, with
///   `as_str` or `code`), and per enumerated option a trait its setter takes
///   the value by (`WxGetUserInfoLangValue`), implemented by the enum alone:
///   given anything else (a `&str`, another API's enum), the compiler's
///   message lists the values;
/// - the response types: `WxGetUserInfoSuccess`, `WxGetUserInfoFailure`, a
///   struct per nested object (`WxGetUserInfoUserInfo`) and the decrypted
///   data (`WxGetUserInfoEncryptedUserInfo`), each keeping members the
///   schema does not describe in `extra`; a member no Rust type expresses
///   (`oneOf`, a type list, ...) is a `serde_json::Value` checked against
///   its schema while decoding;
/// - `impl MiniProgramApi for WxGetUserInfo` (`INFO`, `decode`,
///   `decode_value`) and `impl Response` for the success type;
/// - with mpkit's `crypto` feature, `verify`, `decrypt` and `decrypt_with`
///   on success types that carry credentials.
///
/// ```
/// use mpkit::{AtLeast, MiniProgramApi, Version};
///
/// /// `wx.getUserInfo`, in an app whose minimum base library is 2.10.4.
/// #[derive(MiniProgramApi)]
/// #[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
/// pub struct WxGetUserInfo;
///
/// /// `wx.getUserProfile` needs 2.10.4 too; this app supports 2.9.0.
/// #[derive(MiniProgramApi)]
/// #[mini_program(api = "wechat/getUserProfile", min_version = "2.9.0")]
/// pub struct WxGetUserProfile;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = WxGetUserInfo::options()
///     .with_credentials(true)
///     .lang(WxGetUserInfoLang::ZhCn)
///     .build()?;
/// assert_eq!(options.to_json(), serde_json::json!({"withCredentials": true, "lang": "zh_CN"}));
///
/// let reply = WxGetUserInfo::decode(
///     r#"{"errMsg":"getUserInfo:ok","rawData":"{}","userInfo":{"nickName":"微信用户","avatarUrl":""}}"#,
/// )?;
/// assert_eq!(reply.user_info.nick_name, "微信用户");
/// // A failure is an error that says so, never a half-filled success.
/// assert!(WxGetUserInfo::decode(r#"{"errMsg":"getUserInfo:fail auth deny"}"#).is_err());
///
/// // Newer than min_version: reachable only with a proof for the host's
/// // version, 2.10.4 here, which `check` infers from the call.
/// let profile = WxGetUserProfile::options(AtLeast::check(Version::new(2, 16, 0))?, "用于完善会员资料")
///     .build()?;
/// assert_eq!(profile.desc(), "用于完善会员资料");
/// // A proof of an older version is refused at compile time, with a
/// // message naming the version and how to check it.
/// assert!(AtLeast::<2, 10, 4>::check(Version::new(2, 9, 0)).is_err());
/// # Ok(())
/// # }
/// ```
#[proc_macro_derive(MiniProgramApi, attributes(mini_program))]
pub fn derive_mini_program_api(input: TokenStream) -> TokenStream {
    // The `crypto` feature comes from the `mpkit` facade's, together with the
    // runtime's `crypto` module that the generated `verify` / `decrypt` call.
    mpkit_codegen::derive(input.into(), cfg!(feature = "crypto")).into()
}
