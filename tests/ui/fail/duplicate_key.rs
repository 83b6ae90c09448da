use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.0.0", min_version = "2.1.0")]
pub struct WxGetUserInfo;

fn main() {}
