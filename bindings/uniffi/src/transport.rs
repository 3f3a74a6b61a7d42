//! The pluggable HTTP transport: a trait the app implements on its own networking stack.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::TransportError;

/// Sends one HTTP request. Implemented in Kotlin/Swift (the packages ship defaults on
/// java.net.http, OkHttp and URLSession). Throw `TransportError` for failures; any other
/// exception becomes a `Transport` error of the call, never a crash.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// Sends one HTTP request on the thread that runs the call, returning when the whole response
/// is in: for a client made with `ModelGatesClient::with_blocking_transport`, whose calls then
/// cross no thread per request. Implemented in Kotlin (the package's OkHttp and java.net.http
/// transports are both kinds). It must end each attempt at `request.timeout` itself, body
/// included: the SDK cannot interrupt a thread blocked in it. Throw `TransportError` for
/// failures; any other exception becomes a `Transport` error of the call, never a crash.
#[uniffi::export(with_foreign)]
pub trait BlockingHttpTransport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// A blocking transport as the driver's kind: its answer is in the first time the attempt is
/// polled, on the thread that polls it.
pub(crate) struct OnCallingThread(pub(crate) Arc<dyn BlockingHttpTransport>);

#[async_trait::async_trait]
impl HttpTransport for OnCallingThread {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.0.send_blocking(request)
    }
}

/// A request built by the SDK, for the transport to send as it is.
///
/// A record, so it crosses the FFI once with all its fields: as an object each field read was a
/// call of its own, about a quarter of a millisecond per request on the JVM (`just
/// bench-kotlin`). Printing it (Kotlin `toString`, Swift `description` and
/// `debugDescription`) shows `Authorization` as `[REDACTED]`: those are Rust's `Display` and
/// `Debug` below, not a dump of the fields.
#[derive(Clone, PartialEq, uniffi::Record)]
#[uniffi::export(Display, Debug)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// The headers to send, in order (names in lowercase), `Authorization` among them.
    pub headers: Vec<HttpHeader>,
    /// The JSON body, if any.
    pub body: Option<String>,
    /// How long this attempt may take before the transport gives up with `Timeout`.
    pub timeout: Option<Duration>,
    /// Whether the transport may follow a redirect: never. Hand a 3xx back as it is; the SDK
    /// makes it an error naming the status and `Location` (following would send the key
    /// wherever the server points).
    pub follow_redirects: bool,
}

impl From<modelgates_core::HttpRequest> for HttpRequest {
    fn from(request: modelgates_core::HttpRequest) -> Self {
        HttpRequest {
            method: request.method.as_str().to_owned(),
            url: request.url,
            headers: request
                .headers
                .into_iter()
                .map(|(name, value)| HttpHeader { name, value })
                .collect(),
            body: request.body,
            timeout: request.timeout,
            follow_redirects: request.follow_redirects,
        }
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|HttpHeader { name, value }| {
                (
                    name.as_str(),
                    modelgates_core::printed_header_value(name, value),
                )
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout", &self.timeout)
            .field("follow_redirects", &self.follow_redirects)
            .finish()
    }
}

impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One header of a request or a response.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_a_request_hides_the_key() {
        let request = HttpRequest {
            method: "GET".to_owned(),
            url: "https://modelgates.ai/api/v1/workspaces/default".to_owned(),
            headers: vec![
                HttpHeader {
                    name: "authorization".to_owned(),
                    value: "Bearer sk-mg-secret".to_owned(),
                },
                HttpHeader {
                    name: "accept".to_owned(),
                    value: "application/json".to_owned(),
                },
            ],
            body: None,
            timeout: None,
            follow_redirects: false,
        };
        for printed in [request.to_string(), format!("{request:?}")] {
            assert!(!printed.contains("sk-mg-secret"), "{printed}");
            assert!(printed.contains("[REDACTED]") && printed.contains("application/json"));
        }
    }
}
