//! The bridge to the JavaScript host, and `call`, which runs one API call through it.

use std::future::Future;

use serde_json::Value;

use crate::api::{ApiInfo, ApiOptions, MiniProgramApi, check_support, decode_value};
use crate::error::CallError;
use crate::version::Version;

/// One call as the host must perform it.
#[derive(Debug, Clone, Copy)]
pub struct Invocation<'a> {
    /// The API, with its namespace, method and call style.
    pub api: &'a ApiInfo,
    /// The options object, callbacks excluded.
    pub options: &'a Value,
}

/// How the host's call ended: which callback ran (or how the promise settled)
/// and with what. `complete` carries nothing more, so it has no variant:
/// the bridge reports each call exactly once.
#[derive(Debug, Clone, PartialEq)]
pub enum HostReply {
    /// The `success` callback ran, or the promise resolved.
    Success(Value),
    /// The `fail` callback ran, or the promise rejected.
    Fail(Value),
}

/// The JavaScript side: a mini-program runtime (through wasm-bindgen, a
/// WebView bridge, ...) or, in tests, `ReplayHost` (feature `testing`).
pub trait Host {
    /// The host's base-library version (`wx.getSystemInfoSync().SDKVersion`).
    fn version(&self) -> Version;

    /// Performs the call in the API's call style and reports how it ended.
    ///
    /// # Errors
    /// A message when the host could not perform the call at all (the
    /// method does not exist, the bridge threw).
    fn invoke(&self, invocation: Invocation<'_>)
    -> impl Future<Output = Result<HostReply, String>>;
}

/// Calls API `A` on `host` with `options`.
///
/// Before anything is invoked, the host's version is checked against the API
/// and every option that is set; then the options are serialized, the call is
/// made in the API's call style, and the reply is decoded by the same
/// decoders as [`MiniProgramApi::decode`]. The future needs no particular
/// async runtime.
///
/// # Errors
/// [`CallError::Unsupported`] when the host is too old (nothing was invoked),
/// [`CallError::Host`] when the host could not call, [`CallError::Failure`]
/// and [`CallError::Decode`] as for decoding.
pub async fn call<A: MiniProgramApi, H: Host + ?Sized>(
    host: &H,
    options: &A::Options,
) -> Result<A::Success, CallError> {
    let info = &A::INFO;
    check_support(info, options.requirements(), host.version())?;
    let json = options.to_json();
    let reply = host
        .invoke(Invocation {
            api: info,
            options: &json,
        })
        .await
        .map_err(|reason| CallError::Host {
            api: info.full_name,
            reason,
        })?;
    match reply {
        HostReply::Success(value) => decode_value::<A::Success, A::Failure>(info, value),
        HostReply::Fail(value) => match decode_value::<A::Success, A::Failure>(info, value) {
            Err(error) => Err(error),
            // A fail callback whose payload claims success is a broken bridge.
            Ok(_) => Err(CallError::Decode {
                platform: info.platform,
                api: info.full_name,
                path: String::new(),
                reason: "the fail callback received a payload that reports success".to_owned(),
            }),
        },
    }
}
