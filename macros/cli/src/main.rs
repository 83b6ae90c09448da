//! `mpkit`: the command-line front over mpkit-codegen, for the work that
//! follows a platform change: check a schema, see the code it generates,
//! see what changed and whether that breaks users.

mod report;
mod typescript;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mpkit_codegen::{Impact, LoadedSchema};

use report::Report;

const AFTER_HELP: &str = "\
Exit codes:
  0   success (check: no problems; diff: nothing breaking)
  1   a schema has problems, or a file cannot be read
  2   diff: at least one breaking change
  64  usage error (an unknown flag, a missing argument)

Examples:
  mpkit check                                   check every schema under schemas/
  mpkit expand wechat/getUserInfo --min-version 2.10.4
  mpkit matrix --format markdown > matrix.md
  mpkit diff old/getUserInfo.json schemas/wechat/getUserInfo.json
  mpkit typescript wechat/getUserInfo > getUserInfo.d.ts
  mpkit meta-schema > schemas/meta.schema.json";

#[derive(Parser)]
#[command(name = "mpkit", version, about = "Check, expand and compare mpkit mini-program API schemas", after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check schemas with the loader the derive uses; print every problem as file:line:col.
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
        /// The struct the derive is on (default: from the API, `WxGetUserInfo`).
        #[arg(long)]
        name: Option<String>,
    },
    /// One table across platforms: API, option or field, minimum version, contexts, presence, hosts.
    ///
    /// Example: mpkit matrix schemas --format json
    Matrix {
        /// Schema files or directories (default: schemas/).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
    /// What changed between two versions of an API schema, each change breaking or compatible.
    ///
    /// Exits with 2 when anything is breaking, so CI can gate a platform update.
    /// Example: mpkit diff old.json schemas/wechat/getUserInfo.json
    Diff {
        /// The schema as it was.
        old: PathBuf,
        /// The schema as it is now.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// TypeScript declarations of APIs: options, success, failure and decrypted data, with TSDoc.
    ///
    /// With --assertions, the drift check's file instead: the declarations and
    /// assertions that `tsc --strict` compiles only when they agree with the
    /// platform's official typings (see tests/typings/).
    /// Example: mpkit typescript wechat/getUserInfo > getUserInfo.d.ts
    Typescript {
        /// Schema files, directories or bundled names (`wechat/getUserInfo`); default: schemas/.
        schemas: Vec<String>,
        /// Write one file per API, DIR/<platform>/<name>.d.ts (.ts with --assertions), instead of printing.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Write the drift check's assertion files instead of declarations.
        #[arg(long)]
        assertions: bool,
        /// With --assertions: the typings package compared with; a member's
        /// x-departs-from-typings naming another package is not honoured.
        #[arg(long, value_name = "PACKAGE", requires = "assertions")]
        typings_package: Option<String>,
    },
    /// Print the meta-schema; schemas/meta.schema.json is this output.
    ///
    /// Example: mpkit meta-schema > schemas/meta.schema.json
    MetaSchema,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

const EXIT_PROBLEMS: u8 = 1;
const EXIT_BREAKING: u8 = 2;
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            use clap::error::ErrorKind;
            let code = match error.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ExitCode::SUCCESS,
                _ => ExitCode::from(EXIT_USAGE),
            };
            let _ = error.print();
            return code;
        }
    };
    let report = Report::stderr();
    match cli.command {
        Command::Check { paths } => check(&report, paths),
        Command::Expand {
            schema,
            min_version,
            context,
            name,
        } => expand(&report, &schema, min_version, context, name),
        Command::Matrix { paths, format } => matrix(&report, paths, format),
        Command::Diff { old, new, format } => diff(&report, &old, &new, format),
        Command::Typescript {
            schemas,
            out_dir,
            assertions,
            typings_package,
        } => typescript::run(
            &report,
            &typescript::Request {
                schemas,
                out_dir,
                assertions,
                package: typings_package,
            },
        ),
        Command::MetaSchema => {
            report::to_stdout(&mpkit_codegen::meta_schema_json());
            ExitCode::SUCCESS
        }
    }
}

/// The schema files named by `paths` (directories are searched), or a one-line error.
///
/// A file named twice, or reached through two arguments (`schemas` and
/// `schemas/wechat`), is listed once, under the path met first.
fn files(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("schemas")]
    } else {
        paths
    };
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            found.extend(mpkit_codegen::schema_files(&path).map_err(|e| e.to_string())?);
        } else if path.exists() {
            // Not read here: the loader refuses what is not a regular file.
            found.push(path);
        } else {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    let mut seen = HashSet::new();
    // A path that cannot be resolved stays, so that loading it says why.
    found.retain(|file| seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())));
    Ok(found)
}

fn check(report: &Report, paths: Vec<PathBuf>) -> ExitCode {
    let files = match files(paths) {
        Ok(files) => files,
        Err(message) => return report.fail(&message, EXIT_PROBLEMS),
    };
    let mut failed = 0usize;
    for file in &files {
        if let Err(error) = mpkit_codegen::load_schema(file) {
            report.load_error(&error);
            failed += 1;
        }
    }
    if failed == 0 {
        report.note(&format!(
            "checked {} schema file(s): no problems",
            files.len()
        ));
        ExitCode::SUCCESS
    } else {
        report.note(&format!(
            "{failed} of {} schema file(s) have problems",
            files.len()
        ));
        ExitCode::from(EXIT_PROBLEMS)
    }
}

fn load(report: &Report, path: &Path) -> Result<LoadedSchema, ExitCode> {
    if path.is_dir() {
        return Err(report.fail(
            &format!("{}: is a directory; name one schema file", path.display()),
            EXIT_PROBLEMS,
        ));
    }
    mpkit_codegen::load_schema(path).map_err(|error| {
        report.load_error(&error);
        ExitCode::from(EXIT_PROBLEMS)
    })
}

fn expand(
    report: &Report,
    schema: &str,
    min_version: Option<String>,
    context: Option<String>,
    name: Option<String>,
) -> ExitCode {
    let loaded = match mpkit_codegen::load_bundled(schema) {
        Some(Ok(loaded)) => loaded,
        Some(Err(error)) => {
            report.load_error(&error);
            return ExitCode::from(EXIT_PROBLEMS);
        }
        None => match load(report, Path::new(schema)) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        },
    };
    let min_version = match min_version
        .as_deref()
        .map(mpkit_codegen::spec::parse_version)
        .transpose()
    {
        Ok(version) => version,
        Err(error) => return report.fail(&format!("--min-version: {error}"), EXIT_USAGE),
    };
    let settings = mpkit_codegen::Settings {
        min_version,
        context,
        ..mpkit_codegen::Settings::default()
    };
    let name = name.unwrap_or_else(|| mpkit_codegen::default_type_name(&loaded.api.full_name()));
    let tokens = match mpkit_codegen::expand(&loaded, &name, &settings) {
        Ok(tokens) => tokens,
        Err(problems) => return report.fail(&problems.join("; "), EXIT_PROBLEMS),
    };
    match mpkit_codegen::format_tokens(&tokens) {
        Ok(text) => {
            report::to_stdout(&text);
            ExitCode::SUCCESS
        }
        Err(error) => report.fail(
            &format!("the generated code does not parse (a bug in mpkit): {error}"),
            EXIT_PROBLEMS,
        ),
    }
}

fn matrix(report: &Report, paths: Vec<PathBuf>, format: Format) -> ExitCode {
    let files = match files(paths) {
        Ok(files) => files,
        Err(message) => return report.fail(&message, EXIT_PROBLEMS),
    };
    let mut schemas = Vec::new();
    for file in &files {
        match load(report, file) {
            Ok(schema) => schemas.push(schema),
            Err(code) => return code,
        }
    }
    let rows = mpkit_codegen::matrix(&schemas);
    match format {
        Format::Markdown => report::to_stdout(&mpkit_codegen::matrix_markdown(&rows)),
        Format::Json => match serde_json::to_string_pretty(&rows) {
            Ok(text) => report::to_stdout(&format!("{text}\n")),
            Err(error) => return report.fail(&error.to_string(), EXIT_PROBLEMS),
        },
    }
    ExitCode::SUCCESS
}

fn diff(report: &Report, old: &Path, new: &Path, format: DiffFormat) -> ExitCode {
    let (old, new) = match (load(report, old), load(report, new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let changes = mpkit_codegen::diff(&old.api, &new.api);
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    match format {
        DiffFormat::Text => {
            for change in &changes {
                report::to_stdout(&format!("{change}\n"));
            }
            report.note(&format!("{} change(s), {breaking} breaking", changes.len()));
        }
        DiffFormat::Json => match serde_json::to_string_pretty(&changes) {
            Ok(text) => report::to_stdout(&format!("{text}\n")),
            Err(error) => return report.fail(&error.to_string(), EXIT_PROBLEMS),
        },
    }
    if breaking > 0 {
        ExitCode::from(EXIT_BREAKING)
    } else {
        ExitCode::SUCCESS
    }
}
