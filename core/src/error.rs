//! The one public error type of the SDK.

use crate::prelude::*;

use core::fmt;
use core::time::Duration;

use crate::text::Decimal;
use crate::tree::Value;

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
    #[error("could not decode the HTTP {} response: {message}", Decimal::from(*.status))]
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

/// What a failure is, finely enough that every language names its error type after it (the
/// same classes everywhere: `NotFound` is JS `NotFoundError`, Python `NotFoundError`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// Refused before sending: a field broke the API's rules.
    InvalidInput,
    /// HTTP 400: the server refused the input.
    BadRequest,
    /// HTTP 401: the key is missing or wrong.
    Authentication,
    /// HTTP 403: the key may not do this.
    PermissionDenied,
    /// HTTP 404: no such resource.
    NotFound,
    /// HTTP 409: the change conflicts with the resource's current state.
    Conflict,
    /// HTTP 429: too many requests, after the retries allowed.
    RateLimit,
    /// HTTP 5xx, after the retries allowed.
    InternalServer,
    /// A 3xx: the server redirected, and the SDK never follows a redirect.
    Redirect,
    /// Any other non-2xx status.
    ApiStatus,
    /// A 2xx answer whose body is not what the API documents.
    Decode,
    /// No answer: the connection failed or broke.
    Connection,
    /// No answer in time.
    Timeout,
    /// The SDK was driven wrongly: a bug, never caused by input.
    Internal,
}

impl ErrorClass {
    /// Every class.
    pub const ALL: [ErrorClass; 14] = [
        ErrorClass::InvalidInput,
        ErrorClass::BadRequest,
        ErrorClass::Authentication,
        ErrorClass::PermissionDenied,
        ErrorClass::NotFound,
        ErrorClass::Conflict,
        ErrorClass::RateLimit,
        ErrorClass::InternalServer,
        ErrorClass::Redirect,
        ErrorClass::ApiStatus,
        ErrorClass::Decode,
        ErrorClass::Connection,
        ErrorClass::Timeout,
        ErrorClass::Internal,
    ];

    /// The class of an API error with this status.
    pub fn of_status(status: u16) -> ErrorClass {
        match status {
            0 | 300..=399 => ErrorClass::Redirect,
            400 => ErrorClass::BadRequest,
            401 => ErrorClass::Authentication,
            403 => ErrorClass::PermissionDenied,
            404 => ErrorClass::NotFound,
            409 => ErrorClass::Conflict,
            429 => ErrorClass::RateLimit,
            500..=599 => ErrorClass::InternalServer,
            _ => ErrorClass::ApiStatus,
        }
    }

    /// The name, e.g. `NotFound`; JS and Kotlin add `Error` / `Exception`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::InvalidInput => "InvalidInput",
            ErrorClass::BadRequest => "BadRequest",
            ErrorClass::Authentication => "Authentication",
            ErrorClass::PermissionDenied => "PermissionDenied",
            ErrorClass::NotFound => "NotFound",
            ErrorClass::Conflict => "Conflict",
            ErrorClass::RateLimit => "RateLimit",
            ErrorClass::InternalServer => "InternalServer",
            ErrorClass::Redirect => "Redirect",
            ErrorClass::ApiStatus => "ApiStatus",
            ErrorClass::Decode => "Decode",
            ErrorClass::Connection => "Connection",
            ErrorClass::Timeout => "Timeout",
            ErrorClass::Internal => "Internal",
        }
    }

    /// The Python exception's name, in the names Python SDKs use (openai-python's).
    pub fn python_name(self) -> &'static str {
        match self {
            ErrorClass::InvalidInput => "ValidationError",
            ErrorClass::BadRequest => "BadRequestError",
            ErrorClass::Authentication => "AuthenticationError",
            ErrorClass::PermissionDenied => "PermissionDeniedError",
            ErrorClass::NotFound => "NotFoundError",
            ErrorClass::Conflict => "ConflictError",
            ErrorClass::RateLimit => "RateLimitError",
            ErrorClass::InternalServer => "InternalServerError",
            ErrorClass::Redirect => "RedirectError",
            ErrorClass::ApiStatus => "APIStatusError",
            ErrorClass::Decode => "APIResponseValidationError",
            ErrorClass::Connection => "APIConnectionError",
            ErrorClass::Timeout => "APITimeoutError",
            ErrorClass::Internal => "InternalError",
        }
    }

    /// The JavaScript error class's name (the npm package's exports).
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorClass::InvalidInput => "InvalidInputError",
            ErrorClass::BadRequest => "BadRequestError",
            ErrorClass::Authentication => "AuthenticationError",
            ErrorClass::PermissionDenied => "PermissionDeniedError",
            ErrorClass::NotFound => "NotFoundError",
            ErrorClass::Conflict => "ConflictError",
            ErrorClass::RateLimit => "RateLimitError",
            ErrorClass::InternalServer => "InternalServerError",
            ErrorClass::Redirect => "RedirectError",
            ErrorClass::ApiStatus => "ApiError",
            ErrorClass::Decode => "DecodeError",
            ErrorClass::Connection => "TransportError",
            ErrorClass::Timeout => "TimeoutError",
            ErrorClass::Internal => "InternalError",
        }
    }

    /// The kind this class belongs to.
    pub fn kind(self) -> ErrorKind {
        match self {
            ErrorClass::InvalidInput => ErrorKind::InvalidInput,
            ErrorClass::Decode => ErrorKind::Decode,
            ErrorClass::Connection => ErrorKind::Transport,
            ErrorClass::Timeout => ErrorKind::Timeout,
            ErrorClass::Internal => ErrorKind::Internal,
            _ => ErrorKind::Api,
        }
    }

    /// Whether trying again later may succeed (the SDK's own retries are already spent).
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorClass::RateLimit
                | ErrorClass::InternalServer
                | ErrorClass::Connection
                | ErrorClass::Timeout
        )
    }

    /// One line on when it happens, for generated docs.
    pub fn description(self) -> &'static str {
        match self {
            ErrorClass::InvalidInput => {
                "refused before sending: `field` names the input to fix; nothing was sent"
            }
            ErrorClass::BadRequest => "HTTP 400: the server refused the input",
            ErrorClass::Authentication => "HTTP 401: the key is missing or wrong",
            ErrorClass::PermissionDenied => "HTTP 403: the key may not do this",
            ErrorClass::NotFound => "HTTP 404: no such resource",
            ErrorClass::Conflict => {
                "HTTP 409: the change conflicts with the resource's current state"
            }
            ErrorClass::RateLimit => {
                "HTTP 429 after the retries allowed; `retryAfter` says when to try again"
            }
            ErrorClass::InternalServer => {
                "HTTP 5xx after the retries allowed (a POST is never retried on 5xx)"
            }
            ErrorClass::Redirect => {
                "a 3xx: the SDK never follows a redirect (the key must not go to another host)"
            }
            ErrorClass::ApiStatus => "any other non-2xx status",
            ErrorClass::Decode => "a 2xx answer whose body is not what the API documents",
            ErrorClass::Connection => "no answer: the connection failed or broke",
            ErrorClass::Timeout => "no answer within the attempt's timeout",
            ErrorClass::Internal => "a bug in the SDK; never caused by input",
        }
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How field names are spelt in a language: the API's `io_logging_sampling_rate` (Rust,
/// Python) or `ioLoggingSamplingRate` (JavaScript, Kotlin, Swift).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum FieldStyle {
    /// The API's own names.
    #[default]
    Snake,
    /// lowerCamelCase.
    Camel,
}

impl FieldStyle {
    /// A field name (or a dotted path of them) in this style. A segment that is not an API name
    /// (a header's name in `headers.X_Trace`) stays as the caller wrote it.
    pub fn apply(self, field: &str) -> String {
        let mut out = String::with_capacity(field.len());
        let mut rest = field;
        // Segment by segment with the core's byte search (`split` would bring `str`'s own).
        while let Some((segment, after)) = crate::text::split_once(rest, b'.') {
            self.push_name(&mut out, segment);
            out.push('.');
            rest = after;
        }
        self.push_name(&mut out, rest);
        out
    }

    /// `text` with every snake_case name in it (a word with an underscore) in this style,
    /// except inside backticks: there a message quotes what the caller gave, as given.
    pub fn apply_to_names(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut start = 0;
        let mut quoted = false;
        for (i, c) in text.char_indices() {
            if !quoted && (c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            self.push_name(&mut out, text.get(start..i).unwrap_or_default());
            quoted ^= c == '`';
            out.push(c);
            start = i + c.len_utf8();
        }
        self.push_name(&mut out, text.get(start..).unwrap_or_default());
        out
    }

    /// Writes one word in this style when it is an API name (lowercase ASCII, digits and inner
    /// underscores); any other word as it is.
    fn push_name(self, out: &mut String, word: &str) {
        let api_name = !word.starts_with('_')
            && !word.ends_with('_')
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if self == FieldStyle::Snake || !api_name {
            out.push_str(word);
            return;
        }
        let mut upper = false;
        for c in word.chars() {
            match c {
                '_' => upper = true,
                // ASCII only: `char::to_uppercase` brought Unicode's case table (6 KB
                // gzipped) into the browser build.
                _ if upper => {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                }
                _ => out.push(c),
            }
        }
    }
}

impl Error {
    /// The class each language names its error type after.
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::InvalidInput { .. } => ErrorClass::InvalidInput,
            Error::Api(api) => ErrorClass::of_status(api.status),
            Error::Decode { .. } => ErrorClass::Decode,
            Error::Transport { .. } => ErrorClass::Connection,
            Error::Timeout { .. } => ErrorClass::Timeout,
            Error::Internal { .. } => ErrorClass::Internal,
        }
    }

    /// Whether trying again later may succeed (see [`ErrorClass::is_retryable`]).
    pub fn is_retryable(&self) -> bool {
        self.class().is_retryable()
    }

    /// The error with its field named in `style`, in `field` and in the message (which starts
    /// with it, and may name other fields: "give at least one of name, limit_reset, ...").
    /// Only input errors name a field; others are returned as they are.
    pub fn with_field_style(self, style: FieldStyle) -> Error {
        match self {
            Error::InvalidInput { field, message } if style != FieldStyle::Snake => {
                let renamed = style.apply(&field);
                let message = match message.strip_prefix(field.as_str()) {
                    Some(rest) => format!("{renamed}{}", style.apply_to_names(rest)),
                    None => style.apply_to_names(&message),
                };
                Error::InvalidInput {
                    field: renamed,
                    message,
                }
            }
            other => other,
        }
    }

    /// The error with the field `from` named `to`, in `field` and at the start of the message:
    /// for a binding whose argument for a setting has another name than the core's (Python's
    /// `default_headers` for `headers`, JavaScript's `timeout_ms` for `timeout`). Any other
    /// error is returned as it is.
    pub fn with_field_renamed(self, from: &str, to: &str) -> Error {
        match self {
            Error::InvalidInput { field, message } if field == from => {
                let rest = message.strip_prefix(from).unwrap_or(&message);
                Error::InvalidInput {
                    field: to.to_owned(),
                    message: format!("{to}{rest}"),
                }
            }
            other => other,
        }
    }

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

    /// An input error: `field` (the API's snake_case name; [`Error::with_field_style`] respells
    /// it) and what is wrong with it. For a binding that checks a value of its own before the
    /// core sees it, so the error reads like the core's.
    pub fn invalid(field: impl Into<String>, message: impl AsRef<str>) -> Self {
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
    /// The `Location` header of a redirect (which the SDK never follows).
    pub location: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.status != 0 {
            write!(f, "HTTP {}", Decimal::from(self.status))?;
        } else {
            f.write_str("redirect")?;
        }
        if let Some(code) = self.code {
            write!(f, " (code {})", Decimal::from(code))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_respells_the_field_and_the_names_a_message_gives() {
        let error = Error::invalid(
            "body",
            "changes nothing: give at least one of name, include_byok_in_limit, limit_reset",
        )
        .with_field_style(FieldStyle::Camel);
        assert_eq!(error.field(), Some("body"));
        assert_eq!(
            error.to_string(),
            "invalid input: body: changes nothing: give at least one of name, \
             includeByokInLimit, limitReset"
        );
        let renamed = Error::invalid("limit_reset", "must be `daily` (got `every_day`), not x_")
            .with_field_style(FieldStyle::Camel);
        assert_eq!(
            renamed.to_string(),
            "invalid input: limitReset: must be `daily` (got `every_day`), not x_"
        );
        let header = Error::invalid("headers.X_Trace", "headers.X_Trace: must be a string")
            .with_field_style(FieldStyle::Camel);
        assert_eq!(header.field(), Some("headers.X_Trace"));
        assert_eq!(
            FieldStyle::Camel.apply("retry.max_retries"),
            "retry.maxRetries"
        );
        let snake = Error::invalid("limit_reset", "see max_retries");
        assert_eq!(snake.clone().with_field_style(FieldStyle::Snake), snake);
    }

    #[test]
    fn a_renamed_field_is_renamed_in_the_field_and_the_message_only() {
        let error = Error::invalid("headers", "`Authorization` is set by the SDK")
            .with_field_renamed("headers", "default_headers");
        assert_eq!(error.field(), Some("default_headers"));
        assert_eq!(
            error.message(),
            "default_headers: `Authorization` is set by the SDK"
        );
        let other = Error::invalid("timeout", "must be more than zero (got 0)");
        assert_eq!(
            other
                .clone()
                .with_field_renamed("headers", "default_headers"),
            other
        );
    }
}
