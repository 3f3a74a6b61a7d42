//! The plain HTTP values that cross between the core and a binding's transport.

use crate::prelude::*;

use core::fmt;
use core::time::Duration;

/// The HTTP methods the ModelGates management API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request for the transport to send, fully built by the core.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, path segments already percent-encoded.
    pub url: String,
    /// Header names (lowercase) and values, in the order to send them.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if the method has one.
    pub body: Option<String>,
    /// How long the transport should wait for this one attempt before giving up.
    pub timeout: Option<Duration>,
    /// Whether the transport may follow a redirect: never. A transport hands a 3xx back as it
    /// is (a browser's opaque redirect as status 0), and the core makes it an error naming the
    /// status and `Location`: following would send the key wherever the server points.
    pub follow_redirects: bool,
}

impl HttpRequest {
    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// A request header's value as a printed request shows it: `Authorization` (the management key)
/// as `[REDACTED]`, any other as it is. For every binding's printed form of a request.
pub fn printed_header_value<'a>(name: &str, value: &'a str) -> &'a str {
    if name.eq_ignore_ascii_case("authorization") {
        "[REDACTED]"
    } else {
        value
    }
}

// Debug redacts the Authorization header: requests end up in logs and panic messages.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), printed_header_value(name, value)))
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

/// A response as the transport received it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names and values as received (names are matched case-insensitively).
    pub headers: Vec<(String, String)>,
    /// The raw body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with the given status, headers and body.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

// Debug leaves the body out: a create-keys response carries the new key's one-time secret.
impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why a transport could not produce a response. The kind decides whether a POST may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// The request never left: connection refused, DNS failure, TLS handshake failure.
    /// Safe to retry for every method.
    Connect,
    /// No complete answer in time. The server may have acted on the request.
    Timeout,
    /// The connection broke after the request was (perhaps) sent. The server may have acted.
    Io,
}

impl TransportErrorKind {
    /// Whether the failure proves the server never saw the request.
    pub fn proves_not_sent(self) -> bool {
        matches!(self, TransportErrorKind::Connect)
    }
}

/// A failure reported by the transport instead of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What kind of failure it was.
    pub kind: TransportErrorKind,
    /// A human-readable description from the transport.
    pub message: String,
}

impl TransportError {
    /// A transport error of the given kind.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }
}

/// Headers with their names in lowercase (names are case-insensitive; the core keeps and sends
/// them lowercase). A loop: the one copy of this in the browser engine.
pub(crate) fn lowercased(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        out.push((name.to_ascii_lowercase(), value.clone()));
    }
    out
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}
