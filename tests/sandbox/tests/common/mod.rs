//! Shared by the integration tests: a sandbox per test and a small blocking client over real
//! HTTP. Nothing here prints a key: failure messages show statuses and error bodies only.

// Each test file uses a different part of this module; and these helpers sit outside #[test]
// functions, where a failed expectation is still just a failed test.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use modelgates_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use ureq::Agent;
use ureq::http::{HeaderMap, Method, Request};

/// The management key of every test sandbox.
pub const MANAGEMENT_KEY: &str = "sk-mg-test-management-key";
/// The restricted (non-management) key of every test sandbox.
pub const RESTRICTED_KEY: &str = "sk-mg-test-restricted-key";

/// The 15 properties of the spec's Workspace schema.
pub const WORKSPACE_PROPERTIES: [&str; 15] = [
    "created_at",
    "created_by",
    "default_image_model",
    "default_provider_sort",
    "default_text_model",
    "description",
    "id",
    "io_logging_api_key_ids",
    "io_logging_sampling_rate",
    "is_data_discount_logging_enabled",
    "is_observability_broadcast_enabled",
    "is_observability_io_logging_enabled",
    "name",
    "slug",
    "updated_at",
];

/// A running sandbox and a client for it.
pub struct Api {
    pub sandbox: Sandbox,
    agent: Agent,
}

/// One answer, read whole.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|err| panic!("status {}: body is not JSON ({err})", self.status))
    }

    /// A response header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Checks the error envelope and returns `error.metadata.field`.
    pub fn error_field(&self) -> Option<String> {
        let body = self.json();
        assert_eq!(body["error"]["code"], self.status, "{}", self.text);
        assert!(body["error"]["message"].is_string(), "{}", self.text);
        body["error"]["metadata"]["field"]
            .as_str()
            .map(str::to_owned)
    }

    /// `error.message` of the envelope.
    pub fn error_message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// What to send, beyond method and path.
#[derive(Default, Clone, Copy)]
pub struct Outgoing<'a> {
    /// `Authorization` header value; `None` sends none.
    pub authorization: Option<&'a str>,
    /// `X-Sandbox-Fault` header value.
    pub fault: Option<&'a str>,
    /// Raw body text (sent as JSON).
    pub body: Option<&'a str>,
}

impl Api {
    /// A fresh sandbox with the test keys.
    pub fn start() -> Api {
        let mut config = SandboxConfig::new(MANAGEMENT_KEY);
        config.restricted_key = Some(RESTRICTED_KEY.to_owned());
        let sandbox = Sandbox::start(config).expect("sandbox starts");
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Api { sandbox, agent }
    }

    /// Sends a request to `path` under the base URL (or, starting with `/_sandbox`, under the
    /// origin).
    pub fn send(&self, method: Method, path: &str, send: Outgoing<'_>) -> Reply {
        let url = if path.starts_with("/_sandbox") {
            format!("{}{path}", self.sandbox.origin())
        } else {
            format!("{}{path}", self.sandbox.base_url())
        };
        let mut request = Request::builder().method(method).uri(url);
        if let Some(authorization) = send.authorization {
            request = request.header("authorization", authorization);
        }
        if let Some(fault) = send.fault {
            request = request.header("x-sandbox-fault", fault);
        }
        let result = match send.body {
            Some(body) => self.agent.run(
                request
                    .header("content-type", "application/json")
                    .body(body)
                    .expect("request builds"),
            ),
            None => self.agent.run(request.body(()).expect("request builds")),
        };
        let mut response = result.unwrap_or_else(|err| panic!("request failed: {err}"));
        let text = response
            .body_mut()
            .read_to_string()
            .expect("body reads as text");
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            text,
        }
    }

    /// A request with the management key.
    pub fn call(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let body = body.map(Value::to_string);
        self.send(
            method,
            path,
            Outgoing {
                authorization: Some(&bearer(MANAGEMENT_KEY)),
                body: body.as_deref(),
                ..Outgoing::default()
            },
        )
    }

    pub fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Reply {
        self.call(Method::POST, path, Some(body))
    }

    pub fn patch(&self, path: &str, body: &Value) -> Reply {
        self.call(Method::PATCH, path, Some(body))
    }

    /// Creates a workspace and returns it (the `data` object).
    pub fn create_workspace(&self, name: &str, slug: &str) -> Value {
        let reply = self.post(
            "/workspaces",
            &serde_json::json!({ "name": name, "slug": slug }),
        );
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.json()["data"].clone()
    }

    /// All workspaces (the first 100).
    pub fn workspaces(&self) -> Vec<Value> {
        let reply = self.get("/workspaces?limit=100");
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()["data"]
            .as_array()
            .expect("data is an array")
            .clone()
    }

    /// `GET /_sandbox/counts`, optionally `?key=K`.
    pub fn counts(&self, key: Option<&str>) -> Value {
        let path = match key {
            Some(key) => format!("/_sandbox/counts?key={key}"),
            None => "/_sandbox/counts".to_owned(),
        };
        let reply = self.send(Method::GET, &path, Outgoing::default());
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()
    }

    /// Sends raw HTTP/1.1 over a new connection and returns every byte the server sent before
    /// closing (a connection reset counts as closing).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
        let addr = self.sandbox.local_addr();
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("sets timeout");
        let mut request = format!(
            "{method} /api/v1{path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\
             content-length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).expect("sends");
        let mut received = Vec::new();
        let mut buffer = [0_u8; 4096];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
                Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(err) => panic!("read failed: {err}"),
            }
        }
        received
    }
}

/// `Bearer <key>`.
pub fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

/// Splits a raw HTTP response into its head (as text) and body bytes.
pub fn split_response(raw: &[u8]) -> (String, Vec<u8>) {
    let end = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("response has a head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    (head, raw[end + 4..].to_vec())
}

/// A header of a raw response head, by lowercase name.
pub fn raw_header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// Checks the workspace has exactly the spec's 15 properties.
pub fn assert_workspace_shape(workspace: &Value) {
    let object = workspace.as_object().expect("workspace is an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, WORKSPACE_PROPERTIES);
}
