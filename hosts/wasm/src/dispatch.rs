//! How replies come back from JavaScript: one function for the whole
//! program, through which every callback, promise settlement and timer of
//! every call reports (bound to the call's id and the event), the table of
//! calls waiting for a reply, and [`Pending`], the future of one call.
//!
//! A call settles once: the first of `success`, `fail`, resolve, reject or
//! the timer wins, and anything after it (a broken bridge calling both
//! callbacks, `complete`, a timer racing a reply, a callback after the call
//! was dropped) finds no waiting call and is ignored. The JavaScript function
//! stays valid for the program's life, so a late callback never throws.
//!
//! Why one function for the program, made once: a Rust closure handed to
//! JavaScript is only freed when JavaScript's garbage collector reports it
//! through `FinalizationRegistry`, which mini-program runtimes do not all
//! have. One closure per host (or per call) would then leak one allocation
//! per host (or per call); one per program cannot grow. What a call needs
//! on the JavaScript side are bound copies of that function
//! (`Function.prototype.bind`), plain JavaScript objects the collector frees
//! with the options object that holds them. A call's entry in the table is
//! removed when its future collects the reply or is dropped.

use std::cell::{Cell, OnceCell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use js_sys::{Function, JSON, Object, Reflect};
use mpkit_runtime::{HostError, HostReply, JsError, Payload};
use wasm_bindgen::JsCast;

use crate::small_map::SmallMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The runtime's `setTimeout`, named as the glue's scope names it (mini
    /// programs provide it as a global binding, not always on `globalThis`).
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, milliseconds: f64) -> Result<JsValue, JsValue>;

    /// The runtime's `clearTimeout`.
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue) -> Result<(), JsValue>;
}

/// What a bound callback reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// The `success` callback ran.
    Success = 0,
    /// The `fail` callback ran.
    Fail = 1,
    /// The `complete` callback ran: nothing new, ignored.
    Complete = 2,
    /// The promise resolved.
    Resolve = 3,
    /// The promise was rejected.
    Reject = 4,
    /// The timer fired.
    Timeout = 5,
}

impl Event {
    fn from_code(code: u32) -> Option<Event> {
        [
            Event::Success,
            Event::Fail,
            Event::Complete,
            Event::Resolve,
            Event::Reject,
            Event::Timeout,
        ]
        .into_iter()
        .find(|event| *event as u32 == code)
    }
}

/// One call waiting for its reply.
#[derive(Default)]
struct Waiting {
    reply: Option<Result<HostReply, HostError>>,
    waker: Option<Waker>,
    timer: Option<JsValue>,
    timeout: Option<Duration>,
}

/// The calls of the program that have not been collected yet.
#[derive(Default)]
struct Calls {
    waiting: RefCell<SmallMap<u32, Waiting>>,
    next: Cell<u32>,
}

thread_local! {
    /// The program's calls (WebAssembly here runs on one thread).
    static CALLS: Calls = Calls::default();
    /// The program's one dispatching function, once made.
    static FUNCTION: OnceCell<Function> = const { OnceCell::new() };
    /// How many dispatching functions were made: one at most, or closures leak.
    static FUNCTIONS_MADE: Cell<usize> = const { Cell::new(0) };
}

impl Calls {
    /// Settles call `id` with what `event` brought, unless it has settled
    /// already or is gone.
    fn deliver(&self, id: u32, event: Option<Event>, payload: &JsValue) {
        let waker = {
            let mut waiting = self.waiting.borrow_mut();
            let Some(call) = waiting.get_mut(&id) else {
                return;
            };
            if call.reply.is_some() {
                return;
            }
            let reply = match event {
                Some(Event::Success | Event::Resolve) => text(payload).map(HostReply::Success),
                Some(Event::Fail) => text(payload).map(HostReply::Fail),
                Some(Event::Reject) => rejection(payload),
                Some(Event::Timeout) => Err(HostError::TimedOut {
                    after: call.timeout.unwrap_or_default(),
                }),
                Some(Event::Complete) | None => return,
            };
            call.reply = Some(reply);
            if let Some(timer) = call.timer.take() {
                // A timer that cannot be cleared fires into a settled call.
                let _ = clear_timeout(&timer);
            }
            call.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// The calls made and not yet collected (waiting for a reply, or settled
/// and not yet polled), across every host of the program.
pub(crate) fn outstanding() -> usize {
    CALLS
        .try_with(|calls| calls.waiting.borrow().len())
        .unwrap_or(0)
}

/// How many dispatching functions the program has made (one at most).
pub(crate) fn functions_made() -> usize {
    FUNCTIONS_MADE.try_with(Cell::get).unwrap_or(0)
}

/// The program's dispatching function, made on first use.
fn function() -> Result<Function, HostError> {
    let made = FUNCTION.try_with(|cell| {
        cell.get_or_init(|| {
            let closure = Closure::<dyn FnMut(u32, u32, JsValue)>::new(
                |id: u32, code: u32, payload: JsValue| {
                    // Gone only while the thread shuts down: nothing to settle.
                    let _ =
                        CALLS.try_with(|calls| calls.deliver(id, Event::from_code(code), &payload));
                },
            );
            let _ = FUNCTIONS_MADE.try_with(|made| made.set(made.get().saturating_add(1)));
            // Kept for the program's life: see the module's header.
            closure.into_js_value().unchecked_into::<Function>()
        })
        .clone()
    });
    made.map_err(|_| shutting_down())
}

fn shutting_down() -> HostError {
    HostError::Bridge {
        reason: "the program's call table is gone (the thread is shutting down)".to_owned(),
    }
}

/// Registers a call that gives up after `timeout`.
///
/// # Errors
/// [`HostError::Bridge`] while the thread shuts down.
pub(crate) fn register(timeout: Option<Duration>) -> Result<Pending, HostError> {
    CALLS
        .try_with(|calls| {
            let mut waiting = calls.waiting.borrow_mut();
            // Skips ids still in use after the counter wraps around.
            let mut id = calls.next.get();
            while waiting.get(&id).is_some() {
                id = id.wrapping_add(1);
            }
            calls.next.set(id.wrapping_add(1));
            waiting.get_or_insert_with(id, || Waiting {
                timeout,
                ..Waiting::default()
            });
            Pending { id }
        })
        .map_err(|_| shutting_down())
}

/// A JavaScript function that reports `event` of `pending`'s call.
///
/// # Errors
/// [`HostError::Bridge`] while the thread shuts down.
pub(crate) fn callback(pending: &Pending, event: Event) -> Result<Function, HostError> {
    Ok(function()?
        .bind2(
            &JsValue::NULL,
            &JsValue::from(pending.id),
            &JsValue::from(event as u32),
        )
        .unchecked_into::<Function>())
}

/// Starts the timer of `pending`'s call, if it has a timeout.
///
/// # Errors
/// [`HostError::Bridge`] when the runtime has no working `setTimeout`.
pub(crate) fn start_timer(pending: &Pending) -> Result<(), HostError> {
    let timeout = pending.with(|call| call.timeout).flatten();
    let Some(timeout) = timeout else {
        return Ok(());
    };
    let handler = callback(pending, Event::Timeout)?;
    // Milliseconds as JavaScript numbers count them (exact below 2^53).
    let milliseconds = timeout.as_secs_f64() * 1000.0;
    let timer = set_timeout(&handler, milliseconds).map_err(|error| HostError::Bridge {
        reason: format!(
            "cannot time the call out: setTimeout failed ({})",
            describe(&error).1
        ),
    })?;
    pending.with(|call| call.timer = Some(timer));
    Ok(())
}

/// The future of one call: ready when the call has settled. Dropping it
/// forgets the call (a later callback is ignored) and stops its timer.
pub(crate) struct Pending {
    id: u32,
}

impl Pending {
    /// Runs `f` on this call's entry, if it is still there.
    fn with<T>(&self, f: impl FnOnce(&mut Waiting) -> T) -> Option<T> {
        CALLS
            .try_with(|calls| calls.waiting.borrow_mut().get_mut(&self.id).map(f))
            .ok()
            .flatten()
    }
}

impl Future for Pending {
    type Output = Result<HostReply, HostError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let polled = CALLS.try_with(|calls| {
            let mut waiting = calls.waiting.borrow_mut();
            let Some(call) = waiting.get_mut(&self.id) else {
                return Poll::Ready(Err(HostError::Bridge {
                    reason: "the call's record was lost".to_owned(),
                }));
            };
            match call.reply.take() {
                Some(reply) => {
                    waiting.remove(&self.id);
                    Poll::Ready(reply)
                }
                None => {
                    call.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        });
        polled.unwrap_or_else(|_| Poll::Ready(Err(shutting_down())))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let removed = CALLS
            .try_with(|calls| calls.waiting.borrow_mut().remove(&self.id))
            .ok()
            .flatten();
        if let Some(timer) = removed.and_then(|call| call.timer) {
            let _ = clear_timeout(&timer);
        }
    }
}

/// A payload as JSON text (`JSON.stringify`; `undefined` becomes `null`).
fn text(payload: &JsValue) -> Result<Payload, HostError> {
    match JSON::stringify(payload) {
        Ok(text) => Ok(Payload::Text(
            text.as_string().unwrap_or_else(|| "null".to_owned()),
        )),
        Err(error) => Err(HostError::Bridge {
            reason: format!(
                "the reply cannot be written as JSON: {}",
                describe(&error).1
            ),
        }),
    }
}

/// A rejection: an `Error` object is reported as such (the API's schema
/// says what it means), any other value is the failure payload.
fn rejection(reason: &JsValue) -> Result<HostReply, HostError> {
    let Some(error) = reason.dyn_ref::<js_sys::Error>() else {
        return text(reason).map(HostReply::Fail);
    };
    let (name, message) = describe(reason);
    // `name` and `message` are not own enumerable members of an Error.
    let copy = Object::assign(&Object::new(), error);
    let _ = Reflect::set(&copy, &"name".into(), &JsValue::from_str(&name));
    let _ = Reflect::set(&copy, &"message".into(), &JsValue::from_str(&message));
    Ok(HostReply::Rejected(JsError {
        name,
        message,
        payload: text(&copy)?,
    }))
}

/// A thrown or rejected value as `(name, message)`.
pub(crate) fn describe(value: &JsValue) -> (String, String) {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return (String::from(error.name()), String::from(error.message()));
    }
    if let Some(text) = value.as_string() {
        return (String::new(), text);
    }
    let shown = JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "a value that is neither an Error, a string nor JSON".to_owned());
    (String::new(), shown)
}
