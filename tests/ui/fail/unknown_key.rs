use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_verison = "2.0.0")]
pub struct WxGetUserInfo;

fn main() {}
