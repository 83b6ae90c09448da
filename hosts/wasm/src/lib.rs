//! mpkit's [`Host`] inside a mini program: [`WasmHost`] calls the real
//! platform objects (`wx`, `tt`, `my`, an EMAS Serverless client) through
//! wasm-bindgen and js-sys.
//!
//! ```no_run
//! use mpkit::{MiniProgramApi, call};
//! use mpkit_wasm::WasmHost;
//!
//! #[derive(MiniProgramApi)]
//! #[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
//! pub struct WxGetUserInfo;
//!
//! # async fn run(wx: wasm_bindgen::JsValue) -> Result<(), Box<dyn std::error::Error>> {
//! // `wx` as the page's script sees it, passed in from JavaScript.
//! let host = WasmHost::from_object("wx", wx);
//! let options = WxGetUserInfo::options().lang(WxGetUserInfoLang::ZhCn).build()?;
//! let reply = call::<WxGetUserInfo, _>(&host, &options).await?;
//! # let _ = reply;
//! # Ok(())
//! # }
//! # fn main() {}
//! ```
//!
//! Everything platform-specific comes from the API's schema: the namespace
//! and method, the call style (callbacks, or a promise), how the
//! base-library version is read (`x-version-getters`) and what a promise
//! rejected with an `Error` means (`x-error-rejection`). The crate also
//! compiles natively, where only the parts that touch no JavaScript work.

mod dispatch;
mod getter;
mod small_map;

use std::cell::RefCell;
use std::future::Future;

use js_sys::{Function, JSON, Reflect};
use mpkit_runtime::{ApiInfo, CallStyle, Host, HostError, HostReply, Invocation, Version};
use wasm_bindgen::{JsCast, JsValue};

use dispatch::{Event, Pending, describe};
use small_map::SmallMap;

/// One root object (`wx`, `mpserverless`) as the host knows it.
#[derive(Default)]
struct Root {
    /// The object, once given or looked up.
    object: Option<JsValue>,
    /// Its base-library version, once given or read.
    version: Option<Version>,
}

/// A [`Host`] over the platform objects of a mini program.
///
/// Roots are looked up by name (the first part of an API's namespace) among
/// the objects given with [`WasmHost::with_root`] or
/// [`WasmHost::with_client`], then on the global object. Each root's version
/// is read once, synchronously, by the getters the API's schema names (or
/// given with [`WasmHost::with_version`]), and kept.
///
/// Not `Send`: it holds JavaScript values, and its calls settle on the
/// JavaScript event loop.
pub struct WasmHost {
    roots: RefCell<SmallMap<String, Root>>,
}

impl Default for WasmHost {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for WasmHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let roots = self.roots.borrow();
        let names: Vec<&String> = roots.keys().collect();
        f.debug_struct("WasmHost").field("roots", &names).finish()
    }
}

impl WasmHost {
    /// A host over the global platform objects (`wx`, `tt`, `my`, ...).
    #[must_use]
    pub fn new() -> Self {
        WasmHost {
            roots: RefCell::new(SmallMap::default()),
        }
    }

    /// A host whose root `name` is `object` (`wx` as the page's script sees
    /// it, a wrapped or simulated platform object).
    #[must_use]
    pub fn from_object(name: &str, object: JsValue) -> Self {
        Self::new().with_root(name, object)
    }

    /// Uses `object` as root `name` instead of the global of that name.
    #[must_use]
    pub fn with_root(self, name: &str, object: JsValue) -> Self {
        self.roots
            .borrow_mut()
            .get_or_insert_with(name.to_owned(), Root::default)
            .object = Some(object);
        self
    }

    /// Gives root `name` its base-library version instead of reading it.
    #[must_use]
    pub fn with_version(self, name: &str, version: Version) -> Self {
        self.roots
            .borrow_mut()
            .get_or_insert_with(name.to_owned(), Root::default)
            .version = Some(version);
        self
    }

    /// Uses `client` as root `name` with SDK version `version`: an object
    /// the app creates, such as an EMAS Serverless client
    /// (`with_client("mpserverless", client, version)`).
    #[must_use]
    pub fn with_client(self, name: &str, client: JsValue, version: Version) -> Self {
        self.with_root(name, client).with_version(name, version)
    }

    /// The calls made through any host of the program that have not been
    /// collected yet: waiting for a reply, or settled and not yet polled. A
    /// call's entry goes when its future completes or is dropped, so this
    /// falls back to zero once every call has settled or timed out; a call
    /// whose callback never fires and that has no timeout stays counted
    /// for as long as its future is kept.
    #[must_use]
    pub fn outstanding_calls() -> usize {
        dispatch::outstanding()
    }

    /// How many JavaScript functions the program has made for replies: one
    /// at most, whatever the number of hosts and calls. For the leak test.
    #[doc(hidden)]
    #[must_use]
    pub fn reply_functions_made() -> usize {
        dispatch::functions_made()
    }

    /// Root `name`: given, or the global of that name (looked up each time,
    /// so a runtime that replaces it is followed).
    fn root(&self, name: &str) -> Result<JsValue, String> {
        if let Some(object) = self
            .roots
            .borrow()
            .get(name)
            .and_then(|root| root.object.clone())
        {
            return Ok(object);
        }
        let object = Reflect::get(&js_sys::global(), &JsValue::from_str(name))
            .map_err(|error| describe(&error).1)?;
        if object.is_undefined() || object.is_null() {
            return Err(format!(
                "there is no global `{name}`; give it with `WasmHost::with_root`"
            ));
        }
        Ok(object)
    }

    /// Reads the version of `api`'s root with the schema's getters.
    fn read_version(&self, api: &ApiInfo) -> Result<Version, HostError> {
        let root = api.root();
        let failed = |reason: String| HostError::Version {
            root: root.to_owned(),
            reason,
        };
        if api.version_getters.is_empty() {
            return Err(failed(format!(
                "the schema of {} names no version getter (`x-version-getters`); give the version with `WasmHost::with_version` or `WasmHost::with_client`",
                api.full_name
            )));
        }
        let object = self.root(root).map_err(failed)?;
        let mut reasons = Vec::new();
        for getter in api.version_getters {
            match evaluate(&object, getter) {
                Ok(version) => return Ok(version),
                Err(reason) => reasons.push(format!("`{getter}` {reason}")),
            }
        }
        Err(failed(reasons.join("; ")))
    }

    /// Resolves the method, makes the call and returns its future; the
    /// synchronous part of [`Host::invoke`].
    fn start(&self, invocation: Invocation<'_>) -> Result<Pending, HostError> {
        let api = invocation.api;
        let missing = || HostError::MissingMethod {
            path: api.full_name.to_owned(),
        };
        let mut this = self.root(api.root()).map_err(|_| missing())?;
        for part in api.namespace.split('.').skip(1) {
            this = member(&this, part).ok_or_else(missing)?;
        }
        let method = member(&this, api.method)
            .and_then(|method| method.dyn_into::<Function>().ok())
            .ok_or_else(missing)?;
        let options = JSON::parse(invocation.options)
            .ok()
            // An array is an object to JavaScript, not an options object.
            .filter(|options| options.is_object() && !js_sys::Array::is_array(options))
            .ok_or_else(|| HostError::Bridge {
                // The length, not the text: options can carry what a user
                // typed, which messages and logs do not repeat.
                reason: format!(
                    "the options ({} bytes of text) are not a JSON object; an `ApiOptions` impl must write one",
                    invocation.options.len()
                ),
            })?;
        let pending = dispatch::register(invocation.timeout)?;
        dispatch::start_timer(&pending)?;
        match api.call_style {
            CallStyle::Callback | CallStyle::CallbackOrPromise => {
                for (name, event) in [
                    ("success", Event::Success),
                    ("fail", Event::Fail),
                    ("complete", Event::Complete),
                ] {
                    let callback = dispatch::callback(&pending, event)?;
                    Reflect::set(&options, &JsValue::from_str(name), &callback).map_err(threw)?;
                }
                method.call1(&this, &options).map_err(threw)?;
            }
            CallStyle::Promise => {
                let returned = method.call1(&this, &options).map_err(threw)?;
                let then = member(&returned, "then")
                    .and_then(|then| then.dyn_into::<Function>().ok())
                    .ok_or_else(|| HostError::Bridge {
                        reason: format!("{} returned no promise", api.full_name),
                    })?;
                let resolve = dispatch::callback(&pending, Event::Resolve)?;
                let reject = dispatch::callback(&pending, Event::Reject)?;
                then.call2(&returned, &resolve, &reject).map_err(threw)?;
            }
        }
        Ok(pending)
    }
}

impl Host for WasmHost {
    fn version(&self, api: &ApiInfo) -> Result<Version, HostError> {
        let root = api.root();
        if let Some(version) = self.roots.borrow().get(root).and_then(|r| r.version) {
            return Ok(version);
        }
        let version = self.read_version(api)?;
        self.roots
            .borrow_mut()
            .get_or_insert_with(root.to_owned(), Root::default)
            .version = Some(version);
        Ok(version)
    }

    fn invoke<'a>(
        &'a self,
        invocation: Invocation<'a>,
    ) -> impl Future<Output = Result<HostReply, HostError>> + 'a {
        let started = self.start(invocation);
        async move { started?.await }
    }
}

/// Member `name` of `object`, when it has one that is not `undefined`.
fn member(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn threw(error: JsValue) -> HostError {
    let (name, message) = describe(&error);
    HostError::Threw { name, message }
}

/// Evaluates version getter `getter` on `object`.
fn evaluate(object: &JsValue, getter: &str) -> Result<Version, String> {
    let mut current = object.clone();
    for step in getter::parse(getter)? {
        let value = member(&current, step.name)
            .ok_or_else(|| format!("found no member `{}`", step.name))?;
        current = if step.call {
            let function = value
                .dyn_into::<Function>()
                .map_err(|_| format!("`{}` is not a function", step.name))?;
            function
                .call0(&current)
                .map_err(|error| format!("threw {}", describe(&error).1))?
        } else {
            value
        };
    }
    let text = current
        .as_string()
        .ok_or_else(|| "gave no string".to_owned())?;
    Version::parse(&text).map_err(|error| format!("gave {text:?}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mpkit_runtime::{ErrorRejection, Outcome};

    const INFO: ApiInfo = ApiInfo {
        platform: "mpserverless",
        platform_name: "EMAS Serverless",
        namespace: "mpserverless.user",
        method: "getInfo",
        full_name: "mpserverless.user.getInfo",
        since: None,
        call_style: CallStyle::Promise,
        outcome: Outcome::SuccessFlag {
            field: "success",
            codes: &[],
        },
        version_getters: &[],
        error_rejection: ErrorRejection::Failure,
    };

    #[test]
    fn a_given_version_is_used_without_touching_javascript() {
        let host = WasmHost::new().with_version("mpserverless", Version::new(3, 1, 5));
        assert_eq!(host.version(&INFO), Ok(Version::new(3, 1, 5)));
    }

    #[test]
    fn without_a_getter_or_a_version_the_error_says_what_to_do() {
        let error = WasmHost::new().version(&INFO);
        assert!(
            matches!(&error, Err(HostError::Version { root, reason })
                if root == "mpserverless" && reason.contains("WasmHost::with_client")),
            "{error:?}"
        );
    }
}
