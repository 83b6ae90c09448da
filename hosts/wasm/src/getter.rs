//! Version getters (`x-version-getters` in a schema): the expressions a host
//! evaluates on a root object to read its base-library version, such as
//! `getAppBaseInfo().SDKVersion`, parsed into steps. Pure Rust, so it is
//! tested natively.

/// One step of a getter: read member `name`, then call it when `call` is set
/// (with `this` bound to the object it was read from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step<'a> {
    pub(crate) name: &'a str,
    pub(crate) call: bool,
}

/// The steps of `getter`, or why it is not one: a dot-separated list of
/// JavaScript identifiers, each optionally followed by `()`. The loader
/// checks bundled schemas against the same rule; this check guards
/// hand-written `ApiInfo`s.
pub(crate) fn parse(getter: &str) -> Result<Vec<Step<'_>>, String> {
    getter
        .split('.')
        .map(|part| {
            let (name, call) = match part.strip_suffix("()") {
                Some(name) => (name, true),
                None => (part, false),
            };
            if is_identifier(name) {
                Ok(Step { name, call })
            } else {
                Err(format!(
                    "`{getter}` is not a version getter: `{part}` is not an identifier, optionally followed by `()`"
                ))
            }
        })
        .collect()
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_and_members_are_told_apart() {
        assert_eq!(
            parse("getAppBaseInfo().SDKVersion"),
            Ok(vec![
                Step {
                    name: "getAppBaseInfo",
                    call: true
                },
                Step {
                    name: "SDKVersion",
                    call: false
                },
            ])
        );
        assert_eq!(
            parse("SDKVersion"),
            Ok(vec![Step {
                name: "SDKVersion",
                call: false
            }])
        );
    }

    #[test]
    fn anything_else_is_refused_with_the_part_named() {
        for (getter, part) in [
            ("", "``"),
            ("a..b", "``"),
            ("1x", "`1x`"),
            ("get(1)", "`get(1)`"),
            ("a.b()()", "`b()()`"),
        ] {
            let error = parse(getter).err().unwrap_or_default();
            assert!(error.contains(part), "{getter}: {error}");
        }
    }
}
