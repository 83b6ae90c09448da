//! The schema loader on arbitrary text: every input gives a schema or
//! diagnostics, and loaded schemas generate code or say why not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match mpkit_codegen::parse_schema(text, Path::new("fuzz.json")) {
        Ok(schema) => {
            let _ = mpkit_codegen::expand(&schema, "Fuzzed", &mpkit_codegen::Settings::default());
        }
        Err(error) => assert!(!error.diagnostics().is_empty()),
    }
});
