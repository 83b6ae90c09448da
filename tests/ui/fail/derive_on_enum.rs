use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub enum WxGetUserInfo {
    Call,
}

fn main() {}
