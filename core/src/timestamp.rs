//! The API's instants (`created_at`, `expires_at`, ...): one type, so every binding hands its
//! users the language's own time type (Kotlin `Instant`, Swift `Date`, Python an aware
//! `datetime`) instead of text, and every timestamp is read and written by the same rule.

use crate::prelude::*;

use core::fmt;
use core::str::FromStr;
#[cfg(feature = "std")]
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
#[cfg(feature = "std")]
use time::OffsetDateTime;

use crate::instant_text::{RFC3339_YEARS, parse_rfc3339, write_rfc3339};

/// An instant, always held in UTC. On the wire it is RFC 3339 text (`2029-11-30T23:59:59Z`):
/// the API refuses other offsets, so text with one is converted (it names the instant plainly),
/// and text without an offset is refused, since it names no instant.
///
/// Read from text, it is always within the years 0..=9999, which RFC 3339 writes. Made from a
/// platform's instant (a Kotlin `Instant`, a Swift `Date`, a `SystemTime`) it may lie outside
/// them; a request refuses such a one by its field's name before anything is sent.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Nanoseconds since the Unix epoch.
    nanos: i128,
}

impl fmt::Debug for Timestamp {
    /// `Timestamp(2029-11-30T23:59:59Z)`: the wire text, not `time`'s own layout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

/// What a timestamp that cannot be read is told.
const EXPECTED: &str = "must be an RFC 3339 timestamp with an offset, e.g. 2029-11-30T23:59:59Z";

impl Timestamp {
    /// The instant as `time`'s type, in UTC; `None` outside the years -9999..=9999, which
    /// `time` holds (only a timestamp made from a platform's instant can be).
    #[cfg(feature = "std")]
    pub fn as_offset_date_time(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp_nanos(self.nanos).ok()
    }

    /// The instant as seconds (and nanoseconds) since the Unix epoch.
    pub fn unix_timestamp_nanos(&self) -> i128 {
        self.nanos
    }

    /// The instant at this many nanoseconds from the Unix epoch; `None` outside the years
    /// 0..=9999, which RFC 3339 writes.
    pub fn from_unix_timestamp_nanos(nanos: i128) -> Option<Self> {
        RFC3339_YEARS
            .contains(&nanos)
            .then_some(Timestamp { nanos })
    }

    /// Whether RFC 3339 can write it (the years 0..=9999), so that it can be sent.
    pub fn is_writable(&self) -> bool {
        RFC3339_YEARS.contains(&self.nanos)
    }
}

#[cfg(feature = "std")]
impl From<OffsetDateTime> for Timestamp {
    fn from(value: OffsetDateTime) -> Self {
        Timestamp {
            nanos: value.unix_timestamp_nanos(),
        }
    }
}

#[cfg(feature = "std")]
impl TryFrom<Timestamp> for OffsetDateTime {
    type Error = TimestampOutOfRange;

    fn try_from(value: Timestamp) -> Result<Self, TimestampOutOfRange> {
        value.as_offset_date_time().ok_or(TimestampOutOfRange)
    }
}

#[cfg(feature = "std")]
impl From<SystemTime> for Timestamp {
    fn from(value: SystemTime) -> Self {
        // A `SystemTime` is at most about 2^63 seconds either side of the epoch: its
        // nanoseconds fit an i128.
        let nanos = match value.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        Timestamp { nanos }
    }
}

#[cfg(feature = "std")]
impl From<Timestamp> for SystemTime {
    /// The same instant; one a `SystemTime` cannot hold becomes the nearest it can.
    fn from(value: Timestamp) -> Self {
        let magnitude = value.nanos.unsigned_abs();
        let offset = Duration::new(
            u64::try_from(magnitude / 1_000_000_000).unwrap_or(u64::MAX),
            (magnitude % 1_000_000_000) as u32,
        );
        let moved = if value.nanos >= 0 {
            UNIX_EPOCH.checked_add(offset)
        } else {
            UNIX_EPOCH.checked_sub(offset)
        };
        moved.unwrap_or(UNIX_EPOCH)
    }
}

/// A time outside what the target type holds (RFC 3339 and `time`'s `OffsetDateTime`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampOutOfRange;

impl fmt::Display for TimestampOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("must be between the years 0 and 9999")
    }
}

impl core::error::Error for TimestampOutOfRange {}

/// Text that is not an RFC 3339 timestamp with an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseTimestampError;

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }
}

impl core::error::Error for ParseTimestampError {}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(text: &str) -> Result<Self, ParseTimestampError> {
        parse_rfc3339(crate::text::trim(text))
            .and_then(Self::from_unix_timestamp_nanos)
            .ok_or(ParseTimestampError)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with as many fractional digits as the instant needs. (A year before
    /// 0, which RFC 3339 cannot write, gets a sign.)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        write_rfc3339(self.unix_timestamp_nanos(), &mut text);
        f.write_str(&text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl crate::decode::Decode for Timestamp {
    fn decode(
        value: crate::tree::Value,
        at: &mut crate::decode::Path,
    ) -> Result<Self, crate::decode::Mismatch> {
        match &value {
            crate::tree::Value::String(text) => text.parse().map_err(|_| at.mismatch(EXPECTED)),
            other => Err(at.expected("an RFC 3339 timestamp", other)),
        }
    }

    fn placeholder() -> Self {
        Timestamp { nanos: 0 }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> alloc::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

// Swift and Kotlin see the platform's instant (`Date`, `java.time.Instant`) through uniffi's
// built-in timestamp.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Timestamp, SystemTime, {
    lower: |timestamp| SystemTime::from(timestamp),
    // Never fails: an instant RFC 3339 cannot write reaches the request's rules, which refuse
    // it by the field's name (a failed lift would be an internal error naming no field).
    try_lift: |time| Ok(Timestamp::from(time)),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_in_utc_and_written_back() {
        let read = |s: &str| s.parse::<Timestamp>().map(|t| t.to_string());
        assert_eq!(
            read("2029-11-30T23:59:59Z").unwrap(),
            "2029-11-30T23:59:59Z"
        );
        assert_eq!(
            read("2029-12-01T01:59:59+02:00").unwrap(),
            "2029-11-30T23:59:59Z"
        );
        assert_eq!(
            read("2029-11-30T23:59:59+00:00").unwrap(),
            "2029-11-30T23:59:59Z"
        );
        assert_eq!(
            read("2029-11-30T23:59:59.5Z").unwrap(),
            "2029-11-30T23:59:59.5Z"
        );
        assert_eq!(
            read("2025-04-29T23:59:12.481Z").unwrap(),
            "2025-04-29T23:59:12.481Z"
        );
        // Trailing zeros of a fraction are dropped: one instant, one text.
        assert_eq!(
            read("2029-11-30T23:59:59.500Z").unwrap(),
            "2029-11-30T23:59:59.5Z"
        );
        assert_eq!(read("2029-11-30T23:59:59"), Err(ParseTimestampError));
        assert_eq!(read("tomorrow"), Err(ParseTimestampError));
    }

    #[test]
    fn only_the_years_rfc_3339_writes_are_timestamps() {
        use crate::instant_text::RFC3339_YEARS;
        let first = Timestamp::from_unix_timestamp_nanos(RFC3339_YEARS.start).unwrap();
        assert_eq!(first.to_string(), "0000-01-01T00:00:00Z");
        let last = Timestamp::from_unix_timestamp_nanos(RFC3339_YEARS.end - 1).unwrap();
        assert_eq!(last.to_string(), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(
            Timestamp::from_unix_timestamp_nanos(RFC3339_YEARS.start - 1),
            None
        );
        assert_eq!(
            Timestamp::from_unix_timestamp_nanos(RFC3339_YEARS.end),
            None
        );
        let before_year_0 = Timestamp::from(UNIX_EPOCH - Duration::from_secs(62_167_219_201));
        assert!(!before_year_0.is_writable());
        assert!(first.is_writable() && last.is_writable());
        assert_eq!(
            SystemTime::from(before_year_0),
            UNIX_EPOCH - Duration::from_secs(62_167_219_201)
        );
    }

    #[test]
    fn system_time_round_trips_either_side_of_the_epoch() {
        for text in ["2029-11-30T23:59:59.123456789Z", "1969-07-20T20:17:40.5Z"] {
            let timestamp: Timestamp = text.parse().unwrap();
            let system = SystemTime::from(timestamp);
            assert_eq!(Timestamp::from(system), timestamp, "{text}");
        }
    }

    #[test]
    fn debug_shows_the_wire_text() {
        let timestamp: Timestamp = "2029-12-01T01:59:59+02:00".parse().unwrap();
        assert_eq!(format!("{timestamp:?}"), "Timestamp(2029-11-30T23:59:59Z)");
    }

    #[test]
    fn serde_reads_and_writes_the_text() {
        let timestamp: Timestamp = serde_json::from_str("\"2029-12-01T01:59:59+02:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&timestamp).unwrap(),
            "\"2029-11-30T23:59:59Z\""
        );
        let error = serde_json::from_str::<Timestamp>("\"2029-11-30\"").unwrap_err();
        assert!(error.to_string().contains(EXPECTED), "{error}");
    }
}
