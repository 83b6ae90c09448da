//! `WasmHost` against the Node platform simulator (`tests/sim/`), for every
//! bundled API: success, fail callback, both callbacks called, a throwing
//! method, a missing method, a callback that never fires (timeout), a host
//! too old (refused before anything is invoked); for EMAS: resolve,
//! business failure, rejection with a payload and with an `Error`. The
//! simulator checks every options object against the schema with ajv.
//!
//! Run by `scripts/test-wasm.sh` under `wasm-bindgen-test-runner`, with the
//! simulator preloaded (`node --require tests/sim/preload.cjs`).

#![cfg(target_arch = "wasm32")]
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::future::Future;
use std::time::Duration;

use mpkit::{
    ApiInfo, ApiOptions, AtLeast, CallError, ErrorRejection, HostError, MiniProgramApi,
    Requirement, Version, call, call_with_timeout,
};
use mpkit_wasm::WasmHost;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = mpkitSim)]
    fn reset();
    #[wasm_bindgen(js_namespace = mpkitSim)]
    fn script(api: &str, kind: &str, fixture: &str);
    #[wasm_bindgen(js_namespace = mpkitSim, js_name = setVersion)]
    fn set_version(root: &str, version: &str);
    #[wasm_bindgen(js_namespace = mpkitSim)]
    fn remove(path: &str);
    #[wasm_bindgen(js_namespace = mpkitSim)]
    fn root(name: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = mpkitSim, js_name = calls)]
    fn calls_json() -> String;
    #[wasm_bindgen(js_namespace = mpkitSim, js_name = callbackErrors)]
    fn callback_errors_json() -> String;
    #[wasm_bindgen(js_namespace = mpkitSim, js_name = versionReads)]
    fn version_reads() -> u32;
}

/// `wx.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// `wx.getUserProfile`.
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

/// `mpserverless.user.authorize`.
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.authorize")]
pub struct EmasAuthorize;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/login")]
pub struct WxLogin;

#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/login")]
pub struct TtLogin;

#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/getUserInfo")]
pub struct KsGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "qq/getUserInfo")]
pub struct QqGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "qq/login")]
pub struct QqLogin;

#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/getUserInfo")]
pub struct SwanGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/login")]
pub struct SwanLogin;

#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/login")]
pub struct KsLogin;

#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getAuthCode")]
pub struct MyGetAuthCode;

#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getOpenUserInfo")]
pub struct MyGetOpenUserInfo;

/// The calls the simulator received.
fn received() -> Vec<Value> {
    serde_json::from_str(&calls_json()).unwrap()
}

/// Asserts the simulator received exactly one call of `api`, valid, with
/// `this` bound, and returns its options.
fn one_valid_call(api: &str) -> Value {
    let calls = received();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0];
    assert_eq!(call["api"], api);
    assert_eq!(call["valid"], true, "{call}");
    assert_eq!(call["thisBound"], true, "{call}");
    call["options"].clone()
}

/// One callback-style API and how to call it on the simulator.
struct Case<A: MiniProgramApi> {
    options: A::Options,
    /// What the options object must be, as the platform receives it.
    expected: Value,
    success: &'static str,
    fail: &'static str,
    /// A version too old for the API or for the options; `None` for an
    /// API whose platform documents no versions (QQ).
    too_old: Option<&'static str>,
}

/// The host the tests use: globals, with versions read by the tests' own
/// getter-free path (the version the simulator reports, given explicitly).
fn host_for(info: &ApiInfo, version: &str) -> WasmHost {
    set_version(info.root(), version);
    WasmHost::new().with_version(info.root(), Version::parse(version).unwrap())
}

/// Every case of point 4 of the issue, for a callback-style API.
async fn callback_contract<A: MiniProgramApi>(case: Case<A>) {
    let info = &A::INFO;
    let api = info.full_name;
    let new_enough = "3.60.0";

    // Success: decoded, one valid call with the expected options.
    reset();
    script(api, "success", case.success);
    let host = host_for(info, new_enough);
    success_of(call::<A, _>(&host, &case.options).await);
    assert_eq!(one_valid_call(api), case.expected);
    let first = &received()[0];
    assert_eq!(
        first["callbacks"],
        serde_json::json!(["complete", "fail", "success"])
    );

    // The fail callback: a typed platform failure.
    reset();
    script(api, "fail", case.fail);
    let error = error_of(call::<A, _>(&host, &case.options).await);
    assert!(matches!(error, CallError::Failure { .. }), "{error}");

    // Both callbacks: settles once, with the first; calling the late one
    // does not throw into the platform.
    reset();
    script(api, "both", case.success);
    success_of(call::<A, _>(&host, &case.options).await);
    wait(20).await;
    assert_eq!(callback_errors_json(), "[]");

    // Callbacks run synchronously inside the call.
    reset();
    script(api, "sync", case.success);
    success_of(call::<A, _>(&host, &case.options).await);

    common_contract::<A>(&|| host_for(info, new_enough), &case.options).await;

    // A host too old: refused before anything is invoked.
    if let Some(too_old) = case.too_old {
        reset();
        script(api, "success", case.success);
        let old = host_for(info, too_old);
        let error = error_of(call::<A, _>(&old, &case.options).await);
        assert!(matches!(error, CallError::Unsupported { .. }), "{error}");
        assert!(
            received().is_empty(),
            "nothing may be invoked on a host too old"
        );
    }
}

/// A throwing method, a missing method and a call that never settles, each
/// on a host `host` makes after the simulator is reset.
async fn common_contract<A: MiniProgramApi>(host: &dyn Fn() -> WasmHost, options: &A::Options) {
    let api = A::INFO.full_name;

    reset();
    script(api, "throw", "");
    let error = error_of(call::<A, _>(&host(), options).await);
    assert!(
        matches!(&error, CallError::Host { error: HostError::Threw { name, message }, .. }
            if name == "Error" && message.contains("the bridge threw")),
        "{error}"
    );

    reset();
    remove(api);
    let error = error_of(call::<A, _>(&host(), options).await);
    assert_eq!(
        error,
        CallError::Host {
            api,
            error: HostError::MissingMethod {
                path: api.to_owned()
            }
        }
    );

    reset();
    script(api, "silent", "");
    let after = Duration::from_millis(30);
    let error = error_of(call_with_timeout::<A, _>(&host(), options, after).await);
    assert_eq!(
        error,
        CallError::Host {
            api,
            error: HostError::TimedOut { after }
        }
    );
}

/// The success of a call that must succeed.
fn success_of<T>(result: Result<T, CallError>) -> T {
    match result {
        Ok(success) => success,
        Err(error) => panic!("{error}"),
    }
}

/// The error of a call that must fail.
fn error_of<T>(result: Result<T, CallError>) -> CallError {
    match result {
        Ok(_) => panic!("the call succeeded; an error was expected"),
        Err(error) => error,
    }
}

/// Resolves after `milliseconds`, on the runtime's own timer.
async fn wait(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &milliseconds.into())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn wechat_get_user_info() {
    callback_contract::<WxGetUserInfo>(Case {
        options: WxGetUserInfo::options()
            .with_credentials(true)
            .lang(WxGetUserInfoLang::ZhCn)
            .build()
            .unwrap(),
        expected: serde_json::json!({ "withCredentials": true, "lang": "zh_CN" }),
        success: "wechat/getUserInfo/success-with-credentials.json",
        fail: "wechat/getUserInfo/fail-auth-deny.json",
        too_old: Some("0.9.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn wechat_get_user_profile() {
    let proof = AtLeast::<2, 10, 4>::check(Version::new(3, 60, 0)).unwrap();
    callback_contract::<WxGetUserProfile>(Case {
        options: WxGetUserProfile::options(proof, "用于完善会员资料")
            .lang(WxGetUserProfileLang::En)
            .build()
            .unwrap(),
        expected: serde_json::json!({ "desc": "用于完善会员资料", "lang": "en" }),
        success: "wechat/getUserProfile/success-anonymous.json",
        fail: "wechat/getUserProfile/fail-auth-deny.json",
        too_old: Some("2.9.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn douyin_get_user_info() {
    let real_name = AtLeast::<1, 80, 0>::check(Version::new(3, 60, 0)).unwrap();
    callback_contract::<TtGetUserInfo>(Case {
        options: TtGetUserInfo::options()
            .with_credentials(true)
            .with_real_name_authentication_info(real_name, true)
            .build()
            .unwrap(),
        expected: serde_json::json!({
            "withCredentials": true,
            "withRealNameAuthenticationInfo": true,
        }),
        success: "douyin/getUserInfo/success-with-credentials.json",
        fail: "douyin/getUserInfo/fail-auth-deny.json",
        too_old: Some("1.79.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn douyin_get_user_profile() {
    let since = AtLeast::<2, 30, 0>::check(Version::new(3, 60, 0)).unwrap();
    callback_contract::<TtGetUserProfile>(Case {
        options: TtGetUserProfile::options(since).build().unwrap(),
        expected: serde_json::json!({}),
        success: "douyin/getUserProfile/success-basic.json",
        fail: "douyin/getUserProfile/fail-cancel.json",
        too_old: Some("2.29.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn wechat_login() {
    callback_contract::<WxLogin>(Case {
        options: WxLogin::options().build().unwrap(),
        expected: serde_json::json!({}),
        success: "wechat/login/success-basic.json",
        fail: "wechat/login/fail-basic.json",
        // wx.login states no minimum: every base library has it.
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn douyin_login() {
    callback_contract::<TtLogin>(Case {
        options: TtLogin::options().build().unwrap(),
        expected: serde_json::json!({}),
        success: "douyin/login/success-logged-in.json",
        fail: "douyin/login/fail-host-login.json",
        too_old: Some("0.9.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn kuaishou_get_user_info() {
    callback_contract::<KsGetUserInfo>(Case {
        options: KsGetUserInfo::options()
            .with_credentials(true)
            .build()
            .unwrap(),
        expected: serde_json::json!({ "withCredentials": true }),
        success: "kuaishou/getUserInfo/success-with-credentials.json",
        fail: "kuaishou/getUserInfo/fail-auth-deny.json",
        too_old: Some("1.26.0"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn qq_get_user_info() {
    callback_contract::<QqGetUserInfo>(Case {
        options: QqGetUserInfo::options()
            .lang(QqGetUserInfoLang::ZhCn)
            .build()
            .unwrap(),
        expected: serde_json::json!({ "lang": "zh_CN" }),
        success: "qq/getUserInfo/success-with-credentials.json",
        fail: "qq/getUserInfo/fail-auth-deny.json",
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn qq_login() {
    callback_contract::<QqLogin>(Case {
        options: QqLogin::options().build().unwrap(),
        expected: serde_json::json!({}),
        success: "qq/login/success-basic.json",
        fail: "qq/login/fail-basic.json",
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn baidu_get_user_info() {
    // Baidu's payloads carry no discriminant: the callback that runs decides.
    callback_contract::<SwanGetUserInfo>(Case {
        options: SwanGetUserInfo::options().build().unwrap(),
        expected: serde_json::json!({}),
        success: "baidu/getUserInfo/success-with-data.json",
        fail: "baidu/getUserInfo/fail-user-deny.json",
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn baidu_login() {
    callback_contract::<SwanLogin>(Case {
        options: SwanLogin::options().timeout(5000.0).build().unwrap(),
        expected: serde_json::json!({ "timeout": 5000 }),
        success: "baidu/login/success-basic.json",
        fail: "baidu/login/fail-not-logged-in.json",
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn kuaishou_login() {
    callback_contract::<KsLogin>(Case {
        options: KsLogin::options().build().unwrap(),
        expected: serde_json::json!({}),
        success: "kuaishou/login/success-basic.json",
        // Undocumented for mini programs: the mini-game form, kept whole.
        fail: "kuaishou/login/fail-mini-game-form.json",
        // No version of its own; the platform's floor is 1.26.1.
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn alipay_get_auth_code() {
    callback_contract::<MyGetAuthCode>(Case {
        options: MyGetAuthCode::options()
            .scopes(vec!["auth_base", "auth_user"])
            .build()
            .unwrap(),
        expected: serde_json::json!({ "scopes": ["auth_base", "auth_user"] }),
        success: "alipay/getAuthCode/success-partial.json",
        fail: "alipay/getAuthCode/fail-cancelled.json",
        too_old: None,
    })
    .await;
}

#[wasm_bindgen_test]
async fn alipay_get_open_user_info() {
    let since = AtLeast::<1, 16, 4>::check(Version::new(3, 60, 0)).unwrap();
    callback_contract::<MyGetOpenUserInfo>(Case {
        options: MyGetOpenUserInfo::options(since).build().unwrap(),
        expected: serde_json::json!({}),
        success: "alipay/getOpenUserInfo/success-basic.json",
        fail: "alipay/getOpenUserInfo/fail-basic.json",
        too_old: Some("1.16.3"),
    })
    .await;
}

#[wasm_bindgen_test]
async fn emas_user_authorize() {
    const API: &str = "mpserverless.user.authorize";
    reset();
    let host =
        WasmHost::new().with_client("mpserverless", root("mpserverless"), Version::new(3, 1, 5));
    let options = EmasAuthorize::options()
        .auth_type(EmasAuthorizeAuthType::Anonymous)
        .build()
        .unwrap();
    script(
        API,
        "resolve",
        "mpserverless/user.authorize/success-basic.json",
    );
    let reply = call::<EmasAuthorize, _>(&host, &options).await.unwrap();
    assert!(reply.success);
    assert_eq!(
        one_valid_call(API),
        serde_json::json!({ "authType": "anonymous" })
    );
    // No token obtained: the SDK resolves `{ success: false }`.
    reset();
    let host =
        WasmHost::new().with_client("mpserverless", root("mpserverless"), Version::new(3, 1, 5));
    script(
        API,
        "resolve",
        "mpserverless/user.authorize/fail-no-token.json",
    );
    let error = call::<EmasAuthorize, _>(&host, &options).await.unwrap_err();
    assert!(matches!(error, CallError::Failure { .. }), "{error}");
}

#[wasm_bindgen_test]
async fn emas_user_get_info() {
    const API: &str = "mpserverless.user.getInfo";
    // An EMAS client is an object the app creates, with its SDK's version.
    let emas_host =
        || WasmHost::new().with_client("mpserverless", root("mpserverless"), Version::new(3, 1, 5));
    reset();
    let host = emas_host();
    let options = EmasGetUserInfo::options()
        .auth_provider(EmasGetUserInfoAuthProvider::Wechat)
        .build()
        .unwrap();

    // Resolve.
    script(
        API,
        "resolve",
        "mpserverless/user.getInfo/success-nested-user.json",
    );
    let reply = call::<EmasGetUserInfo, _>(&host, &options).await.unwrap();
    assert_eq!(
        reply.result.user_id().map(String::as_str),
        Some("5f3c2a1b0e9d8c7b6a594837")
    );
    assert_eq!(
        one_valid_call(API),
        serde_json::json!({ "authProvider": "wechat_openapi" })
    );
    assert_eq!(received()[0]["callbacks"], serde_json::json!([]));

    // A business failure: resolved with `success: false`.
    reset();
    let host = emas_host();
    script(
        API,
        "resolve",
        "mpserverless/user.getInfo/fail-not-authorized.json",
    );
    let error = call::<EmasGetUserInfo, _>(&host, &options)
        .await
        .unwrap_err();
    assert!(matches!(error, CallError::Failure { .. }), "{error}");

    // Rejected with the failure payload itself.
    script(
        API,
        "reject",
        "mpserverless/user.getInfo/fail-not-authorized.json",
    );
    let error = call::<EmasGetUserInfo, _>(&host, &options)
        .await
        .unwrap_err();
    assert!(matches!(error, CallError::Failure { .. }), "{error}");

    // Rejected with an Error: as the schema's `x-error-rejection` says.
    script(API, "reject-error", "");
    let error = call::<EmasGetUserInfo, _>(&host, &options)
        .await
        .unwrap_err();
    match EmasGetUserInfo::INFO.error_rejection {
        ErrorRejection::Failure => {
            assert!(matches!(error, CallError::Failure { .. }), "{error}")
        }
        ErrorRejection::HostError => assert!(
            matches!(&error, CallError::Host { error: HostError::Rejected { name, .. }, .. } if name == "UnauthorizedError"),
            "{error}"
        ),
    }
    script(API, "reject-error", "");
    let error = call::<EmasRejectingWithFailures, _>(&host, &options)
        .await
        .unwrap_err();
    match &error {
        CallError::Failure {
            detail, payload, ..
        } => {
            assert!(detail.contains("未进行用户授权"), "{detail}");
            assert_eq!(payload["code"], "InvalidAuthorization");
            assert_eq!(payload["name"], "UnauthorizedError");
        }
        other => panic!("{other:?}"),
    }
    // A network-level Error stays a host error for an API that says so.
    script(API, "reject-type-error", "");
    let error = call::<EmasRejectingWithHostErrors, _>(&host, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Host { error: HostError::Rejected { name, message }, .. }
            if name == "TypeError" && message == "Failed to fetch"),
        "{error}"
    );

    common_contract::<EmasGetUserInfo>(&emas_host, &options).await;
}

/// `mpserverless.user.getInfo` as a schema with `"x-error-rejection":
/// "failure"` generates it.
struct EmasRejectingWithFailures;

impl MiniProgramApi for EmasRejectingWithFailures {
    const INFO: ApiInfo = ApiInfo {
        error_rejection: ErrorRejection::Failure,
        ..EmasGetUserInfo::INFO
    };
    type Options = <EmasGetUserInfo as MiniProgramApi>::Options;
    type Success = <EmasGetUserInfo as MiniProgramApi>::Success;
    type Failure = <EmasGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

/// `mpserverless.user.getInfo` with `"x-error-rejection": "host-error"`.
struct EmasRejectingWithHostErrors;

impl MiniProgramApi for EmasRejectingWithHostErrors {
    const INFO: ApiInfo = ApiInfo {
        error_rejection: ErrorRejection::HostError,
        ..EmasGetUserInfo::INFO
    };
    type Options = <EmasGetUserInfo as MiniProgramApi>::Options;
    type Success = <EmasGetUserInfo as MiniProgramApi>::Success;
    type Failure = <EmasGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

/// `wx.getUserInfo` as a schema with the WeChat version getters generates it.
struct WxWithGetters;

impl MiniProgramApi for WxWithGetters {
    const INFO: ApiInfo = ApiInfo {
        version_getters: &[
            "getAppBaseInfo().SDKVersion",
            "getSystemInfoSync().SDKVersion",
        ],
        ..WxGetUserInfo::INFO
    };
    type Options = <WxGetUserInfo as MiniProgramApi>::Options;
    type Success = <WxGetUserInfo as MiniProgramApi>::Success;
    type Failure = <WxGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

#[wasm_bindgen_test]
async fn the_version_is_read_once_by_the_schemas_getters_in_order() {
    let options = WxGetUserInfo::options().build().unwrap();
    reset();
    set_version("wx", "2.16.1");
    let host = WasmHost::new();
    script(
        "wx.getUserInfo",
        "success",
        "wechat/getUserInfo/success-basic.json",
    );
    script(
        "wx.getUserInfo",
        "success",
        "wechat/getUserInfo/success-basic.json",
    );
    call::<WxWithGetters, _>(&host, &options).await.unwrap();
    call::<WxWithGetters, _>(&host, &options).await.unwrap();
    assert_eq!(version_reads(), 1, "read once, by the first getter");

    // An older client without getAppBaseInfo: the second getter.
    reset();
    remove("wx.getAppBaseInfo");
    set_version("wx", "0.9.0");
    let host = WasmHost::from_object("wx", root("wx"));
    let error = call::<WxWithGetters, _>(&host, &options).await.unwrap_err();
    assert!(
        matches!(&error, CallError::Unsupported { host, .. } if *host == Version::new(0, 9, 0)),
        "{error}"
    );

    // Neither getter: the error names both.
    reset();
    remove("wx.getAppBaseInfo");
    remove("wx.getSystemInfoSync");
    let error = call::<WxWithGetters, _>(&WasmHost::new(), &options)
        .await
        .unwrap_err();
    match error {
        CallError::Host {
            error: HostError::Version { root, reason },
            ..
        } => {
            assert_eq!(root, "wx");
            assert!(
                reason.contains("`getAppBaseInfo().SDKVersion` found no member `getAppBaseInfo`"),
                "{reason}"
            );
            assert!(reason.contains("getSystemInfoSync"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(received().is_empty());
}

/// Options for `wx.getUserInfo` that the platform does not accept.
#[derive(Debug, serde::Serialize)]
struct FrenchOptions {
    lang: &'static str,
}

impl ApiOptions for FrenchOptions {
    fn requirements(&self) -> Vec<Requirement> {
        Vec::new()
    }
}

struct WxGetUserInfoHandWritten;

impl MiniProgramApi for WxGetUserInfoHandWritten {
    const INFO: ApiInfo = WxGetUserInfo::INFO;
    type Options = FrenchOptions;
    type Success = <WxGetUserInfo as MiniProgramApi>::Success;
    type Failure = <WxGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

#[wasm_bindgen_test]
async fn options_the_schema_refuses_fail_in_the_simulator() {
    reset();
    script(
        "wx.getUserInfo",
        "success",
        "wechat/getUserInfo/success-basic.json",
    );
    let host = WasmHost::new().with_version("wx", Version::new(3, 0, 0));
    let error = call::<WxGetUserInfoHandWritten, _>(&host, &FrenchOptions { lang: "fr" })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Host { error: HostError::Threw { message, .. }, .. }
            if message.contains("do not match its schema's request part") && message.contains("/lang")),
        "{error}"
    );
    assert_eq!(received()[0]["valid"], false);
}

/// Options a user's `ApiOptions` impl writes as something other than an
/// object, holding text the user typed.
#[derive(Debug, serde::Serialize)]
struct NotAnObject(Vec<&'static str>);

impl ApiOptions for NotAnObject {
    fn requirements(&self) -> Vec<Requirement> {
        Vec::new()
    }
}

struct WxGetUserInfoNotAnObject;

impl MiniProgramApi for WxGetUserInfoNotAnObject {
    const INFO: ApiInfo = WxGetUserInfo::INFO;
    type Options = NotAnObject;
    type Success = <WxGetUserInfo as MiniProgramApi>::Success;
    type Failure = <WxGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

#[wasm_bindgen_test]
async fn options_that_are_no_object_are_refused_without_repeating_them() {
    reset();
    let host = WasmHost::new().with_version("wx", Version::new(3, 0, 0));
    let options = NotAnObject(vec!["what the user typed"]);
    let error = call::<WxGetUserInfoNotAnObject, _>(&host, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Host { error: HostError::Bridge { reason }, .. }
            if reason.contains("not a JSON object") && !reason.contains("typed")),
        "{error}"
    );
    assert!(
        !error.to_string().contains("what the user typed"),
        "{error}"
    );
    assert!(received().is_empty(), "nothing is invoked");
}

#[wasm_bindgen_test]
async fn a_missing_root_is_a_missing_method() {
    reset();
    let host = WasmHost::new().with_version("my", Version::new(2, 9, 7));
    struct MyGetUserInfo;
    impl MiniProgramApi for MyGetUserInfo {
        const INFO: ApiInfo = ApiInfo {
            namespace: "my",
            full_name: "my.getUserInfo",
            ..WxGetUserInfo::INFO
        };
        type Options = <WxGetUserInfo as MiniProgramApi>::Options;
        type Success = <WxGetUserInfo as MiniProgramApi>::Success;
        type Failure = <WxGetUserInfo as MiniProgramApi>::Failure;
        type Encrypted = ();
    }
    let options = WxGetUserInfo::options().build().unwrap();
    let error = call::<MyGetUserInfo, _>(&host, &options).await.unwrap_err();
    assert!(
        matches!(&error, CallError::Host { error: HostError::MissingMethod { path }, .. } if path == "my.getUserInfo"),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn a_dyn_host_calls_alike() {
    reset();
    set_version("wx", "3.0.0");
    script(
        "wx.getUserInfo",
        "fail",
        "wechat/getUserInfo/fail-auth-deny.json",
    );
    let host: Box<dyn mpkit::DynHost> =
        Box::new(WasmHost::new().with_version("wx", Version::new(3, 0, 0)));
    let options = WxGetUserInfo::options().build().unwrap();
    let error = call::<WxGetUserInfo, dyn mpkit::DynHost>(&*host, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Failure { detail, .. } if detail == "auth deny"),
        "{error}"
    );
}

/// Nothing is left behind per call or per host: after calls that succeed,
/// fail, call both callbacks, settle inside the call, throw, time out
/// (including callbacks and promises that never fire), and calls dropped
/// before they settle, each on a new host, no call is outstanding, and one
/// JavaScript reply function served them all (a closure per host or per
/// call would leak wherever `FinalizationRegistry` is missing).
#[wasm_bindgen_test]
async fn calls_leave_nothing_behind() {
    const API: &str = "wx.getUserInfo";
    let info = &WxGetUserInfo::INFO;
    let options = WxGetUserInfo::options().build().unwrap();
    let kinds = ["success", "fail", "both", "sync", "throw", "silent"];
    reset();
    for round in 0..60 {
        let kind = kinds[round % kinds.len()];
        let fixture = match kind {
            "fail" => "wechat/getUserInfo/fail-auth-deny.json",
            "throw" | "silent" => "",
            _ => "wechat/getUserInfo/success-basic.json",
        };
        script(API, kind, fixture);
        let host = host_for(info, "3.60.0");
        let result =
            call_with_timeout::<WxGetUserInfo, _>(&host, &options, Duration::from_millis(5)).await;
        match kind {
            "success" | "both" | "sync" => assert!(result.is_ok(), "{kind}: {result:?}"),
            "silent" => assert!(
                matches!(
                    &result,
                    Err(CallError::Host {
                        error: HostError::TimedOut { .. },
                        ..
                    })
                ),
                "{result:?}"
            ),
            _ => assert!(result.is_err(), "{kind}"),
        }
        assert_eq!(WasmHost::outstanding_calls(), 0, "after a {kind} call");
    }

    // A promise that never settles, on an EMAS client, timed out.
    let client = root("mpserverless");
    let emas = WasmHost::new().with_client("mpserverless", client, Version::new(3, 1, 5));
    let emas_options = EmasGetUserInfo::options().build().unwrap();
    for _ in 0..10 {
        script("mpserverless.user.getInfo", "silent", "");
        let result =
            call_with_timeout::<EmasGetUserInfo, _>(&emas, &emas_options, Duration::from_millis(5))
                .await;
        assert!(result.is_err());
    }
    assert_eq!(WasmHost::outstanding_calls(), 0);

    // Calls dropped while waiting (one with a timer, one without): counted
    // while their futures live, gone with them, and a late timer is harmless.
    script(API, "silent", "");
    script(API, "silent", "");
    let host = host_for(info, "3.60.0");
    let mut timed = Box::pin(call_with_timeout::<WxGetUserInfo, _>(
        &host,
        &options,
        Duration::from_millis(5),
    ));
    let mut untimed = Box::pin(call::<WxGetUserInfo, _>(&host, &options));
    std::future::poll_fn(|cx| {
        assert!(timed.as_mut().poll(cx).is_pending());
        assert!(untimed.as_mut().poll(cx).is_pending());
        std::task::Poll::Ready(())
    })
    .await;
    assert_eq!(WasmHost::outstanding_calls(), 2);
    drop(timed);
    drop(untimed);
    assert_eq!(WasmHost::outstanding_calls(), 0);
    wait(20).await;
    assert_eq!(WasmHost::outstanding_calls(), 0);
    assert_eq!(callback_errors_json(), "[]");

    assert_eq!(WasmHost::reply_functions_made(), 1);
}
