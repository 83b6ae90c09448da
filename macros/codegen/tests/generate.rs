//! Generation problems that only show once a checked schema is lowered: an
//! unknown or unsupported context, which the attribute adds. Everything the
//! schema alone decides is the loader's (an option pattern that does not
//! compile is refused there, with its position).

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

use std::path::Path;

use mpkit_codegen::{Settings, expand, load_bundled, parse_schema};

fn problems(text: &str, settings: &Settings) -> Vec<String> {
    let schema = parse_schema(text, Path::new("x.json")).unwrap_or_else(|e| panic!("{e}"));
    match expand(&schema, "Api", settings) {
        Ok(_) => panic!("generation succeeded"),
        Err(problems) => problems,
    }
}

#[test]
fn an_option_pattern_that_does_not_compile_is_refused_by_the_loader() {
    let text = load_bundled_text("wechat/getUserProfile").replace(
        "\"maxLength\": 30",
        "\"maxLength\": 30,\n        \"pattern\": \"([a-z\"",
    );
    let Err(mpkit_codegen::LoadError::Invalid { diagnostics }) =
        parse_schema(&text, Path::new("x.json"))
    else {
        panic!("the loader accepted a pattern that does not compile");
    };
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].pointer, "/request/properties/desc/pattern");
    assert!(
        diagnostics[0]
            .message
            .starts_with("`pattern` \"([a-z\" does not compile"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn contexts_are_checked_against_the_schema() {
    let text = load_bundled_text("wechat/getUserProfile");
    let settings = Settings {
        context: Some("plugin".into()),
        ..Settings::default()
    };
    assert!(problems(&text, &settings)[0].contains("cannot be used in context `plugin`"));
    let settings = Settings {
        context: Some("widget".into()),
        ..Settings::default()
    };
    assert!(
        problems(&text, &settings)[0]
            .contains("has no context `widget`; the documented contexts are: plugin")
    );
}

#[test]
fn every_bundled_schema_generates() {
    for name in mpkit_codegen::bundled_names() {
        let schema = load_bundled(name).unwrap().unwrap();
        assert!(
            expand(&schema, "Api", &Settings::default()).is_ok(),
            "{name}"
        );
    }
}

fn load_bundled_text(name: &str) -> String {
    mpkit_codegen::bundled_text(name).unwrap().to_owned()
}
