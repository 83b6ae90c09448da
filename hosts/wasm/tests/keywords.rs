//! The schema keywords a host reads, end to end: `x-version-getters` and
//! `x-error-rejection` in a schema file reach the derived `ApiInfo`, and the
//! loader refuses a getter that is not one, or an unknown rejection reading.
//! Native only (the loader is not built for the wasm target).

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)] // a test fails by panicking

use std::path::Path;

use mpkit::{ErrorRejection, MiniProgramApi};

/// `qq.getUserInfo`, from the test schema.
#[derive(MiniProgramApi)]
#[mini_program(schema = "tests/schemas/qq-getUserInfo.json")]
pub struct QqGetUserInfo;

const SCHEMA: &str = include_str!("schemas/qq-getUserInfo.json");

#[test]
fn the_keywords_reach_the_api_info() {
    assert_eq!(
        QqGetUserInfo::INFO.version_getters,
        ["getSystemInfoSync().SDKVersion", "SDKVersion"]
    );
    assert_eq!(QqGetUserInfo::INFO.error_rejection, ErrorRejection::Failure);
}

#[test]
fn the_rejection_reading_is_optional() {
    let loaded = mpkit_codegen::parse_schema(
        &SCHEMA.replace(r#""x-error-rejection": "failure","#, ""),
        Path::new("qq-getUserInfo.json"),
    );
    assert!(loaded.is_ok());
}

#[test]
fn the_loader_refuses_what_is_not_a_getter_or_a_reading() {
    for (from, to, expected) in [
        (
            r#""SDKVersion"]"#,
            r#""SDKVersion(1)"]"#,
            "x-version-getters",
        ),
        (r#""failure""#, r#""maybe""#, "x-error-rejection"),
    ] {
        let text = SCHEMA.replace(from, to);
        let error = mpkit_codegen::parse_schema(&text, Path::new("qq-getUserInfo.json"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(expected), "{to}: {error}");
    }
}
