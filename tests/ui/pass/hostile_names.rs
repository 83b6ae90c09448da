//! The hostile schemas mpkit accepts compile without a warning or a missing
//! doc (issue 11's contract; the refused ones are in
//! macros/codegen/tests/hostile.rs).
#![deny(warnings, missing_docs)]

use mpkit::MiniProgramApi;

/// Everything hostile that is accepted, in one schema.
#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/hostile-names.json")]
pub struct Hostile;

fn main() {
    let options = Hostile::options()
        .count(2)
        .level(HostileLevel::Neg1)
        .word(HostileWord::SelfValue)
        .r#type(true)
        .build()
        .map(|o| o.to_json());
    let _ = options;
    let reply = Hostile::decode(r#"{"errMsg":"getHostile:ok","x²":2.5,"user_id":"a","userId":"b"}"#);
    if let Ok(reply) = reply {
        let _ = (reply.x_squared, reply.user_id_snake, reply.user_id, reply.extra_);
    }
}
