use mpkit::{AtLeast, MiniProgramApi, Version};

// No declared minimum: `lang` (1.4.0) takes a proof, and the app has one of
// 2.10.4 from an earlier check.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub struct WxGetUserInfo;

fn main() {
    if let Ok(proof) = AtLeast::<2, 10, 4>::check(Version::new(3, 0, 0)) {
        let _ = WxGetUserInfo::options().lang(proof, WxGetUserInfoLang::ZhCn).build();
    }
}
