//! A call or a walk as the JavaScript loop drives it ([`crate::driver`]): each step's action as
//! JSON text in, each answer or transport failure reported back. Sans-IO, like the core's
//! `Machine` it wraps: nothing here sends, waits or reads a clock.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::time::Duration;

use modelgates_core::text::split_once;
use modelgates_core::{
    Action, HttpRequest, HttpResponse, JsonWriter, LogLine, Machine, ToJson, TransportError,
    TransportErrorKind,
};
use wasm_bindgen::prelude::*;

use crate::errors::error_text;

/// A call or a walk, its results as JSON text.
pub(crate) type TextMachine = Box<dyn Machine<Output = String>>;

/// A machine whose results are written as JSON text by `write` (which may read the machine: a
/// call's answer carries its status and headers). One driving loop then serves every machine.
pub(crate) struct AsText<M: Machine> {
    machine: M,
    write: fn(&M, M::Output) -> String,
}

impl<M: Machine> AsText<M> {
    pub(crate) fn new(machine: M, write: fn(&M, M::Output) -> String) -> Self {
        AsText { machine, write }
    }
}

impl<M: Machine> Machine for AsText<M> {
    type Output = String;

    fn next_action(&mut self, now: Duration) -> Action<String> {
        match self.machine.next_action(now) {
            Action::Send(request) => Action::Send(request),
            Action::Wait(wait) => Action::Wait(wait),
            Action::Done(result) => {
                Action::Done(result.map(|value| (self.write)(&self.machine, value)))
            }
        }
    }

    fn handle_response(&mut self, response: HttpResponse) {
        self.machine.handle_response(response);
    }

    fn handle_transport_error(&mut self, failure: TransportError) {
        self.machine.handle_transport_error(failure);
    }

    fn take_log(&mut self) -> Vec<LogLine> {
        self.machine.take_log()
    }
}

/// The machine one `drive` works on. A walk's machine outlives each batch: it stays with its
/// pager, which is busy while one is driven.
#[wasm_bindgen]
pub struct WasmMachine {
    machine: Rc<RefCell<TextMachine>>,
    busy: Option<Rc<Cell<bool>>>,
}

impl WasmMachine {
    /// A call's machine, driven once.
    pub(crate) fn call(machine: TextMachine) -> Self {
        WasmMachine {
            machine: Rc::new(RefCell::new(machine)),
            busy: None,
        }
    }

    /// A walk's machine for one batch; the pager is busy until it is dropped.
    pub(crate) fn batch(machine: Rc<RefCell<TextMachine>>, busy: Rc<Cell<bool>>) -> Self {
        busy.set(true);
        WasmMachine {
            machine,
            busy: Some(busy),
        }
    }
}

impl Drop for WasmMachine {
    fn drop(&mut self) {
        if let Some(busy) = &self.busy {
            busy.set(false);
        }
    }
}

#[wasm_bindgen]
impl WasmMachine {
    /// The next step at `now_ms` (a monotonic clock), as JSON text: the log lines written
    /// since the last step (`log`: `[[level, message], ...]`), then one of `send` (the
    /// request), `wait_ms`, `done` (the result's JSON text) or `error` (the error's
    /// description, JSON text).
    pub fn step(&self, now_ms: f64) -> String {
        // Whole nanoseconds (`as` saturates: NaN and below 0 are 0, past 584 years the most a
        // u64 holds): `Duration::try_from_secs_f64` added 275 B gzipped for the same.
        let now = Duration::from_nanos((now_ms * 1e6) as u64);
        let mut machine = self.machine.borrow_mut();
        let action = machine.next_action(now);
        let log = machine.take_log();
        let mut out = JsonWriter::default();
        let mut step = out.object();
        // `[[level, message], ...]`
        step.field("log", &log);
        match action {
            Action::Send(request) => step.field("send", &Request(&request)),
            Action::Wait(wait) => step.field("wait_ms", &(wait.as_secs_f64() * 1000.0)),
            Action::Done(Ok(text)) => step.field("done", &text),
            Action::Done(Err(error)) => step.field("error", &error_text(error)),
        }
        step.end();
        out.finish()
    }

    /// Reports the answer to the last `send`: its status (0 for an opaque redirect), its headers
    /// as `name\nvalue\nname\nvalue...` (a `Headers` object's names and values hold no line
    /// breaks) and its body.
    pub fn respond(&self, status: u16, headers: &str, body: Vec<u8>) {
        // What `headers.split('\n')` gives, by the core's byte search: `str`'s `Split` and
        // character searcher would add 700 B to the engine.
        let mut rest = Some(headers);
        let mut next = || {
            let text = rest?;
            let (item, tail) =
                split_once(text, b'\n').map_or((text, None), |(item, tail)| (item, Some(tail)));
            rest = tail;
            Some(item)
        };
        let mut pairs = Vec::new();
        while let (Some(name), Some(value)) = (next(), next()) {
            pairs.push((name.to_owned(), value.to_owned()));
        }
        self.machine
            .borrow_mut()
            .handle_response(HttpResponse::new(status, pairs, body));
    }

    /// Reports that the last `send` got no answer: `connect` (provably not sent), `timeout`
    /// or `io` (may have been sent), and what happened.
    pub fn fail(&self, kind: &str, message: String) {
        let kind = match kind {
            "connect" => TransportErrorKind::Connect,
            "timeout" => TransportErrorKind::Timeout,
            _ => TransportErrorKind::Io,
        };
        self.machine
            .borrow_mut()
            .handle_transport_error(TransportError::new(kind, message));
    }
}

/// A request as the loop sends it.
struct Request<'a>(&'a HttpRequest);

impl ToJson for Request<'_> {
    fn write_json(&self, out: &mut JsonWriter) {
        let request = self.0;
        let mut object = out.object();
        object.field("method", &request.method.as_str());
        object.field("url", &request.url);
        // `[[name, value], ...]`
        object.field("headers", &request.headers);
        object.field("body", &request.body);
        object.field(
            "timeout_ms",
            &request
                .timeout
                .map(|timeout| timeout.as_secs_f64() * 1000.0),
        );
        object.field("follow_redirects", &request.follow_redirects);
        object.end();
    }
}
