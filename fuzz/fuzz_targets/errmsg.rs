//! `errMsg` parsing on arbitrary text and API names; the fast success check
//! must answer as the parse does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpkit::ErrMsg;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (api, message) = text.split_once('\n').unwrap_or(("getUserInfo", text));
    for api in [api, "getUserInfo"] {
        let parsed = ErrMsg::parse(message, api);
        assert_eq!(
            ErrMsg::is_ok(message, api),
            matches!(parsed, Ok(ErrMsg::Ok)),
            "{message:?} for {api:?}"
        );
    }
});
