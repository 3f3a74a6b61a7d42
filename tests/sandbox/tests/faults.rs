//! `X-Sandbox-Fault` and `/_sandbox/counts`, over real HTTP (and raw TCP where the fault is
//! about the connection itself).

mod common;

use std::time::{Duration, Instant};

use common::{Api, MANAGEMENT_KEY, Outgoing, bearer, raw_header, split_response};
use serde_json::{Value, json};
use ureq::http::Method;

fn with_fault<'a>(auth: &'a str, fault: &'a str, body: Option<&'a str>) -> Outgoing<'a> {
    Outgoing {
        authorization: Some(auth),
        fault: Some(fault),
        body,
    }
}

const NEW_WORKSPACE: &str = r#"{"name":"Faulty","slug":"faulty"}"#;

/// `/_sandbox/counts` before any request: every operation of the spec, at zero.
fn zero_counts() -> Value {
    json!({
        "create-workspace": 0,
        "list-workspaces": 0,
        "get-workspace": 0,
        "update-workspace": 0,
        "delete-workspace": 0,
        "create-keys": 0,
        "list-keys": 0,
        "get-key": 0,
        "update-keys": 0,
        "delete-keys": 0,
        "get-current-key": 0,
    })
}

#[test]
fn status_with_times_fails_the_first_n_then_succeeds() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let fault = "status=503;times=2;key=create";
    for _ in 0..2 {
        let reply = api.send(
            Method::POST,
            "/workspaces",
            with_fault(&auth, fault, Some(NEW_WORKSPACE)),
        );
        assert_eq!(reply.status, 503);
        assert_eq!(
            reply.json(),
            json!({
                "error": {"code": 503, "message": "Injected fault (sandbox)", "metadata": null},
                "user_id": "user_sandbox",
            })
        );
        // Faulted requests do not perform the operation.
        assert_eq!(api.workspaces().len(), 1);
    }
    let reply = api.send(
        Method::POST,
        "/workspaces",
        with_fault(&auth, fault, Some(NEW_WORKSPACE)),
    );
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(api.workspaces().len(), 2);
    assert_eq!(api.counts(Some("create"))["create-workspace"], 3);
}

#[test]
fn times_counts_each_distinct_header_value_separately() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    for fault in ["status=500;times=1;key=a", "status=500;times=1;key=b"] {
        let first = api.send(Method::GET, "/workspaces", with_fault(&auth, fault, None));
        let second = api.send(Method::GET, "/workspaces", with_fault(&auth, fault, None));
        assert_eq!((first.status, second.status), (500, 200), "{fault}");
    }
}

#[test]
fn status_without_times_applies_every_time() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    for _ in 0..3 {
        let reply = api.send(
            Method::GET,
            "/workspaces/default",
            with_fault(&auth, "status=500", None),
        );
        assert_eq!(reply.status, 500);
        assert_eq!(reply.json()["error"]["code"], 500);
    }
}

#[test]
fn retry_after_is_added_to_the_faulted_answer() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let reply = api.send(
        Method::POST,
        "/keys",
        with_fault(&auth, "status=429;retry-after=1", Some(r#"{"name":"k"}"#)),
    );
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert_eq!(reply.json()["error"]["code"], 429);
}

#[test]
fn html_body_replaces_the_envelope() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let reply = api.send(
        Method::GET,
        "/workspaces",
        with_fault(&auth, "status=502;body=html", None),
    );
    assert_eq!(reply.status, 502);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(
        reply.text,
        "<html><body><h1>502 Bad Gateway</h1></body></html>"
    );
}

#[test]
fn delay_holds_the_answer_back_then_answers_normally() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let started = Instant::now();
    let reply = api.send(
        Method::POST,
        "/workspaces",
        with_fault(&auth, "delay-ms=300", Some(NEW_WORKSPACE)),
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.status, 201, "{}", reply.text);

    // With a status, the delay comes first, then the fault.
    let started = Instant::now();
    let reply = api.send(
        Method::GET,
        "/workspaces",
        with_fault(&auth, "delay-ms=200;status=504", None),
    );
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(reply.status, 504);
}

#[test]
fn drop_closes_the_connection_without_an_answer_or_the_operation() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let received = api.raw(
        "POST",
        "/workspaces",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
            ("x-sandbox-fault", "drop;key=d"),
        ],
        NEW_WORKSPACE,
    );
    assert!(received.is_empty(), "got {} bytes", received.len());
    assert_eq!(api.workspaces().len(), 1, "the operation was not performed");
    assert_eq!(api.counts(Some("d"))["create-workspace"], 1);

    // Whatever the key.
    let received = api.raw("GET", "/workspaces", &[("x-sandbox-fault", "drop")], "");
    assert!(received.is_empty());

    // A blocking client sees a transport error.
    let result = ureq::Agent::new_with_defaults()
        .get(format!("{}/workspaces", api.sandbox.base_url()))
        .header("authorization", &auth)
        .header("x-sandbox-fault", "drop")
        .call();
    assert!(result.is_err());
}

#[test]
fn truncate_performs_the_operation_and_sends_half_the_body() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let received = api.raw(
        "POST",
        "/workspaces",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
            ("x-sandbox-fault", "truncate"),
        ],
        NEW_WORKSPACE,
    );
    let (head, body) = split_response(&received);
    assert!(head.starts_with("HTTP/1.1 201"), "{head}");
    let length: usize = raw_header(&head, "content-length")
        .unwrap()
        .parse()
        .unwrap();
    assert!(length > 100);
    assert_eq!(body.len(), length / 2);
    assert!(raw_header(&head, "x-request-id").is_some());
    // The workspace was created all the same.
    assert_eq!(api.workspaces().len(), 2);

    // A blocking client cannot read the whole body.
    let mut response = ureq::Agent::new_with_defaults()
        .get(format!("{}/workspaces", api.sandbox.base_url()))
        .header("authorization", &auth)
        .header("x-sandbox-fault", "truncate")
        .call()
        .unwrap();
    assert!(response.body_mut().read_to_string().is_err());
}

#[test]
fn wrapped_body_performs_the_operation_and_carries_its_answer() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let reply = api.send(
        Method::POST,
        "/keys",
        with_fault(
            &auth,
            "status=502;body=wrapped",
            Some(r#"{"name":"wrapped"}"#),
        ),
    );
    assert_eq!(reply.status, 502);
    let error = &reply.json()["error"];
    assert_eq!(error["code"], 502);
    let secret = error["metadata"]["upstream"]["key"]
        .as_str()
        .expect("the create-keys answer's secret is in the metadata");
    assert!(secret.starts_with("sk-mg-v1-"));
    let raw = error["metadata"]["raw"].as_str().expect("raw is text");
    assert_eq!(serde_json::from_str::<Value>(raw).unwrap()["key"], secret);
    assert_eq!(error["metadata"]["upstream"]["data"]["name"], "wrapped");
}

#[test]
fn faults_come_after_auth_except_delay_and_drop() {
    let api = Api::start();
    let wrong = bearer("sk-mg-wrong");
    for fault in [
        "status=503",
        "status=502;body=html",
        "truncate",
        "not a fault",
    ] {
        let reply = api.send(Method::GET, "/workspaces", with_fault(&wrong, fault, None));
        assert_eq!(reply.status, 401, "{fault}");
        assert_eq!(reply.json()["error"]["code"], 401);
    }
    let started = Instant::now();
    let reply = api.send(
        Method::GET,
        "/workspaces",
        with_fault(&wrong, "delay-ms=200", None),
    );
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(reply.status, 401);
}

#[test]
fn an_unparseable_fault_header_is_a_400_naming_it() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    for fault in [
        "explode",
        "status=abc",
        "status=200",
        "body=html",
        "drop;status=500",
    ] {
        let reply = api.send(
            Method::POST,
            "/workspaces",
            with_fault(&auth, fault, Some(NEW_WORKSPACE)),
        );
        assert_eq!(reply.status, 400, "{fault}");
        assert_eq!(reply.error_field().as_deref(), Some("x-sandbox-fault"));
    }
    assert_eq!(api.workspaces().len(), 1);
}

#[test]
fn counts_every_request_that_reached_an_operation() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let zero = zero_counts();
    assert_eq!(api.counts(None), zero);

    api.create_workspace("C", "c");
    api.get("/workspaces/c");
    api.get("/workspaces/missing");
    api.patch("/workspaces/c", &json!({"name": "D"}));
    api.post("/keys", &json!({"name": "k"}));
    api.post("/keys", &json!({"name": ""}));
    // Refused by auth, faulted, or labelled: all counted.
    api.send(Method::GET, "/workspaces", Outgoing::default());
    api.send(
        Method::GET,
        "/workspaces",
        with_fault(&auth, "status=500;key=x", None),
    );
    api.send(Method::GET, "/workspaces", with_fault(&auth, "key=x", None));
    api.send(
        Method::POST,
        "/keys",
        with_fault(&auth, "key=y", Some(r#"{"name":"k"}"#)),
    );
    // Not an operation: not counted.
    api.send(Method::GET, "/_sandbox/counts", Outgoing::default());
    api.get("/nowhere");

    let mut expected = zero.clone();
    expected["create-workspace"] = json!(1);
    expected["list-workspaces"] = json!(3);
    expected["get-workspace"] = json!(2);
    expected["update-workspace"] = json!(1);
    expected["create-keys"] = json!(3);
    assert_eq!(api.counts(None), expected);
    let mut only_x = zero.clone();
    only_x["list-workspaces"] = json!(2);
    assert_eq!(api.counts(Some("x")), only_x);
    let mut only_y = zero.clone();
    only_y["create-keys"] = json!(1);
    assert_eq!(api.counts(Some("y")), only_y);
    assert_eq!(api.counts(Some("never-used")), zero);
}

#[test]
fn counts_the_lifecycle_operations_by_operation_id() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let (key, secret) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", key["hash"].as_str().unwrap());
    api.create_workspace("Gone", "gone");

    api.get("/keys");
    api.get("/keys?include_disabled=maybe");
    api.get(&path);
    api.get("/keys/unknown");
    api.patch(&path, &json!({"name": "renamed"}));
    api.patch(&path, &json!({}));
    api.call_as(&secret, Method::GET, "/key", None);
    api.call_as(&secret, Method::GET, "/key", None);
    api.get("/key");
    api.send(Method::GET, "/key", Outgoing::default());
    api.delete("/workspaces/gone");
    api.delete("/workspaces/default");
    api.send(
        Method::DELETE,
        &path,
        with_fault(&auth, "status=503;key=del", None),
    );
    api.send(Method::DELETE, &path, with_fault(&auth, "key=del", None));

    let mut expected = zero_counts();
    expected["create-workspace"] = json!(1);
    expected["get-workspace"] = json!(0);
    expected["delete-workspace"] = json!(2);
    expected["create-keys"] = json!(1);
    expected["list-keys"] = json!(2);
    expected["get-key"] = json!(2);
    expected["update-keys"] = json!(2);
    expected["delete-keys"] = json!(2);
    expected["get-current-key"] = json!(4);
    assert_eq!(api.counts(None), expected);
    let mut only_del = zero_counts();
    only_del["delete-keys"] = json!(2);
    assert_eq!(api.counts(Some("del")), only_del);
}

#[test]
fn status_faults_skip_the_lifecycle_operations() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let (key, secret) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", key["hash"].as_str().unwrap());
    api.create_workspace("Kept", "kept");

    let reply = api.send(Method::DELETE, &path, with_fault(&auth, "status=503", None));
    assert_eq!(reply.status, 503);
    let reply = api.send(
        Method::PATCH,
        &path,
        with_fault(&auth, "status=500", Some(r#"{"name":"renamed"}"#)),
    );
    assert_eq!(reply.status, 500);
    let reply = api.send(
        Method::DELETE,
        "/workspaces/kept",
        with_fault(&auth, "status=502", None),
    );
    assert_eq!(reply.status, 502);
    let reply = api.send(
        Method::GET,
        "/keys",
        with_fault(&auth, "status=429;retry-after=1", None),
    );
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert_eq!(reply.json()["error"]["code"], 429);

    // A minted key passes auth on GET /key, so the fault applies; it is not marked used.
    let minted = bearer(&secret);
    let reply = api.send(Method::GET, "/key", with_fault(&minted, "status=503", None));
    assert_eq!(reply.status, 503);
    // On a management operation, auth comes first: 403, whatever the fault.
    let reply = api.send(
        Method::GET,
        "/keys",
        with_fault(&minted, "status=503", None),
    );
    assert_eq!(reply.status, 403);

    // None of the faulted operations happened.
    let fetched = api.get(&path).json()["data"].clone();
    assert_eq!(fetched, key);
    assert_eq!(fetched["last_used_at"], Value::Null);
    assert_eq!(api.get("/workspaces/kept").status, 200);

    // `times` lets the retry through.
    let fault = "status=503;times=1;key=retry";
    let first = api.send(Method::DELETE, &path, with_fault(&auth, fault, None));
    let second = api.send(Method::DELETE, &path, with_fault(&auth, fault, None));
    assert_eq!((first.status, second.status), (503, 200));
    assert_eq!(api.get(&path).status, 404);
}

#[test]
fn drop_on_delete_keys_keeps_the_key() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", key["hash"].as_str().unwrap());
    let received = api.raw(
        "DELETE",
        &path,
        &[("authorization", &auth), ("x-sandbox-fault", "drop")],
        "",
    );
    assert!(received.is_empty(), "got {} bytes", received.len());
    assert_eq!(api.get(&path).status, 200);
}

#[test]
fn truncate_on_delete_keys_deletes_then_cuts_the_body() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", key["hash"].as_str().unwrap());
    let received = api.raw(
        "DELETE",
        &path,
        &[("authorization", &auth), ("x-sandbox-fault", "truncate")],
        "",
    );
    let (head, body) = split_response(&received);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let length: usize = raw_header(&head, "content-length")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(length, r#"{"deleted":true}"#.len());
    assert_eq!(body.len(), length / 2);
    assert_eq!(body, br#"{"delete"#);
    // The key was deleted all the same, so a retry finds nothing.
    assert_eq!(api.get(&path).status, 404);
    let retry = api.delete(&path);
    assert_eq!(retry.status, 404, "{}", retry.text);
    assert_eq!(retry.json()["error"]["code"], 404);
}
