//! Every generated decoder on arbitrary bytes: text and value paths.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.0.0")]
pub struct TtGetUserInfo;
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile")]
pub struct TtGetUserProfile;
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = WxGetUserInfo::decode(text);
    let _ = WxGetUserProfile::decode(text);
    let _ = TtGetUserInfo::decode(text);
    let _ = TtGetUserProfile::decode(text);
    let _ = EmasGetUserInfo::decode(text);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        // Encoding a decoded success again must not fail either.
        if let Ok(success) = WxGetUserInfo::decode_value(value.clone()) {
            let _ = serde_json::to_string(&success);
        }
        if let Ok(success) = TtGetUserInfo::decode_value(value.clone()) {
            let _ = serde_json::to_string(&success);
        }
        let _ = EmasGetUserInfo::decode_value(value);
    }
});
