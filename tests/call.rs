//! The full call path through a host: version refusal before anything is
//! invoked (with a version per root), options written as the platform
//! expects them, callback or promise style from the schema, replies given as
//! JSON text decoded by the same decoders, structured host errors, timeouts,
//! rejections read as the schema says, and `dyn` hosts.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

#[path = "support/apis.rs"]
mod apis;

use std::time::Duration;

use apis::*;
use mpkit::{
    ApiInfo, ApiOptions, AtLeast, CallError, CallStyle, DynHost, ErrorRejection, HostError,
    HostReply, JsError, MiniProgramApi, Payload, Requirement, Version, call, call_with_timeout,
};
use mpkit_runtime::ReplayHost;
use serde_json::json;
use support::root;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(path)).unwrap()
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    pollster::block_on(future)
}

#[test]
fn success_reply_is_decoded_and_the_call_recorded() {
    let host = ReplayHost::new(Version::new(2, 16, 0)).reply_success_text(
        "wx.getUserInfo",
        fixture("wechat/getUserInfo/success-with-credentials.json"),
    );
    let options = WxGetUserInfo::options()
        .with_credentials(true)
        .lang(WxGetUserInfoLang::ZhCn)
        .build()
        .unwrap();
    let reply = block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap();
    assert_eq!(reply.user_info.nick_name, "Band");
    let calls = host.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].api, "wx.getUserInfo");
    assert_eq!(calls[0].style, CallStyle::Callback);
    assert_eq!(calls[0].timeout, None);
    assert_eq!(
        calls[0].options,
        json!({ "withCredentials": true, "lang": "zh_CN" })
    );
}

#[test]
fn replies_as_text_and_as_values_decode_alike() {
    let text = fixture("wechat/getUserInfo/success-basic.json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let host = ReplayHost::new(Version::new(2, 16, 0))
        .reply_success_text("wx.getUserInfo", text)
        .reply("wx.getUserInfo", HostReply::Success(Payload::Value(value)));
    let options = WxGetUserInfo::options().build().unwrap();
    let first = block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap();
    let second = block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap();
    assert_eq!(first.user_info.nick_name, second.user_info.nick_name);
}

#[test]
fn fail_callback_becomes_a_typed_failure_reported_once() {
    let host = ReplayHost::new(Version::new(2, 16, 0)).reply_fail_text(
        "wx.getUserInfo",
        fixture("wechat/getUserInfo/fail-auth-deny.json"),
    );
    let options = WxGetUserInfo::options().build().unwrap();
    let error = block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Failure { detail, .. } if detail == "auth deny"),
        "{error}"
    );
    assert_eq!(host.calls().len(), 1);
}

#[test]
fn promise_style_api_resolves_and_rejects_with_a_payload() {
    let host = ReplayHost::new(Version::new(1, 0, 0))
        .reply_success_text(
            "mpserverless.user.getInfo",
            fixture("mpserverless/user.getInfo/success-nested-user.json"),
        )
        .reply_fail_text(
            "mpserverless.user.getInfo",
            fixture("mpserverless/user.getInfo/fail-not-authorized.json"),
        );
    let options = EmasGetUserInfo::options()
        .auth_provider(EmasGetUserInfoAuthProvider::Wechat)
        .build()
        .unwrap();
    let first = block_on(call::<EmasGetUserInfo, _>(&host, &options)).unwrap();
    assert_eq!(
        first.result.user_id().map(String::as_str),
        Some("5f3c2a1b0e9d8c7b6a594837")
    );
    let second = block_on(call::<EmasGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(matches!(second, CallError::Failure { .. }), "{second}");
    let calls = host.calls();
    assert_eq!(
        calls.iter().map(|c| c.style).collect::<Vec<_>>(),
        [CallStyle::Promise, CallStyle::Promise]
    );
    assert_eq!(
        calls[0].options,
        json!({ "authProvider": "wechat_openapi" })
    );
}

/// `mpserverless.user.getInfo` as a schema with `"x-error-rejection":
/// "failure"` describes it, whatever the bundled schema says today.
struct EmasRejectingWithFailures;

impl MiniProgramApi for EmasRejectingWithFailures {
    // The error object's numeric `code` is read as the failure's code because
    // `x-outcome.codes` names it (EMAS's own schema names none: its codes are
    // text).
    const INFO: ApiInfo = ApiInfo {
        error_rejection: ErrorRejection::Failure,
        outcome: mpkit::Outcome::SuccessFlag {
            field: "success",
            codes: &["code"],
        },
        ..EmasGetUserInfo::INFO
    };
    type Options = <EmasGetUserInfo as MiniProgramApi>::Options;
    type Success = <EmasGetUserInfo as MiniProgramApi>::Success;
    type Failure = <EmasGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

/// What the EMAS SDK rejects with when nothing was authorized.
fn unauthorized() -> HostReply {
    HostReply::Rejected(JsError {
        name: "UnauthorizedError".to_owned(),
        message: "未进行用户授权".to_owned(),
        payload: Payload::Text(
            r#"{"name":"UnauthorizedError","message":"未进行用户授权","code":401}"#.to_owned(),
        ),
    })
}

#[test]
fn a_rejection_with_an_error_is_read_as_the_schema_says() {
    let api = "mpserverless.user.getInfo";
    let host = ReplayHost::new(Version::new(1, 0, 0))
        .reply(api, unauthorized())
        .reply(api, unauthorized());
    let options = EmasGetUserInfo::options().build().unwrap();

    match block_on(call::<EmasRejectingWithFailures, _>(&host, &options)) {
        Err(CallError::Failure {
            detail,
            code,
            payload,
            ..
        }) => {
            assert_eq!((detail.as_str(), code), ("未进行用户授权", Some(401)));
            assert_eq!(payload["name"], "UnauthorizedError");
        }
        other => panic!("{other:?}"),
    }

    let host_error = ApiInfo {
        error_rejection: ErrorRejection::HostError,
        ..EmasGetUserInfo::INFO
    };
    let error = block_on(call::<EmasGetUserInfo, _>(&host, &options)).unwrap_err();
    if EmasGetUserInfo::INFO == host_error {
        assert_eq!(
            error,
            CallError::Host {
                api,
                error: HostError::Rejected {
                    name: "UnauthorizedError".to_owned(),
                    message: "未进行用户授权".to_owned(),
                },
            }
        );
    } else {
        assert!(matches!(error, CallError::Failure { .. }), "{error}");
    }
}

#[test]
fn too_old_host_is_refused_before_anything_is_invoked() {
    let host = ReplayHost::new(Version::new(2, 9, 0)).reply_success_text(
        "wx.getUserProfile",
        fixture("wechat/getUserProfile/success-anonymous.json"),
    );
    // The app got a proof elsewhere (a different host); this host is older.
    let proof = AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
    let options = WxGetUserProfile::options(proof, "完善资料")
        .build()
        .unwrap();
    match block_on(call::<WxGetUserProfile, _>(&host, &options)) {
        Err(CallError::Unsupported {
            api,
            required,
            host: at,
            too_new,
        }) => {
            assert_eq!(
                (api, required, at),
                (
                    "wx.getUserProfile",
                    Version::new(2, 10, 4),
                    Version::new(2, 9, 0)
                )
            );
            assert_eq!(too_new.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        host.calls().is_empty(),
        "nothing may be invoked on a host that is too old"
    );
}

#[test]
fn each_root_has_its_own_version() {
    // `wx` is new enough for getUserProfile; the app's other roots are not.
    let host = ReplayHost::new(Version::new(1, 0, 0))
        .version_of("wx", Version::new(2, 16, 0))
        .reply_success_text(
            "wx.getUserProfile",
            fixture("wechat/getUserProfile/success-anonymous.json"),
        );
    let proof = AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
    let options = WxGetUserProfile::options(proof, "完善资料")
        .build()
        .unwrap();
    block_on(call::<WxGetUserProfile, _>(&host, &options)).unwrap();
    assert_eq!(WxGetUserProfile::INFO.root(), "wx");
    assert_eq!(EmasGetUserInfo::INFO.root(), "mpserverless");
}

#[test]
fn too_new_option_is_refused_and_named() {
    let proof = AtLeast::<1, 80, 0>::check(Version::new(1, 80, 0)).unwrap();
    let options = TtGetUserInfo::options()
        .with_real_name_authentication_info(proof, true)
        .build()
        .unwrap();
    // The API (1.0.0) is there; the option (1.80.0) is not.
    let host = ReplayHost::new(Version::new(1, 50, 0));
    let error = block_on(call::<TtGetUserInfo, _>(&host, &options)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "tt.getUserInfo: the host's base library 1.50.0 is too old for option `withRealNameAuthenticationInfo` (needs 1.80.0); leave it unset on this host, or set it only after checking the version"
    );
    assert!(host.calls().is_empty());
    // Below the API itself, the API is unavailable: said once, with no
    // word about options that do not matter on such a host.
    let host = ReplayHost::new(Version::new(0, 9, 0));
    let error = block_on(call::<TtGetUserInfo, _>(&host, &options)).unwrap_err();
    let shown = error.to_string();
    assert_eq!(
        shown,
        "tt.getUserInfo is unavailable on base library 0.9.0: it needs 1.0.0; check support before calling (`is_supported`), take another path on older hosts, or ask the user to update the app"
    );
    assert_eq!(options.check_host(Version::new(0, 9, 0)), Err(error));
    assert!(host.calls().is_empty());
}

#[test]
fn host_errors_are_structured() {
    let options = WxGetUserInfo::options().build().unwrap();
    let empty = ReplayHost::new(Version::new(2, 16, 0));
    let error = block_on(call::<WxGetUserInfo, _>(&empty, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Host { api: "wx.getUserInfo", error: HostError::Bridge { reason } } if reason.contains("no reply queued")),
        "{error}"
    );

    let missing = HostError::MissingMethod {
        path: "wx.getUserInfo".to_owned(),
    };
    let host = ReplayHost::new(Version::new(2, 16, 0)).error("wx.getUserInfo", missing.clone());
    let error = block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap_err();
    assert_eq!(
        error,
        CallError::Host {
            api: "wx.getUserInfo",
            error: missing
        }
    );
    assert!(error.to_string().contains("is not a function on this host"));
}

#[test]
fn a_callback_that_never_runs_times_out() {
    let host = ReplayHost::new(Version::new(2, 16, 0)).silent("wx.getUserInfo");
    let options = WxGetUserInfo::options().build().unwrap();
    let after = Duration::from_millis(250);
    let error = block_on(call_with_timeout::<WxGetUserInfo, _>(
        &host, &options, after,
    ))
    .unwrap_err();
    assert_eq!(
        error,
        CallError::Host {
            api: "wx.getUserInfo",
            error: HostError::TimedOut { after }
        }
    );
    assert_eq!(host.calls()[0].timeout, Some(after));
}

#[test]
fn a_fail_callback_with_an_ok_payload_is_a_broken_bridge() {
    let options = WxGetUserInfo::options().build().unwrap();
    let broken = ReplayHost::new(Version::new(2, 16, 0)).reply_fail_text(
        "wx.getUserInfo",
        fixture("wechat/getUserInfo/success-basic.json"),
    );
    let error = block_on(call::<WxGetUserInfo, _>(&broken, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Decode { reason, .. } if reason.contains("fail callback")),
        "{error}"
    );
}

#[test]
fn dyn_hosts_are_called_alike() {
    let host: Box<dyn DynHost> = Box::new(ReplayHost::new(Version::new(2, 16, 0)).reply_fail_text(
        "wx.getUserInfo",
        fixture("wechat/getUserInfo/fail-auth-deny.json"),
    ));
    let options = WxGetUserInfo::options().build().unwrap();
    let error = block_on(call::<WxGetUserInfo, dyn DynHost>(&*host, &options)).unwrap_err();
    assert!(matches!(error, CallError::Failure { .. }), "{error}");
}

/// Options whose hand-written `Serialize` fails.
#[derive(Debug)]
struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no JSON form"))
    }
}

impl ApiOptions for Unserializable {
    fn requirements(&self) -> Vec<Requirement> {
        Vec::new()
    }
}

struct HandWritten;

impl MiniProgramApi for HandWritten {
    const INFO: ApiInfo = WxGetUserInfo::INFO;
    type Options = Unserializable;
    type Success = <WxGetUserInfo as MiniProgramApi>::Success;
    type Failure = <WxGetUserInfo as MiniProgramApi>::Failure;
    type Encrypted = ();
}

#[test]
fn options_that_cannot_be_written_are_reported_and_nothing_is_invoked() {
    let host = ReplayHost::new(Version::new(2, 16, 0));
    let error = block_on(call::<HandWritten, _>(&host, &Unserializable)).unwrap_err();
    assert!(
        matches!(&error, CallError::Options { api: "wx.getUserInfo", reason } if reason.contains("no JSON form")),
        "{error}"
    );
    assert!(host.calls().is_empty());
}
