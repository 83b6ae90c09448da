//! [`ReplayHost`]: a host that serves scripted replies and records the calls
//! it receives, for tests and examples that run without JavaScript.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use crate::api::{ApiInfo, CallStyle};
use crate::host::{Host, HostError, HostReply, Invocation};
use crate::version::Version;

/// One call a [`ReplayHost`] received.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCall {
    /// `wx.getUserInfo`.
    pub api: &'static str,
    /// The call style it was made in.
    pub style: CallStyle,
    /// The options object it was given, parsed from the JSON text it received.
    pub options: Value,
    /// The timeout it was given.
    pub timeout: Option<Duration>,
}

/// What a [`ReplayHost`] does for one queued call.
#[derive(Debug, Clone)]
enum Scripted {
    Reply(HostReply),
    Error(HostError),
    /// No callback ever runs.
    Silent,
}

/// A [`Host`] for tests and examples: it reports a base-library version
/// (one for every root, or one per root), answers each API with what was
/// queued for it (in order), and records every call it receives.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::{HostReply, ReplayHost, Version};
///
/// let host = ReplayHost::new(Version::new(2, 10, 4))
///     .version_of("mpserverless", Version::new(3, 1, 5))
///     .reply("wx.getUserInfo", HostReply::fail_text(r#"{"errMsg":"getUserInfo:fail auth deny"}"#));
/// assert!(host.calls().is_empty());
/// ```
#[derive(Debug)]
pub struct ReplayHost {
    version: Version,
    versions: HashMap<String, Version>,
    script: Mutex<HashMap<String, VecDeque<Scripted>>>,
    calls: Mutex<Vec<RecordedCall>>,
}

impl ReplayHost {
    /// A host whose every root has base library `version`, with nothing queued.
    #[must_use]
    pub fn new(version: Version) -> Self {
        ReplayHost {
            version,
            versions: HashMap::new(),
            script: Mutex::new(HashMap::new()),
            calls: Mutex::new(Vec::new()),
        }
    }

    /// Gives root `root` (`wx`, `mpserverless`: the first part of a
    /// namespace) its own version.
    #[must_use]
    pub fn version_of(mut self, root: &str, version: Version) -> Self {
        self.versions.insert(root.to_owned(), version);
        self
    }

    fn queue(self, api: &str, scripted: Scripted) -> Self {
        if let Ok(mut script) = self.script.lock() {
            script
                .entry(api.to_owned())
                .or_default()
                .push_back(scripted);
        }
        self
    }

    /// Queues `reply` for the next call of `api` (`wx.getUserInfo`).
    #[must_use]
    pub fn reply(self, api: &str, reply: HostReply) -> Self {
        self.queue(api, Scripted::Reply(reply))
    }

    /// Queues the JSON text of a recorded payload as a success reply.
    #[must_use]
    pub fn reply_success_text(self, api: &str, payload: impl Into<String>) -> Self {
        self.reply(api, HostReply::success_text(payload))
    }

    /// Queues the JSON text of a recorded payload as a fail reply.
    #[must_use]
    pub fn reply_fail_text(self, api: &str, payload: impl Into<String>) -> Self {
        self.reply(api, HostReply::fail_text(payload))
    }

    /// Queues a host error for the next call of `api`.
    #[must_use]
    pub fn error(self, api: &str, error: HostError) -> Self {
        self.queue(api, Scripted::Error(error))
    }

    /// Queues a call whose callbacks never run: with a timeout it ends in
    /// [`HostError::TimedOut`], without one it never ends.
    #[must_use]
    pub fn silent(self, api: &str) -> Self {
        self.queue(api, Scripted::Silent)
    }

    /// The calls received so far, in order.
    #[must_use]
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.calls
            .lock()
            .map(|calls| calls.clone())
            .unwrap_or_default()
    }

    /// Records `invocation` and takes what is queued for it.
    fn take(&self, invocation: Invocation<'_>) -> Result<Scripted, HostError> {
        let api = invocation.api.full_name;
        let options =
            serde_json::from_str(invocation.options).map_err(|error| HostError::Bridge {
                reason: format!("the options are not JSON: {error}"),
            })?;
        if let Ok(mut calls) = self.calls.lock() {
            calls.push(RecordedCall {
                api,
                style: invocation.api.call_style,
                options,
                timeout: invocation.timeout,
            });
        }
        let mut script = self.script.lock().map_err(|_| HostError::Bridge {
            reason: "the replay host's state is poisoned".to_owned(),
        })?;
        script
            .get_mut(api)
            .and_then(VecDeque::pop_front)
            .ok_or_else(|| HostError::Bridge {
                reason: format!("ReplayHost has no reply queued for {api}"),
            })
    }
}

impl Host for ReplayHost {
    fn version(&self, api: &ApiInfo) -> Result<Version, HostError> {
        Ok(self
            .versions
            .get(api.root())
            .copied()
            .unwrap_or(self.version))
    }

    fn invoke<'a>(
        &'a self,
        invocation: Invocation<'a>,
    ) -> impl Future<Output = Result<HostReply, HostError>> + 'a {
        let taken = self.take(invocation);
        async move {
            match taken? {
                Scripted::Reply(reply) => Ok(reply),
                Scripted::Error(error) => Err(error),
                Scripted::Silent => match invocation.timeout {
                    Some(after) => Err(HostError::TimedOut { after }),
                    None => std::future::pending().await,
                },
            }
        }
    }
}
