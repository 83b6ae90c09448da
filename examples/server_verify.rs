//! A server receives the client's `wx.getUserInfo` payload (called with
//! `withCredentials: true`), verifies the signature, decrypts the sensitive
//! data, checks the watermark, reads the openId and unionId, and puts them
//! together with the public profile as an `mpkit::Profile`.
//!
//! The session key would come from `code2Session` with the code of
//! `wx.login`; here it is the one the fixture was made with
//! (scripts/make_credential_fixtures.py). Run with
//! `cargo run --example server_verify`. In your own crate, `verify` and
//! `decrypt` need mpkit's `crypto` feature (this repository's tests and
//! examples have it on).

use std::time::Duration;

use mpkit::MiniProgramApi;
use mpkit::crypto::{CryptoErrorKind, SessionKey, WatermarkCheck};

/// `wx.getUserInfo`, as the client called it.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

const APPID: &str = "wx4f4bc4dec97d474b";
const SESSION_KEY: &str = "K34VFiiu0qar9xWICc9PPA==";

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
    println!("openId:  {}", secret.open_id);
    println!(
        "unionId: {}",
        secret
            .union_id
            .as_deref()
            .unwrap_or("(not bound to an Open Platform account)")
    );
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
