//! A platform mpkit does not bundle needs only a schema file.
//!
//! `qq.getUserInfo.json` beside this file describes QQ's `qq.getUserInfo`;
//! the derive reads it (relative to the crate's Cargo.toml) and generates the
//! same kind of typed API as for the bundled platforms. Editing the file
//! re-expands the derive on the next build.
//!
//! Run it with `cargo run --example custom_platform`.

use mpkit::{CallError, MiniProgramApi};

/// QQ's `qq.getUserInfo`, from this example's own schema.
#[derive(MiniProgramApi)]
#[mini_program(schema = "examples/custom_platform/qq.getUserInfo.json")]
pub struct QqGetUserInfo;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let info = QqGetUserInfo::INFO;
    println!(
        "{} on {} ({:?} style)",
        info.full_name, info.platform_name, info.call_style
    );

    let options = QqGetUserInfo::options()
        .with_credentials(true)
        .lang(QqGetUserInfoLang::ZhCn)
        .build()?;
    println!("options: {}", options.to_json());

    let payload = r#"{
        "errMsg": "getUserInfo:ok",
        "userInfo": { "nickName": "小企鹅", "avatarUrl": "https://thirdqq.qlogo.cn/g?b=qq&k=1&s=100", "gender": 2 },
        "rawData": "{\"nickName\":\"小企鹅\",\"avatarUrl\":\"https://thirdqq.qlogo.cn/g?b=qq&k=1&s=100\",\"gender\":2}"
    }"#;
    let reply = QqGetUserInfo::decode(payload)?;
    println!(
        "nickName {:?}, gender {:?}",
        reply.user_info.nick_name, reply.user_info.gender
    );

    match QqGetUserInfo::decode(r#"{ "errMsg": "getUserInfo:fail auth deny" }"#) {
        Err(CallError::Failure { detail, .. }) => println!("failure: {detail}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
