//! The core's `Call` state machine as a Python object. The package drives it once for the sync
//! client and once for the async one:
//!
//! ```python
//! while True:
//!     action = call.next_action(time.monotonic())
//!     if isinstance(action, Send): ...send it, then call.handle_response(...) or
//!                                     call.handle_transport_error(...)
//!     elif isinstance(action, Wait): time.sleep(action.seconds)
//!     else: return action.value   # Done; a failed call raises from next_action instead
//! ```

use std::time::Duration;

use modelgates_core::{
    Action, HttpRequest, HttpResponse, LogLevel, LogLine, Machine, ResponseInfo, TransportError,
    TransportErrorKind,
};
use pyo3::BoundObject;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::to_py_err;

/// Every result type (and the walk) behind one Python class.
trait ErasedCall: Send + Sync {
    fn next_action(&mut self, py: Python<'_>, now: Duration) -> PyResult<Py<PyAny>>;
    fn handle_response(&mut self, response: HttpResponse);
    fn handle_transport_error(&mut self, failure: TransportError);
    fn take_log(&mut self) -> Vec<LogLine>;
    fn response(&self) -> Option<&ResponseInfo>;
    fn begin_drive(&mut self);
}

impl<M> ErasedCall for M
where
    M: Machine + Send + Sync + 'static,
    M::Output: for<'py> IntoPyObject<'py>,
{
    fn next_action(&mut self, py: Python<'_>, now: Duration) -> PyResult<Py<PyAny>> {
        match Machine::next_action(self, now) {
            Action::Send(request) => Ok(Py::new(py, SendAction::from(request))?.into_any()),
            Action::Wait(wait) => Ok(Py::new(
                py,
                Wait {
                    seconds: wait.as_secs_f64(),
                },
            )?
            .into_any()),
            Action::Done(Ok(value)) => {
                let value = value.into_pyobject(py).map_err(Into::into)?;
                Ok(Py::new(
                    py,
                    Done {
                        value: value.into_any().unbind(),
                    },
                )?
                .into_any())
            }
            Action::Done(Err(error)) => Err(to_py_err(error)),
        }
    }

    fn handle_response(&mut self, response: HttpResponse) {
        Machine::handle_response(self, response);
    }

    fn handle_transport_error(&mut self, failure: TransportError) {
        Machine::handle_transport_error(self, failure);
    }

    fn take_log(&mut self) -> Vec<LogLine> {
        Machine::take_log(self)
    }

    fn response(&self) -> Option<&ResponseInfo> {
        Machine::response(self)
    }

    fn begin_drive(&mut self) {
        Machine::begin_drive(self);
    }
}

/// One API call in progress, from first attempt to final result, retries included; or a walk
/// over a whole list, each drive giving its next batch (None once it is over; after an error
/// the next drive retries the failed page).
#[pyclass(module = "modelgates._native")]
pub struct Call(Box<dyn ErasedCall>);

impl Call {
    pub(crate) fn new<M>(machine: M) -> Self
    where
        M: Machine + Send + Sync + 'static,
        M::Output: for<'py> IntoPyObject<'py>,
    {
        Call(Box::new(machine))
    }
}

#[pymethods]
impl Call {
    /// Call before each drive: a walk whose last drive stopped part-way (a cancelled task, a
    /// `KeyboardInterrupt`) asks for that page again instead of failing.
    fn begin_drive(&mut self) {
        self.0.begin_drive();
    }

    /// What to do next: `Send`, `Wait` or `Done`. `now` is a monotonic clock reading in seconds.
    /// A failed call raises its `ModelGatesError` here.
    fn next_action(&mut self, py: Python<'_>, now: f64) -> PyResult<Py<PyAny>> {
        let now = Duration::try_from_secs_f64(now).map_err(|_| {
            PyValueError::new_err("now must be a finite number of seconds, 0 or more")
        })?;
        self.0.next_action(py, now)
    }

    /// Reports the response to the last `Send`: status, headers as raw (name, value) byte
    /// pairs (httpx's `response.headers.raw`, which costs no decoding), body.
    fn handle_response(
        &mut self,
        status: u16,
        headers: Vec<(Bound<'_, PyBytes>, Bound<'_, PyBytes>)>,
        body: &[u8],
    ) {
        let headers = headers
            .iter()
            .map(|(name, value)| (text(name.as_bytes()), text(value.as_bytes())))
            .collect();
        self.0
            .handle_response(HttpResponse::new(status, headers, body.to_vec()));
    }

    /// Reports that the last `Send` got no response. `kind`: `connect` (the request never
    /// left), `timeout` or `io` (it may have reached the server).
    fn handle_transport_error(&mut self, kind: &str, message: String) -> PyResult<()> {
        let kind = match kind {
            "connect" => TransportErrorKind::Connect,
            "timeout" => TransportErrorKind::Timeout,
            "io" => TransportErrorKind::Io,
            other => {
                return Err(PyValueError::new_err(format!(
                    "kind must be `connect`, `timeout` or `io`, not `{other}`"
                )));
            }
        };
        self.0
            .handle_transport_error(TransportError::new(kind, message));
        Ok(())
    }

    /// The last answer's `(status, [(name, value), ...])` (after the result: the answer it came
    /// in), or None if no answer came.
    fn response(&self) -> Option<(u16, Vec<(String, String)>)> {
        self.0
            .response()
            .map(|info| (info.status, info.headers.clone()))
    }

    /// The core's log lines since the last call of this, oldest first, as `(level, message)`
    /// with the `logging` module's level numbers (10 debug, 20 info, 30 warning).
    fn take_log(&mut self) -> Vec<(u8, String)> {
        self.0
            .take_log()
            .into_iter()
            .map(|line| {
                let level = match line.level {
                    LogLevel::Debug => 10,
                    LogLevel::Info => 20,
                    LogLevel::Warn => 30,
                };
                (level, line.message)
            })
            .collect()
    }
}

/// Header bytes as text; a byte that is not UTF-8 becomes U+FFFD (the core reads only ASCII
/// headers: Retry-After, X-Request-Id).
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Send this request, then report what came back.
#[pyclass(frozen, name = "Send", module = "modelgates._native")]
pub struct SendAction {
    /// The HTTP method.
    #[pyo3(get)]
    method: &'static str,
    /// The absolute URL.
    #[pyo3(get)]
    url: String,
    /// Header names (lowercase) and values, in order. `Authorization` carries the key:
    /// hand these to the HTTP client, never to a log.
    #[pyo3(get)]
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    /// How long this attempt may take, in seconds; None: no time limit (the client was built
    /// with `timeout=None`).
    #[pyo3(get)]
    timeout: Option<f64>,
    /// Whether the HTTP client may follow a redirect: never (the core makes a 3xx an error).
    #[pyo3(get)]
    follow_redirects: bool,
}

impl From<HttpRequest> for SendAction {
    fn from(request: HttpRequest) -> Self {
        SendAction {
            method: request.method.as_str(),
            url: request.url,
            headers: request.headers,
            body: request.body.map(String::into_bytes),
            timeout: request.timeout.map(|t| t.as_secs_f64()),
            follow_redirects: request.follow_redirects,
        }
    }
}

#[pymethods]
impl SendAction {
    /// The JSON body as bytes, or None.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.body.as_deref().map(|body| PyBytes::new(py, body))
    }

    fn __repr__(&self) -> String {
        format!(
            "Send(method={:?}, url={:?}, headers=[{} headers, authorization redacted])",
            self.method,
            self.url,
            self.headers.len()
        )
    }
}

/// Sleep this long (retry backoff), then ask again.
#[pyclass(frozen, module = "modelgates._native")]
pub struct Wait {
    /// Seconds to wait.
    #[pyo3(get)]
    seconds: f64,
}

#[pymethods]
impl Wait {
    fn __repr__(&self) -> String {
        format!("Wait(seconds={})", self.seconds)
    }
}

/// The call succeeded.
#[pyclass(frozen, module = "modelgates._native")]
pub struct Done {
    /// The result: a `Workspace`, `WorkspacePage` or `CreatedKey`.
    #[pyo3(get)]
    value: Py<PyAny>,
}

#[pymethods]
impl Done {
    fn __repr__(&self) -> String {
        "Done(...)".to_owned()
    }
}
