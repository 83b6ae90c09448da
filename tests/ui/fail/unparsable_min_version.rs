use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.x")]
pub struct WxGetUserInfo;

fn main() {}
