//! Rust names for JSON names: `withCredentials` → `with_credentials`,
//! `userInfo` → `UserInfo`, with keywords escaped.

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

/// The snake_case field or method name for a JSON member name.
pub(crate) fn field_ident(json: &str, rust_name: Option<&str>) -> Ident {
    let name = rust_name.map_or_else(|| json.to_snake_case(), str::to_owned);
    let name = if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{name}")
    } else {
        name
    };
    if matches!(name.as_str(), "self" | "super" | "crate" | "Self") {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name.as_str()) {
        Ident::new_raw(&name, Span::call_site())
    } else {
        Ident::new(&name, Span::call_site())
    }
}

/// The UpperCamelCase type or variant name for a JSON name.
pub(crate) fn type_name(json: &str) -> String {
    let name = json.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// Whether `name` can be an enum variant: UpperCamelCase ASCII, not a keyword.
pub(crate) fn is_upper_camel_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !KEYWORDS.contains(&name)
}

/// Whether `name` can be a field or method: snake_case ASCII, not a keyword.
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
pub(crate) fn enum_key(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// An identifier from a name already known to be valid.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
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
        assert_eq!(
            field_ident("oAuthUserId", Some("oauth_user_id")).to_string(),
            "oauth_user_id"
        );
        assert_eq!(type_name("userInfo"), "UserInfo");
        assert_eq!(type_name("zh_CN"), "ZhCn");
        assert_eq!(type_name("0"), "V0");
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
}
