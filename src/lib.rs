//! mpkit: typed Rust for mini-program platform APIs.
//!
//! Each platform API (WeChat `wx.getUserInfo`, Douyin `tt.getUserInfo`, EMAS
//! Serverless `mpserverless.user.getInfo`, ...) is described once, as a JSON
//! Schema file, and mpkit turns that description into typed Rust. This facade
//! re-exports what users and generated code need, so generated code can name
//! everything as `::mpkit::...`.

pub use mpkit_runtime::{Version, VersionError};
