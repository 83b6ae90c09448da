//! The runtime's docs are read through the `mpkit` facade (`mpkit::crypto`,
//! `mpkit::Version`, ...): the paths a reader sees there are `mpkit::`
//! paths. Doctests still compile against the runtime alone, through a
//! hidden `extern crate mpkit_runtime as mpkit;` line.

#![allow(clippy::panic)] // a test fails by panicking

mod support;

use std::path::Path;

use support::root;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn runtime_docs_show_mpkit_paths() {
    let mut files = Vec::new();
    rust_files(&root().join("runtime/src"), &mut files);
    let mut shown = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
        for (n, line) in text.lines().enumerate() {
            let Some(doc) = ["///", "//!"]
                .iter()
                .find_map(|marker| line.trim_start().strip_prefix(marker))
            else {
                continue;
            };
            // `# ` lines of a doctest are hidden from the reader.
            let hidden = doc.trim_start().starts_with("# ") || doc.trim() == "#";
            if doc.contains("mpkit_runtime") && !hidden {
                shown.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        shown.is_empty(),
        "docs a reader sees through `mpkit` name `mpkit_runtime`:\n{}",
        shown.join("\n")
    );
}

#[test]
fn the_crate_docs_list_every_bundled_api() {
    // The attribute's section names each `api = "..."` a user can write.
    let docs = std::fs::read_to_string(root().join("src/lib.rs"))
        .unwrap_or_else(|e| panic!("src/lib.rs: {e}"));
    let docs: String = docs
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    let missing: Vec<&str> = mpkit_codegen::bundled_names()
        .iter()
        .copied()
        .filter(|name| !docs.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "src/lib.rs does not list {missing:?}");
}
