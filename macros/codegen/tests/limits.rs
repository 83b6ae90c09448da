//! Inputs that used to hang, exhaust memory or blow up (issue 12, "Limits"):
//! special files and huge files given as schemas, directory walks through
//! symbolic-link loops, diffs of recursive definitions, deep nesting.
//!
//! Whatever could hang on a regression runs under a deadline, so the test
//! fails instead of stalling the suite.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use mpkit_codegen::{Change, LoadError, diff, load_schema, parse_schema, schema_files};
use serde_json::{Value, json};

/// The size limit on schema files (`MAX_SCHEMA_BYTES` in the loader): 16 MiB.
const LIMIT: u64 = 16 * 1024 * 1024;

/// A fresh directory under the system's temporary one, removed on drop
/// (mpkit-codegen has no temporary-directory dev-dependency).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("mpkit-limits-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `work` on another thread and panics if it takes longer than `seconds`.
/// On a timeout the thread is left behind (it may be blocked for good); the
/// test process ends it when it exits.
fn within<T: Send + 'static>(seconds: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    receive
        .recv_timeout(Duration::from_secs(seconds))
        .unwrap_or_else(|_| panic!("did not finish within {seconds} s"))
}

/// The read error for `path`, which must not load.
fn read_error(path: PathBuf) -> String {
    let shown = path.display().to_string();
    match within(30, move || load_schema(&path)) {
        Err(error @ LoadError::Read { .. }) => {
            let message = error.to_string();
            assert!(message.starts_with(&shown), "{message}");
            assert!(message.contains("cannot read the schema file"), "{message}");
            message
        }
        Err(error) => panic!("expected a read error, got:\n{error}"),
        Ok(_) => panic!("{shown} loaded"),
    }
}

fn bundled_text(name: &str) -> String {
    std::fs::read_to_string(root().join("schemas").join(format!("{name}.json"))).unwrap()
}

#[cfg(unix)]
#[test]
fn a_character_device_is_refused_without_being_read() {
    let message = read_error(PathBuf::from("/dev/zero"));
    assert!(
        message.contains("it is a character device, not a regular file"),
        "{message}"
    );
    assert!(message.contains("name a .json file"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = TempDir::new("a_fifo_is_refused_without_blocking");
    let fifo = dir.path().join("pipe.json");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(status) if status.success() => {}
        outcome => {
            eprintln!(
                "SKIPPED a_fifo_is_refused_without_blocking: mkfifo is not available ({outcome:?})"
            );
            return;
        }
    }
    let message = read_error(fifo);
    assert!(
        message.contains("it is a FIFO (named pipe), not a regular file"),
        "{message}"
    );
}

#[test]
fn a_directory_is_refused_with_what_to_do() {
    let message = read_error(root().join("schemas"));
    assert!(
        message.contains("it is a directory; name one schema file"),
        "{message}"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = TempDir::new("a_file_over_the_limit_is_refused_before_it_is_read");
    let big = dir.path().join("big.json");
    // Sparse: no disk space is used, and nothing should read it.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(LIMIT + 1)
        .unwrap();
    let message = read_error(big);
    assert!(
        message.contains(&format!(
            "it is {} bytes, more than the 16 MiB limit",
            LIMIT + 1
        )),
        "{message}"
    );
    assert!(
        message.contains("MAX_SCHEMA_BYTES = 16777216 bytes"),
        "{message}"
    );
}

#[test]
fn a_file_of_exactly_the_limit_still_loads() {
    let dir = TempDir::new("a_file_of_exactly_the_limit_still_loads");
    let file = dir.path().join("padded.json");
    let mut text = bundled_text("wechat/getUserInfo");
    let padding = usize::try_from(LIMIT).unwrap() - text.len();
    text.push_str(&" ".repeat(padding));
    std::fs::write(&file, &text).unwrap();
    let schema = within(60, move || load_schema(&file)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema.api.full_name(), "wx.getUserInfo");
}

#[test]
fn an_ordinary_schema_still_loads() {
    let schema = load_schema(root().join("schemas/wechat/getUserInfo.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema.api.full_name(), "wx.getUserInfo");
}

#[test]
fn text_that_is_not_utf8_says_so() {
    let dir = TempDir::new("text_that_is_not_utf8_says_so");
    let file = dir.path().join("latin1.json");
    std::fs::write(&file, b"{\"title\": \"caf\xe9\"}").unwrap();
    let message = read_error(file);
    assert!(
        message.contains("it is not UTF-8 text (invalid byte at offset 14)"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_each_real_file_is_listed_once() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("symlink_loops_end_and_each_real_file_is_listed_once");
    let base = dir.path();
    std::fs::write(base.join("a.json"), bundled_text("wechat/getUserInfo")).unwrap();
    std::fs::create_dir(base.join("sub")).unwrap();
    std::fs::write(base.join("sub/c.json"), bundled_text("douyin/getUserInfo")).unwrap();
    // Two links to the directory itself: 2^40 paths before the kernel's link
    // limit, if followed blindly.
    symlink(".", base.join("l1")).unwrap();
    symlink(".", base.join("l2")).unwrap();
    // A link up out of a subdirectory, a link and a hard link to one file.
    symlink("..", base.join("sub/up")).unwrap();
    symlink("a.json", base.join("z.json")).unwrap();
    std::fs::hard_link(base.join("a.json"), base.join("hard.json")).unwrap();
    // Links that point at each other resolve to nothing; a .json one is
    // listed, so that checking it says why it cannot be read.
    symlink("loop-b.json", base.join("loop-a.json")).unwrap();
    symlink("loop-a.json", base.join("loop-b.json")).unwrap();

    let walked = base.to_path_buf();
    let files = within(30, move || schema_files(&walked)).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(base).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        ["a.json", "loop-a.json", "loop-b.json", "sub/c.json"]
    );
}

/// The bundled `wx.getUserInfo` with extra definitions and success members.
fn with_defs(defs: Value, members: Value) -> Value {
    let mut schema: Value = serde_json::from_str(&bundled_text("wechat/getUserInfo")).unwrap();
    for (name, def) in defs.as_object().unwrap() {
        schema["$defs"][name] = def.clone();
    }
    for (name, member) in members.as_object().unwrap() {
        schema["success"]["properties"][name] = member.clone();
    }
    schema
}

fn loaded(schema: &Value) -> mpkit_codegen::LoadedSchema {
    parse_schema(&schema.to_string(), Path::new("x.json")).unwrap_or_else(|e| panic!("{e}"))
}

/// The changes from `old` to `new`, computed under a deadline. The schemas
/// are read straight into the spec model: `diff` takes any `ApiSchema`
/// (one built in code, too), and the loader refuses recursive types,
/// which are what must diff in linear time.
fn changes(old: &Value, new: &Value) -> Vec<Change> {
    let model = |schema: &Value| -> mpkit_codegen::spec::ApiSchema {
        serde_json::from_value(schema.clone()).unwrap_or_else(|e| panic!("{e}"))
    };
    let (old, new) = (model(old), model(new));
    within(30, move || diff(&old, &new))
}

/// A tree node with many links to itself: expanding each `$ref` where it is
/// met costs 7^9 member comparisons and reports a change inside it millions of times.
fn tree() -> Value {
    let link = json!({"$ref": "#/$defs/Node"});
    with_defs(
        json!({"Node": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "parent": link, "first": link, "last": link, "next": link,
                "previous": link, "left": link, "right": link,
                "children": {"type": "array", "items": link}
            }
        }}),
        json!({"tree": link, "selected": link}),
    )
}

#[test]
fn identical_recursive_schemas_have_no_differences() {
    assert_eq!(changes(&tree(), &tree()), []);
}

#[test]
fn a_change_inside_a_recursive_definition_is_reported_once() {
    let old = tree();
    let mut new = tree();
    new["$defs"]["Node"]["properties"]["name"]["type"] = json!("integer");
    let found = changes(&old, &new);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].item, "definition Node.name");
    assert_eq!(found[0].change, "type changed from string to integer");
}

#[test]
fn mutually_recursive_definitions_are_compared_once_each() {
    let schema = |b_name: &str| {
        with_defs(
            json!({
                "A": {"type": "object", "properties": {
                    "b": {"$ref": "#/$defs/B"}, "also": {"$ref": "#/$defs/B"}
                }},
                "B": {"type": "object", "properties": {
                    "a": {"$ref": "#/$defs/A"}, "name": {"type": b_name}
                }}
            }),
            json!({"a": {"$ref": "#/$defs/A"}, "b": {"$ref": "#/$defs/B"}}),
        )
    };
    assert_eq!(changes(&schema("string"), &schema("string")), []);
    let found = changes(&schema("string"), &schema("boolean"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].item, "definition B.name");
}

#[test]
fn a_change_nested_ten_inline_objects_deep_is_reported() {
    // Inline objects, no `$ref`: the old walk stopped silently after eight.
    let nested = |leaf: &str| {
        let mut node = json!({"type": leaf});
        for level in (0..10).rev() {
            node = json!({"type": "object", "properties": {format!("n{level}"): node}});
        }
        with_defs(json!({}), json!({"deep": node}))
    };
    let found = changes(&nested("string"), &nested("integer"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].item, "field deep.n0.n1.n2.n3.n4.n5.n6.n7.n8.n9");
}

#[test]
fn nesting_beyond_the_depth_bound_is_reported_not_overflowed() {
    // Deeper than any file can be (serde_json stops at 128 levels of JSON,
    // so a file nests at most 64 nodes), so built in code: past diff's bound
    // of 128, not so deep that the model's derived `Clone` and `Drop`
    // (recursive, over a node of 1.2 KB) need more than a test thread's stack.
    let mut old = loaded(&with_defs(json!({}), json!({})));
    let mut node = mpkit_codegen::spec::SchemaNode::default();
    for _ in 0..140 {
        let mut parent = mpkit_codegen::spec::SchemaNode::default();
        parent.properties.insert("n".to_owned(), node);
        node = parent;
    }
    old.api.success.properties.insert("deep".to_owned(), node);
    let new = old.clone();
    let found = within(30, move || diff(&old.api, &new.api));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .change
            .starts_with("not compared: nested more than"),
        "{found:#?}"
    );
}

#[test]
fn deeply_nested_json_is_a_clear_error() {
    for text in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
        let error =
            within(30, move || parse_schema(&text, Path::new("deep.json"))).expect_err("refused");
        let message = error.to_string();
        assert!(
            message.contains("deep.json:1:") && message.contains("recursion limit exceeded"),
            "{message}"
        );
    }
}

#[test]
fn nesting_under_the_json_limit_does_not_exhaust_a_small_stack() {
    // serde_json refuses this (over 128 levels), but the second parser, the
    // one that finds line and column numbers, accepts up to 512 levels and
    // recurses on each: when it ran first, this overflowed even a 1 MiB stack
    // in a debug build. It now runs only on text serde_json accepted.
    let text = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let _ = send.send(parse_schema(&text, Path::new("deep.json")).is_err());
        })
        .unwrap();
    assert_eq!(receive.recv_timeout(Duration::from_secs(30)), Ok(true));
}

/// Thousands of foldable `allOf`s among a hundred thousand other schemas:
/// the fold walks the file a few times, not once per fold (it took minutes).
#[test]
fn many_folds_in_a_large_file_stay_fast() {
    let mut schema: Value = serde_json::from_str(&bundled_text("wechat/getUserInfo")).unwrap();
    let defs = schema
        .as_object_mut()
        .unwrap()
        .entry("$defs")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .unwrap();
    for block in 0..100 {
        let members: serde_json::Map<String, Value> =
            (0..1000).map(|i| (format!("m{i}"), json!({}))).collect();
        defs.insert(
            format!("Plain{block}"),
            json!({"type": "object", "properties": members}),
        );
    }
    for block in 0..4 {
        let members: serde_json::Map<String, Value> = (0..1000)
            .map(|i| (format!("f{i}"), json!({"allOf": [{"type": "object"}]})))
            .collect();
        defs.insert(
            format!("Folded{block}"),
            json!({"type": "object", "properties": members}),
        );
    }
    let text = schema.to_string();
    within(60, move || parse_schema(&text, Path::new("folds.json")))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A refused file whose positions are costly to index the naive way: a long
/// key above many values (each value's pointer would repeat the key), and
/// thousands of problems on one line (each position would rescan the line).
#[test]
fn positions_in_a_large_refused_file_stay_cheap() {
    let mut schema: Value = serde_json::from_str(&bundled_text("wechat/getUserInfo")).unwrap();
    schema["success"]["examples"] = json!([{ "k".repeat(1 << 20): vec![0; 200_000] }]);
    let names: Vec<String> = (0..20_000).map(|i| format!("missing{i}")).collect();
    schema["success"]["required"] = json!(names);
    let text = schema.to_string();
    let error =
        within(30, move || parse_schema(&text, Path::new("positions.json"))).expect_err("refused");
    let LoadError::Invalid { diagnostics } = error else {
        panic!("{error}");
    };
    assert!(diagnostics.len() >= 20_000, "{}", diagnostics.len());
    let last = diagnostics
        .iter()
        .find(|d| d.pointer == "/success/required/19999")
        .unwrap_or_else(|| panic!("no problem at the last name"));
    assert_eq!(last.position.line, 1);
    assert!(last.position.column > 1 << 20, "{:?}", last.position);
}
