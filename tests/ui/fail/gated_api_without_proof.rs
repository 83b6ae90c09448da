use mpkit::MiniProgramApi;

// The app supports base library 2.9.0, but wx.getUserProfile needs 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.9.0")]
pub struct WxGetUserProfile;

fn main() {
    let _ = WxGetUserProfile::options("完善资料").build();
}
