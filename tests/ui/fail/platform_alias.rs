use mpkit::MiniProgramApi;

// `weixin` is another name of WeChat (its schemas' `x-platform-aliases`).
#[derive(MiniProgramApi)]
#[mini_program(api = "weixin/getUserInfo")]
pub struct WxGetUserInfo;

fn main() {}
