//! The models as Python classes (feature `python`, used by bindings/python). The `pyclass`
//! derives sit on the types themselves; this adds what every model shares: `to_dict()` with the
//! API's field names, a `repr` that never shows a secret, and the conversion of JSON values
//! (`to_dict`, an error's `metadata`) to Python objects.

use crate::prelude::*;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyList, PyString};
use serde_json::Value;

use crate::decode::Decode;
use crate::encode::ToJson;
use crate::timestamp::Timestamp;

use crate::api::keys::{ApiKey, CreatedKey, KeyPage};
use crate::api::workspaces::{Workspace, WorkspacePage};

/// JSON as Python: dict, list, str, int, float, bool or None.
pub fn json_to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(n) = number.as_i64() {
                n.into_pyobject(py)?.into_any()
            } else if let Some(n) = number.as_u64() {
                n.into_pyobject(py)?.into_any()
            } else {
                number
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(object) => {
            let dict = PyDict::new(py);
            for (key, item) in object {
                dict.set_item(key, json_to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A timestamp attribute is an aware `datetime` in UTC.
impl<'py> IntoPyObject<'py> for &Timestamp {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        // Always within `time`'s years: a timestamp Python sees was read from RFC 3339 text.
        self.as_offset_date_time()
            .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("timestamp out of range"))?
            .into_pyobject(py)
    }
}

/// A value as a Python dict with the API's field names: `to_json()`'s text read back as JSON, so
/// the two never disagree.
pub(crate) fn to_dict<'py, T: ToJson>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    json_to_python(py, &as_json_value(value)?)
}

/// The written text as a JSON tree (the writer only writes valid JSON).
fn as_json_value<T: ToJson>(value: &T) -> PyResult<Value> {
    serde_json::from_str(&value.to_json()).map_err(|err| PyValueError::new_err(err.to_string()))
}

/// A model back from `to_json()`'s text, read as an answer of the API is.
pub(crate) fn from_json<T: Decode>(text: &str) -> PyResult<T> {
    crate::api::read_json(text.as_bytes())
        .and_then(crate::api::decode)
        .map_err(|error| {
            PyValueError::new_err(match error.field_path() {
                Some(path) => format!("{path}: {}", error.message),
                None => error.message.clone(),
            })
        })
}

/// `(cls._from_json, (json,))`: how pickle and `copy` rebuild a model.
pub(crate) fn reduce<'py, T: pyo3::PyTypeInfo + ToJson>(
    py: Python<'py>,
    value: &T,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    Ok((
        py.get_type::<T>().getattr("_from_json")?,
        (value.to_json(),),
    ))
}

/// `Name(field=value, ...)`, each field by the `repr` of its attribute (a timestamp shows as
/// the `datetime` the attribute is). Only for models that hold no secret.
pub(crate) fn repr<T: ToJson>(
    object: &Bound<'_, PyAny>,
    name: &str,
    value: &T,
) -> PyResult<String> {
    let json = as_json_value(value)?;
    let mut parts = Vec::new();
    for key in json
        .as_object()
        .into_iter()
        .flat_map(|fields| fields.keys())
    {
        parts.push(format!("{key}={}", object.getattr(key.as_str())?.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// How a model's class joins the extension module: every `model!` submits one.
pub struct PythonClass(pub fn(&Bound<'_, PyModule>) -> PyResult<()>);

inventory::collect!(PythonClass);

/// Adds every model's class to the extension module.
pub fn add_classes(module: &Bound<'_, PyModule>) -> PyResult<()> {
    for class in inventory::iter::<PythonClass> {
        (class.0)(module)?;
    }
    module.add_class::<CreatedKey>()
}

/// A page reads as a sequence of its items: `len(page)`, `page[0]`, `for item in page`.
macro_rules! page {
    ($page:ident, $item:ident) => {
        #[pymethods]
        impl $page {
            fn __len__(&self) -> usize {
                self.data.len()
            }

            fn __iter__<'py>(
                &self,
                py: Python<'py>,
            ) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
                pyo3::types::PyList::new(py, self.data.clone())?.try_iter()
            }

            fn __getitem__(&self, index: isize) -> PyResult<$item> {
                let at = if index < 0 {
                    self.data.len().checked_sub(index.unsigned_abs())
                } else {
                    Some(index.unsigned_abs())
                };
                at.and_then(|at| self.data.get(at)).cloned().ok_or_else(|| {
                    pyo3::exceptions::PyIndexError::new_err("page index out of range")
                })
            }
        }
    };
}

page!(WorkspacePage, Workspace);
page!(KeyPage, ApiKey);

#[pymethods]
impl CreatedKey {
    /// The new key's details.
    #[getter(data)]
    fn py_data(&self) -> ApiKey {
        self.data.clone()
    }

    /// The key itself. Store it now: the API never shows it again.
    #[getter(key)]
    fn py_key(&self) -> String {
        self.key.expose().to_owned()
    }

    /// `{"data": {...}, "key": "<secret>"}`: the secret included, as the caller asked for it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, self)
    }

    /// `to_dict()` as JSON text: the secret included, as the caller asked for it.
    fn to_json(&self) -> String {
        ToJson::to_json(self)
    }

    /// Rebuilds the key from `to_json()`'s text (pickle and `copy` use it).
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text)
    }

    /// Pickling and copying go through the JSON form (the secret with it: pickle is the
    /// caller's own serialisation, like `to_dict()`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce::<Self>(py, self)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let data = Bound::new(py, self.data.clone())?;
        Ok(format!(
            "CreatedKey(data={}, key=[REDACTED])",
            repr(data.as_any(), "ApiKey", &self.data)?
        ))
    }
}
