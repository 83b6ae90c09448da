use mpkit::MiniProgramApi;

// An enum value with braces, `{x} {{Self}}`: the message prints it as it is.
#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/hostile-names.json")]
pub struct Hostile;

fn main() {
    let _ = Hostile::options().word("{x} {{Self}}").build();
}
