//! The `Call` state machine: one API call from first attempt to final result, retries included.
//! It decides; the binding that drives it only sends requests and sleeps.
//!
//! ```text
//! loop {
//!     match call.next_action(clock.now()) {
//!         Action::Send(request) => match transport.send(request) {
//!             Ok(response) => call.handle_response(response),
//!             Err(error) => call.handle_transport_error(error),
//!         },
//!         Action::Wait(duration) => sleep(duration),
//!         Action::Done(result) => break result,
//!     }
//! }
//! ```

use crate::prelude::*;

use core::time::Duration;

use crate::api::{DecodeError, Operation, ReadJson};
use crate::decode::{self, decode_fields};
use crate::error::{ApiError, Error};
use crate::http::{
    HttpRequest, HttpResponse, Method, TransportError, TransportErrorKind, lowercased,
};
use crate::log::{self, LogLevel, LogLine};
use crate::retry::{self, RetryPolicy, whole_millis};
use crate::secret::{Secret, hide_key_members, scrub, scrub_json};
use crate::text::Decimal;
use crate::tree::Value;

/// What a deletion answers: the body a DELETE retried into a 404 is read as.
const GONE: &[u8] = br#"{"deleted":true}"#;

/// How much of an unexpected body an error quotes.
const EXCERPT_CHARS: usize = 200;

/// What the driver of a [`Call`] (or a [`crate::Pager`]) must do next.
#[derive(Debug)]
#[must_use = "an action is an instruction the driver must carry out"]
pub enum Action<T> {
    /// Send this request, then report the outcome with [`Call::handle_response`] or
    /// [`Call::handle_transport_error`].
    Send(HttpRequest),
    /// Sleep this long (retry backoff), then ask again.
    Wait(Duration),
    /// The call is over.
    Done(Result<T, Error>),
}

/// What a binding drives: a [`Call`], or a [`crate::Pager`] walking a whole list. A binding
/// writes its loop once, over this trait.
pub trait Machine {
    /// What `Done` carries on success.
    type Output;
    /// What to do next. `now` is a monotonic clock reading (any fixed origin).
    #[must_use = "the action must be carried out"]
    fn next_action(&mut self, now: Duration) -> Action<Self::Output>;
    /// Reports the response to the request from the last `Send`.
    fn handle_response(&mut self, response: HttpResponse);
    /// Reports that the transport could not get a response to the request from the last `Send`.
    fn handle_transport_error(&mut self, failure: TransportError);
    /// The log lines written since the last time they were taken, oldest first. A binding takes
    /// them after each step and hands them to its language's logging.
    fn take_log(&mut self) -> Vec<LogLine>;
    /// The last answer's status and headers (after `Done`: the one the call ended with), for
    /// "raw response" APIs. A walk has none of its own.
    fn response(&self) -> Option<&ResponseInfo> {
        None
    }
    /// A new drive starts. One that was stopped part-way (its task cancelled with a request in
    /// flight) never reported that request's outcome: a walk then asks for the page again
    /// instead of failing as misdriven. A call needs nothing: a stopped call is not driven again.
    fn begin_drive(&mut self) {}
}

/// What an answer said besides its body: status and headers (the operation too, for a
/// listener that sees many calls).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInfo {
    /// The operation's id (`get-workspace`).
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Every header, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
}

impl ResponseInfo {
    /// A header's value (the first, if repeated); `name` in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(given, _)| given.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The `x-request-id` header, for support requests.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }
}

/// A boxed machine is one too (a binding that keeps several kinds behind one type).
impl<M: Machine + ?Sized> Machine for Box<M> {
    type Output = M::Output;

    fn next_action(&mut self, now: Duration) -> Action<M::Output> {
        (**self).next_action(now)
    }

    fn handle_response(&mut self, response: HttpResponse) {
        (**self).handle_response(response);
    }

    fn handle_transport_error(&mut self, failure: TransportError) {
        (**self).handle_transport_error(failure);
    }

    fn take_log(&mut self) -> Vec<LogLine> {
        (**self).take_log()
    }

    fn response(&self) -> Option<&ResponseInfo> {
        (**self).response()
    }

    fn begin_drive(&mut self) {
        (**self).begin_drive();
    }
}

impl<T> Machine for Call<T> {
    type Output = T;

    fn next_action(&mut self, now: Duration) -> Action<T> {
        Call::next_action(self, now)
    }

    fn handle_response(&mut self, response: HttpResponse) {
        Call::handle_response(self, response);
    }

    fn handle_transport_error(&mut self, failure: TransportError) {
        Call::handle_transport_error(self, failure);
    }

    fn take_log(&mut self) -> Vec<LogLine> {
        Call::take_log(self)
    }

    fn response(&self) -> Option<&ResponseInfo> {
        Call::response(self)
    }
}

/// One API call in progress. Create it with a [`crate::Client`] method; drive it with
/// [`Call::next_action`].
pub struct Call<T> {
    attempts: Attempts,
    parse: fn(Value) -> Result<T, DecodeError>,
    /// The value read from the answer, until `Done` hands it out.
    value: Option<T>,
}

/// Everything a call does that does not depend on its result type (sending, retrying,
/// reading errors, logging): one copy in every build, however many result types there are.
pub(crate) struct Attempts {
    operation: Operation,
    request: HttpRequest,
    policy: RetryPolicy,
    rng: fastrand::Rng,
    api_key: Secret,
    /// How bodies are read into a tree (the client's reader).
    read: ReadJson,
    state: State,
    started_at: Option<Duration>,
    retries: u32,
    attempts: u32,
    /// An earlier attempt may have reached the server and acted (a 5xx, a timeout, a broken
    /// connection): a DELETE retried after it may find the item already gone.
    may_have_acted: bool,
    /// Lines not yet taken by the binding.
    log: Vec<LogLine>,
    /// The last answer's status and headers.
    response: Option<ResponseInfo>,
}

enum State {
    ReadyToSend,
    InFlight,
    /// A failure that may be retried; whether it is depends on the clock, read in next_action.
    Retryable {
        error: Error,
        retry_after: Option<Duration>,
    },
    /// Over, `Done` not yet given: with this error, or (`None`) with the call's value.
    Finished(Option<Error>),
    /// `Done` was given.
    Over,
}

/// What the attempts ask of the call: [`Action`] without the value.
enum Step {
    Send(HttpRequest),
    Wait(Duration),
    Failed(Error),
    Succeeded,
}

/// A successful answer (or a DELETE's 404 read as "deleted") whose body the call's parser reads.
struct Answer {
    response: HttpResponse,
    /// The 404 of a DELETE that an earlier attempt may have done: read as [`GONE`].
    gone: bool,
    request_id: String,
}

impl<T> core::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.attempts.operation)
            .field("request", &self.attempts.request)
            .field("attempts", &self.attempts.attempts)
            .finish_non_exhaustive()
    }
}

impl<T> Call<T> {
    pub(crate) fn new(attempts: Attempts, parse: fn(Value) -> Result<T, DecodeError>) -> Self {
        Call {
            attempts,
            parse,
            value: None,
        }
    }

    /// The last answer's status and headers; after `Done`, the one the call ended with (none
    /// if no answer came: a transport failure, or input refused before sending).
    pub fn response(&self) -> Option<&ResponseInfo> {
        self.attempts.response.as_ref()
    }

    /// The log lines written since the last call of this, oldest first.
    pub fn take_log(&mut self) -> Vec<LogLine> {
        core::mem::take(&mut self.attempts.log)
    }

    /// The operation this call performs.
    pub fn operation(&self) -> Operation {
        self.attempts.operation
    }

    /// The request this call sends (the same on every attempt).
    pub fn request(&self) -> &HttpRequest {
        &self.attempts.request
    }

    /// How many requests have been handed to the transport so far.
    pub fn attempts(&self) -> u32 {
        self.attempts.attempts
    }

    /// What to do next. `now` is a monotonic clock reading (any fixed origin): it bounds the
    /// total time spent retrying. `Done` is returned once; asking again after that gives an
    /// `Internal` error.
    #[must_use = "the action must be carried out"]
    pub fn next_action(&mut self, now: Duration) -> Action<T> {
        match self.attempts.next_step(now) {
            Step::Send(request) => Action::Send(request),
            Step::Wait(wait) => Action::Wait(wait),
            Step::Failed(error) => Action::Done(Err(error)),
            Step::Succeeded => Action::Done(
                self.value
                    .take()
                    .ok_or_else(|| Error::internal("the call has already finished")),
            ),
        }
    }

    /// Reports the response to the request from the last `Send`.
    pub fn handle_response(&mut self, response: HttpResponse) {
        let Some(answer) = self.attempts.handle_response(response) else {
            return;
        };
        let body = if answer.gone {
            GONE
        } else {
            &answer.response.body
        };
        match (self.attempts.read)(body).and_then(self.parse) {
            Ok(value) => {
                self.value = Some(value);
                self.attempts.answered(&answer, None);
            }
            Err(error) => self.attempts.answered(&answer, Some(&error)),
        }
    }

    /// Reports that the transport could not get a response to the request from the last `Send`.
    pub fn handle_transport_error(&mut self, failure: TransportError) {
        self.attempts.handle_transport_error(failure);
    }
}

impl Attempts {
    /// The attempts at `request`, none made yet.
    pub(crate) fn new(
        operation: Operation,
        request: HttpRequest,
        policy: RetryPolicy,
        seed: u64,
        read: ReadJson,
        api_key: Secret,
    ) -> Self {
        Attempts {
            operation,
            request,
            policy,
            rng: fastrand::Rng::with_seed(seed),
            api_key,
            read,
            state: State::ReadyToSend,
            started_at: None,
            retries: 0,
            attempts: 0,
            may_have_acted: false,
            log: Vec::new(),
            response: None,
        }
    }

    fn note(&mut self, level: LogLevel, message: String) {
        self.log.push(LogLine {
            level,
            message: format!("{}: {message}", self.operation.id()),
        });
    }

    fn next_step(&mut self, now: Duration) -> Step {
        match core::mem::replace(&mut self.state, State::InFlight) {
            State::ReadyToSend => {
                self.started_at.get_or_insert(now);
                self.attempts += 1;
                let line = format!(
                    "sending {} {} (attempt {} of at most {})",
                    self.request.method.as_str(),
                    log::loggable_url(&self.request.url),
                    Decimal::from(self.attempts),
                    Decimal::from(self.policy.max_retries.saturating_add(1))
                );
                self.note(LogLevel::Debug, line);
                Step::Send(self.request.clone())
            }
            State::InFlight => Step::Failed(Error::internal(
                "next_action was called before the outcome of the last request was reported",
            )),
            State::Retryable { error, retry_after } => self.decide_retry(now, error, retry_after),
            State::Finished(outcome) => {
                self.state = State::Over;
                match outcome {
                    Some(error) => Step::Failed(error),
                    None => Step::Succeeded,
                }
            }
            State::Over => {
                self.state = State::Over;
                Step::Failed(Error::internal("the call has already finished"))
            }
        }
    }

    /// Takes in an answer: an error decided here, or the answer whose body the call must read.
    fn handle_response(&mut self, response: HttpResponse) -> Option<Answer> {
        if !self.expecting_outcome() {
            return None;
        }
        self.response = Some(ResponseInfo {
            operation: self.operation.id(),
            status: response.status,
            headers: lowercased(&response.headers),
        });
        let request_id = response
            .header("x-request-id")
            .map(|id| format!(" (request id {})", scrub(id, &self.api_key)))
            .unwrap_or_default();
        if (200..300).contains(&response.status) {
            return Some(Answer {
                response,
                gone: false,
                request_id,
            });
        }
        if response.status == 404
            && self.operation.method() == Method::Delete
            && self.may_have_acted
        {
            // An earlier attempt may have deleted it: gone either way, so the deletion is done
            // (api/openapi.yaml, "Project decision" on delete-keys).
            self.note(
                LogLevel::Info,
                format!("HTTP 404{request_id} after an attempt that may have deleted it: reported as deleted"),
            );
            return Some(Answer {
                response,
                gone: true,
                request_id,
            });
        }
        self.may_have_acted |= response.status >= 500;
        let api = api_error(self.operation, &response, self.read, &self.api_key);
        let retry_after = api.retry_after;
        let error = Error::from(api);
        self.state = if retry::status_is_retryable(self.operation.idempotency(), response.status) {
            self.note(
                LogLevel::Info,
                format!("HTTP {}{request_id}", Decimal::from(response.status)),
            );
            State::Retryable { error, retry_after }
        } else {
            self.note(LogLevel::Warn, format!("failed: {error}"));
            State::Finished(Some(error))
        };
        None
    }

    /// The call read the answer (`failure`: it could not): the call is over.
    fn answered(&mut self, answer: &Answer, failure: Option<&DecodeError>) {
        let failure =
            failure.map(|err| decode_error(self.operation, &answer.response, err, &self.api_key));
        match &failure {
            Some(error) => self.note(LogLevel::Warn, format!("failed: {error}")),
            None if !answer.gone => self.note(
                LogLevel::Debug,
                format!(
                    "HTTP {}{}",
                    Decimal::from(answer.response.status),
                    answer.request_id
                ),
            ),
            None => {}
        }
        self.state = State::Finished(failure);
    }

    fn handle_transport_error(&mut self, failure: TransportError) {
        if !self.expecting_outcome() {
            return;
        }
        self.may_have_acted |= !failure.kind.proves_not_sent();
        let message = scrub(&failure.message, &self.api_key);
        let error = match failure.kind {
            TransportErrorKind::Timeout => Error::Timeout { message },
            TransportErrorKind::Connect | TransportErrorKind::Io => Error::Transport { message },
        };
        self.state =
            if retry::transport_error_is_retryable(self.operation.idempotency(), failure.kind) {
                self.note(LogLevel::Info, format!("no response: {error}"));
                State::Retryable {
                    error,
                    retry_after: None,
                }
            } else {
                // Not retried: say why when the rule is what stops it (a POST that may have
                // been sent), not only that it failed.
                self.note(
                    LogLevel::Warn,
                    format!("failed (not retried: the request may have been sent): {error}"),
                );
                State::Finished(Some(error))
            };
    }

    // An outcome reported when no request is outstanding is a driver bug: finish with an error
    // instead of acting on it (it could otherwise turn into a second POST).
    fn expecting_outcome(&mut self) -> bool {
        if matches!(self.state, State::InFlight) {
            return true;
        }
        if !matches!(self.state, State::Over) {
            self.state = State::Finished(Some(Error::internal(
                "an outcome was reported for a request that was not sent",
            )));
        }
        false
    }

    fn decide_retry(&mut self, now: Duration, error: Error, retry_after: Option<Duration>) -> Step {
        if self.retries >= self.policy.max_retries {
            self.note(
                LogLevel::Warn,
                format!(
                    "failed after {} attempt(s), no retries left: {error}",
                    Decimal::from(self.attempts)
                ),
            );
            return self.finish(error);
        }
        let wait = retry_after.unwrap_or_else(|| self.policy.backoff(self.retries, self.rng.f64()));
        let elapsed = now.saturating_sub(self.started_at.unwrap_or(now));
        if elapsed.saturating_add(wait) > self.policy.max_elapsed {
            self.note(
                LogLevel::Warn,
                format!(
                    "failed, not retried: waiting {} ms would pass the {} ms retry budget: {error}",
                    Decimal::from(whole_millis(wait)),
                    Decimal::from(whole_millis(self.policy.max_elapsed))
                ),
            );
            return self.finish(error);
        }
        self.retries += 1;
        let reason = if retry_after.is_some() {
            "as Retry-After asks"
        } else {
            "backoff"
        };
        let line = format!(
            "retry {} of {} in {} ms ({reason})",
            Decimal::from(self.retries),
            Decimal::from(self.policy.max_retries),
            Decimal::from(whole_millis(wait))
        );
        self.note(LogLevel::Info, line);
        self.state = State::ReadyToSend;
        Step::Wait(wait)
    }

    fn finish(&mut self, error: Error) -> Step {
        self.state = State::Over;
        Step::Failed(error)
    }
}

// Not methods of the generic Call: one copy of each, whatever the result type (browser bytes).
fn api_error(
    operation: Operation,
    response: &HttpResponse,
    read: ReadJson,
    api_key: &Secret,
) -> ApiError {
    struct Envelope {
        error: ErrorData,
        user_id: Option<String>,
    }
    struct ErrorData {
        code: i64,
        message: String,
        metadata: Option<Value>,
    }
    decode_fields!(Envelope { error, user_id });
    decode_fields!(ErrorData {
        code,
        message,
        metadata
    });

    let request_id = response.header("x-request-id").map(str::to_owned);
    let retry_after = response
        .header("retry-after")
        .and_then(|value| retry::parse_retry_after(value, response.header("date")));
    let location = response
        .header("location")
        .map(|location| scrub(location, api_key));
    if response.status == 0 || (300..400).contains(&response.status) {
        // Never followed: the key would go wherever the server points.
        let message = match (&location, response.status) {
            (Some(to), status) => format!(
                "the server redirected to {to} (HTTP {}); the SDK never follows a redirect, \
                 so that the key cannot reach another host: check the base URL",
                Decimal::from(status)
            ),
            (None, 0) => {
                "the server answered with a redirect (the browser does not say where to); \
                 the SDK never follows a redirect, so that the key cannot reach another host: \
                 check the base URL"
                    .to_owned()
            }
            (None, status) => format!(
                "the server redirected (HTTP {}, no Location); the SDK never follows a \
                 redirect: check the base URL",
                Decimal::from(status)
            ),
        };
        return ApiError {
            status: response.status,
            code: None,
            message,
            metadata: None,
            user_id: None,
            request_id,
            retry_after: None,
            location,
        };
    }
    let envelope = read(&response.body)
        .ok()
        .map(decode::from_value::<Envelope>);
    match envelope {
        Some(Ok(envelope)) => ApiError {
            status: response.status,
            code: Some(envelope.error.code),
            message: scrub(&hide_key_members(&envelope.error.message), api_key),
            metadata: envelope
                .error
                .metadata
                .filter(|m| !m.is_null())
                .map(|m| scrub_json(m, api_key)),
            user_id: envelope.user_id.map(|id| scrub(&id, api_key)),
            request_id,
            retry_after,
            location,
        },
        None | Some(Err(_)) => ApiError {
            status: response.status,
            code: None,
            message: match excerpt(&response.body) {
                // A gateway's error page may wrap the upstream answer, new key secret included.
                Some(_) if operation.response_carries_secret() => format!(
                    "HTTP {} with an unexpected body of {} bytes (not shown: a {} answer may \
                     contain the key secret)",
                    Decimal::from(response.status),
                    Decimal::from(response.body.len()),
                    operation.id()
                ),
                Some(text) => format!(
                    "HTTP {} with an unexpected body: {}",
                    Decimal::from(response.status),
                    scrub(&text, api_key)
                ),
                None => format!("HTTP {} with an empty body", Decimal::from(response.status)),
            },
            metadata: None,
            user_id: None,
            request_id,
            retry_after,
            location,
        },
    }
}

fn decode_error(
    operation: Operation,
    response: &HttpResponse,
    err: &DecodeError,
    api_key: &Secret,
) -> Error {
    let at = err
        .field_path()
        .map(|path| format!(" at `{path}`"))
        .unwrap_or_default();
    // The decoder's words never quote the body; only the excerpt could show the key secret.
    let message = if operation.response_carries_secret() {
        format!(
            "{} response{at}: {} (body of {} bytes not shown: it may contain the key secret)",
            operation.id(),
            err.message,
            Decimal::from(response.body.len())
        )
    } else {
        let quoted = excerpt(&response.body).unwrap_or_else(|| "(empty body)".to_owned());
        format!(
            "{} response{at}: {}; body: {}",
            operation.id(),
            err.message,
            quoted
        )
    };
    Error::Decode {
        status: response.status,
        message: scrub(&message, api_key),
    }
}

/// The start of a body as readable text, or `None` when it is empty.
fn excerpt(body: &[u8]) -> Option<String> {
    let text = hide_key_members(&crate::text::lossy(body));
    // The words with single spaces between them, cut after EXCERPT_CHARS characters.
    let mut short = String::new();
    let mut room = EXCERPT_CHARS;
    for word in text.split_whitespace() {
        if !short.is_empty() {
            if room == 0 {
                short.push('…');
                break;
            }
            short.push(' ');
            room -= 1;
        }
        for c in word.chars() {
            if room == 0 {
                short.push('…');
                return Some(short);
            }
            short.push(c);
            room -= 1;
        }
    }
    (!short.is_empty()).then_some(short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Client, Config};

    #[test]
    fn an_excerpt_is_the_words_single_spaced_cut_after_its_length() {
        // What the excerpt was first written as, collapsing then cutting.
        let reference = |text: &str| {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut short: String = collapsed.chars().take(EXCERPT_CHARS).collect();
            if short.len() < collapsed.len() {
                short.push('…');
            }
            (!collapsed.is_empty()).then_some(short)
        };
        let word = "é".repeat(EXCERPT_CHARS - 1);
        for text in [
            String::new(),
            " \n\t ".to_owned(),
            "<html>\n  <body>Bad   gateway</body>\n</html>".to_owned(),
            "x".repeat(EXCERPT_CHARS),
            "x".repeat(EXCERPT_CHARS + 1),
            format!("{} y", "x".repeat(EXCERPT_CHARS)),
            format!("{word} y"),
            format!("{word}  yz"),
            format!("{word}\u{2003}ü z"),
            "☃ ".repeat(EXCERPT_CHARS),
        ] {
            assert_eq!(excerpt(text.as_bytes()), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn an_error_echoing_the_key_is_scrubbed_everywhere() {
        let client = Client::new(Config::new("mg-echoed-key"), 1).unwrap();
        let mut call = client.get_workspace("production").unwrap();
        let Action::Send(_) = call.next_action(Duration::ZERO) else {
            panic!("expected a request")
        };
        let body = r#"{"error": {"code": 401, "message": "bad key mg-echoed-key",
            "metadata": {"sent": "Bearer mg-echoed-key", "list": ["mg-echoed-key"]}},
            "user_id": "mg-echoed-key"}"#;
        call.handle_response(HttpResponse::new(401, vec![], body));
        let Action::Done(Err(error)) = call.next_action(Duration::ZERO) else {
            panic!("expected an error")
        };
        let api = error.api().unwrap();
        let shown = format!("{error} {error:?} {:?} {:?}", api.metadata, api.user_id);
        assert!(!shown.contains("mg-echoed-key"), "{shown}");
        assert_eq!(
            serde_json::Value::from(api.metadata.clone().unwrap())["sent"],
            "Bearer [REDACTED]"
        );
    }
}
