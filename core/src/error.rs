//! The one public error type of the SDK.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

/// Everything that can go wrong in a call. [`Error::kind`] gives a stable, machine-readable kind
/// that every binding exposes under the same name.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was refused before anything was sent.
    #[error("invalid input: {message}")]
    InvalidInput {
        /// The offending field, as the API names it (`slug`, `limit`, `id`, ...).
        field: String,
        /// What is wrong with it, starting with the field's name.
        message: String,
    },
    /// The server answered with a non-2xx status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The server answered 2xx, but the body is not what the API documents.
    #[error("could not decode the HTTP {status} response: {message}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// What did not decode, with a short excerpt of the body where that is safe.
        message: String,
    },
    /// The transport failed (connection refused or dropped) on the last attempt.
    #[error("transport error: {message}")]
    Transport {
        /// The transport's description.
        message: String,
    },
    /// The last attempt timed out.
    #[error("request timed out: {message}")]
    Timeout {
        /// The transport's description.
        message: String,
    },
    /// The SDK itself was driven wrongly (a binding bug); never caused by user input.
    #[error("internal SDK error: {message}")]
    Internal {
        /// What went wrong.
        message: String,
    },
}

/// A stable, machine-readable error kind, the same in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// See [`Error::InvalidInput`].
    InvalidInput,
    /// See [`Error::Api`].
    Api,
    /// See [`Error::Decode`].
    Decode,
    /// See [`Error::Transport`].
    Transport,
    /// See [`Error::Timeout`].
    Timeout,
    /// See [`Error::Internal`].
    Internal,
}

impl ErrorKind {
    /// The kind as a snake_case string: `invalid_input`, `api`, `decode`, `transport`,
    /// `timeout`, `internal`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Api => "api",
            ErrorKind::Decode => "decode",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The stable kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Api(_) => ErrorKind::Api,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }

    /// The HTTP status, for API and decode errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The field an [`Error::InvalidInput`] names.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The API error details, for [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The message without the kind prefix that `Display` adds.
    pub fn message(&self) -> &str {
        match self {
            Error::InvalidInput { message, .. }
            | Error::Decode { message, .. }
            | Error::Transport { message }
            | Error::Timeout { message }
            | Error::Internal { message } => message,
            Error::Api(api) => &api.message,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl AsRef<str>) -> Self {
        let field = field.into();
        let message = format!("{field}: {}", message.as_ref());
        Error::InvalidInput { field, message }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Error::Internal {
            message: message.into(),
        }
    }
}

/// A non-2xx answer from the server, with everything the error envelope and headers carried.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// `error.code` from the body; `None` when the body was not the documented envelope.
    pub code: Option<i64>,
    /// `error.message` from the body, or a description with a short excerpt of the body.
    pub message: String,
    /// `error.metadata` from the body.
    pub metadata: Option<Value>,
    /// The top-level `user_id` of the envelope.
    pub user_id: Option<String>,
    /// The `x-request-id` response header, for support requests.
    pub request_id: Option<String>,
    /// The `Retry-After` response header, when given in seconds.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(request_id) = &self.request_id {
            write!(f, " [request id {request_id}]")?;
        }
        Ok(())
    }
}

impl From<ApiError> for Error {
    fn from(api: ApiError) -> Self {
        Error::Api(Box::new(api))
    }
}
