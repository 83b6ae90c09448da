//! The compiled automaton, run by the runtime's `CompiledPattern`, against
//! `regex-lite` (the loader's engine and the run-time fallback): the same
//! answer on every bundled pattern and on hand-picked hard ones, for
//! hand-picked and generated texts.

use std::path::Path;

use mpkit_runtime::{CompiledPattern, PatternStep};
use proptest::prelude::*;

use super::{Step, compile};

/// The runtime's pattern for `source`, or `None` when it does not compile.
fn runtime(source: &str) -> Option<CompiledPattern> {
    let steps: Vec<PatternStep> = compile(source)?
        .into_iter()
        .map(|step| match step {
            Step::Char(ranges) => PatternStep::Char(Box::leak(ranges.into_boxed_slice())),
            Step::Split(a, b) => PatternStep::Split(a, b),
            Step::Jump(to) => PatternStep::Jump(to),
            Step::Start => PatternStep::Start,
            Step::End => PatternStep::End,
            Step::Match => PatternStep::Match,
        })
        .collect();
    let source: &'static str = Box::leak(source.to_owned().into_boxed_str());
    Some(CompiledPattern::new(
        source,
        Box::leak(steps.into_boxed_slice()),
    ))
}

/// Every `pattern` string in the bundled schemas.
fn bundled() -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(members) => {
                for (name, member) in members {
                    match (name.as_str(), member) {
                        ("pattern", serde_json::Value::String(p)) => out.push(p.clone()),
                        _ => walk(member, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("a readable schema");
                walk(&serde_json::from_str(&text).expect("JSON"), &mut out);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

const HARD: &[&str] = &[
    "",
    "a",
    "ab|cd",
    "^(a|b)*c$",
    "(a*)*b",
    "^$",
    "a^b",
    "a$|^b",
    "^[^a-c]+$",
    "^[-a]$",
    "^[a-]$",
    "[\\]\\[\\-]",
    "^.{2,3}$",
    "x{0}y",
    "^a{2}?b$",
    "^(ab){1,}?$",
    "^a{0,2}b{3,}$",
    "^(ab){1,}$",
    "^(?:ab)??c$",
    "\\d+\\.\\d*",
    "^\\S\\s\\W\\w\\D$",
    "\\s",
    "^\\w+$",
    "^\\D*$",
    "^[\\d\\s]+$",
    "é+",
    "^[^é]$",
    "(|a)b",
    "()*x",
    "^getUserInfo:(fail([ :][\\s\\S]*)?|cancel)$",
];

/// Texts that probe the usual edges.
const TEXTS: &[&str] = &[
    "",
    "a",
    "b",
    "c",
    "ab",
    "abc",
    "cd",
    "aab",
    "ac",
    "bbc",
    "x",
    "y",
    "xy",
    "\n",
    "a\nb",
    " ",
    "\t",
    "é",
    "éé",
    "aé",
    "-",
    "]",
    "[",
    "12.",
    "1.5",
    "a1",
    "_",
    "ab ab",
    "abab",
    "ababc",
    "getUserInfo:ok",
    "getUserInfo:fail",
    "getUserInfo:fail auth deny",
    "getUserInfo:fail:x",
    "getUserInfo:failx",
    "getUserInfo:cancel",
    "getUserInfo:cancel ",
    "getUserInfo:fail \n",
    "login:ok",
    "1.2.3",
    "1.2.3.4.5",
    "2026-12-01",
    "0123456789abcdef0123456789abcdef01234567",
    "abc_1",
    "a -_x",
    "a b",
    "1 2",
    "\u{b}",
    "wx.getSystemInfoSync().SDKVersion",
    "my.SDKVersion",
    "$a.b",
];

fn agree(source: &str, text: &str) {
    let Ok(regex) = regex_lite::Regex::new(source) else {
        return;
    };
    if let Some(compiled) = runtime(source) {
        assert_eq!(
            compiled.is_match(text),
            regex.is_match(text),
            "pattern {source:?} on {text:?}"
        );
    }
}

#[test]
fn every_bundled_pattern_compiles_and_agrees_with_regex_lite() {
    let patterns = bundled();
    assert!(patterns.len() >= 10, "{patterns:?}");
    for source in &patterns {
        assert!(runtime(source).is_some(), "{source:?} does not compile");
        for text in TEXTS {
            agree(source, text);
        }
    }
}

#[test]
fn hard_patterns_agree_with_regex_lite() {
    for source in HARD {
        assert!(runtime(source).is_some(), "{source:?} does not compile");
        for text in TEXTS {
            agree(source, text);
        }
    }
}

#[test]
fn what_is_not_understood_is_left_to_the_engine() {
    for source in [
        "(?i)a",
        "(?P<x>a)",
        "\\bword",
        "\\p{L}",
        "\\x41",
        "[[:alpha:]]",
        "[a&&b]",
        "[a--b]",
        "a{1000}",
        "a{2,1}",
        "a**",
        "^*",
        "(a",
        "a)",
        "[a",
        "[]a]",
        "{",
        "a{,3}",
        "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))",
        "(a{200}){200}",
    ] {
        assert_eq!(compile(source), None, "{source:?}");
    }
}

proptest! {
    #[test]
    fn generated_texts_agree(
        source in prop::sample::select(HARD.to_vec()),
        text in "[abcxy \\n:é.\\-\\]0-9]{0,8}|getUserInfo:(fail|cancel|ok)[ :a\\n]{0,3}",
    ) {
        agree(source, &text);
    }

    #[test]
    fn generated_patterns_agree(
        source in "[ab.|()*+?^$]{0,8}|\\^?\\[\\^?[ab\\-]{1,3}\\][*+?]?\\$?",
        text in "[ab\\n-]{0,6}",
    ) {
        agree(&source, &text);
    }
}
