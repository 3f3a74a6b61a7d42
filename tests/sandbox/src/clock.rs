//! Timestamps: the `created_at`/`updated_at` the sandbox writes and the `expires_at` it reads.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// Why an `expires_at` value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimestampError {
    /// Not an RFC 3339 date-time at all.
    Malformed,
    /// A valid date-time with an offset other than UTC.
    NotUtc,
}

/// Now, as RFC 3339 in UTC with milliseconds: `2026-11-23T19:20:00.123Z`.
pub(crate) fn now() -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    // Formatting a UTC date-time with a fixed description cannot fail; fall back to the
    // standard form rather than panic if it ever did.
    let now = OffsetDateTime::now_utc();
    now.format(format)
        .or_else(|_| now.format(&Rfc3339))
        .unwrap_or_default()
}

/// Parses an RFC 3339 date-time that must be in UTC (`Z` or `+00:00`) and returns it
/// normalised to the `Z` form, e.g. `2029-11-30T23:59:59+00:00` → `2029-11-30T23:59:59Z`.
pub(crate) fn parse_utc(text: &str) -> Result<String, TimestampError> {
    let parsed = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| TimestampError::Malformed)?;
    // RFC 3339 reads `-00:00` as "offset unknown", which is not a statement of UTC.
    if parsed.offset() != UtcOffset::UTC || text.ends_with("-00:00") {
        return Err(TimestampError::NotUtc);
    }
    parsed
        .format(&Rfc3339)
        .map_err(|_| TimestampError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_has_milliseconds_and_z() {
        let now = now();
        assert_eq!(now.len(), "2026-11-23T19:20:00.123Z".len(), "{now}");
        assert!(now.ends_with('Z'));
        assert!(OffsetDateTime::parse(&now, &Rfc3339).is_ok());
    }

    #[test]
    fn utc_forms_are_accepted_and_normalised() {
        assert_eq!(
            parse_utc("2029-11-30T23:59:59Z").as_deref(),
            Ok("2029-11-30T23:59:59Z")
        );
        assert_eq!(
            parse_utc("2029-11-30T23:59:59+00:00").as_deref(),
            Ok("2029-11-30T23:59:59Z")
        );
        assert_eq!(
            parse_utc("2029-11-30t23:59:59.250z").as_deref(),
            Ok("2029-11-30T23:59:59.25Z")
        );
    }

    #[test]
    fn other_offsets_and_garbage_are_refused() {
        assert_eq!(
            parse_utc("2029-11-30T23:59:59+02:00"),
            Err(TimestampError::NotUtc)
        );
        assert_eq!(
            parse_utc("2029-11-30T23:59:59-00:00"),
            Err(TimestampError::NotUtc)
        );
        assert_eq!(parse_utc("2029-11-30"), Err(TimestampError::Malformed));
        assert_eq!(parse_utc("tomorrow"), Err(TimestampError::Malformed));
    }
}
