//! `Authorization: Bearer <key>`: the management key passes, the restricted key gets 403,
//! anything else 401. Runs before any validation of the request.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// Lets the request through only with the management key.
pub(crate) async fn require_management_key(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let header = request.headers().get(AUTHORIZATION);
    let Some(header) = header else {
        return unauthorized("missing Authorization header: send 'Bearer <management key>'");
    };
    let Some(token) = bearer_token(header) else {
        return unauthorized("malformed Authorization header: expected 'Bearer <management key>'");
    };
    if token == state.management_key {
        return next.run(request).await;
    }
    if state.restricted_key.as_deref() == Some(token) {
        return ApiError::new(StatusCode::FORBIDDEN, "a management key is required")
            .into_response();
    }
    unauthorized("invalid API key")
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
