use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(min_version = "2.0.0")]
pub struct WxGetUserInfo;

fn main() {}
