//! Timestamps: the `created_at`/`updated_at` the sandbox writes, the `expires_at` it reads
//! and checks, and when a key's budget resets.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, Month, OffsetDateTime, UtcOffset};

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

/// Whether a key that expires at `at` (RFC 3339) has expired: `at` is now or in the past.
/// Text that does not parse never expires; the store holds only what [`parse_utc`] returned.
pub(crate) fn has_passed(at: &str) -> bool {
    OffsetDateTime::parse(at, &Rfc3339).is_ok_and(|at| at <= OffsetDateTime::now_utc())
}

/// When a budget that resets `interval` next starts from zero, as RFC 3339: the coming
/// midnight UTC, Monday (weeks run Monday to Sunday) or first of the month. `None` for any
/// other interval.
pub(crate) fn next_reset(interval: &str) -> Option<String> {
    next_reset_after(OffsetDateTime::now_utc().date(), interval)
}

fn next_reset_after(today: Date, interval: &str) -> Option<String> {
    let next = match interval {
        "daily" => today.next_day()?,
        "weekly" => {
            let days = 7 - i64::from(today.weekday().number_days_from_monday());
            today.checked_add(Duration::days(days))?
        }
        "monthly" => {
            let year = match today.month() {
                Month::December => today.year().checked_add(1)?,
                _ => today.year(),
            };
            Date::from_calendar_date(year, today.month().next(), 1).ok()?
        }
        _ => return None,
    };
    next.midnight().assume_utc().format(&Rfc3339).ok()
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

    #[test]
    fn expiry_is_inclusive_of_now() {
        assert!(has_passed("2020-01-01T00:00:00Z"));
        assert!(has_passed(&now()));
        assert!(!has_passed("2999-01-01T00:00:00Z"));
        assert!(!has_passed("garbage"));
    }

    #[test]
    fn resets_roll_over_at_the_next_utc_boundary() {
        use time::macros::date;
        // 2026-12-30 is a Wednesday.
        let wednesday = date!(2026 - 12 - 30);
        let reset = |interval| next_reset_after(wednesday, interval);
        assert_eq!(reset("daily").as_deref(), Some("2026-12-31T00:00:00Z"));
        assert_eq!(reset("weekly").as_deref(), Some("2027-01-04T00:00:00Z"));
        assert_eq!(reset("monthly").as_deref(), Some("2027-01-01T00:00:00Z"));
        assert_eq!(reset("yearly"), None);
        // A Monday's next reset is the following Monday, not today.
        let monday = date!(2027 - 01 - 04);
        assert_eq!(
            next_reset_after(monday, "weekly").as_deref(),
            Some("2027-01-11T00:00:00Z")
        );
        assert_eq!(
            next_reset_after(date!(2027 - 02 - 14), "monthly").as_deref(),
            Some("2027-03-01T00:00:00Z")
        );
    }
}
