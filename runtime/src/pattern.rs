//! Regular expressions of option `pattern` rules, compiled once on first use.

use std::sync::OnceLock;

/// A schema `pattern`, compiled the first time it is used. Generated
/// `build()` code keeps one in a `static` per rule.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern with the given source; mpkit-codegen has checked that it compiles.
    #[must_use]
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text` matches. A pattern that does not compile matches nothing.
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }
}
