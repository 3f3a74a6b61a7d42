//! The client: one configuration, turning keyword arguments into [`Call`]s. Each method is the
//! core's method plus conversion; nothing is decided here.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use modelgates_core as core;
use modelgates_core::{Config, Error};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyMapping, PyString};

use crate::call::Call;
use crate::convert::{input_from_dict, request_from_dict, type_name};
use crate::errors::to_py_err;

/// The core's configuration and request builder.
#[pyclass(frozen, module = "modelgates._native")]
pub struct NativeClient(core::Client);

#[pymethods]
impl NativeClient {
    /// A client. `timeout`: seconds per attempt, None for no time limit (the package passes
    /// `DEFAULT_TIMEOUT` when its caller gives none). `max_retries` overrides
    /// `retry.max_retries`. `default_headers`: a mapping of extra headers. `seed` drives retry
    /// jitter (random when None). Raises `ValidationError` naming the bad setting, a wrong type
    /// included.
    #[new]
    #[pyo3(signature = (api_key, *, base_url=None, timeout=None, retry=None, max_retries=None, default_headers=None, user_agent_suffix=None, seed=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        api_key: &Bound<'_, PyAny>,
        base_url: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        retry: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        default_headers: Option<&Bound<'_, PyAny>>,
        user_agent_suffix: Option<&str>,
        seed: Option<u64>,
    ) -> PyResult<Self> {
        let mut config = Config::new(text(api_key, "api_key")?)
            .with_user_agent_suffix(user_agent_suffix.unwrap_or_default())
            .with_timeout(timeout.map(|t| seconds(t, "timeout")).transpose()?);
        if let Some(base_url) = base_url {
            config = config.with_base_url(text(base_url, "base_url")?);
        }
        let policy = retry_setting(retry, max_retries, core::RetryPolicy::default())?;
        config = config.with_retry(policy.unwrap_or_default());
        if let Some(headers) = default_headers {
            for (name, value) in header_pairs(headers)? {
                config = config.with_header(name, value);
            }
        }
        let seed = seed.unwrap_or_else(random_seed);
        core::Client::new(config, seed)
            .map(NativeClient)
            .map_err(|e| to_py_err(named_as_argument(e)))
    }

    /// The API root requests go to.
    #[getter]
    fn base_url(&self) -> String {
        self.0.config().base_url.clone()
    }

    /// The retry policy.
    #[getter]
    fn retry(&self) -> RetryPolicy {
        RetryPolicy(self.0.config().retry)
    }

    /// Seconds per attempt, or None for no time limit.
    #[getter]
    fn timeout(&self) -> Option<f64> {
        self.0.config().timeout.map(|t| t.as_secs_f64())
    }

    /// A client with other settings for some calls: `timeout` when `timeout_given` (None: no
    /// time limit), `retry` or `max_retries` (not both), `default_headers` added to the
    /// client's. Raises `ValidationError` naming a bad setting.
    #[pyo3(signature = (*, timeout_given, timeout=None, retry=None, max_retries=None, default_headers=None))]
    fn with_options(
        &self,
        timeout_given: bool,
        timeout: Option<&Bound<'_, PyAny>>,
        retry: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        default_headers: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<NativeClient> {
        let mut options = core::CallOptions::default();
        if timeout_given {
            options.timeout = Some(timeout.map(|t| seconds(t, "timeout")).transpose()?);
        }
        options.retry = retry_setting(retry, max_retries, self.0.config().retry)?;
        if let Some(headers) = default_headers {
            options.headers = header_pairs(headers)?;
        }
        self.0
            .with_options(options)
            .map(NativeClient)
            .map_err(|e| to_py_err(named_as_argument(e)))
    }

    /// A call's own `timeout` (seconds per attempt, or None for no time limit), checked by the
    /// core as the client's `timeout` is. Raises `ValidationError` naming `timeout`.
    fn attempt_timeout(&self, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<f64>> {
        let Some(timeout) = timeout else {
            return Ok(None);
        };
        let mut config = self.0.config().clone();
        config.timeout = Some(seconds(timeout, "timeout")?);
        config.validate().map_err(to_py_err)?;
        Ok(config.timeout.map(|t| t.as_secs_f64()))
    }

    /// Any operation by the spec's `operationId`; `input` holds the endpoint's fields: path
    /// parameters, then `body` or `query` (dicts of the API's field names; absent: not sent,
    /// None: sent as null). The package's methods are this one call.
    fn call(&self, operation: &str, input: &Bound<'_, PyDict>) -> PyResult<Call> {
        input_from_dict(input)
            .and_then(|input| self.0.call_by_id(operation, input))
            .map(Call::new)
            .map_err(to_py_err)
    }

    /// A walk over every workspace, driven like a call: each drive gives the next batch (a
    /// list), None once the walk is over. `fields` may hold `page_size` (1 to 100, default 100).
    #[pyo3(signature = (fields=None))]
    fn workspace_pager(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        self.pager_of(
            request_from_dict::<PagerOptions>(fields)
                .and_then(|options| self.0.workspace_pager(options.page_size)),
        )
    }

    /// A walk over every API key of a workspace, driven like a call; `fields` may hold
    /// `workspace_id`, `include_disabled`, `include_expired` and `offset` (where it starts).
    #[pyo3(signature = (fields=None))]
    fn key_pager(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        self.pager_of(request_from_dict(fields).and_then(|filters| self.0.key_pager(filters)))
    }
}

impl NativeClient {
    fn pager_of<L>(&self, pager: Result<core::Pager<L>, Error>) -> PyResult<Call>
    where
        L: core::Listing + Send + Sync + 'static,
        L::Item: for<'py> IntoPyObject<'py>,
        L::Page: Send + Sync,
    {
        pager.map(Call::new).map_err(to_py_err)
    }
}

#[derive(Default)]
struct PagerOptions {
    page_size: Option<u32>,
}

modelgates_core::from_input!(PagerOptions { required {} optional { page_size } });

/// A random jitter seed from the standard library's per-process hashing keys.
fn random_seed() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x6d67);
    hasher.finish()
}

/// A refused setting: the `ValidationError` the core raises for bad input, naming `name`.
/// The policy `retry` (a `RetryPolicy`) or `max_retries` (over `base`) give, if either is given;
/// both at once are refused.
fn retry_setting(
    retry: Option<&Bound<'_, PyAny>>,
    max_retries: Option<&Bound<'_, PyAny>>,
    base: core::RetryPolicy,
) -> PyResult<Option<core::RetryPolicy>> {
    match (retry, max_retries) {
        (Some(_), Some(_)) => Err(bad_setting(
            "max_retries",
            "give max_retries or retry, not both (RetryPolicy has its own max_retries)",
        )),
        (Some(retry), None) => {
            let policy = retry.cast::<RetryPolicy>().map_err(|_| {
                bad_setting(
                    "retry",
                    format!("must be a RetryPolicy, not `{}`", type_name(retry)),
                )
            })?;
            Ok(Some(policy.get().0))
        }
        (None, Some(max_retries)) => Ok(Some(core::RetryPolicy {
            max_retries: count(max_retries, "max_retries")?,
            ..base
        })),
        (None, None) => Ok(None),
    }
}

fn bad_setting(name: &str, problem: impl std::fmt::Display) -> PyErr {
    to_py_err(Error::InvalidInput {
        field: name.to_owned(),
        message: format!("{name}: {problem}"),
    })
}

/// A string setting. Errors never show the value: it may be the management key.
fn text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let text = value.cast::<PyString>().map_err(|_| {
        bad_setting(
            name,
            format!("must be a string, not `{}`", type_name(value)),
        )
    })?;
    text.to_cow()
        .map(|text| text.into_owned())
        .map_err(|_| bad_setting(name, "is not valid UTF-8"))
}

/// Seconds as a Duration: a finite number, 0 or more (not a bool), or a `datetime.timedelta`
/// (pandas' `Timedelta` is one) not below zero.
fn seconds(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Duration> {
    let timedelta = value.py().import("datetime")?.getattr("timedelta")?;
    let secs = if value.is_instance(&timedelta)? {
        value.call_method0("total_seconds")?.extract::<f64>()?
    } else {
        number(value, name, "a number of seconds or a timedelta")?
    };
    core::seconds(name, secs).map_err(to_py_err)
}

/// A number setting (int or float, not a bool).
fn number(value: &Bound<'_, PyAny>, name: &str, what: &str) -> PyResult<f64> {
    let wrong_type = || bad_setting(name, format!("must be {what}, not `{}`", type_name(value)));
    if value.is_instance_of::<PyBool>() {
        return Err(wrong_type());
    }
    value.extract::<f64>().map_err(|_| wrong_type())
}

/// A count setting: a whole number from 0 to 2^32 - 1 (not a bool).
fn count(value: &Bound<'_, PyAny>, name: &str) -> PyResult<u32> {
    let wrong_type = || {
        bad_setting(
            name,
            format!("must be a whole number, not `{}`", type_name(value)),
        )
    };
    if value.is_instance_of::<PyBool>() {
        return Err(wrong_type());
    }
    value
        .extract::<u32>()
        .map_err(|_| match value.extract::<i128>() {
            // Which end it is past, as the core says it of a count ("0 or more").
            Ok(whole) if whole < 0 => bad_setting(name, format!("must be 0 or more (got {whole})")),
            Ok(whole) => bad_setting(name, format!("must be {} or less (got {whole})", u32::MAX)),
            Err(_) if value.is_instance_of::<PyInt>() => {
                bad_setting(name, format!("must be from 0 to {}", u32::MAX))
            }
            Err(_) => wrong_type(),
        })
}

/// The argument that takes a client's extra headers (as in openai's package).
const HEADERS: &str = "default_headers";

/// The core names a client's extra headers `headers`; errors here name the argument.
fn named_as_argument(error: core::Error) -> core::Error {
    error.with_field_renamed("headers", HEADERS)
}

/// Extra headers (`default_headers`) from a mapping of names to string values. Errors name the
/// header, never show its value.
fn header_pairs(value: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let mapping = value.cast::<PyMapping>().map_err(|_| {
        bad_setting(
            HEADERS,
            format!(
                "must be a mapping of header names to values, not `{}`",
                type_name(value)
            ),
        )
    })?;
    let items = mapping
        .items()
        .map_err(|_| bad_setting(HEADERS, "could not be read"))?;
    let mut pairs = Vec::with_capacity(items.len());
    for item in items.iter() {
        let (name, value) = item
            .extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
            .map_err(|_| bad_setting(HEADERS, "could not be read"))?;
        let name = text(&name, HEADERS)
            .map_err(|_| bad_setting(HEADERS, "header names must be strings"))?;
        let value = text(&value, HEADERS)
            .map_err(|_| bad_setting(HEADERS, format!("the value of `{name}` must be a string")))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// How a client retries failed attempts. Every argument falls back to the SDK's default:
/// 2 retries, 0.5 s first backoff doubling up to 8 s, 30 s in all, 25 % jitter.
#[pyclass(frozen, eq, module = "modelgates._native")]
#[derive(Clone, Copy, PartialEq)]
pub struct RetryPolicy(core::RetryPolicy);

#[pymethods]
impl RetryPolicy {
    #[new]
    #[pyo3(signature = (*, max_retries=None, initial_backoff=None, max_backoff=None, max_elapsed=None, jitter=None))]
    fn new(
        max_retries: Option<&Bound<'_, PyAny>>,
        initial_backoff: Option<&Bound<'_, PyAny>>,
        max_backoff: Option<&Bound<'_, PyAny>>,
        max_elapsed: Option<&Bound<'_, PyAny>>,
        jitter: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let default = core::RetryPolicy::default();
        let or_default = |value: Option<&Bound<'_, PyAny>>, name, fallback| {
            value.map_or(Ok(fallback), |value| seconds(value, name))
        };
        let policy = core::RetryPolicy {
            max_retries: max_retries
                .map_or(Ok(default.max_retries), |value| count(value, "max_retries"))?,
            initial_backoff: or_default(
                initial_backoff,
                "initial_backoff",
                default.initial_backoff,
            )?,
            max_backoff: or_default(max_backoff, "max_backoff", default.max_backoff)?,
            max_elapsed: or_default(max_elapsed, "max_elapsed", default.max_elapsed)?,
            jitter: jitter.map_or(Ok(default.jitter), |value| {
                number(value, "jitter", "a number from 0 to 1")
            })?,
        };
        // Refused here, where the mistake is made, not later when a client is built.
        if let Some((field, problem)) = policy.problem() {
            return Err(bad_setting(field, problem));
        }
        Ok(RetryPolicy(policy))
    }

    /// Retries after the first attempt; 0 turns retries off.
    #[getter]
    fn max_retries(&self) -> u32 {
        self.0.max_retries
    }

    /// Seconds before the first retry; doubles for each retry after that.
    #[getter]
    fn initial_backoff(&self) -> f64 {
        self.0.initial_backoff.as_secs_f64()
    }

    /// The longest backoff, in seconds (a server's Retry-After may ask for longer).
    #[getter]
    fn max_backoff(&self) -> f64 {
        self.0.max_backoff.as_secs_f64()
    }

    /// No retry starts if its wait would end later than this many seconds after the first
    /// attempt began.
    #[getter]
    fn max_elapsed(&self) -> f64 {
        self.0.max_elapsed.as_secs_f64()
    }

    /// Fraction of each backoff that is randomised away (0 to 1).
    #[getter]
    fn jitter(&self) -> f64 {
        self.0.jitter
    }

    fn __repr__(&self) -> String {
        format!(
            "RetryPolicy(max_retries={}, initial_backoff={}, max_backoff={}, max_elapsed={}, jitter={})",
            self.max_retries(),
            self.initial_backoff(),
            self.max_backoff(),
            self.max_elapsed(),
            self.jitter()
        )
    }
}
