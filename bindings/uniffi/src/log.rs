//! Where a client's log lines and its calls' answers go: listeners the app implements (Kotlin: Timber, android.util.Log,
//! SLF4J; Swift: os.Logger). The lines are the core's, the same in every language: one per
//! attempt, answer, retry wait and failure, never a secret.

pub use modelgates_core::{LogLevel, LogLine};

/// Receives each log line as the call goes. It runs on the call's thread, so it should be
/// quick; whatever it throws is ignored (logging never changes what a call does).
#[uniffi::export(with_foreign)]
pub trait LogListener: Send + Sync {
    /// One line.
    fn log(&self, line: LogLine) -> Result<(), ListenerError>;
}

/// What a listener (of log lines or of responses) may throw; the SDK ignores it.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum ListenerError {
    /// The listener failed.
    #[error("{reason}")]
    Failed {
        /// What happened.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ListenerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ListenerError::Failed {
            reason: error.reason,
        }
    }
}

/// The answer a call ended with, besides its body (what "raw response" APIs give).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ResponseInfo {
    /// The operation's id (`get-workspace`).
    pub operation: String,
    /// The HTTP status.
    pub status: i32,
    /// Every header, names in lower case, in the order received.
    pub headers: Vec<crate::HttpHeader>,
    /// The `x-request-id` header, for support requests.
    pub request_id: Option<String>,
}

impl From<&modelgates_core::ResponseInfo> for ResponseInfo {
    fn from(info: &modelgates_core::ResponseInfo) -> Self {
        ResponseInfo {
            operation: info.operation.to_owned(),
            status: i32::from(info.status),
            headers: info
                .headers
                .iter()
                .map(|(name, value)| crate::HttpHeader {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            request_id: info.request_id().map(str::to_owned),
        }
    }
}

/// Receives the answer each call ended with (status, headers, request id), as the call
/// returns; whatever it throws is ignored.
#[uniffi::export(with_foreign)]
pub trait ResponseListener: Send + Sync {
    /// One call's final answer.
    fn on_response(&self, response: ResponseInfo) -> Result<(), ListenerError>;
}
