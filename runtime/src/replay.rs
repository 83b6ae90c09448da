//! A host that serves recorded payloads and records the calls it receives.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

use crate::api::CallStyle;
use crate::host::{Host, HostReply, Invocation};
use crate::version::Version;

/// One call a [`ReplayHost`] received.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCall {
    /// `wx.getUserInfo`.
    pub api: &'static str,
    /// The call style it was made in.
    pub style: CallStyle,
    /// The options object it was given.
    pub options: Value,
}

/// A [`Host`] for tests and examples: it reports a fixed base-library
/// version, answers each API with the replies queued for it (in order), and
/// records every call it receives.
///
/// ```
/// use mpkit_runtime::{HostReply, ReplayHost, Version};
///
/// let host = ReplayHost::new(Version::new(2, 10, 4))
///     .reply("wx.getUserInfo", HostReply::Fail(serde_json::json!({ "errMsg": "getUserInfo:fail auth deny" })));
/// assert!(host.calls().is_empty());
/// ```
#[derive(Debug)]
pub struct ReplayHost {
    version: Version,
    replies: Mutex<HashMap<String, Vec<HostReply>>>,
    calls: Mutex<Vec<RecordedCall>>,
}

impl ReplayHost {
    /// A host with base library `version` and no replies queued.
    #[must_use]
    pub fn new(version: Version) -> Self {
        ReplayHost {
            version,
            replies: Mutex::new(HashMap::new()),
            calls: Mutex::new(Vec::new()),
        }
    }

    /// Queues `reply` for the next call of `api` (`wx.getUserInfo`).
    #[must_use]
    pub fn reply(self, api: &str, reply: HostReply) -> Self {
        if let Ok(mut replies) = self.replies.lock() {
            replies.entry(api.to_owned()).or_default().push(reply);
        }
        self
    }

    /// Queues the JSON text of a recorded payload as a success reply.
    ///
    /// # Errors
    /// The parse error when `payload` is not JSON.
    pub fn reply_success_text(self, api: &str, payload: &str) -> Result<Self, serde_json::Error> {
        Ok(self.reply(api, HostReply::Success(serde_json::from_str(payload)?)))
    }

    /// Queues the JSON text of a recorded payload as a fail reply.
    ///
    /// # Errors
    /// The parse error when `payload` is not JSON.
    pub fn reply_fail_text(self, api: &str, payload: &str) -> Result<Self, serde_json::Error> {
        Ok(self.reply(api, HostReply::Fail(serde_json::from_str(payload)?)))
    }

    /// The calls received so far, in order.
    #[must_use]
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.calls
            .lock()
            .map(|calls| calls.clone())
            .unwrap_or_default()
    }
}

impl Host for ReplayHost {
    fn version(&self) -> Version {
        self.version
    }

    async fn invoke(&self, invocation: Invocation<'_>) -> Result<HostReply, String> {
        let api = invocation.api.full_name;
        if let Ok(mut calls) = self.calls.lock() {
            calls.push(RecordedCall {
                api,
                style: invocation.api.call_style,
                options: invocation.options.clone(),
            });
        }
        let mut replies = self
            .replies
            .lock()
            .map_err(|_| "the replay host's state is poisoned".to_owned())?;
        match replies.get_mut(api) {
            Some(queue) if !queue.is_empty() => Ok(queue.remove(0)),
            _ => Err(format!("ReplayHost has no reply queued for {api}")),
        }
    }
}
