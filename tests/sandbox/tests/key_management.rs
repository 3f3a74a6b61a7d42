//! list-keys, get-key, update-keys and delete-keys over real HTTP: filters and paging, partial
//! update, moves, the name conflict, and every refusal.

mod common;

use common::{Api, MANAGEMENT_KEY, Outgoing, PAST, assert_key_record_shape, bearer, key_path};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ureq::http::Method;
use uuid::Uuid;

/// Creates a key and disables it.
fn disabled_key(api: &Api, name: &str) -> Value {
    let key = api.key_named(name, None);
    let reply = api.patch(&key_path(&key), &json!({"disabled": true}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json()["data"].clone()
}

#[test]
fn list_keys_returns_the_default_workspace_keys_in_creation_order() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    api.key_named("first", None);
    api.key_named("team-only", Some(&team["id"]));
    api.key_named("second", None);
    api.key_named("third", None);

    let reply = api.get("/keys");
    assert_eq!(reply.status, 200, "{}", reply.text);
    let body = reply.json();
    // `{data}` only: no total_count, no cursor.
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    for key in body["data"].as_array().unwrap() {
        assert_key_record_shape(key);
        assert_eq!(key["external_user"], Value::Null);
        assert_eq!(key["last_used_at"], Value::Null);
    }
    assert_eq!(api.key_names(""), ["first", "second", "third"]);
    let default = api.default_workspace_id();
    let default = default.as_str().unwrap();
    assert_eq!(
        api.key_names(&format!("?workspace_id={default}")),
        ["first", "second", "third"]
    );
    let team_id = team["id"].as_str().unwrap();
    assert_eq!(
        api.key_names(&format!("?workspace_id={team_id}")),
        ["team-only"]
    );
    // A UUID in any case names the same workspace.
    assert_eq!(
        api.key_names(&format!("?workspace_id={}", team_id.to_uppercase())),
        ["team-only"]
    );
    // A workspace without keys lists none.
    let empty = api.create_workspace("Empty", "empty");
    let empty_id = empty["id"].as_str().unwrap();
    assert!(
        api.key_names(&format!("?workspace_id={empty_id}"))
            .is_empty()
    );
}

#[test]
fn the_listed_record_is_the_created_one_plus_two_nulls() {
    let api = Api::start();
    let (created, _) = api.create_key(&json!({"name": "same", "limit": 5, "limit_reset": "daily"}));
    let listed = api.get("/keys").json()["data"][0].clone();
    assert_eq!(listed, created);
    let fetched = api.get(&key_path(&created)).json()["data"].clone();
    assert_eq!(fetched, created);
}

#[test]
fn disabled_and_expired_keys_are_hidden_unless_asked_for() {
    let api = Api::start();
    api.key_named("active", None);
    disabled_key(&api, "disabled");
    api.create_key(&json!({"name": "expired", "expires_at": PAST}));
    let both = api
        .create_key(&json!({"name": "disabled-and-expired", "expires_at": PAST}))
        .0;
    assert_eq!(
        api.patch(&key_path(&both), &json!({"disabled": true}))
            .status,
        200
    );
    api.create_key(&json!({"name": "expires-later", "expires_at": "2999-01-01T00:00:00Z"}));

    assert_eq!(api.key_names(""), ["active", "expires-later"]);
    assert_eq!(
        api.key_names("?include_disabled=false&include_expired=false"),
        ["active", "expires-later"]
    );
    assert_eq!(
        api.key_names("?include_disabled=true"),
        ["active", "disabled", "expires-later"]
    );
    assert_eq!(
        api.key_names("?include_expired=true"),
        ["active", "expired", "expires-later"]
    );
    assert_eq!(
        api.key_names("?include_disabled=true&include_expired=true"),
        [
            "active",
            "disabled",
            "expired",
            "disabled-and-expired",
            "expires-later"
        ]
    );
}

#[test]
fn list_keys_offset_skips_keys_after_filtering() {
    let api = Api::start();
    for name in ["k0", "k1"] {
        api.key_named(name, None);
    }
    disabled_key(&api, "off");
    for name in ["k2", "k3"] {
        api.key_named(name, None);
    }
    assert_eq!(api.key_names("?offset=0"), ["k0", "k1", "k2", "k3"]);
    assert_eq!(api.key_names("?offset=2"), ["k2", "k3"]);
    assert_eq!(
        api.key_names("?offset=2&include_disabled=true"),
        ["off", "k2", "k3"]
    );
    assert!(api.key_names("?offset=4").is_empty());
    assert!(api.key_names("?offset=99999999999999999999999").is_empty());
}

#[test]
fn list_keys_answers_at_most_100_keys_a_page() {
    let api = Api::start();
    for n in 0..105 {
        api.key_named(&format!("key-{n:03}"), None);
    }
    let first = api.key_names("");
    assert_eq!(first.len(), 100);
    assert_eq!(first[0], "key-000");
    assert_eq!(first[99], "key-099");
    let second = api.key_names("?offset=100");
    assert_eq!(
        second,
        ["key-100", "key-101", "key-102", "key-103", "key-104"]
    );
    // A walk asks for the next offset until a page comes back empty.
    assert!(api.key_names("?offset=105").is_empty());
}

#[test]
fn a_page_cap_fault_caps_list_keys() {
    let api = Api::start();
    for n in 0..5 {
        api.key_named(&format!("k{n}"), None);
    }
    let auth = bearer(MANAGEMENT_KEY);
    let names = |query: &str| {
        let reply = api.send(
            Method::GET,
            &format!("/keys{query}"),
            Outgoing {
                authorization: Some(&auth),
                fault: Some("page-cap=2"),
                ..Outgoing::default()
            },
        );
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| key["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(""), ["k0", "k1"]);
    assert_eq!(names("?offset=2"), ["k2", "k3"]);
    assert_eq!(names("?offset=4"), ["k4"]);
}

#[test]
fn list_keys_query_is_validated() {
    let api = Api::start();
    for (query, field) in [
        ("?include_disabled=yes", "include_disabled"),
        ("?include_disabled=1", "include_disabled"),
        ("?include_disabled=TRUE", "include_disabled"),
        ("?include_disabled=", "include_disabled"),
        ("?include_expired=0", "include_expired"),
        ("?include_expired=False", "include_expired"),
        ("?offset=-1", "offset"),
        ("?offset=abc", "offset"),
        ("?offset=1.5", "offset"),
        ("?offset=", "offset"),
        ("?workspace_id=default", "workspace_id"),
        ("?workspace_id=not-a-uuid", "workspace_id"),
        ("?workspace_id=", "workspace_id"),
    ] {
        let reply = api.get(&format!("/keys{query}"));
        assert_eq!(reply.status, 400, "{query}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{query}");
        assert!(reply.error_message().starts_with(field), "{query}");
    }
    let reply = api.get(&format!("/keys?workspace_id={}", Uuid::new_v4()));
    assert_eq!(reply.status, 404, "{}", reply.text);
    assert_eq!(reply.error_field(), None);
}

#[test]
fn get_key_fetches_disabled_and_expired_keys_too() {
    let api = Api::start();
    let disabled = disabled_key(&api, "disabled");
    let (expired, _) = api.create_key(&json!({"name": "expired", "expires_at": PAST}));
    for key in [&disabled, &expired] {
        let reply = api.get(&key_path(key));
        assert_eq!(reply.status, 200, "{}", reply.text);
        let fetched = reply.json()["data"].clone();
        assert_key_record_shape(&fetched);
        assert_eq!(&fetched, key);
    }
    assert_eq!(
        api.get(&key_path(&disabled)).json()["data"]["disabled"],
        true
    );
}

#[test]
fn an_unknown_hash_is_404_on_get_update_and_delete() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "exists"}));
    let hash = key["hash"].as_str().unwrap();
    for path in [
        "/keys/no-such-hash".to_owned(),
        format!("/keys/{}", "0".repeat(64)),
        // Hashes are matched exactly.
        format!("/keys/{}", hash.to_uppercase()),
    ] {
        for reply in [
            api.get(&path),
            api.patch(&path, &json!({"name": "renamed"})),
            api.delete(&path),
        ] {
            assert_eq!(reply.status, 404, "{path}: {}", reply.text);
            assert_eq!(reply.error_field(), None);
        }
    }
    assert_eq!(api.get(&key_path(&key)).json()["data"], key);
}

#[test]
fn update_keys_changes_only_the_fields_given() {
    let api = Api::start();
    let (before, _) =
        api.create_key(&json!({"name": "Before", "expires_at": "2999-01-01T00:00:00Z"}));
    // The spec's example body.
    let reply = api.patch(
        &key_path(&before),
        &json!({
            "name": "Updated API Key Name",
            "disabled": false,
            "include_byok_in_limit": true,
            "limit": 75,
            "limit_reset": "daily",
        }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let after = reply.json()["data"].clone();
    assert_key_record_shape(&after);
    assert_eq!(after["name"], "Updated API Key Name");
    assert_eq!(after["disabled"], false);
    assert_eq!(after["include_byok_in_limit"], true);
    assert_eq!(after["limit"], 75.0);
    assert_eq!(after["limit_remaining"], 75.0);
    assert_eq!(after["limit_reset"], "daily");
    for same in [
        "hash",
        "label",
        "created_at",
        "creator_user_id",
        "expires_at",
        "workspace_id",
        "external_user",
        "last_used_at",
        "usage",
    ] {
        assert_eq!(after[same], before[same], "{same}");
    }
    let updated_at = after["updated_at"].as_str().expect("updated_at is set");
    assert!(OffsetDateTime::parse(updated_at, &Rfc3339).is_ok());
    // Stored.
    assert_eq!(api.get(&key_path(&before)).json()["data"], after);

    // One field at a time; every update sets updated_at again.
    let reply = api.patch(&key_path(&before), &json!({"disabled": true}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let disabled = reply.json()["data"].clone();
    assert_eq!(disabled["disabled"], true);
    assert_eq!(disabled["name"], "Updated API Key Name");
    assert_eq!(disabled["limit"], 75.0);
    assert!(disabled["updated_at"].as_str().unwrap() >= updated_at);
}

#[test]
fn null_clears_limit_and_limit_reset() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k", "limit": 10, "limit_reset": "weekly"}));
    let reply = api.patch(
        &key_path(&key),
        &json!({"limit": null, "limit_reset": null}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let cleared = reply.json()["data"].clone();
    for cleared_field in ["limit", "limit_remaining", "limit_reset"] {
        assert_eq!(cleared[cleared_field], Value::Null, "{cleared_field}");
    }
    let reply = api.patch(&key_path(&key), &json!({"limit": 0}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["data"]["limit"], 0.0);
    assert_eq!(reply.json()["data"]["limit_remaining"], 0.0);
}

#[test]
fn a_body_without_accepted_fields_is_refused_with_the_documented_message() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let auth = bearer(MANAGEMENT_KEY);
    let path = key_path(&key);
    for body in [
        None,
        Some(""),
        Some("{}"),
        Some(r#"{"colour": "blue"}"#),
        Some(r#"{"hash": "forged", "expires_at": null}"#),
    ] {
        let reply = api.send(
            Method::PATCH,
            &path,
            Outgoing {
                authorization: Some(&auth),
                body,
                ..Outgoing::default()
            },
        );
        assert_eq!(reply.status, 400, "{body:?}");
        assert_eq!(
            reply.error_message(),
            "No update fields provided",
            "{body:?}"
        );
        assert_eq!(reply.json()["error"]["code"], 400);
    }
    // Nothing changed, not even updated_at.
    assert_eq!(api.get(&path).json()["data"], key);
}

#[test]
fn unrecognized_fields_are_ignored() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let reply = api.patch(
        &key_path(&key),
        &json!({
            "name": "renamed",
            "colour": "blue",
            "hash": "forged",
            "expires_at": "2020-01-01T00:00:00Z",
            "usage": 99,
        }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let updated = reply.json()["data"].clone();
    assert_key_record_shape(&updated);
    assert_eq!(updated["name"], "renamed");
    assert_eq!(updated["hash"], key["hash"]);
    assert_eq!(updated["expires_at"], Value::Null);
    assert_eq!(updated["usage"], 0.0);
}

#[test]
fn update_keys_refuses_null_for_non_nullable_fields() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k"}));
    for field in ["name", "disabled", "include_byok_in_limit", "workspace_id"] {
        let reply = api.patch(&key_path(&key), &json!({ field: null }));
        assert_eq!(reply.status, 400, "{field}");
        assert_eq!(reply.error_field().as_deref(), Some(field));
        assert!(reply.error_message().starts_with(field), "{field}");
    }
}

#[test]
fn update_keys_validates_every_field() {
    let api = Api::start();
    let (key, _) = api.create_key(&json!({"name": "k"}));
    let unknown_workspace = Uuid::new_v4().to_string();
    for (body, field) in [
        (json!({"name": ""}), "name"),
        (json!({"name": "   "}), "name"),
        (json!({"name": 3}), "name"),
        (json!({"disabled": "true"}), "disabled"),
        (json!({"disabled": 1}), "disabled"),
        (
            json!({"include_byok_in_limit": "yes"}),
            "include_byok_in_limit",
        ),
        (json!({"limit": -1}), "limit"),
        (json!({"limit": "10"}), "limit"),
        (json!({"limit_reset": "yearly"}), "limit_reset"),
        (json!({"limit_reset": "Daily"}), "limit_reset"),
        (json!({"limit_reset": 1}), "limit_reset"),
        (json!({"workspace_id": "default"}), "workspace_id"),
        (json!({"workspace_id": "not-a-uuid"}), "workspace_id"),
        (json!({"workspace_id": 7}), "workspace_id"),
        (json!({"workspace_id": unknown_workspace}), "workspace_id"),
        // One bad field spoils an otherwise good body.
        (json!({"name": "fine", "limit": -5}), "limit"),
    ] {
        let reply = api.patch(&key_path(&key), &body);
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{body}");
        assert!(reply.error_message().starts_with(field), "{body}");
    }
    // A refused update changes nothing.
    assert_eq!(api.get(&key_path(&key)).json()["data"], key);
}

#[test]
fn update_keys_moves_a_key_to_another_workspace() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let team_id = team["id"].as_str().unwrap();
    let (key, _) = api.create_key(&json!({"name": "mover"}));
    api.key_named("stays", None);

    let reply = api.patch(&key_path(&key), &json!({"workspace_id": team_id}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let moved = reply.json()["data"].clone();
    assert_eq!(moved["workspace_id"], team["id"]);
    // The key keeps its value (hash) and everything else.
    assert_eq!(moved["hash"], key["hash"]);
    assert_eq!(moved["name"], "mover");
    assert!(moved["updated_at"].is_string());
    assert_eq!(api.key_names(""), ["stays"]);
    assert_eq!(
        api.key_names(&format!("?workspace_id={team_id}")),
        ["mover"]
    );

    // Sending the current workspace (in any case) is a no-op, but still an update.
    let reply = api.patch(
        &key_path(&key),
        &json!({"workspace_id": team_id.to_uppercase()}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["data"]["workspace_id"], team["id"]);
    assert_eq!(
        api.key_names(&format!("?workspace_id={team_id}")),
        ["mover"]
    );

    // And back, with a rename in the same request.
    let default = api.default_workspace_id();
    let reply = api.patch(
        &key_path(&key),
        &json!({"workspace_id": default, "name": "returned"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(api.key_names(""), ["returned", "stays"]);
}

#[test]
fn a_name_taken_in_the_resulting_workspace_is_a_409() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let alpha = api.key_named("alpha", None);
    let beta = api.key_named("beta", None);
    let team_alpha = api.key_named("alpha", Some(&team["id"]));

    // Renaming onto a sibling's name.
    let reply = api.patch(&key_path(&beta), &json!({"name": "alpha"}));
    assert_eq!(reply.status, 409, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["error"]["code"], 409);
    assert_eq!(body["error"]["metadata"]["field"], "name");
    assert!(
        reply.error_message().contains("already taken"),
        "{}",
        reply.text
    );
    assert_eq!(body["user_id"], "user_sandbox");

    // Moving into a workspace where the name is taken.
    let reply = api.patch(
        &key_path(&team_alpha),
        &json!({"workspace_id": api.default_workspace_id()}),
    );
    assert_eq!(reply.status, 409, "{}", reply.text);
    // Moving and renaming at once: the resulting name in the resulting workspace counts.
    let reply = api.patch(
        &key_path(&team_alpha),
        &json!({"workspace_id": api.default_workspace_id(), "name": "gamma"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = api.patch(
        &key_path(&beta),
        &json!({"workspace_id": team["id"], "name": "alpha"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);

    // A key's own name is no clash, and disabled keys hold their names too.
    let reply = api.patch(
        &key_path(&alpha),
        &json!({"name": "alpha", "disabled": true}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = api.patch(&key_path(&team_alpha), &json!({"name": "alpha"}));
    assert_eq!(reply.status, 409, "{}", reply.text);

    // The refused updates changed nothing.
    assert_eq!(api.key_names("?include_disabled=true"), ["alpha", "gamma"]);
}

#[test]
fn twins_made_by_create_keys_may_be_updated_without_touching_their_name() {
    // create-keys allows duplicate names; only renaming or moving onto a taken name is a 409.
    let api = Api::start();
    let first = api.key_named("twin", None);
    let second = api.key_named("twin", None);
    let reply = api.patch(&key_path(&second), &json!({"disabled": true}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = api.patch(&key_path(&second), &json!({"name": "twin", "limit": 5}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let renamed = api.patch(&key_path(&first), &json!({"name": "twin-2"}));
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    let back = api.patch(&key_path(&first), &json!({"name": "twin"}));
    assert_eq!(back.status, 409, "{}", back.text);
}

#[test]
fn delete_keys_removes_the_key() {
    let api = Api::start();
    let gone = api.key_named("gone", None);
    api.key_named("kept", None);
    let reply = api.delete(&key_path(&gone));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json(), json!({"deleted": true}));
    assert_eq!(api.get(&key_path(&gone)).status, 404);
    assert_eq!(
        api.key_names("?include_disabled=true&include_expired=true"),
        ["kept"]
    );
    // A second delete finds nothing.
    let reply = api.delete(&key_path(&gone));
    assert_eq!(reply.status, 404, "{}", reply.text);
}

#[test]
fn disabled_and_expired_keys_can_be_deleted() {
    let api = Api::start();
    let disabled = disabled_key(&api, "disabled");
    let (expired, _) = api.create_key(&json!({"name": "expired", "expires_at": PAST}));
    for key in [&disabled, &expired] {
        assert_eq!(api.delete(&key_path(key)).status, 200);
        assert_eq!(api.get(&key_path(key)).status, 404);
    }
}
