//! Parsing the `errMsg` discriminant of callback-style APIs.

use std::fmt;

/// What an `errMsg` says about a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrMsg<'a> {
    /// `"<api>:ok"`.
    Ok,
    /// `"<api>:fail <detail>"` or `"<api>:fail:<detail>"`; `detail` may be empty.
    Fail {
        /// The platform's explanation, trimmed.
        detail: &'a str,
    },
    /// `"<api>:cancel"`: the user dismissed the dialog.
    Cancel,
}

impl<'a> ErrMsg<'a> {
    /// Parses `message` as the `errMsg` of a call to `api` (`getUserInfo`).
    ///
    /// The forms are exact, as the schemas' patterns state them
    /// (`^getUserInfo:ok$`, `^getUserInfo:(fail([ :][\s\S]*)?|cancel)$`):
    /// no whitespace around the name or the status, which the platforms
    /// never send and a JSON Schema validator would refuse.
    ///
    /// ```
    /// # extern crate mpkit_runtime as mpkit;
    /// use mpkit::ErrMsg;
    ///
    /// assert_eq!(ErrMsg::parse("getUserInfo:ok", "getUserInfo"), Ok(ErrMsg::Ok));
    /// assert_eq!(
    ///     ErrMsg::parse("getUserInfo:fail auth deny", "getUserInfo"),
    ///     Ok(ErrMsg::Fail { detail: "auth deny" })
    /// );
    /// assert!(ErrMsg::parse("getUserProfile:ok", "getUserInfo").is_err());
    /// assert!(ErrMsg::parse("getUserInfo: ok", "getUserInfo").is_err());
    /// ```
    ///
    /// # Errors
    /// [`ErrMsgError`] when the message has no `<api>:` prefix, names another
    /// API, or has a status other than ok, fail or cancel.
    pub fn parse(message: &'a str, api: &str) -> Result<Self, ErrMsgError> {
        let error = |problem| ErrMsgError {
            message: message.to_owned(),
            expected_api: api.to_owned(),
            problem,
        };
        let Some((named, status)) = message.split_once(':') else {
            return Err(error(ErrMsgProblem::NoSeparator));
        };
        if named != api {
            return Err(error(ErrMsgProblem::OtherApi(named.to_owned())));
        }
        match status {
            "ok" => return Ok(ErrMsg::Ok),
            "cancel" => return Ok(ErrMsg::Cancel),
            _ => {}
        }
        if let Some(rest) = status.strip_prefix("fail") {
            if rest.is_empty() || rest.starts_with([':', ' ']) {
                // The detail is what follows the one separator, trimmed:
                // "fail auth deny" and "fail:auth deny" say the same.
                return Ok(ErrMsg::Fail {
                    detail: rest[rest.len().min(1)..].trim(),
                });
            }
        }
        Err(error(ErrMsgProblem::UnknownStatus))
    }

    /// Whether `message` reports that the call to `api` succeeded: the same
    /// answer as `matches!(ErrMsg::parse(message, api), Ok(ErrMsg::Ok))`,
    /// without the general parse, for the check every decoded success makes.
    ///
    /// ```
    /// # extern crate mpkit_runtime as mpkit;
    /// use mpkit::ErrMsg;
    ///
    /// assert!(ErrMsg::is_ok("getUserInfo:ok", "getUserInfo"));
    /// assert!(!ErrMsg::is_ok("getUserInfo: ok", "getUserInfo"));
    /// assert!(!ErrMsg::is_ok("getUserInfo:fail auth deny", "getUserInfo"));
    /// ```
    #[must_use]
    pub fn is_ok(message: &str, api: &str) -> bool {
        // `parse` splits at the first separator, so an `api` holding one
        // never matches there and must not here.
        message.strip_prefix(api) == Some(":ok") && !api.contains(':')
    }
}

/// An `errMsg` that does not follow the `"<api>:ok"` / `"<api>:fail ..."` convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrMsgError {
    message: String,
    expected_api: String,
    problem: ErrMsgProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrMsgProblem {
    NoSeparator,
    OtherApi(String),
    UnknownStatus,
}

impl fmt::Display for ErrMsgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let api = &self.expected_api;
        match &self.problem {
            ErrMsgProblem::NoSeparator => write!(
                f,
                "errMsg \"{}\" is not of the form \"{api}:ok\" or \"{api}:fail ...\"",
                self.message
            ),
            ErrMsgProblem::OtherApi(other) => write!(
                f,
                "errMsg \"{}\" is about `{other}`, but the call was to `{api}`; the reply was routed to the wrong call",
                self.message
            ),
            ErrMsgProblem::UnknownStatus => {
                write!(
                    f,
                    "errMsg \"{}\" has a status other than ok, fail or cancel",
                    self.message
                )
            }
        }
    }
}

impl std::error::Error for ErrMsgError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_forms() {
        let api = "getUserInfo";
        assert_eq!(ErrMsg::parse("getUserInfo:ok", api), Ok(ErrMsg::Ok));
        assert_eq!(
            ErrMsg::parse("getUserInfo:fail", api),
            Ok(ErrMsg::Fail { detail: "" })
        );
        assert_eq!(
            ErrMsg::parse("getUserInfo:fail auth deny", api),
            Ok(ErrMsg::Fail {
                detail: "auth deny"
            })
        );
        assert_eq!(
            ErrMsg::parse("getUserInfo:fail:auth denied", api),
            Ok(ErrMsg::Fail {
                detail: "auth denied"
            })
        );
        assert_eq!(
            ErrMsg::parse("getUserInfo:fail auth cancel", api),
            Ok(ErrMsg::Fail {
                detail: "auth cancel"
            })
        );
        assert_eq!(ErrMsg::parse("getUserInfo:cancel", api), Ok(ErrMsg::Cancel));
    }

    /// Found by the `errmsg` fuzz target: `is_ok` and `parse` must agree on
    /// API names with whitespace or a separator.
    #[test]
    fn is_ok_answers_as_parse() {
        for (message, api) in [
            ("   \u{1f}\0:ok", "   \u{1f}\0"),
            (" getUserInfo:ok", " getUserInfo"),
            ("getUserInfo :ok", "getUserInfo "),
            ("get:UserInfo:ok", "get:UserInfo"),
            ("getUserInfo :ok", "getUserInfo"),
            ("getUserInfo:ok", "getUserInfo"),
        ] {
            assert_eq!(
                ErrMsg::is_ok(message, api),
                ErrMsg::parse(message, api) == Ok(ErrMsg::Ok),
                "{message:?} {api:?}"
            );
        }
        assert!(ErrMsg::is_ok("getUserInfo:ok", "getUserInfo"));
        assert!(!ErrMsg::is_ok("getUserInfo:okay", "getUserInfo"));
    }

    /// Before, whitespace around the name or the status was trimmed, so
    /// `" getUserInfo :  ok"` (and no-break or full-width spaces) decoded as
    /// a success, which the schema's pattern refuses.
    #[test]
    fn whitespace_is_not_trimmed() {
        let api = "getUserInfo";
        for message in [
            " getUserInfo :  ok",
            "getUserInfo: ok",
            "getUserInfo:ok ",
            "getUserInfo:\u{a0}ok",
            "getUserInfo:\u{3000}ok",
            "getUserInfo\u{3000}:ok",
            "getUserInfo: fail auth deny",
            "getUserInfo:\tcancel",
        ] {
            assert!(ErrMsg::parse(message, api).is_err(), "{message:?}");
            assert!(!ErrMsg::is_ok(message, api), "{message:?}");
        }
    }

    #[test]
    fn malformed_forms_are_errors_that_say_why() {
        let api = "getUserInfo";
        let message = |text: &str| {
            ErrMsg::parse(text, api)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(message("ok").contains("is not of the form \"getUserInfo:ok\""));
        assert!(message("").contains("is not of the form"));
        assert!(
            message("getUserProfile:ok")
                .contains("is about `getUserProfile`, but the call was to `getUserInfo`")
        );
        assert!(message("getUserInfo:okay").contains("status other than ok, fail or cancel"));
        assert!(message("getUserInfo:failed").contains("status other than"));
    }
}
