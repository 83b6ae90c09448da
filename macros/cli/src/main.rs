//! `mpkit`: the command-line front over mpkit-codegen.
//!
//! Exit codes: 0 success; 1 problems found in a schema; 2 usage error
//! (clap's own code for a bad flag).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "mpkit",
    version,
    about = "Check and inspect mpkit mini-program API schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load every schema with the loader the derive uses and print each problem.
    ///
    /// Example: mpkit check schemas/wechat/getUserInfo.json
    Check {
        /// Schema files or directories (default: schemas/).
        paths: Vec<PathBuf>,
    },
    /// Print the meta-schema; schemas/meta.schema.json is this output.
    ///
    /// Example: mpkit meta-schema > schemas/meta.schema.json
    MetaSchema,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { paths } => check(paths),
        Command::MetaSchema => {
            print!("{}", mpkit_codegen::meta_schema_json());
            ExitCode::SUCCESS
        }
    }
}

fn check(mut paths: Vec<PathBuf>) -> ExitCode {
    if paths.is_empty() {
        paths.push(PathBuf::from("schemas"));
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match mpkit_codegen::schema_files(&path) {
                Ok(found) => files.extend(found),
                Err(error) => {
                    eprintln!("{error}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            files.push(path);
        }
    }
    let mut failed = 0usize;
    for file in &files {
        if let Err(error) = mpkit_codegen::load_schema(file) {
            eprintln!("{error}");
            failed += 1;
        }
    }
    if failed == 0 {
        eprintln!("checked {} schema file(s): no problems", files.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of {} schema file(s) have problems", files.len());
        ExitCode::FAILURE
    }
}
