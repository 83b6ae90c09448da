//! A server receives a client's "get user info" payload, verifies what the
//! platform signs, decrypts the sensitive data, checks that it was issued to
//! this app, and reads one `mpkit::Profile`: first step by step for WeChat,
//! then for WeChat, Kuaishou and Baidu through one generic function, whatever
//! scheme each schema names (AES-128-CBC with a watermark, AES-128-CBC
//! without one, Baidu's framed AES-192-CBC).
//!
//! The session keys would come from each platform's code-to-session
//! exchange with the code of its login API; here they are the ones the
//! fixtures were made with (scripts/make_credential_fixtures.py). Run with
//! `cargo run --example server_verify`. In your own crate, `verify` and
//! `decrypt` need mpkit's `crypto` feature (this repository's tests and
//! examples have it on).

use std::time::Duration;

use mpkit::crypto::{
    AppCheck, CryptoErrorKind, EncryptedUserData, SessionKey, Signature, WatermarkCheck,
};
use mpkit::{MiniProgramApi, Profile, ToProfile};

/// `wx.getUserInfo`, as the client called it.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// `ks.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/getUserInfo", min_version = "1.26.1")]
pub struct KsGetUserInfo;

/// `swan.getUserInfo` (Baidu).
#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/getUserInfo")]
pub struct SwanGetUserInfo;

const APPID: &str = "wx4f4bc4dec97d474b";
const SESSION_KEY: &str = "K34VFiiu0qar9xWICc9PPA==";

/// What this server knows of its apps: one credential per scheme.
struct Apps {
    /// The app id a watermark names (WeChat, Douyin, QQ).
    app_id: &'static str,
    /// The app key Baidu's frame ends with.
    app_key: &'static str,
}

/// One code path for every platform: verify where the platform signs,
/// decrypt for this app, and complete the public profile with the ids.
fn sign_in<A>(
    payload: &str,
    key: &SessionKey,
    apps: &Apps,
) -> Result<Profile, Box<dyn std::error::Error>>
where
    A: MiniProgramApi,
    A::Success: EncryptedUserData + ToProfile,
    <A::Success as EncryptedUserData>::Decrypted: ToProfile,
{
    let reply = A::decode(payload)?;
    match reply.check_signature(key)? {
        Signature::Verified => println!("  rawData: signature verified"),
        Signature::Unsigned => println!("  rawData: the platform signs nothing here"),
    }
    let app = match <A::Success as EncryptedUserData>::APP_CHECK {
        AppCheck::AppId => apps.app_id,
        AppCheck::AppKey => apps.app_key,
        AppCheck::Nothing => {
            println!("  the decrypted data names no app: trust the ids of your own code exchange");
            ""
        }
        // A scheme newer than this server: refuse rather than guess.
        _ => return Err("a crypto scheme this server does not know".into()),
    };
    let decrypted = reply.decrypt_for(key, app)?;
    Ok(reply.profile().or(decrypted.profile()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    step_by_step()?;
    println!();
    println!("== one code path, three schemes");
    let apps = Apps {
        app_id: APPID,
        app_key: "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7",
    };
    let platforms: [(&str, &str, &str, SignIn); 3] = [
        (
            "WeChat",
            include_str!("../tests/fixtures/wechat/getUserInfo/success-with-credentials.json"),
            SESSION_KEY,
            sign_in::<WxGetUserInfo>,
        ),
        (
            "Kuaishou",
            include_str!("../tests/fixtures/kuaishou/getUserInfo/success-with-credentials.json"),
            "a8G+4i5An5bpPX4Rc5MXKg==",
            sign_in::<KsGetUserInfo>,
        ),
        (
            "Baidu",
            include_str!("../tests/fixtures/baidu/getUserInfo/success-with-data.json"),
            "jnOw99oOZFLIEPMrgJB55WL46tJSLGt7",
            sign_in::<SwanGetUserInfo>,
        ),
    ];
    for (platform, payload, key, sign_in) in platforms {
        println!("{platform}:");
        let key = SessionKey::from_base64(key)?;
        let profile = sign_in(payload, &key, &apps)?;
        println!(
            "  {:?} ({}), openId {:?}",
            profile.nickname.as_deref().unwrap_or("-"),
            profile
                .gender
                .map_or_else(|| "-".to_owned(), |g| g.to_string()),
            profile.open_id.as_deref().unwrap_or("-"),
        );
        assert!(profile.open_id.is_some(), "{platform}: no openId");
    }
    Ok(())
}

type SignIn = fn(&str, &SessionKey, &Apps) -> Result<Profile, Box<dyn std::error::Error>>;

/// WeChat's payload, step by step with the inherent methods.
fn step_by_step() -> Result<(), Box<dyn std::error::Error>> {
    println!("== wx.getUserInfo, step by step");
    // 1. What the client posted.
    let body = include_str!("../tests/fixtures/wechat/getUserInfo/success-with-credentials.json");
    let reply = WxGetUserInfo::decode(body)?;
    let key = SessionKey::from_base64(SESSION_KEY)?;
    println!("session key: {key:?}");

    // 2. The signature covers rawData exactly as received.
    reply.verify(&key)?;
    println!(
        "signature verified over {} bytes of rawData",
        reply.raw_data.len()
    );

    // 3. Decrypt, check the watermark names our app, read the ids.
    let secret = reply.decrypt(&key, APPID)?;
    println!("unionId present: {}", secret.union_id.is_some());
    println!(
        "issued to {} at {}",
        secret.watermark.appid, secret.watermark.timestamp
    );
    // The same in mpkit's form for every platform: the public profile from
    // the payload, completed by the ids from the decrypted data.
    let profile = reply.profile().or(secret.profile());
    println!(
        "profile: {:?} ({}), openId {:?}, anonymous {}",
        profile.nickname,
        profile
            .gender
            .map_or_else(|| "-".to_owned(), |g| g.to_string()),
        profile.open_id,
        profile.anonymous
    );

    // 4. What tampering looks like.
    let mut forged = reply.clone();
    forged.raw_data = forged.raw_data.replace("Band", "Admin");
    let error = forged.verify(&key).err().map(|e| e.kind());
    println!("altered rawData: {error:?}");
    assert_eq!(error, Some(CryptoErrorKind::Signature));

    let error = reply
        .decrypt(&key, "wx0000000000000000")
        .err()
        .map(|e| e.kind());
    println!("another app's id: {error:?}");

    // 5. Data older than five minutes is refused when the server asks for freshness.
    let check = WatermarkCheck::appid(APPID).max_age(Duration::from_secs(300));
    if let Err(error) = reply.decrypt_with(&key, &check) {
        println!("freshness check: {error}");
    }
    Ok(())
}
