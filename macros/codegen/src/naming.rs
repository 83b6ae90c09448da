//! Rust names for JSON names, in one place for the loader (which refuses
//! what has no name, or shares one) and lowering (which uses them):
//! `withCredentials` → `with_credentials`, `userInfo` → `UserInfo`, with
//! keywords escaped.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords (edition 2024).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; a name equal to one gets `_`.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self"];

/// Names an option cannot have, because the generated options, builder or
/// `options()` already use them: a setter or getter of that name would
/// collide with `build`, `to_json`, ... or with the `proof` parameter.
pub(crate) const RESERVED_OPTION_NAMES: &[&str] = &[
    "build",
    "to_json",
    "to_json_string",
    "write_json",
    "check_host",
    "requirements",
    "proof",
];

/// The snake_case field or method name for a JSON member name, as written
/// in Rust (`r#type` for a keyword): `None` when the name has none (a
/// non-ASCII name such as `x²` needs an `x-rust-name`).
#[must_use]
pub(crate) fn field_name(json: &str, rust_name: Option<&str>) -> Option<String> {
    let name = rust_name.map_or_else(|| json.to_snake_case(), str::to_owned);
    let name = if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{name}")
    } else {
        name
    };
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name != "_"
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return None;
    }
    Some(if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    })
}

/// The UpperCamelCase type or variant name for a JSON name: ASCII letters
/// and digits, never empty, never a keyword. `-1` is `Neg1`, so negative
/// numbers do not meet their positive twins.
#[must_use]
pub(crate) fn type_name(json: &str) -> String {
    let (sign, rest) = match json.strip_prefix('-') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => ("Neg", rest),
        _ => ("", json),
    };
    let camel: String = rest
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let name = format!("{sign}{camel}");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// Whether `name` can be an enum variant: UpperCamelCase ASCII, not a keyword.
#[must_use]
pub(crate) fn is_upper_camel_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !KEYWORDS.contains(&name)
}

/// Whether `name` can be a field or method: snake_case ASCII, not a keyword.
#[must_use]
pub(crate) fn is_snake_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name != "_"
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// How an enum value is keyed in `x-enum-names`: a string as itself, any
/// other value as its JSON text (`1` for the number 1).
#[must_use]
pub(crate) fn enum_key(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The Rust name of enum value `value`: its `x-enum-names` entry, or one
/// made from the value.
#[must_use]
pub(crate) fn variant_name(
    value: &serde_json::Value,
    names: &std::collections::BTreeMap<String, String>,
) -> String {
    let key = enum_key(value);
    names.get(&key).cloned().unwrap_or_else(|| type_name(&key))
}

/// The variant a union (`anyOf`) has for an alternative of plain type
/// `kind`, as the emitter writes it (`Text(String)`, `Flag(bool)`, ...).
#[must_use]
pub(crate) fn union_case_name(kind: crate::spec::JsonType) -> Option<&'static str> {
    use crate::spec::JsonType;
    match kind {
        JsonType::String => Some("Text"),
        JsonType::Integer => Some("Integer"),
        JsonType::Number => Some("Number"),
        JsonType::Boolean => Some("Flag"),
        JsonType::Null | JsonType::Object | JsonType::Array => None,
    }
}

/// An identifier from a name the loader has checked (`r#type` included).
/// Should a name ever slip through unchecked, the result is an identifier
/// that fails to compile with the name in it, never a panic.
#[must_use]
pub(crate) fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let valid = bare.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && bare != "_"
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (valid, raw) {
        (true, true) if !NOT_RAW.contains(&bare) => Ident::new_raw(bare, Span::call_site()),
        (true, false) => Ident::new(bare, Span::call_site()),
        _ => Ident::new("__mpkit_unchecked_name", Span::call_site()),
    }
}

/// The field identifier of a JSON member; see [`field_name`].
#[must_use]
pub(crate) fn field_ident(json: &str, rust_name: Option<&str>) -> Ident {
    ident(&field_name(json, rust_name).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            field_ident("withCredentials", None).to_string(),
            "with_credentials"
        );
        assert_eq!(field_ident("cloudID", None).to_string(), "cloud_id");
        assert_eq!(field_ident("errMsg", None).to_string(), "err_msg");
        assert_eq!(field_ident("type", None).to_string(), "r#type");
        assert_eq!(field_ident("self", None).to_string(), "self_");
        assert_eq!(
            field_ident("oAuthUserId", Some("oauth_user_id")).to_string(),
            "oauth_user_id"
        );
        assert_eq!(type_name("userInfo"), "UserInfo");
        assert_eq!(type_name("zh_CN"), "ZhCn");
        assert_eq!(type_name("0"), "V0");
        assert_eq!(type_name("-1"), "Neg1");
        assert_eq!(type_name("self"), "SelfValue");
        assert_eq!(type_name("½"), "V");
        assert_eq!(type_name("alipay_openapi"), "AlipayOpenapi");
        assert!(is_upper_camel_identifier("ZhCn"));
        assert!(!is_upper_camel_identifier("zhCn"));
        assert!(!is_upper_camel_identifier("Zh_Cn"));
        assert!(!is_upper_camel_identifier("Self"));
        assert!(is_snake_identifier("with_credentials"));
        assert!(!is_snake_identifier("type"));
        assert!(!is_snake_identifier("withCredentials"));
        assert_eq!(enum_key(&serde_json::json!("zh_CN")), "zh_CN");
        assert_eq!(enum_key(&serde_json::json!(1)), "1");
    }

    #[test]
    fn names_that_are_no_identifier_are_none_never_a_panic() {
        for json in ["x²", "٣", "名字"] {
            assert_eq!(field_name(json, None), None, "{json:?}");
            assert_eq!(
                field_ident(json, None).to_string(),
                "__mpkit_unchecked_name"
            );
        }
        assert_eq!(field_name("", None).as_deref(), Some("field_"));
        assert_eq!(field_name("-", None).as_deref(), Some("field_"));
        // Separators become underscores: these meet, and the loader says so.
        assert_eq!(field_name("foo\nbar", None), field_name("foo\"bar", None));
        assert_eq!(ident("½").to_string(), "__mpkit_unchecked_name");
        assert_eq!(ident("r#self").to_string(), "__mpkit_unchecked_name");
    }
}
