//! The measured workloads, shared by the two bench binaries: `runtime`
//! (criterion, wall-clock time) and `instructions` (callgrind, instruction
//! counts). Each workload is one operation on fixed input; its baseline, where
//! it has one, is the same operation written by hand and sits beside it.

use std::hint::black_box;
use std::sync::LazyLock;

use mpkit::crypto::{SessionKey, decrypt};
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
    include_str!("../../tests/fixtures/wechat/getUserInfo/success-with-credentials.json");
const DOUYIN: &str =
    include_str!("../../tests/fixtures/douyin/getUserInfo/success-realname-string.json");
const EMAS: &str =
    include_str!("../../tests/fixtures/mpserverless/user.getInfo/success-flat-oauth.json");
const EMAS_NESTED: &str =
    include_str!("../../tests/fixtures/mpserverless/user.getInfo/success-nested-user.json");
const CREDENTIALS: &str =
    include_str!("../../tests/fixtures/crypto/credentials-wechat-getUserInfo.json");

/// What a careful developer writes by hand for the same payloads: the
/// members the documentation names, nothing kept beyond them.
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

    /// Not a target baseline: the same struct also accepting the ids under
    /// `result.user`, as the schema documents some clients send them. It
    /// shows what that fourth member costs hand-written code.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct EmasResultWithAlias {
        pub space_id: Option<String>,
        pub user_id: Option<String>,
        pub o_auth_user_id: Option<String>,
        pub user: Option<Box<EmasResult>>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct EmasSuccessWithAlias {
        pub success: bool,
        pub result: EmasResultWithAlias,
    }
}

/// One measured operation.
pub struct Workload {
    /// The criterion group: `decode`, `options`, `crypto` or `version`.
    pub group: &'static str,
    /// The name within the group; a baseline's name ends in its kind.
    pub name: &'static str,
    /// The operation, run once per call.
    pub run: fn(),
}

/// A pair held to a ratio: `measured` must cost at most `ratio` times `baseline`.
#[allow(dead_code)] // read by the `instructions` and `paired` benches, not by criterion's
pub struct RatioTarget {
    /// The workload under test (`group/name`).
    pub measured: &'static str,
    /// The baseline workload (`group/name`).
    pub baseline: &'static str,
    /// The largest allowed cost ratio; `None` for a comparison that is
    /// shown but holds no target.
    pub ratio: Option<f64>,
}

/// The decoding target, generated decoders within 1.05x of the hand-written
/// structs; and, shown without a target, EMAS against a hand-written struct
/// that also accepts the `result.user` nesting the schema documents, on the
/// documented flat shape and on the nested one (which generated decoders
/// read out of line).
#[allow(dead_code)]
pub const RATIO_TARGETS: &[RatioTarget] = &[
    RatioTarget {
        measured: "decode/wechat/generated",
        baseline: "decode/wechat/hand-written",
        ratio: Some(1.05),
    },
    RatioTarget {
        measured: "decode/douyin/generated",
        baseline: "decode/douyin/hand-written",
        ratio: Some(1.05),
    },
    RatioTarget {
        measured: "decode/emas/generated",
        baseline: "decode/emas/hand-written",
        ratio: Some(1.05),
    },
    RatioTarget {
        measured: "decode/emas/generated",
        baseline: "decode/emas/hand-written-with-alias",
        ratio: None,
    },
    RatioTarget {
        measured: "decode/emas-nested/generated",
        baseline: "decode/emas-nested/hand-written-with-alias",
        ratio: None,
    },
];

macro_rules! workload {
    ($group:literal, $name:literal, $body:expr) => {
        Workload {
            group: $group,
            name: $name,
            run: || {
                black_box($body);
            },
        }
    };
}

/// Everything both bench binaries measure, in report order.
pub fn all() -> Vec<Workload> {
    vec![
        workload!(
            "decode",
            "wechat/generated",
            WxGetUserInfo::decode(black_box(WECHAT)).unwrap()
        ),
        workload!(
            "decode",
            "wechat/hand-written",
            serde_json::from_str::<hand::WxSuccess>(black_box(WECHAT)).unwrap()
        ),
        workload!(
            "decode",
            "wechat/value",
            serde_json::from_str::<serde_json::Value>(black_box(WECHAT)).unwrap()
        ),
        workload!(
            "decode",
            "douyin/generated",
            TtGetUserInfo::decode(black_box(DOUYIN)).unwrap()
        ),
        workload!(
            "decode",
            "douyin/hand-written",
            serde_json::from_str::<hand::TtSuccess>(black_box(DOUYIN)).unwrap()
        ),
        workload!(
            "decode",
            "douyin/value",
            serde_json::from_str::<serde_json::Value>(black_box(DOUYIN)).unwrap()
        ),
        workload!(
            "decode",
            "emas/generated",
            EmasGetUserInfo::decode(black_box(EMAS)).unwrap()
        ),
        workload!(
            "decode",
            "emas/generated-type-only",
            serde_json::from_str::<EmasGetUserInfoSuccess>(black_box(EMAS)).unwrap()
        ),
        workload!(
            "decode",
            "emas/hand-written",
            serde_json::from_str::<hand::EmasSuccess>(black_box(EMAS)).unwrap()
        ),
        workload!(
            "decode",
            "emas/hand-written-with-alias",
            serde_json::from_str::<hand::EmasSuccessWithAlias>(black_box(EMAS)).unwrap()
        ),
        workload!(
            "decode",
            "emas/value",
            serde_json::from_str::<serde_json::Value>(black_box(EMAS)).unwrap()
        ),
        workload!(
            "decode",
            "emas-nested/generated",
            EmasGetUserInfo::decode(black_box(EMAS_NESTED)).unwrap()
        ),
        workload!(
            "decode",
            "emas-nested/hand-written-with-alias",
            serde_json::from_str::<hand::EmasSuccessWithAlias>(black_box(EMAS_NESTED)).unwrap()
        ),
        workload!("options", "wechat getUserInfo build+gate", wx_options()),
        workload!(
            "options",
            "wechat getUserInfo build+gate+serialize to string",
            serde_json::to_string(&wx_options()).unwrap()
        ),
        workload!(
            "options",
            "wechat getUserInfo build+gate+to_json_string",
            wx_options().to_json_string()
        ),
        workload!(
            "options",
            "wechat getUserInfo build+gate+to_json (Value)",
            wx_options().to_json()
        ),
        workload!(
            "options",
            "wechat getUserProfile build+validate+gate",
            wx_profile_options()
        ),
        workload!(
            "options",
            "wechat getUserProfile build+validate+gate+to_json_string",
            wx_profile_options().to_json_string()
        ),
        workload!(
            "options",
            "wechat getUserProfile build+validate+gate+write_json (reused buffer)",
            {
                let options = wx_profile_options();
                BUFFER.with_borrow_mut(|buffer| {
                    buffer.clear();
                    options.write_json(buffer);
                    buffer.len()
                })
            }
        ),
        workload!("crypto", "wechat verify", {
            let sealed = &*SEALED;
            black_box(&sealed.reply).verify(&sealed.key).unwrap()
        }),
        workload!("crypto", "wechat decrypt+decode", {
            let sealed = &*SEALED;
            black_box(&sealed.reply)
                .decrypt(&sealed.key, &sealed.appid)
                .unwrap()
        }),
        workload!("crypto", "wechat decrypt+decode (any type, two passes)", {
            let sealed = &*SEALED;
            decrypt::<WxGetUserInfoEncryptedUserInfo>(
                black_box(&sealed.encrypted),
                black_box(&sealed.iv),
                &sealed.key,
                &sealed.appid,
            )
            .unwrap()
        }),
        workload!("crypto", "wechat verify+decrypt+decode", {
            let sealed = &*SEALED;
            let reply = black_box(&sealed.reply);
            reply.verify(&sealed.key).unwrap();
            reply.decrypt(&sealed.key, &sealed.appid).unwrap()
        }),
        workload!(
            "version",
            "parse",
            Version::parse(black_box("2.10.4")).unwrap()
        ),
        workload!(
            "version",
            "compare",
            black_box(Version::new(2, 10, 4)) > black_box(Version::new(2, 9, 9))
        ),
    ]
}

const HOST: Version = Version::new(3, 4, 1);

thread_local! {
    /// The buffer a caller reuses across calls to `write_json`.
    static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `wx.getUserInfo` options built (two options) and gated for [`HOST`].
fn wx_options() -> WxGetUserInfoOptions {
    let options = WxGetUserInfo::options()
        .with_credentials(black_box(true))
        .lang(WxGetUserInfoLang::ZhCn)
        .build()
        .unwrap();
    options.check_host(black_box(HOST)).unwrap();
    options
}

/// `wx.getUserProfile` options built with a description (its length rules
/// checked) and gated for [`HOST`].
fn wx_profile_options() -> WxGetUserProfileOptions {
    let options = WxGetUserProfile::options(black_box("用于完善会员资料"))
        .lang(WxGetUserProfileLang::ZhCn)
        .build()
        .unwrap();
    options.check_host(black_box(HOST)).unwrap();
    options
}

/// A WeChat response with its credentials, and the server's side of them.
pub struct Sealed {
    reply: WxGetUserInfoSuccess,
    encrypted: String,
    iv: String,
    key: SessionKey,
    appid: String,
}

#[derive(Deserialize)]
struct Credentials {
    session_key: String,
    appid: String,
}

/// Set up once, before measuring: the fixture's ~400 bytes of ciphertext.
pub static SEALED: LazyLock<Sealed> = LazyLock::new(|| {
    let credentials: Credentials = serde_json::from_str(CREDENTIALS).unwrap();
    let reply = WxGetUserInfo::decode(WECHAT).unwrap();
    Sealed {
        encrypted: reply.encrypted_data.clone().unwrap(),
        iv: reply.iv.clone().unwrap(),
        reply,
        key: SessionKey::from_base64(&credentials.session_key).unwrap(),
        appid: credentials.appid,
    }
});
