//! `profile()`: every bundled user-info API's payloads read into the one
//! `mpkit::Profile`, as each schema's `x-profile` maps them.

#![allow(clippy::panic)] // a test fails by panicking

mod support;

#[path = "support/apis.rs"]
mod apis;

use apis::*;
use mpkit::{Gender, MiniProgramApi, Profile};
use support::root;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn success<A: MiniProgramApi>(path: &str) -> A::Success {
    A::decode(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decrypted<A: MiniProgramApi>(path: &str) -> A::Encrypted
where
    A::Encrypted: serde::de::DeserializeOwned,
{
    serde_json::from_str(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn wechat_success_and_decrypted_data_make_one_profile() {
    let from_success =
        success::<WxGetUserInfo>("wechat/getUserInfo/success-with-credentials.json").profile();
    assert_eq!(from_success.platform, "wechat");
    assert_eq!(from_success.nickname.as_deref(), Some("Band"));
    assert_eq!(from_success.gender, Some(Gender::Male));
    assert_eq!(from_success.city.as_deref(), Some("Guangzhou"));
    assert_eq!(
        from_success.open_id, None,
        "the success payload has no openId"
    );
    assert!(!from_success.anonymous);
    let from_data = decrypted::<WxGetUserInfo>("wechat/getUserInfo/encrypted.json").profile();
    assert_eq!(
        from_data.open_id.as_deref(),
        Some("oGZUI0egBJY1zhBYw2KhdUfwVJJE")
    );
    assert_eq!(
        from_data.union_id.as_deref(),
        Some("ocMvos6NjeKLIBqg5Mr9QjxrP1FA")
    );
    let profile = from_success.or(from_data);
    assert_eq!(profile.nickname.as_deref(), Some("Band"));
    assert!(profile.open_id.is_some() && profile.union_id.is_some());
}

#[test]
fn wechat_anonymous_data_is_recognised_as_anonymous() {
    let profile = success::<WxGetUserInfo>("wechat/getUserInfo/success-anonymous.json").profile();
    assert!(profile.anonymous, "{profile:?}");
    assert_eq!(profile.gender, Some(Gender::Unknown));
    let profile =
        success::<WxGetUserProfile>("wechat/getUserProfile/success-anonymous.json").profile();
    assert!(profile.anonymous, "{profile:?}");
}

#[test]
fn a_gender_sent_as_text_means_the_same() {
    // `"gender": "2"`: the number-as-string quirk reads it as 2, female.
    let profile =
        success::<WxGetUserInfo>("wechat/getUserInfo/success-gender-string.json").profile();
    assert_eq!(profile.gender, Some(Gender::Female));
    let profile =
        decrypted::<KsGetUserInfo>("kuaishou/getUserInfo/encrypted-gender-string.json").profile();
    assert_eq!(profile.gender, Some(Gender::Female), "{profile:?}");
}

#[test]
fn every_platform_fills_what_it_has_and_nothing_else() {
    let douyin: Profile =
        success::<TtGetUserInfo>("douyin/getUserInfo/success-with-credentials.json").profile();
    assert_eq!(douyin.platform, "douyin");
    assert!(douyin.nickname.is_some() && douyin.avatar_url.is_some());
    let douyin_data = decrypted::<TtGetUserInfo>("douyin/getUserInfo/encrypted.json").profile();
    assert!(douyin_data.open_id.is_some());
    assert_eq!(
        douyin_data.union_id, None,
        "Douyin's decrypted data documents no unionId"
    );

    let kuaishou = decrypted::<KsGetUserInfo>("kuaishou/getUserInfo/encrypted.json").profile();
    assert_eq!(kuaishou.platform, "kuaishou");
    assert_eq!(kuaishou.gender, Some(Gender::Male));
    assert_eq!(
        kuaishou.open_id.as_deref(),
        Some("f0e1d2c3b4a5968778695a4b3c2d1e0f")
    );
    assert!(
        !kuaishou.anonymous,
        "Kuaishou's schema names no placeholder profile"
    );

    let qq = success::<QqGetUserInfo>("qq/getUserInfo/success-with-credentials.json").profile();
    assert_eq!(qq.platform, "qq");
    assert!(qq.nickname.is_some());

    let emas = success::<EmasGetUserInfo>("mpserverless/user.getInfo/success-flat.json").profile();
    assert_eq!(emas.platform, "mpserverless");
    assert_eq!(emas.user_id.as_deref(), Some("5f3c2a1b0e9d8c7b6a594837"));
    assert_eq!(emas.nickname, None);
    assert_eq!(emas.gender, None);
}
