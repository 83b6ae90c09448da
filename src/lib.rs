//! mpkit: typed Rust for mini-program platform APIs.
//!
//! Each platform API (WeChat `wx.getUserInfo`, Douyin `tt.getUserInfo`, Alipay
//! `my.getOpenUserInfo`, Baidu `swan.getUserInfo`, EMAS Serverless
//! `mpserverless.user.getInfo`, ...) is described once, as a JSON
//! Schema file, and `#[derive(MiniProgramApi)]` turns that description into
//! typed Rust: an options builder that checks every rule, version gating,
//! and response decoders.
//!
//! ```
//! use mpkit::{MiniProgramApi, Version};
//!
//! /// `wx.getUserInfo`, for an app whose minimum base library is 2.10.4.
//! #[derive(MiniProgramApi)]
//! #[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
//! pub struct WxGetUserInfo;
//!
//! let options = WxGetUserInfo::options()
//!     .with_credentials(true)
//!     .lang(WxGetUserInfoLang::ZhCn)
//!     .build()?;
//! assert_eq!(options.to_json(), serde_json::json!({ "withCredentials": true, "lang": "zh_CN" }));
//!
//! let reply = WxGetUserInfo::decode(r#"{"errMsg":"getUserInfo:fail auth deny"}"#);
//! assert!(matches!(reply, Err(mpkit::CallError::Failure { ref detail, .. }) if detail == "auth deny"));
//! # Ok::<(), mpkit::BuildError>(())
//! ```
//!
//! # The attribute
//!
//! `#[mini_program(...)]` takes:
//! - `api = "<platform>/<method>"`: a schema bundled with mpkit (`alipay/getAuthCode`,
//!   `alipay/getOpenUserInfo`, `baidu/getUserInfo`, `baidu/login`,
//!   `douyin/getUserInfo`, `douyin/getUserProfile`, `douyin/login`,
//!   `kuaishou/getUserInfo`, `kuaishou/login`, `mpserverless/user.authorize`,
//!   `mpserverless/user.getInfo`,
//!   `qq/getUserInfo`, `qq/login`, `wechat/getUserInfo`, `wechat/getUserProfile`,
//!   `wechat/login`); or
//! - `schema = "path/to/api.json"`: your own schema file, relative to your crate's
//!   `Cargo.toml` directory. Editing it re-expands the derive on the next build.
//! - `min_version = "x.y.z"`: the minimum base library your app requires. What it
//!   guarantees needs no check; anything newer takes an [`AtLeast`] proof, as the
//!   first argument of `options()` or of the option's setter. Without it, what
//!   every host of the platform has (the schema's `x-platform-floor`, 1.0.0 on
//!   WeChat and Douyin) still needs no proof, and everything newer takes one.
//! - `context = "plugin"`: the context the API is used in, when it has its own rules.
//! - `crate = "::path::to::mpkit"`: where this crate is, if re-exported elsewhere.
//!
//! # Features
//!
//! - `crypto` (off): server-side verification and decryption of user data,
//!   `mpkit::crypto`, and `verify` / `decrypt` on generated success types (with
//!   `crypto::EncryptedUserData` over them). Enable it on `mpkit`, not on
//!   `mpkit-runtime`: the derive must know to generate the methods. A
//!   WebAssembly client leaves it off and compiles no AES.
//! - `error-paths` (on): decode errors name the JSON path of the offending
//!   value (`userInfo.gender`); a client may turn default features off to save
//!   the second decoder it costs.
//! - `testing` (off): `ReplayHost` for tests, and with `crypto` the helpers
//!   `crypto::encrypt` / `crypto::sign`.
//!
//! rust-analyzer caches macro expansions: after editing a schema file, run a
//! build (or "Rebuild proc macros") for the editor to see the new code.

pub use mpkit_derive::MiniProgramApi;
pub use mpkit_runtime::{
    ApiInfo, ApiOptions, AtLeast, BoxedReply, BuildError, CallError, CallStyle, CompiledPattern,
    ContentError, DecodeKind, Discriminant, DynHost, ErrMsg, ErrMsgError, ErrorRejection, Gender,
    Host, HostError, HostReply, Invocation, JsError, JsonText, MAX_DEPTH, MiniProgramApi,
    NumberOrString, Outcome, Pattern, PatternStep, Payload, Problem, Profile, Proves, Requirement,
    Response, ToProfile, UnknownMembers, Version, VersionError, VersionTooOld, Violation, call,
    call_with_timeout, check_support, crypto, decode_str, decode_value, schema,
};
#[cfg(feature = "testing")]
pub use mpkit_runtime::{RecordedCall, ReplayHost};

/// What generated code needs from other crates, reachable through this one so
/// a user's crate does not have to depend on them. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use mpkit_runtime::{JsonInteger, ObjectText, members, parse_json_value};
    pub use serde;
    pub use serde_json;
}
