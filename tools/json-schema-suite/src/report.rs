//! `report`: the suite's verdicts against mpkit's, as a compliance table.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::model::{GroupRecord, TestResult};

/// Per keyword file: the numbers of the table.
#[derive(Default)]
struct Row {
    groups: usize,
    refused: usize,
    refused_as_option: usize,
    tests: usize,
    agreeing: usize,
    option_tests: usize,
    option_agreeing: usize,
}

pub(crate) fn run(work: &Path, results: &Path, table: &Path, check: bool) -> Result<(), String> {
    let records: Vec<GroupRecord> = serde_json::from_str(&read(&work.join("groups.json"))?)
        .map_err(|e| format!("groups.json: {e}"))?;
    let mut verdicts = HashMap::new();
    for line in read(results)?.lines().filter(|l| !l.trim().is_empty()) {
        let result: TestResult = serde_json::from_str(line)
            .map_err(|e| format!("{}: {e}: {line}", results.display()))?;
        verdicts.insert(
            (result.group.clone(), result.test, result.placement.clone()),
            result,
        );
    }
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for record in &records {
        let row = rows.entry(&record.file).or_default();
        row.groups += 1;
        row.refused += usize::from(!record.success.accepted);
        row.refused_as_option += usize::from(!record.request.accepted);
        for (test, (description, valid)) in record.tests.iter().enumerate() {
            if record.request.checked {
                row.option_tests += 1;
                match verdicts.get(&(record.id.clone(), test, "request".to_owned())) {
                    Some(result) if result.decode == *valid => row.option_agreeing += 1,
                    Some(result) => disagreements.push(format!(
                        "`{}` test {test} ({description}) as an option: the suite says {}, `build` {}{}",
                        record.id,
                        word(*valid),
                        word(result.decode),
                        result.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default(),
                    )),
                    None => disagreements.push(format!(
                        "`{}` test {test} as an option: no verdict was printed",
                        record.id
                    )),
                }
            }
            if !record.success.accepted {
                continue;
            }
            row.tests += 1;
            let Some(result) = verdicts.get(&(record.id.clone(), test, "success".to_owned()))
            else {
                disagreements.push(format!(
                    "`{}` test {test}: no verdict was printed",
                    record.id
                ));
                continue;
            };
            if result.decode == *valid && result.decode_value == *valid {
                row.agreeing += 1;
            } else {
                disagreements.push(format!(
                    "`{}` test {test} ({description}): the suite says {}, `decode` {}, `decode_value` {}{}",
                    record.id,
                    word(*valid),
                    word(result.decode),
                    word(result.decode_value),
                    result.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default(),
                ));
            }
        }
    }
    let text = render(&rows, &records, &disagreements);
    if check {
        let committed = std::fs::read_to_string(table).unwrap_or_default();
        if committed != text {
            std::fs::write(work.join("json-schema-suite.md"), &text).map_err(|e| e.to_string())?;
            return Err(format!(
                "{} is not what this run measured (the new table is in {}): run scripts/json-schema-suite.sh and commit the table",
                table.display(),
                work.join("json-schema-suite.md").display()
            ));
        }
    } else {
        std::fs::write(table, &text).map_err(|e| format!("{}: {e}", table.display()))?;
    }
    let total = rows.values().fold(Row::default(), sum);
    eprintln!(
        "json-schema-suite: {} groups, {} refused; {} tests run, {} agree with the suite; as options {} refused, {} tests run, {} agree",
        total.groups,
        total.refused,
        total.tests,
        total.agreeing,
        total.refused_as_option,
        total.option_tests,
        total.option_agreeing
    );
    if disagreements.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} verdicts disagree with the suite:\n{}",
            disagreements.len(),
            disagreements.join("\n")
        ))
    }
}

fn render(rows: &BTreeMap<&str, Row>, records: &[GroupRecord], disagreements: &[String]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("| Keyword file | Groups | Refused | Tests run | Agreeing | Refused as an option | Option tests run | Agreeing |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let cells = |row: &Row| {
        [
            row.groups,
            row.refused,
            row.tests,
            row.agreeing,
            row.refused_as_option,
            row.option_tests,
            row.option_agreeing,
        ]
    };
    for (file, row) in rows {
        let cells: Vec<String> = cells(row).iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "| `{file}` | {} |", cells.join(" | "));
    }
    let total = rows.values().fold(Row::default(), sum);
    let cells: Vec<String> = cells(&total).iter().map(|n| format!("**{n}**")).collect();
    let _ = writeln!(out, "| **all** | {} |\n", cells.join(" | "));
    if !disagreements.is_empty() {
        out.push_str("## Disagreements\n\n");
        for line in disagreements {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    out.push_str("## Refused groups\n\nEach with the loader's first problem (the derive and `mpkit check` report the same).\n\n");
    for record in records.iter().filter(|r| !r.success.accepted) {
        let problem = record.success.problem.as_deref().unwrap_or("(no message)");
        let _ = writeln!(
            out,
            "- `{}` {}: {}",
            record.id,
            record.description,
            one_line(problem)
        );
    }
    out
}

const HEADER: &str = "# The JSON Schema Test Suite, run through mpkit\n\n\
Generated by `scripts/json-schema-suite.sh` (do not edit; CI fails when this table is not what it measures).\n\n\
Every group of the official suite for draft 2020-12 (as shipped in the `jsonschema` 4.23.0 source\n\
distribution on PyPI; `optional/` left out) is placed into an API schema twice: as a required member\n\
of the success payload, and as an option. Each placement is either refused by the loader, or derived\n\
in one crate under `#![deny(warnings, missing_docs)]`. For every group accepted as a success member,\n\
each test's data is decoded through `decode` (JSON text) and `decode_value` (a `serde_json::Value`), and\n\
both verdicts must agree with the suite's. An option the builder takes as a `serde_json::Value` (any\n\
schema beyond a plain value or an enum) is set to each test's data and built, and `build()` must\n\
agree with the suite too; a typed option (a string, number, boolean or enum) is checked to compile.\n\n";

fn sum(mut total: Row, row: &Row) -> Row {
    total.groups += row.groups;
    total.refused += row.refused;
    total.refused_as_option += row.refused_as_option;
    total.tests += row.tests;
    total.agreeing += row.agreeing;
    total.option_tests += row.option_tests;
    total.option_agreeing += row.option_agreeing;
    total
}

fn word(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
