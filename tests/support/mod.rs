//! Helpers shared by the integration tests: where the repository's files are.

#![allow(dead_code, unreachable_pub, clippy::panic)]

use std::path::{Path, PathBuf};

/// The repository root (the `mpkit` package's manifest directory).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled schema file, sorted.
pub fn bundled_schemas() -> Vec<PathBuf> {
    match mpkit_codegen::schema_files(root().join("schemas")) {
        Ok(files) => files,
        Err(error) => panic!("{error}"),
    }
}

/// Reads a file as JSON, naming the file on failure.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether the test run was asked to rewrite generated files.
pub fn blessing() -> bool {
    std::env::var_os("MPKIT_BLESS").is_some_and(|v| v == "1")
}
