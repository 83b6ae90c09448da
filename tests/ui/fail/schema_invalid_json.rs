use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/invalid-json.json")]
pub struct ExGetUserInfo;

fn main() {}
