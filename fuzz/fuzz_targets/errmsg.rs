//! `errMsg` parsing on arbitrary text and API names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::ErrMsg;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (api, message) = text.split_once('\n').unwrap_or(("getUserInfo", text));
    let _ = ErrMsg::parse(message, api);
    let _ = ErrMsg::parse(message, "getUserInfo");
});
