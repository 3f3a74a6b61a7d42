//! The core's workspace pager as a Python object: it hands out one list [`Call`] at a time and
//! decides from each page whether there is another.

use modelgates_core as core;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::call::Call;
use crate::errors::to_py_err;
use crate::models::{WorkspacePage, workspaces};

/// Walks every workspace, page by page.
#[pyclass(module = "modelgates._native")]
pub struct WorkspacePager(core::WorkspacePager);

impl WorkspacePager {
    pub(crate) fn new(pager: core::WorkspacePager) -> Self {
        WorkspacePager(pager)
    }
}

#[pymethods]
impl WorkspacePager {
    /// The call for the next page, or None once every page has been seen.
    fn next_call(&mut self) -> PyResult<Option<Call>> {
        self.0
            .next_call()
            .map(|call| call.map(Call::new).map_err(to_py_err))
            .transpose()
    }

    /// Takes the page the last call returned; gives back its workspaces not seen before.
    fn handle_page<'py>(
        &mut self,
        py: Python<'py>,
        page: &WorkspacePage,
    ) -> PyResult<Bound<'py, PyList>> {
        workspaces(py, self.0.handle_page(page.0.clone()))
    }

    /// Ends the walk early (after an error, or when the caller has seen enough).
    fn stop(&mut self) {
        self.0.stop();
    }

    /// `total_count` as the last page reported it.
    #[getter]
    fn total_count(&self) -> Option<u64> {
        self.0.total_count()
    }
}
