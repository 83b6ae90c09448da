//! Base-library versions, compared the way WeChat's `compareVersion` does.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// The most segments a [`Version`] may have. Base libraries use three
/// (`2.10.4`); four leaves room for host build numbers.
const MAX_SEGMENTS: usize = 4;

/// A mini-program base-library version such as `2.10.4`.
///
/// Versions compare numerically segment by segment, and a missing segment
/// counts as `0`, exactly like the `compareVersion` helper in WeChat's
/// documentation. So `1.11.0 > 1.9.9` and `2.7 == 2.7.0`; `Display` still
/// shows as many segments as were written (`2.7`), without leading zeros.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::Version;
///
/// let host: Version = "2.7".parse()?;
/// assert_eq!(host, Version::new(2, 7, 0));
/// assert!("1.11.0".parse::<Version>()? > "1.9.9".parse::<Version>()?);
/// assert_eq!(host.to_string(), "2.7");
/// # Ok::<(), mpkit::VersionError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Version {
    segments: [u32; MAX_SEGMENTS],
    /// How many segments were written; only `Display` looks at it.
    written: u8,
}

impl Version {
    /// The version `major.minor.patch`. Usable in constants, which is how
    /// generated code spells the `since` of an API or option.
    #[must_use]
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            segments: [major, minor, patch, 0],
            written: 3,
        }
    }

    /// The four-segment version `major.minor.patch.build`.
    #[must_use]
    pub const fn with_build(major: u32, minor: u32, patch: u32, build: u32) -> Self {
        Version {
            segments: [major, minor, patch, build],
            written: 4,
        }
    }

    /// The segments as numbers, with missing ones as `0`.
    #[must_use]
    pub const fn segments(&self) -> [u32; MAX_SEGMENTS] {
        self.segments
    }

    /// Parses a version such as `2.10.4`.
    ///
    /// # Errors
    /// [`VersionError`] names the first thing wrong with `text`.
    pub fn parse(text: &str) -> Result<Self, VersionError> {
        let err = |problem| VersionError {
            text: text.to_owned(),
            problem,
        };
        if text.is_empty() {
            return Err(err(VersionProblem::Empty));
        }
        let mut segments = [0u32; MAX_SEGMENTS];
        let mut written = 0usize;
        for (index, part) in text.split('.').enumerate() {
            if index >= MAX_SEGMENTS {
                return Err(err(VersionProblem::TooManySegments));
            }
            if part.is_empty() {
                return Err(err(VersionProblem::EmptySegment { index }));
            }
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(VersionProblem::NotANumber {
                    segment: part.to_owned(),
                }));
            }
            segments[index] = part.parse().map_err(|_| {
                err(VersionProblem::TooLarge {
                    segment: part.to_owned(),
                })
            })?;
            written = index + 1;
        }
        Ok(Version {
            segments,
            // `written` is at most MAX_SEGMENTS (4), so it always fits.
            written: written as u8,
        })
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.segments == other.segments
    }
}

impl Eq for Version {}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Must agree with `Eq`, which ignores how many segments were written.
        self.segments.hash(state);
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.segments.cmp(&other.segments)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = usize::from(self.written.max(1));
        for (index, segment) in self.segments[..shown].iter().enumerate() {
            if index > 0 {
                f.write_str(".")?;
            }
            write!(f, "{segment}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Version({self})")
    }
}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Version::parse(text)
    }
}

impl serde::Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a version string such as \"2.10.4\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Version, E> {
                Version::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// The regular expression a version string matches (segment values over
/// `u32::MAX` aside). The generated meta-schema uses it.
pub const VERSION_PATTERN: &str = r"^[0-9]+(\.[0-9]+){0,3}$";

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Version {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Version".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A base-library version: numbers separated by dots, compared per segment like WeChat's compareVersion (missing segments are 0).",
            "type": "string",
            "pattern": VERSION_PATTERN,
            "examples": ["2.10.4", "1.0.0"]
        })
    }
}

/// Why a version string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    text: String,
    problem: VersionProblem,
}

impl VersionError {
    /// The text that failed to parse.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }
}

// Display and Error by hand: `thiserror` would put a proc macro into every
// user's build for two small types (the derive's cost is measured).
impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid version \"{}\": {}; write it as numbers separated by dots, such as \"2.10.4\"",
            self.text, self.problem
        )
    }
}

impl std::error::Error for VersionError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum VersionProblem {
    Empty,
    EmptySegment { index: usize },
    NotANumber { segment: String },
    TooLarge { segment: String },
    TooManySegments,
}

impl fmt::Display for VersionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionProblem::Empty => f.write_str("it is empty"),
            VersionProblem::EmptySegment { index } => write!(f, "segment {} is empty", index + 1),
            VersionProblem::NotANumber { segment } => write!(
                f,
                "segment \"{segment}\" is not a number (only the digits 0-9 are allowed, no sign)"
            ),
            VersionProblem::TooLarge { segment } => {
                write!(f, "segment \"{segment}\" is larger than {}", u32::MAX)
            }
            VersionProblem::TooManySegments => {
                write!(f, "it has more than {MAX_SEGMENTS} segments")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        match Version::parse(text) {
            Ok(version) => version,
            Err(error) => unreachable!("{error}"),
        }
    }

    #[test]
    fn compares_numerically_per_segment() {
        assert!(v("1.11.0") > v("1.9.9"));
        assert!(v("2.10.4") > v("2.9.99"));
        assert!(v("2.3.1") < v("2.7.0"));
        assert_eq!(v("2.7"), v("2.7.0"));
        assert_eq!(v("2"), v("2.0.0.0"));
        assert!(v("2.7.0.1") > v("2.7"));
        assert_eq!(v("01.2"), v("1.2"));
    }

    #[test]
    fn equal_versions_hash_alike() {
        use std::collections::HashSet;
        let set: HashSet<Version> = [v("2.7"), v("2.7.0")].into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn display_keeps_the_written_form() {
        assert_eq!(v("2.7").to_string(), "2.7");
        assert_eq!(v("2.10.4").to_string(), "2.10.4");
        assert_eq!(Version::new(2, 3, 1).to_string(), "2.3.1");
    }

    #[test]
    fn rejects_garbage_with_a_reason() {
        let cases = [
            ("", "it is empty"),
            ("2.x", "segment \"x\" is not a number"),
            ("1..2", "segment 2 is empty"),
            ("1.2.", "segment 3 is empty"),
            ("+1.2", "segment \"+1\" is not a number"),
            ("-1", "segment \"-1\" is not a number"),
            ("4294967296.0", "larger than 4294967295"),
            ("1.2.3.4.5", "more than 4 segments"),
            (" 1.2", "not a number"),
        ];
        for (text, expected) in cases {
            let message = match Version::parse(text) {
                Ok(version) => panic!("{text:?} parsed as {version}"),
                Err(error) => error.to_string(),
            };
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(message.contains(&format!("\"{text}\"")), "{message}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let version: Version = serde_json::from_str("\"2.10.4\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(version, v("2.10.4"));
        assert_eq!(
            serde_json::to_string(&version).ok().as_deref(),
            Some("\"2.10.4\"")
        );
        let error = serde_json::from_str::<Version>("\"2.x\"")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|m| m.contains("not a number")));
    }
}
