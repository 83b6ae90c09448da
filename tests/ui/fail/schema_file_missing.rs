use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "schemas/qq/getUserInfo.json")]
pub struct QqGetUserInfo;

fn main() {}
