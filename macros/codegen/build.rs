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
    if let Some(dir) = &dir {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        collect(dir, &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .strip_prefix(dir)
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
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("bundled.rs");
    if let Err(error) = std::fs::write(&out, table) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
    // The meta-schema the loader's structural check interprets. Always
    // written, empty when missing, so the loader reports it instead of the
    // build failing.
    let meta = dir.as_ref().map(|dir| dir.join("meta.schema.json"));
    let text = meta
        .as_ref()
        .and_then(|meta| {
            println!("cargo:rerun-if-changed={}", meta.display());
            std::fs::read_to_string(meta).ok()
        })
        .unwrap_or_default();
    let out = out_dir.join("meta.schema.json");
    if let Err(error) = std::fs::write(&out, text) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Symbolic links are not followed: the bundled schemas are plain
        // files, and a link back to an ancestor would never end.
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n != "meta.schema.json")
        {
            files.push(path);
        }
    }
}
