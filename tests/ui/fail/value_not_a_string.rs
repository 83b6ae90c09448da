use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = 2.10)]
pub struct WxGetUserInfo;

fn main() {}
