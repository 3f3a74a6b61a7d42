//! The five workspace operations over real HTTP: happy paths, lookup, paging, partial
//! update, deletion (the default workspace, the active-keys rule) and every validation rule.

mod common;

use common::{Api, PAST, assert_workspace_shape, key_path};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

#[test]
fn a_default_workspace_exists_at_start() {
    let api = Api::start();
    let reply = api.get("/workspaces");
    assert_eq!(reply.status, 200, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["total_count"], 1);
    let default = &body["data"][0];
    assert_workspace_shape(default);
    assert_eq!(default["name"], "Default");
    assert_eq!(default["slug"], "default");
    assert_eq!(default["created_by"], "user_sandbox");
    assert_eq!(default["io_logging_sampling_rate"], 1.0);
    assert_eq!(default["updated_at"], Value::Null);
}

#[test]
fn create_returns_201_with_every_property() {
    let api = Api::start();
    let reply = api.post(
        "/workspaces",
        &json!({
            "name": "Production",
            "slug": "production",
            "default_image_model": "openai/dall-e-3",
            "default_provider_sort": "price",
            "default_text_model": "openai/gpt-4o",
            "description": "Production environment workspace",
            "io_logging_api_key_ids": [1, 2, 3],
            "io_logging_sampling_rate": 0.5,
            "is_data_discount_logging_enabled": true,
            "is_observability_broadcast_enabled": true,
            "is_observability_io_logging_enabled": true,
        }),
    );
    assert_eq!(reply.status, 201, "{}", reply.text);
    let workspace = &reply.json()["data"];
    assert_workspace_shape(workspace);
    assert_eq!(workspace["name"], "Production");
    assert_eq!(workspace["slug"], "production");
    assert_eq!(workspace["default_image_model"], "openai/dall-e-3");
    assert_eq!(workspace["default_provider_sort"], "price");
    assert_eq!(workspace["default_text_model"], "openai/gpt-4o");
    assert_eq!(workspace["description"], "Production environment workspace");
    assert_eq!(workspace["io_logging_api_key_ids"], json!([1, 2, 3]));
    assert_eq!(workspace["io_logging_sampling_rate"], 0.5);
    assert_eq!(workspace["is_data_discount_logging_enabled"], true);
    assert_eq!(workspace["is_observability_broadcast_enabled"], true);
    assert_eq!(workspace["is_observability_io_logging_enabled"], true);
    assert_eq!(workspace["created_by"], "user_sandbox");
    assert_eq!(workspace["updated_at"], Value::Null);

    let id = Uuid::parse_str(workspace["id"].as_str().unwrap()).unwrap();
    assert_eq!(id.get_version_num(), 4);
    let created_at = workspace["created_at"].as_str().unwrap();
    assert!(created_at.ends_with('Z'), "{created_at}");
    assert!(OffsetDateTime::parse(created_at, &Rfc3339).is_ok());
}

#[test]
fn create_applies_defaults() {
    let api = Api::start();
    let workspace = api.create_workspace("Minimal", "minimal");
    assert_workspace_shape(&workspace);
    for nullable in [
        "default_image_model",
        "default_provider_sort",
        "default_text_model",
        "description",
        "io_logging_api_key_ids",
        "updated_at",
    ] {
        assert_eq!(workspace[nullable], Value::Null, "{nullable}");
    }
    assert_eq!(workspace["io_logging_sampling_rate"], 1.0);
    assert_eq!(workspace["is_data_discount_logging_enabled"], false);
    assert_eq!(workspace["is_observability_broadcast_enabled"], false);
    assert_eq!(workspace["is_observability_io_logging_enabled"], false);
}

#[test]
fn unknown_body_fields_are_ignored() {
    let api = Api::start();
    let reply = api.post(
        "/workspaces",
        &json!({"name": "X", "slug": "x", "colour": "blue"}),
    );
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert!(reply.json()["data"].get("colour").is_none());
}

#[test]
fn get_by_id_and_by_slug() {
    let api = Api::start();
    let created = api.create_workspace("Staging", "staging-eu");
    let id = created["id"].as_str().unwrap();

    for path in [
        format!("/workspaces/{id}"),
        format!("/workspaces/{}", id.to_uppercase()),
        "/workspaces/staging-eu".to_owned(),
        // The path segment is percent-decoded: %2D is '-'.
        "/workspaces/staging%2Deu".to_owned(),
    ] {
        let reply = api.get(&path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        assert_eq!(reply.json()["data"], created, "{path}");
    }
}

#[test]
fn unknown_workspace_is_404() {
    let api = Api::start();
    for path in [
        "/workspaces/nope".to_owned(),
        format!("/workspaces/{}", Uuid::new_v4()),
    ] {
        let reply = api.get(&path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.error_field(), None);
        let reply = api.patch(&path, &json!({"name": "Y"}));
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.error_field(), None);
    }
}

#[test]
fn list_pages_in_creation_order_with_total_count() {
    let api = Api::start();
    for n in 1..=4 {
        api.create_workspace(&format!("W{n}"), &format!("w{n}"));
    }
    let page = |query: &str| {
        let reply = api.get(&format!("/workspaces{query}"));
        assert_eq!(reply.status, 200, "{query}: {}", reply.text);
        let body = reply.json();
        assert_eq!(body["total_count"], 5, "{query}");
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["slug"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(page(""), ["default", "w1", "w2", "w3", "w4"]);
    assert_eq!(page("?offset=1&limit=2"), ["w1", "w2"]);
    assert_eq!(page("?offset=4&limit=2"), ["w4"]);
    assert_eq!(page("?offset=9"), Vec::<String>::new());
    assert_eq!(page("?limit=0"), Vec::<String>::new());
}

#[test]
fn list_limit_defaults_to_50_and_stops_at_100() {
    let api = Api::start();
    for n in 0..105 {
        api.create_workspace("Many", &format!("many-{n}"));
    }
    let count = |query: &str| {
        let body = api.get(&format!("/workspaces{query}")).json();
        assert_eq!(body["total_count"], 106);
        body["data"].as_array().unwrap().len()
    };
    assert_eq!(count(""), 50);
    assert_eq!(count("?limit=100"), 100);
    assert_eq!(count("?offset=100&limit=100"), 6);
    let reply = api.get("/workspaces?limit=101");
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.json()["error"]["metadata"]["field"], "limit");
}

#[test]
fn list_query_values_must_be_non_negative_integers() {
    let api = Api::start();
    for (query, field) in [
        ("?offset=-1", "offset"),
        ("?offset=abc", "offset"),
        ("?offset=", "offset"),
        ("?limit=1.5", "limit"),
        ("?limit=-5", "limit"),
        ("?limit=ten", "limit"),
    ] {
        let reply = api.get(&format!("/workspaces{query}"));
        assert_eq!(reply.status, 400, "{query}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{query}");
        assert!(reply.error_message().starts_with(field), "{query}");
    }
}

#[test]
fn slugs_are_unique_on_create_and_update() {
    let api = Api::start();
    api.create_workspace("One", "one");
    let two = api.create_workspace("Two", "two");

    let reply = api.post("/workspaces", &json!({"name": "Again", "slug": "one"}));
    assert_eq!(reply.status, 400);
    assert_eq!(reply.error_field().as_deref(), Some("slug"));
    assert!(reply.error_message().contains("slug"));

    let reply = api.patch("/workspaces/two", &json!({"slug": "default"}));
    assert_eq!(reply.status, 400);
    assert_eq!(reply.error_field().as_deref(), Some("slug"));

    // Keeping one's own slug is not a clash.
    let reply = api.patch("/workspaces/two", &json!({"slug": "two", "name": "Two!"}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["data"]["id"], two["id"]);
    assert_eq!(api.workspaces().len(), 3);
}

#[test]
fn update_is_partial_and_null_clears() {
    let api = Api::start();
    let reply = api.post(
        "/workspaces",
        &json!({
            "name": "Before",
            "slug": "before",
            "description": "to be cleared",
            "default_text_model": "kept/model",
            "io_logging_api_key_ids": [7],
        }),
    );
    assert_eq!(reply.status, 201, "{}", reply.text);
    let before = reply.json()["data"].clone();
    let id = before["id"].as_str().unwrap();

    let reply = api.patch(
        &format!("/workspaces/{id}"),
        &json!({
            "name": "After",
            "description": null,
            "io_logging_api_key_ids": null,
            "io_logging_sampling_rate": 0.25,
            "is_observability_broadcast_enabled": true,
        }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let after = reply.json()["data"].clone();
    assert_workspace_shape(&after);
    assert_eq!(after["name"], "After");
    assert_eq!(after["description"], Value::Null);
    assert_eq!(after["io_logging_api_key_ids"], Value::Null);
    assert_eq!(after["io_logging_sampling_rate"], 0.25);
    assert_eq!(after["is_observability_broadcast_enabled"], true);
    // Untouched fields keep their values.
    for same in [
        "id",
        "slug",
        "default_text_model",
        "created_at",
        "created_by",
    ] {
        assert_eq!(after[same], before[same], "{same}");
    }
    let updated_at = after["updated_at"].as_str().expect("updated_at is set");
    assert!(OffsetDateTime::parse(updated_at, &Rfc3339).is_ok());

    // The change is stored, and reachable by the new state.
    assert_eq!(api.get("/workspaces/before").json()["data"], after);
}

#[test]
fn update_with_empty_body_changes_nothing_but_updated_at() {
    let api = Api::start();
    let before = api.create_workspace("Same", "same");
    for body in [Some(""), Some("{}"), None] {
        let reply = api.send(
            ureq::http::Method::PATCH,
            "/workspaces/same",
            common::Outgoing {
                authorization: Some(&common::bearer(common::MANAGEMENT_KEY)),
                body,
                ..Default::default()
            },
        );
        assert_eq!(reply.status, 200, "{body:?}: {}", reply.text);
        let after = reply.json()["data"].clone();
        assert_eq!(after["name"], before["name"]);
        assert!(after["updated_at"].is_string());
    }
}

#[test]
fn update_refuses_null_for_non_nullable_fields() {
    let api = Api::start();
    api.create_workspace("N", "n");
    for field in [
        "name",
        "slug",
        "io_logging_sampling_rate",
        "is_data_discount_logging_enabled",
        "is_observability_broadcast_enabled",
        "is_observability_io_logging_enabled",
    ] {
        let reply = api.patch("/workspaces/n", &json!({ field: null }));
        assert_eq!(reply.status, 400, "{field}");
        assert_eq!(reply.error_field().as_deref(), Some(field));
    }
}

/// Bodies that must be refused, each with the field the 400 must name.
fn invalid_workspace_fields() -> Vec<(Value, &'static str)> {
    let ok = |extra: Value| {
        let mut body = json!({"name": "Valid", "slug": "valid"});
        for (key, value) in extra.as_object().into_iter().flatten() {
            body[key] = value.clone();
        }
        body
    };
    vec![
        (ok(json!({"name": ""})), "name"),
        (ok(json!({"name": "   "})), "name"),
        (ok(json!({"name": 5})), "name"),
        (ok(json!({"slug": "Upper"})), "slug"),
        (ok(json!({"slug": "a--b"})), "slug"),
        (ok(json!({"slug": "-a"})), "slug"),
        (ok(json!({"slug": "a-"})), "slug"),
        (ok(json!({"slug": "a_b"})), "slug"),
        (ok(json!({"slug": ""})), "slug"),
        (ok(json!({"slug": 1})), "slug"),
        (ok(json!({"description": 5})), "description"),
        (
            ok(json!({"default_image_model": true})),
            "default_image_model",
        ),
        (
            ok(json!({"default_provider_sort": []})),
            "default_provider_sort",
        ),
        (ok(json!({"default_text_model": {}})), "default_text_model"),
        (
            ok(json!({"io_logging_api_key_ids": "1"})),
            "io_logging_api_key_ids",
        ),
        (
            ok(json!({"io_logging_api_key_ids": [1.5]})),
            "io_logging_api_key_ids",
        ),
        (
            ok(json!({"io_logging_api_key_ids": ["1"]})),
            "io_logging_api_key_ids",
        ),
        (
            ok(json!({"io_logging_sampling_rate": 0})),
            "io_logging_sampling_rate",
        ),
        (
            ok(json!({"io_logging_sampling_rate": 0.00001})),
            "io_logging_sampling_rate",
        ),
        (
            ok(json!({"io_logging_sampling_rate": 1.5})),
            "io_logging_sampling_rate",
        ),
        (
            ok(json!({"io_logging_sampling_rate": "1"})),
            "io_logging_sampling_rate",
        ),
        (
            ok(json!({"is_data_discount_logging_enabled": "yes"})),
            "is_data_discount_logging_enabled",
        ),
        (
            ok(json!({"is_observability_broadcast_enabled": 1})),
            "is_observability_broadcast_enabled",
        ),
        (
            ok(json!({"is_observability_io_logging_enabled": null})),
            "is_observability_io_logging_enabled",
        ),
    ]
}

#[test]
fn create_validates_every_field() {
    let api = Api::start();
    let mut cases = invalid_workspace_fields();
    cases.push((json!({"slug": "no-name"}), "name"));
    cases.push((json!({"name": "No slug"}), "slug"));
    cases.push((json!({"name": null, "slug": "s"}), "name"));
    for (body, field) in cases {
        let reply = api.post("/workspaces", &body);
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{body}");
        assert!(reply.error_message().starts_with(field), "{body}");
    }
    // Nothing was created by any of them.
    assert_eq!(api.workspaces().len(), 1);
}

#[test]
fn update_validates_every_field() {
    let api = Api::start();
    let before = api.create_workspace("Target", "target");
    for (body, field) in invalid_workspace_fields() {
        let reply = api.patch("/workspaces/target", &body);
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.error_field().as_deref(), Some(field), "{body}");
    }
    // A refused update changes nothing.
    assert_eq!(api.get("/workspaces/target").json()["data"], before);
}

#[test]
fn the_slug_error_message_is_the_documented_one() {
    let api = Api::start();
    let reply = api.post("/workspaces", &json!({"name": "X", "slug": "Not A Slug"}));
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({
            "error": {
                "code": 400,
                "message": "slug: must be lowercase alphanumeric segments separated by single hyphens",
                "metadata": {"field": "slug"},
            },
            "user_id": "user_sandbox",
        })
    );
}

#[test]
fn bodies_must_be_json_objects() {
    let api = Api::start();
    let auth = common::bearer(common::MANAGEMENT_KEY);
    for (method, path) in [
        (ureq::http::Method::POST, "/workspaces"),
        (ureq::http::Method::PATCH, "/workspaces/default"),
        (ureq::http::Method::POST, "/keys"),
    ] {
        for body in ["{", "[1]", "\"text\"", "null", "{\"name\": }"] {
            let reply = api.send(
                method.clone(),
                path,
                common::Outgoing {
                    authorization: Some(&auth),
                    body: Some(body),
                    ..Default::default()
                },
            );
            assert_eq!(reply.status, 400, "{method} {path} {body}");
            assert_eq!(reply.error_field().as_deref(), Some("body"), "{body}");
        }
    }
}

#[test]
fn a_post_without_body_is_refused_for_its_missing_name() {
    let api = Api::start();
    let auth = common::bearer(common::MANAGEMENT_KEY);
    for path in ["/workspaces", "/keys"] {
        for body in [None, Some("")] {
            let reply = api.send(
                ureq::http::Method::POST,
                path,
                common::Outgoing {
                    authorization: Some(&auth),
                    body,
                    ..Default::default()
                },
            );
            assert_eq!(reply.status, 400, "{path} {body:?}");
            assert_eq!(reply.error_field().as_deref(), Some("name"));
        }
    }
}

#[test]
fn delete_removes_a_workspace_by_id_or_slug() {
    let api = Api::start();
    let by_slug = api.create_workspace("By slug", "by-slug");
    let by_id = api.create_workspace("By id", "by-id");
    let kept = api.create_workspace("Kept", "kept");

    let reply = api.delete("/workspaces/by-slug");
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json(), json!({"deleted": true}));
    let id = by_id["id"].as_str().unwrap().to_uppercase();
    let reply = api.delete(&format!("/workspaces/{id}"));
    assert_eq!(reply.status, 200, "{}", reply.text);

    for gone in [&by_slug, &by_id] {
        let id = gone["id"].as_str().unwrap();
        assert_eq!(api.get(&format!("/workspaces/{id}")).status, 404);
    }
    let slugs: Vec<Value> = api.workspaces().iter().map(|w| w["slug"].clone()).collect();
    assert_eq!(slugs, [json!("default"), json!("kept")]);
    assert_eq!(api.get("/workspaces/kept").json()["data"], kept);
    // A deleted slug is free again.
    api.create_workspace("Again", "by-slug");
}

#[test]
fn delete_of_an_unknown_workspace_is_404() {
    let api = Api::start();
    for path in [
        "/workspaces/nope".to_owned(),
        format!("/workspaces/{}", Uuid::new_v4()),
    ] {
        let reply = api.delete(&path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.error_field(), None);
    }
    api.create_workspace("Once", "once");
    assert_eq!(api.delete("/workspaces/once").status, 200);
    assert_eq!(api.delete("/workspaces/once").status, 404);
}

#[test]
fn the_default_workspace_needs_confirmation_to_be_deleted() {
    let api = Api::start();
    for query in ["", "?confirm_default_workspace_deletion=false"] {
        let reply = api.delete(&format!("/workspaces/default{query}"));
        assert_eq!(reply.status, 400, "{query}: {}", reply.text);
        assert_eq!(
            reply.error_field().as_deref(),
            Some("confirm_default_workspace_deletion")
        );
        assert!(
            reply
                .error_message()
                .starts_with("confirm_default_workspace_deletion")
        );
    }
    // By id, too: it is the workspace that counts, not how it is named.
    let id = api.default_workspace_id();
    let reply = api.delete(&format!("/workspaces/{}", id.as_str().unwrap()));
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(api.workspaces().len(), 1);

    let reply = api.delete("/workspaces/default?confirm_default_workspace_deletion=true");
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json(), json!({"deleted": true}));
    assert!(api.workspaces().is_empty());
    assert_eq!(api.get("/workspaces/default").status, 404);
}

#[test]
fn after_the_default_workspace_is_deleted_there_is_none() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    api.key_named("team key", Some(&team["id"]));
    let reply = api.delete("/workspaces/default?confirm_default_workspace_deletion=true");
    assert_eq!(reply.status, 200, "{}", reply.text);

    // list-keys without workspace_id: the default workspace's keys, of which there are none.
    let reply = api.get("/keys?include_disabled=true&include_expired=true");
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json(), json!({"data": []}));
    let team_id = team["id"].as_str().unwrap();
    assert_eq!(
        api.key_names(&format!("?workspace_id={team_id}")),
        ["team key"]
    );

    // create-keys without workspace_id has nowhere to put the key.
    let reply = api.post("/keys", &json!({"name": "orphan"}));
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.error_field().as_deref(), Some("workspace_id"));
    assert_eq!(
        reply.error_message(),
        "workspace_id: there is no default workspace"
    );
    api.key_named("placed", Some(&team["id"]));

    // A new workspace with the slug `default` is not the default workspace.
    let new = api.create_workspace("Default again", "default");
    assert_eq!(api.post("/keys", &json!({"name": "orphan"})).status, 400);
    assert_eq!(
        api.delete("/workspaces/default").status,
        200,
        "no confirmation needed"
    );
    assert_eq!(
        api.get(&format!("/workspaces/{}", new["id"].as_str().unwrap()))
            .status,
        404
    );
}

#[test]
fn confirmation_is_ignored_for_other_workspaces_but_must_be_a_boolean() {
    let api = Api::start();
    api.create_workspace("A", "a");
    api.create_workspace("B", "b");
    assert_eq!(
        api.delete("/workspaces/a?confirm_default_workspace_deletion=true")
            .status,
        200
    );
    assert_eq!(
        api.delete("/workspaces/b?confirm_default_workspace_deletion=false")
            .status,
        200
    );
    for value in ["yes", "1", "TRUE", ""] {
        for path in ["/workspaces/default", "/workspaces/nope"] {
            let reply = api.delete(&format!(
                "{path}?confirm_default_workspace_deletion={value}"
            ));
            assert_eq!(reply.status, 400, "{path} {value}");
            assert_eq!(
                reply.error_field().as_deref(),
                Some("confirm_default_workspace_deletion")
            );
        }
    }
    assert_eq!(api.workspaces().len(), 1);
}

#[test]
fn a_workspace_with_active_keys_is_not_deleted() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let first = api.key_named("first", Some(&team["id"]));
    let second = api.key_named("second", Some(&team["id"]));
    let third = api.key_named("third", Some(&team["id"]));
    assert_eq!(
        api.patch(&key_path(&third), &json!({"disabled": true}))
            .status,
        200
    );

    let reply = api.delete("/workspaces/team");
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.error_field().as_deref(), Some("id"));
    let message = reply.error_message();
    assert!(message.starts_with("id: "), "{message}");
    assert!(message.contains("2 active API keys"), "{message}");
    assert!(
        message.contains("must be deleted or disabled first"),
        "{message}"
    );
    // Nothing was deleted.
    assert_eq!(api.get("/workspaces/team").json()["data"], team);
    for key in [&first, &second, &third] {
        assert_eq!(api.get(&key_path(key)).status, 200);
    }

    assert_eq!(api.delete(&key_path(&first)).status, 200);
    let reply = api.delete("/workspaces/team");
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert!(
        reply.error_message().contains("1 active API key;"),
        "{}",
        reply.text
    );

    assert_eq!(
        api.patch(&key_path(&second), &json!({"disabled": true}))
            .status,
        200
    );
    assert_eq!(api.delete("/workspaces/team").status, 200);
}

#[test]
fn the_default_workspace_with_active_keys_is_not_deleted_even_when_confirmed() {
    let api = Api::start();
    api.key_named("active", None);
    let reply = api.delete("/workspaces/default?confirm_default_workspace_deletion=true");
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.error_field().as_deref(), Some("id"));
    assert!(reply.error_message().contains("1 active API key"));
    assert_eq!(api.workspaces().len(), 1);
}

#[test]
fn deleting_a_workspace_deletes_its_inactive_keys() {
    let api = Api::start();
    let team = api.create_workspace("Team", "team");
    let disabled = api.key_named("disabled", Some(&team["id"]));
    assert_eq!(
        api.patch(&key_path(&disabled), &json!({"disabled": true}))
            .status,
        200
    );
    let (expired, _) = api.create_key(&json!({
        "name": "expired",
        "workspace_id": team["id"],
        "expires_at": PAST,
    }));
    let elsewhere = api.key_named("elsewhere", None);

    // Expired and disabled keys do not block the deletion...
    let reply = api.delete("/workspaces/team");
    assert_eq!(reply.status, 200, "{}", reply.text);
    // ...and go with the workspace.
    for key in [&disabled, &expired] {
        assert_eq!(api.get(&key_path(key)).status, 404);
    }
    // Keys of other workspaces stay.
    assert_eq!(api.get(&key_path(&elsewhere)).json()["data"], elsewhere);
    let team_id = team["id"].as_str().unwrap();
    assert_eq!(
        api.get(&format!("/keys?workspace_id={team_id}")).status,
        404
    );
    // No key can be moved into the deleted workspace.
    let reply = api.patch(&key_path(&elsewhere), &json!({"workspace_id": team_id}));
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.error_field().as_deref(), Some("workspace_id"));
}
