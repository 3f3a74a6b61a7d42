//! The client: one configuration, turning keyword arguments into [`Call`]s. Each method is the
//! core's method plus conversion; nothing is decided here.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use modelgates_core as core;
use modelgates_core::{Config, Error};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::call::Call;
use crate::convert::request_from_dict;
use crate::errors::to_py_err;
use crate::pager::WorkspacePager;

/// The core's configuration and request builder.
#[pyclass(frozen, module = "modelgates._native")]
pub struct NativeClient(core::Client);

#[pymethods]
impl NativeClient {
    /// A client. `timeout`: seconds per attempt, None for the HTTP client's own default.
    /// `max_retries` overrides `retry.max_retries`. `seed` drives retry jitter (random when
    /// None). Raises `ValidationError` naming the bad setting.
    #[new]
    #[pyo3(signature = (api_key, *, base_url=None, timeout=None, retry=None, max_retries=None, headers=None, user_agent_suffix=None, seed=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        api_key: String,
        base_url: Option<String>,
        timeout: Option<f64>,
        retry: Option<&RetryPolicy>,
        max_retries: Option<u32>,
        headers: Option<Vec<(String, String)>>,
        user_agent_suffix: Option<&str>,
        seed: Option<u64>,
    ) -> PyResult<Self> {
        let mut config = Config::new(api_key)
            .with_user_agent_suffix(user_agent_suffix.unwrap_or_default())
            .with_timeout(timeout.map(seconds("timeout")).transpose()?);
        if let Some(base_url) = base_url {
            config = config.with_base_url(base_url);
        }
        let mut policy = retry.map_or_else(core::RetryPolicy::default, |r| r.0);
        if let Some(max_retries) = max_retries {
            policy.max_retries = max_retries;
        }
        config = config.with_retry(policy);
        for (name, value) in headers.unwrap_or_default() {
            config = config.with_header(name, value);
        }
        let seed = seed.unwrap_or_else(random_seed);
        core::Client::new(config, seed)
            .map(NativeClient)
            .map_err(to_py_err)
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

    /// Seconds per attempt, or None.
    #[getter]
    fn timeout(&self) -> Option<f64> {
        self.0.config().timeout.map(|t| t.as_secs_f64())
    }

    /// `POST /workspaces`; `fields` holds the body's fields by their API names.
    #[pyo3(signature = (fields=None))]
    fn create_workspace(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        build(request_from_dict(fields).and_then(|r| self.0.create_workspace(r)))
    }

    /// `GET /workspaces`: one page; `fields` holds `offset` and `limit`.
    #[pyo3(signature = (fields=None))]
    fn list_workspaces(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        build(request_from_dict(fields).and_then(|r| self.0.list_workspaces(r)))
    }

    /// `GET /workspaces/{id}` by id (UUID) or slug.
    fn get_workspace(&self, id: &str) -> PyResult<Call> {
        build(self.0.get_workspace(id))
    }

    /// `PATCH /workspaces/{id}`; `fields` holds only the fields to change (None clears).
    #[pyo3(signature = (id, fields=None))]
    fn update_workspace(&self, id: &str, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        build(request_from_dict(fields).and_then(|c| self.0.update_workspace(id, c)))
    }

    /// `POST /keys`; `fields` holds the body's fields by their API names.
    #[pyo3(signature = (fields=None))]
    fn create_key(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Call> {
        build(request_from_dict(fields).and_then(|r| self.0.create_key(r)))
    }

    /// A pager over every workspace; `fields` may hold `page_size` (1 to 100, default 100).
    #[pyo3(signature = (fields=None))]
    fn workspace_pager(&self, fields: Option<&Bound<'_, PyDict>>) -> PyResult<WorkspacePager> {
        request_from_dict::<PagerOptions>(fields)
            .and_then(|options| self.0.workspace_pager(options.page_size))
            .map(WorkspacePager::new)
            .map_err(to_py_err)
    }
}

fn build<T: crate::call::IntoModel>(call: Result<core::Call<T>, Error>) -> PyResult<Call> {
    call.map(Call::new).map_err(to_py_err)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PagerOptions {
    #[serde(default)]
    page_size: Option<u32>,
}

/// A random jitter seed from the standard library's per-process hashing keys.
fn random_seed() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x6d67);
    hasher.finish()
}

/// Seconds as a Duration, refusing negative, NaN and infinite values with a message naming
/// the setting.
fn seconds(name: &'static str) -> impl Fn(f64) -> PyResult<Duration> {
    move |value| {
        Duration::try_from_secs_f64(value).map_err(|_| {
            PyValueError::new_err(format!(
                "{name} must be a finite number of seconds, 0 or more"
            ))
        })
    }
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
        max_retries: Option<u32>,
        initial_backoff: Option<f64>,
        max_backoff: Option<f64>,
        max_elapsed: Option<f64>,
        jitter: Option<f64>,
    ) -> PyResult<Self> {
        let default = core::RetryPolicy::default();
        let or_default = |value: Option<f64>, name, fallback| {
            value
                .map(seconds(name))
                .transpose()
                .map(|v| v.unwrap_or(fallback))
        };
        Ok(RetryPolicy(core::RetryPolicy {
            max_retries: max_retries.unwrap_or(default.max_retries),
            initial_backoff: or_default(
                initial_backoff,
                "initial_backoff",
                default.initial_backoff,
            )?,
            max_backoff: or_default(max_backoff, "max_backoff", default.max_backoff)?,
            max_elapsed: or_default(max_elapsed, "max_elapsed", default.max_elapsed)?,
            jitter: jitter.unwrap_or(default.jitter),
        }))
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
