use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "../../../../tests/ui/schemas")]
pub struct QqGetUserInfo;

fn main() {}
