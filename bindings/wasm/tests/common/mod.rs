//! Helpers shared by the browser tests.
#![allow(clippy::expect_used, clippy::unwrap_used, dead_code)]

use js_sys::Promise;
use serde_json::Value;
use wasm_bindgen_futures::JsFuture;

/// Awaits one of the binding's promises: the value as JSON (`null` for `undefined`), or the
/// error description as text.
pub async fn settle(promise: Promise) -> Result<Value, String> {
    match JsFuture::from(promise).await {
        Ok(value) => match value.as_string() {
            Some(text) => serde_json::from_str(&text).map_err(|e| format!("bad JSON value: {e}")),
            None if value.is_undefined() => Ok(Value::Null),
            None => Err(format!("not JSON text: {value:?}")),
        },
        Err(error) => Err(error
            .as_string()
            .unwrap_or_else(|| format!("not an error description: {error:?}"))),
    }
}

/// The error description as JSON.
pub fn error_of(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("error is not a description ({e}): {text}"))
}

/// JSON equality with numbers compared by value (100 == 100.0).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
