//! Ending calls from outside: Swift's async calls into Rust do not hear of the calling task's
//! cancellation (Kotlin's do: a cancelled coroutine drops the Rust future), so a client can
//! be given a [`CallCancellation`] that its calls watch.

use std::sync::Arc;

use tokio::sync::watch;

/// A switch that ends every call of the clients it was given to
/// ([`crate::ModelGatesClient::with_cancellation`]): a call in flight stops at once (its
/// transport's request is cancelled, no retry starts) with `ModelGatesError::Cancelled`, and a
/// later call ends so before sending anything. It cannot be switched back.
#[derive(Debug, uniffi::Object)]
pub struct CallCancellation {
    cancelled: watch::Sender<bool>,
}

#[uniffi::export]
impl CallCancellation {
    /// A switch not yet thrown.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(CallCancellation {
            cancelled: watch::Sender::new(false),
        })
    }

    /// Ends the calls; safe to call from any thread, any number of times.
    pub fn cancel(&self) {
        self.cancelled.send_replace(true);
    }

    /// Whether [`CallCancellation::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        *self.cancelled.borrow()
    }
}

impl CallCancellation {
    /// Resolves once cancelled (at once if it already was).
    pub(crate) async fn cancelled(&self) {
        let mut watcher = self.cancelled.subscribe();
        // The sender lives as long as `self`, so the wait ends only by cancelling.
        let _ = watcher.wait_for(|cancelled| *cancelled).await;
    }
}
