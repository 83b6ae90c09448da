//! `Version` parsing, display and comparison on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::Version;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(version) = Version::parse(text) {
        // What parses displays with as many segments as were written, and
        // parses back equal (leading zeros are not kept: `01` shows as `1`).
        let shown = version.to_string();
        assert_eq!(shown.split('.').count(), text.split('.').count());
        assert_eq!(Version::parse(&shown), Ok(version));
    }
});
