use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfos")]
pub struct WxGetUserInfo;

fn main() {}
