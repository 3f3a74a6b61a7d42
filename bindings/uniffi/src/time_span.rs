//! `TimeSpan`: a length of time the app sets (a timeout, a backoff), `java.time.Duration` in
//! Kotlin and `TimeInterval` in Swift (bindings/uniffi/uniffi.toml).
//!
//! Not uniffi's built-in `Duration`: its generated code refuses a negative value itself, with
//! an IllegalArgumentException in Kotlin and a `fatalError` (a crash) in Swift, and a NaN
//! `TimeInterval` traps. As seconds in an `f64` every value reaches Rust, which refuses it with
//! an `InvalidInput` naming the field, like any other bad setting.

use std::time::Duration;

use modelgates_core::{Error, FieldStyle};

/// A length of time, in seconds on the FFI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeSpan(f64);

uniffi::custom_type!(TimeSpan, f64, {
    lower: |span| span.0,
    try_lift: |seconds| Ok(TimeSpan(seconds)),
});

impl From<Duration> for TimeSpan {
    fn from(duration: Duration) -> Self {
        TimeSpan(duration.as_secs_f64())
    }
}

impl TimeSpan {
    /// The duration, or an input error naming `field` (snake_case; respelled in camelCase).
    pub(crate) fn duration(self, field: &str) -> Result<Duration, Error> {
        let seconds = self.0;
        Duration::try_from_secs_f64(seconds).map_err(|_| {
            let problem = if seconds >= 0.0 {
                format!("is too long (got {seconds} s)")
            } else {
                format!("must be 0 or more seconds (got {seconds} s)")
            };
            Error::invalid(field, problem).with_field_style(FieldStyle::Camel)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_nan_or_endless_span_is_refused_by_name() {
        for (seconds, wanted) in [
            (
                -1.0,
                "invalid input: retry.initialBackoff: must be 0 or more seconds (got -1 s)",
            ),
            (
                f64::NAN,
                "invalid input: retry.initialBackoff: must be 0 or more seconds (got NaN s)",
            ),
            (
                f64::INFINITY,
                "invalid input: retry.initialBackoff: is too long (got inf s)",
            ),
        ] {
            let error = TimeSpan(seconds).duration("retry.initial_backoff");
            assert_eq!(error.map_err(|e| e.to_string()), Err(wanted.to_owned()));
        }
        assert_eq!(
            TimeSpan(1.5).duration("timeout").ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(TimeSpan::from(Duration::from_millis(250)), TimeSpan(0.25));
    }
}
