use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", context = "widget")]
pub struct WxGetUserInfo;

fn main() {}
