//! The loop every binding writes once: the core's `Call` decides, this sends and sleeps.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_timer::Delay;
use futures_util::future::{Either, poll_immediate, select};
use modelgates_core::{Action, Machine};

use crate::cancel::CallCancellation;
use crate::error::{ModelGatesError, TransportError};
use crate::log::{LogListener, ResponseListener};
use crate::timer::RetryTimer;
use crate::transport::{HttpRequest, HttpResponse, HttpTransport};

/// Sends calls through a transport and sleeps between retries on a timer.
#[derive(Clone)]
pub(crate) struct Driver {
    transport: Arc<dyn HttpTransport>,
    timer: Arc<dyn RetryTimer>,
    listeners: Listeners,
    cancellation: Option<Arc<CallCancellation>>,
}

/// The app's listeners, if it gave any.
#[derive(Clone, Default)]
pub(crate) struct Listeners {
    pub(crate) log: Option<Arc<dyn LogListener>>,
    pub(crate) response: Option<Arc<dyn ResponseListener>>,
}

impl Driver {
    pub(crate) fn new(
        transport: Arc<dyn HttpTransport>,
        timer: Arc<dyn RetryTimer>,
        listeners: Listeners,
    ) -> Self {
        Driver {
            transport,
            timer,
            listeners,
            cancellation: None,
        }
    }

    /// The same driver, its calls ended by `cancellation` too.
    pub(crate) fn with_cancellation(&self, cancellation: Arc<CallCancellation>) -> Self {
        Driver {
            cancellation: Some(cancellation),
            ..self.clone()
        }
    }

    /// Hands the core's new log lines to the listener; what it throws is ignored.
    fn log<M: Machine>(&self, call: &mut M) {
        let lines = call.take_log();
        if let Some(listener) = &self.listeners.log {
            for line in lines {
                let _ = listener.log(line);
            }
        }
    }

    /// Hands the answer a call ended with to the listener; what it throws is ignored.
    fn report_response<M: Machine>(&self, call: &M) {
        if let (Some(listener), Some(info)) = (&self.listeners.response, call.response()) {
            let _ = listener.on_response(info.into());
        }
    }

    /// The loop every binding writes once: the core decides, the driver sends and sleeps. A
    /// call runs to its result; a walk runs to its next batch. A cancelled [`CallCancellation`]
    /// ends it at once: the attempt in flight is dropped (uniffi then cancels the foreign
    /// transport's task) and the call is `Cancelled`; a walk stays where it was.
    pub(crate) async fn run<M: Machine>(&self, call: &mut M) -> Result<M::Output, ModelGatesError> {
        self.run_reading(call, Reading::AtOnce).await
    }

    /// A walk's next batch, as [`Driver::run`], but each answer is read only after the future
    /// has yielded once. A blocking transport's answer is in when the first poll returns; if the
    /// coroutine (or task) was cancelled meanwhile, the foreign side drops the future at that
    /// yield with the answer unread, and the walk asks for that page again. Read at once, the
    /// batch would be made, lost with the cancelled coroutine, and the walk would go on past it.
    pub(crate) async fn walk<M: Machine>(
        &self,
        walk: &mut M,
    ) -> Result<M::Output, ModelGatesError> {
        self.run_reading(walk, Reading::AfterYield).await
    }

    async fn run_reading<M: Machine>(
        &self,
        call: &mut M,
        reading: Reading,
    ) -> Result<M::Output, ModelGatesError> {
        let Some(cancellation) = &self.cancellation else {
            return self.drive(call, reading).await;
        };
        // `select` polls the cancellation first: a thrown switch wins over a ready result.
        match select(
            pin!(cancellation.cancelled()),
            pin!(self.drive(call, reading)),
        )
        .await
        {
            Either::Left(((), _)) => Err(ModelGatesError::Cancelled {
                reason: "the call was cancelled through its CallCancellation".to_owned(),
            }),
            Either::Right((result, _)) => result,
        }
    }

    async fn drive<M: Machine>(
        &self,
        call: &mut M,
        reading: Reading,
    ) -> Result<M::Output, ModelGatesError> {
        // The last drive may have been dropped mid-request (a cancelled coroutine).
        call.begin_drive();
        loop {
            let action = call.next_action(self.timer.now()?);
            self.log(call);
            match action {
                Action::Send(request) => {
                    let limit = request.timeout;
                    let sent = self.transport.send(HttpRequest::from(request));
                    let outcome = within(limit, sent).await;
                    if reading == Reading::AfterYield {
                        YieldOnce::default().await;
                    }
                    match outcome.and_then(TryInto::try_into) {
                        Ok(response) => call.handle_response(response),
                        Err(failure) => call.handle_transport_error(failure.into()),
                    }
                }
                Action::Wait(duration) => self.timer.sleep(duration).await?,
                Action::Done(result) => {
                    self.report_response(call);
                    return result.map_err(ModelGatesError::from);
                }
            }
        }
    }
}

/// When the driver reads an attempt's answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// As soon as it is in (a call: a cancelled one's answer still reaches the listeners).
    AtOnce,
    /// After one more poll (a walk: see [`Driver::walk`]).
    AfterYield,
}

/// Pending once, waking itself at once: the foreign side polls again, or, cancelled, drops
/// the future there.
#[derive(Default)]
struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

/// How long past the attempt's timeout the driver waits before ending the attempt itself.
/// The transport enforces the timeout and names the failure; the driver is only the backstop
/// for one that does not. Without this margin the two would race at the limit, and an answer
/// arriving just in time across the FFI could be cut off.
pub(crate) const BACKSTOP_GRACE: Duration = Duration::from_secs(2);

/// The attempt's own timeout, enforced here too: a foreign transport may never complete (a
/// Kotlin `Error` escapes uniffi's glue without completing the future; java.net.http's timeout
/// stops at the headers, so a stalled body waits forever). [`BACKSTOP_GRACE`] past `limit`
/// the attempt is reported as the transport `Timeout` it is, and dropping `sent` cancels the
/// foreign side (uniffi cancels the Kotlin job / Swift task of a dropped future). The clock is
/// real time on purpose: a test's fake `RetryTimer` only fakes the SDK's waits between attempts.
/// It needs no async runtime: futures-timer's thread wakes it, whoever polls.
async fn within(
    limit: Option<Duration>,
    sent: impl Future<Output = Result<HttpResponse, TransportError>>,
) -> Result<HttpResponse, TransportError> {
    let Some(limit) = limit else {
        return sent.await;
    };
    let backstop = limit.saturating_add(BACKSTOP_GRACE);
    // A blocking transport's answer is in at the first poll: no timer to arm (arming one wakes
    // futures-timer's thread, a cost per request).
    let mut sent = pin!(sent);
    if let Some(answer) = poll_immediate(sent.as_mut()).await {
        return answer;
    }
    // The answer is polled first: one that is ready at the backstop is kept.
    match select(sent, Delay::new(backstop)).await {
        Either::Left((answer, _)) => answer,
        Either::Right(((), _)) => Err(TransportError::Timeout {
            reason: format!(
                "the transport gave no complete response within {limit:?} (ended by the SDK after {backstop:?})"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Instant;

    use futures_executor::block_on;
    use modelgates_core::{Config, RetryPolicy};

    use super::*;
    use crate::timer::SystemRetryTimer;

    /// Sets its flag when the future holding it is dropped.
    struct DropFlag(Arc<AtomicBool>);

    impl Drop for DropFlag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    /// A transport whose `send` never completes, like a foreign one that lost its future.
    struct Forever {
        dropped: Arc<AtomicBool>,
    }

    #[async_trait::async_trait]
    impl HttpTransport for Forever {
        async fn send(&self, _: HttpRequest) -> Result<HttpResponse, TransportError> {
            let _flag = DropFlag(self.dropped.clone());
            std::future::pending().await
        }
    }

    fn get_call(timeout: Duration) -> modelgates_core::Call<modelgates_core::Workspace> {
        let config = Config::new("mg-driver-test-key")
            .with_base_url("http://127.0.0.1:9/api/v1")
            .with_timeout(Some(timeout))
            .with_retry(RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            });
        modelgates_core::Client::new(config, 0)
            .expect("a valid config")
            .get_workspace("default")
            .expect("a valid id")
    }

    #[test]
    fn a_transport_that_never_answers_ends_as_a_timeout_and_is_dropped() {
        let dropped = Arc::new(AtomicBool::new(false));
        let driver = Driver::new(
            Arc::new(Forever {
                dropped: dropped.clone(),
            }),
            Arc::new(SystemRetryTimer::new()),
            Listeners::default(),
        );
        // On a thread of its own, so that a hang fails the test instead of stalling it.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let started = Instant::now();
            let result = block_on(driver.run(&mut get_call(Duration::from_millis(100))));
            let _ = sender.send((result, started.elapsed()));
        });
        let (result, elapsed) = receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("the call did not end within 10 s");
        match result {
            Err(ModelGatesError::Timeout { reason }) => {
                assert!(reason.contains("within 100ms"), "{reason}")
            }
            Err(other) => panic!("expected a timeout, got {other:?}"),
            Ok(_) => panic!("expected a timeout, got a workspace"),
        }
        assert!(
            elapsed >= Duration::from_millis(100) + BACKSTOP_GRACE,
            "gave up after {elapsed:?}"
        );
        assert!(
            elapsed < Duration::from_secs(2) + BACKSTOP_GRACE,
            "gave up after {elapsed:?}"
        );
        assert!(
            dropped.load(Ordering::SeqCst),
            "the transport's future was not dropped"
        );
    }

    #[test]
    fn an_answer_that_comes_just_after_the_limit_is_kept() {
        // A foreign answer always takes a little while to cross the FFI: one that the
        // transport itself let through at its limit must not be cut off by the backstop.
        let answer = HttpResponse {
            status: 200,
            headers: vec![],
            body: b"{}".to_vec(),
        };
        let prompt = async {
            Delay::new(Duration::from_millis(50)).await;
            Ok(answer.clone())
        };
        let result = block_on(within(Some(Duration::ZERO), prompt));
        assert!(result == Ok(answer));
    }

    #[test]
    fn an_answer_in_at_the_first_poll_is_kept_whatever_the_limit() {
        // A blocking transport's: no backstop is armed for it.
        let answer = HttpResponse {
            status: 204,
            headers: vec![],
            body: vec![],
        };
        let result = block_on(within(Some(Duration::ZERO), async { Ok(answer.clone()) }));
        assert!(result == Ok(answer));
    }

    /// A blocking transport answering one-item pages of workspaces, each request's URL kept.
    struct Pages {
        urls: std::sync::Mutex<Vec<String>>,
    }

    impl crate::transport::BlockingHttpTransport for Pages {
        fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
            let mut urls = self.urls.lock().expect("not poisoned");
            urls.push(request.url);
            let id = format!("00000000-0000-4000-8000-00000000000{}", urls.len());
            let body = format!(
                r#"{{"data":[{{"id":"{id}","name":"w","slug":"w","description":null,"default_image_model":null,"default_text_model":null,"default_provider_sort":null,"io_logging_api_key_ids":null,"io_logging_sampling_rate":1,"is_data_discount_logging_enabled":false,"is_observability_broadcast_enabled":false,"is_observability_io_logging_enabled":false,"created_at":"2026-01-01T00:00:00Z","created_by":null,"updated_at":null}}],"total_count":2}}"#
            );
            Ok(HttpResponse {
                status: 200,
                headers: vec![],
                body: body.into_bytes(),
            })
        }
    }

    #[test]
    fn a_walk_dropped_at_its_answer_asks_for_that_page_again() {
        // What a cancelled coroutine does on the blocking path: the page's answer is in when the
        // first poll returns, and the foreign side then drops the future instead of polling on.
        let pages = Arc::new(Pages {
            urls: std::sync::Mutex::new(Vec::new()),
        });
        let driver = Driver::new(
            Arc::new(crate::transport::OnCallingThread(pages.clone())),
            Arc::new(SystemRetryTimer::new()),
            Listeners::default(),
        );
        let config = Config::new("mg-driver-test-key").with_base_url("http://127.0.0.1:9/api/v1");
        let mut walk = modelgates_core::Client::new(config, 0)
            .expect("a valid config")
            .workspace_pager(Some(1))
            .expect("a valid page size");
        {
            let mut batch = pin!(driver.walk(&mut walk));
            let waker = futures_util::task::noop_waker();
            let first = batch.as_mut().poll(&mut Context::from_waker(&waker));
            assert!(first.is_pending(), "the answer was read at the first poll");
        }
        let mut ids = Vec::new();
        while let Some(batch) = block_on(driver.walk(&mut walk)).expect("a page") {
            ids.extend(batch.into_iter().map(|workspace| workspace.id));
        }
        let urls = pages.urls.lock().expect("not poisoned").clone();
        assert_eq!(urls.len(), 3, "{urls:?}");
        assert_eq!(urls[0], urls[1], "the dropped page was not asked for again");
        assert_eq!(ids.len(), 2, "{ids:?}");
    }

    #[test]
    fn the_backstop_needs_no_async_runtime() {
        // The foreign side polls the SDK's futures with no runtime of ours around them.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let never = std::future::pending::<Result<HttpResponse, TransportError>>();
            let _ = sender.send(block_on(within(Some(Duration::ZERO), never)));
        });
        let result = receiver
            .recv_timeout(BACKSTOP_GRACE + Duration::from_secs(5))
            .expect("the backstop did not end the attempt");
        assert!(matches!(result, Err(TransportError::Timeout { .. })));
    }
}
