//! The clock and sleep a call's retries use: real time by default, pluggable for tests.

use std::time::{Duration, Instant};

use crate::error::TimerError;

/// A monotonic clock and an async sleep. The default is real time (tokio); a test passes its
/// own to check the waits the SDK asks for without sleeping through them.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait Timer: Send + Sync {
    /// A monotonic reading from any fixed origin.
    fn now(&self) -> Result<Duration, TimerError>;
    /// Waits `duration` (retry backoff or `Retry-After`).
    async fn sleep(&self, duration: Duration) -> Result<(), TimerError>;
}

/// Real time: `Instant` since the client was made, and tokio's sleep.
pub(crate) struct SystemTimer {
    origin: Instant,
}

impl SystemTimer {
    pub(crate) fn new() -> Self {
        SystemTimer {
            origin: Instant::now(),
        }
    }
}

#[async_trait::async_trait]
impl Timer for SystemTimer {
    fn now(&self) -> Result<Duration, TimerError> {
        Ok(self.origin.elapsed())
    }

    async fn sleep(&self, duration: Duration) -> Result<(), TimerError> {
        tokio::time::sleep(duration).await;
        Ok(())
    }
}
