use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

fn main() {
    // The platform's spelling, as a string: the message lists the values.
    let _ = WxGetUserInfo::options().lang("zh_CN").build();
}
