//! What every generated API implements, and the decoding it shares.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::depth;
use crate::errmsg::ErrMsg;
use crate::error::{CallError, DecodeKind, Requirement};
use crate::refusal::Refusal;
use crate::version::Version;

/// How an API is invoked on the JavaScript side: `x-call-style` in a
/// schema file (`"callback"`, `"promise"`, `"callback-or-promise"`), and the
/// same type in generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CallStyle {
    /// `success` / `fail` / `complete` callbacks only; no promise style.
    Callback,
    /// Returns a promise; no callbacks.
    Promise,
    /// Callbacks, or a promise when no callback is given.
    CallbackOrPromise,
}

/// How a response tells success from failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A string field `"<api>:ok"` / `"<api>:fail <detail>"`.
    ErrMsg {
        /// The field (`errMsg`).
        field: &'static str,
        /// The name inside the message (`getUserInfo`).
        api: &'static str,
        /// Fields of a failure that may carry a numeric code (`errno`, `errNo`).
        codes: &'static [&'static str],
    },
    /// A boolean field that is `true` on success.
    SuccessFlag {
        /// The field (`success`).
        field: &'static str,
        /// Fields of a failure that may carry a numeric code.
        codes: &'static [&'static str],
    },
    /// Nothing in the payload: which callback runs (`success` or `fail`)
    /// is the only sign (Baidu, Alipay). A payload decoded on its own
    /// ([`MiniProgramApi::decode`]) is read as a success; a `fail` reply is
    /// read as a failure by [`call`](crate::call).
    Callback {
        /// The failure's member with the platform's message (`errMsg`,
        /// `errorMessage`), if it has one.
        message: Option<&'static str>,
        /// Fields of a failure that may carry a numeric code (`errCode`, `error`).
        codes: &'static [&'static str],
    },
}

impl Outcome {
    /// The fields of a failure that may carry a numeric code, whatever the
    /// style.
    #[must_use]
    pub const fn codes(&self) -> &'static [&'static str] {
        match *self {
            Outcome::ErrMsg { codes, .. }
            | Outcome::SuccessFlag { codes, .. }
            | Outcome::Callback { codes, .. } => codes,
        }
    }
}

/// The static facts of one API, from its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiInfo {
    /// Platform identifier (`wechat`).
    pub platform: &'static str,
    /// The platform's name as people write it (`WeChat`).
    pub platform_name: &'static str,
    /// The JavaScript object the method hangs off (`wx`).
    pub namespace: &'static str,
    /// The method (`getUserInfo`).
    pub method: &'static str,
    /// `namespace.method` (`wx.getUserInfo`).
    pub full_name: &'static str,
    /// The minimum base library for this API in the declared context, if documented.
    pub since: Option<Version>,
    /// How it is invoked.
    pub call_style: CallStyle,
    /// How its responses tell success from failure.
    pub outcome: Outcome,
    /// How a host reads its base-library version (`x-version-getters`):
    /// expressions on the namespace's root object (`wx`), such as
    /// `getAppBaseInfo().SDKVersion`, tried in order. Empty when the schema
    /// names none; the app then gives the host the version itself (an EMAS
    /// client is an object the app creates, with its own SDK version).
    pub version_getters: &'static [&'static str],
    /// What a promise rejected with an `Error` object means (`x-error-rejection`).
    pub error_rejection: ErrorRejection,
}

/// What a promise rejected with a JavaScript `Error` object (rather than
/// with a payload) means for an API: `x-error-rejection` in a schema file,
/// and the same type in generated code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ErrorRejection {
    /// The host failed (a broken bridge, a network layer that threw):
    /// `CallError::Host`. The default.
    #[default]
    HostError,
    /// The platform's way of reporting a failure (the EMAS SDK rejects with
    /// an `Error` carrying `code` and `message`): `CallError::Failure`, whose
    /// payload holds the error's name, message and own members.
    Failure,
}

impl ApiInfo {
    /// The global object the namespace starts from: `wx` for `wx`,
    /// `mpserverless` for `mpserverless.user`.
    #[must_use]
    pub fn root(&self) -> &'static str {
        match self.namespace.split_once('.') {
            Some((root, _)) => root,
            None => self.namespace,
        }
    }

    /// Whether a host with base library `host` can call the API at all
    /// (what `wx.canIUse` answers).
    #[must_use]
    pub fn is_supported(&self, host: &Version) -> bool {
        self.since.is_none_or(|since| *host >= since)
    }
}

/// A platform API described by a schema; implemented by `#[derive(MiniProgramApi)]`.
pub trait MiniProgramApi {
    /// The API's static facts.
    const INFO: ApiInfo;
    /// The built, validated options.
    type Options: ApiOptions;
    /// What a successful call gives.
    type Success: Response + Serialize;
    /// What a failed call gives (the platform's failure payload).
    type Failure: DeserializeOwned;
    /// The JSON inside the decrypted `encryptedData`; `()` for APIs without one.
    type Encrypted: DeserializeOwned;

    /// Whether a host with base library `host` can call the API (like `wx.canIUse`).
    #[must_use]
    fn is_supported(host: &Version) -> bool {
        Self::INFO.is_supported(host)
    }

    /// Decodes a response payload given as JSON text.
    ///
    /// # Errors
    /// [`CallError::Failure`] when the payload reports a failure,
    /// [`CallError::Decode`] when it is not what the schema describes.
    fn decode(text: &str) -> Result<Self::Success, CallError> {
        decode_str::<Self::Success, Self::Failure>(&Self::INFO, text)
    }

    /// Decodes a response payload given as a JSON value.
    ///
    /// # Errors
    /// As [`MiniProgramApi::decode`].
    fn decode_value(value: Value) -> Result<Self::Success, CallError> {
        decode_value::<Self::Success, Self::Failure>(&Self::INFO, value)
    }

    /// Reads what the `fail` callback received (or a promise was rejected
    /// with), given as JSON text: always an error, as [`call`](crate::call)
    /// reports it. For an API whose payloads carry no discriminant
    /// ([`Outcome::Callback`]) this is the only way to read a failure;
    /// [`decode`](MiniProgramApi::decode) reads every payload as a success,
    /// and this reads every payload it is given as a failure: give each the
    /// payload of the callback that ran.
    ///
    /// `SwanLogin::decode_fail(r#"{"errCode":10004,"errMsg":"user not login"}"#)`
    /// is a [`CallError::Failure`] with code `Some(10004)` and detail
    /// `"user not login"`, as the schema's `x-outcome` names the members.
    fn decode_fail(text: &str) -> CallError {
        crate::host::settle_fail::<Self>(crate::host::Payload::Text(text.to_owned()))
    }

    /// Reads what the `fail` callback received, given as a JSON value.
    fn decode_fail_value(value: Value) -> CallError {
        crate::host::settle_fail::<Self>(crate::host::Payload::Value(value))
    }
}

/// Built options of an API.
///
/// Generated options write their JSON infallibly: their inherent
/// `to_json`, `to_json_string` and `write_json` return no `Result`, and
/// their [`ApiOptions::write_json`] always returns `Ok`. A hand-written
/// impl may fail; [`call`](crate::call) then reports
/// [`CallError::Options`] and invokes nothing.
pub trait ApiOptions: Serialize {
    /// Every option that is set and has a minimum base-library version.
    fn requirements(&self) -> Vec<Requirement>;

    /// Appends the options object as JSON text to `out`: exactly what the
    /// platform is given. The default serializes `self` with `serde_json`.
    ///
    /// # Errors
    /// When a value fails to serialize (never for generated options).
    fn write_json(&self, out: &mut String) -> Result<(), serde_json::Error> {
        out.push_str(&serde_json::to_string(self)?);
        Ok(())
    }
}

/// The value of a success payload's discriminant field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discriminant<'a> {
    /// An `errMsg`-style string.
    Text(&'a str),
    /// A `success`-style flag.
    Flag(bool),
}

/// A success payload type: decodable, and able to show its discriminant so a
/// payload decoded in one pass can still be checked for `"<api>:ok"`.
pub trait Response: DeserializeOwned {
    /// The discriminant field's value, when present.
    fn discriminant(&self) -> Option<Discriminant<'_>>;
}

/// Everything too new for `host`: the API itself and the options in `requirements`.
///
/// # Errors
/// [`CallError::Unsupported`] naming every item too new for the host.
pub fn check_support(
    info: &ApiInfo,
    requirements: Vec<Requirement>,
    host: Version,
) -> Result<(), CallError> {
    // The common answer, yes, allocates nothing.
    if info.is_supported(&host) && requirements.iter().all(|r| host >= r.since) {
        return Ok(());
    }
    let mut too_new = Vec::new();
    if let Some(since) = info.since.filter(|since| host < *since) {
        too_new.push(Requirement {
            item: info.full_name.into(),
            since,
        });
    }
    too_new.extend(requirements.into_iter().filter(|r| host < r.since));
    match too_new.iter().map(|r| r.since).max() {
        None => Ok(()),
        Some(required) => Err(CallError::Unsupported {
            api: info.full_name,
            required,
            host,
            too_new,
        }),
    }
}

/// What a payload's discriminant says.
enum Verdict {
    Success,
    Failure { detail: String },
}

fn decode_error(info: &ApiInfo, path: impl Into<String>, reason: impl Into<String>) -> CallError {
    decode_error_of(DecodeKind::Schema, info, path, reason)
}

pub(crate) fn decode_error_of(
    kind: DecodeKind,
    info: &ApiInfo,
    path: impl Into<String>,
    reason: impl Into<String>,
) -> CallError {
    CallError::Decode {
        platform: info.platform,
        api: info.full_name,
        path: path.into(),
        reason: reason.into(),
        kind,
    }
}

fn verdict(info: &ApiInfo, value: &Value) -> Result<Verdict, CallError> {
    if !value.is_object() {
        return Err(decode_error(
            info,
            "",
            format!("expected a JSON object, found {}", kind_of(value)),
        ));
    }
    match info.outcome {
        Outcome::ErrMsg { field, api, .. } => {
            let text = match value.get(field) {
                Some(Value::String(text)) => text,
                Some(other) => {
                    return Err(decode_error(
                        info,
                        field,
                        format!("expected a string, found {}", kind_of(other)),
                    ));
                }
                None => {
                    return Err(decode_error(
                        info,
                        field,
                        "missing; every response carries it",
                    ));
                }
            };
            match ErrMsg::parse(text, api) {
                Ok(ErrMsg::Ok) => Ok(Verdict::Success),
                Ok(ErrMsg::Fail { detail }) => Ok(Verdict::Failure {
                    detail: detail.to_owned(),
                }),
                Ok(ErrMsg::Cancel) => Ok(Verdict::Failure {
                    detail: "cancel".to_owned(),
                }),
                Err(error) => Err(decode_error(info, field, error.to_string())),
            }
        }
        Outcome::Callback { .. } => Ok(Verdict::Success),
        Outcome::SuccessFlag { field, .. } => match value.get(field) {
            Some(Value::Bool(true)) => Ok(Verdict::Success),
            Some(Value::Bool(false)) => Ok(Verdict::Failure {
                detail: String::new(),
            }),
            Some(other) => Err(decode_error(
                info,
                field,
                format!("expected a boolean, found {}", kind_of(other)),
            )),
            None => Err(decode_error(
                info,
                field,
                "missing; every response carries it",
            )),
        },
    }
}

/// The failure `payload` reports, its code read from the members the
/// schema's `x-outcome.codes` names.
pub(crate) fn failure(info: &ApiInfo, detail: String, payload: Value) -> CallError {
    let code = info
        .outcome
        .codes()
        .iter()
        .find_map(|field| payload.get(*field).and_then(integer));
    CallError::Failure {
        platform: info.platform,
        api: info.full_name,
        detail,
        code,
        payload: Box::new(payload),
    }
}

/// Decodes a response value: dispatches on the discriminant, then decodes a
/// success into `S` (errors carry the JSON path) or reports the failure,
/// once it has checked that the failure payload decodes as `F` (a payload
/// the API's `fail` schema refuses is a decode error, not a failure).
///
/// A value nested deeper than [`MAX_DEPTH`](crate::MAX_DEPTH) is refused as
/// its text would be, and dropped without recursing.
///
/// # Errors
/// As [`MiniProgramApi::decode`].
pub fn decode_value<S: DeserializeOwned, F: DeserializeOwned>(
    info: &ApiInfo,
    value: Value,
) -> Result<S, CallError> {
    if depth::exceeds_limit(&value) {
        depth::drop_flat(value);
        return Err(too_deep(info));
    }
    match verdict(info, &value)? {
        Verdict::Failure { detail } => Err(checked_failure::<F>(info, detail, value)),
        Verdict::Success => Refusal::decode_value(value)
            .map_err(|refusal| decode_error(info, refusal.path, refusal.reason)),
    }
}

/// The failure `value` reports, once it is checked to decode as `F` (a
/// payload the API's `fail` schema refuses is a decode error, not a failure).
fn checked_failure<F: DeserializeOwned>(info: &ApiInfo, detail: String, value: Value) -> CallError {
    match Refusal::check_value::<F>(&value) {
        Ok(()) => failure(info, detail, value),
        Err(refusal) => decode_error(
            info,
            refusal.path,
            format!(
                "a failure payload the API's schema does not describe: {}",
                refusal.reason
            ),
        ),
    }
}

/// Reads what a `fail` callback received for an API whose payloads carry no
/// discriminant ([`Outcome::Callback`]): always a failure, with the
/// platform's message as its detail.
///
/// The [`CallError::Failure`] it reports, or a [`CallError::Decode`] when
/// the payload is not JSON, too deep, or not what the API's `fail` schema
/// describes.
pub(crate) fn decode_callback_failure<F: DeserializeOwned>(
    info: &ApiInfo,
    payload: crate::host::Payload,
) -> CallError {
    let value = match payload.into_value() {
        Ok(value) => value,
        Err(error) if depth::is_recursion_limit(&error) => return too_deep(info),
        Err(error) => {
            return decode_error_of(
                DecodeKind::NotJson,
                info,
                "",
                format!("the fail callback's payload is not JSON: {error}"),
            );
        }
    };
    if depth::exceeds_limit(&value) {
        depth::drop_flat(value);
        return too_deep(info);
    }
    if !value.is_object() {
        return decode_error(
            info,
            "",
            format!("expected a JSON object, found {}", kind_of(&value)),
        );
    }
    // Said, not left empty, when the payload carries no message.
    let detail = match info.outcome {
        Outcome::Callback {
            message: Some(member),
            ..
        } => match value.get(member).and_then(Value::as_str) {
            Some(message) => message.to_owned(),
            None => format!("the fail callback ran; its payload has no `{member}` text"),
        },
        _ => "the fail callback ran (the API's `x-outcome` names no message member to read)"
            .to_owned(),
    };
    checked_failure::<F>(info, detail, value)
}

/// Decodes a response given as text. A success is decoded in one pass
/// straight from the text, as a hand-written serde type would be; only a
/// payload that is not a success takes the slower path through a `Value`.
///
/// A text the one-pass decoder refuses is never a success, even when its
/// `Value` would decode: parsing into a `Value` keeps only the last of two
/// members with the same name, so a duplicated member would otherwise pass
/// with one of its values silently dropped.
///
/// # Errors
/// As [`MiniProgramApi::decode`].
#[inline]
pub fn decode_str<S: Response, F: DeserializeOwned>(
    info: &ApiInfo,
    text: &str,
) -> Result<S, CallError> {
    let refused = match serde_json::from_str::<S>(text) {
        // Members kept as raw text were skipped past serde_json's depth
        // limit: measure the whole text, as the `Value` path does.
        Ok(_) if depth::take_kept_raw() && depth::text_exceeds_limit(text) => {
            return Err(too_deep(info));
        }
        Ok(success) => {
            let confirmed = match (success.discriminant(), info.outcome) {
                (Some(Discriminant::Text(text)), Outcome::ErrMsg { api, .. }) => {
                    ErrMsg::is_ok(text, api)
                }
                (Some(Discriminant::Flag(flag)), Outcome::SuccessFlag { .. }) => flag,
                // The payload cannot say; the callback that ran has.
                (_, Outcome::Callback { .. }) => true,
                _ => false,
            };
            if confirmed {
                return Ok(success);
            }
            false
        }
        Err(_) => true,
    };
    // Read member by member: with serde_json's `raw_value` on, its own
    // `Value` would reinterpret an object with a reserved member name.
    let value: Value = crate::plain::parse(text).map_err(|error| {
        if depth::is_recursion_limit(&error) {
            return too_deep(info);
        }
        decode_error_of(
            DecodeKind::NotJson,
            info,
            "",
            format!(
                "not valid JSON at line {} column {}: {error}",
                error.line(),
                error.column()
            ),
        )
    })?;
    match decode_value::<S, F>(info, value) {
        Ok(_) if refused => Err(text_error::<S>(info, text)),
        decoded => decoded,
    }
}

#[cold]
fn too_deep(info: &ApiInfo) -> CallError {
    decode_error_of(DecodeKind::TooDeep, info, "", depth::too_deep_reason())
}

/// Why the one-pass decoder refuses `text`, with the JSON path it stopped at.
#[cold]
fn text_error<S: DeserializeOwned>(info: &ApiInfo, text: &str) -> CallError {
    match Refusal::of_text::<S>(text) {
        Some(refusal) => decode_error(info, refusal.path, refusal.reason),
        // Decoding is deterministic: the first pass refused this text.
        None => decode_error(
            info,
            "",
            "refused when read as text but accepted as a JSON value",
        ),
    }
}

/// `value` as an integer, as JSON Schema counts them (`1.0` is 1).
fn integer(value: &Value) -> Option<i64> {
    use serde::Deserialize as _;
    value.as_i64().or_else(|| {
        crate::lenient::JsonInteger::deserialize(value)
            .ok()
            .map(|n| n.0)
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
