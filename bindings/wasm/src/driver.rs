//! The core's `Call` loop for the browser, written once, in JavaScript: `fetch`, timers and the
//! caller's `AbortSignal` are JavaScript's own, and driving them from Rust (futures, `fetch`
//! bindings, request and response conversions) was about 5 KB of the gzipped engine. The loop
//! only carries out what the machine says ([`crate::machine::WasmMachine`]): every decision
//! (retries, waits, classifying an answer, paging) stays in the core.

use wasm_bindgen::prelude::*;

use crate::js::{AbortSignal, Function, Object, Promise};
use crate::machine::WasmMachine;

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

// How a failure the core never sees is described (the core describes its own errors).
const describeFailure = (kind, message) =>
  JSON.stringify({ kind, class: kind === "aborted" ? "AbortedError" : "InternalError", retryable: false, message });
const ABORTED = () => describeFailure("aborted", "the call was aborted");
// Network codes (Node's fetch puts them in `error.cause.code`) that prove nothing was sent.
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];
// `TypeError: Failed to fetch`, for the message.
const describe = (error) =>
  error instanceof Error ? String(error) : typeof error === "string" ? error : "fetch failed";

// One attempt's signal: fires when the caller aborts or the attempt's time is up. Built from one
// AbortController, not AbortSignal.any/timeout, which older browsers lack (Safari < 17.4,
// Firefox < 124, Chrome < 116).
function attemptSignal(caller, ms) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller.reason);
  const timer = ms == null ? undefined : setTimeout(() => {
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

// `work`'s outcome, or the signal's reason once it fires first: a custom fetch that drops the
// request's signal (a wrapper rebuilding the request) still ends at the attempt's timeout or the
// caller's abort. What `work` does later is ignored.
function untilAborted(work, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

// Sends one attempt and reports what came back (or why nothing did) to the machine.
async function send(machine, request, fetch, caller) {
  const attempt = attemptSignal(caller, request.timeout_ms);
  // Tells the caller's abort and the attempt's timeout apart, whichever way it surfaced.
  const failed = (error) => {
    if (caller && caller.aborted) throw ABORTED();
    const kind = attempt.timedOut() || (error && error.name === "TimeoutError") ? "timeout"
      : NOT_SENT_CODES.includes(error && error.cause && error.cause.code) ? "connect"
      // A browser does not say whether a failed request left: assume it may have.
      : "io";
    machine.fail(kind, describe(error));
  };
  try {
    let outgoing;
    try {
      outgoing = new Request(request.url, {
        method: request.method,
        // The browser sets User-Agent itself; naming it would also fail a CORS preflight.
        headers: request.headers.filter(([name]) => name !== "user-agent"),
        // The core never follows a redirect (the key would go wherever the server points): a
        // 3xx comes back as it is, in a browser as an opaque redirect with status 0, and the
        // core makes it an error.
        redirect: request.follow_redirects ? "follow" : "manual",
        body: request.body ?? undefined,
        signal: attempt.signal,
      });
    } catch (error) {
      // The Request could not even be built, so nothing left: safe to retry, even a POST.
      return machine.fail("connect", describe(error));
    }
    let raw;
    try {
      raw = await untilAborted(Promise.resolve(fetch(outgoing)), attempt.signal);
    } catch (error) {
      return failed(error);
    }
    // A custom fetch may have sent the request before resolving to something else: that proves
    // nothing about whether it was processed, so it is not `connect`.
    if (!(raw instanceof Response)) return machine.fail("io", "fetch did not resolve to a Response");
    // A redirect not followed is an opaque redirect: status 0, no headers (the core makes it an
    // error).
    const headers = [...raw.headers].flat().join("\n");
    let body;
    try {
      body = new Uint8Array(await untilAborted(raw.arrayBuffer(), attempt.signal));
    } catch (error) {
      return failed(error);
    }
    machine.respond(raw.status, headers, body);
  } finally {
    attempt.release();
  }
}

// Sends, waits and retries as the machine says, until it is done or the signal fires. Resolves
// to the result's JSON text; rejects with an error's description (JSON text).
export async function drive(machine, fetch, clock, logger, signal) {
  try {
    for (;;) {
      if (signal && signal.aborted) throw ABORTED();
      const step = JSON.parse(machine.step(clock.now()));
      // A logger that throws is ignored: logging must not change what a call does.
      if (logger) for (const [level, message] of step.log) try { logger(level, message); } catch {}
      if (step.send) {
        await send(machine, step.send, fetch, signal);
      } else if (step.wait_ms !== undefined) {
        try {
          await clock.sleep(step.wait_ms, signal);
        } catch (reason) {
          if (signal && signal.aborted) throw ABORTED();
          // A custom clock failed: a driving problem, not the server's.
          throw describeFailure("internal", `the clock's sleep failed: ${describe(reason)}`);
        }
      } else if (step.error !== undefined) {
        throw step.error;
      } else {
        return step.done;
      }
    }
  } finally {
    machine.free();
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = systemClock)]
    fn system_clock() -> Object;
    #[wasm_bindgen(js_name = globalFetch)]
    fn global_fetch() -> Function;
    #[wasm_bindgen(js_name = drive)]
    fn drive_in_js(
        machine: WasmMachine,
        fetch: &Function,
        clock: &Object,
        logger: Option<&Function>,
        signal: Option<AbortSignal>,
    ) -> Promise;
}

/// `fetch`, a clock and the logger: everything the loop needs from the outside world.
pub(crate) struct Driver {
    fetch: Function,
    /// Anything with `now()` in milliseconds and `sleep(ms, signal)` returning a promise that
    /// rejects when the signal fires.
    clock: Object,
    /// `(level, message) => void`, given the core's log lines.
    logger: Option<Function>,
}

impl Driver {
    pub(crate) fn new(
        fetch: Option<Function>,
        clock: Option<Object>,
        logger: Option<Function>,
    ) -> Self {
        Driver {
            fetch: fetch.unwrap_or_else(global_fetch),
            clock: clock.unwrap_or_else(system_clock),
            logger,
        }
    }

    /// Drives the machine to its result (its JSON text) or its error (the description).
    pub(crate) fn drive(&self, machine: WasmMachine, signal: Option<AbortSignal>) -> Promise {
        drive_in_js(
            machine,
            &self.fetch,
            &self.clock,
            self.logger.as_ref(),
            signal,
        )
    }
}
