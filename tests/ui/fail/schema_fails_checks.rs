use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "../../../../tests/ui/schemas/fails-checks.json")]
pub struct ExGetUserInfo;

fn main() {}
