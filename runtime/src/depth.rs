//! The nesting limit every decoder shares: serde_json's, applied to payloads
//! that arrive as a `Value` too, and a way to drop a too-deep `Value`
//! without recursing.
//!
//! serde_json refuses text nested deeper than its recursion limit, but a
//! `Value` built by the caller has none: decoding it recurses once per level
//! (a few thousand levels overflow the stack) and so does dropping it. The
//! decoders measure a `Value` first, iteratively, and refuse what text
//! decoding would refuse, with the same error.
//!
//! One part of a text escapes serde_json's limit: members kept as raw text
//! ([`UnknownMembers`](crate::UnknownMembers)) are skipped iteratively, at
//! any depth. Keeping one raises a flag, and a text decoded with the flag
//! raised is measured whole, so both paths refuse the same payloads.

use std::cell::Cell;

use serde_json::Value;

thread_local! {
    /// Whether a member was kept as raw text since the flag was last taken.
    static KEPT_RAW: Cell<bool> = const { Cell::new(false) };
}

/// Notes that a member was kept as raw text, unmeasured.
pub(crate) fn note_kept_raw() {
    KEPT_RAW.with(|kept| kept.set(true));
}

/// Whether a member was kept as raw text since the last call; clears it.
pub(crate) fn take_kept_raw() -> bool {
    KEPT_RAW.with(|kept| kept.replace(false))
}

/// Whether the JSON `text` nests arrays and objects deeper than
/// [`MAX_DEPTH`]. Iterative.
pub(crate) fn text_exceeds_limit(text: &str) -> bool {
    let mut depth = 0usize;
    let mut strings = crate::json_text::Strings::default();
    for byte in text.bytes().filter(|byte| strings.outside(*byte)) {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The deepest nesting of arrays and objects a payload may have, the root
/// counting as 1: what serde_json's recursion limit allows in text.
pub const MAX_DEPTH: usize = 127;

/// The reason given for a payload nested deeper than [`MAX_DEPTH`], on
/// every decode path.
pub(crate) fn too_deep_reason() -> String {
    format!(
        "nested deeper than {MAX_DEPTH} levels of arrays and objects, which no platform payload is; \
         mpkit refuses it rather than risk the stack"
    )
}

/// Whether `value` nests arrays and objects deeper than [`MAX_DEPTH`].
/// Iterative, and it stops at the first level too deep.
pub(crate) fn exceeds_limit(value: &Value) -> bool {
    let mut pending = vec![(value, 1usize)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(members) => Box::new(members.values()),
            _ => continue,
        };
        if depth > MAX_DEPTH {
            return true;
        }
        pending.extend(
            children
                .filter(|c| c.is_array() || c.is_object())
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

/// Drops `value` without recursing, however deep it is (a `Value`'s own
/// drop recurses once per level).
pub(crate) fn drop_flat(value: Value) {
    let mut pending = vec![value];
    while let Some(mut value) = pending.pop() {
        match &mut value {
            Value::Array(items) => pending.append(items),
            Value::Object(members) => {
                pending.extend(std::mem::take(members).into_iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

/// Whether serde_json refused a text for its recursion limit.
pub(crate) fn is_recursion_limit(error: &serde_json::Error) -> bool {
    // serde_json exposes no error code; its message for this one has read
    // the same since its recursion limit exists. A test holds it.
    error.is_syntax() && error.to_string().starts_with("recursion limit exceeded")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> Value {
        let mut value = Value::Null;
        for _ in 0..depth {
            value = Value::Array(vec![value]);
        }
        value
    }

    fn nested_text(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn the_limit_is_serde_jsons() {
        assert!(serde_json::from_str::<Value>(&nested_text(MAX_DEPTH)).is_ok());
        let refused = serde_json::from_str::<Value>(&nested_text(MAX_DEPTH + 1));
        assert!(
            refused.as_ref().is_err_and(is_recursion_limit),
            "{refused:?}"
        );
        assert!(!exceeds_limit(&nested(MAX_DEPTH)));
        assert!(exceeds_limit(&nested(MAX_DEPTH + 1)));
        let other = serde_json::from_str::<Value>("[1,]").err();
        assert!(other.as_ref().is_some_and(|e| !is_recursion_limit(e)));
        assert!(!text_exceeds_limit(&nested_text(MAX_DEPTH)));
        assert!(text_exceeds_limit(&nested_text(MAX_DEPTH + 1)));
        // Brackets inside strings, escaped quotes included, do not count.
        let quoted = format!(r#"["\"{}"]"#, "[".repeat(MAX_DEPTH + 1));
        assert!(!text_exceeds_limit(&quoted));
    }

    #[test]
    fn deep_values_are_measured_and_dropped_without_recursion() {
        // Far deeper than a recursive walk or drop survives on a test
        // thread's stack.
        let mut deep = Value::Null;
        for i in 0..1_000_000 {
            deep = if i % 2 == 0 {
                Value::Array(vec![deep, Value::Bool(true)])
            } else {
                Value::Object([("a".to_owned(), deep)].into_iter().collect())
            };
        }
        assert!(exceeds_limit(&deep));
        drop_flat(deep);
    }
}
