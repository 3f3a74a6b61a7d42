//! End-to-end: the real core, driven by the blocking client (feature `blocking`), against the sandbox over real
//! HTTP, through every operation and every fault the sandbox can inject.

// Helpers outside #[test] functions fail the test the same way an assertion does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use modelgates_core::blocking::BlockingClient;
use modelgates_core::{
    Config, CreateKeyRequest, CreateWorkspaceRequest, DeleteWorkspaceRequest, Error, ErrorClass,
    ErrorKind, LimitReset, ListKeysRequest, ListWorkspacesRequest, RetryPolicy, Timestamp,
    UpdateKeyRequest, UpdateWorkspaceRequest,
};
use modelgates_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

mod support {
    pub mod prism;
}
use support::prism::Prism;

const RESTRICTED_KEY: &str = "sk-mg-restricted-e2e";

struct World {
    // Dropped first: the proxy checks its log for violations when it stops.
    prism: Option<Prism>,
    sandbox: Sandbox,
    key: String,
}

fn world() -> World {
    let key = format!("sk-mg-e2e-{:016x}", fastrand_u64());
    let sandbox = Sandbox::start(SandboxConfig {
        host: [127, 0, 0, 1].into(),
        port: 0,
        management_key: key.clone(),
        restricted_key: Some(RESTRICTED_KEY.to_owned()),
    })
    .expect("sandbox starts");
    World {
        prism: Prism::from_env(&sandbox.base_url()),
        sandbox,
        key,
    }
}

fn fastrand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::process::id())
}

/// Fast retries so the fault tests take milliseconds, not seconds.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(100),
        max_elapsed: Duration::from_secs(10),
        jitter: 0.25,
    }
}

impl World {
    /// Through Prism when it runs, so the traffic is checked against the spec.
    fn config(&self) -> Config {
        let base_url = match &self.prism {
            Some(prism) => prism.url().to_owned(),
            None => self.sandbox.base_url(),
        };
        Config::new(self.key.clone())
            .with_base_url(base_url)
            .with_retry(quick_retries())
    }

    /// Straight to the sandbox, for faults that break HTTP itself or the spec on purpose (a
    /// dropped connection, a truncated body, an HTML error page), which a proxy would mask.
    fn direct_config(&self) -> Config {
        Config::new(self.key.clone())
            .with_base_url(self.sandbox.base_url())
            .with_retry(quick_retries())
    }

    fn client(&self) -> BlockingClient {
        BlockingClient::new(self.config()).unwrap()
    }

    /// A client whose every request carries the fault header.
    fn faulty(&self, fault: &str) -> BlockingClient {
        BlockingClient::new(self.config().with_header("x-sandbox-fault", fault)).unwrap()
    }

    /// The same, straight to the sandbox (see `direct_config`).
    fn faulty_direct(&self, fault: &str) -> BlockingClient {
        BlockingClient::new(self.direct_config().with_header("x-sandbox-fault", fault)).unwrap()
    }

    /// How many requests of `operation` carried a fault header with `key=<label>`.
    fn count(&self, label: &str, operation: &str) -> u64 {
        let url = format!("{}/_sandbox/counts?key={label}", self.sandbox.origin());
        let body = ureq::get(&url)
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap();
        let counts: Value = serde_json::from_str(&body).unwrap();
        counts[operation].as_u64().unwrap_or(0)
    }

    fn total(&self, operation: &str) -> u64 {
        let url = format!("{}/_sandbox/counts", self.sandbox.origin());
        let body = ureq::get(&url)
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap();
        let counts: Value = serde_json::from_str(&body).unwrap();
        counts[operation].as_u64().unwrap_or(0)
    }

    /// Asserts that nothing a user could see of `error` shows the management key.
    fn assert_no_key(&self, error: &Error) {
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains(&self.key),
            "the management key leaked into an error"
        );
    }
}

fn expect_err<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error,
    }
}

#[test]
fn the_whole_flow_works() {
    let w = world();
    let client = w.client();

    let mut create = CreateWorkspaceRequest::new("Production", "production");
    create.description = Some("Production environment workspace".into());
    create.default_text_model = Some("openai/gpt-4o".into());
    let created = client.create_workspace(create).unwrap();
    assert_eq!(created.slug, "production");
    assert_eq!(
        created.description.as_deref(),
        Some("Production environment workspace")
    );
    assert_eq!(created.updated_at, None);

    let page = client
        .list_workspaces(ListWorkspacesRequest::default())
        .unwrap();
    assert_eq!(page.total_count, 2, "the default workspace and ours");
    assert!(page.data.iter().any(|ws| ws.id == created.id));

    assert_eq!(client.get_workspace("production").unwrap(), created);
    assert_eq!(client.get_workspace(&created.id).unwrap(), created);

    let changes = UpdateWorkspaceRequest {
        name: Some("Production (EU)".into()),
        description: Some(modelgates_core::StringOrNull::Null),
        io_logging_sampling_rate: Some(0.25),
        ..Default::default()
    };
    let updated = client.update_workspace("production", changes).unwrap();
    assert_eq!(updated.name, "Production (EU)");
    assert_eq!(updated.description, None, "null clears the description");
    assert_eq!(
        updated.default_text_model.as_deref(),
        Some("openai/gpt-4o"),
        "absent fields are kept"
    );
    assert_eq!(updated.io_logging_sampling_rate, 0.25);
    assert!(updated.updated_at.is_some());

    let mut key_request = CreateKeyRequest::new("Analytics Service Key");
    key_request.workspace_id = Some(created.id.clone());
    key_request.limit = Some(100.0.into());
    key_request.limit_reset = Some(LimitReset::Weekly.into());
    key_request.expires_at = Some(timestamp("2029-12-01T01:59:59+02:00").into());
    let key = client.create_key(key_request).unwrap();
    assert_eq!(key.data.workspace_id, created.id);
    assert_eq!(key.data.limit, Some(100.0));
    assert_eq!(key.data.limit_reset, Some(LimitReset::Weekly));
    assert_eq!(
        key.data.expires_at.map(|t| t.to_string()).as_deref(),
        Some("2029-11-30T23:59:59Z"),
        "sent in UTC"
    );
    let secret = key.key.expose().to_owned();
    assert!(!secret.is_empty());
    assert!(
        !format!("{key:?}").contains(&secret),
        "Debug redacts the secret"
    );
    assert!(!key.data.label.contains(&secret));

    let default_key = client
        .create_key(CreateKeyRequest::new("Default key"))
        .unwrap();
    let default_ws = client.get_workspace("default").unwrap();
    assert_eq!(
        default_key.data.workspace_id, default_ws.id,
        "no workspace_id: the default workspace"
    );
    assert_ne!(
        default_key.key.expose(),
        secret,
        "every key gets a fresh secret"
    );
}

#[test]
fn the_key_lifecycle_works() {
    let w = world();
    let client = w.client();
    let team = client
        .create_workspace(CreateWorkspaceRequest::new("Team", "team"))
        .unwrap();
    let in_team = |name: &str| {
        let mut request = CreateKeyRequest::new(name);
        request.workspace_id = Some(team.id.clone());
        request.limit = Some(10.0.into());
        client.create_key(request).unwrap()
    };
    let keys: Vec<_> = (0..3).map(|i| in_team(&format!("key {i}"))).collect();
    let team_filter = ListKeysRequest {
        workspace_id: Some(team.id.clone()),
        ..Default::default()
    };

    // The walk: every key of the workspace, once each, until a page is empty.
    let walked: Vec<String> = client
        .keys(team_filter.clone())
        .unwrap()
        .map(|key| key.unwrap().hash)
        .collect();
    assert_eq!(
        walked,
        keys.iter().map(|k| k.data.hash.clone()).collect::<Vec<_>>()
    );

    let first = &keys[0].data;
    let got = client.get_key(&*first.hash).unwrap();
    assert_eq!((got.name.as_str(), got.limit), ("key 0", Some(10.0)));
    assert_eq!(got.last_used_at, None);

    // Absent stays, null clears, and a disabled key leaves the default listing.
    let changes = UpdateKeyRequest {
        name: Some("renamed".into()),
        disabled: Some(true),
        limit: Some(modelgates_core::DoubleOrNull::Null),
        ..Default::default()
    };
    let updated = client.update_key(&*first.hash, changes).unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.disabled, updated.limit),
        ("renamed", true, None)
    );
    assert!(updated.updated_at.is_some());
    let listed = client.list_keys(team_filter.clone()).unwrap();
    assert_eq!(listed.data.len(), 2, "the disabled key is hidden");
    let with_disabled = ListKeysRequest {
        include_disabled: Some(true),
        ..team_filter.clone()
    };
    assert_eq!(client.list_keys(with_disabled).unwrap().data.len(), 3);

    // Renaming onto a taken name is a typed conflict; an update that changes nothing is refused
    // before sending.
    let clash = UpdateKeyRequest {
        name: Some("key 1".into()),
        ..Default::default()
    };
    let conflict = expect_err(client.update_key(&*keys[2].data.hash, clash));
    assert_eq!(conflict.class(), ErrorClass::Conflict);
    let nothing = expect_err(client.update_key(&*first.hash, UpdateKeyRequest::default()));
    assert_eq!(nothing.field(), Some("body"));

    // A workspace with active keys cannot be deleted; once they are gone, it can.
    let refused = expect_err(client.delete_workspace(&*team.id, DeleteWorkspaceRequest::default()));
    assert_eq!(refused.class(), ErrorClass::BadRequest);
    for key in &keys[1..] {
        assert!(client.delete_key(&*key.data.hash).unwrap().deleted);
    }
    let gone = expect_err(client.get_key(&*keys[1].data.hash));
    assert_eq!(gone.class(), ErrorClass::NotFound);
    assert!(
        client
            .delete_workspace("team", DeleteWorkspaceRequest::default())
            .unwrap()
            .deleted
    );

    // The calling key describes itself.
    let me = client.get_current_key().unwrap();
    assert!(me.is_management_key);
}

#[test]
fn a_delete_whose_answer_was_lost_is_reported_done() {
    let w = world();
    let key = w
        .client()
        .create_key(CreateKeyRequest::new("lost answer"))
        .unwrap();
    // The first attempt deletes the key and its answer is cut short; the retry finds it gone.
    let flaky = w.faulty_direct("truncate;times=1;key=e2e-lost-delete");
    let deleted = flaky.delete_key(&*key.data.hash).unwrap();
    assert!(deleted.deleted);
    assert_eq!(w.count("e2e-lost-delete", "delete-keys"), 2);
    // A plain 404 (nothing was attempted before) is still an error.
    let missing = expect_err(w.client().delete_key("no-such-key"));
    assert_eq!(missing.class(), ErrorClass::NotFound);
}

#[test]
fn execute_with_response_gives_the_answer_the_result_came_in() {
    let w = world();
    let (workspace, answer) = w
        .client()
        .execute_with_response(modelgates_core::api::workspaces::GetWorkspace {
            id: "default".into(),
        })
        .unwrap();
    assert_eq!(workspace.slug, "default");
    assert_eq!((answer.operation, answer.status), ("get-workspace", 200));
    assert!(answer.request_id().is_some_and(|id| id.starts_with("req_")));
    assert!(
        answer
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("application/json"))
    );
}

#[test]
fn list_all_walks_every_page() {
    let w = world();
    let client = w.client();
    for i in 0..6 {
        client
            .create_workspace(CreateWorkspaceRequest::new(
                format!("WS {i}"),
                format!("ws-{i}"),
            ))
            .unwrap();
    }
    let all = client.list_all_workspaces(Some(2)).unwrap();
    assert_eq!(all.len(), 7);
    let mut slugs: Vec<&str> = all.iter().map(|ws| ws.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), 7, "no duplicates");
    let page = client
        .list_workspaces(ListWorkspacesRequest {
            offset: Some(5),
            limit: Some(10),
        })
        .unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.total_count, 7);
}

#[test]
fn the_walk_goes_on_past_short_pages_and_a_growing_list() {
    let w = world();
    let client = w.client();
    for i in 0..9 {
        client
            .create_workspace(CreateWorkspaceRequest::new(
                format!("WS {i}"),
                format!("ws-{i}"),
            ))
            .unwrap();
    }
    // The server gives 3 per page although 100 are asked for: all 10 still come.
    let capped = w.faulty("page-cap=3");
    assert_eq!(capped.list_all_workspaces(None).unwrap().len(), 10);

    // A workspace created mid-walk: the walk goes on to the end of the list as it now stands.
    let mut walk = client.workspaces(Some(4)).unwrap();
    let mut slugs = vec![walk.next().unwrap().unwrap().slug];
    client
        .create_workspace(CreateWorkspaceRequest::new("Late", "late"))
        .unwrap();
    for workspace in walk {
        slugs.push(workspace.unwrap().slug);
    }
    assert_eq!(slugs.len(), 11, "{slugs:?}");
    assert_eq!(slugs.last().map(String::as_str), Some("late"));
}

#[test]
fn a_failed_page_is_retried_when_the_walk_is_asked_again() {
    let w = world();
    let client = w.client();
    for i in 0..3 {
        client
            .create_workspace(CreateWorkspaceRequest::new(
                format!("WS {i}"),
                format!("ws-{i}"),
            ))
            .unwrap();
    }
    let flaky = BlockingClient::new(
        w.config()
            .with_retry(RetryPolicy::none())
            .with_header("x-sandbox-fault", "status=500;times=1;key=walk-resume"),
    )
    .unwrap();
    let mut walk = flaky.workspaces(Some(2)).unwrap();
    let error = expect_err(walk.next().unwrap());
    assert_eq!(error.status(), Some(500));
    let slugs: Vec<String> = walk.map(|w| w.unwrap().slug).collect();
    assert_eq!(slugs, ["default", "ws-0", "ws-1", "ws-2"]);
    assert_eq!(w.count("walk-resume", "list-workspaces"), 3);
}

#[test]
fn a_redirect_is_an_error_never_followed() {
    let w = world();
    let error = expect_err(
        w.faulty_direct("redirect;key=e2e-redirect")
            .get_workspace("default"),
    );
    assert_eq!(error.class(), ErrorClass::Redirect);
    assert!(!error.is_retryable());
    let api = error.api().unwrap();
    assert_eq!(api.status, 302);
    assert_eq!(
        api.location.as_deref(),
        Some("http://127.0.0.1:9/api/v1/redirected")
    );
    assert!(error.to_string().contains("never follows"), "{error}");
    assert_eq!(w.count("e2e-redirect", "get-workspace"), 1);
}

#[test]
fn server_errors_keep_their_details() {
    let w = world();
    let client = w.client();

    let missing = expect_err(client.get_workspace("no-such-workspace"));
    assert_eq!(missing.kind(), ErrorKind::Api);
    assert_eq!(missing.status(), Some(404));
    let api = missing.api().unwrap();
    assert_eq!(api.code, Some(404));
    assert!(
        api.request_id.as_deref().is_some_and(|id| !id.is_empty()),
        "x-request-id kept"
    );

    client
        .create_workspace(CreateWorkspaceRequest::new("A", "taken"))
        .unwrap();
    let clash = expect_err(client.create_workspace(CreateWorkspaceRequest::new("B", "taken")));
    assert_eq!(clash.status(), Some(400));
    assert!(clash.message().contains("slug"), "{}", clash.message());

    let unknown_ws = CreateKeyRequest {
        workspace_id: Some("00000000-0000-4000-8000-000000000000".into()),
        ..CreateKeyRequest::new("k")
    };
    assert_eq!(
        expect_err(client.create_key(unknown_ws)).status(),
        Some(400)
    );

    let wrong_key = BlockingClient::new(w.config().with_retry(RetryPolicy::none()));
    let wrong_key = BlockingClient::new(Config {
        api_key: "sk-mg-wrong".into(),
        ..wrong_key.unwrap().core().config().clone()
    })
    .unwrap();
    let unauthorized = expect_err(wrong_key.list_workspaces(ListWorkspacesRequest::default()));
    assert_eq!(unauthorized.status(), Some(401));
    assert!(!unauthorized.to_string().contains("sk-mg-wrong"));

    let restricted = BlockingClient::new(Config {
        api_key: RESTRICTED_KEY.into(),
        ..w.config()
    })
    .unwrap();
    let forbidden = expect_err(restricted.create_workspace(CreateWorkspaceRequest::new("C", "c")));
    assert_eq!(forbidden.status(), Some(403));
    for error in [&missing, &clash, &unauthorized, &forbidden] {
        w.assert_no_key(error);
    }
}

#[test]
fn invalid_input_sends_nothing() {
    let w = world();
    let client = w.client();
    let before: Vec<u64> = [
        "create-workspace",
        "update-workspace",
        "create-keys",
        "list-workspaces",
        "get-workspace",
    ]
    .iter()
    .map(|op| w.total(op))
    .collect();
    let cases: Vec<(Error, &str)> = vec![
        (
            expect_err(client.create_workspace(CreateWorkspaceRequest::new("X", "Bad Slug"))),
            "slug",
        ),
        (
            expect_err(client.create_workspace(CreateWorkspaceRequest::new("", "ok"))),
            "name",
        ),
        (
            expect_err(client.update_workspace("..", UpdateWorkspaceRequest::default())),
            "id",
        ),
        (
            expect_err(client.update_workspace(
                "x",
                UpdateWorkspaceRequest {
                    io_logging_sampling_rate: Some(2.0),
                    ..Default::default()
                },
            )),
            "io_logging_sampling_rate",
        ),
        (
            expect_err(client.create_key(CreateKeyRequest {
                limit: Some((-1.0).into()),
                ..CreateKeyRequest::new("k")
            })),
            "limit",
        ),
        (
            expect_err(client.list_workspaces(ListWorkspacesRequest {
                offset: None,
                limit: Some(101),
            })),
            "limit",
        ),
        (expect_err(client.get_workspace("")), "id"),
    ];
    for (error, field) in cases {
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(error.field(), Some(field), "{error}");
    }
    let after: Vec<u64> = [
        "create-workspace",
        "update-workspace",
        "create-keys",
        "list-workspaces",
        "get-workspace",
    ]
    .iter()
    .map(|op| w.total(op))
    .collect();
    assert_eq!(before, after, "nothing reached the server");
}

#[test]
fn rate_limit_with_retry_after_is_honoured() {
    let w = world();
    let started = Instant::now();
    let ws = w
        .faulty("status=429;retry-after=1;times=1;key=ra")
        .get_workspace("default")
        .unwrap();
    assert_eq!(ws.slug, "default");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as Retry-After asked"
    );
    assert_eq!(w.count("ra", "get-workspace"), 2);
}

#[test]
fn get_is_retried_through_two_503s() {
    let w = world();
    let page = w
        .faulty("status=503;times=2;key=g503")
        .list_workspaces(ListWorkspacesRequest::default())
        .unwrap();
    assert_eq!(page.total_count, 1);
    assert_eq!(w.count("g503", "list-workspaces"), 3);
}

#[test]
fn patch_is_retried_through_a_500() {
    let w = world();
    let changes = UpdateWorkspaceRequest {
        description: Some("after a 500".into()),
        ..Default::default()
    };
    let ws = w
        .faulty("status=500;times=1;key=p500")
        .update_workspace("default", changes)
        .unwrap();
    assert_eq!(ws.description.as_deref(), Some("after a 500"));
    assert_eq!(w.count("p500", "update-workspace"), 2);
}

#[test]
fn post_is_not_retried_on_503() {
    let w = world();
    let error = expect_err(
        w.faulty("status=503;key=k503")
            .create_key(CreateKeyRequest::new("once")),
    );
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        w.count("k503", "create-keys"),
        1,
        "exactly one POST reached the server"
    );

    let error = expect_err(
        w.faulty("status=500;key=w500")
            .create_workspace(CreateWorkspaceRequest::new("W", "w")),
    );
    assert_eq!(error.status(), Some(500));
    assert_eq!(w.count("w500", "create-workspace"), 1);
    w.assert_no_key(&error);
}

#[test]
fn post_is_retried_on_429() {
    let w = world();
    let key = w
        .faulty("status=429;retry-after=0;times=1;key=k429")
        .create_key(CreateKeyRequest::new("after 429"))
        .unwrap();
    assert_eq!(key.data.name, "after 429");
    assert_eq!(w.count("k429", "create-keys"), 2);
}

#[test]
fn retries_stop_at_the_limit() {
    let w = world();
    let error = expect_err(w.faulty("status=503;key=always").get_workspace("default"));
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        w.count("always", "get-workspace"),
        3,
        "1 attempt + 2 retries"
    );

    let off = BlockingClient::new(
        w.config()
            .with_retry(RetryPolicy::none())
            .with_header("x-sandbox-fault", "status=503;key=off"),
    )
    .unwrap();
    expect_err(off.get_workspace("default"));
    assert_eq!(w.count("off", "get-workspace"), 1, "retries switched off");
}

#[test]
fn dropped_connection() {
    let w = world();
    let ws = w
        .faulty_direct("drop;times=1;key=dg")
        .get_workspace("default")
        .unwrap();
    assert_eq!(ws.slug, "default");
    assert_eq!(
        w.count("dg", "get-workspace"),
        2,
        "GET retried after the drop"
    );

    let error = expect_err(
        w.faulty_direct("drop;key=dp")
            .create_key(CreateKeyRequest::new("dropped")),
    );
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert_eq!(
        w.count("dp", "create-keys"),
        1,
        "POST not retried: the server may have acted"
    );
    w.assert_no_key(&error);
}

#[test]
fn truncated_body() {
    let w = world();
    let ws = w
        .faulty_direct("truncate;times=1;key=tg")
        .get_workspace("default")
        .unwrap();
    assert_eq!(ws.slug, "default");
    assert_eq!(w.count("tg", "get-workspace"), 2);

    let error = expect_err(
        w.faulty_direct("truncate;key=tp")
            .create_key(CreateKeyRequest::new("truncated")),
    );
    assert!(
        matches!(error.kind(), ErrorKind::Transport | ErrorKind::Decode),
        "{error}"
    );
    assert_eq!(w.count("tp", "create-keys"), 1);
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("sk-mg-v1-"),
        "no part of the one-time secret in the error"
    );
    w.assert_no_key(&error);
}

#[test]
fn timeouts() {
    let w = world();
    let config = w.config().with_timeout(Some(Duration::from_millis(300)));
    let slow_get = BlockingClient::new(
        config
            .clone()
            .with_retry(RetryPolicy::none())
            .with_header("x-sandbox-fault", "delay-ms=2000;key=tget"),
    )
    .unwrap();
    let error = expect_err(slow_get.get_workspace("default"));
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");

    let slow_then_fast = BlockingClient::new(
        config
            .clone()
            .with_header("x-sandbox-fault", "delay-ms=2000;times=1;key=tretry"),
    )
    .unwrap();
    assert_eq!(
        slow_then_fast.get_workspace("default").unwrap().slug,
        "default"
    );
    assert_eq!(
        w.count("tretry", "get-workspace"),
        2,
        "GET retried after a timeout"
    );

    let slow_post =
        BlockingClient::new(config.with_header("x-sandbox-fault", "delay-ms=2000;key=tpost"))
            .unwrap();
    let error = expect_err(slow_post.create_key(CreateKeyRequest::new("slow")));
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(
        w.count("tpost", "create-keys"),
        1,
        "POST not retried after a timeout"
    );
}

#[test]
fn non_json_error_body() {
    let w = world();
    let client = BlockingClient::new(
        w.direct_config()
            .with_retry(RetryPolicy::none())
            .with_header("x-sandbox-fault", "status=502;body=html;key=html"),
    )
    .unwrap();
    let error = expect_err(client.get_workspace("default"));
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.api().unwrap().code, None);
    assert!(
        error.message().contains("502") && error.message().contains("Bad Gateway"),
        "{}",
        error.message()
    );
}

#[test]
fn connection_refused_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::new("sk-mg-nowhere")
        .with_base_url(format!("http://127.0.0.1:{port}/api/v1"))
        .with_retry(quick_retries());
    let client = BlockingClient::new(config).unwrap();
    let error = expect_err(client.create_key(CreateKeyRequest::new("nowhere")));
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(!error.to_string().contains("sk-mg-nowhere"));
}

fn timestamp(text: &str) -> Timestamp {
    text.parse().expect("RFC 3339")
}
