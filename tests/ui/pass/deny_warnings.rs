//! A user crate that denies warnings and missing docs: the derive must add
//! neither, for bundled schemas, a user schema, contexts and gates.
#![deny(warnings, missing_docs)]

use mpkit::{AtLeast, MiniProgramApi, Version};

/// wx.getUserInfo, app minimum 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// wx.getUserInfo in a plugin.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", context = "plugin", min_version = "2.3.1")]
pub struct WxGetUserInfoPlugin;

/// wx.getUserProfile.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;

/// tt.getUserInfo.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.0.0")]
pub struct TtGetUserInfo;

/// mpserverless.user.getInfo.
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

/// A private API type works too.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile")]
struct TtGetUserProfile;

/// wx.getUserInfo with no declared minimum: the API is at WeChat's floor
/// (1.0.0), so `options()` takes no proof; its options are newer and do.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub struct WxGetUserInfoAnyHost;

/// An API described by the user's own schema, with a gated option.
#[derive(MiniProgramApi)]
#[mini_program(schema = "ui-schemas/gated.json", min_version = "1.0.0")]
pub struct ExGetUserInfo;

fn main() {
    let host = Version::new(2, 7, 0);
    let _ = WxGetUserInfo::options().lang(WxGetUserInfoLang::ZhCn).build();
    let _ = WxGetUserInfoPlugin::options().build();
    let _ = WxGetUserProfile::options("完善资料").build();
    let _ = TtGetUserInfo::options().with_credentials(true).build();
    let _ = EmasGetUserInfo::options().auth_provider(EmasGetUserInfoAuthProvider::Dingtalk).build();
    if let (Ok(since), Ok(force)) = (AtLeast::<2, 30, 0>::check(host), AtLeast::<2, 54, 0>::check(host)) {
        let _ = TtGetUserProfile::options(since).force(force, true).build();
    }
    let _ = WxGetUserInfoAnyHost::options().build();
    // One check of a newer version serves every older requirement.
    if let Ok(proof) = AtLeast::<2, 0, 0>::check(host) {
        let _ = WxGetUserInfoAnyHost::options()
            .with_credentials(proof.weaken(), true)
            .lang(proof.weaken(), WxGetUserInfoAnyHostLang::ZhCn)
            .build();
    }
    if let Ok(proof) = AtLeast::<2, 0, 0>::check(host) {
        let _ = ExGetUserInfo::options().lang(proof, ExGetUserInfoLang::ZhCn).build();
    }
    // A field newer than min_version is an Option.
    if let Ok(reply) = ExGetUserInfo::decode(r#"{"errMsg":"getUserInfo:ok","nickName":"a","cloudID":"c"}"#) {
        let _: Option<String> = reply.cloud_id;
        let _: String = reply.nick_name;
    }
}
