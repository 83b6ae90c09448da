use mpkit::{AtLeast, MiniProgramApi, Version};

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.9.0")]
pub struct WxGetUserProfile;

fn main() {
    // A proof of 2.3.1 cannot be weakened into one of 2.10.4.
    if let Ok(proof) = AtLeast::<2, 3, 1>::check(Version::new(2, 4, 0)) {
        let _ = WxGetUserProfile::options(proof.weaken(), "完善资料").build();
    }
}
