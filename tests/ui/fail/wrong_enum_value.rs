use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

fn main() {
    let _ = WxGetUserInfo::options().lang(WxGetUserInfoLang::Fr).build();
}
