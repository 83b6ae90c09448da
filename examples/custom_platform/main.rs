//! A platform mpkit does not bundle needs only a schema file.
//!
//! `lark.login.json` beside this file is an example of a user's own schema:
//! it describes `tt.login` of Lark (Feishu) mini programs, a platform mpkit
//! does not bundle, from Lark's own page (its `x-docs`). The derive reads it
//! (relative to the crate's Cargo.toml) and generates the same kind of typed
//! API as for the bundled platforms. Editing the file re-expands the derive
//! on the next build.
//!
//! Run it with `cargo run --example custom_platform`.

use mpkit::{CallError, MiniProgramApi};

/// Lark's `tt.login`, from this example's own schema.
#[derive(MiniProgramApi)]
#[mini_program(schema = "examples/custom_platform/lark.login.json")]
pub struct LarkLogin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let info = LarkLogin::INFO;
    println!(
        "{} on {} ({:?} style)",
        info.full_name, info.platform_name, info.call_style
    );

    let options = LarkLogin::options().build()?;
    println!("options: {}", options.to_json());

    // Lark's own success example.
    let reply = LarkLogin::decode(r#"{ "errMsg": "login:ok", "code": "4473273da6aexxxx" }"#)?;
    println!("code {} (valid three minutes, usable once)", reply.code);

    // An illustrative failure: Lark's page says a failure may carry `errno`;
    // this detail and number are made up for the example.
    match LarkLogin::decode(r#"{ "errMsg": "login:fail user cancel", "errno": 10002 }"#) {
        Err(CallError::Failure { detail, code, .. }) => {
            println!("failure: {detail} (errno {code:?})");
        }
        other => println!("unexpected: {other:?}"),
    }
    // A success without the code the schema requires is not a success.
    match LarkLogin::decode(r#"{ "errMsg": "login:ok" }"#) {
        Err(error @ CallError::Decode { .. }) => println!("refused: {error}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
