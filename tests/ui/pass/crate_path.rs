//! `crate = "..."` points generated code at a re-export of mpkit.
#![deny(warnings, missing_docs)]

/// Where this crate re-exports mpkit.
pub mod reexport {
    pub use mpkit as inner;
}

/// wx.getUserInfo through the re-export.
#[derive(mpkit::MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4", crate = "crate::reexport::inner")]
pub struct WxGetUserInfo;

fn main() {
    let _ = WxGetUserInfo::options().with_credentials(false).build();
}
