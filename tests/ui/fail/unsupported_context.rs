use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", context = "plugin")]
pub struct WxGetUserProfile;

fn main() {}
