//! Malformed schemas: each kind of mistake gives a diagnostic that names the
//! file, the line and column of the offending key or value, and the problem.
//! Every case starts from the bundled `wx.getUserInfo` schema and breaks one
//! thing, so the rest of the file stays realistic.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

use std::path::Path;

use mpkit_codegen::{Diagnostic, LoadError, Position, parse_schema};

const BASE: &str = include_str!("../schemas/wechat/getUserInfo.json");
const FILE: &str = "schemas/broken/getUserInfo.json";

/// Replaces the one occurrence of `from` in the base schema.
fn edit(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in the base schema"
    );
    BASE.replacen(from, to, 1)
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match parse_schema(text, Path::new(FILE)) {
        Ok(_) => panic!("the broken schema was accepted"),
        Err(error @ LoadError::Read { .. }) => panic!("unexpected read error: {error}"),
        Err(LoadError::Invalid { diagnostics }) => diagnostics,
    }
}

/// Line and column (1-based, in characters) of the `nth` occurrence of `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> Position {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no `{needle}`"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Asserts exactly one diagnostic, at `at`, whose message and help contain the given texts.
fn assert_one(text: &str, at: Position, message: &str, help: &str) -> Diagnostic {
    let found = diagnostics(text);
    assert_eq!(
        found.len(),
        1,
        "expected one problem, got:\n{}",
        render(&found)
    );
    let d = found.into_iter().next().unwrap_or_else(|| unreachable!());
    assert_eq!(d.file, Path::new(FILE));
    assert_eq!(d.position, at, "{d}");
    assert!(
        d.message.contains(message),
        "message `{}` lacks `{message}`",
        d.message
    );
    assert!(
        d.help.as_deref().unwrap_or_default().contains(help),
        "help {:?} lacks `{help}`",
        d.help
    );
    let shown = d.to_string();
    let prefix = format!("{FILE}:{}:{}: error: ", at.line, at.column);
    assert!(shown.starts_with(&prefix), "{shown}");
    d
}

fn render(found: &[Diagnostic]) -> String {
    found
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_syntax_error_has_line_and_column() {
    let text = edit(
        "\"x-method\": \"getUserInfo\",",
        "\"x-method\": \"getUserInfo\"",
    );
    let next = position_of(&text, "\"x-since\"", 0);
    // serde_json reports the position of the token after the missing comma.
    let d = assert_one(&text, next, "not valid JSON", "syntax");
    assert!(d.message.contains("expected `,` or `}`"), "{}", d.message);
}

#[test]
fn typo_in_an_x_keyword_is_rejected_with_a_suggestion() {
    let text = edit("\"x-since\": \"2.7.0\"", "\"x-sinc\": \"2.7.0\"");
    let d = assert_one(
        &text,
        position_of(&text, "\"x-sinc\"", 0),
        "unknown keyword `x-sinc`",
        "did you mean `x-since`?",
    );
    assert_eq!(d.pointer, "/success/properties/cloudID/x-sinc");
}

#[test]
fn unknown_top_level_keyword_is_rejected() {
    let text = edit(
        "\"x-scope\": \"scope.userInfo\"",
        "\"x-scopes\": \"scope.userInfo\"",
    );
    assert_one(
        &text,
        position_of(&text, "\"x-scopes\"", 0),
        "unknown keyword `x-scopes`",
        "did you mean `x-scope`?",
    );
}

#[test]
fn unsupported_json_schema_keyword_is_rejected_not_ignored() {
    let text = edit(
        "\"pattern\": \"^[0-9a-f]{40}$\",",
        "\"$dynamicRef\": \"#meta\",",
    );
    assert_one(
        &text,
        position_of(&text, "\"$dynamicRef\"", 0),
        "mpkit does not support `$dynamicRef`",
        "use a plain `$ref`",
    );
}

#[test]
fn unparsable_version_names_the_bad_segment() {
    let text = edit("\"since\": \"2.3.1\"", "\"since\": \"2.x.1\"");
    let d = assert_one(
        &text,
        position_of(&text, "\"2.x.1\"", 0),
        "segment \"x\" is not a number",
        "like \"2.10.4\"",
    );
    assert_eq!(d.pointer, "/x-contexts/plugin/since");
}

#[test]
fn version_segment_too_large_is_rejected() {
    let text = edit("\"x-since\": \"2.7.0\"", "\"x-since\": \"2.4294967296.0\"");
    assert_one(
        &text,
        position_of(&text, "\"2.4294967296.0\"", 0),
        "larger than 4294967295",
        "like \"2.10.4\"",
    );
}

#[test]
fn present_when_naming_a_missing_option() {
    let text = edit(
        "\"signature\": {\n        \"title\": \"sha1(rawData + session_key) as lowercase hex; verifies rawData.\",\n        \"description\": \"使用 sha1( rawData + sessionkey ) 得到字符串,用于校验用户信息,详见 用户数据的签名验证和加解密\",\n        \"type\": \"string\",\n        \"pattern\": \"^[0-9a-f]{40}$\",\n        \"x-present-when\": { \"option\": \"withCredentials\"",
        "\"signature\": {\n        \"title\": \"sha1(rawData + session_key) as lowercase hex; verifies rawData.\",\n        \"description\": \"使用 sha1( rawData + sessionkey ) 得到字符串,用于校验用户信息,详见 用户数据的签名验证和加解密\",\n        \"type\": \"string\",\n        \"pattern\": \"^[0-9a-f]{40}$\",\n        \"x-present-when\": { \"option\": \"withCredential\"",
    );
    let d = assert_one(
        &text,
        position_of(&text, "\"withCredential\"", 0),
        "option `withCredential`, which `request` does not have",
        "did you mean `withCredentials`?",
    );
    assert_eq!(
        d.pointer,
        "/success/properties/signature/x-present-when/option"
    );
}

#[test]
fn present_when_value_the_option_cannot_have() {
    let text = edit(
        "\"x-prerequisites\": [\n    {\n      \"api\": \"wx.login\",\n      \"when\": { \"option\": \"withCredentials\", \"equals\": true }",
        "\"x-prerequisites\": [\n    {\n      \"api\": \"wx.login\",\n      \"when\": { \"option\": \"withCredentials\", \"equals\": \"yes\" }",
    );
    assert_one(
        &text,
        position_of(&text, "\"yes\"", 0),
        "can never equal \"yes\"",
        "value the option's schema allows",
    );
}

#[test]
fn default_outside_its_enum() {
    let text = edit("\"default\": \"en\"", "\"default\": \"fr\"");
    let d = assert_one(
        &text,
        position_of(&text, "\"fr\"", 0),
        "default \"fr\" is not an allowed value",
        "one of the allowed values",
    );
    assert!(
        d.message.contains("\"en\", \"zh_CN\", \"zh_TW\""),
        "{}",
        d.message
    );
}

#[test]
fn enum_rust_names_must_match_the_values() {
    // A name for a value that is not in the enum, and a value without a name.
    let text = edit("\"zh_TW\": \"ZhTw\"", "\"zh_HK\": \"ZhHk\"");
    let found = diagnostics(&text);
    assert_eq!(found.len(), 2, "{}", render(&found));
    let names = position_of(&text, "\"x-enum-names\"", 0);
    let missing = found
        .iter()
        .find(|d| d.message.contains("enum value zh_TW has no Rust name"))
        .unwrap_or_else(|| panic!("{}", render(&found)));
    assert_eq!(
        missing.position,
        Position {
            line: names.line,
            column: names.column + 16
        }
    );
    assert!(
        missing
            .help
            .as_deref()
            .is_some_and(|h| h.contains("\"zh_TW\": \"ZhTw\""))
    );
    let extra = found
        .iter()
        .find(|d| {
            d.message
                .contains("names `zh_HK`, which is not an enum value")
        })
        .unwrap_or_else(|| panic!("{}", render(&found)));
    assert_eq!(extra.position, position_of(&text, "\"zh_HK\"", 0));
}

#[test]
fn enum_rust_name_must_be_an_identifier() {
    let text = edit("\"zh_CN\": \"ZhCn\"", "\"zh_CN\": \"zh-cn\"");
    assert_one(
        &text,
        position_of(&text, "\"zh-cn\"", 0),
        "`zh-cn` is not an UpperCamelCase Rust identifier",
        "\"ZhCn\"",
    );
}

#[test]
fn unresolved_ref_suggests_the_nearest_definition() {
    let text = edit(
        "\"$ref\": \"#/$defs/UserInfo\"",
        "\"$ref\": \"#/$defs/UserInfos\"",
    );
    let d = assert_one(
        &text,
        position_of(&text, "\"#/$defs/UserInfos\"", 0),
        "`$ref` \"#/$defs/UserInfos\" does not resolve",
        "did you mean \"#/$defs/UserInfo\"?",
    );
    assert_eq!(d.pointer, "/success/properties/userInfo/$ref");
}

#[test]
fn missing_request_part() {
    let start = BASE
        .find("\n  \"request\": {")
        .unwrap_or_else(|| unreachable!());
    let end = BASE
        .find("\n  \"success\": {")
        .unwrap_or_else(|| unreachable!());
    let text = format!("{}{}", &BASE[..start], &BASE[end..]);
    let d = assert_one(
        &text,
        Position { line: 1, column: 1 },
        "missing required part `request`",
        "describing the options object",
    );
    assert_eq!(d.pointer, "");
}

#[test]
fn missing_success_part() {
    let start = BASE
        .find("\n  \"success\": {")
        .unwrap_or_else(|| unreachable!());
    let end = BASE
        .find("\n  \"fail\": {")
        .unwrap_or_else(|| unreachable!());
    let text = format!("{}{}", &BASE[..start], &BASE[end..]);
    assert_one(
        &text,
        Position { line: 1, column: 1 },
        "missing required part `success`",
        "success callback receives",
    );
}

#[test]
fn wrong_value_of_a_closed_keyword_lists_the_choices() {
    let text = edit(
        "\"x-call-style\": \"callback\"",
        "\"x-call-style\": \"async\"",
    );
    assert_one(
        &text,
        position_of(&text, "\"async\"", 0),
        "\"async\" is not an allowed value",
        "\"callback\", \"promise\", \"callback-or-promise\"",
    );
}

#[test]
fn meta_schema_reference_is_required() {
    let text = edit(
        "\"$schema\": \"../meta.schema.json\"",
        "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"",
    );
    assert_one(
        &text,
        position_of(&text, "\"https://json-schema.org", 0),
        "not mpkit's meta-schema",
        "../meta.schema.json",
    );
}

#[test]
fn change_dates_and_pointers_are_checked() {
    let text = edit("\"date\": \"2021-10-20\"", "\"date\": \"2021-02-30\"").replacen(
        "\"/$defs/UserInfo/properties/gender\"",
        "\"/$defs/UserInfo/properties/sex\"",
        1,
    );
    let found = diagnostics(&text);
    assert_eq!(found.len(), 2, "{}", render(&found));
    assert_eq!(found[0].position, position_of(&text, "\"2021-02-30\"", 0));
    assert!(found[0].message.contains("not a calendar date"));
    assert_eq!(
        found[1].position,
        position_of(&text, "\"/$defs/UserInfo/properties/sex\"", 0)
    );
    assert!(found[1].message.contains("points at nothing"));
}

#[test]
fn required_member_must_be_declared() {
    let text = edit(
        "\"required\": [\"userInfo\", \"rawData\", \"errMsg\"]",
        "\"required\": [\"userInfo\", \"rawdata\", \"errMsg\"]",
    );
    assert_one(
        &text,
        position_of(&text, "\"rawdata\"", 0),
        "lists `rawdata`, which is not among the `properties`",
        "declare it",
    );
}

#[test]
fn quirk_must_agree_with_the_type() {
    let text = edit(
        "\"type\": [\"integer\", \"string\"],\n      \"enum\": [0, 1, 2, \"0\", \"1\", \"2\"]",
        "\"type\": \"integer\",\n      \"enum\": [0, 1, 2]",
    );
    let at = position_of(&text, "\"kind\": \"number-as-string\"", 0);
    // The problem is reported at the quirk object, which opens one line above its `kind`.
    let found = diagnostics(&text);
    assert_eq!(found.len(), 1, "{}", render(&found));
    assert_eq!(found[0].position.line, at.line - 1);
    assert!(
        found[0]
            .message
            .contains("must accept both a number and a string"),
        "{}",
        found[0].message
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = edit("\"default\": \"en\"", "\"default\": \"fr\"")
        .replacen(
            "\"$ref\": \"#/$defs/UserInfo\"",
            "\"$ref\": \"#/$defs/Nope\"",
            1,
        )
        .replacen(
            "\"when\": { \"option\": \"withCredentials\"",
            "\"when\": { \"option\": \"credentials\"",
            1,
        );
    let found = diagnostics(&text);
    assert_eq!(found.len(), 3, "{}", render(&found));
    // In file order.
    assert!(
        found
            .windows(2)
            .all(|w| (w[0].position.line, w[0].position.column)
                <= (w[1].position.line, w[1].position.column))
    );
    let error = LoadError::Invalid { diagnostics: found };
    let shown = error.to_string();
    assert!(shown.ends_with("3 problems found in the schema"), "{shown}");
    for needle in ["option `credentials`", "default \"fr\"", "\"#/$defs/Nope\""] {
        assert!(shown.contains(needle), "missing `{needle}` in:\n{shown}");
    }
}

#[test]
fn structural_problems_are_all_reported_too() {
    let text = edit("\"x-since\": \"2.7.0\"", "\"x-sinc\": \"2.7.0\"")
        .replacen(
            "\"x-call-style\": \"callback\"",
            "\"x-call-style\": \"sync\"",
            1,
        )
        .replacen("\"type\": \"boolean\"", "\"type\": \"bool\"", 1);
    let found = diagnostics(&text);
    assert_eq!(found.len(), 3, "{}", render(&found));
}

#[test]
fn unreadable_file_is_a_read_error() {
    match mpkit_codegen::load_schema("schemas/does/not/exist.json") {
        Err(LoadError::Read { file, .. }) => {
            assert_eq!(file, Path::new("schemas/does/not/exist.json"))
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn credentials_need_a_watermark_with_a_string_appid() {
    // No watermark member at all: the decrypted part is blamed.
    let text = edit(
        "\"watermark\": { \"$ref\": \"#/$defs/Watermark\" }",
        "\"unionId\": { \"type\": \"string\" }",
    );
    let text = text.replacen(
        "\"required\": [\"openId\", \"watermark\"]",
        "\"required\": [\"openId\"]",
        1,
    );
    let found = diagnostics(&text);
    let d = found
        .iter()
        .find(|d| d.message.contains("no `watermark` member"))
        .unwrap_or_else(|| panic!("no watermark diagnostic in:\n{}", render(&found)));
    assert_eq!(d.pointer, "/$defs/EncryptedUserInfo");
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .contains("`appid` (a string)")
    );

    // An appid that is not a string: the definition's member is blamed.
    let text = edit(
        "\"appid\": { \"title\": \"The app the data was issued to.\", \"description\": \"敏感数据归属 appId\", \"type\": \"string\" }",
        "\"appid\": { \"title\": \"The app the data was issued to.\", \"description\": \"敏感数据归属 appId\", \"type\": \"integer\" }",
    );
    let d = assert_one(
        &text,
        position_of(&text, "{ \"title\": \"The app the data was issued to.\"", 0),
        "`watermark.appid` must be a string",
        "`appid` (a string)",
    );
    assert_eq!(d.pointer, "/$defs/Watermark/properties/appid");
}

#[test]
fn watermark_timestamp_must_be_a_plain_integer() {
    let text = edit(
        "\"description\": \"敏感数据获取的时间戳,开发者可以用于数据时效性校验\",\n          \"type\": \"integer\"",
        "\"description\": \"敏感数据获取的时间戳,开发者可以用于数据时效性校验\",\n          \"type\": \"string\"",
    );
    let d = assert_one(
        &text,
        position_of(
            &text,
            "{\n          \"title\": \"When the data was issued",
            0,
        ),
        "`watermark.timestamp` must be a plain integer",
        "`timestamp` (an integer)",
    );
    assert_eq!(d.pointer, "/$defs/Watermark/properties/timestamp");
}

#[test]
fn an_unknown_keyword_on_a_node_without_type_lists_the_node_keywords() {
    // Before, the allowed keywords were guessed from the keys present, and
    // for a node with only `title` and `oneOf` the guess was an
    // `x-contexts` entry: "mpkit supports only these keywords here:
    // description, since, supported".
    let text = edit(
        "\"cloudID\": {",
        "\"loose\": { \"title\": \"Loose.\", \"discriminator\": {} },\n      \"cloudID\": {",
    );
    let d = assert_one(
        &text,
        position_of(&text, "\"discriminator\"", 0),
        "unknown keyword `discriminator`",
        "anyOf",
    );
    let help = d.help.unwrap_or_default();
    assert!(
        help.contains("minLength") && help.contains("x-rust-name"),
        "{help}"
    );
    assert!(!help.contains("supported"), "{help}");
}

#[test]
fn comment_is_an_annotation() {
    let text = edit(
        "\"cloudID\": {",
        "\"cloudID\": {\n        \"$comment\": \"For schema authors only.\",",
    );
    assert!(parse_schema(&text, Path::new(FILE)).is_ok());
}

#[test]
fn platform_floor_must_be_a_version_a_proof_states_with_a_source() {
    let text = edit(
        "\"x-platform-floor\": {\n    \"version\": \"1.0.0\",",
        "\"x-platform-floor\": {\n    \"version\": \"1.0.0.1\",",
    );
    let at = position_of(&text, "\"1.0.0.1\"", 0);
    assert_one(&text, at, "fourth segment", "three segments");
    let source = BASE
        .lines()
        .find(|line| line.trim_start().starts_with("\"source\": \"WeChat states"))
        .unwrap();
    let text = edit(source, "    \"source\": \"  \"");
    let at = position_of(&text, "\"  \"", 0);
    assert_one(&text, at, "source is blank", "name the page");
    // The meta-schema knows the keyword: a misspelt member is refused.
    let text = edit("\"version\": \"1.0.0\",", "\"versoin\": \"1.0.0\",");
    assert!(!diagnostics(&text).is_empty());
}

#[test]
fn platform_aliases_are_other_names() {
    let text = edit(
        "\"x-platform-aliases\": [\"weixin\", \"wx\"]",
        "\"x-platform-aliases\": [\"weixin\", \"wechat\", \"weixin\"]",
    );
    let found = diagnostics(&text);
    let shown = render(&found);
    assert_eq!(found.len(), 2, "{shown}");
    assert_eq!(found[0].position, position_of(&text, "\"wechat\"", 1));
    assert!(found[0].message.contains("platform's own key"), "{shown}");
    assert_eq!(found[1].position, position_of(&text, "\"weixin\"", 1));
    assert!(found[1].message.contains("listed twice"), "{shown}");
    let text = edit("[\"weixin\", \"wx\"]", "[\"WeiXin\"]");
    assert!(!diagnostics(&text).is_empty(), "an alias is lowercase");
}

#[test]
fn credentials_name_their_scheme() {
    let text = edit("    \"scheme\": \"aes-128-cbc\",\n", "");
    let found = diagnostics(&text);
    assert!(
        found.iter().any(|d| d.message.contains("`scheme`")),
        "{}",
        render(&found)
    );

    let text = edit("\"scheme\": \"aes-128-cbc\"", "\"scheme\": \"aes-256-gcm\"");
    let found = diagnostics(&text);
    assert!(
        found.iter().any(|d| d.message.contains("aes-256-gcm")
            || d.help
                .as_deref()
                .unwrap_or_default()
                .contains("aes-192-cbc-framed")),
        "{}",
        render(&found)
    );
}

#[test]
fn a_signature_comes_with_the_raw_data_it_covers() {
    let text = edit(
        "    \"rawData\": \"rawData\",\n    \"signature\": \"signature\",\n",
        "    \"signature\": \"signature\",\n",
    );
    let d = assert_one(
        &text,
        position_of(&text, "\"x-credentials\"", 0),
        "names a `signature` but no `rawData`",
        "leave out `signature`",
    );
    assert_eq!(d.pointer, "/x-credentials");

    let text = edit(
        "    \"rawData\": \"rawData\",\n    \"signature\": \"signature\",\n",
        "    \"rawData\": \"rawData\",\n",
    );
    assert_one(
        &text,
        position_of(&text, "\"x-credentials\"", 0),
        "names `rawData` but no `signature`",
        "leave out `rawData`",
    );
}

#[test]
fn the_watermark_follows_the_scheme() {
    // AES-128: the watermark (or its absence) must be stated.
    let text = edit(
        ",\n    \"watermark\": { \"member\": \"watermark\", \"appid\": \"appid\", \"timestamp\": \"timestamp\" }\n",
        "\n",
    );
    assert_one(
        &text,
        position_of(&text, "\"x-credentials\"", 0),
        "scheme `aes-128-cbc` needs `watermark`",
        "\"watermark\": \"none\"",
    );

    // The framed scheme checks the app key in the frame: no watermark.
    let text = edit(
        "\"scheme\": \"aes-128-cbc\"",
        "\"scheme\": \"aes-192-cbc-framed\"",
    );
    let d = assert_one(
        &text,
        position_of(&text, "{ \"member\": \"watermark\"", 0),
        "scheme `aes-192-cbc-framed` has no watermark",
        "remove `watermark`",
    );
    assert_eq!(d.pointer, "/x-credentials/watermark");
}

#[test]
fn a_callback_outcome_has_no_field_and_a_message_in_fail() {
    let outcome = "\"x-outcome\": {\n    \"style\": \"err-msg\",\n    \"field\": \"errMsg\",\n    \"api\": \"getUserInfo\",\n    \"codes\": [\"errno\"]\n  }";
    // A discriminant field with the callback style.
    let text = edit(
        outcome,
        "\"x-outcome\": { \"style\": \"callback\", \"field\": \"errMsg\" }",
    );
    let found = diagnostics(&text);
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("no discriminant field")),
        "{}",
        render(&found)
    );
    // The err-msg style without its field.
    let text = edit(
        outcome,
        "\"x-outcome\": { \"style\": \"err-msg\", \"api\": \"getUserInfo\" }",
    );
    let d = assert_one(
        &text,
        position_of(&text, "\"x-outcome\"", 0),
        "needs `field`",
        "\"style\": \"callback\"",
    );
    assert_eq!(d.pointer, "/x-outcome");
    // A message member that `fail` does not have, and one on another style.
    let text = edit(
        outcome,
        "\"x-outcome\": { \"style\": \"callback\", \"message\": \"errorMessage\" }",
    );
    let found = diagnostics(&text);
    assert!(
        found.iter().any(|d| d
            .message
            .contains("`errorMessage`, which `fail` does not have")),
        "{}",
        render(&found)
    );
    let text = edit(
        outcome,
        "\"x-outcome\": { \"style\": \"err-msg\", \"field\": \"errMsg\", \"api\": \"getUserInfo\", \"message\": \"errMsg\" }",
    );
    assert_one(
        &text,
        position_of(&text, "\"errMsg\" }", 0),
        "only a `callback` outcome names a message member",
        "remove `message`",
    );
}

#[test]
fn outcome_keywords_a_style_would_ignore_are_refused() {
    let outcome = "\"x-outcome\": {\n    \"style\": \"err-msg\",\n    \"field\": \"errMsg\",\n    \"api\": \"getUserInfo\",\n    \"codes\": [\"errno\"]\n  }";
    // `api` is read only from "<api>:ok" messages.
    let text = edit(
        outcome,
        "\"x-outcome\": { \"style\": \"callback\", \"api\": \"getUserInfo\", \"codes\": [\"errno\"] }",
    );
    let found = diagnostics(&text);
    assert!(
        found
            .iter()
            .any(|d| d.pointer == "/x-outcome/api" && d.message.contains("never reads `api`")),
        "{}",
        render(&found)
    );
}
