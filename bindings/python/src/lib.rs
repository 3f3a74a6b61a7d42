//! The Python binding of the ModelGates SDK: the extension module `modelgates._native`.
//!
//! It converts and maps, nothing more. Python values go in (keyword arguments with the API's
//! field names, checked by the core's `input::from_json`), the core's [`Call`] state machine
//! comes out for the `modelgates` package to drive over httpx, and results come back as the
//! core's own models, which are Python classes behind the core's `python` feature. Every decision (validation, retries, status mapping, decoding, paging)
//! stays in `modelgates-core`; core errors become the package's exceptions in one place,
//! `errors.rs`.
//!
//! [`Call`]: modelgates_core::Call

#![deny(missing_docs)]

mod call;
mod client;
mod convert;
mod errors;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add(
        "DEFAULT_TIMEOUT",
        modelgates_core::DEFAULT_TIMEOUT.as_secs_f64(),
    )?;
    module.add("ERROR_CLASSES", errors::class_names(module.py())?)?;
    module.add("OPERATIONS", operations(module.py())?)?;
    module.add_class::<client::NativeClient>()?;
    module.add_class::<client::RetryPolicy>()?;
    module.add_class::<call::Call>()?;
    module.add_class::<call::SendAction>()?;
    module.add_class::<call::Wait>()?;
    module.add_class::<call::Done>()?;
    modelgates_core::python::add_classes(module)?;
    Ok(())
}

/// The core's table of operations: each spec operationId with the resource and method the
/// package calls it by (`keys`, `create`) and its inputs in order (path parameters, then
/// `body` or `query`).
fn operations(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyDict>> {
    let table = pyo3::types::PyDict::new(py);
    for operation in modelgates_core::Operation::ALL {
        let info = operation.info();
        table.set_item(info.id, (info.resource, info.verb, info.inputs.to_vec()))?;
    }
    Ok(table)
}
