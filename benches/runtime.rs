//! Run-time cost of generated code against hand-written baselines measured in
//! the same run: decoding, building options, verifying and decrypting, and
//! versions. `BENCHMARKS.md` has the results and how to reproduce them.

#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)] // a benchmark binary: criterion generates undocumented items

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mpkit::crypto::{SessionKey, decrypt, verify_signature};
use mpkit::{MiniProgramApi, Version};
use serde::Deserialize;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.0.0")]
pub struct TtGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;

const WECHAT: &str =
    include_str!("../tests/fixtures/wechat/getUserInfo/success-with-credentials.json");
const DOUYIN: &str =
    include_str!("../tests/fixtures/douyin/getUserInfo/success-realname-string.json");
const EMAS: &str =
    include_str!("../tests/fixtures/mpserverless/user.getInfo/success-flat-oauth.json");
const CREDENTIALS: &str =
    include_str!("../tests/fixtures/crypto/credentials-wechat-getUserInfo.json");

/// What a careful developer writes by hand for the same WeChat payload.
mod hand {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct UserInfo {
        pub nick_name: String,
        pub avatar_url: String,
        pub gender: Option<u8>,
        pub country: Option<String>,
        pub province: Option<String>,
        pub city: Option<String>,
        pub language: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct WxSuccess {
        pub user_info: UserInfo,
        pub raw_data: String,
        pub signature: Option<String>,
        pub encrypted_data: Option<String>,
        pub iv: Option<String>,
        #[serde(rename = "cloudID")]
        pub cloud_id: Option<String>,
        pub err_msg: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct TtUserInfo {
        pub avatar_url: String,
        pub nick_name: String,
        pub gender: Option<serde_json::Value>,
        pub city: Option<String>,
        pub province: Option<String>,
        pub country: Option<String>,
        pub language: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct TtSuccess {
        pub user_info: TtUserInfo,
        pub raw_data: String,
        pub signature: Option<String>,
        pub encrypted_data: Option<String>,
        pub iv: Option<String>,
        pub real_name_authentication_status: Option<serde_json::Value>,
        pub err_msg: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct EmasResult {
        pub space_id: Option<String>,
        pub user_id: Option<String>,
        pub o_auth_user_id: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct EmasSuccess {
        pub success: bool,
        pub result: EmasResult,
    }
}

fn decoding(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.bench_function("wechat/generated", |b| {
        b.iter(|| WxGetUserInfo::decode(black_box(WECHAT)).unwrap())
    });
    group.bench_function("wechat/hand-written", |b| {
        b.iter(|| serde_json::from_str::<hand::WxSuccess>(black_box(WECHAT)).unwrap())
    });
    group.bench_function("wechat/value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(WECHAT)).unwrap())
    });
    group.bench_function("douyin/generated", |b| {
        b.iter(|| TtGetUserInfo::decode(black_box(DOUYIN)).unwrap())
    });
    group.bench_function("douyin/hand-written", |b| {
        b.iter(|| serde_json::from_str::<hand::TtSuccess>(black_box(DOUYIN)).unwrap())
    });
    group.bench_function("douyin/value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(DOUYIN)).unwrap())
    });
    group.bench_function("emas/generated", |b| {
        b.iter(|| EmasGetUserInfo::decode(black_box(EMAS)).unwrap())
    });
    group.bench_function("emas/generated-type-only", |b| {
        b.iter(|| serde_json::from_str::<EmasGetUserInfoSuccess>(black_box(EMAS)).unwrap())
    });
    group.bench_function("emas/hand-written", |b| {
        b.iter(|| serde_json::from_str::<hand::EmasSuccess>(black_box(EMAS)).unwrap())
    });
    group.bench_function("emas/value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(EMAS)).unwrap())
    });
    group.finish();
}

fn options(c: &mut Criterion) {
    let host = Version::new(3, 4, 1);
    let mut group = c.benchmark_group("options");
    let build = || {
        WxGetUserInfo::options()
            .with_credentials(black_box(true))
            .lang(WxGetUserInfoLang::ZhCn)
            .build()
            .unwrap()
    };
    group.bench_function("wechat getUserInfo build+gate", |b| {
        b.iter(|| {
            let options = build();
            options.check_host(black_box(host)).unwrap();
            options
        });
    });
    group.bench_function("wechat getUserInfo build+gate+serialize to string", |b| {
        b.iter(|| {
            let options = build();
            options.check_host(black_box(host)).unwrap();
            serde_json::to_string(&options).unwrap()
        });
    });
    group.bench_function("wechat getUserInfo build+gate+to_json (Value)", |b| {
        b.iter(|| {
            let options = build();
            options.check_host(black_box(host)).unwrap();
            options.to_json()
        });
    });
    group.bench_function("wechat getUserProfile build+validate+gate", |b| {
        b.iter(|| {
            let options = WxGetUserProfile::options(black_box("用于完善会员资料"))
                .lang(WxGetUserProfileLang::ZhCn)
                .build()
                .unwrap();
            options.check_host(black_box(host)).unwrap();
            options
        });
    });
    group.finish();
}

#[derive(Deserialize)]
struct Credentials {
    session_key: String,
    appid: String,
}

fn crypto(c: &mut Criterion) {
    let credentials: Credentials = serde_json::from_str(CREDENTIALS).unwrap();
    let reply = WxGetUserInfo::decode(WECHAT).unwrap();
    let key = SessionKey::from_base64(&credentials.session_key).unwrap();
    let (encrypted, iv, signature) = (
        reply.encrypted_data.clone().unwrap(),
        reply.iv.clone().unwrap(),
        reply.signature.clone().unwrap(),
    );
    let mut group = c.benchmark_group("crypto");
    group.bench_function("wechat verify", |b| {
        b.iter(|| {
            verify_signature(black_box(&reply.raw_data), black_box(&signature), &key).unwrap()
        });
    });
    group.bench_function("wechat decrypt+decode", |b| {
        b.iter(|| {
            decrypt::<WxGetUserInfoEncryptedUserInfo>(
                black_box(&encrypted),
                black_box(&iv),
                &key,
                &credentials.appid,
            )
            .unwrap()
        });
    });
    group.bench_function("wechat verify+decrypt+decode", |b| {
        b.iter(|| {
            verify_signature(black_box(&reply.raw_data), black_box(&signature), &key).unwrap();
            decrypt::<WxGetUserInfoEncryptedUserInfo>(
                black_box(&encrypted),
                black_box(&iv),
                &key,
                &credentials.appid,
            )
            .unwrap()
        });
    });
    group.finish();
}

fn versions(c: &mut Criterion) {
    let mut group = c.benchmark_group("version");
    group.bench_function("parse", |b| {
        b.iter(|| Version::parse(black_box("2.10.4")).unwrap())
    });
    let (a, b2) = (Version::new(2, 10, 4), Version::new(2, 9, 9));
    group.bench_function("compare", |b| b.iter(|| black_box(a) > black_box(b2)));
    group.finish();
}

criterion_group!(benches, decoding, options, crypto, versions);
criterion_main!(benches);
