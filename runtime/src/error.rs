//! The errors of building options and of calling an API.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::Version;
use crate::host::HostError;

/// Something that needs a newer base library than the host has: the API
/// itself, or one option of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// What needs it: `wx.getUserProfile`, or `option \`lang\``.
    pub item: Cow<'static, str>,
    /// The minimum base-library version it needs.
    pub since: Version,
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (needs {})", self.item, self.since)
    }
}

/// One thing wrong with options being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The option's name as the platform spells it (`desc`, `withCredentials`).
    pub field: Cow<'static, str>,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with one option.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A required option was not given.
    Missing,
    /// The value breaks a rule the schema states.
    Invalid {
        /// Which rule, and how the value breaks it.
        reason: String,
    },
    /// The host's base library is older than the option needs.
    Unsupported {
        /// The version the option needs.
        required: Version,
        /// The host's version.
        host: Version,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Missing => write!(f, "`{}` is required but was not set; set it", self.field),
            Problem::Invalid { reason } => write!(f, "`{}` {reason}", self.field),
            Problem::Unsupported { required, host } => write!(
                f,
                "`{}` needs base library {required}, the host has {host}; leave it unset on this host or ask the user to update",
                self.field
            ),
        }
    }
}

/// Every violation found while building one set of options.
///
/// `build()` checks all rules and reports all violations together, so one
/// round of fixes is enough.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::BuildError;
///
/// let mut error = BuildError::missing_field("desc");
/// error.push(BuildError::invalid_field("lang", "must be one of \"en\", \"zh_CN\", \"zh_TW\""));
/// assert_eq!(error.violations().len(), 2);
/// assert!(error.to_string().contains("`desc` is required"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildError {
    api: Option<&'static str>,
    violations: Vec<Violation>,
}

impl BuildError {
    /// An empty error for the options of `api`, to collect violations into.
    #[must_use]
    pub fn collect(api: &'static str) -> Self {
        BuildError {
            api: Some(api),
            violations: Vec::new(),
        }
    }

    /// A required option that was not given.
    #[must_use]
    pub fn missing_field(field: impl Into<Cow<'static, str>>) -> Self {
        Self::one(field, Problem::Missing)
    }

    /// An option whose value breaks a rule; `reason` completes "`field` ...".
    #[must_use]
    pub fn invalid_field(field: impl Into<Cow<'static, str>>, reason: impl Into<String>) -> Self {
        Self::one(
            field,
            Problem::Invalid {
                reason: reason.into(),
            },
        )
    }

    /// An option the host's base library is too old for.
    #[must_use]
    pub fn unsupported_version(
        field: impl Into<Cow<'static, str>>,
        required: Version,
        host: Version,
    ) -> Self {
        Self::one(field, Problem::Unsupported { required, host })
    }

    fn one(field: impl Into<Cow<'static, str>>, problem: Problem) -> Self {
        BuildError {
            api: None,
            violations: vec![Violation {
                field: field.into(),
                problem,
            }],
        }
    }

    /// Adds the violations of `other`.
    pub fn push(&mut self, other: BuildError) {
        self.violations.extend(other.violations);
    }

    /// The violations, in the order they were found.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether no violation was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok(value)` when nothing was found, `Err(self)` otherwise.
    ///
    /// # Errors
    /// `self`, when it holds at least one violation.
    pub fn finish<T>(self, value: T) -> Result<T, BuildError> {
        if self.violations.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        match self.api {
            Some(api) => write!(f, "{count} {noun} in the options of {api}:")?,
            None => write!(f, "{count} {noun} in the options:")?,
        }
        for violation in &self.violations {
            write!(f, "\n  - {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Why calling or decoding an API did not give its success value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CallError {
    /// The platform reported a failure (`"getUserInfo:fail auth deny"`, `success: false`).
    Failure {
        /// The platform (`wechat`).
        platform: &'static str,
        /// The API (`wx.getUserInfo`).
        api: &'static str,
        /// The platform's detail (`auth deny`); empty when it gave none.
        detail: String,
        /// The numeric error code (`errno`, `errNo`), when the platform gave one.
        code: Option<i64>,
        /// The whole failure payload, as received (boxed: it is rarely read
        /// and would otherwise make every `Result` of this error large).
        payload: Box<Value>,
    },
    /// The payload could not be decoded into the API's success type.
    Decode {
        /// The platform.
        platform: &'static str,
        /// The API.
        api: &'static str,
        /// JSON path of the offending value (`userInfo.gender`); empty for the whole payload.
        path: String,
        /// What is wrong there.
        reason: String,
        /// Which kind of problem it is, and so what to do about it.
        kind: DecodeKind,
    },
    /// The host's base library is too old for the API or for options that were set.
    Unsupported {
        /// The API.
        api: &'static str,
        /// The highest version among `too_new`.
        required: Version,
        /// The host's version.
        host: Version,
        /// Everything that is too new for the host: the API and/or options.
        too_new: Vec<Requirement>,
    },
    /// The host could not perform the call (the method is missing, it
    /// threw, it timed out, ...).
    Host {
        /// The API.
        api: &'static str,
        /// What went wrong in the host.
        error: HostError,
    },
    /// The options could not be written as JSON: only a hand-written
    /// [`ApiOptions`](crate::ApiOptions) impl can fail so. Nothing was invoked.
    Options {
        /// The API.
        api: &'static str,
        /// Why serializing failed.
        reason: String,
    },
}

/// Why a payload could not be decoded: each kind has its own remedy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeKind {
    /// The payload is JSON but not what the API's schema describes: the
    /// platform may have changed it.
    Schema,
    /// The text is not JSON at all, so it is not the platform's reply (a
    /// platform always answers with an object): whatever handed it over
    /// passed something else.
    NotJson,
    /// Nested deeper than [`MAX_DEPTH`](crate::MAX_DEPTH), as no platform's
    /// reply is.
    TooDeep,
    /// The host's bridge contradicts itself (a fail callback given a
    /// success), whatever the payload says.
    Bridge,
}

impl DecodeKind {
    /// What to do, as the end of a message.
    fn remedy(self) -> &'static str {
        match self {
            DecodeKind::Schema => "if the platform changed the payload, update the API's schema",
            DecodeKind::NotJson => {
                "the platform always answers with a JSON object, so check what reaches the decoder (a JavaScript reply is passed as `JSON.stringify(res)`)"
            }
            DecodeKind::TooDeep => "check what reaches the decoder",
            DecodeKind::Bridge => {
                "the host's bridge is at fault, not the platform: check how it calls back"
            }
        }
    }
}

impl CallError {
    /// The failure payload decoded as `F`, when this is a [`CallError::Failure`]
    /// whose payload has that shape.
    #[must_use]
    pub fn failure_payload<F: serde::de::DeserializeOwned>(&self) -> Option<F> {
        match self {
            CallError::Failure { payload, .. } => F::deserialize(payload.as_ref()).ok(),
            _ => None,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Failure {
                api, detail, code, ..
            } => {
                write!(f, "{api} failed")?;
                if !detail.is_empty() {
                    write!(f, ": {detail}")?;
                }
                if let Some(code) = code {
                    write!(f, " (error code {code})")?;
                }
                write!(
                    f,
                    "; the platform refused the call, check the user's authorization and the call's prerequisites"
                )
            }
            CallError::Decode {
                platform,
                api,
                path,
                reason,
                kind,
            } => {
                let at = if path.is_empty() {
                    "the payload".to_owned()
                } else {
                    format!("`{path}`")
                };
                write!(
                    f,
                    "cannot decode the {platform} response of {api} at {at}: {reason}; {}",
                    kind.remedy()
                )
            }
            CallError::Unsupported {
                api, host, too_new, ..
            } => unsupported(f, api, *host, too_new),
            CallError::Host { api, error } => write!(f, "the host could not call {api}: {error}"),
            CallError::Options { api, reason } => write!(
                f,
                "cannot write the options of {api} as JSON: {reason}; fix the `ApiOptions` impl of its options type"
            ),
        }
    }
}

/// The message of [`CallError::Unsupported`]. When the API itself is too
/// new, that is all there is to say: its options do not matter on a host
/// that cannot call it.
fn unsupported(
    f: &mut fmt::Formatter<'_>,
    api: &str,
    host: Version,
    too_new: &[Requirement],
) -> fmt::Result {
    if let Some(whole) = too_new.iter().find(|r| r.item == api) {
        return write!(
            f,
            "{api} is unavailable on base library {host}: it needs {}; check support before calling (`is_supported`), take another path on older hosts, or ask the user to update the app",
            whole.since
        );
    }
    let items: Vec<String> = too_new.iter().map(ToString::to_string).collect();
    write!(
        f,
        "{api}: the host's base library {host} is too old for {}; leave {} unset on this host, or set {} only after checking the version",
        items.join(", "),
        if too_new.len() == 1 { "it" } else { "them" },
        if too_new.len() == 1 { "it" } else { "them" },
    )
}

impl std::error::Error for CallError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_error_lists_every_violation() {
        let mut error = BuildError::collect("wx.getUserProfile");
        assert!(error.is_empty());
        error.push(BuildError::missing_field("desc"));
        error.push(BuildError::invalid_field(
            "lang",
            "must be one of \"en\", \"zh_CN\", \"zh_TW\", not \"fr\"",
        ));
        error.push(BuildError::unsupported_version(
            "cloudID",
            Version::new(2, 7, 0),
            Version::new(2, 6, 0),
        ));
        let shown = error.to_string();
        assert_eq!(
            shown,
            "3 problems in the options of wx.getUserProfile:\n  \
             - `desc` is required but was not set; set it\n  \
             - `lang` must be one of \"en\", \"zh_CN\", \"zh_TW\", not \"fr\"\n  \
             - `cloudID` needs base library 2.7.0, the host has 2.6.0; leave it unset on this host or ask the user to update"
        );
        assert_eq!(error.clone().finish(()), Err(error));
        assert_eq!(BuildError::collect("x").finish(5), Ok(5));
    }

    #[test]
    fn call_errors_say_what_to_do() {
        let failure = CallError::Failure {
            platform: "wechat",
            api: "wx.getUserInfo",
            detail: "auth deny".into(),
            code: Some(103),
            payload: Box::new(Value::Null),
        };
        assert!(
            failure
                .to_string()
                .starts_with("wx.getUserInfo failed: auth deny (error code 103); ")
        );
        let decode = CallError::Decode {
            platform: "douyin",
            api: "tt.getUserInfo",
            path: "userInfo.gender".into(),
            reason: "invalid type".into(),
            kind: DecodeKind::Schema,
        };
        assert!(
            decode
                .to_string()
                .contains("douyin response of tt.getUserInfo at `userInfo.gender`")
        );
        let unsupported = CallError::Unsupported {
            api: "wx.getUserProfile",
            required: Version::new(2, 10, 4),
            host: Version::new(2, 9, 0),
            too_new: vec![Requirement {
                item: "wx.getUserProfile".into(),
                since: Version::new(2, 10, 4),
            }],
        };
        assert_eq!(
            unsupported.to_string(),
            "wx.getUserProfile is unavailable on base library 2.9.0: it needs 2.10.4; check support before calling (`is_supported`), take another path on older hosts, or ask the user to update the app"
        );
        let option = CallError::Unsupported {
            api: "wx.getUserInfo",
            required: Version::new(1, 4, 0),
            host: Version::new(1, 2, 0),
            too_new: vec![Requirement {
                item: "option `lang`".into(),
                since: Version::new(1, 4, 0),
            }],
        };
        assert_eq!(
            option.to_string(),
            "wx.getUserInfo: the host's base library 1.2.0 is too old for option `lang` (needs 1.4.0); leave it unset on this host, or set it only after checking the version"
        );
        let not_json = CallError::Decode {
            platform: "wechat",
            api: "wx.getUserInfo",
            path: String::new(),
            reason: "not valid JSON at line 1 column 1".into(),
            kind: DecodeKind::NotJson,
        }
        .to_string();
        assert!(!not_json.contains("update the API's schema"), "{not_json}");
        assert!(not_json.ends_with("(a JavaScript reply is passed as `JSON.stringify(res)`)"));
    }
}
