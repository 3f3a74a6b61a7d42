//! The errors that cross the FFI: the SDK's one error enum, and the ones foreign code throws.

use std::time::Duration;

use modelgates_core::{Error, ToJson};

/// Everything that can go wrong in a call (Kotlin: `ModelGatesException`). The variant is the
/// stable error kind of every ModelGates SDK: `InvalidInput`, `Api`, `Decode`, `Transport`,
/// `Timeout`, `Internal`; and `Cancelled`, for a call ended through a `CallCancellation`.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum ModelGatesError {
    /// The input was refused before anything was sent; `field` names the offending field.
    #[error("invalid input: {reason}")]
    InvalidInput {
        /// The field as the API names it (`slug`, `limit`, `id`, `page_size`, ...).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with a non-2xx status.
    #[error("HTTP {status}: {reason}")]
    Api {
        /// The HTTP status (an `Int` in Kotlin, so `e.status == 404` reads as it should).
        status: i32,
        /// `error.code` from the body; null when the body was not the documented envelope.
        code: Option<i64>,
        /// `error.message`, or a description quoting the start of an unexpected body.
        reason: String,
        /// `error.metadata` as JSON text.
        metadata_json: Option<String>,
        /// The envelope's top-level `user_id`.
        user_id: Option<String>,
        /// The `x-request-id` response header.
        request_id: Option<String>,
        /// The `Retry-After` response header.
        retry_after: Option<Duration>,
        /// A redirect's `Location` header (the SDK never follows a redirect).
        location: Option<String>,
    },
    /// A 2xx response whose body is not what the API documents.
    #[error("could not decode the HTTP {status} response: {reason}")]
    Decode {
        /// The HTTP status.
        status: i32,
        /// What did not decode.
        reason: String,
    },
    /// The connection failed or broke on the last attempt.
    #[error("transport error: {reason}")]
    Transport {
        /// The transport's description.
        reason: String,
    },
    /// The last attempt timed out.
    #[error("request timed out: {reason}")]
    Timeout {
        /// The transport's description.
        reason: String,
    },
    /// The call was ended through its client's `CallCancellation` (Swift: the task was
    /// cancelled); it may have reached the server.
    #[error("cancelled: {reason}")]
    Cancelled {
        /// What ended it.
        reason: String,
    },
    /// The SDK was driven wrongly, or a foreign timer failed; never caused by user input.
    #[error("internal SDK error: {reason}")]
    Internal {
        /// What went wrong.
        reason: String,
    },
}

impl From<Error> for ModelGatesError {
    fn from(error: Error) -> Self {
        let message = error.message().to_owned();
        match error {
            Error::InvalidInput { field, .. } => ModelGatesError::InvalidInput {
                field,
                reason: message,
            },
            Error::Api(api) => ModelGatesError::Api {
                status: i32::from(api.status),
                code: api.code,
                reason: message,
                metadata_json: api.metadata.as_ref().map(ToJson::to_json),
                user_id: api.user_id,
                request_id: api.request_id,
                retry_after: api.retry_after,
                location: api.location,
            },
            Error::Decode { status, .. } => ModelGatesError::Decode {
                status: i32::from(status),
                reason: message,
            },
            Error::Transport { .. } => ModelGatesError::Transport { reason: message },
            Error::Timeout { .. } => ModelGatesError::Timeout { reason: message },
            _ => ModelGatesError::Internal { reason: message },
        }
    }
}

/// Why a foreign [`crate::HttpTransport`] produced no response (Kotlin: `TransportException`).
/// The variant matters: a POST is retried only after `Connect`, which proves nothing was sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum TransportError {
    /// The request never left: connection refused, DNS or TLS failure.
    #[error("{reason}")]
    Connect {
        /// What happened.
        reason: String,
    },
    /// No complete answer within the request's timeout.
    #[error("{reason}")]
    Timeout {
        /// What happened.
        reason: String,
    },
    /// The connection broke after the request was (perhaps) sent, or the body was cut short.
    #[error("{reason}")]
    Io {
        /// What happened.
        reason: String,
    },
}

/// Any other exception thrown by a foreign transport is reported as an I/O failure: it may have
/// happened after sending, so a POST is not retried on it.
impl From<uniffi::UnexpectedUniFFICallbackError> for TransportError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportError::Io {
            reason: format!(
                "the transport threw an unexpected exception: {}",
                error.reason
            ),
        }
    }
}

impl From<TransportError> for modelgates_core::TransportError {
    fn from(error: TransportError) -> Self {
        use modelgates_core::TransportErrorKind as Kind;
        let (kind, message) = match error {
            TransportError::Connect { reason } => (Kind::Connect, reason),
            TransportError::Timeout { reason } => (Kind::Timeout, reason),
            TransportError::Io { reason } => (Kind::Io, reason),
        };
        modelgates_core::TransportError::new(kind, message)
    }
}

/// A failure of a foreign [`crate::RetryTimer`] (Kotlin: `RetryTimerException`).
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum RetryTimerError {
    /// The timer could not read the clock or sleep.
    #[error("{reason}")]
    Failed {
        /// What happened.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for RetryTimerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        RetryTimerError::Failed {
            reason: format!("the timer threw an unexpected exception: {}", error.reason),
        }
    }
}

impl From<RetryTimerError> for ModelGatesError {
    fn from(error: RetryTimerError) -> Self {
        ModelGatesError::Internal {
            reason: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unexpected_foreign_exception_is_an_io_failure() {
        let error = TransportError::from(uniffi::UnexpectedUniFFICallbackError::new("boom"));
        let core: modelgates_core::TransportError = error.into();
        assert_eq!(core.kind, modelgates_core::TransportErrorKind::Io);
        assert!(core.message.contains("boom"));
    }

    #[test]
    fn core_errors_keep_their_details() {
        let api = modelgates_core::ApiError {
            status: 429,
            code: Some(429),
            message: "slow down".into(),
            metadata: Some(serde_json::json!({"field": "x"}).into()),
            user_id: Some("u".into()),
            request_id: Some("r".into()),
            retry_after: Some(Duration::from_secs(2)),
            location: None,
        };
        let mapped = ModelGatesError::from(Error::from(api));
        assert_eq!(
            mapped,
            ModelGatesError::Api {
                status: 429,
                code: Some(429),
                reason: "slow down".into(),
                metadata_json: Some(r#"{"field":"x"}"#.into()),
                user_id: Some("u".into()),
                request_id: Some("r".into()),
                retry_after: Some(Duration::from_secs(2)),
                location: None,
            }
        );
    }
}
