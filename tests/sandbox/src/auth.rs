//! `Authorization: Bearer <key>`: the management key passes everywhere; the restricted key and
//! the keys minted by create-keys pass only on get-current-key (to describe themselves) and
//! get 403 elsewhere; anything else, or a minted key that is disabled or expired, gets 401.
//! Runs before any validation of the request.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::counts::Operation;
use crate::error::ApiError;
use crate::secret;
use crate::state::{AppState, KeyStatus};

/// Who is calling, once the key was recognised. Left in the request's extensions for
/// get-current-key, which describes the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    /// The sandbox's management key.
    Management,
    /// The configured restricted key: valid, but not a management key.
    Restricted,
    /// A key minted by create-keys and still active, by its hash.
    Minted(String),
}

/// Lets the request through with a key the operation accepts, and records who called.
pub(crate) async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = request.headers().get(AUTHORIZATION);
    let Some(header) = header else {
        return unauthorized("missing Authorization header: send 'Bearer <management key>'");
    };
    let Some(token) = bearer_token(header) else {
        return unauthorized("malformed Authorization header: expected 'Bearer <management key>'");
    };
    let caller = match identify(&state, token) {
        Ok(caller) => caller,
        Err(problem) => return unauthorized(problem),
    };
    // A route that is no operation cannot reach here; if one did, it would get the strict rule.
    let needs_management_key = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|route| Operation::of_route(request.method(), route.as_str()))
        .is_none_or(Operation::needs_management_key);
    if needs_management_key && caller != Caller::Management {
        return ApiError::new(StatusCode::FORBIDDEN, "a management key is required")
            .into_response();
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}

/// The caller a bearer token stands for, or why it gets 401. A minted key is found by the
/// hash of the token, as create-keys stored it; a disabled or expired one no longer
/// authenticates.
fn identify(state: &AppState, token: &str) -> Result<Caller, &'static str> {
    if token == state.management_key {
        return Ok(Caller::Management);
    }
    if state.restricted_key.as_deref() == Some(token) {
        return Ok(Caller::Restricted);
    }
    let hash = secret::hash(token);
    match state.store().key_status(&hash) {
        Some(KeyStatus::Active) => Ok(Caller::Minted(hash)),
        Some(KeyStatus::Disabled) => Err("this API key is disabled"),
        Some(KeyStatus::Expired) => Err("this API key has expired"),
        None => Err("invalid API key"),
    }
}

/// The token of a `Bearer <token>` header; the scheme name is case-insensitive (RFC 9110).
fn bearer_token(header: &HeaderValue) -> Option<&str> {
    let (scheme, token) = header.to_str().ok()?.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn unauthorized(message: &str) -> Response {
    let mut response = ApiError::new(StatusCode::UNAUTHORIZED, message)
        .anonymous()
        .into_response();
    response
        .headers_mut()
        .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        let token =
            |text: &'static str| bearer_token(&HeaderValue::from_static(text)).map(str::to_owned);
        assert_eq!(token("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(token("bearer abc").as_deref(), Some("abc"));
        assert_eq!(token("Basic abc"), None);
        assert_eq!(token("Bearer "), None);
        assert_eq!(token("Bearer"), None);
    }
}
