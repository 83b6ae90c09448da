//! Rust names for JSON names: `withCredentials` → `with_credentials`,
//! `userInfo` → `UserInfo`, with keywords escaped.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
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
    }
}
