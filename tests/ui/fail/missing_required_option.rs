use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;

fn main() {
    // `desc` is required by the schema: it is an argument of options().
    let _ = WxGetUserProfile::options().build();
}
