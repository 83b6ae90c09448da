//! Generated options: typed setters, defaults, every violated rule in one
//! BuildError, exact JSON, and version gating at run time and through proofs.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

#[path = "support/apis.rs"]
mod apis;

use apis::*;
use mpkit::{AtLeast, CallError, MiniProgramApi, Problem, Version};
use serde_json::json;

#[test]
fn to_json_is_exactly_what_was_set_under_platform_names() {
    let options = WxGetUserInfo::options()
        .with_credentials(true)
        .lang(WxGetUserInfoLang::ZhCn)
        .build()
        .unwrap();
    assert_eq!(
        options.to_json(),
        json!({ "withCredentials": true, "lang": "zh_CN" })
    );
    let empty = WxGetUserInfo::options().build().unwrap();
    assert_eq!(empty.to_json(), json!({}));
    let emas = EmasGetUserInfo::options()
        .auth_provider(EmasGetUserInfoAuthProvider::Wechat)
        .build()
        .unwrap();
    assert_eq!(emas.to_json(), json!({ "authProvider": "wechat_openapi" }));
    let real_name = AtLeast::<1, 80, 0>::check(Version::new(1, 80, 0)).unwrap();
    let tt = TtGetUserInfo::options()
        .with_credentials(true)
        .with_real_name_authentication_info(real_name, true)
        .build()
        .unwrap();
    assert_eq!(
        tt.to_json(),
        json!({ "withCredentials": true, "withRealNameAuthenticationInfo": true })
    );
}

#[test]
fn json_text_is_serde_json_text_byte_for_byte() {
    let wx = WxGetUserInfo::options()
        .with_credentials(false)
        .lang(WxGetUserInfoLang::ZhTw)
        .build()
        .unwrap();
    assert_eq!(
        wx.to_json_string(),
        r#"{"withCredentials":false,"lang":"zh_TW"}"#
    );
    let empty = WxGetUserInfo::options().build().unwrap();
    assert_eq!(empty.to_json_string(), "{}");
    let emas = EmasGetUserInfo::options()
        .auth_provider(EmasGetUserInfoAuthProvider::Dingtalk)
        .build()
        .unwrap();
    let real_name = AtLeast::<1, 80, 0>::check(Version::new(1, 80, 0)).unwrap();
    let tt = TtGetUserInfo::options()
        .with_real_name_authentication_info(real_name, true)
        .build()
        .unwrap();
    for (text, serde_text) in [
        (wx.to_json_string(), serde_json::to_string(&wx)),
        (emas.to_json_string(), serde_json::to_string(&emas)),
        (tt.to_json_string(), serde_json::to_string(&tt)),
    ] {
        assert_eq!(text, serde_text.unwrap());
    }
}

#[test]
fn getters_apply_the_documented_defaults() {
    let options = WxGetUserInfo::options().build().unwrap();
    assert_eq!(options.lang(), WxGetUserInfoLang::En);
    assert_eq!(
        options.with_credentials(),
        None,
        "wx.getUserInfo documents no default for withCredentials"
    );
    let tt = TtGetUserInfo::options().build().unwrap();
    assert!(!tt.with_credentials() && !tt.with_real_name_authentication_info());
    let emas = EmasGetUserInfo::options().build().unwrap();
    assert_eq!(emas.auth_provider(), EmasGetUserInfoAuthProvider::Alipay);
    assert_eq!(
        EmasGetUserInfoAuthProvider::Dingtalk.as_str(),
        "dingtalk_openapi"
    );
    let since = AtLeast::<2, 30, 0>::check(Version::new(2, 30, 0)).unwrap();
    let profile = TtGetUserProfile::options(since).build().unwrap();
    assert!(!profile.force());
}

#[test]
fn required_option_is_a_constructor_argument_and_its_rules_are_checked() {
    let proof = AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
    let ok = WxGetUserProfile::options(proof, "用于完善会员资料")
        .lang(WxGetUserProfileLang::ZhTw)
        .build()
        .unwrap();
    assert_eq!(ok.desc(), "用于完善会员资料");
    assert_eq!(
        ok.to_json(),
        json!({ "lang": "zh_TW", "desc": "用于完善会员资料" })
    );

    // 31 characters (not bytes) is one too many; an empty desc is too short.
    let long = "我".repeat(31);
    let error = WxGetUserProfile::options(proof, long).build().unwrap_err();
    assert_eq!(error.violations().len(), 1);
    assert_eq!(error.violations()[0].field, "desc");
    assert_eq!(
        error.violations()[0].problem,
        Problem::Invalid {
            reason: "must be at most 30 characters, got 31".to_owned()
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("1 problem in the options of wx.getUserProfile:")
    );
    assert!(
        WxGetUserProfile::options(proof, "我".repeat(30))
            .build()
            .is_ok()
    );
    // Around the byte-length shortcut: the rules count characters whatever
    // the mix of one- and multi-byte text.
    for (desc, ok) in [
        ("a".repeat(30), true),
        ("a".repeat(31), false),
        ("我".to_owned(), true),
        ("ab".to_owned(), true),
        (format!("{}é", "a".repeat(29)), true),
        (format!("{}é", "a".repeat(30)), false),
        ("😀".repeat(30), true),
        ("😀".repeat(31), false),
    ] {
        let built = WxGetUserProfile::options(proof, desc.clone()).build();
        assert_eq!(
            built.is_ok(),
            ok,
            "{desc:?} ({} characters)",
            desc.chars().count()
        );
    }
    let empty = WxGetUserProfile::options(proof, "").build().unwrap_err();
    assert!(
        empty
            .to_string()
            .contains("`desc` must be at least 1 character, got 0"),
        "{empty}"
    );
}

#[test]
fn api_newer_than_min_version_takes_a_proof() {
    // wx.getUserProfile needs 2.10.4; the app declared 2.9.0.
    let old_host = Version::new(2, 9, 9);
    let refused = AtLeast::<2, 10, 4>::check(old_host).unwrap_err();
    assert_eq!(
        (refused.required, refused.host),
        (Version::new(2, 10, 4), old_host)
    );
    assert!(
        refused
            .to_string()
            .contains("older than the required 2.10.4")
    );
    assert!(!WxGetUserProfile::is_supported(&old_host));
    assert!(WxGetUserProfile::is_supported(&"2.10.4".parse().unwrap()));
}

#[test]
fn without_min_version_the_platform_floor_needs_no_proof() {
    // No declared minimum, but every WeChat host has base library 1.0.0
    // (`x-platform-floor`): wx.getUserInfo (1.0.0) takes no proof.
    assert!(WxGetUserInfoUngated::options().build().is_ok());
    // Its `lang` option (1.4.0) is newer than the floor, and takes one.
    let lang = AtLeast::<1, 4, 0>::check(Version::new(1, 4, 0)).unwrap();
    let options = WxGetUserInfoUngated::options()
        .lang(lang, WxGetUserInfoUngatedLang::En)
        .build()
        .unwrap();
    assert_eq!(options.to_json(), json!({ "lang": "en" }));
    // A newer proof serves for an older requirement through `weaken()`,
    // whose version the setter's parameter infers.
    let newer = AtLeast::<2, 10, 4>::check(Version::new(3, 0, 0)).unwrap();
    let options = WxGetUserInfoUngated::options()
        .lang(newer.weaken(), WxGetUserInfoUngatedLang::ZhCn)
        .with_credentials(newer.weaken(), true)
        .build()
        .unwrap();
    assert_eq!(
        options.to_json(),
        json!({ "withCredentials": true, "lang": "zh_CN" })
    );
    // So does a check whose version is left to inference.
    let options = WxGetUserInfoUngated::options()
        .lang(
            AtLeast::check(Version::new(1, 4, 0)).unwrap(),
            WxGetUserInfoUngatedLang::En,
        )
        .build()
        .unwrap();
    assert_eq!(options.lang(), WxGetUserInfoUngatedLang::En);
}

#[test]
fn plugin_context_raises_the_requirement() {
    assert_eq!(
        <WxGetUserInfoInPlugin as MiniProgramApi>::INFO.since,
        Some(Version::new(2, 3, 1))
    );
    assert_eq!(
        <WxGetUserInfo as MiniProgramApi>::INFO.since,
        Some(Version::new(1, 0, 0))
    );
    assert!(!WxGetUserInfoInPlugin::is_supported(&Version::new(2, 3, 0)));
    assert!(WxGetUserInfoInPlugin::is_supported(&Version::new(2, 3, 1)));
    assert!(WxGetUserInfo::is_supported(&Version::new(2, 3, 0)));
    // min_version 2.0.0 is below 2.3.1: building the options takes a proof.
    let proof = AtLeast::<2, 3, 1>::check(Version::new(2, 4, 0)).unwrap();
    assert!(WxGetUserInfoInPlugin::options(proof).build().is_ok());
}

#[test]
fn check_host_names_everything_too_new() {
    let proof = AtLeast::<2, 10, 4>::check(Version::new(2, 10, 4)).unwrap();
    let options = WxGetUserProfile::options(proof, "头像昵称")
        .build()
        .unwrap();
    assert!(options.check_host(Version::new(2, 10, 4)).is_ok());
    match options.check_host(Version::new(2, 8, 0)) {
        Err(CallError::Unsupported {
            api,
            required,
            host,
            too_new,
        }) => {
            assert_eq!(
                (api, required, host),
                (
                    "wx.getUserProfile",
                    Version::new(2, 10, 4),
                    Version::new(2, 8, 0)
                )
            );
            assert_eq!(too_new.len(), 1);
            assert_eq!(too_new[0].item, "wx.getUserProfile");
        }
        other => panic!("{other:?}"),
    }
    // Douyin options carry their own minimum (1.0.0, 1.80.0): a host below it is told so per option.
    let real_name = AtLeast::<1, 80, 0>::check(Version::new(1, 80, 0)).unwrap();
    let tt = TtGetUserInfo::options()
        .with_credentials(true)
        .with_real_name_authentication_info(real_name, true)
        .build()
        .unwrap();
    match tt.check_host(Version::new(0, 9, 0)) {
        Err(CallError::Unsupported { too_new, .. }) => {
            let items: Vec<&str> = too_new.iter().map(|r| r.item.as_ref()).collect();
            assert_eq!(
                items,
                [
                    "tt.getUserInfo",
                    "option `withCredentials`",
                    "option `withRealNameAuthenticationInfo`"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    // Unset options are not requirements.
    let bare = TtGetUserInfo::options().build().unwrap();
    match bare.check_host(Version::new(0, 9, 0)) {
        Err(CallError::Unsupported { too_new, .. }) => assert_eq!(too_new.len(), 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn api_facts_come_from_the_schema() {
    let info = <EmasGetUserInfo as MiniProgramApi>::INFO;
    assert_eq!(info.full_name, "mpserverless.user.getInfo");
    assert_eq!(info.call_style, mpkit::CallStyle::Promise);
    assert_eq!(info.since, None);
    assert!(EmasGetUserInfo::is_supported(&Version::new(0, 0, 1)));
    let profile = <WxGetUserProfile as MiniProgramApi>::INFO;
    assert_eq!(profile.call_style, mpkit::CallStyle::CallbackOrPromise);
    assert_eq!(
        (profile.namespace, profile.method),
        ("wx", "getUserProfile")
    );
}

/// A user schema (tests/ui/schemas/gated.json) with pattern and range rules.
#[derive(mpkit::MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/gated.json", min_version = "2.0.0")]
pub struct ExGetUserInfo;

#[test]
fn pattern_and_range_rules_are_checked_all_at_once() {
    let ok = ExGetUserInfo::options()
        .handle("alice")
        .count(10)
        .ratio(1.5)
        .build()
        .unwrap();
    assert_eq!(
        ok.to_json(),
        json!({ "handle": "alice", "count": 10, "ratio": 1.5 })
    );
    let error = ExGetUserInfo::options()
        .handle("Alice_123")
        .count(0)
        .ratio(2.0)
        .build()
        .unwrap_err();
    let shown: Vec<String> = error.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "`handle` must be at most 8 characters, got 9",
            "`handle` must match the pattern \"^[a-z]+$\"",
            "`count` must be at least 1, got 0",
            "`ratio` must be at most 1.5, got 2",
        ]
    );
    assert!(ExGetUserInfo::options().count(11).build().is_err());
}

/// The hostile schema the ui test compiles; here its rules run.
#[derive(MiniProgramApi)]
#[mini_program(schema = "tests/ui/schemas/hostile-names.json")]
pub struct Hostile;

#[test]
fn decimal_bounds_on_an_integer_option_are_kept_as_a_validator_reads_them() {
    // `minimum: 1.5` admits 2 and up, `maximum: 1e3` is 1000. Before, both
    // rules were dropped for not being written as integers.
    let built = |count| Hostile::options().count(count).build();
    assert!(built(2).is_ok());
    assert!(built(1000).is_ok());
    for refused in [1, 1001, -5] {
        let error = built(refused).unwrap_err();
        assert!(error.to_string().contains("count"), "{error}");
    }
    assert_eq!(
        Hostile::options()
            .level(HostileLevel::Neg1)
            .build()
            .unwrap()
            .to_json(),
        json!({ "level": -1 })
    );
    assert_eq!(
        Hostile::options()
            .word(HostileWord::V)
            .build()
            .unwrap()
            .to_json(),
        json!({ "word": "½" })
    );
}

#[test]
fn a_number_option_is_finite() {
    // NaN passed `maximum` (every comparison with NaN is false) and was
    // written as `null`, which the schema refuses.
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let error = ExGetUserInfo::options().ratio(value).build().unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`ratio` must be a finite number"),
            "{value}: {error}"
        );
    }
}

#[test]
fn login_options_and_their_gates() {
    // wx.login: `timeout` needs 1.9.90, below this app's 2.10.4: no proof.
    let wx = WxLogin::options().timeout(10_000.0).build().unwrap();
    assert_eq!(wx.to_json(), json!({ "timeout": 10000.0 }));
    assert_eq!(WxLogin::options().build().unwrap().to_json(), json!({}));
    // Without a declared minimum, the option takes a proof of 1.9.90.
    let proof = AtLeast::<1, 9, 90>::check(Version::new(1, 9, 90)).unwrap();
    assert!(
        WxLoginUngated::options()
            .timeout(proof, 5.0)
            .build()
            .is_ok()
    );
    assert!(AtLeast::<1, 9, 90>::check(Version::new(1, 9, 9)).is_err());
    // The API itself has no documented minimum, so it is not gated; the
    // plugin context has its own.
    assert_eq!(<WxLogin as MiniProgramApi>::INFO.since, None);
    assert!(WxLogin::is_supported(&Version::new(1, 0, 0)));
    // tt.login: force defaults to true.
    let tt = TtLogin::options().build().unwrap();
    assert!(tt.force());
    assert_eq!(tt.to_json(), json!({}));
    let tt = TtLogin::options().force(false).build().unwrap();
    assert_eq!(tt.to_json(), json!({ "force": false }));
    // qq.login: no version documented, nothing gated.
    let qq = QqLogin::options().timeout(5000.0).build().unwrap();
    assert_eq!(qq.to_json(), json!({ "timeout": 5000.0 }));
}

#[test]
fn kuaishou_and_qq_user_info_options() {
    let ks = KsGetUserInfo::options()
        .with_credentials(true)
        .build()
        .unwrap();
    assert_eq!(ks.to_json(), json!({ "withCredentials": true }));
    assert!(!KsGetUserInfo::options().build().unwrap().with_credentials());
    assert_eq!(
        <KsGetUserInfo as MiniProgramApi>::INFO.since,
        Some(Version::new(1, 26, 1))
    );
    assert!(!KsGetUserInfo::is_supported(&Version::new(1, 26, 0)));
    let qq = QqGetUserInfo::options()
        .with_credentials(true)
        .lang(QqGetUserInfoLang::ZhCn)
        .build()
        .unwrap();
    assert_eq!(
        qq.to_json(),
        json!({ "withCredentials": true, "lang": "zh_CN" })
    );
}

#[test]
fn alipay_scopes_take_one_scope_or_a_list() {
    // `scopes` is a string or a list of strings: kept as checked JSON, so
    // both forms are given as they are and anything else is refused.
    let one = MyGetAuthCode::options()
        .scopes("auth_user")
        .build()
        .unwrap();
    assert_eq!(one.to_json(), json!({ "scopes": "auth_user" }));
    let list = MyGetAuthCode::options()
        .scopes(vec!["auth_base", "auth_user"])
        .build()
        .unwrap();
    assert_eq!(
        list.to_json(),
        json!({ "scopes": ["auth_base", "auth_user"] })
    );
    let error = MyGetAuthCode::options().scopes(1).build().unwrap_err();
    assert!(error.to_string().contains("scopes"), "{error}");
    let error = MyGetAuthCode::options()
        .scopes(vec![1, 2])
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("scopes"), "{error}");
    // Unset, the platform's default (auth_base) applies and nothing is sent.
    assert_eq!(
        MyGetAuthCode::options().build().unwrap().to_json(),
        json!({})
    );
}

#[test]
fn a_number_option_takes_an_integer_too() {
    // `timeout` is a JSON number: 5000 and 5000.0 are the same option.
    let from_integer = SwanLogin::options().timeout(5000).build().unwrap();
    let from_float = SwanLogin::options().timeout(5000.0).build().unwrap();
    assert_eq!(from_integer, from_float);
    assert_eq!(from_integer.timeout(), Some(5000.0));
    let from_u32 = WxLogin::options().timeout(3000_u32).build().unwrap();
    assert_eq!(from_u32.to_json(), json!({ "timeout": 3000.0 }));
}

#[test]
fn emas_authorize_options_take_the_sdks_values() {
    let anonymous = EmasAuthorize::options()
        .auth_type(EmasAuthorizeAuthType::Anonymous)
        .build()
        .unwrap();
    assert_eq!(anonymous.to_json(), json!({ "authType": "anonymous" }));
    let wechat = EmasAuthorize::options()
        .auth_provider(EmasAuthorizeAuthProvider::Wechat)
        .build()
        .unwrap();
    assert_eq!(
        wechat.to_json(),
        json!({ "authProvider": "wechat_openapi" })
    );
    // The SDK's DEFAULT auth type is the empty string.
    assert_eq!(EmasAuthorizeAuthType::Default.as_str(), "");
}
