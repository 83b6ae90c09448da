//! Compile-time behaviour of `#[derive(MiniProgramApi)]` (trybuild).
//!
//! `tests/ui/pass/` must compile without a warning under
//! `#![deny(warnings, missing_docs)]`; each `tests/ui/fail/` case must fail
//! with exactly its `.stderr`. The `.stderr` files depend on the compiler:
//! they were made with the stable toolchain the README names. Regenerate
//! them with `TRYBUILD=overwrite cargo test --test ui` and review the diff.
//!
//! Schema paths in these cases are relative to the crate trybuild generates
//! under `target/tests/trybuild/mpkit/`, hence `../../../../tests/ui/...`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
