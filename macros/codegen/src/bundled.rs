//! The schemas bundled with mpkit, embedded when this crate is built, and
//! what to suggest when a name is none of them.

use std::path::Path;

use crate::load::{LoadError, LoadedSchema, parse_schema};

/// `(name, text)` of each bundled schema; the name is its path under
/// `schemas/` without `.json` (`wechat/getUserInfo`).
const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The names of the bundled schemas, sorted (`douyin/getUserInfo`, ...).
#[must_use]
pub fn bundled_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(name, _)| *name).collect()
}

/// The text of the bundled schema `name`, if there is one.
#[must_use]
pub fn bundled_text(name: &str) -> Option<&'static str> {
    BUNDLED
        .iter()
        .find(|(bundled, _)| *bundled == name)
        .map(|(_, text)| *text)
}

/// Loads and checks the bundled schema `name`; `None` if there is none.
///
/// # Errors
/// The schema's problems, should a bundled schema be broken.
pub fn load_bundled(name: &str) -> Option<Result<LoadedSchema, LoadError>> {
    let text = bundled_text(name)?;
    Some(parse_schema(
        text,
        Path::new(&format!("schemas/{name}.json")),
    ))
}

/// What a user who wrote `api = "<wanted>"` may have meant, as the start of
/// a sentence ("did you mean ...? "), or `None`. First by the platform's
/// other names the schemas list (`x-platform-aliases`: `weixin` is
/// `wechat`), then by the method (every bundled `getUserInfo`), then by
/// spelling (`getUserInfos`). Reads only the bundled texts, once each.
#[must_use]
pub fn suggestion(wanted: &str) -> Option<String> {
    let (platform, method) = wanted.split_once('/').unwrap_or(("", wanted));
    let platform = platform.to_ascii_lowercase();
    let mut by_method = Vec::new();
    for (name, text) in BUNDLED {
        let (key, bundled_method) = name.split_once('/').unwrap_or(("", name));
        if !bundled_method.eq_ignore_ascii_case(method) {
            continue;
        }
        if let Some(display) = aliased(text, &platform).filter(|_| key != platform) {
            return Some(format!(
                "did you mean \"{name}\"? `{platform}` is another name of {display}, whose key is `{key}`; "
            ));
        }
        by_method.push(*name);
    }
    match by_method.as_slice() {
        [] => {
            // A misspelt method under another name of the platform
            // (`weixin/getUserInfos`) is spelt against the platform's key.
            let key = BUNDLED
                .iter()
                .find(|(_, text)| aliased(text, &platform).is_some())
                .and_then(|(name, _)| name.split_once('/'))
                .map_or(platform.as_str(), |(key, _)| key);
            let known: Vec<String> = bundled_names().into_iter().map(str::to_owned).collect();
            crate::load::nearest(&format!("{key}/{method}"), &known)
                .map(|near| format!("did you mean \"{near}\"? "))
        }
        [one] => Some(format!("did you mean \"{one}\"? ")),
        several => Some(format!(
            "the bundled APIs with method `{method}` are \"{}\"; ",
            several.join("\", \"")
        )),
    }
}

/// The platform's name (`x-platform-name`) when the schema `text` lists
/// `platform` among its `x-platform-aliases`.
fn aliased(text: &str, platform: &str) -> Option<String> {
    let schema: serde_json::Value = serde_json::from_str(text).ok()?;
    let listed = schema.get("x-platform-aliases")?.as_array()?;
    listed
        .iter()
        .any(|alias| alias.as_str() == Some(platform))
        .then(|| {
            schema
                .get("x-platform-name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or(platform)
                .to_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn suggests_by_alias_then_method_then_spelling() {
        let alias = suggestion("weixin/getUserInfo").unwrap_or_default();
        assert!(
            alias.starts_with(
                "did you mean \"wechat/getUserInfo\"? `weixin` is another name of WeChat"
            ),
            "{alias}"
        );
        assert!(
            suggestion("tt/login")
                .unwrap_or_default()
                .contains("\"douyin/login\"")
        );
        // A platform mpkit does not know: every bundled API of that method.
        let method = suggestion("lark/getUserProfile").unwrap_or_default();
        assert_eq!(
            method,
            "the bundled APIs with method `getUserProfile` are \"douyin/getUserProfile\", \"wechat/getUserProfile\"; "
        );
        assert_eq!(
            suggestion("wechat/getUserInfos").as_deref(),
            Some("did you mean \"wechat/getUserInfo\"? ")
        );
        assert_eq!(
            suggestion("weixin/getUserInfos").as_deref(),
            Some("did you mean \"wechat/getUserInfo\"? ")
        );
        assert_eq!(suggestion("nothing/like/this"), None);
    }
}
