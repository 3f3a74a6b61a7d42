//! The pluggable HTTP transport: a trait the app implements on its own networking stack.

use std::fmt;
use std::time::Duration;

use crate::error::TransportError;

/// Sends one HTTP request. Implemented in Kotlin/Swift (the packages ship defaults on
/// java.net.http and URLSession). Throw `TransportError` for failures; any other exception
/// becomes a `Transport` error of the call, never a crash.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    async fn send(
        &self,
        request: std::sync::Arc<HttpRequest>,
    ) -> Result<HttpResponse, TransportError>;
}

/// A request built by the SDK. An object rather than a record, so that printing it (Kotlin
/// `toString`, Swift `description`) cannot show the `Authorization` header.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct HttpRequest(pub(crate) modelgates_core::HttpRequest);

#[uniffi::export]
impl HttpRequest {
    /// The HTTP method.
    pub fn method(&self) -> String {
        self.0.method.as_str().to_owned()
    }

    /// The absolute URL.
    pub fn url(&self) -> String {
        self.0.url.clone()
    }

    /// The header names (lowercase), in sending order.
    pub fn header_names(&self) -> Vec<String> {
        self.0
            .headers
            .iter()
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// A header's value, matched case-insensitively.
    pub fn header(&self, name: String) -> Option<String> {
        self.0.header(&name).map(str::to_owned)
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<String> {
        self.0.body.clone()
    }

    /// How long this attempt may take before the transport gives up with `Timeout`.
    pub fn timeout(&self) -> Option<Duration> {
        self.0.timeout
    }

    /// Whether the transport may follow a redirect: never. Hand a 3xx back as it is; the SDK
    /// makes it an error naming the status and `Location` (following would send the key
    /// wherever the server points).
    pub fn follow_redirects(&self) -> bool {
        self.0.follow_redirects
    }
}

// The core's Debug output redacts the Authorization header.
impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// One response header.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HttpHeader {
    /// The header name (any case).
    pub name: String,
    /// The header value.
    pub value: String,
}

/// A response as the transport received it.
#[derive(Clone, PartialEq, uniffi::Record)]
pub struct HttpResponse {
    /// The HTTP status code (an `Int` in Kotlin; one outside 100..=999 fails the attempt).
    pub status: i32,
    /// The response headers.
    pub headers: Vec<HttpHeader>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl TryFrom<HttpResponse> for modelgates_core::HttpResponse {
    type Error = TransportError;

    /// The response for the core; a status no HTTP response has is the transport's failure.
    fn try_from(response: HttpResponse) -> Result<Self, TransportError> {
        let status = u16::try_from(response.status)
            .ok()
            .filter(|status| (100..=999).contains(status))
            .ok_or_else(|| TransportError::Io {
                reason: format!("the transport gave HTTP status {}", response.status),
            })?;
        let headers = response
            .headers
            .into_iter()
            .map(|header| (header.name, header.value))
            .collect();
        Ok(modelgates_core::HttpResponse::new(
            status,
            headers,
            response.body,
        ))
    }
}
