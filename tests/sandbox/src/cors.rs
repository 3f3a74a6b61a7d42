//! CORS, so that pages in a browser can call the sandbox directly.

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderName, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::faults::FAULT_HEADER;
use crate::routes::REQUEST_ID;

/// Any origin may call; the layer also decorates error and fault answers, since it wraps the
/// whole app.
pub(crate) fn layer() -> CorsLayer {
    // `*` would not cover `authorization` in `Access-Control-Allow-Headers`, so name them.
    let request_headers: [HeaderName; 3] = [AUTHORIZATION, CONTENT_TYPE, FAULT_HEADER];
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(request_headers)
        .expose_headers([REQUEST_ID, RETRY_AFTER])
}
