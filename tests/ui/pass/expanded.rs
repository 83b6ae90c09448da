//! The golden expansions compile, warning-free, in a crate that denies
//! warnings and missing docs.
#![deny(warnings, missing_docs)]

/// wx.getUserInfo
pub mod wechat_get_user_info {
    include!("../../expanded/wechat/getUserInfo.rs");
}
/// wx.getUserProfile
pub mod wechat_get_user_profile {
    include!("../../expanded/wechat/getUserProfile.rs");
}
/// tt.getUserInfo
pub mod douyin_get_user_info {
    include!("../../expanded/douyin/getUserInfo.rs");
}
/// tt.getUserProfile
pub mod douyin_get_user_profile {
    include!("../../expanded/douyin/getUserProfile.rs");
}
/// wx.login
pub mod wechat_login {
    include!("../../expanded/wechat/login.rs");
}
/// tt.login
pub mod douyin_login {
    include!("../../expanded/douyin/login.rs");
}
/// ks.getUserInfo
pub mod kuaishou_get_user_info {
    include!("../../expanded/kuaishou/getUserInfo.rs");
}
/// qq.getUserInfo
pub mod qq_get_user_info {
    include!("../../expanded/qq/getUserInfo.rs");
}
/// qq.login
pub mod qq_login {
    include!("../../expanded/qq/login.rs");
}
/// mpserverless.user.getInfo
pub mod mpserverless_user_get_info {
    include!("../../expanded/mpserverless/user.getInfo.rs");
}

/// swan.getUserInfo
pub mod baidu_get_user_info {
    include!("../../expanded/baidu/getUserInfo.rs");
}
/// swan.login
pub mod baidu_login {
    include!("../../expanded/baidu/login.rs");
}
/// ks.login
pub mod kuaishou_login {
    include!("../../expanded/kuaishou/login.rs");
}
/// my.getAuthCode
pub mod alipay_get_auth_code {
    include!("../../expanded/alipay/getAuthCode.rs");
}
/// my.getOpenUserInfo
pub mod alipay_get_open_user_info {
    include!("../../expanded/alipay/getOpenUserInfo.rs");
}
/// mpserverless.user.authorize
pub mod mpserverless_user_authorize {
    include!("../../expanded/mpserverless/user.authorize.rs");
}

fn main() {}
