//! The core's response models as read-only Python objects: attribute access, equality,
//! `to_dict()` (the API's field names) and a `repr` that never shows a secret. Each wraps the
//! core type itself; nothing is redefined here.

use modelgates_core as core;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::to_dict;

/// `Name(field=value, ...)` with each value as Python's `repr` shows it. Only the fields listed
/// are shown: no model lists a secret.
macro_rules! py_repr {
    ($py:expr, $name:literal, $($field:literal: $value:expr),* $(,)?) => {{
        let parts: Vec<String> = vec![
            $(format!("{}={}", $field, ($value).into_pyobject($py)?.repr()?)),*
        ];
        Ok(format!("{}({})", $name, parts.join(", ")))
    }};
}

/// The `#[pymethods]` block of a model: a getter per field, handing out a clone of the wrapped
/// core value's field (one line each), then the model's other methods.
macro_rules! model_methods {
    ($wrapper:ident { $($field:ident: $ty:ty),* $(,)? } $($methods:item)*) => {
        #[pymethods]
        impl $wrapper {
            $(
                #[doc = concat!("`", stringify!($field), "` as the API returns it.")]
                #[getter]
                fn $field(&self) -> $ty {
                    self.0.$field.clone()
                }
            )*
            $($methods)*
        }
    };
}

/// A workspace.
#[pyclass(frozen, eq, module = "modelgates._native")]
#[derive(Clone, PartialEq)]
pub struct Workspace(pub(crate) core::Workspace);

model_methods!(Workspace {
    id: String,
    name: String,
    slug: String,
    description: Option<String>,
    default_image_model: Option<String>,
    default_text_model: Option<String>,
    default_provider_sort: Option<String>,
    io_logging_api_key_ids: Option<Vec<i64>>,
    io_logging_sampling_rate: f64,
    is_data_discount_logging_enabled: bool,
    is_observability_broadcast_enabled: bool,
    is_observability_io_logging_enabled: bool,
    created_at: String,
    created_by: Option<String>,
    updated_at: Option<String>,
}
    /// The workspace as a dict with the API's field names.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let w = &self.0;
        py_repr!(py, "Workspace",
            "id": &w.id,
            "name": &w.name,
            "slug": &w.slug,
            "description": &w.description,
            "created_at": &w.created_at,
        )
    }
);

/// One page of workspaces.
#[pyclass(frozen, eq, module = "modelgates._native")]
#[derive(Clone, PartialEq)]
pub struct WorkspacePage(pub(crate) core::WorkspacePage);

#[pymethods]
impl WorkspacePage {
    /// The workspaces on this page.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        workspaces(py, self.0.data.iter().cloned())
    }

    /// How many workspaces there are in all.
    #[getter]
    fn total_count(&self) -> u64 {
        self.0.total_count
    }

    /// The page as a dict: `{"data": [...], "total_count": n}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __len__(&self) -> usize {
        self.0.data.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "WorkspacePage(data=[{} workspaces], total_count={})",
            self.0.data.len(),
            self.0.total_count
        )
    }
}

/// Workspaces as a Python list of [`Workspace`] objects.
pub(crate) fn workspaces<'py>(
    py: Python<'py>,
    items: impl IntoIterator<Item = core::Workspace>,
) -> PyResult<Bound<'py, PyList>> {
    let objects = items
        .into_iter()
        .map(|w| Bound::new(py, Workspace(w)))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

/// An API key's details (never its secret).
#[pyclass(frozen, eq, module = "modelgates._native")]
#[derive(Clone, PartialEq)]
pub struct ApiKey(pub(crate) core::ApiKey);

model_methods!(ApiKey {
    hash: String,
    name: String,
    label: String,
    disabled: bool,
    limit: Option<f64>,
    limit_remaining: Option<f64>,
    include_byok_in_limit: bool,
    usage: f64,
    usage_daily: f64,
    usage_weekly: f64,
    usage_monthly: f64,
    byok_usage: f64,
    byok_usage_daily: f64,
    byok_usage_weekly: f64,
    byok_usage_monthly: f64,
    created_at: String,
    updated_at: Option<String>,
    expires_at: Option<String>,
    creator_user_id: Option<String>,
    workspace_id: String,
}
    /// When the limit resets: `daily`, `weekly`, `monthly`, a value this SDK does not know yet,
    /// or None.
    #[getter]
    fn limit_reset(&self) -> Option<String> {
        self.0.limit_reset.as_ref().map(|r| r.as_str().to_owned())
    }

    /// The key's details as a dict with the API's field names.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let k = &self.0;
        py_repr!(py, "ApiKey",
            "hash": &k.hash,
            "name": &k.name,
            "label": &k.label,
            "workspace_id": &k.workspace_id,
            "limit": k.limit,
            "disabled": k.disabled,
        )
    }
);

/// A new API key: its details and its secret, which the API shows only this once.
/// `repr` and `str` hide the secret; read it from `key`.
#[pyclass(frozen, eq, module = "modelgates._native")]
#[derive(Clone, PartialEq)]
pub struct CreatedKey(pub(crate) core::CreatedKey);

#[pymethods]
impl CreatedKey {
    /// The new key's details.
    #[getter]
    fn data(&self) -> ApiKey {
        ApiKey(self.0.data.clone())
    }

    /// The key itself. Store it now: the API never shows it again.
    #[getter]
    fn key(&self) -> String {
        self.0.key.expose().to_owned()
    }

    /// `{"data": {...}, "key": "<secret>"}`: the secret included, as the caller asked for it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let data = ApiKey(self.0.data.clone()).__repr__(py)?;
        Ok(format!("CreatedKey(data={data}, key=[REDACTED])"))
    }
}
