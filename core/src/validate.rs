//! The client-side rules from the API contract (see `api/CONSTRAINTS.md`). Each check names the
//! field it refuses, so a caller learns what to fix before anything is sent.

use crate::prelude::*;

use core::time::Duration;

use crate::encode::ToJson;
use crate::error::Error;
use crate::text::Decimal;

/// Smallest `io_logging_sampling_rate` the API accepts.
pub const MIN_SAMPLING_RATE: f64 = 0.0001;
/// Largest page a list call may ask for.
pub const MAX_PAGE_SIZE: u32 = 100;

/// `value` percent-encoded but for RFC 3986's "unreserved" characters (letters, digits, `-`,
/// `_`, `.`, `~`): what percent-encoding's `utf8_percent_encode` gives with that set (a test
/// holds them equal), written out because the crate's table of every `%XX` is 0.8 KB of the
/// browser engine.
fn percent_encoded(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    out
}

pub(crate) fn non_empty(field: &str, value: &str) -> Result<(), Error> {
    if crate::text::trim(value).is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    Ok(())
}

/// Lowercase alphanumeric segments separated by single hyphens, no leading/trailing hyphens.
pub(crate) fn slug(field: &str, value: &str) -> Result<(), Error> {
    let well_formed = value.as_bytes().split(|&b| b == b'-').all(|segment| {
        !segment.is_empty()
            && segment
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !well_formed {
        return Err(Error::invalid(
            field,
            "must be lowercase alphanumeric segments separated by single hyphens \
             (e.g. `production` or `team-a-2`)",
        ));
    }
    Ok(())
}

/// A number in a message, as JavaScript and Python users write it: `-1`, `0.5`, `NaN`,
/// `Infinity`. Written as the JSON writer writes a number (the shortest form, `float_text`,
/// which every build carries for JSON): `f64`'s own `Display` would add the standard library's
/// float printer (about 8 KB of the browser download) for messages alone.
pub(crate) fn number_text(number: f64) -> String {
    if number.is_finite() {
        let text = number.to_json();
        match text.strip_suffix(".0") {
            Some(whole) => whole.to_owned(),
            None => text,
        }
    } else if number.is_nan() {
        "NaN".to_owned()
    } else if number > 0.0 {
        "Infinity".to_owned()
    } else {
        "-Infinity".to_owned()
    }
}

pub(crate) fn sampling_rate(field: &str, value: f64) -> Result<(), Error> {
    if !(MIN_SAMPLING_RATE..=1.0).contains(&value) {
        return Err(Error::invalid(
            field,
            format!(
                "must be between {} and 1 (got {})",
                number_text(MIN_SAMPLING_RATE),
                number_text(value)
            ),
        ));
    }
    Ok(())
}

pub(crate) fn usd_amount(field: &str, value: f64) -> Result<(), Error> {
    if !value.is_finite() || value < 0.0 {
        return Err(Error::invalid(
            field,
            format!(
                "must be a finite amount in USD, 0 or more (got {})",
                number_text(value)
            ),
        ));
    }
    Ok(())
}

/// A timestamp a caller gives: one RFC 3339 can write (the years 0..=9999). A platform's
/// instant (Kotlin `Instant.MAX`, a far `Date`) can lie outside.
pub(crate) fn timestamp(field: &str, value: &crate::Timestamp) -> Result<(), Error> {
    if value.is_writable() {
        return Ok(());
    }
    Err(Error::invalid(
        field,
        crate::TimestampOutOfRange.to_string(),
    ))
}

/// A hyphenated UUID such as `550e8400-e29b-41d4-a716-446655440000`: hex digits in groups of
/// 8, 4, 4, 4 and 12 (any case), as the uuid crate reads that form (a property test holds them
/// equal; its parser is not in the build).
pub(crate) fn uuid(field: &str, value: &str) -> Result<(), Error> {
    let hyphenated = value.len() == 36
        && value.bytes().enumerate().all(|(at, byte)| match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        });
    if !hyphenated {
        return Err(Error::invalid(
            field,
            "must be a UUID like 550e8400-e29b-41d4-a716-446655440000",
        ));
    }
    Ok(())
}

pub(crate) fn page_size(field: &str, value: i64) -> Result<(), Error> {
    if !(1..=i64::from(MAX_PAGE_SIZE)).contains(&value) {
        return Err(Error::invalid(
            field,
            format!(
                "must be between 1 and {} (got {})",
                Decimal::from(MAX_PAGE_SIZE),
                Decimal::from(value)
            ),
        ));
    }
    Ok(())
}

/// A count of records to skip: 0 or more. (Signed in the request types, as Kotlin's `Int` and
/// Swift's `Int32` are, so that a caller's negative number is refused by name here.)
pub(crate) fn offset(field: &str, value: i32) -> Result<u32, Error> {
    u32::try_from(value).map_err(|_| {
        Error::invalid(
            field,
            format!("must be 0 or more (got {})", Decimal::from(value)),
        )
    })
}

/// A length of time a caller gives in seconds (a timeout, a backoff), as bindings whose
/// language counts time in floating-point seconds pass it: finite, 0 or more, and within what a
/// `Duration` holds. Refused by `field` otherwise.
pub fn seconds(field: &str, seconds: f64) -> Result<Duration, Error> {
    Duration::try_from_secs_f64(seconds).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "must be a finite number of seconds, 0 or more (got {})",
                number_text(seconds)
            ),
        )
    })
}

/// Percent-encodes a query parameter's value (everything but RFC 3986 "unreserved"), so that
/// no value can add a parameter or end the query.
pub(crate) fn query_value(value: &str) -> String {
    percent_encoded(value)
}

/// Percent-encodes a path parameter (a workspace id or slug, a key's hash) as exactly one path
/// segment.
///
/// `.` and `..` are refused: URL parsers (WHATWG, and so every browser's fetch) resolve them,
/// even percent-encoded, and they would change which resource is addressed.
pub(crate) fn path_segment(field: &str, value: &str) -> Result<String, Error> {
    non_empty(field, value)?;
    if value == "." || value == ".." {
        return Err(Error::invalid(
            field,
            "must not be `.` or `..` (URL parsers resolve them to another path)",
        ));
    }
    Ok(percent_encoded(value))
}

#[cfg(test)]
mod tests {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    use proptest::prelude::*;

    use super::*;

    const UNRESERVED_KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');

    proptest! {
        #[test]
        fn reads_uuids_as_the_uuid_crate_does(
            value in "[0-9a-fA-F-]{36}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-gA-G]{4}-[0-9a-fA-F-]{4}-[0-9a-fA-F]{12}",
        ) {
            let crates = ::uuid::Uuid::try_parse(&value).is_ok();
            prop_assert_eq!(uuid("id", &value).is_ok(), crates);
        }

        #[test]
        fn percent_encodes_as_the_percent_encoding_crate_does(value in any::<String>()) {
            prop_assert_eq!(
                percent_encoded(&value),
                utf8_percent_encode(&value, UNRESERVED_KEPT).to_string()
            );
        }
    }

    #[test]
    fn percent_encodes_every_byte_but_the_unreserved_ones() {
        let every_char: String = (1..=0x7f_u8)
            .map(char::from)
            .chain(['é', '😀', '\u{7ff}'])
            .collect();
        assert_eq!(
            percent_encoded(&every_char),
            utf8_percent_encode(&every_char, UNRESERVED_KEPT).to_string()
        );
        assert_eq!(percent_encoded("a/b c.~"), "a%2Fb%20c.~");
    }

    #[test]
    fn numbers_in_messages_read_as_callers_write_them() {
        for (number, text) in [
            (-1.0, "-1"),
            (0.5, "0.5"),
            (0.0001, "0.0001"),
            (1e21, "1e+21"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(number_text(number), text);
        }
    }

    #[test]
    fn slugs() {
        for good in ["a", "production", "team-a-2", "0"] {
            assert!(slug("slug", good).is_ok(), "{good}");
        }
        for bad in ["", "Prod", "-a", "a-", "a--b", "a_b", "a b", "é"] {
            assert_eq!(
                slug("slug", bad).unwrap_err().field(),
                Some("slug"),
                "{bad}"
            );
        }
    }

    #[test]
    fn path_segments_cannot_escape() {
        let seg = |s| path_segment("id", s);
        assert_eq!(seg("production").unwrap(), "production");
        assert_eq!(seg("a/b").unwrap(), "a%2Fb");
        assert_eq!(seg("x?y#z").unwrap(), "x%3Fy%23z");
        assert_eq!(seg("../keys").unwrap(), "..%2Fkeys");
        assert_eq!(seg("%2F").unwrap(), "%252F");
        assert_eq!(seg("é").unwrap(), "%C3%A9");
        for bad in ["", " ", ".", ".."] {
            assert_eq!(seg(bad).unwrap_err().field(), Some("id"));
        }
    }

    #[test]
    fn uuids_must_be_hyphenated() {
        assert!(uuid("workspace_id", "550e8400-e29b-41d4-a716-446655440000").is_ok());
        assert!(uuid("workspace_id", "550e8400e29b41d4a716446655440000").is_err());
        assert!(uuid("workspace_id", "{550e8400-e29b-41d4-a716-446655440000}").is_err());
        assert!(uuid("workspace_id", "not-a-uuid").is_err());
        assert!(uuid("workspace_id", "550E8400-E29B-41D4-A716-44665544000G").is_err());
        assert!(uuid("workspace_id", "550E8400-E29B-41D4-A716-446655440000").is_ok());
        // The uuid crate reads a URN too (`urn:uuid:...`): not taken here.
        assert!(
            uuid(
                "workspace_id",
                "urn:uuid:550e8400-e29b-41d4-a716-446655440000"
            )
            .is_err()
        );
    }

    #[test]
    fn numbers() {
        assert!(sampling_rate("r", 0.0001).is_ok());
        assert!(sampling_rate("r", 1.0).is_ok());
        for bad in [0.0, 0.00009, 1.5, -1.0, f64::NAN] {
            assert!(sampling_rate("r", bad).is_err());
        }
        assert!(usd_amount("limit", 0.0).is_ok());
        for bad in [-0.01, f64::INFINITY, f64::NAN] {
            assert!(usd_amount("limit", bad).is_err());
        }
        assert!(page_size("limit", 1).is_ok() && page_size("limit", 100).is_ok());
        assert!(page_size("limit", 0).is_err() && page_size("limit", 101).is_err());
    }
}
