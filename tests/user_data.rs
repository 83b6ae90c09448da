//! One server code path over every platform's signed and encrypted user
//! data: the generated `EncryptedUserData` and `ToProfile` impls, driven by
//! the credential fixtures that Python's `cryptography` sealed
//! (scripts/make_credential_fixtures.py), whatever scheme each schema names.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

#[path = "support/apis.rs"]
mod apis;
mod support;

use apis::{KsGetUserInfo, QqGetUserInfo, SwanGetUserInfo, TtGetUserInfo, WxGetUserInfo};
use std::time::Duration;

use mpkit::crypto::{AppCheck, CryptoErrorKind, EncryptedUserData, SessionKey, Signature};
use mpkit::{MiniProgramApi, Profile, ToProfile};
use serde_json::Value;
use support::{read_json, root};

/// What a server learns from one payload, through the traits alone.
struct Opened {
    signature: Signature,
    check: AppCheck,
    profile: Profile,
}

/// The server's code path: decode, check the signature, decrypt for the
/// app the scheme checks against, and read one profile.
fn open<A>(payload: &str, key: &SessionKey, app: &str) -> Result<Opened, CryptoErrorKind>
where
    A: MiniProgramApi,
    A::Success: EncryptedUserData + ToProfile,
    <A::Success as EncryptedUserData>::Decrypted: ToProfile,
{
    let reply = A::decode(payload).unwrap_or_else(|e| panic!("{e}"));
    let signature = reply.check_signature(key).map_err(|e| e.kind())?;
    let decrypted = reply.decrypt_for(key, app).map_err(|e| e.kind())?;
    Ok(Opened {
        signature,
        check: <A::Success as EncryptedUserData>::APP_CHECK,
        profile: reply.profile().or(decrypted.profile()),
    })
}

type Opener = fn(&str, &SessionKey, &str) -> Result<Opened, CryptoErrorKind>;

/// Each credentials fixture, its API's opener, and the member of its
/// decrypted data that holds the openId.
const PLATFORMS: &[(&str, Opener, &str)] = &[
    ("wechat", open::<WxGetUserInfo>, "openId"),
    ("douyin", open::<TtGetUserInfo>, "openId"),
    ("qq", open::<QqGetUserInfo>, "openId"),
    ("kuaishou", open::<KsGetUserInfo>, "openId"),
    ("baidu", open::<SwanGetUserInfo>, "openid"),
];

fn credentials(platform: &str) -> (Value, String, SessionKey) {
    let credentials = read_json(&root().join(format!(
        "tests/fixtures/crypto/credentials-{platform}-getUserInfo.json"
    )));
    let payload = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(credentials["payload"].as_str().unwrap()),
    )
    .unwrap();
    let key = SessionKey::from_base64(credentials["session_key"].as_str().unwrap()).unwrap();
    (credentials, payload, key)
}

/// The app a credentials file says the data was issued to, and how.
fn app_of(credentials: &Value) -> (AppCheck, &str) {
    if let Some(appid) = credentials["appid"].as_str() {
        (AppCheck::AppId, appid)
    } else if let Some(app_key) = credentials["app_key"].as_str() {
        (AppCheck::AppKey, app_key)
    } else {
        assert_eq!(credentials["watermark"], "none");
        (AppCheck::Nothing, "")
    }
}

#[test]
fn every_platform_opens_through_the_same_code_path() {
    let listed: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/crypto"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("credentials-") && name.ends_with("-getUserInfo.json"))
        .collect();
    assert_eq!(
        listed.len(),
        PLATFORMS.len(),
        "a fixture without a test: {listed:?}"
    );
    for &(platform, open, open_id_member) in PLATFORMS {
        let (credentials, payload, key) = credentials(platform);
        let (check, app) = app_of(&credentials);
        let opened = open(&payload, &key, app).unwrap_or_else(|e| panic!("{platform}: {e:?}"));
        assert_eq!(opened.check, check, "{platform}");
        let signed = serde_json::from_str::<Value>(&payload).unwrap()["signature"].is_string();
        let expected = if signed {
            Signature::Verified
        } else {
            Signature::Unsigned
        };
        assert_eq!(opened.signature, expected, "{platform}");
        let decrypted = read_json(&root().join(format!(
            "tests/fixtures/{platform}/getUserInfo/encrypted.json"
        )));
        assert_eq!(
            opened.profile.open_id.as_deref(),
            decrypted[open_id_member].as_str(),
            "{platform}"
        );
        assert!(opened.profile.nickname.is_some(), "{platform}");
        assert!(!opened.profile.anonymous, "{platform}");
    }
}

#[test]
fn another_app_is_refused_where_the_scheme_names_the_app() {
    for &(platform, open, _) in PLATFORMS {
        let (credentials, payload, key) = credentials(platform);
        let (check, _) = app_of(&credentials);
        let result = open(&payload, &key, "not-this-app");
        match check {
            AppCheck::AppId | AppCheck::AppKey => {
                assert_eq!(result.err(), Some(CryptoErrorKind::Watermark), "{platform}");
            }
            // Nothing in the data names an app: the argument is not read,
            // as APP_CHECK says.
            _ => assert!(result.is_ok(), "{platform}"),
        }
    }
}

#[test]
fn another_session_key_opens_nothing() {
    for &(platform, open, _) in PLATFORMS {
        let (credentials, payload, _) = credentials(platform);
        let (_, app) = app_of(&credentials);
        // A key of the same length, one bit changed.
        let mut bytes = key_bytes(&credentials);
        bytes[3] ^= 1;
        let other = SessionKey::from_base64(&base64(&bytes)).unwrap();
        let kind = open(&payload, &other, app).err();
        let signed = serde_json::from_str::<Value>(&payload).unwrap()["signature"].is_string();
        let expected = if signed {
            CryptoErrorKind::Signature
        } else {
            CryptoErrorKind::Decrypt
        };
        assert_eq!(kind, Some(expected), "{platform}");
    }
}

#[test]
fn baidu_data_is_refused_when_tampered_or_under_a_key_of_the_wrong_length() {
    let (credentials, payload, key) = credentials("baidu");
    let app_key = credentials["app_key"].as_str().unwrap();
    let reply = SwanGetUserInfo::decode(&payload).unwrap();
    let secret = reply.decrypt(&key, app_key).unwrap();
    assert_eq!(secret.openid.as_deref(), Some("k0QdTK6RlyGjs5gNYzQ6A1b2C3"));

    // One bit of the last block: the padding no longer checks.
    let mut tampered = reply.clone();
    let mut data = unbase64(&reply.data);
    let last = data.len() - 1;
    data[last] ^= 1;
    tampered.data = base64(&data);
    let error = tampered.decrypt(&key, app_key).unwrap_err();
    assert_eq!(error.kind(), CryptoErrorKind::Decrypt);
    assert!(!error.to_string().contains("小度"), "{error}");
    // Named as Baidu's payload names it.
    assert!(
        error.to_string().starts_with("data could not be decrypted"),
        "{error}"
    );

    // AES-128's 16-byte key is not this scheme's.
    let short = SessionKey::from_bytes([7; 16]);
    assert_eq!(
        reply.decrypt(&short, app_key).unwrap_err().kind(),
        CryptoErrorKind::Format
    );
}

#[test]
fn baidu_placeholder_profile_is_anonymous() {
    for name in ["success-anonymous.json", "success-older-page.json"] {
        let text =
            std::fs::read_to_string(root().join("tests/fixtures/baidu/getUserInfo").join(name))
                .unwrap();
        let reply = SwanGetUserInfo::decode(&text).unwrap();
        let profile = reply.profile();
        assert!(profile.anonymous, "{name}");
        assert_eq!(profile.nickname.as_deref(), Some("百度网友"), "{name}");
        assert_eq!(profile.gender, Some(mpkit::Gender::Unknown), "{name}");
    }
}

/// The session key's bytes, from the fixture: a `SessionKey` never gives
/// them out.
fn key_bytes(credentials: &Value) -> Vec<u8> {
    unbase64(credentials["session_key"].as_str().unwrap())
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unbase64(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

#[test]
fn freshness_is_checked_where_the_data_is_dated_and_refused_where_not() {
    fn fresh<A>(
        payload: &str,
        key: &SessionKey,
        app: &str,
        max_age: Duration,
    ) -> Result<(), CryptoErrorKind>
    where
        A: MiniProgramApi,
        A::Success: EncryptedUserData,
    {
        let reply = A::decode(payload).unwrap_or_else(|e| panic!("{e}"));
        reply
            .decrypt_fresh(key, app, max_age)
            .map(drop)
            .map_err(|e| e.kind())
    }
    type Fresh = fn(&str, &SessionKey, &str, Duration) -> Result<(), CryptoErrorKind>;
    let platforms: [(&str, Fresh); 5] = [
        ("wechat", fresh::<WxGetUserInfo>),
        ("douyin", fresh::<TtGetUserInfo>),
        ("qq", fresh::<QqGetUserInfo>),
        ("kuaishou", fresh::<KsGetUserInfo>),
        ("baidu", fresh::<SwanGetUserInfo>),
    ];
    let century = Duration::from_secs(100 * 365 * 24 * 3600);
    let minute = Duration::from_secs(60);
    for (platform, fresh) in platforms {
        let (credentials, payload, key) = credentials(platform);
        let (check, app) = app_of(&credentials);
        let dated = check == AppCheck::AppId;
        // The fixtures were issued years ago: fresh within a century, stale
        // within a minute; undated data is refused either way.
        let expected_century = if dated {
            Ok(())
        } else {
            Err(CryptoErrorKind::Watermark)
        };
        assert_eq!(
            fresh(&payload, &key, app, century),
            expected_century,
            "{platform}"
        );
        assert_eq!(
            fresh(&payload, &key, app, minute),
            Err(CryptoErrorKind::Watermark),
            "{platform}"
        );
    }
}

/// `wx.getUserInfo` as a schema whose watermark names no timestamp.
#[derive(mpkit::MiniProgramApi)]
#[mini_program(schema = "tests/schemas/wechat-undated.json", min_version = "2.10.4")]
pub struct WxUndated;

#[test]
fn a_watermark_without_a_timestamp_refuses_an_age_before_decrypting() {
    let (credentials, payload, key) = credentials("wechat");
    let appid = credentials["appid"].as_str().unwrap();
    let reply = WxUndated::decode(&payload).unwrap();
    // The app is still checked without an age...
    assert!(reply.decrypt_for(&key, appid).is_ok());
    // ...but an age cannot be: the schema names nothing that dates the data.
    let error = reply
        .decrypt_fresh(&key, appid, Duration::from_secs(u64::MAX / 4))
        .unwrap_err();
    assert_eq!(error, mpkit::crypto::CryptoError::undated());
}

#[test]
fn decrypted_data_shows_nothing_in_debug() {
    let (credentials, payload, key) = credentials("wechat");
    let reply = WxGetUserInfo::decode(&payload).unwrap();
    let secret = reply
        .decrypt(&key, credentials["appid"].as_str().unwrap())
        .unwrap();
    // Every struct of the decrypted data, the watermark included.
    assert_eq!(
        format!("{secret:?}"),
        "WxGetUserInfoEncryptedUserInfo { .. }"
    );
    assert_eq!(
        format!("{:?}", secret.watermark),
        "WxGetUserInfoWatermark { .. }"
    );
    let profile = secret.profile();
    let shown = format!("{profile:?}");
    assert!(!shown.contains(&secret.open_id), "{shown}");
    // The success payload's public types keep their usual Debug.
    assert!(format!("{:?}", reply.user_info).contains("nick_name"));
}
