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

/// The 23 properties of the spec's ApiKeyRecord: the 21 of ApiKey, `external_user` and
/// `last_used_at`.
pub const KEY_RECORD_PROPERTIES: [&str; 23] = [
    "byok_usage",
    "byok_usage_daily",
    "byok_usage_monthly",
    "byok_usage_weekly",
    "created_at",
    "creator_user_id",
    "disabled",
    "expires_at",
    "external_user",
    "hash",
    "include_byok_in_limit",
    "label",
    "last_used_at",
    "limit",
    "limit_remaining",
    "limit_reset",
    "name",
    "updated_at",
    "usage",
    "usage_daily",
    "usage_monthly",
    "usage_weekly",
    "workspace_id",
];

/// The 25 properties of the spec's CurrentApiKey (24 required, and `expires_at`).
pub const CURRENT_KEY_PROPERTIES: [&str; 25] = [
    "allowed_data_regions",
    "budgets",
    "byok_usage",
    "byok_usage_daily",
    "byok_usage_monthly",
    "byok_usage_weekly",
    "creator_user_id",
    "effective_budget",
    "expires_at",
    "free_model_daily_requests",
    "include_byok_in_limit",
    "is_free_tier",
    "is_management_key",
    "is_provisioning_key",
    "label",
    "limit",
    "limit_remaining",
    "limit_reset",
    "organization_id",
    "rate_limit",
    "usage",
    "usage_daily",
    "usage_monthly",
    "usage_weekly",
    "workspace_id",
];

/// An expiry already in the past: create-keys accepts it, and the key is expired at once.
pub const PAST: &str = "2020-01-01T00:00:00Z";

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
        self.call_as(MANAGEMENT_KEY, method, path, body)
    }

    /// A request with `key` as the bearer token.
    pub fn call_as(&self, key: &str, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let body = body.map(Value::to_string);
        self.send(
            method,
            path,
            Outgoing {
                authorization: Some(&bearer(key)),
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

    pub fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None)
    }

    /// The id of the default workspace (while it exists).
    pub fn default_workspace_id(&self) -> Value {
        let reply = self.get("/workspaces/default");
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()["data"]["id"].clone()
    }

    /// Creates a key and returns `(data, secret)`; on failure shows the status only, since a
    /// successful body would hold a secret.
    pub fn create_key(&self, body: &Value) -> (Value, String) {
        let reply = self.post("/keys", body);
        assert_eq!(reply.status, 201, "creating a key with {body}");
        let mut created = reply.json();
        let secret = created["key"].take();
        (
            created["data"].take(),
            secret.as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Creates a key named `name` (in `workspace_id`, or the default workspace) and returns
    /// its `data`.
    pub fn key_named(&self, name: &str, workspace_id: Option<&Value>) -> Value {
        let mut body = serde_json::json!({ "name": name });
        if let Some(id) = workspace_id {
            body["workspace_id"] = id.clone();
        }
        self.create_key(&body).0
    }

    /// `GET /keys{query}`: the names of the keys listed, in order.
    pub fn key_names(&self, query: &str) -> Vec<String> {
        let reply = self.get(&format!("/keys{query}"));
        assert_eq!(reply.status, 200, "{query}: {}", reply.text);
        reply.json()["data"]
            .as_array()
            .expect("data is an array")
            .iter()
            .map(|key| key["name"].as_str().expect("name").to_owned())
            .collect()
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

/// `/keys/{hash}` of a key's `data`.
pub fn key_path(key: &Value) -> String {
    format!(
        "/keys/{}",
        key["hash"].as_str().expect("the key has a hash")
    )
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

/// Checks the key has exactly the 23 properties of the spec's ApiKeyRecord.
pub fn assert_key_record_shape(key: &Value) {
    assert_properties(key, &KEY_RECORD_PROPERTIES);
}

/// Checks the object's property names, sorted, are exactly `expected`.
pub fn assert_properties(object: &Value, expected: &[&str]) {
    let object = object.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, expected);
}

/// Checks the workspace has exactly the spec's 15 properties.
pub fn assert_workspace_shape(workspace: &Value) {
    let object = workspace.as_object().expect("workspace is an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, WORKSPACE_PROPERTIES);
}
