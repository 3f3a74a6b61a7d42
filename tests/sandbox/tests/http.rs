//! What every answer shares: auth, the error envelope, `x-request-id`, CORS, and the
//! `/_sandbox` helpers that need no key.

mod common;

use common::{Api, MANAGEMENT_KEY, Outgoing, RESTRICTED_KEY, bearer};
use modelgates_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};
use std::time::Duration;

use ureq::http::Method;

/// One request per management operation (all but get-current-key), each with a valid body.
fn operations() -> Vec<(Method, &'static str, Option<&'static str>)> {
    vec![
        (
            Method::POST,
            "/workspaces",
            Some(r#"{"name":"A","slug":"a"}"#),
        ),
        (Method::GET, "/workspaces", None),
        (Method::GET, "/workspaces/default", None),
        (
            Method::PATCH,
            "/workspaces/default",
            Some(r#"{"name":"B"}"#),
        ),
        (Method::DELETE, "/workspaces/default", None),
        (Method::POST, "/keys", Some(r#"{"name":"k"}"#)),
        (Method::GET, "/keys", None),
        (Method::GET, "/keys/abc", None),
        (Method::PATCH, "/keys/abc", Some(r#"{"name":"k2"}"#)),
        (Method::DELETE, "/keys/abc", None),
    ]
}

#[test]
fn every_operation_needs_a_valid_bearer_key() {
    let api = Api::start();
    let wrong = bearer("sk-mg-wrong");
    let management_without_scheme = MANAGEMENT_KEY.to_owned();
    let basic = format!("Basic {MANAGEMENT_KEY}");
    let mut every_operation = operations();
    every_operation.push((Method::GET, "/key", None));
    for (method, path, body) in every_operation {
        for authorization in [
            None,
            Some(""),
            Some("Bearer"),
            Some("Bearer "),
            Some(wrong.as_str()),
            Some(management_without_scheme.as_str()),
            Some(basic.as_str()),
        ] {
            let reply = api.send(
                method.clone(),
                path,
                Outgoing {
                    authorization,
                    body,
                    ..Outgoing::default()
                },
            );
            assert_eq!(reply.status, 401, "{method} {path}");
            assert_eq!(reply.error_field(), None);
            assert_eq!(reply.json()["user_id"], Value::Null);
            assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
        }
    }
    // None of them did anything.
    assert_eq!(api.workspaces().len(), 1);
    assert_eq!(api.workspaces()[0]["name"], "Default");
}

#[test]
fn the_restricted_key_gets_403() {
    let api = Api::start();
    let restricted = bearer(RESTRICTED_KEY);
    for (method, path, body) in operations() {
        let reply = api.send(
            method.clone(),
            path,
            Outgoing {
                authorization: Some(&restricted),
                body,
                ..Outgoing::default()
            },
        );
        assert_eq!(reply.status, 403, "{method} {path}");
        assert_eq!(reply.error_message(), "a management key is required");
        assert_eq!(reply.json()["user_id"], "user_sandbox");
    }
    assert_eq!(api.workspaces().len(), 1);
    // It may still describe itself.
    let reply = api.call_as(RESTRICTED_KEY, Method::GET, "/key", None);
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["data"]["is_management_key"], false);
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let api = Api::start();
    let reply = api.send(
        Method::GET,
        "/workspaces",
        Outgoing {
            authorization: Some(&format!("bearer {MANAGEMENT_KEY}")),
            ..Outgoing::default()
        },
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn auth_is_checked_before_validation() {
    let api = Api::start();
    let invalid = Some(r#"{"slug": "NOT VALID"}"#);
    let wrong = bearer("sk-mg-wrong");
    let restricted = bearer(RESTRICTED_KEY);
    for (authorization, status) in [(wrong.as_str(), 401), (restricted.as_str(), 403)] {
        for (method, path) in [
            (Method::POST, "/workspaces"),
            (Method::PATCH, "/workspaces/nope"),
            (Method::POST, "/keys"),
            (Method::PATCH, "/keys/nope"),
        ] {
            let reply = api.send(
                method.clone(),
                path,
                Outgoing {
                    authorization: Some(authorization),
                    body: invalid,
                    ..Outgoing::default()
                },
            );
            assert_eq!(reply.status, status, "{method} {path}");
        }
        for (method, path) in [
            (Method::GET, "/workspaces?limit=x"),
            (Method::GET, "/keys?include_disabled=x&workspace_id=y"),
            (
                Method::DELETE,
                "/workspaces/default?confirm_default_workspace_deletion=x",
            ),
        ] {
            let reply = api.send(
                method.clone(),
                path,
                Outgoing {
                    authorization: Some(authorization),
                    ..Outgoing::default()
                },
            );
            assert_eq!(reply.status, status, "{method} {path}");
        }
    }
}

#[test]
fn every_answer_has_a_request_id() {
    let api = Api::start();
    let replies = [
        api.get("/workspaces"),
        api.get("/workspaces/nope"),
        api.post("/workspaces", &json!({})),
        api.send(Method::GET, "/workspaces", Outgoing::default()),
        api.send(Method::GET, "/no/such/route", Outgoing::default()),
        api.send(Method::GET, "/_sandbox/counts", Outgoing::default()),
        api.send(Method::GET, "/_sandbox/health", Outgoing::default()),
    ];
    let mut seen = Vec::new();
    for reply in &replies {
        let id = reply.header("x-request-id").expect("x-request-id");
        let hex = id.strip_prefix("req_").expect("req_ prefix");
        assert!(
            hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        assert!(!seen.contains(&id.to_owned()), "request ids are unique");
        seen.push(id.to_owned());
    }
}

#[test]
fn unknown_routes_and_methods_answer_the_envelope() {
    let api = Api::start();
    let reply = api.get("/nothing-here");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.error_field(), None);

    for (method, path) in [
        (Method::PUT, "/workspaces/default"),
        (Method::DELETE, "/keys"),
        (Method::POST, "/keys/abc"),
        (Method::DELETE, "/key"),
    ] {
        let reply = api.call(method.clone(), path, None);
        assert_eq!(reply.status, 405, "{method} {path}");
        assert_eq!(reply.error_field(), None);
    }
}

#[test]
fn an_oversized_body_is_refused_with_the_envelope() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    // Just over axum's default 2 MiB limit.
    let huge = format!(
        r#"{{"name":"{}","slug":"big"}}"#,
        "x".repeat((2 << 20) + 1024)
    );
    let reply = api.send(
        Method::POST,
        "/workspaces",
        Outgoing {
            authorization: Some(&auth),
            body: Some(&huge),
            ..Outgoing::default()
        },
    );
    assert_eq!(reply.status, 413);
    assert_eq!(reply.json()["error"]["code"], 413);
}

#[test]
fn cors_preflight_is_answered_for_any_origin() {
    let api = Api::start();
    for path in [
        "/workspaces",
        "/workspaces/default",
        "/keys",
        "/keys/abc",
        "/key",
    ] {
        let url = format!("{}{path}", api.sandbox.base_url());
        let request = ureq::http::Request::builder()
            .method(Method::OPTIONS)
            .uri(url)
            .header("origin", "http://app.example")
            .header("access-control-request-method", "PATCH")
            .header(
                "access-control-request-headers",
                "authorization,content-type,x-sandbox-fault",
            )
            .body(())
            .unwrap();
        let response = ureq::Agent::new_with_defaults().run(request).unwrap();
        assert!(response.status().is_success(), "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        assert_eq!(header("access-control-allow-origin"), "*");
        for method in ["get", "post", "patch", "delete", "options"] {
            assert!(header("access-control-allow-methods").contains(method));
        }
        for allowed in ["authorization", "content-type", "x-sandbox-fault"] {
            assert!(header("access-control-allow-headers").contains(allowed));
        }
    }
    // A preflight is not a request to an operation.
    assert_eq!(api.counts(None)["list-workspaces"], 0);
}

#[test]
fn cors_preflight_allows_delete() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", key["hash"].as_str().unwrap());
    for path in ["/workspaces/default", path.as_str()] {
        let request = ureq::http::Request::builder()
            .method(Method::OPTIONS)
            .uri(format!("{}{path}", api.sandbox.base_url()))
            .header("origin", "http://app.example")
            .header("access-control-request-method", "DELETE")
            .header("access-control-request-headers", "authorization")
            .body(())
            .unwrap();
        let response = ureq::Agent::new_with_defaults().run(request).unwrap();
        assert!(response.status().is_success(), "{path}");
        let methods = response
            .headers()
            .get("access-control-allow-methods")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_uppercase();
        assert!(
            methods.split(',').any(|m| m.trim() == "DELETE"),
            "{methods}"
        );
        assert_eq!(
            response
                .headers()
                .get("access-control-allow-origin")
                .and_then(|v| v.to_str().ok()),
            Some("*")
        );
    }
    // The preflight did nothing: the key is still there, and nothing was counted.
    assert_eq!(api.key_names(""), ["k"]);
    assert_eq!(api.counts(None)["delete-keys"], 0);
    assert_eq!(api.counts(None)["delete-workspace"], 0);
    // The DELETE itself answers with the CORS headers.
    let reply = api.send(
        Method::DELETE,
        &format!("/keys/{}", key["hash"].as_str().unwrap()),
        Outgoing {
            authorization: Some(&bearer(MANAGEMENT_KEY)),
            ..Outgoing::default()
        },
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn cors_headers_are_on_success_error_and_fault_answers() {
    let api = Api::start();
    let auth = bearer(MANAGEMENT_KEY);
    let replies = [
        api.get("/workspaces"),
        api.send(Method::GET, "/workspaces", Outgoing::default()),
        api.post("/workspaces", &json!({"name": ""})),
        api.send(
            Method::GET,
            "/workspaces",
            Outgoing {
                authorization: Some(&auth),
                fault: Some("status=503;retry-after=2"),
                ..Outgoing::default()
            },
        ),
        api.send(Method::GET, "/_sandbox/counts", Outgoing::default()),
    ];
    for reply in &replies {
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some("*"),
            "status {}",
            reply.status
        );
        let exposed = reply
            .header("access-control-expose-headers")
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(exposed.contains("x-request-id") && exposed.contains("retry-after"));
    }
}

#[test]
fn the_helpers_need_no_key() {
    let api = Api::start();
    let reply = api.send(Method::GET, "/_sandbox/health", Outgoing::default());
    assert_eq!((reply.status, reply.text.as_str()), (200, "ok"));
    let reply = api.send(Method::GET, "/_sandbox/counts", Outgoing::default());
    assert_eq!(reply.status, 200);
}

#[test]
fn start_refuses_an_empty_management_key() {
    let error = Sandbox::start(SandboxConfig::new("")).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn urls_and_shutdown() {
    let sandbox = Sandbox::start(SandboxConfig::new(MANAGEMENT_KEY)).unwrap();
    let addr = sandbox.local_addr();
    assert_eq!(
        sandbox.origin(),
        format!("http://127.0.0.1:{}", addr.port())
    );
    assert_eq!(
        sandbox.base_url(),
        format!("http://127.0.0.1:{}/api/v1", addr.port())
    );
    // An idle keep-alive connection must not hold shutdown up.
    let agent = ureq::Agent::new_with_defaults();
    agent
        .get(format!("{}/_sandbox/health", sandbox.origin()))
        .call()
        .unwrap();
    let started = std::time::Instant::now();
    sandbox.shutdown();
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "no longer listening"
    );
}

/// One HTTP/1.1 answer read off `stream`: its status line and body (by `Content-Length`).
fn read_answer(stream: &mut std::net::TcpStream) -> std::io::Result<(String, String)> {
    use std::io::{BufRead, BufReader, Read};
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    if reader.read_line(&mut status)? == 0 {
        return Err(std::io::Error::other("the connection was closed"));
    }
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().map_err(std::io::Error::other)?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8(body).map_err(std::io::Error::other)?;
    Ok((status.trim().to_owned(), body))
}

#[test]
fn an_early_answer_to_a_body_sent_late_keeps_the_connection_usable() {
    // A wrong key is answered before the body is needed. Before the sandbox read every body
    // first, hyper closed a connection whose body had not arrived yet when it answered, and a
    // client that reused it failed its next request.
    use std::io::Write;
    let api = Api::start();
    let mut stream = std::net::TcpStream::connect(api.sandbox.local_addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let body = r#"{"name":"Late","slug":"late"}"#;
    write!(
        stream,
        "POST /api/v1/workspaces HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer wrong\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    stream.write_all(body.as_bytes()).unwrap();
    let (status, _) = read_answer(&mut stream).unwrap();
    assert!(status.contains(" 401 "), "{status}");
    write!(
        stream,
        "GET /api/v1/workspaces HTTP/1.1\r\nHost: sandbox\r\nAuthorization: {}\r\n\r\n",
        bearer(MANAGEMENT_KEY)
    )
    .unwrap();
    let (status, text) = read_answer(&mut stream).expect("a second request on the connection");
    assert!(status.contains(" 200 "), "{status}: {text}");
}
