use mpkit::MiniProgramApi;

// No bundled platform is called `lark`: every bundled `getUserProfile` is named.
#[derive(MiniProgramApi)]
#[mini_program(api = "lark/getUserProfile")]
pub struct LarkGetUserProfile;

fn main() {}
