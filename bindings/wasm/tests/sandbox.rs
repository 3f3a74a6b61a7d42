//! End to end in Chromium against the sandbox over real HTTP (CORS), faults included.
//!
//! The sandbox's address and key are read at compile time from `MODELGATES_BASE_URL` and
//! `MODELGATES_API_KEY`, which `scripts/with-sandbox.sh` exports (see `just test-wasm`): a
//! test page in the browser has no environment of its own. Under `scripts/with-prism.sh` the
//! base URL is Prism's validating proxy and `MODELGATES_DIRECT_BASE_URL` the sandbox itself,
//! which gets the faults that break HTTP on purpose (drop, truncate) and the count queries. Each fault test labels its requests
//! with a fresh `key=` so the sandbox's counts prove how many requests were really sent.

// Browser tests: they run under wasm-bindgen-test-runner (`just test-wasm`), not natively.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{Operations, error_of, settle, value_of};
use modelgates_wasm::WasmClient;
use modelgates_wasm::js::{AbortSignal, Function};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BASE_URL: Option<&str> = option_env!("MODELGATES_BASE_URL");
const API_KEY: Option<&str> = option_env!("MODELGATES_API_KEY");
const DIRECT_BASE_URL: Option<&str> = option_env!("MODELGATES_DIRECT_BASE_URL");

#[wasm_bindgen(inline_js = r#"
export function abortAfter(ms) {
  const controller = new AbortController();
  if (ms <= 0) controller.abort(); else setTimeout(() => controller.abort(), ms);
  return controller.signal;
}
export function nowMs() { return performance.now(); }
export function countingFetch() {
  const counted = (request) => { counted.calls += 1; return fetch(request); };
  counted.calls = 0;
  return counted;
}
export function sleepMs(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = abortAfter)]
    fn abort_after(ms: f64) -> AbortSignal;
    #[wasm_bindgen(js_name = nowMs)]
    fn now_ms() -> f64;
    #[wasm_bindgen(js_name = sleepMs)]
    fn sleep_ms(ms: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = countingFetch)]
    fn counting_fetch() -> Function;
}

fn base_url() -> &'static str {
    BASE_URL.expect("build with MODELGATES_BASE_URL set: run `just test-wasm`")
}

/// The sandbox without Prism in between.
fn direct_url() -> &'static str {
    DIRECT_BASE_URL.unwrap_or_else(base_url)
}

/// Where a client sending `fault` goes: faults that break HTTP skip Prism, which would answer
/// them itself.
fn url_for(fault: &str) -> &'static str {
    if fault.contains("drop") || fault.contains("truncate") || fault.contains("body=html") {
        direct_url()
    } else {
        base_url()
    }
}

fn api_key() -> &'static str {
    API_KEY.expect("build with MODELGATES_API_KEY set: run `just test-wasm`")
}

/// A label no other test uses, for the fault header's `key=` and the counts endpoint.
fn label() -> String {
    format!("wasm-{}", (js_sys::Math::random() * 1e15) as u64)
}

/// A client with fast retries and the given extra options (fault header, timeout, retry...).
fn client(extra: Value) -> WasmClient {
    let mut options = json!({
        "api_key": api_key(),
        "base_url": base_url(),
        "retry": { "max_retries": 2, "initial_backoff_ms": 20, "max_backoff_ms": 100 },
    });
    for (name, value) in extra.as_object().unwrap() {
        options[name] = value.clone();
    }
    if let Some(fault) = options["headers"]["x-sandbox-fault"].as_str() {
        options["base_url"] = url_for(fault).into();
    }
    WasmClient::new(&options.to_string(), None, None, None).unwrap()
}

fn faulty(fault: &str) -> WasmClient {
    client(json!({ "headers": { "x-sandbox-fault": fault } }))
}

/// How many requests carrying `key=label` reached `operation`.
async fn count(label: &str, operation: &str) -> u64 {
    let origin = direct_url().trim_end_matches("/api/v1");
    let url = format!("{origin}/_sandbox/counts?key={label}");
    let response = gloo_net::http::Request::get(&url).send().await.unwrap();
    let counts: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    counts[operation].as_u64().unwrap()
}

fn unique_slug() -> String {
    format!("wasm-e2e-{}", (js_sys::Math::random() * 1e12) as u64)
}

async fn expect_error(promise: impl Into<JsValue>) -> Value {
    match settle(promise).await {
        Ok(value) => panic!("expected an error, got {value}"),
        Err(text) => {
            assert!(
                !text.contains(api_key()),
                "the error shows the management key"
            );
            error_of(&text).unwrap()
        }
    }
}

#[wasm_bindgen_test]
async fn the_whole_flow_over_http() {
    let client = client(json!({}));
    let slug = unique_slug();
    let body = json!({ "name": "Browser team", "slug": slug, "description": "from Chromium" });
    let created = value_of(client.create_workspace(&body.to_string(), None))
        .await
        .unwrap();
    assert_eq!(created["slug"], slug.as_str());
    let id = created["id"].as_str().unwrap().to_owned();

    let fetched = value_of(client.get_workspace(&slug, None)).await.unwrap();
    assert_eq!(fetched["id"], id.as_str());

    let changes = json!({ "description": null, "io_logging_sampling_rate": 0.5 });
    let updated = value_of(client.update_workspace(&id, &changes.to_string(), None))
        .await
        .unwrap();
    assert_eq!(updated["description"], Value::Null);
    assert_eq!(updated["io_logging_sampling_rate"], 0.5);
    assert!(updated["updated_at"].is_string());

    let page = value_of(client.list_workspaces(r#"{"offset":0,"limit":1}"#, None))
        .await
        .unwrap();
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert!(page["total_count"].as_u64().unwrap() >= 2);

    let pager = client.pager("workspaces", r#"{"page_size":1}"#).unwrap();
    let mut seen = Vec::new();
    while let Value::Array(items) = settle(pager.next(None)).await.unwrap() {
        seen.extend(items);
    }
    assert_eq!(seen.len() as u64, page["total_count"].as_u64().unwrap());
    assert!(seen.iter().any(|w| w["id"] == id.as_str()));

    let key =
        json!({ "name": "dashboard", "workspace_id": id, "limit": 5, "limit_reset": "monthly" });
    let created_key = value_of(client.create_key(&key.to_string(), None))
        .await
        .unwrap();
    assert!(
        created_key["key"]
            .as_str()
            .unwrap()
            .starts_with("sk-mg-v1-")
    );
    assert_eq!(created_key["data"]["workspace_id"], id.as_str());
    assert_eq!(created_key["data"]["limit_reset"], "monthly");

    let duplicate = json!({ "name": "Again", "slug": slug });
    let error = expect_error(client.create_workspace(&duplicate.to_string(), None)).await;
    assert_eq!(error["kind"], "api");
    assert_eq!(error["status"], 400);
    assert!(error["request_id"].as_str().unwrap().starts_with("req_"));
}

#[wasm_bindgen_test]
async fn invalid_input_names_the_field_and_sends_nothing() {
    let label = label();
    let client = faulty(&format!("key={label}"));
    let body = json!({ "name": "x", "slug": "Not A Slug" });
    let error = expect_error(client.create_workspace(&body.to_string(), None)).await;
    assert_eq!(error["kind"], "invalid_input");
    assert_eq!(error["field"], "slug");
    let error =
        expect_error(client.create_key(r#"{"name":"k","limit_reset":"yearly"}"#, None)).await;
    assert_eq!(
        error["field"], "limitReset",
        "the engine names fields as JavaScript does"
    );
    assert_eq!(count(&label, "create-workspace").await, 0);
    assert_eq!(count(&label, "create-keys").await, 0);
}

#[wasm_bindgen_test]
async fn a_wrong_key_is_an_api_error_without_the_key() {
    let wrong = "sk-mg-wrong-key-that-must-not-leak";
    let options = json!({ "api_key": wrong, "base_url": base_url() });
    let client = WasmClient::new(&options.to_string(), None, None, None).unwrap();
    let error = value_of(client.get_workspace("default", None))
        .await
        .unwrap_err();
    assert!(!error.contains(wrong));
    assert_eq!(error_of(&error).unwrap()["status"], 401);
}

#[wasm_bindgen_test]
async fn a_429_with_retry_after_is_retried_after_that_wait() {
    let label = label();
    let client = faulty(&format!("status=429;retry-after=1;times=1;key={label}"));
    let started = now_ms();
    let workspace = value_of(client.get_workspace("default", None))
        .await
        .unwrap();
    assert_eq!(workspace["slug"], "default");
    assert!(
        now_ms() - started >= 950.0,
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(count(&label, "get-workspace").await, 2);
}

#[wasm_bindgen_test]
async fn a_get_answered_503_twice_is_retried() {
    let label = label();
    let client = faulty(&format!("status=503;times=2;key={label}"));
    let page = value_of(client.list_workspaces("{}", None)).await.unwrap();
    assert!(page["total_count"].as_u64().unwrap() >= 1);
    assert_eq!(count(&label, "list-workspaces").await, 3);
}

#[wasm_bindgen_test]
async fn a_post_answered_503_is_not_retried() {
    let label = label();
    let client = faulty(&format!("status=503;key={label}"));
    let body = json!({ "name": "Never", "slug": unique_slug() });
    let error = expect_error(client.create_workspace(&body.to_string(), None)).await;
    assert_eq!(error["kind"], "api");
    assert_eq!(error["status"], 503);
    assert_eq!(count(&label, "create-workspace").await, 1);
}

// Chromium itself resends a request once when a reused keep-alive connection closes without
// an answer (POST included), so the sandbox may see one more request than the SDK sent. The
// SDK's own attempts are counted at its `fetch`; the sandbox bounds what arrived.
#[wasm_bindgen_test]
async fn a_dropped_connection_is_retried_on_get_and_not_on_post() {
    let label = label();
    let fetch = counting_fetch();
    let options = json!({
        "api_key": api_key(),
        "base_url": direct_url(),
        "retry": { "max_retries": 2, "initial_backoff_ms": 20 },
        "headers": { "x-sandbox-fault": format!("drop;key={label}") },
    });
    let client = WasmClient::new(&options.to_string(), Some(fetch.clone()), None, None).unwrap();
    let error = expect_error(client.get_workspace("default", None)).await;
    assert_eq!(error["kind"], "transport");
    assert_eq!(calls(&fetch), 3, "a GET is tried 1 + max_retries times");
    assert!(count(&label, "get-workspace").await >= 3);

    let label = self::label();
    let fetch = counting_fetch();
    let options = json!({
        "api_key": api_key(),
        "base_url": direct_url(),
        "headers": { "x-sandbox-fault": format!("drop;key={label}") },
    });
    let client = WasmClient::new(&options.to_string(), Some(fetch.clone()), None, None).unwrap();
    let error = expect_error(client.create_key(r#"{"name":"dropped"}"#, None)).await;
    assert_eq!(error["kind"], "transport");
    assert_eq!(
        calls(&fetch),
        1,
        "a POST whose connection dropped is not retried"
    );
    let arrived = count(&label, "create-keys").await;
    assert!(
        (1..=2).contains(&arrived),
        "{arrived} create-keys requests arrived"
    );
}

fn calls(fetch: &Function) -> u64 {
    js_sys::Reflect::get(fetch.unchecked_ref(), &"calls".into())
        .unwrap()
        .as_f64()
        .unwrap() as u64
}

#[wasm_bindgen_test]
async fn a_truncated_body_is_a_transport_error_that_hides_the_secret() {
    let label = label();
    let client = faulty(&format!("truncate;key={label}"));
    let text = value_of(client.create_key(r#"{"name":"truncated"}"#, None))
        .await
        .unwrap_err();
    assert!(!text.contains("sk-mg-v1-"), "the error shows a key secret");
    assert_eq!(error_of(&text).unwrap()["kind"], "transport");
    assert_eq!(count(&label, "create-keys").await, 1);

    let label = self::label();
    let client = faulty(&format!("truncate;times=1;key={label}"));
    value_of(client.get_workspace("default", None))
        .await
        .unwrap();
    assert_eq!(count(&label, "get-workspace").await, 2);
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let label = label();
    let client = client(json!({
        "timeout_ms": 300,
        "retry": { "max_retries": 0 },
        "headers": { "x-sandbox-fault": format!("delay-ms=3000;key={label}") },
    }));
    let started = now_ms();
    let error = expect_error(client.get_workspace("default", None)).await;
    assert_eq!(error["kind"], "timeout");
    assert!(
        now_ms() - started < 2500.0,
        "the timeout did not cut the wait"
    );
    assert_eq!(count(&label, "get-workspace").await, 1);
}

#[wasm_bindgen_test]
async fn an_abort_is_its_own_kind_in_flight_in_backoff_and_before_sending() {
    let label = label();
    let slow = faulty(&format!("delay-ms=3000;key={label}"));
    let started = now_ms();
    let error = expect_error(slow.get_workspace("default", Some(abort_after(200.0)))).await;
    assert_eq!(error["kind"], "aborted");
    assert!(now_ms() - started < 2500.0);

    let label = self::label();
    let backing_off = client(json!({
        "retry": { "max_retries": 2, "initial_backoff_ms": 5000, "jitter": 0 },
        "headers": { "x-sandbox-fault": format!("status=503;key={label}") },
    }));
    let error = expect_error(backing_off.get_workspace("default", Some(abort_after(300.0)))).await;
    assert_eq!(error["kind"], "aborted");
    assert_eq!(count(&label, "get-workspace").await, 1);

    let label = self::label();
    let client = faulty(&format!("key={label}"));
    let signal = abort_after(0.0);
    let error = expect_error(client.create_key(r#"{"name":"never"}"#, Some(signal))).await;
    assert_eq!(error["kind"], "aborted");
    // Give a stray request time to arrive before counting.
    JsFuture::from(sleep_ms(100.0)).await.unwrap();
    assert_eq!(count(&label, "create-keys").await, 0);
}
