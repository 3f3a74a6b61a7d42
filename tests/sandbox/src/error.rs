//! The error envelope every non-2xx answer uses (`ErrorResponse` in the spec).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::model::SANDBOX_USER_ID;

/// An error answered as `{"error": {"code", "message", "metadata"}, "user_id"}`.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    metadata: Option<Value>,
    /// The caller's user id once the management key was accepted; `null` before that.
    user_id: Option<&'static str>,
}

impl ApiError {
    /// An error for an authenticated caller (the common case: handlers run after auth).
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            metadata: None,
            user_id: Some(SANDBOX_USER_ID),
        }
    }

    /// A 400 naming the offending field, both in the message and in `metadata.field`.
    pub(crate) fn invalid(field: &str, problem: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::BAD_REQUEST, format!("{field}: {problem}"))
            .with_metadata(json!({ "field": field }))
    }

    /// A 409: the change would clash with another resource, named by `field` as [`invalid`]
    /// names it.
    ///
    /// [`invalid`]: ApiError::invalid
    pub(crate) fn conflict(field: &str, problem: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::CONFLICT, format!("{field}: {problem}"))
            .with_metadata(json!({ "field": field }))
    }

    /// A 404 for a path that is not one of the API's routes, or an unknown workspace or key.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// Marks the error as answered before (or without) authentication: `user_id` is null.
    pub(crate) fn anonymous(mut self) -> Self {
        self.user_id = None;
        self
    }

    /// Sets `error.metadata`.
    pub(crate) fn with_metadata(mut self, metadata: Value) -> Self {
        self.metadata = Some(metadata);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": {
                "code": self.status.as_u16(),
                "message": self.message,
                "metadata": self.metadata,
            },
            "user_id": self.user_id,
        });
        (self.status, Json(body)).into_response()
    }
}
