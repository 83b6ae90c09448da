//! The bridge to the JavaScript host: the [`Host`] trait and its
//! object-safe form [`DynHost`], what a host is asked ([`Invocation`]) and
//! how it answers ([`HostReply`], [`Payload`], [`JsError`], [`HostError`]),
//! and [`call`] / [`call_with_timeout`], which run one API call through it.
//!
//! Nothing here requires `Send`: a host over wasm-bindgen holds `JsValue`s,
//! which are not, and its futures run on the JavaScript event loop.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serde_json::Value;

use crate::api::{
    ApiInfo, ApiOptions, ErrorRejection, MiniProgramApi, Outcome, check_support, decode_str,
    decode_value,
};
use crate::error::{CallError, DecodeKind};
use crate::version::Version;

/// One call as the host must perform it.
#[derive(Debug, Clone, Copy)]
pub struct Invocation<'a> {
    /// The API, with its namespace, method and call style.
    pub api: &'a ApiInfo,
    /// The options object as JSON text, callbacks excluded: the host parses
    /// it (`JSON.parse`) and adds the callbacks its call style needs.
    pub options: &'a str,
    /// How long to wait for the call to settle before giving up with
    /// [`HostError::TimedOut`]; `None` waits as long as it takes.
    pub timeout: Option<Duration>,
}

/// A payload the host received: JSON text (what `JSON.stringify` gave, decoded
/// in one pass straight into the typed success) or an already parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// JSON text.
    Text(String),
    /// A JSON value.
    Value(Value),
}

impl Payload {
    /// The payload as a JSON value.
    ///
    /// # Errors
    /// The parse error when the text is not JSON.
    pub fn into_value(self) -> Result<Value, serde_json::Error> {
        match self {
            Payload::Text(text) => crate::plain::parse(&text),
            Payload::Value(value) => Ok(value),
        }
    }
}

/// A JavaScript `Error` object a promise was rejected with, as the host read it.
#[derive(Debug, Clone, PartialEq)]
pub struct JsError {
    /// Its `name` (`Error`, `TypeError`, `UnauthorizedError`); empty when it has none.
    pub name: String,
    /// Its `message`; empty when it has none.
    pub message: String,
    /// The error as a JSON object: `name`, `message` and its own enumerable
    /// members (such as the EMAS SDK's `code`).
    pub payload: Payload,
}

/// How the host's call ended: which callback ran (or how the promise
/// settled) and with what. `complete` carries nothing more, so it has no
/// variant: the bridge reports each call exactly once.
#[derive(Debug, Clone, PartialEq)]
pub enum HostReply {
    /// The `success` callback ran, or the promise resolved.
    Success(Payload),
    /// The `fail` callback ran, or the promise was rejected with a payload
    /// (a plain object, not an `Error`).
    Fail(Payload),
    /// The promise was rejected with an `Error` object. What that means is
    /// the API's [`ErrorRejection`], from its schema.
    Rejected(JsError),
}

impl HostReply {
    /// A success reply given as JSON text.
    #[must_use]
    pub fn success_text(text: impl Into<String>) -> Self {
        HostReply::Success(Payload::Text(text.into()))
    }

    /// A fail reply given as JSON text.
    #[must_use]
    pub fn fail_text(text: impl Into<String>) -> Self {
        HostReply::Fail(Payload::Text(text.into()))
    }
}

/// Why a host could not perform a call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostError {
    /// The host has no such function: `namespace.method` is missing or is
    /// not a function (another platform, an older client).
    MissingMethod {
        /// What was looked up (`wx.getUserInfo`).
        path: String,
    },
    /// The method threw when it was called.
    Threw {
        /// The thrown error's `name` (empty when it had none).
        name: String,
        /// Its `message`, or the thrown value as text.
        message: String,
    },
    /// The returned promise was rejected with an `Error` object, for an API
    /// whose schema says that is a host error.
    Rejected {
        /// The error's `name` (empty when it had none).
        name: String,
        /// Its `message`.
        message: String,
    },
    /// Neither callback ran (nor did the promise settle) within the timeout.
    TimedOut {
        /// The timeout.
        after: Duration,
    },
    /// The host's base-library version could not be read.
    Version {
        /// The root object whose version was wanted (`wx`, `mpserverless`).
        root: String,
        /// Why it could not be read.
        reason: String,
    },
    /// The bridge itself failed: options it could not parse, a reply it
    /// could not turn into JSON, a method that returned no promise.
    Bridge {
        /// What went wrong.
        reason: String,
    },
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::MissingMethod { path } => write!(
                f,
                "`{path}` is not a function on this host; the platform or its base library lacks it (check it with `canIUse` before calling)"
            ),
            HostError::Threw { name, message } => {
                write!(f, "the method threw {}", named(name, message))
            }
            HostError::Rejected { name, message } => {
                write!(f, "the promise was rejected with {}", named(name, message))
            }
            HostError::TimedOut { after } => write!(
                f,
                "the call did not settle within {} ms; the host dropped it or is still busy, try again or raise the timeout",
                after.as_millis()
            ),
            HostError::Version { root, reason } => write!(
                f,
                "cannot read the base-library version of `{root}`: {reason}"
            ),
            HostError::Bridge { reason } => write!(f, "the bridge failed: {reason}"),
        }
    }
}

fn named(name: &str, message: &str) -> String {
    match (name.is_empty(), message.is_empty()) {
        (true, _) => format!("\"{message}\""),
        (false, true) => name.to_owned(),
        (false, false) => format!("{name}: {message}"),
    }
}

impl std::error::Error for HostError {}

/// The JavaScript side: a mini-program runtime (through wasm-bindgen, a
/// WebView bridge, ...) or, in tests, `ReplayHost` (feature `testing`).
///
/// The trait is not object-safe (its `invoke` returns `impl Future`); use
/// [`DynHost`] for `dyn` hosts. Neither requires `Send`.
pub trait Host {
    /// The base-library version of the host that serves `api`: one app can
    /// hold several roots (`wx`, an EMAS client) with unrelated versions, so
    /// the answer may differ per API. Read it once and cache it.
    ///
    /// # Errors
    /// [`HostError::Version`] when the version cannot be read.
    fn version(&self, api: &ApiInfo) -> Result<Version, HostError>;

    /// Performs the call in the API's call style and reports how it ended.
    ///
    /// # Errors
    /// A [`HostError`] when the host could not perform the call.
    fn invoke<'a>(
        &'a self,
        invocation: Invocation<'a>,
    ) -> impl Future<Output = Result<HostReply, HostError>> + 'a;
}

/// A boxed host future, for [`DynHost`].
pub type BoxedReply<'a> = Pin<Box<dyn Future<Output = Result<HostReply, HostError>> + 'a>>;

/// The object-safe form of [`Host`], implemented for every host: hold a
/// `Box<dyn DynHost>` or `&dyn DynHost` and pass it to [`call`] as it is
/// (`dyn DynHost` implements [`Host`]).
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// # #[cfg(feature = "testing")] {
/// use mpkit::{DynHost, ReplayHost, Version};
///
/// let hosts: Vec<Box<dyn DynHost>> = vec![Box::new(ReplayHost::new(Version::new(3, 0, 0)))];
/// # let _ = hosts;
/// # }
/// ```
pub trait DynHost {
    /// As [`Host::version`].
    ///
    /// # Errors
    /// As [`Host::version`].
    fn dyn_version(&self, api: &ApiInfo) -> Result<Version, HostError>;

    /// As [`Host::invoke`], boxed.
    fn dyn_invoke<'a>(&'a self, invocation: Invocation<'a>) -> BoxedReply<'a>;
}

impl<H: Host> DynHost for H {
    fn dyn_version(&self, api: &ApiInfo) -> Result<Version, HostError> {
        self.version(api)
    }

    fn dyn_invoke<'a>(&'a self, invocation: Invocation<'a>) -> BoxedReply<'a> {
        Box::pin(self.invoke(invocation))
    }
}

impl Host for dyn DynHost + '_ {
    fn version(&self, api: &ApiInfo) -> Result<Version, HostError> {
        self.dyn_version(api)
    }

    fn invoke<'a>(
        &'a self,
        invocation: Invocation<'a>,
    ) -> impl Future<Output = Result<HostReply, HostError>> + 'a {
        self.dyn_invoke(invocation)
    }
}

/// Calls API `A` on `host` with `options`, waiting as long as the call takes.
///
/// Before anything is invoked, the host's version for the API is checked
/// against the API and every option that is set; then the options are
/// written as JSON text, the call is made in the API's call style, and the
/// reply is decoded by the same decoders as [`MiniProgramApi::decode`]
/// (a reply given as text straight into the typed success). The future needs
/// no particular async runtime and is not `Send`.
///
/// # Errors
/// [`CallError::Unsupported`] when the host is too old (nothing was
/// invoked), [`CallError::Options`] when a hand-written options impl cannot
/// write its JSON (nothing was invoked), [`CallError::Host`] when the host
/// could not call, [`CallError::Failure`] and [`CallError::Decode`] as for
/// decoding.
pub async fn call<A: MiniProgramApi, H: Host + ?Sized>(
    host: &H,
    options: &A::Options,
) -> Result<A::Success, CallError> {
    run::<A, H>(host, options, None).await
}

/// [`call`], giving up with [`HostError::TimedOut`] when the call has not
/// settled after `timeout` (a callback the host never runs).
///
/// # Errors
/// As [`call`].
pub async fn call_with_timeout<A: MiniProgramApi, H: Host + ?Sized>(
    host: &H,
    options: &A::Options,
    timeout: Duration,
) -> Result<A::Success, CallError> {
    run::<A, H>(host, options, Some(timeout)).await
}

async fn run<A: MiniProgramApi, H: Host + ?Sized>(
    host: &H,
    options: &A::Options,
    timeout: Option<Duration>,
) -> Result<A::Success, CallError> {
    let info = &A::INFO;
    let host_error = |error| CallError::Host {
        api: info.full_name,
        error,
    };
    let version = host.version(info).map_err(host_error)?;
    check_support(info, options.requirements(), version)?;
    let mut json = String::new();
    options
        .write_json(&mut json)
        .map_err(|error| CallError::Options {
            api: info.full_name,
            reason: error.to_string(),
        })?;
    let reply = host
        .invoke(Invocation {
            api: info,
            options: &json,
            timeout,
        })
        .await
        .map_err(host_error)?;
    settle::<A>(reply)
}

/// The typed result of a reply.
fn settle<A: MiniProgramApi>(reply: HostReply) -> Result<A::Success, CallError> {
    let info = &A::INFO;
    match reply {
        HostReply::Success(payload) => decode_payload::<A>(payload),
        HostReply::Fail(payload) => Err(settle_fail::<A>(payload)),
        HostReply::Rejected(error) => Err(rejection(info, error)),
    }
}

/// What a `fail` reply means: the failure its payload reports.
pub(crate) fn settle_fail<A: MiniProgramApi + ?Sized>(payload: Payload) -> CallError {
    let info = &A::INFO;
    if matches!(info.outcome, Outcome::Callback { .. }) {
        return crate::api::decode_callback_failure::<A::Failure>(info, payload);
    }
    match decode_payload::<A>(payload) {
        Err(error) => error,
        // A fail callback whose payload claims success is a broken bridge.
        Ok(_) => crate::api::decode_error_of(
            DecodeKind::Bridge,
            info,
            "",
            "the fail callback received a payload that reports success",
        ),
    }
}

fn decode_payload<A: MiniProgramApi + ?Sized>(payload: Payload) -> Result<A::Success, CallError> {
    match payload {
        Payload::Text(text) => decode_str::<A::Success, A::Failure>(&A::INFO, &text),
        Payload::Value(value) => decode_value::<A::Success, A::Failure>(&A::INFO, value),
    }
}

/// A promise rejected with an `Error`, as the API's schema says to read it.
fn rejection(info: &ApiInfo, error: JsError) -> CallError {
    match info.error_rejection {
        ErrorRejection::HostError => CallError::Host {
            api: info.full_name,
            error: HostError::Rejected {
                name: error.name,
                message: error.message,
            },
        },
        ErrorRejection::Failure => match error.payload.into_value() {
            Ok(payload) => crate::api::failure(info, error.message, payload),
            Err(parse) => crate::api::decode_error_of(
                DecodeKind::Bridge,
                info,
                "",
                format!("the rejection's error object is not JSON: {parse}"),
            ),
        },
    }
}
