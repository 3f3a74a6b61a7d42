//! The browser binding of the ModelGates SDK.
//!
//! It converts, drives and maps: JSON text in (the API's snake_case field names, read by the
//! JS engine's `JSON.parse` and checked against each request's field table by the core), the
//! core's [`Call`] loop driven with `fetch` and timers by a short JavaScript loop (`driver.rs`;
//! the machine it steps, `machine.rs`; answers read by `JSON.parse` too, `json.rs`), JSON text
//! or an error description out. Every decision (validation, retries, status mapping, decoding,
//! paging) stays in `modelgates-core`.
//!
//! Values cross the boundary as JSON text rather than through serde-wasm-bindgen: a serde
//! backend would only add bytes to every page that loads the SDK. The npm package (`js/`)
//! wraps these exports in a typed, camelCase `ModelGates` class; this module is its engine,
//! not its public face.

#![deny(missing_docs)]
// `alloc` only unless the `std` feature is on (see Cargo.toml).
#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod driver;
mod errors;
pub mod js;
mod json;
mod machine;
mod options;

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use modelgates_core::input::from_json;
use modelgates_core::{Call, Client, JsonText, JsonWriter, ToJson};
use wasm_bindgen::prelude::*;

use crate::driver::Driver;
use crate::errors::error_value;
use crate::js::{AbortSignal, Promise};
pub use crate::machine::WasmMachine;
use crate::machine::{AsText, TextMachine};

/// Without `std`, a panic traps and nothing formats its message: a panic is a bug, which
/// JavaScript sees as a `RuntimeError` (the call's promise rejects with it).
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

// Single-threaded wasm (no `atomics`), as the engine is built.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A ModelGates client: one configuration, shared by every call it makes.
#[wasm_bindgen]
pub struct WasmClient {
    client: Client,
    driver: Rc<Driver>,
}

#[wasm_bindgen]
impl WasmClient {
    /// Builds a client from the options as JSON text (`api_key`, `base_url`, `timeout_ms`,
    /// `retry`, `headers`), an optional `fetch` function and an optional clock object with
    /// `now()` (milliseconds) and `sleep(ms, signal)` (a promise). Throws the error
    /// description when the options are invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: &str,
        fetch: Option<js::Function>,
        clock: Option<js::Object>,
        logger: Option<js::Function>,
    ) -> Result<WasmClient, JsValue> {
        let (config, seed) = options::parse(options).map_err(error_value)?;
        let client = Client::with_json_reader(config, seed, json::read_answer)
            .map_err(|e| error_value(options::named_as_option(e)))?;
        Ok(WasmClient {
            client,
            driver: Rc::new(Driver::new(fetch, clock, logger)),
        })
    }

    /// This client with other settings for some calls: `{ timeout_ms, retry, headers }` as JSON
    /// text (headers added to the client's; retry fields left out keep the client's). Shares
    /// the key, the base URL, `fetch`, the clock and the logger.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: &str) -> Result<WasmClient, JsValue> {
        let options =
            options::parse_call_options(options, self.client.config()).map_err(error_value)?;
        let client = self
            .client
            .with_options(options)
            .map_err(|e| error_value(options::named_as_option(e)))?;
        Ok(WasmClient {
            client,
            driver: self.driver.clone(),
        })
    }

    /// Any operation by the spec's `operationId`, its input as JSON text (the endpoint's
    /// fields: path parameters, then `body` or `query`, with the API's field names); resolves
    /// to the result as JSON text. The npm package's methods are this one call.
    pub fn call(&self, operation: &str, input: &str, signal: Option<AbortSignal>) -> Promise {
        let call =
            json::read_input(input).and_then(|input| self.client.call_by_id_json(operation, input));
        self.run(call, signal)
    }

    /// A pager over a whole list: `keys` (every API key of a workspace; the filters
    /// `include_disabled`, `include_expired`, `offset`, `workspace_id` as JSON text) or
    /// `workspaces` (every workspace; `page_size` as JSON text). One export for both: each
    /// export carries its own copy of the argument and error glue.
    pub fn pager(&self, list: &str, options: &str) -> Result<WasmPager, JsValue> {
        let pager = match list {
            "keys" => json::read_input(options)
                .and_then(from_json)
                .and_then(|filters| self.client.key_pager_json(filters)),
            _ => options::page_size(options)
                .and_then(|page_size| self.client.workspace_pager_json(page_size)),
        }
        .map_err(error_value)?;
        Ok(WasmPager {
            machine: Rc::new(RefCell::new(Box::new(AsText::new(pager, |_, batch| {
                batch.to_json()
            })))),
            busy: Rc::new(Cell::new(false)),
            driver: self.driver.clone(),
        })
    }

    fn run(
        &self,
        call: Result<Call<JsonText>, modelgates_core::Error>,
        signal: Option<AbortSignal>,
    ) -> Promise {
        match call {
            Ok(call) => {
                let call = AsText::new(call, |call, value| {
                    // The result with the answer it came in, for `withResponse()`.
                    let (status, headers) = call
                        .response()
                        .map(|info| (info.status, info.headers.clone()))
                        .unwrap_or_default();
                    Answer {
                        value,
                        status,
                        headers,
                    }
                    .to_json()
                });
                self.driver.drive(WasmMachine::call(Box::new(call)), signal)
            }
            Err(error) => Promise::reject(&error_value(error)),
        }
    }
}

/// What a call resolves to: its result, and the status and headers of the answer it came in.
struct Answer<T> {
    value: T,
    status: u16,
    headers: Vec<(String, String)>,
}

impl<T: ToJson> ToJson for Answer<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        let mut object = out.object();
        object.field("value", &self.value);
        object.field("status", &i64::from(self.status));
        object.field("headers", &self.headers);
        object.end();
    }
}

/// Walks a whole list, one batch per `next` call (the core's `Pager` decides every page).
#[wasm_bindgen]
pub struct WasmPager {
    machine: Rc<RefCell<TextMachine>>,
    /// While a batch is in flight: a second `next` meanwhile is refused instead of asking for
    /// the same offset twice.
    busy: Rc<Cell<bool>>,
    driver: Rc<Driver>,
}

#[wasm_bindgen]
impl WasmPager {
    /// Fetches the next batch: resolves to its new items as JSON text (an array), or to `null`
    /// once the walk is over. After an error the walk is not over: calling `next` again
    /// retries the page that failed.
    pub fn next(&self, signal: Option<AbortSignal>) -> Promise {
        if self.busy.get() {
            return Promise::reject(&error_value(modelgates_core::Error::Internal {
                message: "the walk's next page was asked for before the last one arrived"
                    .to_owned(),
            }));
        }
        let batch = WasmMachine::batch(self.machine.clone(), self.busy.clone());
        self.driver.drive(batch, signal)
    }
}
