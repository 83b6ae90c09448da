use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "my-schemas/qq/getUserInfo.json")]
pub struct QqGetUserInfo;

fn main() {}
