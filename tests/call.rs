//! The full call path through a host: version refusal before anything is
//! invoked, options serialized as the platform expects, callback or promise
//! style from the schema, and the reply decoded by the same decoders.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

#[path = "support/apis.rs"]
mod apis;

use apis::*;
use mpkit::{AtLeast, CallError, CallStyle, Version, call};
use mpkit_runtime::{HostReply, ReplayHost};
use serde_json::json;
use support::root;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(path)).unwrap()
}

#[test]
fn success_reply_is_decoded_and_the_call_recorded() {
    let host = ReplayHost::new(Version::new(2, 16, 0))
        .reply_success_text(
            "wx.getUserInfo",
            &fixture("wechat/getUserInfo/success-with-credentials.json"),
        )
        .unwrap();
    let options = WxGetUserInfo::options()
        .with_credentials(true)
        .lang(WxGetUserInfoLang::ZhCn)
        .build()
        .unwrap();
    let reply = pollster::block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap();
    assert_eq!(reply.user_info.nick_name, "Band");
    let calls = host.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].api, "wx.getUserInfo");
    assert_eq!(calls[0].style, CallStyle::Callback);
    assert_eq!(
        calls[0].options,
        json!({ "withCredentials": true, "lang": "zh_CN" })
    );
}

#[test]
fn fail_callback_becomes_a_typed_failure_reported_once() {
    let host = ReplayHost::new(Version::new(2, 16, 0))
        .reply_fail_text(
            "wx.getUserInfo",
            &fixture("wechat/getUserInfo/fail-auth-deny.json"),
        )
        .unwrap();
    let options = WxGetUserInfo::options().build().unwrap();
    let error = pollster::block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Failure { detail, .. } if detail == "auth deny"),
        "{error}"
    );
    assert_eq!(host.calls().len(), 1);
}

#[test]
fn promise_style_api_resolves_and_rejects() {
    let host = ReplayHost::new(Version::new(1, 0, 0))
        .reply_success_text(
            "mpserverless.user.getInfo",
            &fixture("mpserverless/user.getInfo/success-nested-user.json"),
        )
        .unwrap()
        .reply_fail_text(
            "mpserverless.user.getInfo",
            &fixture("mpserverless/user.getInfo/fail-not-authorized.json"),
        )
        .unwrap();
    let options = EmasGetUserInfo::options()
        .auth_provider(EmasGetUserInfoAuthProvider::Wechat)
        .build()
        .unwrap();
    let first = pollster::block_on(call::<EmasGetUserInfo, _>(&host, &options)).unwrap();
    assert_eq!(
        first.result.user_id().map(String::as_str),
        Some("5f3c2a1b0e9d8c7b6a594837")
    );
    let second = pollster::block_on(call::<EmasGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(matches!(second, CallError::Failure { .. }));
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

#[test]
fn too_old_host_is_refused_before_anything_is_invoked() {
    let host = ReplayHost::new(Version::new(2, 9, 0))
        .reply_success_text(
            "wx.getUserProfile",
            &fixture("wechat/getUserProfile/success-anonymous.json"),
        )
        .unwrap();
    // The app got a proof elsewhere (a different host); this host is older.
    let proof = AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
    let options = WxGetUserProfile::options(proof, "完善资料")
        .build()
        .unwrap();
    match pollster::block_on(call::<WxGetUserProfile, _>(&host, &options)) {
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
fn too_new_option_is_refused_and_named() {
    let host = ReplayHost::new(Version::new(0, 9, 0));
    // A proof for another host (1.80.0) says nothing about this one (0.9.0).
    let proof = AtLeast::<1, 80, 0>::check(Version::new(1, 80, 0)).unwrap();
    let options = TtGetUserInfo::options()
        .with_real_name_authentication_info(true, proof)
        .build()
        .unwrap();
    let error = pollster::block_on(call::<TtGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("option `withRealNameAuthenticationInfo` (needs 1.80.0)"),
        "{error}"
    );
    assert!(host.calls().is_empty());
}

#[test]
fn host_errors_and_broken_bridges_are_reported() {
    let host = ReplayHost::new(Version::new(2, 16, 0));
    let options = WxGetUserInfo::options().build().unwrap();
    let error = pollster::block_on(call::<WxGetUserInfo, _>(&host, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Host { api: "wx.getUserInfo", reason } if reason.contains("no reply queued")),
        "{error}"
    );

    // A fail callback carrying an ok errMsg is a broken bridge, not a success.
    let broken = ReplayHost::new(Version::new(2, 16, 0)).reply(
        "wx.getUserInfo",
        HostReply::Fail(
            serde_json::from_str(&fixture("wechat/getUserInfo/success-basic.json")).unwrap(),
        ),
    );
    let error = pollster::block_on(call::<WxGetUserInfo, _>(&broken, &options)).unwrap_err();
    assert!(
        matches!(&error, CallError::Decode { reason, .. } if reason.contains("fail callback")),
        "{error}"
    );
}
