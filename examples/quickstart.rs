//! Quickstart: every bundled API through `#[derive(MiniProgramApi)]`.
//!
//! For each API: build and validate options, gate them against a few host
//! base-library versions, and decode a success and a failure payload into
//! typed values. Run it with `cargo run --example quickstart`.

use mpkit::{AtLeast, BuildError, CallError, MiniProgramApi, Version};

/// `wx.getUserInfo`, in an app whose minimum base library is 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// `wx.getUserProfile`, in an app that still supports base library 2.9.0:
/// the API needs 2.10.4, so building its options takes a version proof.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.9.0")]
pub struct WxGetUserProfile;

/// `tt.getUserInfo` (1.0.0, Douyin's floor: no `min_version` needed).
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo")]
pub struct TtGetUserInfo;

/// `tt.getUserProfile`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile")]
pub struct TtGetUserProfile;

/// `mpserverless.user.getInfo` (EMAS Serverless, promise style).
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

/// `wx.login`: the code a server exchanges for the session key.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/login", min_version = "2.10.4")]
pub struct WxLogin;

/// `tt.login`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/login")]
pub struct TtLogin;

/// `ks.getUserInfo` (Kuaishou): 1.26.1, Kuaishou's floor in its schema.
#[derive(MiniProgramApi)]
#[mini_program(api = "kuaishou/getUserInfo")]
pub struct KsGetUserInfo;

/// `qq.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "qq/getUserInfo")]
pub struct QqGetUserInfo;

/// `qq.login`.
#[derive(MiniProgramApi)]
#[mini_program(api = "qq/login")]
pub struct QqLogin;

/// `swan.getUserInfo` (Baidu): no discriminant in the payloads, only the
/// callback that runs tells success from failure.
#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/getUserInfo")]
pub struct SwanGetUserInfo;

/// `swan.login`.
#[derive(MiniProgramApi)]
#[mini_program(api = "baidu/login")]
pub struct SwanLogin;

/// `my.getAuthCode` (Alipay): one scope or a list.
#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getAuthCode")]
pub struct MyGetAuthCode;

/// `my.getOpenUserInfo` (Alipay): the result is JSON text in the payload.
#[derive(MiniProgramApi)]
#[mini_program(api = "alipay/getOpenUserInfo", min_version = "1.16.4")]
pub struct MyGetOpenUserInfo;

const HOSTS: [Version; 3] = [
    Version::new(2, 3, 0),
    Version::new(2, 9, 9),
    Version::new(3, 4, 1),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_get_user_info()?;
    wechat_get_user_profile()?;
    douyin_get_user_info()?;
    douyin_get_user_profile()?;
    emas_get_user_info()?;
    logins()?;
    kuaishou_and_qq_get_user_info()?;
    alipay()?;
    profiles()?;
    Ok(())
}

fn heading(info: mpkit::ApiInfo) {
    let since = info.since.map_or_else(
        || "no documented minimum".to_owned(),
        |v| format!("base library {v}"),
    );
    println!(
        "== {} ({}, {:?} style, {since})",
        info.full_name, info.platform_name, info.call_style
    );
    for host in HOSTS {
        let answer = if info.is_supported(&host) {
            "supported"
        } else {
            "too old"
        };
        println!("   host {host}: {answer}");
    }
}

fn wechat_get_user_info() -> Result<(), Box<dyn std::error::Error>> {
    heading(WxGetUserInfo::INFO);
    let options = WxGetUserInfo::options()
        .with_credentials(true)
        .lang(WxGetUserInfoLang::ZhCn)
        .build()?;
    println!("   options: {}", options.to_json());

    let reply = WxGetUserInfo::decode(include_str!(
        "../tests/fixtures/wechat/getUserInfo/success-gender-string.json"
    ))?;
    let gender = reply.user_info.gender.map(|g| g.value());
    println!(
        "   decoded: nickName {:?}, gender {gender:?}, signature present: {}",
        reply.user_info.nick_name,
        reply.signature.is_some()
    );
    println!(
        "   unknown members kept: {:?}",
        reply.user_info.extra.names().collect::<Vec<_>>()
    );

    let anonymous = WxGetUserInfo::decode(include_str!(
        "../tests/fixtures/wechat/getUserInfo/success-anonymous.json"
    ))?;
    println!(
        "   after the 2021 rules: nickName {:?}, country {:?}",
        anonymous.user_info.nick_name, anonymous.user_info.country
    );

    report(WxGetUserInfo::decode(include_str!(
        "../tests/fixtures/wechat/getUserInfo/fail-errno.json"
    )));
    Ok(())
}

fn wechat_get_user_profile() -> Result<(), Box<dyn std::error::Error>> {
    heading(WxGetUserProfile::INFO);
    for host in HOSTS {
        // The API is newer than the app's declared minimum: the type system
        // only lets us build its options with a proof for this host. The
        // proof's version (2.10.4) is inferred from `options`.
        match AtLeast::check(host) {
            Ok(proof) => {
                let options = WxGetUserProfile::options(proof, "用于完善会员资料")
                    .lang(WxGetUserProfileLang::ZhCn)
                    .build()?;
                println!("   host {host}: options {}", options.to_json());
            }
            Err(too_old) => println!("   host {host}: {too_old}"),
        }
    }
    let proof = AtLeast::<2, 10, 4>::check(Version::new(3, 4, 1))?;
    let too_long: Result<_, BuildError> = WxGetUserProfile::options(
        proof,
        "我们需要获取您的头像和昵称，用于展示在排行榜、好友列表和个人中心页面上",
    )
    .build();
    if let Err(error) = too_long {
        println!("   {error}");
    }
    let reply = WxGetUserProfile::decode(include_str!(
        "../tests/fixtures/wechat/getUserProfile/success-anonymous.json"
    ))?;
    println!("   decoded: nickName {:?}", reply.user_info.nick_name);
    Ok(())
}

fn douyin_get_user_info() -> Result<(), Box<dyn std::error::Error>> {
    heading(TtGetUserInfo::INFO);
    // Every Douyin host has the API and `withCredentials` (1.0.0);
    // `withRealNameAuthenticationInfo` needs 1.80.0: setting it takes a proof.
    let options = TtGetUserInfo::options()
        .with_credentials(true)
        .with_real_name_authentication_info(AtLeast::check(Version::new(3, 4, 1))?, true)
        .build()?;
    println!("   options: {}", options.to_json());
    if let Err(error) = options.check_host(Version::new(0, 9, 0)) {
        println!("   on host 0.9.0: {error}");
    }
    for fixture in [
        include_str!("../tests/fixtures/douyin/getUserInfo/success-realname-string.json"),
        include_str!("../tests/fixtures/douyin/getUserInfo/success-realname-number.json"),
    ] {
        let reply = TtGetUserInfo::decode(fixture)?;
        println!(
            "   realNameAuthenticationStatus: {:?}",
            reply.real_name_authentication_status
        );
    }
    report(TtGetUserInfo::decode(include_str!(
        "../tests/fixtures/douyin/getUserInfo/fail-auth-deny.json"
    )));
    Ok(())
}

fn douyin_get_user_profile() -> Result<(), Box<dyn std::error::Error>> {
    heading(TtGetUserProfile::INFO);
    // No declared minimum: the API (2.30.0) and `force` (2.54.0) take
    // proofs. One check of the newer serves both: `weaken()` makes the
    // older one.
    let proof = AtLeast::<2, 54, 0>::check(Version::new(3, 4, 1))?;
    let options = TtGetUserProfile::options(proof.weaken())
        .force(proof, true)
        .build()?;
    println!(
        "   options: {}, force (effective): {}",
        options.to_json(),
        options.force()
    );
    let reply = TtGetUserProfile::decode(include_str!(
        "../tests/fixtures/douyin/getUserProfile/success-basic.json"
    ))?;
    println!("   decoded: nickName {:?}", reply.user_info.nick_name);
    report(TtGetUserProfile::decode(include_str!(
        "../tests/fixtures/douyin/getUserProfile/fail-cancel.json"
    )));
    Ok(())
}

fn emas_get_user_info() -> Result<(), Box<dyn std::error::Error>> {
    heading(EmasGetUserInfo::INFO);
    let options = EmasGetUserInfo::options().build()?;
    println!(
        "   options: {} (authProvider defaults to {:?})",
        options.to_json(),
        options.auth_provider().as_str()
    );
    for fixture in [
        include_str!("../tests/fixtures/mpserverless/user.getInfo/success-flat-oauth.json"),
        include_str!("../tests/fixtures/mpserverless/user.getInfo/success-nested-user.json"),
    ] {
        let reply = EmasGetUserInfo::decode(fixture)?;
        println!(
            "   userId {:?}, oAuthUserId {:?}",
            reply.result.user_id(),
            reply.result.oauth_user_id()
        );
    }
    report(EmasGetUserInfo::decode(include_str!(
        "../tests/fixtures/mpserverless/user.getInfo/fail-not-authorized.json"
    )));
    println!();
    Ok(())
}

fn logins() -> Result<(), Box<dyn std::error::Error>> {
    heading(WxLogin::INFO);
    let options = WxLogin::options().timeout(10_000.0).build()?;
    println!("   options: {}", options.to_json());
    let reply = WxLogin::decode(include_str!(
        "../tests/fixtures/wechat/login/success-basic.json"
    ))?;
    println!("   code {:?} (valid five minutes)", reply.code);
    report(WxLogin::decode(include_str!(
        "../tests/fixtures/wechat/login/fail-errno.json"
    )));
    println!();

    heading(TtLogin::INFO);
    let options = TtLogin::options().build()?;
    println!(
        "   options: {} (force defaults to {})",
        options.to_json(),
        options.force()
    );
    for fixture in [
        include_str!("../tests/fixtures/douyin/login/success-logged-in.json"),
        include_str!("../tests/fixtures/douyin/login/success-anonymous.json"),
    ] {
        let reply = TtLogin::decode(fixture)?;
        println!(
            "   isLogin {}: code {:?}, anonymousCode {:?}",
            reply.is_login, reply.code, reply.anonymous_code
        );
    }
    report(TtLogin::decode(include_str!(
        "../tests/fixtures/douyin/login/fail-host-login.json"
    )));
    println!();

    heading(QqLogin::INFO);
    let reply = QqLogin::decode(include_str!(
        "../tests/fixtures/qq/login/success-basic.json"
    ))?;
    println!("   code {:?}", reply.code);
    println!();

    heading(SwanLogin::INFO);
    let reply = SwanLogin::decode(include_str!(
        "../tests/fixtures/baidu/login/success-basic.json"
    ))?;
    println!("   code {:?}", reply.code);
    // Baidu's fail payload says nothing of itself: read it as the fail
    // callback's.
    println!(
        "   fail callback: {}",
        SwanLogin::decode_fail(include_str!(
            "../tests/fixtures/baidu/login/fail-not-logged-in.json"
        ))
    );
    println!();
    Ok(())
}

fn alipay() -> Result<(), Box<dyn std::error::Error>> {
    heading(MyGetAuthCode::INFO);
    let options = MyGetAuthCode::options()
        .scopes(vec!["auth_base", "auth_user"])
        .build()?;
    println!("   options: {}", options.to_json());
    let reply = MyGetAuthCode::decode(include_str!(
        "../tests/fixtures/alipay/getAuthCode/success-partial.json"
    ))?;
    println!(
        "   authCode {:?}, refused scopes {:?}",
        reply.auth_code, reply.auth_error_scopes
    );
    println!(
        "   fail callback: {}",
        MyGetAuthCode::decode_fail(include_str!(
            "../tests/fixtures/alipay/getAuthCode/fail-cancelled.json"
        ))
    );
    println!();

    heading(MyGetOpenUserInfo::INFO);
    let reply = MyGetOpenUserInfo::decode(include_str!(
        "../tests/fixtures/alipay/getOpenUserInfo/success-refused-inside.json"
    ))?;
    // The payload is JSON text: kept as sent, and read as typed data.
    println!("   text: {}", reply.response.text());
    match reply.response.content() {
        Ok(content) => println!(
            "   code {} ({}): refused inside a success callback",
            content.response.code,
            content.response.sub_msg.as_deref().unwrap_or("-")
        ),
        Err(error) => println!("   {error}"),
    }
    println!();
    Ok(())
}

fn kuaishou_and_qq_get_user_info() -> Result<(), Box<dyn std::error::Error>> {
    heading(KsGetUserInfo::INFO);
    let options = KsGetUserInfo::options().with_credentials(true).build()?;
    println!("   options: {}", options.to_json());
    let reply = KsGetUserInfo::decode(include_str!(
        "../tests/fixtures/kuaishou/getUserInfo/success-with-credentials.json"
    ))?;
    println!(
        "   decoded: nickName {:?}, signed rawData {}",
        reply.user_info.nick_name,
        reply.raw_data.is_some()
    );
    // Kuaishou documents no discriminant: read the fail callback's payload
    // as such.
    println!(
        "   fail callback: {}",
        KsGetUserInfo::decode_fail(include_str!(
            "../tests/fixtures/kuaishou/getUserInfo/fail-auth-deny.json"
        ))
    );
    println!();

    heading(QqGetUserInfo::INFO);
    let options = QqGetUserInfo::options()
        .lang(QqGetUserInfoLang::ZhCn)
        .build()?;
    println!("   options: {}", options.to_json());
    let reply = QqGetUserInfo::decode(include_str!(
        "../tests/fixtures/qq/getUserInfo/success-basic.json"
    ))?;
    println!(
        "   decoded: nickName {:?}, gender {:?}",
        reply.user_info.nick_name, reply.user_info.gender
    );
    println!();
    Ok(())
}

/// The same `mpkit::Profile` from every platform's payloads, side by side:
/// each schema's `x-profile` says where its members are and what its gender
/// codes mean. The decrypted data is what a server's `decrypt` returns.
fn profiles() -> Result<(), Box<dyn std::error::Error>> {
    println!("== one Profile from every platform");
    let wechat = WxGetUserInfo::decode(include_str!(
        "../tests/fixtures/wechat/getUserInfo/success-with-credentials.json"
    ))?
    .profile();
    let wechat_data: WxGetUserInfoEncryptedUserInfo = serde_json::from_str(include_str!(
        "../tests/fixtures/wechat/getUserInfo/encrypted.json"
    ))?;
    let anonymous = WxGetUserInfo::decode(include_str!(
        "../tests/fixtures/wechat/getUserInfo/success-anonymous.json"
    ))?
    .profile();
    let douyin = TtGetUserInfo::decode(include_str!(
        "../tests/fixtures/douyin/getUserInfo/success-with-credentials.json"
    ))?
    .profile();
    let douyin_data: TtGetUserInfoEncryptedUserInfo = serde_json::from_str(include_str!(
        "../tests/fixtures/douyin/getUserInfo/encrypted.json"
    ))?;
    let kuaishou = KsGetUserInfo::decode(include_str!(
        "../tests/fixtures/kuaishou/getUserInfo/success-with-credentials.json"
    ))?
    .profile();
    let kuaishou_data: KsGetUserInfoEncryptedUserInfo = serde_json::from_str(include_str!(
        "../tests/fixtures/kuaishou/getUserInfo/encrypted.json"
    ))?;
    let qq = QqGetUserInfo::decode(include_str!(
        "../tests/fixtures/qq/getUserInfo/success-with-credentials.json"
    ))?
    .profile();
    let baidu = SwanGetUserInfo::decode(include_str!(
        "../tests/fixtures/baidu/getUserInfo/success-with-data.json"
    ))?
    .profile();
    let baidu_data: SwanGetUserInfoDecryptedUserInfo = serde_json::from_str(include_str!(
        "../tests/fixtures/baidu/getUserInfo/encrypted.json"
    ))?;
    let baidu_anonymous = SwanGetUserInfo::decode(include_str!(
        "../tests/fixtures/baidu/getUserInfo/success-anonymous.json"
    ))?
    .profile();
    let alipay = MyGetOpenUserInfo::decode(include_str!(
        "../tests/fixtures/alipay/getOpenUserInfo/success-basic.json"
    ))?
    .profile();
    let emas = EmasGetUserInfo::decode(include_str!(
        "../tests/fixtures/mpserverless/user.getInfo/success-flat.json"
    ))?
    .profile();
    let rows = [
        wechat.or(wechat_data.profile()),
        anonymous,
        douyin.or(douyin_data.profile()),
        kuaishou.or(kuaishou_data.profile()),
        qq,
        baidu.or(baidu_data.profile()),
        baidu_anonymous,
        alipay,
        emas,
    ];
    println!(
        "   {:<13} {:<10} {:<8} {:<10} {:<10} {:<10} {:<10} anonymous",
        "platform", "nickname", "gender", "city", "openId", "unionId", "userId"
    );
    let cell = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "-".to_owned(), |text| text.chars().take(9).collect())
    };
    for profile in rows {
        println!(
            "   {:<13} {:<10} {:<8} {:<10} {:<10} {:<10} {:<10} {}",
            profile.platform,
            cell(&profile.nickname),
            profile
                .gender
                .map_or_else(|| "-".to_owned(), |g| g.to_string()),
            cell(&profile.city),
            cell(&profile.open_id),
            cell(&profile.union_id),
            cell(&profile.user_id),
            profile.anonymous
        );
    }
    println!();
    Ok(())
}

fn report<T>(result: Result<T, CallError>) {
    match result {
        Ok(_) => println!("   unexpected success"),
        Err(error) => println!("   failure: {error}"),
    }
}
