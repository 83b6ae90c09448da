use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", schema = "schemas/wechat/getUserInfo.json")]
pub struct WxGetUserInfo;

fn main() {}
