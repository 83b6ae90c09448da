use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-discriminant-text.json")]
pub struct DiscriminantText;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-rawdata-text.json")]
pub struct RawdataText;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-iv-text.json")]
pub struct IvText;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-watermark-appid-text.json")]
pub struct WatermarkAppidText;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-callback-code-string.json")]
pub struct CallbackCodeString;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-alias-profile.json")]
pub struct AliasProfile;

#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/refused-text-base64.json")]
pub struct TextBase64;

fn main() {}
