use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

fn main() {
    if let Ok(reply) = WxGetUserInfo::decode("{}") {
        // `signature` is present only with withCredentials: true.
        let _: String = reply.signature;
    }
}
