//! Compile-time behaviour of `#[derive(MiniProgramApi)]` (trybuild).
//!
//! `tests/ui/pass/` must compile without a warning under
//! `#![deny(warnings, missing_docs)]`; each `tests/ui/fail/` case must fail
//! with exactly its `.stderr`. The `.stderr` files depend on the compiler:
//! they were made with the stable toolchain the README names. Regenerate
//! them with `TRYBUILD=overwrite cargo test --test ui` and review the diff.
//!
//! Schema paths in these cases are relative to the crate trybuild generates,
//! `<target dir>/tests/trybuild/mpkit/`: the test copies `tests/ui/schemas`
//! there as `ui-schemas/`, so the cases and their `.stderr` files hold
//! whatever `CARGO_TARGET_DIR` is.

#![allow(clippy::panic)] // a test fails by panicking

use std::path::Path;

#[test]
fn ui() {
    copy_schemas();
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// Copies `tests/ui/schemas` next to the crate trybuild generates: its
/// target directory is the parent of this test's `CARGO_TARGET_TMPDIR`.
fn copy_schemas() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or_else(|| panic!("CARGO_TARGET_TMPDIR has no parent"));
    let into = target.join("tests/trybuild/mpkit/ui-schemas");
    std::fs::create_dir_all(&into).unwrap_or_else(|e| panic!("{}: {e}", into.display()));
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/schemas");
    let entries = std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let to = into.join(entry.file_name());
            std::fs::copy(&path, &to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
        }
    }
}
