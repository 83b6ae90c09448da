use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/new-keywords-misused.json")]
pub struct ExGetUserInfo;

fn main() {}
