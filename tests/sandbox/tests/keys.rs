//! `POST /keys` over real HTTP. Secrets are checked, never printed: failure messages show
//! only statuses and error bodies.

mod common;

use common::{Api, assert_key_record_shape};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

#[test]
fn the_spec_example_creates_a_key_in_the_default_workspace() {
    let api = Api::start();
    let (key, secret) = api.create_key(&json!({
        "name": "Analytics Service Key",
        "expires_at": "2029-11-30T23:59:59Z",
        "include_byok_in_limit": false,
        "limit": 100,
        "limit_reset": "weekly",
    }));

    // The ApiKeyRecord shape: ApiKey's 21 properties, external_user and last_used_at.
    assert_key_record_shape(&key);
    assert_eq!(key["external_user"], Value::Null);
    assert_eq!(key["last_used_at"], Value::Null);

    assert_eq!(key["name"], "Analytics Service Key");
    assert_eq!(key["workspace_id"], api.default_workspace_id());
    assert_eq!(key["expires_at"], "2029-11-30T23:59:59Z");
    assert_eq!(key["limit"], 100.0);
    assert_eq!(key["limit_remaining"], 100.0);
    assert_eq!(key["limit_reset"], "weekly");
    assert_eq!(key["include_byok_in_limit"], false);
    assert_eq!(key["disabled"], false);
    assert_eq!(key["creator_user_id"], "user_sandbox");
    assert_eq!(key["updated_at"], Value::Null);
    for usage in [
        "usage",
        "usage_daily",
        "usage_weekly",
        "usage_monthly",
        "byok_usage",
        "byok_usage_daily",
        "byok_usage_weekly",
        "byok_usage_monthly",
    ] {
        assert_eq!(key[usage], 0.0, "{usage}");
    }
    assert!(key["created_at"].as_str().is_some_and(|t| t.ends_with('Z')));

    // The secret: its documented shape, its hash, and a label that does not reveal it.
    let random = secret.strip_prefix("sk-mg-v1-").expect("secret prefix");
    assert!(random.len() == 64 && random.bytes().all(|b| b.is_ascii_hexdigit()));
    let expected_hash = hex::encode(Sha256::digest(secret.as_bytes()));
    assert!(
        key["hash"] == expected_hash.as_str(),
        "hash is SHA-256 of the secret"
    );
    let label = key["label"].as_str().unwrap();
    assert!(label.starts_with("sk-mg-v1-") && label.contains("..."));
    assert!(!label.contains(random), "label must not reveal the secret");
}

#[test]
fn each_key_gets_its_own_secret() {
    let api = Api::start();
    let (first, first_secret) = api.create_key(&json!({"name": "a"}));
    let (second, second_secret) = api.create_key(&json!({"name": "a"}));
    assert!(first_secret != second_secret, "secrets differ");
    assert_ne!(first["hash"], second["hash"]);
}

#[test]
fn a_minimal_key_has_nulls_and_defaults() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "Minimal"}));
    for nullable in ["expires_at", "limit", "limit_remaining", "limit_reset"] {
        assert_eq!(key[nullable], Value::Null, "{nullable}");
    }
    assert_eq!(key["include_byok_in_limit"], false);
}

#[test]
fn explicit_values_are_kept() {
    let api = Api::start();
    let workspace = api.create_workspace("Team", "team");
    let (key, _) = api.create_key(&json!({
        "name": "Team key",
        "workspace_id": workspace["id"],
        "expires_at": null,
        "limit": 0.5,
        "limit_reset": null,
        "include_byok_in_limit": true,
        "creator_user_id": "user_member",
    }));
    assert_eq!(key["workspace_id"], workspace["id"]);
    assert_eq!(key["limit"], 0.5);
    assert_eq!(key["limit_remaining"], 0.5);
    assert_eq!(key["limit_reset"], Value::Null);
    assert_eq!(key["expires_at"], Value::Null);
    assert_eq!(key["include_byok_in_limit"], true);
    assert_eq!(key["creator_user_id"], "user_member");
}

#[test]
fn utc_expiry_with_an_offset_is_normalised() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k", "expires_at": "2029-11-30T23:59:59+00:00"}));
    assert_eq!(key["expires_at"], "2029-11-30T23:59:59Z");
}

#[test]
fn expiry_in_another_timezone_is_refused_with_the_documented_message() {
    let api = Api::start();
    for expires_at in ["2029-11-30T23:59:59+01:00", "2029-11-30T18:59:59-05:00"] {
        let reply = api.post("/keys", &json!({"name": "k", "expires_at": expires_at}));
        assert_eq!(reply.status, 400, "{expires_at}");
        assert_eq!(reply.error_field().as_deref(), Some("expires_at"));
        assert_eq!(
            reply.error_message(),
            "expires_at: must be UTC, other timezones are rejected"
        );
    }
}

#[test]
fn every_field_is_validated() {
    let api = Api::start();
    let unknown_workspace = uuid::Uuid::new_v4().to_string();
    let cases = [
        (json!({}), "name"),
        (json!({"name": null}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"name": 3}), "name"),
        (
            json!({"name": "k", "workspace_id": "not-a-uuid"}),
            "workspace_id",
        ),
        (
            json!({"name": "k", "workspace_id": "default"}),
            "workspace_id",
        ),
        (
            json!({"name": "k", "workspace_id": unknown_workspace}),
            "workspace_id",
        ),
        (json!({"name": "k", "workspace_id": null}), "workspace_id"),
        (json!({"name": "k", "workspace_id": 1}), "workspace_id"),
        (json!({"name": "k", "expires_at": "tomorrow"}), "expires_at"),
        (
            json!({"name": "k", "expires_at": "2029-11-30"}),
            "expires_at",
        ),
        (
            json!({"name": "k", "expires_at": "2029-11-30T23:59:59"}),
            "expires_at",
        ),
        (
            json!({"name": "k", "expires_at": 1_900_000_000}),
            "expires_at",
        ),
        (json!({"name": "k", "limit": -1}), "limit"),
        (json!({"name": "k", "limit": "10"}), "limit"),
        (json!({"name": "k", "limit_reset": "yearly"}), "limit_reset"),
        (json!({"name": "k", "limit_reset": "Weekly"}), "limit_reset"),
        (json!({"name": "k", "limit_reset": 7}), "limit_reset"),
        (
            json!({"name": "k", "include_byok_in_limit": "true"}),
            "include_byok_in_limit",
        ),
        (
            json!({"name": "k", "include_byok_in_limit": null}),
            "include_byok_in_limit",
        ),
        (
            json!({"name": "k", "creator_user_id": 5}),
            "creator_user_id",
        ),
    ];
    for (body, field) in cases {
        let reply = api.post("/keys", &body);
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{body}");
        assert!(reply.error_message().starts_with(field), "{body}");
    }
}
