//! Replays every conformance vector in `tests/vectors/` through the binding's exports in real
//! Chromium: requests go through the browser's own `Request`/`Response` objects to a fake
//! `fetch` that checks them and answers from the vector, and waits go to a fake clock.

// Browser tests: they run under wasm-bindgen-test-runner (`just test-wasm`), not natively.
#![cfg(target_arch = "wasm32")]
// Test helpers fail the test the same way an assertion does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{error_of, json_eq, settle, value_matches, value_of};
use js_sys::{Function, Object, Promise, Reflect};
use modelgates_core::{ErrorClass, FieldStyle};
use modelgates_wasm::{WasmClient, WasmPager};
use serde_json::{Map, Value, json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

const DEFAULT_KEY: &str = "mg-vector-management-key";

#[wasm_bindgen(inline_js = r#"
export function failure(kind) {
  if (kind === "connect") return new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
  if (kind === "timeout") return new DOMException("signal timed out", "TimeoutError");
  return new TypeError("Failed to fetch");
}
"#)]
extern "C" {
    fn failure(kind: &str) -> JsValue;
}

/// The fake network and clock of one replay.
#[derive(Default)]
struct Script {
    exchanges: Vec<Value>,
    next: usize,
    now_ms: f64,
    waited_ms: f64,
    problems: Vec<String>,
}

include!(concat!(env!("OUT_DIR"), "/vector_tests.rs"));

#[wasm_bindgen_test]
fn every_vector_has_a_test() {
    assert!(VECTORS.len() >= 60, "found only {} vectors", VECTORS.len());
}

/// Replays one vector; the generated tests call it once per file.
async fn check_vector(name: &str, text: &str) {
    let vector: Value = serde_json::from_str(text).unwrap();
    if let Err(why) = replay(&vector).await {
        panic!("{name}: {why}\n    ({})", vector["description"]);
    }
}

async fn replay(vector: &Value) -> Result<(), String> {
    let script = Rc::new(RefCell::new(Script {
        exchanges: vector["exchanges"].as_array().cloned().unwrap_or_default(),
        now_ms: 1_000_000.0,
        ..Script::default()
    }));
    let config = &vector["config"];
    let api_key = config["api_key"].as_str().unwrap_or(DEFAULT_KEY).to_owned();
    let mut options = json!({ "api_key": api_key });
    if let Some(base_url) = config.get("base_url") {
        options["base_url"] = base_url.clone();
    }
    if let Some(retry) = config.get("retry") {
        options["retry"] = retry.clone();
    }
    let client = WasmClient::new(
        &options.to_string(),
        Some(fake_fetch(script.clone()).unchecked_into()),
        Some(fake_clock(script.clone()).unchecked_into()),
        None,
    )
    .map_err(|e| format!("bad config: {e:?}"))?;

    let input = &vector["input"];
    let outcome = match vector["operation"].as_str().unwrap_or_default() {
        walk @ ("list-all-workspaces" | "list-all-keys") => {
            let walk_errors = vector["expect"]["walk_errors"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let pager = if walk == "list-all-keys" {
                client.pager("keys", &input.to_string())
            } else {
                let options = match input.get("page_size") {
                    Some(size) => json!({ "page_size": size }),
                    None => json!({}),
                };
                client.pager("workspaces", &options.to_string())
            };
            match pager {
                Ok(pager) => walk_all(&pager, &walk_errors, &api_key).await,
                Err(error) => Err(error.as_string().unwrap_or_default()),
            }
        }
        // Every operation through the engine's one entry point, the input as the vector has it.
        operation => value_of(client.call(operation, &input.to_string(), None)).await,
    };

    let script = script.borrow();
    if let Some(problem) = script.problems.first() {
        return Err(problem.clone());
    }
    if script.next != script.exchanges.len() {
        return Err(format!(
            "sent {} requests, the vector expects {}",
            script.next,
            script.exchanges.len()
        ));
    }
    check_outcome(&vector["expect"], outcome, &api_key)
}

async fn walk_all(
    pager: &WasmPager,
    walk_errors: &[Value],
    api_key: &str,
) -> Result<Value, String> {
    let mut items = Vec::new();
    let mut failed_pages = 0;
    loop {
        match settle(pager.next(None)).await {
            Ok(Value::Array(batch)) => items.extend(batch),
            Ok(Value::Null) if failed_pages == walk_errors.len() => return Ok(Value::Array(items)),
            Ok(Value::Null) => {
                return Err(format!(
                    "{{\"kind\":\"the walk ended after {failed_pages} failed pages\"}}"
                ));
            }
            Ok(other) => return Err(format!("{{\"kind\":\"batch is not an array: {other}\"}}")),
            // A failed page does not end the walk: asking again retries it.
            Err(error) => match walk_errors.get(failed_pages) {
                Some(Value::Object(want)) => {
                    if let Err(why) = check_error(&error, want, api_key) {
                        return Err(format!("{{\"kind\":\"failed page: {why}\"}}"));
                    }
                    failed_pages += 1;
                }
                _ => return Err(error),
            },
        }
    }
}

fn check_outcome(
    expect: &Value,
    outcome: Result<Value, String>,
    api_key: &str,
) -> Result<(), String> {
    match (outcome, expect.get("value"), expect.get("error")) {
        (Ok(value), Some(want), None) if value_matches(&value, want) => Ok(()),
        (Ok(value), Some(want), None) => {
            Err(format!("value differs:\n  got  {value}\n  want {want}"))
        }
        (Err(error), None, Some(Value::Object(want))) => check_error(&error, want, api_key),
        (Ok(value), None, Some(_)) => Err(format!("expected an error, got value {value}")),
        (Err(error), Some(_), None) => Err(format!("expected a value, got error {error}")),
        _ => Err("expect needs exactly one of value/error".into()),
    }
}

fn check_error(text: &str, want: &Map<String, Value>, api_key: &str) -> Result<(), String> {
    if text.contains(api_key) {
        return Err("the error shows the management key".into());
    }
    let got = error_of(text)?;
    let message = got["message"].as_str().unwrap_or_default();
    // JavaScript names fields in camelCase, and its error classes have their own names.
    let input_error = want.get("kind") == Some(&json!("invalid_input"));
    for (key, want_value) in want {
        let camel;
        let (want_value, needle) = match (key.as_str(), want_value.as_str()) {
            ("field" | "message_contains", Some(name)) if input_error => {
                camel = json!(FieldStyle::Camel.apply(name));
                (&camel, camel.as_str().unwrap_or_default())
            }
            ("class", Some(name)) => {
                let class = ErrorClass::ALL.into_iter().find(|c| c.name() == name);
                camel = json!(class.map(ErrorClass::js_name));
                (&camel, "")
            }
            (_, needle) => (want_value, needle.unwrap_or_default()),
        };
        match key.as_str() {
            "message_contains" if !message.contains(needle) => {
                return Err(format!("message {message:?} does not contain {needle:?}"));
            }
            "message_not_contains" if text.contains(needle) => {
                return Err(format!("the error contains {needle:?}"));
            }
            "message_contains" | "message_not_contains" => {}
            _ => {
                let got_value = got.get(key).unwrap_or(&Value::Null);
                if !json_eq(got_value, want_value) {
                    return Err(format!(
                        "error {key} is {got_value}, expected {want_value} ({text})"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A `fetch` that checks each browser `Request` against the next exchange and answers it.
fn fake_fetch(script: Rc<RefCell<Script>>) -> Function {
    let fetch = move |request: web_sys::Request| -> Promise {
        let script = script.clone();
        let method = request.method();
        let url = request.url();
        let headers: Vec<(String, String)> = gloo_net::http::Headers::from_raw(request.headers())
            .entries()
            .collect();
        let body = request.text().unwrap();
        future_to_promise(async move {
            let body = JsFuture::from(body).await?.as_string().unwrap_or_default();
            let mut script = script.borrow_mut();
            let n = script.next;
            let Some(exchange) = script.exchanges.get(n).cloned() else {
                script.problems.push(format!(
                    "unexpected extra request #{}: {method} {url}",
                    n + 1
                ));
                return Err(failure("io"));
            };
            script.next += 1;
            let waited = std::mem::take(&mut script.waited_ms);
            if let Err(problem) =
                check_request(&exchange, n + 1, waited, &method, &url, &headers, &body)
            {
                script.problems.push(problem);
            }
            if let Some(kind) = exchange["transport_error"].as_str() {
                return Err(failure(kind));
            }
            Ok(canned(&exchange["response"]).into())
        })
    };
    Closure::<dyn FnMut(web_sys::Request) -> Promise>::new(fetch)
        .into_js_value()
        .unchecked_into()
}

fn check_request(
    exchange: &Value,
    n: usize,
    waited: f64,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &str,
) -> Result<(), String> {
    let expected = &exchange["request"];
    let range = &exchange["wait_ms"];
    let (min, max) = (
        range["min"].as_f64().unwrap_or(0.0),
        range["max"].as_f64().unwrap_or(0.0),
    );
    if waited < min - 0.5 || waited > max + 0.5 {
        return Err(format!(
            "request #{n}: waited {waited} ms, expected {min}..={max}"
        ));
    }
    if method != expected["method"] || url != expected["url"] {
        return Err(format!(
            "request #{n}: sent {method} {url}, expected {} {}",
            expected["method"], expected["url"]
        ));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        if header(name) != value.as_str() {
            return Err(format!("request #{n}: header {name} differs from {value}"));
        }
    }
    for name in expected["absent_headers"].as_array().into_iter().flatten() {
        if header(name.as_str().unwrap_or_default()).is_some() {
            return Err(format!("request #{n}: header {name} must not be sent"));
        }
    }
    let sent: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(body).map_err(|e| format!("request #{n}: body is not JSON: {e}"))?
    };
    if !json_eq(&sent, &expected["body"]) {
        return Err(format!(
            "request #{n}: body {sent}, expected {}",
            expected["body"]
        ));
    }
    Ok(())
}

/// A browser `Response` built from the vector's canned answer.
fn canned(response: &Value) -> web_sys::Response {
    let headers = web_sys::Headers::new().unwrap();
    for (name, value) in response["headers"].as_object().into_iter().flatten() {
        headers
            .append(name, value.as_str().unwrap_or_default())
            .unwrap();
    }
    let body = match (&response["body_text"], &response["body"]) {
        (Value::String(text), _) => text.clone(),
        (_, Value::Null) => String::new(),
        (_, json) => json.to_string(),
    };
    let init = web_sys::ResponseInit::new();
    init.set_status(response["status"].as_u64().unwrap_or(0) as u16);
    init.set_headers(&headers);
    let body = (!body.is_empty()).then_some(body.as_str());
    web_sys::Response::new_with_opt_str_and_init(body, &init).unwrap()
}

/// A clock that only moves when the SDK sleeps, and never really waits.
fn fake_clock(script: Rc<RefCell<Script>>) -> Object {
    let clock = Object::new();
    let reader = script.clone();
    let now = Closure::<dyn Fn() -> f64>::new(move || reader.borrow().now_ms);
    let sleep = Closure::<dyn Fn(f64) -> Promise>::new(move |ms: f64| {
        let mut script = script.borrow_mut();
        script.now_ms += ms;
        script.waited_ms += ms;
        Promise::resolve(&JsValue::UNDEFINED)
    });
    Reflect::set(&clock, &"now".into(), &now.into_js_value()).unwrap();
    Reflect::set(&clock, &"sleep".into(), &sleep.into_js_value()).unwrap();
    clock
}
