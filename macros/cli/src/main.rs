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
    /// Print the Rust that #[derive(MiniProgramApi)] generates for a schema, formatted.
    ///
    /// Example: mpkit expand schemas/wechat/getUserInfo.json --min-version 2.10.4
    Expand {
        /// A schema file, or the name of a bundled schema (`wechat/getUserInfo`).
        schema: String,
        /// The app's minimum base library (the attribute's `min_version`).
        #[arg(long)]
        min_version: Option<String>,
        /// The context the API is used in (the attribute's `context`).
        #[arg(long)]
        context: Option<String>,
        /// The name of the struct the derive is on (default: from the API, `WxGetUserInfo`).
        #[arg(long)]
        name: Option<String>,
    },
    /// Print the meta-schema; schemas/meta.schema.json is this output.
    ///
    /// Example: mpkit meta-schema > schemas/meta.schema.json
    MetaSchema,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { paths } => check(paths),
        Command::Expand {
            schema,
            min_version,
            context,
            name,
        } => expand(&schema, min_version, context, name),
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

fn expand(
    schema: &str,
    min_version: Option<String>,
    context: Option<String>,
    name: Option<String>,
) -> ExitCode {
    let loaded = match mpkit_codegen::load_bundled(schema) {
        Some(result) => result,
        None => mpkit_codegen::load_schema(schema),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let min_version = match min_version
        .as_deref()
        .map(mpkit_codegen::spec::parse_version)
        .transpose()
    {
        Ok(version) => version,
        Err(error) => {
            eprintln!("error: --min-version: {error}");
            return ExitCode::from(2);
        }
    };
    let settings = mpkit_codegen::Settings {
        min_version,
        context,
    };
    let name = name.unwrap_or_else(|| mpkit_codegen::default_type_name(&loaded.api.full_name()));
    let tokens = match mpkit_codegen::expand(&loaded, &name, &settings) {
        Ok(tokens) => tokens,
        Err(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            return ExitCode::FAILURE;
        }
    };
    match mpkit_codegen::format_tokens(&tokens) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: the generated code does not parse (a bug in mpkit): {error}");
            eprintln!("{tokens}");
            ExitCode::FAILURE
        }
    }
}
