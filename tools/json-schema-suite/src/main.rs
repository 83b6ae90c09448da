//! Runs the official JSON Schema Test Suite (draft 2020-12) through mpkit.
//!
//! `scripts/json-schema-suite.sh` drives the three steps:
//! - `generate <suite-dir> <work-dir> <repo-dir>`: places each group's schema
//!   into two API schemas (as a success member, and as an option), runs the
//!   loader on each, and writes a crate that derives every accepted one and
//!   decodes each test's data through `decode` and `decode_value`;
//! - the script builds and runs that crate (`#![deny(warnings, missing_docs)]`),
//!   which prints one verdict line per test;
//! - `report <work-dir> <results> <table.md> [--check]`: compares the
//!   verdicts with the suite's, writes the compliance table, and fails on any
//!   disagreement (with `--check`, also when the committed table is stale).

mod generate;
mod model;
mod place;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", suite, work, repo] => {
            generate::run(&PathBuf::from(suite), &PathBuf::from(work), &PathBuf::from(repo))
        }
        ["report", work, results, table] => {
            report::run(&PathBuf::from(work), &PathBuf::from(results), &PathBuf::from(table), false)
        }
        ["report", work, results, table, "--check"] => {
            report::run(&PathBuf::from(work), &PathBuf::from(results), &PathBuf::from(table), true)
        }
        _ => Err("usage: mpkit-json-schema-suite generate <suite-dir> <work-dir> <repo-dir>\n       mpkit-json-schema-suite report <work-dir> <results> <table.md> [--check]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
