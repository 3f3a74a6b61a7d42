//! Python input as JSON, so that the core's `input::from_json` checks every field (and names the
//! bad one). NaN and infinities go as the core's marker, for the field's own rule to refuse.

use modelgates_core::Error;
use modelgates_core::input::{FromInput, from_json, non_finite};
use modelgates_core::tree::{Map, Value};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PySequence, PyString, PyTuple,
};

/// How many lists or dicts deep a value may nest (the API's deepest input is one list of
/// numbers). The cap keeps a list that contains itself, or a very deep nesting, from
/// overflowing the stack.
const MAX_DEPTH: usize = 32;

/// Decodes a core request type from a dict of keyword arguments (absent keys: not sent).
pub(crate) fn request_from_dict<T: FromInput>(
    fields: Option<&Bound<'_, PyDict>>,
) -> Result<T, Error> {
    let object = match fields {
        Some(fields) => object_of(fields)?,
        None => Map::new(),
    };
    from_json(Value::Object(object))
}

/// An endpoint's input as JSON: its path parameters, then `body` or `query` (a dict of keyword
/// arguments). Errors name the argument, the one inside `body` or `query` included.
pub(crate) fn input_from_dict(input: &Bound<'_, PyDict>) -> Result<Value, Error> {
    let mut object = Map::new();
    for (key, value) in input.iter() {
        let name = field_name(&key)?;
        let json = match value.cast::<PyDict>() {
            Ok(fields) if name == "body" || name == "query" => Value::Object(object_of(fields)?),
            _ => to_json(&value, &name)?,
        };
        object.insert(name, json);
    }
    Ok(Value::Object(object))
}

/// A dict of keyword arguments as a JSON object, each value named by its key in errors.
fn object_of(fields: &Bound<'_, PyDict>) -> Result<Map, Error> {
    let mut object = Map::new();
    for (key, value) in fields.iter() {
        let name = field_name(&key)?;
        let json = to_json(&value, &name)?;
        object.insert(name, json);
    }
    Ok(object)
}

fn field_name(key: &Bound<'_, PyAny>) -> Result<String, Error> {
    key.extract::<String>()
        .map_err(|_| invalid("body", "body: field names must be strings".to_owned()))
}

/// A Python value as JSON. `field` names the top-level argument in errors.
pub(crate) fn to_json(value: &Bound<'_, PyAny>, field: &str) -> Result<Value, Error> {
    to_json_at(value, field, 0)
}

/// [`to_json`] for a value inside `depth` lists or dicts.
fn to_json_at(value: &Bound<'_, PyAny>, field: &str, depth: usize) -> Result<Value, Error> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: in Python, True is an int.
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        // Beyond 64 bits: as the number it is (a float), for the field's own rule to judge.
        return Ok(non_finite(value.extract::<f64>().unwrap_or(f64::INFINITY)));
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        // NaN and infinities reach the core as they are, which refuses them by field name.
        return Ok(non_finite(number.value()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text
            .to_cow()
            .map_err(|_| invalid(field, format!("{field}: is not valid UTF-8")))?;
        return Ok(Value::String(text.into_owned()));
    }
    // Any sequence (list, tuple, range, ...), as `Sequence[int]` in the signatures promises; not
    // bytes, whose items would become numbers.
    let is_list = value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
        || (value.cast::<PySequence>().is_ok()
            && !value.is_instance_of::<PyBytes>()
            && !value.is_instance_of::<PyByteArray>());
    if (is_list || value.is_instance_of::<PyDict>()) && depth >= MAX_DEPTH {
        return Err(invalid(
            field,
            format!(
                "{field}: lists or dicts nest more than {MAX_DEPTH} deep (or one contains itself)"
            ),
        ));
    }
    if is_list {
        let items = value
            .try_iter()
            .map_err(|_| invalid(field, format!("{field}: could not be read")))?;
        let mut array = Vec::new();
        for item in items {
            let item = item.map_err(|_| invalid(field, format!("{field}: could not be read")))?;
            array.push(to_json_at(&item, field, depth + 1)?);
        }
        return Ok(Value::Array(array));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = Map::new();
        for (key, item) in dict.iter() {
            let key = key
                .extract::<String>()
                .map_err(|_| invalid(field, format!("{field}: keys must be strings")))?;
            object.insert(key, to_json_at(&item, field, depth + 1)?);
        }
        return Ok(Value::Object(object));
    }
    if let Some(text) = aware_datetime(value, field)? {
        return Ok(Value::String(text));
    }
    if let Some(number) = other_number(value, field, depth)? {
        return Ok(number);
    }
    Err(invalid(
        field,
        format!(
            "{field}: a value of type `{}` is not supported",
            type_name(value)
        ),
    ))
}

/// A `datetime` with a time zone as RFC 3339 text, which the core's timestamp rule then checks
/// (and converts to UTC). A naive `datetime` names no instant, so it is refused, as a timestamp
/// string without an offset is. Not a `datetime`: None.
fn aware_datetime(value: &Bound<'_, PyAny>, field: &str) -> Result<Option<String>, Error> {
    let unreadable = || invalid(field, format!("{field}: could not be read"));
    let datetime = value
        .py()
        .import("datetime")
        .and_then(|module| module.getattr("datetime"))
        .map_err(|_| unreadable())?;
    if !value.is_instance(&datetime).unwrap_or(false) {
        return Ok(None);
    }
    let offset = value.call_method0("utcoffset").map_err(|_| unreadable())?;
    if offset.is_none() {
        return Err(invalid(
            field,
            format!(
                "{field}: a datetime without a time zone names no instant; give it one (tzinfo=timezone.utc)"
            ),
        ));
    }
    let text = value
        .call_method0("isoformat")
        .and_then(|text| text.extract::<String>())
        .map_err(|_| unreadable())?;
    Ok(Some(text))
}

/// A number of a type besides `int` and `float`: an `Integral` (numpy's integers) as the whole
/// number it is, a `Decimal` or another `Real` (`Fraction`, numpy's floats) as the float it
/// rounds to. The field's own rule then judges it, as it would the float (a `Decimal("NaN")` is
/// refused by name). Not a number: None.
fn other_number(
    value: &Bound<'_, PyAny>,
    field: &str,
    depth: usize,
) -> Result<Option<Value>, Error> {
    let unreadable = || invalid(field, format!("{field}: could not be read"));
    let py = value.py();
    let numbers = py.import("numbers").map_err(|_| unreadable())?;
    let of_type = |module: &Bound<'_, PyModule>, name: &str| {
        module
            .getattr(name)
            .and_then(|class| value.is_instance(&class))
            .unwrap_or(false)
    };
    if of_type(&numbers, "Integral") {
        let whole = value.call_method0("__index__").map_err(|_| unreadable())?;
        return to_json_at(&whole, field, depth).map(Some);
    }
    let decimal = py.import("decimal").map_err(|_| unreadable())?;
    if !of_type(&numbers, "Real") && !of_type(&decimal, "Decimal") {
        return Ok(None);
    }
    // A signalling NaN cannot become a float: it is no number either.
    let number = value
        .call_method0("__float__")
        .and_then(|float| float.extract::<f64>())
        .unwrap_or(f64::NAN);
    Ok(Some(non_finite(number)))
}

/// The name of a value's type, for error messages (never the value itself).
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

fn invalid(field: &str, message: String) -> Error {
    Error::InvalidInput {
        field: field.to_owned(),
        message,
    }
}
