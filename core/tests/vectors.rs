//! Replays every conformance vector in `tests/vectors/` through the core, with a fake clock and
//! canned responses: exact requests, waits, and final values or errors.

// Helpers outside #[test] functions fail the test the same way an assertion does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use modelgates_core::input::from_json;
use modelgates_core::{
    Action, Client, Config, Error, HttpRequest, HttpResponse, Listing, Machine, Pager, RetryPolicy,
    TransportError, TransportErrorKind,
};
use serde::Deserialize;
use serde::Serialize;
use serde_json::{Map, Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    description: String,
    operation: String,
    #[serde(default)]
    config: VectorConfig,
    input: Value,
    exchanges: Vec<Exchange>,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct VectorConfig {
    api_key: Option<String>,
    base_url: Option<String>,
    retry: Option<VectorRetry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VectorRetry {
    max_retries: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
    max_elapsed_ms: u64,
    jitter: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exchange {
    wait_ms: Option<Range>,
    request: ExpectedRequest,
    response: Option<CannedResponse>,
    transport_error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    min: u64,
    max: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedRequest {
    method: String,
    url: String,
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(default)]
    absent_headers: Vec<String>,
    body: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CannedResponse {
    status: u16,
    #[serde(default)]
    headers: Map<String, Value>,
    body: Option<Value>,
    body_text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    value: Option<Value>,
    error: Option<Map<String, Value>>,
    /// A walk only: pages that fail on the way, in order; the walk is asked again after each.
    #[serde(default)]
    walk_errors: Vec<Map<String, Value>>,
}

const SEEDS: [u64; 3] = [0, 1, 0xDEAD_BEEF];

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(vectors_dir()).expect("tests/vectors exists") {
        let dir = entry.unwrap().path();
        if !dir.is_dir() || dir.file_name().is_some_and(|n| n == "tools") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_vector_passes() {
    let files = vector_files();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file
            .strip_prefix(vectors_dir())
            .unwrap()
            .display()
            .to_string();
        let vector: Vector = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(err) => {
                failures.push(format!("{name}: unreadable vector: {err}"));
                continue;
            }
        };
        if file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            != Some(&vector.operation)
        {
            failures.push(format!(
                "{name}: operation {} is not its folder",
                vector.operation
            ));
        }
        for seed in SEEDS {
            if let Err(why) = replay(&vector, seed) {
                failures.push(format!(
                    "{name} (seed {seed}): {why}\n    ({})",
                    vector.description
                ));
                break;
            }
        }
    }
    println!(
        "{} vectors replayed, {} failed",
        files.len(),
        failures.len()
    );
    assert!(
        files.len() >= 60,
        "expected at least 60 vectors, found {}",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}

fn config_of(vector: &Vector) -> Config {
    let c = &vector.config;
    let mut config = Config::new(
        c.api_key
            .clone()
            .unwrap_or_else(|| "mg-vector-management-key".into()),
    );
    if let Some(base) = &c.base_url {
        config = config.with_base_url(base.clone());
    }
    if let Some(r) = &c.retry {
        config = config.with_retry(RetryPolicy {
            max_retries: r.max_retries,
            initial_backoff: Duration::from_millis(r.initial_backoff_ms),
            max_backoff: Duration::from_millis(r.max_backoff_ms),
            max_elapsed: Duration::from_millis(r.max_elapsed_ms),
            jitter: r.jitter,
        });
    }
    config
}

/// The fake network: hands out canned responses in order and checks each request and wait.
struct Script<'a> {
    exchanges: &'a [Exchange],
    next: usize,
    now: Duration,
    waited_since_send: Duration,
    api_key: String,
}

impl Script<'_> {
    fn drive<M: Machine>(&mut self, call: &mut M) -> Result<Result<Value, Error>, String>
    where
        M::Output: Serialize,
    {
        loop {
            match call.next_action(self.now) {
                Action::Send(request) => {
                    let exchange = self.exchanges.get(self.next).ok_or_else(|| {
                        format!(
                            "unexpected extra request #{}: {} {}",
                            self.next + 1,
                            request.method,
                            request.url
                        )
                    })?;
                    self.check_request(exchange, &request)?;
                    self.next += 1;
                    self.waited_since_send = Duration::ZERO;
                    match (&exchange.response, &exchange.transport_error) {
                        (Some(response), None) => call.handle_response(canned(response)),
                        (None, Some(kind)) => call.handle_transport_error(TransportError::new(
                            transport_kind(kind)?,
                            format!("simulated {kind} failure"),
                        )),
                        _ => {
                            return Err(
                                "exchange needs exactly one of response/transport_error".into()
                            );
                        }
                    }
                }
                Action::Wait(duration) => {
                    self.now += duration;
                    self.waited_since_send += duration;
                }
                Action::Done(result) => {
                    return Ok(result.map(|v| serde_json::to_value(v).unwrap()));
                }
            }
        }
    }

    fn check_request(&self, exchange: &Exchange, request: &HttpRequest) -> Result<(), String> {
        let n = self.next + 1;
        let expected = &exchange.request;
        let waited = self.waited_since_send.as_secs_f64() * 1000.0;
        let (min, max) = exchange.wait_ms.as_ref().map_or((0, 0), |r| (r.min, r.max));
        if waited < min as f64 - 0.5 || waited > max as f64 + 0.5 {
            return Err(format!(
                "request #{n}: waited {waited} ms, expected {min}..={max}"
            ));
        }
        if request.method.as_str() != expected.method || request.url != expected.url {
            return Err(format!(
                "request #{n}: sent {} {}, expected {} {}",
                request.method, request.url, expected.method, expected.url
            ));
        }
        for (name, value) in &expected.headers {
            let want = value.as_str().unwrap_or_default();
            if request.header(name) != Some(want) {
                return Err(format!(
                    "request #{n}: header {name} is {:?}, expected {want:?}",
                    request.header(name).map(|v| redact(v, &self.api_key))
                ));
            }
        }
        for name in &expected.absent_headers {
            if request.header(name).is_some() {
                return Err(format!("request #{n}: header {name} must not be sent"));
            }
        }
        let body: Value = match &request.body {
            Some(text) => serde_json::from_str(text)
                .map_err(|e| format!("request #{n}: body is not JSON: {e}"))?,
            None => Value::Null,
        };
        if !json_eq(&body, &expected.body) {
            return Err(format!(
                "request #{n}: body {body} , expected {}",
                expected.body
            ));
        }
        if format!("{request:?}").contains(&self.api_key) {
            return Err(format!("request #{n}: Debug shows the management key"));
        }
        Ok(())
    }
}

fn redact(text: &str, key: &str) -> String {
    text.replace(key, "[KEY]")
}

fn canned(response: &CannedResponse) -> HttpResponse {
    let headers = response
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    let body = match (&response.body, &response.body_text) {
        (_, Some(text)) => text.clone().into_bytes(),
        (Some(json), None) => serde_json::to_vec(json).unwrap(),
        (None, None) => Vec::new(),
    };
    HttpResponse::new(response.status, headers, body)
}

fn transport_kind(kind: &str) -> Result<TransportErrorKind, String> {
    match kind {
        "connect" => Ok(TransportErrorKind::Connect),
        "timeout" => Ok(TransportErrorKind::Timeout),
        "io" => Ok(TransportErrorKind::Io),
        other => Err(format!("unknown transport_error {other}")),
    }
}

fn replay(vector: &Vector, seed: u64) -> Result<(), String> {
    let config = config_of(vector);
    let api_key = config.api_key.expose().to_owned();
    let client = Client::new(config, seed).map_err(|e| format!("bad config: {e}"))?;
    let mut script = Script {
        exchanges: &vector.exchanges,
        next: 0,
        now: Duration::from_secs(1000),
        waited_since_send: Duration::ZERO,
        api_key: api_key.clone(),
    };
    let input = &vector.input;
    let outcome: Result<Value, Error> = match vector.operation.as_str() {
        "list-all-workspaces" => {
            let page_size = input
                .get("page_size")
                .and_then(Value::as_u64)
                .map(|n| n as u32);
            match client.workspace_pager(page_size) {
                Ok(mut pager) => walk_all(&mut pager, &mut script, &vector.expect.walk_errors)?,
                Err(e) => Err(e),
            }
        }
        // The walk over keys: its input is the filters (list-keys' query).
        "list-all-keys" => match from_json(input.clone()).and_then(|f| client.key_pager(f)) {
            Ok(mut pager) => walk_all(&mut pager, &mut script, &vector.expect.walk_errors)?,
            Err(e) => Err(e),
        },
        // Every operation through the one entry point the bindings use: its input is the
        // endpoint's fields, exactly as the vector writes them.
        operation => match client.call_by_id(operation, input.clone()) {
            Ok(mut call) => script.drive(&mut call)?,
            Err(e) => Err(e),
        },
    };
    if script.next != vector.exchanges.len() {
        return Err(format!(
            "sent {} requests, the vector expects {}",
            script.next,
            vector.exchanges.len()
        ));
    }
    check_outcome(&vector.expect, outcome, &api_key)
}

fn walk_all<L: Listing>(
    pager: &mut Pager<L>,
    script: &mut Script<'_>,
    walk_errors: &[Map<String, Value>],
) -> Result<Result<Value, Error>, String>
where
    L::Item: Serialize,
{
    let mut items = Vec::new();
    let mut failed_pages = 0;
    loop {
        match script.drive(pager)? {
            Ok(Value::Array(batch)) if !batch.is_empty() => items.extend(batch),
            Ok(Value::Null) if failed_pages == walk_errors.len() => {
                return Ok(Ok(Value::Array(items)));
            }
            Ok(Value::Null) => {
                return Err(format!(
                    "the walk ended after {failed_pages} failed pages, the vector expects {}",
                    walk_errors.len()
                ));
            }
            Ok(other) => return Err(format!("a walk step gave {other}, not a batch of items")),
            Err(error) => match walk_errors.get(failed_pages) {
                // A failed page does not end the walk: asking again retries it.
                Some(want) => {
                    check_error(&error, want, &script.api_key)
                        .map_err(|why| format!("failed page #{}: {why}", failed_pages + 1))?;
                    failed_pages += 1;
                }
                None => return Ok(Err(error)),
            },
        }
    }
}

fn check_outcome(
    expect: &Expect,
    outcome: Result<Value, Error>,
    api_key: &str,
) -> Result<(), String> {
    match (outcome, &expect.value, &expect.error) {
        (Ok(value), Some(want), None) => {
            if value_matches(&value, want) {
                Ok(())
            } else {
                Err(format!("value differs:\n  got  {value}\n  want {want}"))
            }
        }
        (Err(error), None, Some(want)) => check_error(&error, want, api_key),
        (Ok(value), None, Some(_)) => Err(format!("expected an error, got value {value}")),
        (Err(error), Some(_), None) => Err(format!(
            "expected a value, got error [{}] {}",
            error.kind(),
            redact(&error.to_string(), api_key)
        )),
        _ => Err("expect needs exactly one of value/error".into()),
    }
}

fn check_error(error: &Error, want: &Map<String, Value>, api_key: &str) -> Result<(), String> {
    let shown = format!("{error} {error:?}");
    if shown.contains(api_key) {
        return Err("the error shows the management key".into());
    }
    let api = error.api();
    let got: Vec<(&str, Value)> = vec![
        ("kind", json!(error.kind().as_str())),
        ("class", json!(error.class().name())),
        ("retryable", json!(error.is_retryable())),
        ("location", json!(api.and_then(|a| a.location.clone()))),
        ("status", json!(error.status())),
        ("code", json!(api.and_then(|a| a.code))),
        ("message", json!(error.message())),
        ("field", json!(error.field())),
        ("request_id", json!(api.and_then(|a| a.request_id.clone()))),
        (
            "retry_after_ms",
            json!(
                api.and_then(|a| a.retry_after)
                    .map(|d| d.as_millis() as u64)
            ),
        ),
        ("user_id", json!(api.and_then(|a| a.user_id.clone()))),
        ("metadata", json!(api.and_then(|a| a.metadata.clone()))),
    ];
    for (key, want_value) in want {
        match key.as_str() {
            "message_contains" => {
                let needle = want_value.as_str().unwrap_or_default();
                if !error.message().contains(needle) {
                    return Err(format!(
                        "message {:?} does not contain {needle:?}",
                        error.message()
                    ));
                }
            }
            "message_not_contains" => {
                let needle = want_value.as_str().unwrap_or_default();
                if shown.contains(needle) {
                    return Err(format!("error output contains {needle:?}"));
                }
            }
            _ => {
                let Some((_, got_value)) = got.iter().find(|(k, _)| k == key) else {
                    return Err(format!("unknown expect.error key {key}"));
                };
                if !json_eq(got_value, want_value) {
                    return Err(format!(
                        "error {key} is {got_value}, expected {want_value} (error: [{}] {})",
                        error.kind(),
                        error
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A result against the vector's `expect.value`: as [`json_eq`], except that a field the vector
/// leaves out must be null in the result (so that a new optional field does not change every
/// vector).
fn value_matches(got: &Value, want: &Value) -> bool {
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

/// JSON equality with numbers compared by value (100 == 100.0).
fn json_eq(a: &Value, b: &Value) -> bool {
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
