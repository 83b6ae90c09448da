use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "../../../../tests/ui/schemas/invalid-json.json")]
pub struct ExGetUserInfo;

fn main() {}
