use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
pub struct WxGetUserInfo;

fn main() {}
