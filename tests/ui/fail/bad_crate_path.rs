use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", crate = "not a path")]
pub struct WxGetUserInfo;

fn main() {}
