//! Each request's whole body is read before any layer answers it.
//!
//! hyper keeps a connection open after an answer only when the request's body was read to its
//! end; otherwise it closes the connection once the answer is written, without saying so in a
//! `Connection: close`. A layer that answers early (a wrong key, a fault, an unknown route)
//! then left a client that pooled the connection to fail its next request on it ("Peer
//! disconnected") whenever the body had not arrived with the headers: a flaky test run.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The largest body read: the limit of axum's own body extractors.
const MAX_BODY: usize = 2 << 20;

/// Reads the body, then passes the request on with it; a body past [`MAX_BODY`] (or one that
/// stopped arriving) is answered 413 at once, before the key is looked at.
pub(crate) async fn read_whole(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body could not be read whole: the sandbox takes at most 2 MiB",
        )
        .anonymous()
        .into_response(),
    }
}
