//! The real `mpkit` binary on the bundled schemas and on broken ones.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mpkit() -> Command {
    let mut command = Command::cargo_bin("mpkit").unwrap();
    command.current_dir(root()).env("NO_COLOR", "1");
    command
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Outcome {
    let output = mpkit().args(args).output().unwrap();
    Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn bundled(name: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(format!("{name}.json"))).unwrap(),
    )
    .unwrap()
}

/// Writes `value` as a schema file in `dir`, beside a copy of the meta-schema reference.
fn write(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

#[test]
fn check_passes_on_the_bundled_schemas() {
    let out = run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "checked {} schema file(s): no problems",
            mpkit_codegen::bundled_names().len()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn check_reports_every_problem_compiler_style() {
    let dir = tempfile::tempdir().unwrap();
    let mut schema = bundled("wechat/getUserInfo");
    schema["request"]["properties"]["lang"]["default"] = json!("fr");
    schema["success"]["properties"]["cloudID"]["x-sinc"] = json!("2.7.0");
    let file = write(dir.path(), "broken.json", &schema);
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "structural problems come first:\n{}",
        out.stderr
    );
    assert!(
        lines[0].starts_with(&format!("{}:", file.display())),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("unknown keyword `x-sinc`"));
    let position: Vec<&str> = lines[0]
        .trim_start_matches(&format!("{}:", file.display()))
        .splitn(3, ':')
        .collect();
    assert!(
        position[0].parse::<usize>().is_ok() && position[1].parse::<usize>().is_ok(),
        "{}",
        lines[0]
    );
    assert!(out.stderr.contains("1 of 1 schema file(s) have problems"));
}

#[test]
fn bad_input_is_one_clear_line_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("not.json");
    std::fs::write(&not_json, "this is not json").unwrap();
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["check", "no/such/file.json"],
            1,
            "no/such/file.json: no such file or directory",
        ),
        (
            &["diff", "schemas", "schemas/wechat/getUserInfo.json"],
            1,
            "is a directory",
        ),
        (
            &["check", not_json.to_str().unwrap()],
            1,
            "the file is not valid JSON",
        ),
        (
            &["expand", "no/such.json"],
            1,
            "cannot read the schema file",
        ),
        (
            &["check", "--frobnicate"],
            64,
            "unexpected argument '--frobnicate'",
        ),
        (
            &["expand", "wechat/getUserInfo", "--min-version", "2.x"],
            64,
            "--min-version: invalid version \"2.x\"",
        ),
    ];
    for (args, code, message) in cases {
        let out = run(args);
        assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("panicked") && !out.stderr.contains("RUST_BACKTRACE"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn expand_prints_exactly_the_golden_expansion() {
    for name in [
        "wechat/getUserInfo",
        "douyin/getUserInfo",
        "mpserverless/user.getInfo",
    ] {
        let out = run(&["expand", name]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let golden =
            std::fs::read_to_string(root().join("tests/expanded").join(format!("{name}.rs")))
                .unwrap();
        let (_header, code) = golden.split_once("\n\n").unwrap();
        assert_eq!(
            out.stdout, code,
            "`mpkit expand {name}` differs from tests/expanded/{name}.rs"
        );
        // A path to the same file gives the same code.
        let by_path = run(&["expand", &format!("schemas/{name}.json")]);
        assert_eq!(by_path.stdout, out.stdout);
    }
}

#[test]
fn expand_honours_min_version_and_context() {
    let gated = run(&["expand", "wechat/getUserProfile"]).stdout;
    assert!(gated.contains("proof: impl ::mpkit::Proves<2, 10, 4>"));
    let ungated = run(&["expand", "wechat/getUserProfile", "--min-version", "2.10.4"]).stdout;
    assert!(!ungated.contains("Proves<"));
    // The docs name a declared `min_version` only when there is one, and
    // otherwise say how to declare it.
    assert!(!gated.contains("the declared `min_version`"));
    assert!(gated.contains(
        "newer than the oldest base library WeChat hosts run (1.0.0), and no `min_version` is declared"
    ));
    assert!(gated.contains("declare it (`min_version = \"2.10.4\"` in `#[mini_program(...)]`)"));
    let declared = run(&["expand", "wechat/getUserProfile", "--min-version", "2.9.0"]).stdout;
    assert!(declared.contains("newer than the declared `min_version` 2.9.0"));
    assert!(declared.contains("Raising `min_version` to 2.10.4 or later removes the need."));
    // Without a floor (this test schema states none), nothing is claimed
    // of the hosts.
    let no_floor = run(&["expand", "tests/ui/schemas/gated.json"]).stdout;
    assert!(no_floor.contains("needs base library 1.0.0 and no `min_version` is declared"));
    // At the floor, nothing takes a proof: wx.getUserInfo's `options()`.
    let at_floor = run(&["expand", "wechat/getUserInfo"]).stdout;
    assert!(at_floor.contains("pub fn options() -> WxGetUserInfoOptionsBuilder"));
    let plugin = run(&[
        "expand",
        "wechat/getUserInfo",
        "--context",
        "plugin",
        "--min-version",
        "2.0.0",
    ])
    .stdout;
    assert!(plugin.contains("::mpkit::Version::new(2, 3, 1)"));
    let bad = run(&["expand", "wechat/getUserProfile", "--context", "plugin"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("cannot be used in context `plugin`"));
}

#[test]
fn matrix_in_the_readme_is_fresh() {
    let out = run(&["matrix"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (before, rest) = readme
        .split_once("<!-- matrix:start -->\n")
        .expect("README has a matrix section");
    let (_, after) = rest
        .split_once("<!-- matrix:end -->")
        .expect("README's matrix section is closed");
    let fresh = format!(
        "{before}<!-- matrix:start -->\n{}<!-- matrix:end -->{after}",
        out.stdout
    );
    if std::env::var_os("MPKIT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&readme_path, fresh).unwrap();
        return;
    }
    assert!(
        readme == fresh,
        "the matrix in README.md is stale. Regenerate it with `MPKIT_BLESS=1 cargo test -p mpkit-cli --test cli`."
    );
}

#[test]
fn matrix_as_json() {
    let out = run(&["matrix", "schemas/wechat", "--format", "json"]);
    assert_eq!(out.code, 0);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let plugin = rows
        .iter()
        .find(|r| r["api"] == "wx.getUserInfo" && r["item"] == "(API)")
        .unwrap();
    assert_eq!(plugin["contexts"], "plugin ≥ 2.3.1");
    assert_eq!(plugin["hosts"], "harmonyos, mac, windows");
    let signature = rows
        .iter()
        .find(|r| r["api"] == "wx.getUserInfo" && r["item"] == "field signature")
        .unwrap();
    assert_eq!(signature["present_when"], "withCredentials = true");
    let profile = rows
        .iter()
        .find(|r| r["api"] == "wx.getUserProfile" && r["item"] == "(API)")
        .unwrap();
    assert_eq!(
        (profile["since"].as_str(), profile["contexts"].as_str()),
        (Some("2.10.4"), Some("plugin: unsupported"))
    );
}

/// Runs `mpkit diff` between the bundled schema and an edited copy.
fn diff_after(name: &str, edit: impl FnOnce(&mut Value)) -> (i32, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let old = bundled(name);
    let mut new = old.clone();
    edit(&mut new);
    let old_file = write(dir.path(), "old.json", &old);
    let new_file = write(dir.path(), "new.json", &new);
    let out = run(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.code == 0 || out.code == 2, "{}", out.stderr);
    (out.code, serde_json::from_str(&out.stdout).unwrap())
}

fn one_change(name: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let (code, changes) = diff_after(name, edit);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let change = changes.into_iter().next().unwrap();
    assert_eq!(code, if change["impact"] == "breaking" { 2 } else { 0 });
    change
}

#[test]
fn diff_of_identical_schemas_is_empty() {
    let (code, changes) = diff_after("wechat/getUserInfo", |_| {});
    assert_eq!((code, changes.len()), (0, 0));
}

/// An edit of a schema, for the diff cases.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn diff_classifies_every_kind_of_change() {
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            // wx.getUserInfo (1.0.0) and its options (1.1.0, 1.4.0) lie
            // under a floor of 1.4.0: their proofs disappear.
            "wechat/getUserInfo",
            Box::new(|s| s["x-platform-floor"]["version"] = json!("1.4.0")),
            "platform floor changed from 1.0.0 to 1.4.0",
            "breaking",
        ),
        (
            // Nothing of wx.getUserProfile lies between 1.0.0 and 2.0.0.
            "wechat/getUserProfile",
            Box::new(|s| s["x-platform-floor"]["version"] = json!("2.0.0")),
            "platform floor changed from 1.0.0 to 2.0.0",
            "compatible",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]
                    .as_object_mut()
                    .unwrap()
                    .remove("lang");
            }),
            "removed",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]["scope"] = json!({"type": "string"});
            }),
            "added",
            "compatible",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]["scope"] = json!({"type": "string"});
                s["request"]["required"] = json!(["scope"]);
            }),
            "added, required",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["required"] = json!(["lang"]);
            }),
            "became required",
            "breaking",
        ),
        (
            "wechat/getUserProfile",
            Box::new(|s| {
                s["request"]["required"] = json!([]);
            }),
            "became optional",
            "breaking",
        ),
        (
            "mpserverless/user.getInfo",
            Box::new(|s| {
                s["$defs"]["UserIds"]["properties"]["userId"]["type"] = json!(["string", "null"]);
            }),
            "type changed from string to null|string",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]["lang"]["enum"] = json!(["en", "zh_CN"]);
                s["request"]["properties"]["lang"]["x-enum-names"]
                    .as_object_mut()
                    .unwrap()
                    .remove("zh_TW");
            }),
            "enum value \"zh_TW\" removed",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]["lang"]["enum"] = json!(["en", "zh_CN", "zh_TW", "ja"]);
                s["request"]["properties"]["lang"]["x-enum-names"]["ja"] = json!("Ja");
            }),
            "enum value \"ja\" added",
            "compatible",
        ),
        (
            "douyin/getUserInfo",
            Box::new(|s| {
                s["success"]["properties"]["realNameAuthenticationStatus"]["anyOf"][0]["enum"] =
                    json!(["certified", "uncertified", "pending"]);
                s["success"]["properties"]["realNameAuthenticationStatus"]["anyOf"][0]["x-enum-names"]
                    ["pending"] = json!("Pending");
            }),
            "enum value \"pending\" added",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["request"]["properties"]["lang"]["default"] = json!("zh_CN");
            }),
            "default changed from \"en\" to \"zh_CN\"",
            "compatible",
        ),
        (
            "wechat/getUserProfile",
            Box::new(|s| {
                s["request"]["properties"]["desc"]["maxLength"] = json!(20);
            }),
            "validation rules changed",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                // Not past its options' own versions (withCredentials 1.1.0).
                s["x-since"] = json!("1.1.0");
            }),
            "minimum version raised from 1.0.0 to 1.1.0",
            "breaking",
        ),
        (
            "wechat/getUserProfile",
            Box::new(|s| {
                s["x-since"] = json!("2.9.0");
            }),
            "minimum version lowered from 2.10.4 to 2.9.0",
            "compatible",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["success"]["properties"]["cloudID"]["x-since"] = json!("2.8.0");
            }),
            "minimum version raised from 2.7.0 to 2.8.0",
            "breaking",
        ),
        (
            "wechat/getUserProfile",
            Box::new(|s| {
                s["request"]["properties"]["lang"]["x-since"] = json!("2.20.0");
            }),
            "minimum version 2.20.0 added",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["x-call-style"] = json!("callback-or-promise");
            }),
            "call style changed from Callback to CallbackOrPromise",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["success"]["properties"]
                    .as_object_mut()
                    .unwrap()
                    .remove("cloudID");
            }),
            "removed",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["success"]["properties"]["errno"] = json!({"type": "integer"});
            }),
            "added",
            "compatible",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["success"]["properties"]["errno"] = json!({"type": "integer"});
                s["success"]["required"] = json!(["userInfo", "rawData", "errMsg", "errno"]);
            }),
            "added",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["success"]["required"] = json!(["userInfo", "errMsg"]);
            }),
            "became optional or conditional",
            "breaking",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["$defs"]["UserInfo"]["properties"]["city"]["type"] = json!("integer");
                // The profile's city is text: a maintainer unmaps it too.
                if let Some(success) = s["x-profile"]["success"].as_object_mut() {
                    success.remove("city");
                }
            }),
            "type changed from string to integer",
            "breaking",
        ),
        (
            "mpserverless/user.getInfo",
            Box::new(|s| {
                s["$defs"]["UserResult"]["properties"]["oAuthUserId"]["x-present-when"] =
                    json!({"option": "authProvider", "equals": "wechat_openapi"});
            }),
            "presence condition changed",
            "compatible",
        ),
        (
            "wechat/getUserInfo",
            Box::new(|s| {
                s["x-contexts"]["plugin"]["supported"] = json!(false);
                s["x-contexts"]["plugin"]
                    .as_object_mut()
                    .unwrap()
                    .remove("since");
            }),
            "no longer supported",
            "breaking",
        ),
        (
            "wechat/getUserProfile",
            Box::new(|s| {
                s.as_object_mut().unwrap().remove("encrypted");
                if let Some(profile) = s["x-profile"].as_object_mut() {
                    profile.remove("encrypted");
                }
                s.as_object_mut().unwrap().remove("x-credentials");
            }),
            "part removed",
            "breaking",
        ),
    ];
    for (name, edit, change, impact) in cases {
        let found = one_change(name, edit);
        assert_eq!(found["change"], change, "{found:#}");
        assert_eq!(found["impact"], impact, "{found:#}");
        assert!(!found["reason"].as_str().unwrap_or_default().is_empty());
    }
}

#[test]
fn diff_text_output_names_item_impact_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let old = bundled("wechat/getUserProfile");
    let mut new = old.clone();
    new["request"]["properties"]["desc"]["maxLength"] = json!(20);
    new["request"]["properties"]["lang"]["default"] = json!("zh_CN");
    let (o, n) = (
        write(dir.path(), "old.json", &old),
        write(dir.path(), "new.json", &new),
    );
    let out = run(&["diff", o.to_str().unwrap(), n.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout
            .contains("breaking: option desc validation rules changed: `build()` may now reject"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("compatible: option lang default changed"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("2 change(s), 1 breaking"));
}

#[test]
fn meta_schema_command_prints_the_committed_file() {
    let out = run(&["meta-schema"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        std::fs::read_to_string(root().join("schemas/meta.schema.json")).unwrap()
    );
}

#[test]
fn help_lists_exit_codes_and_examples() {
    let out = run(&["--help"]);
    assert_eq!(out.code, 0);
    for needed in [
        "check",
        "expand",
        "matrix",
        "diff",
        "meta-schema",
        "Exit codes:",
        "64  usage error",
        "mpkit diff old/",
    ] {
        assert!(
            out.stdout.contains(needed),
            "--help lacks {needed}:\n{}",
            out.stdout
        );
    }
}

/// `run`, but failing the test if the command takes longer than 30 s, for
/// inputs that used to hang.
fn run_within_30s(args: &[&str]) -> Outcome {
    let output = mpkit()
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap_or_else(|error| panic!("mpkit {args:?} did not finish: {error}"));
    let outcome = Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !outcome.stderr.contains("panicked") && !outcome.stderr.contains("overflow"),
        "{}",
        outcome.stderr
    );
    outcome
}

#[cfg(unix)]
#[test]
fn check_refuses_special_files_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![(PathBuf::from("/dev/zero"), "a character device")];
    let fifo = dir.path().join("pipe.json");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(status) if status.success() => cases.push((fifo, "a FIFO (named pipe)")),
        outcome => eprintln!("SKIPPED the FIFO case: mkfifo is not available ({outcome:?})"),
    }
    for (path, kind) in cases {
        let out = run_within_30s(&["check", path.to_str().unwrap()]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "{}: error: cannot read the schema file: it is {kind}, not a regular file",
                path.display()
            )),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("1 of 1 schema file(s) have problems"));
    }
}

#[test]
fn check_refuses_a_file_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    // 16 MiB and one byte, sparse: nothing is written, and nothing should read it.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let out = run_within_30s(&["check", big.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("more than the 16 MiB limit on schema files (MAX_SCHEMA_BYTES"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn check_visits_each_real_file_once_through_symlinks() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let schema = write(dir.path(), "a.json", &bundled("wechat/getUserInfo"));
    // Two links to the directory itself, and one to the file.
    symlink(".", dir.path().join("l1")).unwrap();
    symlink(".", dir.path().join("l2")).unwrap();
    symlink("a.json", dir.path().join("b.json")).unwrap();
    let out = run_within_30s(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("checked 1 schema file(s): no problems"),
        "{}",
        out.stderr
    );
    // A broken copy is reported once, under its real path.
    let mut broken = bundled("wechat/getUserInfo");
    broken["x-sinc"] = json!("1.0.0");
    write(dir.path(), "a.json", &broken);
    let out = run_within_30s(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].starts_with(&format!("{}:", schema.display())),
        "{}",
        errors[0]
    );
}

#[test]
fn check_names_each_file_once_across_arguments() {
    let out = run_within_30s(&[
        "check",
        "schemas",
        "schemas/wechat",
        "schemas/wechat/getUserInfo.json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "checked {} schema file(s): no problems",
            mpkit_codegen::bundled_names().len()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn check_reports_deep_nesting_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.json");
    std::fs::write(&deep, "[".repeat(100_000)).unwrap();
    let out = run_within_30s(&["check", deep.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{}:1:128: error: the file is not valid JSON: recursion limit exceeded",
            deep.display()
        )),
        "{}",
        out.stderr
    );
}

/// `wx.getUserInfo` with a tree node that links to itself six times.
fn recursive_schema(name_type: &str) -> Value {
    let mut schema = bundled("wechat/getUserInfo");
    let link = json!({"$ref": "#/$defs/Node"});
    schema["$defs"]["Node"] = json!({
        "type": "object",
        "properties": {
            "name": {"type": name_type},
            "parent": link, "first": link, "last": link,
            "next": link, "previous": link, "root": link,
            "children": {"type": "array", "items": link}
        }
    });
    schema["success"]["properties"]["tree"] = link;
    schema
}

#[test]
fn recursive_schemas_check_clean_and_diff_in_one_line() {
    // A recursive definition is kept as JSON and checked against its schema
    // (see `typing`), so `check` accepts it; before, `diff` on two such
    // files printed hundreds of thousands of lines (its linear walk is also
    // tested on the spec model in macros/codegen/tests/limits.rs).
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &recursive_schema("string"));
    let new = write(dir.path(), "new.json", &recursive_schema("integer"));
    let checked = run_within_30s(&["check", old.to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let diff = run_within_30s(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(diff.stdout.lines().count(), 1, "{}", diff.stdout);
    assert!(
        diff.stdout
            .contains("Node.name type changed from string to integer"),
        "{}",
        diff.stdout
    );
}

/// `mpkit matrix | head -2` closes the pipe early; `println!` then
/// panicked (exit 101). `/dev/full` makes every write fail, deterministically.
#[cfg(target_os = "linux")]
#[test]
fn a_failing_output_stream_is_not_a_panic() {
    for args in [&["matrix", "schemas"][..], &["check", "no-such-dir"][..]] {
        let full = || {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap()
        };
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_mpkit"))
            .args(args)
            .current_dir(root())
            .stdout(full())
            .stderr(full())
            .status()
            .unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
    }
}

#[test]
fn expand_refuses_a_type_name_that_is_a_keyword() {
    // `self` passed the old identifier check and made the generated items
    // unparsable ("a bug in mpkit"); the library now refuses such names.
    for name in ["self", "Self", "fn", "_", "a b", "1a"] {
        let out = run(&["expand", "wechat/getUserInfo", "--name", name]);
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{name}");
        assert!(
            out.stderr.contains(&format!(
                "`{name}` is not a Rust identifier a type can be named"
            )),
            "{name}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("a bug in mpkit"), "{}", out.stderr);
    }
    assert_eq!(
        run(&["expand", "wechat/getUserInfo", "--name", "Wx"]).code,
        0
    );
}
