//! get-current-key (`GET /key`) over real HTTP: any valid key describes itself, and the keys
//! create-keys mints authenticate (but are no management keys). Secrets are used, never
//! printed: failure messages show statuses and error bodies only.

mod common;

use common::{
    Api, CURRENT_KEY_PROPERTIES, MANAGEMENT_KEY, PAST, RESTRICTED_KEY, assert_properties,
};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, Weekday};
use ureq::http::Method;

/// `GET /key` with `key` as the bearer token.
fn current_key(api: &Api, key: &str) -> common::Reply {
    api.call_as(key, Method::GET, "/key", None)
}

/// `GET /key` with `key`, which must succeed; returns `data` after checking its shape.
fn describe(api: &Api, key: &str) -> Value {
    let reply = current_key(api, key);
    assert_eq!(reply.status, 200, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body.as_object().map(|o| o.len()), Some(1), "only data");
    let data = body["data"].clone();
    assert_properties(&data, &CURRENT_KEY_PROPERTIES);
    data
}

/// What every key the sandbox describes shares.
fn assert_common_fields(data: &Value) {
    assert_eq!(data["allowed_data_regions"], json!(["global"]));
    assert_eq!(data["is_free_tier"], false);
    assert_eq!(data["organization_id"], Value::Null);
    assert_eq!(
        data["rate_limit"],
        json!({"interval": "10s", "note": "deprecated", "requests": -1})
    );
    let free = &data["free_model_daily_requests"];
    assert!(
        free["limit"].is_u64() && free["remaining"].is_u64(),
        "{free}"
    );
    assert_eq!(free["used"], 0);
    assert_eq!(free["remaining"], free["limit"]);
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
        assert_eq!(data[usage], 0.0, "{usage}");
    }
}

#[test]
fn the_management_key_describes_itself() {
    let api = Api::start();
    let data = describe(&api, MANAGEMENT_KEY);
    assert_common_fields(&data);
    assert_eq!(data["is_management_key"], true);
    assert_eq!(data["is_provisioning_key"], true);
    assert_eq!(data["workspace_id"], api.default_workspace_id());
    assert_eq!(data["creator_user_id"], "user_sandbox");
    for none in [
        "limit",
        "limit_remaining",
        "limit_reset",
        "expires_at",
        "effective_budget",
    ] {
        assert_eq!(data[none], Value::Null, "{none}");
    }
    assert_eq!(data["budgets"], json!([]));
    assert_eq!(data["include_byok_in_limit"], false);
    let label = data["label"].as_str().unwrap();
    assert!(!label.is_empty());
    assert!(
        !label.contains(MANAGEMENT_KEY),
        "the label must not reveal the key"
    );
}

#[test]
fn the_restricted_key_describes_itself() {
    let api = Api::start();
    let data = describe(&api, RESTRICTED_KEY);
    assert_common_fields(&data);
    assert_eq!(data["is_management_key"], false);
    assert_eq!(data["is_provisioning_key"], false);
    assert_eq!(data["workspace_id"], api.default_workspace_id());
    assert!(!data["label"].as_str().unwrap().contains(RESTRICTED_KEY));
    assert_ne!(data["label"], describe(&api, MANAGEMENT_KEY)["label"]);
}

#[test]
fn a_minted_key_describes_itself_and_is_marked_used() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let (record, secret) = api.create_key(&json!({
        "name": "minted",
        "workspace_id": team["id"],
        "limit": 100,
        "limit_reset": "weekly",
        "include_byok_in_limit": true,
        "expires_at": "2999-01-01T00:00:00Z",
    }));
    assert_eq!(record["last_used_at"], Value::Null);

    let data = describe(&api, &secret);
    assert_common_fields(&data);
    assert_eq!(data["is_management_key"], false);
    assert_eq!(data["is_provisioning_key"], false);
    assert_eq!(data["label"], record["label"]);
    assert_eq!(data["workspace_id"], team["id"]);
    assert_eq!(data["creator_user_id"], "user_sandbox");
    assert_eq!(data["expires_at"], "2999-01-01T00:00:00Z");
    assert_eq!(data["limit"], 100.0);
    assert_eq!(data["limit_remaining"], 100.0);
    assert_eq!(data["limit_reset"], "weekly");
    assert_eq!(data["include_byok_in_limit"], true);

    // Its own limit is its one budget layer, and so the effective one.
    let budgets = data["budgets"].as_array().unwrap();
    assert_eq!(budgets.len(), 1);
    let budget = &budgets[0];
    assert_eq!(data["effective_budget"], *budget);
    assert_eq!(budget["scope"], "key_limit");
    assert_eq!(budget["budget_id"], Value::Null);
    assert_eq!(budget["guardrail_id"], Value::Null);
    assert_eq!(budget["include_byok"], true);
    assert_eq!(budget["limit_usd"], 100.0);
    assert_eq!(budget["remaining_usd"], 100.0);
    assert_eq!(budget["spend_usd"], 0.0);
    assert_eq!(budget["reset_interval"], "weekly");
    // A weekly budget resets at the coming Monday, midnight UTC.
    let resets_at = OffsetDateTime::parse(budget["resets_at"].as_str().unwrap(), &Rfc3339)
        .expect("resets_at is RFC 3339");
    assert_eq!(resets_at.weekday(), Weekday::Monday);
    assert_eq!(
        (resets_at.hour(), resets_at.minute(), resets_at.second()),
        (0, 0, 0)
    );
    let now = OffsetDateTime::now_utc();
    assert!(resets_at > now && resets_at - now <= time::Duration::days(7));

    // The use is recorded on the key's record.
    let path = format!("/keys/{}", record["hash"].as_str().unwrap());
    let fetched = api.get(&path).json()["data"].clone();
    let last_used_at = fetched["last_used_at"]
        .as_str()
        .expect("last_used_at is set");
    let used = OffsetDateTime::parse(last_used_at, &Rfc3339).expect("RFC 3339");
    assert!(OffsetDateTime::now_utc() - used < time::Duration::minutes(1));
    // Being used is not an update.
    assert_eq!(fetched["updated_at"], Value::Null);
    let team_id = team["id"].as_str().unwrap();
    let listed = api.get(&format!("/keys?workspace_id={team_id}")).json()["data"][0].clone();
    assert_eq!(listed["last_used_at"], last_used_at);
}

#[test]
fn a_minted_key_without_a_limit_has_no_budget() {
    let api = Api::start();
    let (_, secret) = api.create_key(&json!({"name": "unlimited"}));
    let data = describe(&api, &secret);
    assert_eq!(data["budgets"], json!([]));
    assert_eq!(data["effective_budget"], Value::Null);
    assert_eq!(data["limit"], Value::Null);
    assert_eq!(data["expires_at"], Value::Null);
    assert_eq!(data["workspace_id"], api.default_workspace_id());
}

#[test]
fn a_lifetime_limit_has_a_budget_that_never_resets() {
    let api = Api::start();
    let (_, secret) = api.create_key(&json!({"name": "lifetime", "limit": 2.5}));
    let budget = describe(&api, &secret)["effective_budget"].clone();
    assert_eq!(budget["limit_usd"], 2.5);
    assert_eq!(budget["reset_interval"], Value::Null);
    assert_eq!(budget["resets_at"], Value::Null);
}

#[test]
fn a_minted_key_follows_its_updates() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let (record, secret) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", record["hash"].as_str().unwrap());
    let reply = api.patch(
        &path,
        &json!({"workspace_id": team["id"], "limit": 3, "limit_reset": "monthly"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let data = describe(&api, &secret);
    assert_eq!(data["workspace_id"], team["id"]);
    assert_eq!(data["limit"], 3.0);
    let resets_at = data["effective_budget"]["resets_at"].as_str().unwrap();
    let resets_at = OffsetDateTime::parse(resets_at, &Rfc3339).unwrap();
    assert_eq!(resets_at.day(), 1, "monthly budgets reset on the 1st");
}

#[test]
fn a_disabled_expired_or_deleted_minted_key_gets_401() {
    let api = Api::start();
    let (record, secret) = api.create_key(&json!({"name": "k"}));
    let path = format!("/keys/{}", record["hash"].as_str().unwrap());

    assert_eq!(api.patch(&path, &json!({"disabled": true})).status, 200);
    let reply = current_key(&api, &secret);
    assert_eq!(reply.status, 401, "{}", reply.text);
    assert_eq!(reply.json()["user_id"], Value::Null);
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert!(reply.error_message().contains("disabled"), "{}", reply.text);
    // Refused use is no use.
    assert_eq!(api.get(&path).json()["data"]["last_used_at"], Value::Null);
    // On a management operation too: 401, not 403.
    assert_eq!(
        api.call_as(&secret, Method::GET, "/workspaces", None)
            .status,
        401
    );

    // Enabled again, it works again.
    assert_eq!(api.patch(&path, &json!({"disabled": false})).status, 200);
    assert_eq!(current_key(&api, &secret).status, 200);

    let (_, expired) = api.create_key(&json!({"name": "old", "expires_at": PAST}));
    let reply = current_key(&api, &expired);
    assert_eq!(reply.status, 401, "{}", reply.text);
    assert!(reply.error_message().contains("expired"), "{}", reply.text);

    assert_eq!(api.delete(&path).status, 200);
    assert_eq!(current_key(&api, &secret).status, 401);

    assert_eq!(current_key(&api, "sk-mg-v1-not-a-key").status, 401);
    let reply = api.send(Method::GET, "/key", common::Outgoing::default());
    assert_eq!(reply.status, 401);
}

#[test]
fn a_minted_key_is_not_a_management_key() {
    let api = Api::start();
    let (record, secret) = api.create_key(&json!({"name": "k"}));
    let hash = record["hash"].as_str().unwrap();
    let key_path = format!("/keys/{hash}");
    let name = json!({"name": "x"});
    for (method, path, body) in [
        (Method::GET, "/workspaces", None),
        (Method::POST, "/workspaces", Some(&name)),
        (Method::GET, "/workspaces/default", None),
        (Method::PATCH, "/workspaces/default", Some(&name)),
        (Method::DELETE, "/workspaces/default", None),
        (Method::GET, "/keys", None),
        (Method::POST, "/keys", Some(&name)),
        (Method::GET, key_path.as_str(), None),
        (Method::PATCH, key_path.as_str(), Some(&name)),
        (Method::DELETE, key_path.as_str(), None),
    ] {
        let reply = api.call_as(&secret, method.clone(), path, body);
        assert_eq!(reply.status, 403, "{method} {path}");
        assert_eq!(reply.error_message(), "a management key is required");
    }
    // None of them did anything: the key was not even renamed or deleted.
    assert_eq!(api.get(&key_path).json()["data"]["name"], "k");
    assert_eq!(api.key_names(""), ["k"]);
}

#[test]
fn without_a_default_workspace_the_management_key_has_none() {
    let api = Api::start();
    let reply = api.delete("/workspaces/default?confirm_default_workspace_deletion=true");
    assert_eq!(reply.status, 200, "{}", reply.text);
    for key in [MANAGEMENT_KEY, RESTRICTED_KEY] {
        let data = describe(&api, key);
        assert_eq!(data["workspace_id"], Value::Null);
    }
}
