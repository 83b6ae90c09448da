use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub struct WxGetUserInfo {
    pub host: String,
}

fn main() {}
