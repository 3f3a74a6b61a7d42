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
    /// The duration, or the core's input error naming `field` (snake_case; respelled in
    /// camelCase).
    pub(crate) fn duration(self, field: &str) -> Result<Duration, Error> {
        modelgates_core::seconds(field, self.0).map_err(|e| e.with_field_style(FieldStyle::Camel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_nan_or_endless_span_is_refused_by_name() {
        let refused =
            "invalid input: retry.initialBackoff: must be a finite number of seconds, 0 or more";
        for (seconds, shown) in [(-1.0, "-1"), (f64::NAN, "NaN"), (f64::INFINITY, "Infinity")] {
            let error = TimeSpan(seconds).duration("retry.initial_backoff");
            let wanted = format!("{refused} (got {shown})");
            assert_eq!(error.map_err(|e| e.to_string()), Err(wanted));
        }
        assert_eq!(
            TimeSpan(1.5).duration("timeout").ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(TimeSpan::from(Duration::from_millis(250)), TimeSpan(0.25));
    }
}
