use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/fails-checks.json")]
pub struct ExGetUserInfo;

fn main() {}
