//! Helpers shared by the browser tests.
#![allow(clippy::expect_used, clippy::unwrap_used, dead_code)]

use modelgates_wasm::js::{AbortSignal, Promise};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Awaits one of the binding's promises: the value as JSON (`null` for `undefined`), or the
/// error description as text.
pub async fn settle(promise: impl Into<JsValue>) -> Result<Value, String> {
    match JsFuture::from(promise.into().unchecked_into::<js_sys::Promise>()).await {
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

/// An operation's result: a call resolves to `{ value, status, headers }` (its result and the
/// answer it came in), and this is the `value`, checked to come with a status.
pub async fn value_of(promise: Promise) -> Result<Value, String> {
    let answer = settle(promise).await?;
    match answer.get("status").and_then(Value::as_u64) {
        Some(100..=599) if answer.get("headers").is_some_and(Value::is_array) => {
            Ok(answer["value"].clone())
        }
        _ => Err(format!("not a call's answer: {answer}")),
    }
}

/// The error description as JSON.
pub fn error_of(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("error is not a description ({e}): {text}"))
}

/// JSON equality with numbers compared by value (100 == 100.0).
/// A result against a vector's `expect.value`: as [`json_eq`], except that a field the vector
/// leaves out must be null in the result (a new optional field does not change every vector).
pub fn value_matches(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| value_matches(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            y.keys().all(|k| x.contains_key(k))
                && x.iter().all(|(k, v)| match y.get(k) {
                    Some(w) => value_matches(v, w),
                    None => v.is_null(),
                })
        }
        _ => json_eq(got, want),
    }
}

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

/// The operations as the engine's one `call` entry point takes them (the input is the
/// endpoint's fields: path parameters, then `body` or `query`, as JSON text).
pub trait Operations {
    fn create_workspace(&self, body: &str, signal: Option<AbortSignal>) -> Promise;
    fn list_workspaces(&self, query: &str, signal: Option<AbortSignal>) -> Promise;
    fn get_workspace(&self, id: &str, signal: Option<AbortSignal>) -> Promise;
    fn update_workspace(&self, id: &str, body: &str, signal: Option<AbortSignal>) -> Promise;
    fn create_key(&self, body: &str, signal: Option<AbortSignal>) -> Promise;
}

impl Operations for modelgates_wasm::WasmClient {
    fn create_workspace(&self, body: &str, signal: Option<AbortSignal>) -> Promise {
        self.call("create-workspace", &format!(r#"{{"body":{body}}}"#), signal)
    }

    fn list_workspaces(&self, query: &str, signal: Option<AbortSignal>) -> Promise {
        self.call(
            "list-workspaces",
            &format!(r#"{{"query":{query}}}"#),
            signal,
        )
    }

    fn get_workspace(&self, id: &str, signal: Option<AbortSignal>) -> Promise {
        let input = serde_json::json!({ "id": id });
        self.call("get-workspace", &input.to_string(), signal)
    }

    fn update_workspace(&self, id: &str, body: &str, signal: Option<AbortSignal>) -> Promise {
        let id = serde_json::json!(id);
        self.call(
            "update-workspace",
            &format!(r#"{{"id":{id},"body":{body}}}"#),
            signal,
        )
    }

    fn create_key(&self, body: &str, signal: Option<AbortSignal>) -> Promise {
        self.call("create-keys", &format!(r#"{{"body":{body}}}"#), signal)
    }
}

/// splitmix64 from a seed: the same numbers on every run, for the tests that compare the
/// engine's JavaScript-backed routines with Rust's own.
pub struct Numbers(pub u64);

impl Numbers {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
