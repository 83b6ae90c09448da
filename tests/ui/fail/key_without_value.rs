use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api)]
pub struct WxGetUserInfo;

fn main() {}
