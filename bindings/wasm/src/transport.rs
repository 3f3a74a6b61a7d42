//! One HTTP attempt over `fetch`, and the timers the retry loop waits on.
//!
//! The request is built as a `web_sys::Request` directly: gloo-net's `RequestBuilder` re-parses
//! the URL and appends `&` to a URL that already carries a query, and the core's URL must go
//! out byte for byte. The answer is read through gloo-net's `Response`.

use std::time::Duration;

use gloo_net::http::Response;
use js_sys::{Function, Object, Promise, Reflect};
use modelgates_core::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, RequestRedirect, ResponseType};

use crate::errors::Failure;

#[wasm_bindgen(inline_js = r#"
export function systemClock() {
  return {
    now: () => performance.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
      if (signal && signal.aborted) return reject(signal.reason);
      const onAbort = () => { clearTimeout(timer); reject(signal.reason); };
      const timer = setTimeout(() => {
        if (signal) signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      if (signal) signal.addEventListener("abort", onAbort, { once: true });
    }),
  };
}
export function globalFetch() { return globalThis.fetch.bind(globalThis); }
// One attempt's signal: fires when the caller aborts or the attempt's time is up. Built from one
// AbortController, not AbortSignal.any/timeout, which older browsers lack (Safari < 17.4,
// Firefox < 124, Chrome < 116).
export function attemptSignal(caller, ms) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller.reason);
  const timer = ms === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("the attempt timed out", "TimeoutError"));
  }, ms);
  if (caller) {
    if (caller.aborted) onAbort();
    else caller.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      if (caller) caller.removeEventListener("abort", onAbort);
    },
  };
}
"#)]
extern "C" {
    /// Anything with `now()` in milliseconds and `sleep(ms, signal)` returning a promise that
    /// rejects when the signal fires.
    pub(crate) type Clock;
    #[wasm_bindgen(method)]
    fn now(this: &Clock) -> f64;
    #[wasm_bindgen(method)]
    fn sleep(this: &Clock, ms: f64, signal: Option<&AbortSignal>) -> Promise;
    #[wasm_bindgen(js_name = systemClock)]
    fn system_clock() -> Clock;
    #[wasm_bindgen(js_name = globalFetch)]
    fn global_fetch() -> Function;

    /// An attempt's signal (caller's abort or time up), and whether the time ran out.
    type AttemptSignal;
    #[wasm_bindgen(js_name = attemptSignal)]
    fn attempt_signal(caller: Option<&AbortSignal>, ms: Option<f64>) -> AttemptSignal;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AttemptSignal) -> AbortSignal;
    #[wasm_bindgen(method, js_name = timedOut)]
    fn timed_out(this: &AttemptSignal) -> bool;
    #[wasm_bindgen(method)]
    fn release(this: &AttemptSignal);
}

/// Stops the attempt's timer and listener however the attempt ends (the body read included).
struct Attempt(AttemptSignal);

impl Drop for Attempt {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// Network codes (Node's fetch puts them in `error.cause.code`) that prove nothing was sent.
const NOT_SENT_CODES: [&str; 3] = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

/// `fetch` and a clock: everything the driver needs from the outside world.
pub(crate) struct Io {
    fetch: Function,
    clock: Clock,
}

impl Io {
    pub(crate) fn new(fetch: Option<Function>, clock: Option<Object>) -> Self {
        Io {
            fetch: fetch.unwrap_or_else(global_fetch),
            clock: clock.map_or_else(system_clock, JsCast::unchecked_into),
        }
    }

    /// The clock reading, as the core's monotonic `now`.
    pub(crate) fn now(&self) -> Duration {
        Duration::from_secs_f64(self.clock.now().max(0.0) / 1000.0)
    }

    /// Waits, unless the signal fires first.
    pub(crate) async fn sleep(
        &self,
        wait: Duration,
        signal: Option<&AbortSignal>,
    ) -> Result<(), Failure> {
        let slept = JsFuture::from(self.clock.sleep(wait.as_secs_f64() * 1000.0, signal)).await;
        match slept {
            Ok(_) => Ok(()),
            Err(_) if signal.is_some_and(AbortSignal::aborted) => Err(Failure::Aborted),
            // A custom clock failed: a driving problem, not the server's.
            Err(reason) => Err(Failure::Sdk(modelgates_core::Error::Internal {
                message: format!("the clock's sleep failed: {}", describe(&reason)),
            })),
        }
    }

    /// Sends one attempt. `Err(Ok(_))` is a transport failure for the core to judge;
    /// `Err(Err(Aborted))` means the caller gave up.
    pub(crate) async fn send(
        &self,
        request: &HttpRequest,
        caller: Option<&AbortSignal>,
    ) -> Result<HttpResponse, Result<TransportError, Failure>> {
        let attempt = Attempt(attempt_signal(
            caller,
            request.timeout.map(|t| t.as_secs_f64() * 1000.0),
        ));
        let signal = attempt.0.signal();
        // Tells the caller's abort and the attempt's timeout apart, whichever way it surfaced.
        let classify = |error: JsValue| -> Result<TransportError, Failure> {
            if caller.is_some_and(AbortSignal::aborted) {
                return Err(Failure::Aborted);
            }
            let kind = if attempt.0.timed_out() || error_name(&error) == "TimeoutError" {
                TransportErrorKind::Timeout
            } else if NOT_SENT_CODES.contains(&cause_code(&error).as_str()) {
                TransportErrorKind::Connect
            } else {
                // A browser does not say whether a failed request left: assume it may have.
                TransportErrorKind::Io
            };
            Ok(TransportError::new(kind, describe(&error)))
        };

        let outgoing = build(request, Some(&signal)).map_err(|e| Ok(not_sent(&e)))?;
        let answer = self
            .fetch
            .call1(&JsValue::UNDEFINED, &outgoing)
            .map(|p| JsFuture::from(Promise::resolve(&p)));
        let raw = match answer {
            Ok(pending) => pending.await,
            Err(error) => Err(error),
        }
        .map_err(classify)?;
        // A custom fetch may have sent the request before resolving to something else: that
        // proves nothing about whether it was processed, so it is not `Connect`.
        let raw: web_sys::Response = raw.dyn_into().map_err(|_| {
            Ok(TransportError::new(
                TransportErrorKind::Io,
                "fetch did not resolve to a Response",
            ))
        })?;
        // A browser hides an opaque redirect's status and headers: report status 0.
        let opaque = raw.type_() == ResponseType::Opaqueredirect;
        let response = Response::from(raw);
        let status = if opaque { 0 } else { response.status() };
        let headers = response.headers().entries().collect();
        let body = match response.binary().await {
            Ok(body) => body,
            Err(error) => {
                let error = JsValue::from_str(&error.to_string());
                return Err(classify(error));
            }
        };
        Ok(HttpResponse::new(status, headers, body))
    }
}

fn build(request: &HttpRequest, signal: Option<&AbortSignal>) -> Result<web_sys::Request, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        // The browser sets User-Agent itself; naming it would also fail a CORS preflight.
        if name != "user-agent" {
            headers.append(name, value)?;
        }
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    // The core never follows a redirect (the key would go wherever the server points): a 3xx
    // comes back as it is, in a browser as an opaque redirect with status 0, and the core
    // makes it an error.
    init.set_redirect(if request.follow_redirects {
        RequestRedirect::Follow
    } else {
        RequestRedirect::Manual
    });
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    web_sys::Request::new_with_str_and_init(&request.url, &init)
}

// The Request could not even be built, so nothing left: safe to retry, even a POST.
fn not_sent(error: &JsValue) -> TransportError {
    TransportError::new(TransportErrorKind::Connect, describe(error))
}

fn error_name(error: &JsValue) -> String {
    Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn cause_code(error: &JsValue) -> String {
    Reflect::get(error, &"cause".into())
        .and_then(|cause| Reflect::get(&cause, &"code".into()))
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default()
}

/// `TypeError: Failed to fetch`, for the message.
fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.to_string()),
        None => error
            .as_string()
            .unwrap_or_else(|| "fetch failed".to_owned()),
    }
}
