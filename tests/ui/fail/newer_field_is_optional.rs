use mpkit::MiniProgramApi;

// cloudID needs 2.7.0; the app declares 1.0.0.
#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/gated.json", min_version = "1.0.0")]
pub struct ExGetUserInfo;

fn main() {
    if let Ok(reply) = ExGetUserInfo::decode("{}") {
        let _: String = reply.cloud_id;
    }
}
