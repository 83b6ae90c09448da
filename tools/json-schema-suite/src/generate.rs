//! `generate`: the API schemas, the loader's verdicts, and the crate that
//! derives and decodes every accepted group.

use std::fmt::Write as _;
use std::path::Path;

use mpkit_codegen::{DataPart, LoadError, checked_members, load_schema};

use crate::model::{Group, GroupRecord, Verdict, read_suite};
use crate::place::{MEMBER, Placement, api_schema, payload};

pub(crate) fn run(suite: &Path, work: &Path, repo: &Path) -> Result<(), String> {
    let groups = read_suite(suite)?;
    let schemas = work.join("schemas");
    let krate = work.join("crate");
    for dir in [&schemas, &krate.join("src")] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let meta = repo.join("schemas/meta.schema.json");
    let mut records = Vec::new();
    for group in &groups {
        let success = place(group, Placement::Success, &schemas, &meta.to_string_lossy())?;
        let request = place(group, Placement::Request, &schemas, &meta.to_string_lossy())?;
        records.push(GroupRecord {
            id: group.id(),
            file: group.file.clone(),
            index: group.index,
            description: group.description.clone(),
            tests: group
                .tests
                .iter()
                .map(|(d, _, valid)| (d.clone(), *valid))
                .collect(),
            success,
            request,
        });
    }
    write(&work.join("groups.json"), &to_json(&records)?)?;
    write(
        &krate.join("cases.json"),
        &to_json(&cases(&groups, &records))?,
    )?;
    write(&krate.join("Cargo.toml"), &manifest(repo))?;
    write(&krate.join("src/lib.rs"), &library(&records))?;
    write(&krate.join("src/main.rs"), MAIN)?;
    let lock = repo.join("Cargo.lock");
    std::fs::copy(&lock, krate.join("Cargo.lock"))
        .map_err(|e| format!("{}: {e}", lock.display()))?;
    let accepted = records.iter().filter(|r| r.success.accepted).count();
    eprintln!(
        "json-schema-suite: {} groups; the loader accepts {accepted} as a success member, {} as an option",
        records.len(),
        records.iter().filter(|r| r.request.accepted).count()
    );
    Ok(())
}

/// Writes the API schema for one placement and asks the loader about it.
fn place(group: &Group, placement: Placement, dir: &Path, meta: &str) -> Result<Verdict, String> {
    let path = dir.join(format!("{}.{}.json", group.id(), placement.key()));
    let document = api_schema(&group.schema, placement, meta);
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    write(&path, &text)?;
    Ok(match load_schema(&path) {
        Ok(loaded) => Verdict {
            accepted: true,
            problem: None,
            problems: 0,
            checked: checked_members(&loaded).contains(&(DataPart::Request, MEMBER.to_owned())),
        },
        Err(LoadError::Invalid { diagnostics }) => Verdict {
            accepted: false,
            problem: diagnostics.first().map(|d| {
                let help = d
                    .help
                    .as_deref()
                    .map(|h| format!(" (help: {h})"))
                    .unwrap_or_default();
                format!("{}: {}{help}", d.pointer, d.message)
            }),
            problems: diagnostics.len(),
            checked: false,
        },
        Err(error) => return Err(error.to_string()),
    })
}

/// `(group, test, placement, text)` for every test of a group accepted as a
/// success member (the text is the success payload) or as a checked option
/// (the text is the option's value).
fn cases(groups: &[Group], records: &[GroupRecord]) -> Vec<(String, usize, &'static str, String)> {
    let mut cases = Vec::new();
    for (group, record) in groups.iter().zip(records) {
        for (i, (_, data, _)) in group.tests.iter().enumerate() {
            if record.success.accepted {
                cases.push((record.id.clone(), i, "success", payload(data.get())));
            }
            if record.request.checked {
                cases.push((record.id.clone(), i, "request", data.get().to_owned()));
            }
        }
    }
    cases
}

fn manifest(repo: &Path) -> String {
    format!(
        r#"[package]
name = "mpkit-suite-run"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
mpkit = {{ path = {repo:?} }}
serde_json = {{ version = "1", features = ["raw_value"] }}

[workspace]
"#,
        repo = repo.to_string_lossy()
    )
}

/// The crate's library: one module per accepted placement, and the table
/// of decoders `main.rs` runs.
fn library(records: &[GroupRecord]) -> String {
    let mut lib = String::from(
        "//! The JSON Schema Test Suite's groups that mpkit's loader accepts, derived.\n\
         #![deny(warnings, missing_docs)]\n\n\
         /// A group's decoders: its id, `decode` (the error, if refused) and `decode_value`.\n\
         pub type Decoder = (&'static str, fn(&str) -> Result<(), String>, fn(serde_json::Value) -> bool);\n\n\
         /// A group's option check: its id, and `build()` with the value set (the error, if refused).\n\
         pub type Builder = (&'static str, fn(serde_json::Value) -> Result<(), String>);\n\n",
    );
    let mut table = String::new();
    let mut builders = String::new();
    for (n, record) in records.iter().enumerate() {
        for placement in [Placement::Success, Placement::Request] {
            let verdict = match placement {
                Placement::Success => &record.success,
                Placement::Request => &record.request,
            };
            if !verdict.accepted {
                continue;
            }
            let module = format!("{}_{n}", placement.key());
            let _ = write!(
                lib,
                "/// `{id}` as {role}.\npub mod {module} {{\n    /// The group's API.\n    #[derive(mpkit::MiniProgramApi)]\n    #[mini_program(schema = \"../schemas/{id}.{key}.json\")]\n    pub struct Api;\n}}\n\n",
                id = record.id,
                role = if placement == Placement::Success {
                    "a success member"
                } else {
                    "an option"
                },
                key = placement.key(),
            );
            if placement == Placement::Request && verdict.checked {
                let _ = writeln!(
                    builders,
                    "    ({id:?}, |value| {module}::Api::options().{MEMBER}(value).build().map(drop).map_err(|e| e.to_string())),",
                    id = record.id
                );
            }
            if placement == Placement::Success {
                let _ = writeln!(
                    table,
                    "    ({id:?}, |text| <{module}::Api as mpkit::MiniProgramApi>::decode(text).map(drop).map_err(|e| e.to_string()), |value| <{module}::Api as mpkit::MiniProgramApi>::decode_value(value).is_ok()),",
                    id = record.id
                );
            }
        }
    }
    let _ = write!(
        lib,
        "/// Every group accepted as a success member.\npub const DECODERS: &[Decoder] = &[\n{table}];\n\n\
         /// Every group accepted as an option kept as JSON.\npub const BUILDERS: &[Builder] = &[\n{builders}];\n"
    );
    lib
}

const MAIN: &str = r#"//! Runs every test's data: decoded as a success payload through both paths,
//! or set as an option and built. One JSON line per test.

use std::collections::HashMap;

fn main() {
    let path = std::env::args().nth(1).expect("usage: mpkit-suite-run <cases.json>");
    let text = std::fs::read_to_string(&path).expect("the cases file");
    let cases: Vec<(String, usize, String, String)> = serde_json::from_str(&text).expect("cases");
    let decoders: HashMap<&str, &mpkit_suite_run::Decoder> =
        mpkit_suite_run::DECODERS.iter().map(|d| (d.0, d)).collect();
    let builders: HashMap<&str, &mpkit_suite_run::Builder> =
        mpkit_suite_run::BUILDERS.iter().map(|b| (b.0, b)).collect();
    for (group, test, placement, text) in cases {
        let (by_text, by_value) = if placement == "success" {
            let (_, decode, decode_value) = decoders[group.as_str()];
            let by_text = decode(&text);
            let by_value = serde_json::from_str(&text).is_ok_and(|value| decode_value(value));
            (by_text, by_value)
        } else {
            let (_, build) = builders[group.as_str()];
            let built = build(serde_json::from_str(&text).expect("the suite's data"));
            let ok = built.is_ok();
            (built, ok)
        };
        let line = serde_json::json!({
            "group": group,
            "test": test,
            "placement": placement,
            "decode": by_text.is_ok(),
            "decode_value": by_value,
            "error": by_text.err(),
        });
        println!("{line}");
    }
}
"#;

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
