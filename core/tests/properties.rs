//! Properties the core must keep for every input, not just the vectors' examples: valid input
//! round-trips through the request body, any id stays one path segment, and retries never
//! outrun the configured time budget.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::Duration;

use modelgates_core::{
    Action, Client, Config, CreateKeyRequest, CreateWorkspaceRequest, Error, HttpResponse,
    LimitReset, ProviderSort, RetryPolicy, Timestamp, UpdateWorkspaceRequest,
};
use proptest::prelude::*;

const BASE: &str = "https://example.test/api/v1";

fn client(retry: RetryPolicy, seed: u64) -> Client {
    let config = Config::new("sk-mg-property-test-key")
        .with_base_url(BASE)
        .with_retry(retry);
    Client::new(config, seed).unwrap()
}

fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
}

fn name() -> impl Strategy<Value = String> {
    // Any text with something in it that is not whitespace.
    "\\PC{0,10}[a-zA-Z0-9]\\PC{0,10}"
}

/// Absent, null, or a value (`None`, `Some(XOrNull::Null)`, `Some(XOrNull::Value(v))`).
fn nullable<T: std::fmt::Debug + Clone, X: From<Option<T>> + std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<X>> {
    prop_oneof![
        Just(None),
        Just(Some(X::from(None))),
        value.prop_map(|v| Some(X::from(Some(v))))
    ]
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

/// Any text: the documented values and any other are sent as given.
fn provider_sort() -> impl Strategy<Value = ProviderSort> {
    text().prop_map(ProviderSort::from)
}

fn sampling_rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0001), Just(1.0), 0.0001f64..=1.0]
}

fn create_workspace() -> impl Strategy<Value = CreateWorkspaceRequest> {
    (
        (name(), slug(), nullable(text()), nullable(text())),
        (nullable(text()), nullable(provider_sort())),
        (
            nullable(proptest::collection::vec(any::<i64>(), 0..4)),
            proptest::option::of(sampling_rate()),
        ),
        proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>())),
    )
        .prop_map(
            |((name, slug, description, image), (text_model, sort), (ids, rate), flags)| {
                CreateWorkspaceRequest {
                    name,
                    slug,
                    description,
                    default_image_model: image,
                    default_text_model: text_model,
                    default_provider_sort: sort,
                    io_logging_api_key_ids: ids,
                    io_logging_sampling_rate: rate,
                    is_data_discount_logging_enabled: flags.map(|f| f.0),
                    is_observability_broadcast_enabled: flags.map(|f| f.1),
                    is_observability_io_logging_enabled: flags.map(|f| f.2),
                }
            },
        )
}

fn update_workspace() -> impl Strategy<Value = UpdateWorkspaceRequest> {
    (
        (proptest::option::of(name()), proptest::option::of(slug())),
        (
            nullable(text()),
            nullable(text()),
            nullable(text()),
            nullable(provider_sort()),
        ),
        (
            nullable(proptest::collection::vec(any::<i64>(), 0..4)),
            proptest::option::of(sampling_rate()),
        ),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |((name, slug), (description, image, text_model, sort), (ids, rate), flags)| {
                UpdateWorkspaceRequest {
                    name,
                    slug,
                    description,
                    default_image_model: image,
                    default_text_model: text_model,
                    default_provider_sort: sort,
                    io_logging_api_key_ids: ids,
                    io_logging_sampling_rate: rate,
                    is_data_discount_logging_enabled: flags.0,
                    is_observability_broadcast_enabled: flags.1,
                    is_observability_io_logging_enabled: flags.2,
                }
            },
        )
}

fn utc_timestamp() -> impl Strategy<Value = Timestamp> {
    (
        2026u32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
                .parse()
                .unwrap()
        })
}

fn create_key() -> impl Strategy<Value = CreateKeyRequest> {
    (
        name(),
        proptest::option::of(any::<u128>().prop_map(uuid_text)),
        nullable(utc_timestamp()),
        nullable(prop_oneof![Just(0.0), 0.0f64..1e9]),
        nullable(prop_oneof![
            Just(LimitReset::Daily),
            Just(LimitReset::Weekly),
            Just(LimitReset::Monthly)
        ]),
        proptest::option::of(any::<bool>()),
        nullable(text()),
    )
        .prop_map(
            |(name, workspace_id, expires_at, limit, limit_reset, byok, creator)| {
                CreateKeyRequest {
                    name,
                    workspace_id,
                    expires_at,
                    limit,
                    limit_reset,
                    include_byok_in_limit: byok,
                    creator_user_id: creator,
                }
            },
        )
}

fn uuid_text(n: u128) -> String {
    let hex = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn body<T: std::fmt::Debug>(action: Action<T>) -> String {
    match action {
        Action::Send(request) => request.body.expect("a request with a body"),
        other => panic!("expected a request to send, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn create_workspace_body_decodes_to_the_input(input in create_workspace()) {
        let mut call = client(RetryPolicy::none(), 1).create_workspace(input.clone()).unwrap();
        let sent: CreateWorkspaceRequest = serde_json::from_str(&body(call.next_action(Duration::ZERO))).unwrap();
        prop_assert_eq!(sent, input);
    }

    #[test]
    fn update_workspace_body_decodes_to_the_input(input in update_workspace()) {
        let mut call = client(RetryPolicy::none(), 1).update_workspace("production", input.clone()).unwrap();
        let sent: UpdateWorkspaceRequest = serde_json::from_str(&body(call.next_action(Duration::ZERO))).unwrap();
        prop_assert_eq!(sent, input);
    }

    #[test]
    fn create_key_body_decodes_to_the_input(input in create_key()) {
        let mut call = client(RetryPolicy::none(), 1).create_key(input.clone()).unwrap();
        let sent: CreateKeyRequest = serde_json::from_str(&body(call.next_action(Duration::ZERO))).unwrap();
        prop_assert_eq!(sent, input);
    }

    #[test]
    fn any_id_or_slug_stays_one_path_segment(id in "\\PC{0,30}|[./?#%\\\\ ]{0,8}") {
        match client(RetryPolicy::none(), 1).get_workspace(&id) {
            Ok(mut call) => {
                let Action::Send(request) = call.next_action(Duration::ZERO) else {
                    panic!("expected a request");
                };
                let prefix = format!("{BASE}/workspaces/");
                prop_assert!(request.url.starts_with(&prefix), "{}", request.url);
                let segment = &request.url[prefix.len()..];
                prop_assert!(!segment.contains(['/', '?', '#']), "{segment}");
                prop_assert!(segment != "." && segment != "..");
                let decoded = percent_encoding::percent_decode_str(segment).decode_utf8().unwrap();
                prop_assert_eq!(decoded, id.as_str());
            }
            Err(Error::InvalidInput { field, .. }) => {
                prop_assert_eq!(field, "id");
                prop_assert!(id.trim().is_empty() || id == "." || id == "..", "refused {:?}", id);
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// However the server answers (503s, 429s with any Retry-After) and however long each
    /// attempt takes, no retry starts after `max_elapsed`, and there are at most
    /// `1 + max_retries` attempts.
    #[test]
    fn retries_never_outrun_the_budget(
        max_retries in 0u32..8,
        initial_ms in 1u64..3_000,
        max_backoff_ms in 1u64..20_000,
        max_elapsed_ms in 0u64..60_000,
        jitter in 0.0f64..=1.0,
        seed in any::<u64>(),
        answers in proptest::collection::vec((prop_oneof![Just(429u16), Just(500), Just(503)], proptest::option::of(0u64..120), 0u64..5_000), 10),
    ) {
        let policy = RetryPolicy {
            max_retries,
            initial_backoff: Duration::from_millis(initial_ms),
            max_backoff: Duration::from_millis(max_backoff_ms),
            max_elapsed: Duration::from_millis(max_elapsed_ms),
            jitter,
        };
        // A policy the core refuses (a backoff that starts above its cap, retries with no time
        // for them) never reaches a call.
        prop_assume!(policy.problem().is_none());
        let mut call = client(policy, seed).get_workspace("production").unwrap();
        let start = Duration::from_secs(1_000);
        let mut now = start;
        let mut sends = 0usize;
        loop {
            match call.next_action(now) {
                Action::Send(_) => {
                    prop_assert!(now - start <= policy.max_elapsed || sends == 0,
                        "attempt {} started {:?} after the first, budget {:?}", sends + 1, now - start, policy.max_elapsed);
                    let (status, retry_after, took_ms) = answers[sends];
                    sends += 1;
                    now += Duration::from_millis(took_ms);
                    let headers = retry_after.map(|s| vec![("retry-after".to_owned(), s.to_string())]).unwrap_or_default();
                    call.handle_response(HttpResponse::new(status, headers, r#"{"error":{"code":503,"message":"busy"}}"#));
                }
                Action::Wait(wait) => now += wait,
                Action::Done(result) => {
                    prop_assert!(result.is_err());
                    break;
                }
            }
        }
        prop_assert!(sends as u32 <= 1 + max_retries);
    }

    /// The core's own replacement (no substring searcher in the browser engine) is
    /// `str::replace` for any text and any non-empty pattern, matches overlapping or not.
    #[test]
    fn replace_all_is_str_replace(text in "[ab✓]{0,12}", from in "[ab✓]{1,3}", to in "[xé]{0,2}") {
        prop_assert_eq!(modelgates_core::text::replace_all(&text, &from, &to), text.replace(&from, &to));
    }
}
