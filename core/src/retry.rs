//! Retry policy and the pure decisions behind it: which failures may be retried, and how long
//! to wait. The [`crate::Call`] state machine applies them.

use core::time::Duration;

use crate::http::TransportErrorKind;
use crate::instant_text::parse_http_date;

/// How a call retries. The default retries twice with exponential backoff and jitter, and never
/// spends more than 30 s waiting and trying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `1 + max_retries` requests). 0 turns retries off.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each retry after that.
    pub initial_backoff: Duration,
    /// The longest backoff wait (a server's `Retry-After` may ask for longer).
    pub max_backoff: Duration,
    /// No retry starts if its wait would end later than this after the first attempt began.
    pub max_elapsed: Duration,
    /// Fraction of each backoff wait that is randomised away (0 = none, 1 = full jitter), so
    /// that many clients do not retry in lockstep.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_elapsed: Duration::from_secs(30),
            jitter: 0.25,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// What is wrong with the policy, if anything: the field and the problem in plain words.
    /// Every binding refuses such a policy where it is made, naming the field its way.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if !(0.0..=1.0).contains(&self.jitter) {
            return Some(("jitter", "must be between 0 and 1"));
        }
        if self.initial_backoff > self.max_backoff {
            return Some(("initial_backoff", "must not be longer than max_backoff"));
        }
        // No retry could ever start: say so instead of silently never retrying.
        if self.max_retries > 0 && self.max_elapsed.is_zero() {
            return Some((
                "max_elapsed",
                "must be greater than zero while retries are on (set max_retries to 0 to turn them off)",
            ));
        }
        None
    }

    /// The backoff wait before retry number `retry` (0-based), given a uniform random `unit`
    /// in `[0, 1)`: `min(initial * 2^retry, max) * (1 - jitter * unit)`.
    pub fn backoff(&self, retry: u32, unit: f64) -> Duration {
        let base = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_backoff);
        let keep = 1.0 - self.jitter.clamp(0.0, 1.0) * unit.clamp(0.0, 1.0);
        // In whole nanoseconds (the cast saturates, at 584 years): `Duration`'s own float
        // conversion is a 466-byte routine in the browser engine for this one product.
        Duration::from_nanos((base.as_secs_f64() * keep * 1e9) as u64)
    }
}

/// Whether a request may be sent again: is a repeat harmless? Each operation's is in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// GET, PATCH and DELETE: repeating them leaves the same state.
    Idempotent,
    /// POST: a repeat could create a second workspace or mint a second key.
    NotIdempotent,
}

/// Whether a response status may be retried.
pub fn status_is_retryable(idempotency: Idempotency, status: u16) -> bool {
    match idempotency {
        Idempotency::Idempotent => status == 429 || (500..=599).contains(&status),
        // A 429 means the request was refused, not processed; a 5xx may have been processed.
        Idempotency::NotIdempotent => status == 429,
    }
}

/// Whether a transport failure may be retried.
pub fn transport_error_is_retryable(idempotency: Idempotency, kind: TransportErrorKind) -> bool {
    match idempotency {
        Idempotency::Idempotent => true,
        Idempotency::NotIdempotent => kind.proves_not_sent(),
    }
}

/// A `Retry-After` value: delay-seconds, or an HTTP-date, which is measured against the
/// response's own `Date` header (the server's clock: the core has no wall clock, and the two
/// clocks need not agree). A date with no `Date` to measure it by, or anything else, is None.
pub fn parse_retry_after(value: &str, date: Option<&str>) -> Option<Duration> {
    if let Some(delay) = parse_delay_seconds(value) {
        return Some(delay);
    }
    let retry_at = parse_http_date(value)?;
    let now = parse_http_date(date?)?;
    // A date already past means "now".
    Some(Duration::from_secs(
        u64::try_from(retry_at.saturating_sub(now)).unwrap_or(0),
    ))
}

fn parse_delay_seconds(value: &str) -> Option<Duration> {
    // delay-seconds is 1*DIGIT (RFC 9110); a fraction is taken too (`0.5`), as some servers
    // send one. Read digit by digit: a float parser would be the browser build's only one.
    let value = crate::text::trim(value);
    let (whole, fraction) = match crate::text::split_once(value, b'.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (value, ""),
    };
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    // Nanoseconds: the fraction's first nine digits, padded with zeros.
    let nanos = fraction
        .bytes()
        .chain(core::iter::repeat(b'0'))
        .take(9)
        .fold(0_u32, |nanos, digit| nanos * 10 + u32::from(digit - b'0'));
    Some(Duration::new(seconds, nanos))
}

/// A wait in whole milliseconds (saturating), for log lines and the bindings' `retry_after_ms`.
/// As a `u64`: printing `as_millis()`'s `u128` brought a second integer printer into every build.
pub fn whole_millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_only_shortens() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(0, 0.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(1000));
        assert_eq!(policy.backoff(5, 0.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(40, 0.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(375));
        assert!(policy.backoff(2, 0.5) < policy.backoff(2, 0.0));
        // A backoff past what whole nanoseconds in a u64 hold stops there (about 584 years).
        let endless = RetryPolicy {
            initial_backoff: Duration::from_secs(u64::MAX),
            max_backoff: Duration::from_secs(u64::MAX),
            ..policy
        };
        assert_eq!(endless.backoff(3, 0.0), Duration::from_nanos(u64::MAX));
    }

    #[test]
    fn post_is_only_retried_when_nothing_can_have_happened() {
        use Idempotency::*;
        assert!(status_is_retryable(NotIdempotent, 429));
        assert!(!status_is_retryable(NotIdempotent, 500));
        assert!(!status_is_retryable(NotIdempotent, 503));
        assert!(status_is_retryable(Idempotent, 503));
        assert!(!status_is_retryable(Idempotent, 404));
        assert!(transport_error_is_retryable(
            NotIdempotent,
            TransportErrorKind::Connect
        ));
        assert!(!transport_error_is_retryable(
            NotIdempotent,
            TransportErrorKind::Timeout
        ));
        assert!(!transport_error_is_retryable(
            NotIdempotent,
            TransportErrorKind::Io
        ));
        assert!(transport_error_is_retryable(
            Idempotent,
            TransportErrorKind::Io
        ));
    }

    #[test]
    fn a_policy_that_cannot_work_names_its_field() {
        let ok = RetryPolicy::default();
        assert_eq!(ok.problem(), None);
        assert_eq!(
            RetryPolicy {
                jitter: f64::NAN,
                ..ok
            }
            .problem()
            .map(|p| p.0),
            Some("jitter")
        );
        assert_eq!(
            RetryPolicy { jitter: 1.5, ..ok }.problem().map(|p| p.0),
            Some("jitter")
        );
        let backwards = RetryPolicy {
            initial_backoff: Duration::from_secs(9),
            ..ok
        };
        assert_eq!(backwards.problem().map(|p| p.0), Some("initial_backoff"));
        let no_time = RetryPolicy {
            max_elapsed: Duration::ZERO,
            ..ok
        };
        assert_eq!(no_time.problem().map(|p| p.0), Some("max_elapsed"));
        // Without retries, no time for them is needed.
        assert_eq!(
            RetryPolicy {
                max_retries: 0,
                ..no_time
            }
            .problem(),
            None
        );
    }

    #[test]
    fn retry_after_takes_seconds() {
        let seconds = |value| parse_retry_after(value, None);
        assert_eq!(seconds("2"), Some(Duration::from_secs(2)));
        assert_eq!(seconds(" 0.5 "), Some(Duration::from_millis(500)));
        assert_eq!(seconds("-1"), None);
        assert_eq!(seconds("NaN"), None);
        assert_eq!(seconds("1e300"), None);
        assert_eq!(seconds("\"2\""), None);
        assert_eq!(seconds("2 s"), None);
        assert_eq!(seconds("1.25"), Some(Duration::from_millis(1250)));
        assert_eq!(seconds("120"), Some(Duration::from_secs(120)));
        assert_eq!(seconds("0.0000000019"), Some(Duration::from_nanos(1)));
        for refused in [
            "",
            ".5",
            "1.",
            "1.-5",
            "+1",
            "1e3",
            "0x10",
            "99999999999999999999",
        ] {
            assert_eq!(seconds(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn retry_after_takes_an_http_date_measured_by_the_responses_date() {
        let at = "Wed, 21 Oct 2026 07:28:30 GMT";
        let date = Some("Wed, 21 Oct 2026 07:28:00 GMT");
        assert_eq!(parse_retry_after(at, date), Some(Duration::from_secs(30)));
        // No Date header: no clock to measure by.
        assert_eq!(parse_retry_after(at, None), None);
        // Already past: retry now.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:27:00 GMT", date),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after(at, Some("yesterday")), None);
        assert_eq!(parse_retry_after("tomorrow", date), None);
    }
}
