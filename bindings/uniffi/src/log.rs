//! Where a client's log lines go: a listener the app implements (Kotlin: Timber, android.util.Log,
//! SLF4J; Swift: os.Logger). The lines are the core's, the same in every language: one per
//! attempt, answer, retry wait and failure, never a secret.

pub use modelgates_core::{LogLevel, LogLine};

/// Receives each log line as the call goes. It runs on the call's thread, so it should be
/// quick; whatever it throws is ignored (logging never changes what a call does).
#[uniffi::export(with_foreign)]
pub trait LogListener: Send + Sync {
    /// One line.
    fn log(&self, line: LogLine) -> Result<(), LogListenerError>;
}

/// What a listener may throw; the SDK ignores it.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum LogListenerError {
    /// The listener failed.
    #[error("{reason}")]
    Failed {
        /// What happened.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for LogListenerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        LogListenerError::Failed {
            reason: error.reason,
        }
    }
}
