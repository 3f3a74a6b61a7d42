//! The HTTP surface: the eleven operations under `/api/v1`, the `/_sandbox` helpers, and the
//! layers every answer goes through.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value, json};
use tower_http::set_header::SetResponseHeaderLayer;
use uuid::Uuid;

use crate::API_PREFIX;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::faults::PageCap;
use crate::state::AppState;
use crate::{auth, body, cors, faults, validate};

/// `POST` create-workspace, `GET` list-workspaces.
pub(crate) const WORKSPACES: &str = "/api/v1/workspaces";
/// `GET` get-workspace, `PATCH` update-workspace, `DELETE` delete-workspace.
pub(crate) const WORKSPACE: &str = "/api/v1/workspaces/{id}";
/// `POST` create-keys, `GET` list-keys.
pub(crate) const KEYS: &str = "/api/v1/keys";
/// `GET` get-key, `PATCH` update-keys, `DELETE` delete-keys.
pub(crate) const KEY: &str = "/api/v1/keys/{hash}";
/// `GET` get-current-key.
pub(crate) const CURRENT_KEY: &str = "/api/v1/key";

/// The header that identifies each answer: `req_<uuid, simple form>`.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole app, ready to serve.
pub(crate) fn app(state: Arc<AppState>) -> Router {
    // Route layers run outside-in from the last one added: count, delay and drop first
    // (whatever the key), then auth, then the faults that need an accepted key.
    let api = Router::new()
        .route(WORKSPACES, get(list_workspaces).post(create_workspace))
        .route(
            WORKSPACE,
            get(get_workspace)
                .patch(update_workspace)
                .delete(delete_workspace),
        )
        .route(KEYS, get(list_keys).post(create_keys))
        .route(KEY, get(get_key).patch(update_keys).delete(delete_keys))
        .route(CURRENT_KEY, get(get_current_key))
        .route_layer(from_fn(faults::apply))
        .route_layer(from_fn_with_state(Arc::clone(&state), auth::authenticate))
        .route_layer(from_fn_with_state(Arc::clone(&state), faults::arrive));
    Router::new()
        .merge(api)
        .route("/_sandbox/counts", get(counts))
        .route("/_sandbox/health", get(health))
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(from_fn(body::read_whole))
        .layer(cors::layer())
        .layer(SetResponseHeaderLayer::overriding(REQUEST_ID, request_id))
}

/// `POST /workspaces` → 201 `{data: Workspace}`.
async fn create_workspace(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let new = validate::new_workspace(&json_object(body)?)?;
    let workspace = state.store().create_workspace(new)?;
    Ok((StatusCode::CREATED, Json(json!({ "data": workspace }))))
}

/// `GET /workspaces?offset&limit` → 200 `{data: [Workspace], total_count}`.
async fn list_workspaces(
    State(state): State<Arc<AppState>>,
    cap: Option<Extension<PageCap>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query.map_err(|err| ApiError::invalid("query", err.body_text()))?;
    let (offset, mut limit) = validate::page(&query)?;
    if let Some(Extension(PageCap(cap))) = cap {
        limit = limit.min(cap);
    }
    let (page, total_count) = state.store().list_workspaces(offset, limit);
    Ok(Json(json!({ "data": page, "total_count": total_count })))
}

/// `GET /workspaces/{id}` (id or slug) → 200 `{data: Workspace}`.
async fn get_workspace(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(unreadable_id)?;
    let workspace = state.store().workspace(&id)?;
    Ok(Json(json!({ "data": workspace })))
}

/// `PATCH /workspaces/{id}` (id or slug) → 200 `{data: Workspace}`.
async fn update_workspace(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(unreadable_id)?;
    let patch = validate::workspace_patch(&json_object(body)?)?;
    let workspace = state.store().update_workspace(&id, patch)?;
    Ok(Json(json!({ "data": workspace })))
}

/// `DELETE /workspaces/{id}[?confirm_default_workspace_deletion]` (id or slug) → 200
/// `{deleted: true}`, with the workspace's keys.
async fn delete_workspace(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(unreadable_id)?;
    let Query(query) = query.map_err(|err| ApiError::invalid("query", err.body_text()))?;
    let confirmed = validate::confirm_default_deletion(&query)?;
    state.store().delete_workspace(&id, confirmed)?;
    Ok(Json(json!({ "deleted": true })))
}

/// `GET /keys?include_disabled&include_expired&offset&workspace_id` → 200 `{data: [ApiKey]}`,
/// at most 100 keys (fewer under a `page-cap` fault).
async fn list_keys(
    State(state): State<Arc<AppState>>,
    cap: Option<Extension<PageCap>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query.map_err(|err| ApiError::invalid("query", err.body_text()))?;
    let query = validate::key_query(&query)?;
    let mut limit = validate::KEY_PAGE_SIZE;
    if let Some(Extension(PageCap(cap))) = cap {
        limit = limit.min(cap);
    }
    let page = state.store().list_keys(query, limit)?;
    Ok(Json(json!({ "data": page })))
}

/// `GET /keys/{hash}` → 200 `{data: ApiKey}`, disabled and expired keys included.
async fn get_key(
    State(state): State<Arc<AppState>>,
    hash: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(hash) = hash.map_err(unreadable_hash)?;
    let key = state.store().key(&hash)?;
    Ok(Json(json!({ "data": key })))
}

/// `PATCH /keys/{hash}` → 200 `{data: ApiKey}`.
async fn update_keys(
    State(state): State<Arc<AppState>>,
    hash: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(hash) = hash.map_err(unreadable_hash)?;
    let patch = validate::key_patch(&json_object(body)?)?;
    let key = state.store().update_key(&hash, patch)?;
    Ok(Json(json!({ "data": key })))
}

/// `DELETE /keys/{hash}` → 200 `{deleted: true}`.
async fn delete_keys(
    State(state): State<Arc<AppState>>,
    hash: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(hash) = hash.map_err(unreadable_hash)?;
    state.store().delete_key(&hash)?;
    Ok(Json(json!({ "deleted": true })))
}

/// `GET /key` → 200 `{data: CurrentApiKey}` for whichever valid key is calling.
async fn get_current_key(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Value>, ApiError> {
    let current = state.store().describe(&caller)?;
    Ok(Json(json!({ "data": current })))
}

/// `POST /keys` → 201 `{data: ApiKey, key}`; the secret is shown here only.
async fn create_keys(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let new = validate::new_key(&json_object(body)?)?;
    let (key, secret) = state.store().create_key(new)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "data": key, "key": secret })),
    ))
}

/// `GET /_sandbox/counts[?key=K]` → requests per operation (no auth).
async fn counts(
    State(state): State<Arc<AppState>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query.map_err(|err| ApiError::invalid("query", err.body_text()))?;
    let key = query.get("key").map(String::as_str);
    Ok(Json(state.counts().report(key)))
}

/// `GET /_sandbox/health` → `ok`.
async fn health() -> &'static str {
    "ok"
}

async fn unknown_route(method: Method, uri: Uri) -> ApiError {
    let hint = if uri.path().starts_with(API_PREFIX) {
        ""
    } else {
        " (the API is under /api/v1)"
    };
    ApiError::not_found(format!("no route for {method} {}{hint}", uri.path())).anonymous()
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
    .anonymous()
}

/// The body as a JSON object; a body that could not be read (too large, say) keeps the
/// status axum gives it but is answered with the envelope.
fn json_object(body: Result<Bytes, BytesRejection>) -> Result<Map<String, Value>, ApiError> {
    let body = body.map_err(|err| ApiError::new(err.status(), err.body_text()))?;
    validate::object(&body)
}

/// A path segment that does not decode to text cannot name any workspace.
fn unreadable_id(_: PathRejection) -> ApiError {
    ApiError::not_found("workspace not found: the id or slug is not valid UTF-8")
}

/// A path segment that does not decode to text cannot name any key.
fn unreadable_hash(_: PathRejection) -> ApiError {
    ApiError::not_found("API key not found: the hash is not valid UTF-8")
}

fn request_id(_: &Response) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("req_{}", Uuid::new_v4().simple())).ok()
}
