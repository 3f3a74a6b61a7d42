//! Ending calls from outside: Swift's async calls into Rust do not hear of the calling task's
//! cancellation (Kotlin's do: a cancelled coroutine drops the Rust future), so a client can
//! be given a [`CallCancellation`] that its calls watch.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use event_listener::Event;

/// A switch that ends every call of the clients it was given to
/// ([`crate::ModelGatesClient::with_cancellation`]): a call in flight stops at once (its
/// transport's request is cancelled, no retry starts) with `ModelGatesError::Cancelled`, and a
/// later call ends so before sending anything. It cannot be switched back.
#[derive(Debug, uniffi::Object)]
pub struct CallCancellation {
    cancelled: AtomicBool,
    // Wakes the calls waiting in `cancelled()`.
    thrown: Event,
}

#[uniffi::export]
impl CallCancellation {
    /// A switch not yet thrown.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(CallCancellation {
            cancelled: AtomicBool::new(false),
            thrown: Event::new(),
        })
    }

    /// Ends the calls; safe to call from any thread, any number of times.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.thrown.notify(usize::MAX);
    }

    /// Whether [`CallCancellation::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

impl CallCancellation {
    /// Resolves once cancelled (at once if it already was).
    pub(crate) async fn cancelled(&self) {
        loop {
            if self.is_cancelled() {
                return;
            }
            // Listening before the second look: a `cancel` between the two still wakes it.
            let thrown = self.thrown.listen();
            if self.is_cancelled() {
                return;
            }
            thrown.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures_executor::block_on;

    use super::*;

    #[test]
    fn a_waiting_call_ends_when_another_thread_cancels() {
        let switch = CallCancellation::new();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiting = switch.clone();
        std::thread::spawn(move || {
            block_on(waiting.cancelled());
            let _ = sender.send(());
        });
        assert!(
            receiver.recv_timeout(Duration::from_millis(100)).is_err(),
            "ended before the switch was thrown"
        );
        switch.cancel();
        receiver
            .recv_timeout(Duration::from_secs(5))
            .expect("the waiting call did not end after cancel()");
        assert!(switch.is_cancelled());
    }

    #[test]
    fn a_call_after_the_cancel_ends_at_once() {
        let switch = CallCancellation::new();
        switch.cancel();
        switch.cancel();
        block_on(switch.cancelled());
        assert!(switch.is_cancelled());
    }
}
