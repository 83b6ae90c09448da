use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;

fn main() {
    // Both APIs have a `lang` enum with the same values, but each its own type.
    let _ = WxGetUserInfo::options().lang(WxGetUserProfileLang::ZhCn).build();
}
