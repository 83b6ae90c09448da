use mpkit::MiniProgramApi;

// `lang` needs 2.0.0; the app declares 1.0.0.
#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/gated.json", min_version = "1.0.0")]
pub struct ExGetUserInfo;

fn main() {
    let _ = ExGetUserInfo::options().lang(ExGetUserInfoLang::ZhCn).build();
}
