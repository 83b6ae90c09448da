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

/// What decodes from text decodes from its `Value` too, into the same
/// success (the text path may refuse more: a duplicated member), and
/// encodes again without failing.
macro_rules! text_and_value_agree {
    ($api:ty, $text:expr, $value:expr) => {
        if let Ok(from_text) = <$api>::decode($text) {
            let from_value = <$api>::decode_value($value.clone())
                .expect("the text decodes but its Value does not");
            assert_eq!(from_text, from_value);
            let _ = serde_json::to_string(&from_text);
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        let _ = WxGetUserInfo::decode(text);
        let _ = WxGetUserProfile::decode(text);
        let _ = TtGetUserInfo::decode(text);
        let _ = TtGetUserProfile::decode(text);
        let _ = EmasGetUserInfo::decode(text);
        return;
    };
    text_and_value_agree!(WxGetUserInfo, text, value);
    text_and_value_agree!(WxGetUserProfile, text, value);
    text_and_value_agree!(TtGetUserInfo, text, value);
    text_and_value_agree!(TtGetUserProfile, text, value);
    text_and_value_agree!(EmasGetUserInfo, text, value);
});
