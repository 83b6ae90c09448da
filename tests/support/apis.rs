//! The bundled APIs as a user declares them, shared by the integration tests.

#![allow(dead_code, unreachable_pub)] // each test uses some of them

use mpkit::MiniProgramApi;

/// `wx.getUserInfo` for an app that requires base library 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// `wx.getUserInfo` with no declared minimum: everything versioned is gated.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub struct WxGetUserInfoUngated;

/// `wx.getUserInfo` inside a plugin.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.0.0", context = "plugin")]
pub struct WxGetUserInfoInPlugin;

/// `wx.getUserProfile` for an app that still supports base library 2.9.0.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.9.0")]
pub struct WxGetUserProfile;

/// `tt.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.0.0")]
pub struct TtGetUserInfo;

/// `tt.getUserProfile`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile")]
pub struct TtGetUserProfile;

/// `mpserverless.user.getInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

/// `wx.login`, for an app that requires base library 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/login", min_version = "2.10.4")]
pub struct WxLogin;

/// `wx.login` with no declared minimum: `timeout` (1.9.90) takes a proof.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/login")]
pub struct WxLoginUngated;

/// `tt.login`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/login", min_version = "1.0.0")]
pub struct TtLogin;

/// `ks.getUserInfo`, for an app that requires base library 1.26.1.
#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/getUserInfo", min_version = "1.26.1")]
pub struct KsGetUserInfo;

/// `qq.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "qq/getUserInfo")]
pub struct QqGetUserInfo;

/// `qq.login`.
#[derive(MiniProgramApi)]
#[mini_program(api = "qq/login")]
pub struct QqLogin;

/// `swan.getUserInfo` (Baidu): the framed AES-192 scheme, no signature.
#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/getUserInfo")]
pub struct SwanGetUserInfo;

/// `swan.login` (Baidu).
#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/login")]
pub struct SwanLogin;

/// `ks.login` (Kuaishou): payloads undocumented, read by the callback that runs.
#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/login")]
pub struct KsLogin;

/// `my.getAuthCode` (Alipay).
#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getAuthCode")]
pub struct MyGetAuthCode;

/// `my.getOpenUserInfo` (Alipay): the result is JSON text inside the payload.
#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getOpenUserInfo")]
pub struct MyGetOpenUserInfo;

/// `mpserverless.user.authorize`, which `getInfo` needs first.
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.authorize")]
pub struct EmasAuthorize;
