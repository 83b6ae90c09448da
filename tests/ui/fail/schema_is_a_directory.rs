use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas")]
pub struct QqGetUserInfo;

fn main() {}
