//! Embeds the bundled schemas (`schemas/**/*.json` at the workspace root, or
//! a `schemas/` folder inside the package when it is published) so that
//! `#[mini_program(api = "wechat/getUserInfo")]` needs no file of the user's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = [manifest.join("../../schemas"), manifest.join("schemas")]
        .into_iter()
        .find(|dir| dir.is_dir());
    let mut table = String::from("&[\n");
    if let Some(dir) = dir {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        collect(&dir, &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .strip_prefix(&dir)
                .unwrap_or(&file)
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/");
            let path = file.canonicalize().unwrap_or(file);
            let _ = writeln!(
                table,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
    }
    table.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(error) = std::fs::write(&out, table) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n != "meta.schema.json")
        {
            files.push(path);
        }
    }
}
