//! The suite's files as data, and the records the steps hand to each other.

use std::path::Path;

use serde_json::Value;
use serde_json::value::RawValue;

/// One group of the suite: a schema and the tests against it.
pub(crate) struct Group {
    /// The keyword file it comes from, without `.json` (`additionalProperties`).
    pub file: String,
    /// Its index in that file.
    pub index: usize,
    /// The suite's description of the group.
    pub description: String,
    /// The schema under test.
    pub schema: Value,
    /// `(description, data as the suite writes it, valid)` of each test.
    pub tests: Vec<(String, Box<RawValue>, bool)>,
}

impl Group {
    /// A stable name for files and modules: `additionalProperties-3`.
    pub(crate) fn id(&self) -> String {
        format!("{}-{}", self.file, self.index)
    }
}

/// Reads every keyword file directly in `dir` (not `optional/`), sorted.
pub(crate) fn read_suite(dir: &Path) -> Result<Vec<Group>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut groups = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let raw: Vec<RawGroup> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for (index, group) in raw.into_iter().enumerate() {
            groups.push(Group {
                file: stem.clone(),
                index,
                description: group.description,
                schema: group.schema,
                tests: group
                    .tests
                    .into_iter()
                    .map(|t| (t.description, t.data, t.valid))
                    .collect(),
            });
        }
    }
    if groups.is_empty() {
        return Err(format!("{} holds no keyword files", dir.display()));
    }
    Ok(groups)
}

#[derive(serde::Deserialize)]
struct RawGroup {
    description: String,
    schema: Value,
    tests: Vec<RawTest>,
}

#[derive(serde::Deserialize)]
struct RawTest {
    description: String,
    data: Box<RawValue>,
    valid: bool,
}

/// What the loader said about one placement of a group's schema.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub(crate) struct Verdict {
    /// Accepted by the loader (and so derived by the generated crate).
    pub accepted: bool,
    /// The first problem, when refused: message and help.
    pub problem: Option<String>,
    /// How many problems the loader listed.
    pub problems: usize,
    /// Accepted and kept as a `serde_json::Value` checked against the
    /// schema (an option the builder then checks on the suite's data).
    pub checked: bool,
}

/// One group as `generate` left it, for `report`.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct GroupRecord {
    pub id: String,
    pub file: String,
    pub index: usize,
    pub description: String,
    pub tests: Vec<(String, bool)>,
    pub success: Verdict,
    pub request: Verdict,
}

/// One line the generated crate prints: a test's verdict on both paths.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct TestResult {
    pub group: String,
    pub test: usize,
    /// `success` (decoded) or `request` (an option given to the builder).
    pub placement: String,
    pub decode: bool,
    pub decode_value: bool,
    /// The error, when `decode` (or `build`) refused.
    pub error: Option<String>,
}
