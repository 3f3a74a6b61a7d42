//! The one place where a core [`Error`] becomes a Python exception. The exception classes are
//! plain Python (`modelgates/_exceptions.py`), typed there and easy to subclass; which class
//! an error becomes is the core's decision ([`ErrorClass::python_name`]).

use modelgates_core::{Error, ErrorClass, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use modelgates_core::python::json_to_python;

const EXCEPTIONS_MODULE: &str = "modelgates._exceptions";

/// The package's exception for a core error. Messages come from the core, which keeps secrets
/// out of them.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    Python::attach(|py| build(py, &error).unwrap_or_else(|failure| failure))
}

fn build(py: Python<'_>, error: &Error) -> Result<PyErr, PyErr> {
    let kwargs = PyDict::new(py);
    match error.kind() {
        ErrorKind::InvalidInput => kwargs.set_item("field", error.field())?,
        ErrorKind::Api => {
            if let Some(api) = error.api() {
                kwargs.set_item("status", api.status)?;
                kwargs.set_item("code", api.code)?;
                let metadata = match &api.metadata {
                    // In the core's (sorted) member order, as every binding shows it.
                    Some(value) => json_to_python(py, &value.clone().into())?,
                    None => py.None().into_bound(py),
                };
                kwargs.set_item("metadata", metadata)?;
                kwargs.set_item("user_id", api.user_id.as_deref())?;
                kwargs.set_item("request_id", api.request_id.as_deref())?;
                kwargs.set_item("retry_after", api.retry_after.map(|d| d.as_secs_f64()))?;
                kwargs.set_item("location", api.location.as_deref())?;
            }
        }
        ErrorKind::Decode => kwargs.set_item("status", error.status())?,
        ErrorKind::Transport | ErrorKind::Timeout | ErrorKind::Internal => {}
    }
    let class = error.class().python_name();
    kwargs.set_item("message", error.message())?;
    kwargs.set_item("retryable", error.is_retryable())?;
    let exception = py
        .import(EXCEPTIONS_MODULE)?
        .getattr(class)?
        .call((error.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exception))
}

/// The core's error classes by name, each with its Python exception's name.
pub(crate) fn class_names<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
    let names = PyDict::new(py);
    for class in ErrorClass::ALL {
        names.set_item(class.name(), class.python_name())?;
    }
    Ok(names)
}
