//! The clock and sleep a call's retries use: real time by default, pluggable for tests. Not
//! named `Timer`: Foundation's `Timer` (Swift) and `java.util.Timer` (Kotlin) would clash.

use std::time::{Duration, Instant};

use crate::error::RetryTimerError;

/// A monotonic clock and an async sleep. The default is real time; a test passes its
/// own to check the waits the SDK asks for without sleeping through them.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait RetryTimer: Send + Sync {
    /// A monotonic reading from any fixed origin.
    fn now(&self) -> Result<Duration, RetryTimerError>;
    /// Waits `duration` (retry backoff or `Retry-After`).
    async fn sleep(&self, duration: Duration) -> Result<(), RetryTimerError>;
}

/// Real time: `Instant` since the client was made, and a timer thread's sleep.
pub(crate) struct SystemRetryTimer {
    origin: Instant,
}

impl SystemRetryTimer {
    pub(crate) fn new() -> Self {
        SystemRetryTimer {
            origin: Instant::now(),
        }
    }
}

#[async_trait::async_trait]
impl RetryTimer for SystemRetryTimer {
    fn now(&self) -> Result<Duration, RetryTimerError> {
        Ok(self.origin.elapsed())
    }

    async fn sleep(&self, duration: Duration) -> Result<(), RetryTimerError> {
        futures_timer::Delay::new(duration).await;
        Ok(())
    }
}
