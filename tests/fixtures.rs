//! Every payload fixture against its schema's data part, with a real JSON
//! Schema validator: positive fixtures must pass, `reject-*` ones must fail.
//!
//! Fixtures live in `tests/fixtures/<platform>/<api>/` and are named
//! `<part>-<case>.json` (`success-basic.json`) or `reject-<part>-<case>.json`
//! for payloads the schema must refuse; `<part>` is request, success, fail or
//! encrypted. The folder names the schema: `schemas/<platform>/<api>.json`.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mpkit_codegen::DataPart;
use support::{read_json, root};

struct Fixture {
    path: PathBuf,
    schema: PathBuf,
    part: DataPart,
    expect_valid: bool,
}

fn fixtures() -> Vec<Fixture> {
    let base = root().join("tests/fixtures");
    let mut found = Vec::new();
    for platform in dirs(&base) {
        for api in dirs(&platform) {
            let schema = root()
                .join("schemas")
                .join(file_name(&platform))
                .join(format!("{}.json", file_name(&api)));
            for path in files(&api) {
                let name = file_name(&path);
                let (expect_valid, rest) = match name.strip_prefix("reject-") {
                    Some(rest) => (false, rest),
                    None => (true, name.as_str()),
                };
                let part = DataPart::ALL
                    .into_iter()
                    .find(|p| rest.starts_with(p.key()))
                    .unwrap_or_else(|| {
                        panic!("{}: name must start with a data part", path.display())
                    });
                found.push(Fixture {
                    path,
                    schema: schema.clone(),
                    part,
                    expect_valid,
                });
            }
        }
    }
    found
}

fn dirs(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = entries(path).into_iter().filter(|p| p.is_dir()).collect();
    out.retain(|p| file_name(p) != "crypto");
    out
}

fn files(path: &Path) -> Vec<PathBuf> {
    entries(path).into_iter().filter(|p| p.is_file()).collect()
}

fn entries(path: &Path) -> Vec<PathBuf> {
    let read = std::fs::read_dir(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<PathBuf> = read
        .map(|entry| entry.map(|e| e.path()).unwrap_or_default())
        .collect();
    out.sort();
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn every_fixture_matches_its_schema_part() {
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(
        all.len() >= 40,
        "expected the full fixture set, found {}",
        all.len()
    );
    for fixture in &all {
        let loaded = mpkit_codegen::load_schema(&fixture.schema).unwrap_or_else(|e| panic!("{e}"));
        let schema = loaded.data_schema(fixture.part).unwrap_or_else(|| {
            panic!(
                "{}: schema has no `{}` part",
                fixture.path.display(),
                fixture.part.key()
            )
        });
        let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{e}"));
        let payload = read_json(&fixture.path);
        let errors: Vec<String> = validator
            .iter_errors(&payload)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        match (fixture.expect_valid, errors.is_empty()) {
            (true, false) => failures.push(format!(
                "{} should be valid:\n  {}",
                fixture.path.display(),
                errors.join("\n  ")
            )),
            (false, true) => failures.push(format!(
                "{} should be rejected but passed",
                fixture.path.display()
            )),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_api_has_success_failure_and_rejected_fixtures() {
    let all = fixtures();
    let schemas: BTreeSet<&Path> = all.iter().map(|f| f.schema.as_path()).collect();
    assert_eq!(
        schemas.len(),
        support::bundled_schemas().len(),
        "a bundled API has no fixtures"
    );
    for schema in schemas {
        let of = |part: DataPart, valid: bool| {
            all.iter()
                .any(|f| f.schema == schema && f.part == part && f.expect_valid == valid)
        };
        assert!(
            of(DataPart::Success, true),
            "{}: no success fixture",
            schema.display()
        );
        assert!(
            of(DataPart::Fail, true),
            "{}: no failure fixture",
            schema.display()
        );
        assert!(
            of(DataPart::Request, true),
            "{}: no request fixture",
            schema.display()
        );
        assert!(
            all.iter().any(|f| f.schema == schema && !f.expect_valid),
            "{}: no negative fixture",
            schema.display()
        );
    }
}

#[test]
fn signed_raw_data_is_the_exact_json_of_user_info() {
    // rawData is what the signature covers; the fixtures must keep it
    // consistent with userInfo or the crypto tests prove nothing.
    for fixture in fixtures()
        .iter()
        .filter(|f| f.expect_valid && f.part == DataPart::Success)
    {
        let payload = read_json(&fixture.path);
        let Some(raw) = payload.get("rawData").and_then(|r| r.as_str()) else {
            continue;
        };
        let parsed: serde_json::Value =
            serde_json::from_str(raw).unwrap_or_else(|e| panic!("{}: {e}", fixture.path.display()));
        assert_eq!(parsed, payload["userInfo"], "{}", fixture.path.display());
    }
}
