//! Instants as text: RFC 3339 (the API's timestamps) and HTTP-dates (`Retry-After`, `Date`).
//!
//! Written here rather than through `time`'s parsers and formatters, whose general machinery
//! was about 15 KB of every browser download for three fixed layouts. The rules are `time`'s
//! own (a test compares the two on generated text), apart from two fixes: a timestamp whose
//! offset moves it past the year 9999 is refused instead of panicking, and a year outside
//! 0..=9999 is written with its sign instead of failing.

use crate::prelude::*;

use crate::text::Decimal;

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// The instants RFC 3339 can write, as nanoseconds since the Unix epoch: the years 0..=9999.
pub(crate) const RFC3339_YEARS: core::ops::Range<i128> =
    (days_from_civil(0, 1, 1) as i128 * SECONDS_PER_DAY as i128 * NANOS_PER_SECOND)
        ..(days_from_civil(10_000, 1, 1) as i128 * SECONDS_PER_DAY as i128 * NANOS_PER_SECOND);

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    // `as` rather than `i64::from`, which a `const fn` cannot call yet (u32 fits i64).
    let month = month as i64;
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A text being read left to right.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let (digits, rest) = self.0.split_at_checked(n)?;
        let mut value = 0;
        for &digit in digits {
            if !digit.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(digit - b'0');
        }
        self.0 = rest;
        Some(value)
    }

    /// The byte `expected`, or `None`.
    fn byte(&mut self, expected: u8) -> Option<()> {
        self.take_if(|b| b == expected).map(drop)
    }

    fn take_if(&mut self, wanted: impl Fn(u8) -> bool) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        wanted(first).then(|| {
            self.0 = rest;
            first
        })
    }

    /// One of `names` (ASCII, any case): its index.
    fn name(&mut self, names: &[&str]) -> Option<usize> {
        let index = names.iter().position(|name| {
            self.0
                .get(..name.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(name.as_bytes()))
        })?;
        self.0 = &self.0[names[index].len()..];
        Some(index)
    }

    /// One or more spaces or tabs.
    fn spaces(&mut self) -> Option<()> {
        self.take_if(|b| b == b' ' || b == b'\t')?;
        while self.take_if(|b| b == b' ' || b == b'\t').is_some() {}
        Some(())
    }
}

/// A date and a time of day at a UTC offset, checked, as nanoseconds since the Unix epoch.
/// A leap second (second 60) stands for the last nanosecond before it, and only where one can
/// occur: at 23:59:60 UTC on the last day of a month.
#[allow(clippy::too_many_arguments)] // the fields of one date-time
fn instant(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
    offset_seconds: i64,
) -> Option<i128> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }
    let leap = second == 60;
    let (second, nanosecond) = if leap {
        (59, 999_999_999)
    } else {
        (second, nanosecond)
    };
    let seconds = days_from_civil(year, month, day) * SECONDS_PER_DAY
        + i64::from(hour * 3600 + minute * 60 + second)
        - offset_seconds;
    if leap {
        let (utc_year, utc_month, utc_day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
        let last_second = seconds.rem_euclid(SECONDS_PER_DAY) == SECONDS_PER_DAY - 1;
        if !(last_second && utc_day == days_in_month(utc_year, utc_month)) {
            return None;
        }
    }
    Some(i128::from(seconds) * NANOS_PER_SECOND + i128::from(nanosecond))
}

/// RFC 3339 text (`2029-11-30T23:59:59.5+01:00`) as nanoseconds since the Unix epoch: a
/// four-digit year, any one separator between date and time (RFC 3339 allows a space), an
/// optional fraction (digits past the ninth are read and dropped), `Z` or `±hh:mm`.
pub(crate) fn parse_rfc3339(text: &str) -> Option<i128> {
    let mut reader = Reader(text.as_bytes());
    let year = reader.digits(4)?;
    reader.byte(b'-')?;
    let month = reader.digits(2)?;
    reader.byte(b'-')?;
    let day = reader.digits(2)?;
    reader.take_if(|_| true)?;
    let hour = reader.digits(2)?;
    reader.byte(b':')?;
    let minute = reader.digits(2)?;
    reader.byte(b':')?;
    let second = reader.digits(2)?;
    let mut nanosecond = 0;
    if reader.byte(b'.').is_some() {
        let mut scale = 100_000_000;
        reader.take_if(|b| b.is_ascii_digit()).map(|digit| {
            nanosecond = u32::from(digit - b'0') * scale;
        })?;
        while let Some(digit) = reader.take_if(|b| b.is_ascii_digit()) {
            scale /= 10;
            nanosecond += u32::from(digit - b'0') * scale;
        }
    }
    let offset_seconds = if reader.take_if(|b| b == b'Z' || b == b'z').is_some() {
        0
    } else {
        let sign = reader.take_if(|b| b == b'+' || b == b'-')?;
        let hours = reader.digits(2).filter(|&h| h <= 23)?;
        reader.byte(b':')?;
        let minutes = reader.digits(2).filter(|&m| m <= 59)?;
        let seconds = i64::from(hours * 3600 + minutes * 60);
        if sign == b'-' { -seconds } else { seconds }
    };
    if !reader.0.is_empty() {
        return None;
    }
    instant(
        i64::from(year),
        month,
        day,
        hour,
        minute,
        second,
        nanosecond,
        offset_seconds,
    )
}

/// Writes an instant as RFC 3339 in UTC, with as many fractional digits as it needs (none for
/// a whole second): `2029-11-30T23:59:59Z`, `2029-11-30T23:59:59.25Z`.
pub(crate) fn write_rfc3339(nanos: i128, out: &mut String) {
    let (seconds, nanosecond) = seconds_and_nanosecond(nanos);
    let seconds = seconds as i64;
    let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
    let of_day = seconds.rem_euclid(SECONDS_PER_DAY);
    if year < 0 {
        out.push('-');
    }
    let of_day = of_day.unsigned_abs();
    Decimal::padded(year.unsigned_abs(), 4).push_to(out);
    for (separator, value) in [
        ('-', u64::from(month)),
        ('-', u64::from(day)),
        ('T', of_day / 3600),
        (':', of_day / 60 % 60),
        (':', of_day % 60),
    ] {
        out.push(separator);
        Decimal::padded(value, 2).push_to(out);
    }
    if nanosecond != 0 {
        let mut fraction = nanosecond;
        let mut width = 9;
        while fraction % 10 == 0 {
            fraction /= 10;
            width -= 1;
        }
        out.push('.');
        Decimal::padded(u64::from(fraction), width).push_to(out);
    }
    out.push('Z');
}

/// `nanos.div_euclid(NANOS_PER_SECOND)` and its `rem_euclid`, by long division in 32-bit digits
/// (a property test holds them equal): an `i128` division would bring the 128-bit division
/// routine into the browser engine.
fn seconds_and_nanosecond(nanos: i128) -> (i128, u32) {
    const NANOS: u64 = NANOS_PER_SECOND as u64;
    let magnitude = nanos.unsigned_abs();
    let (mut quotient, mut remainder) = (0_u128, 0_u64);
    for shift in [96, 64, 32, 0] {
        // The remainder is below 2^30, so the partial dividend fits 62 bits.
        let partial = remainder << 32 | (magnitude >> shift) as u64 & 0xFFFF_FFFF;
        quotient = quotient << 32 | u128::from(partial / NANOS);
        remainder = partial % NANOS;
    }
    // At most 2^127 / 10^9: an i128.
    let quotient = quotient as i128;
    match (nanos < 0, remainder) {
        (false, _) => (quotient, remainder as u32),
        (true, 0) => (-quotient, 0),
        (true, _) => (-quotient - 1, (NANOS - remainder) as u32),
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// RFC 2822's named zones, and each one's offset in hours (two tables, not one of pairs: the
/// names are then read from a constant, not from a list of them built on each call).
const ZONES: [&str; 10] = [
    "UT", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
];
const ZONE_HOURS: [i8; 10] = [0, 0, -5, -4, -6, -5, -7, -6, -8, -7];

/// An HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`, the IMF-fixdate HTTP senders must use) as
/// seconds since the Unix epoch. RFC 2822's date layout, as `time` read it: the weekday is
/// optional (and, as `time` read it, not checked against the date), the seconds optional, the year four digits from 1900, the zone a
/// name, a military letter (read as +0000) or `±hhmm`. Comments and folded lines are not.
pub(crate) fn parse_http_date(text: &str) -> Option<i64> {
    let mut reader = Reader(crate::text::trim(text).as_bytes());
    if reader.name(&WEEKDAYS).is_some() {
        reader.byte(b',')?;
        let _ = reader.spaces();
    }
    let day = match reader.digits(2) {
        Some(day) => day,
        None => reader.digits(1)?,
    };
    reader.spaces()?;
    let month = reader.name(&MONTHS)? as u32 + 1;
    reader.spaces()?;
    let year = reader.digits(4).filter(|&year| year >= 1900)?;
    reader.spaces()?;
    let hour = reader.digits(2)?;
    reader.byte(b':')?;
    let minute = reader.digits(2)?;
    let second = match reader.byte(b':') {
        Some(()) => reader.digits(2)?,
        None => 0,
    };
    reader.spaces()?;
    let offset_seconds = if let Some(zone) = reader.name(&ZONES) {
        i64::from(ZONE_HOURS[zone]) * 3600
    } else if let Some(sign) = reader.take_if(|b| b == b'+' || b == b'-') {
        let hours = reader.digits(2)?;
        let minutes = reader.digits(2).filter(|&m| m <= 59)?;
        let seconds = i64::from(hours * 3600 + minutes * 60);
        if sign == b'-' { -seconds } else { seconds }
    } else {
        reader.take_if(|b| b.is_ascii_alphabetic() && !b.eq_ignore_ascii_case(&b'j'))?;
        0
    };
    if !reader.0.is_empty() {
        return None;
    }
    let nanos = instant(
        i64::from(year),
        month,
        day,
        hour,
        minute,
        second,
        0,
        offset_seconds,
    )?;
    i64::try_from(seconds_and_nanosecond(nanos).0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::OffsetDateTime;
    use time::format_description::well_known::{Rfc2822, Rfc3339};

    fn time_reads_rfc3339(text: &str) -> Option<i128> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(OffsetDateTime::unix_timestamp_nanos)
    }

    fn time_reads_http_date(text: &str) -> Option<i64> {
        OffsetDateTime::parse(text.trim(), &Rfc2822)
            .ok()
            .map(OffsetDateTime::unix_timestamp)
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for days in (-4_000_000..4_000_000).step_by(997) {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn known_texts() {
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:01Z"),
            Some(NANOS_PER_SECOND)
        );
        assert_eq!(
            parse_rfc3339("1970-01-01T01:00:00.5+01:00"),
            Some(NANOS_PER_SECOND / 2)
        );
        assert_eq!(
            parse_rfc3339("2016-12-31T23:59:60Z"),
            time_reads_rfc3339("2016-12-31T23:59:60Z")
        );
        assert_eq!(parse_rfc3339("2016-12-30T23:59:60Z"), None);
        assert_eq!(parse_rfc3339("2029-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2029-11-30T23:59:59"), None);
        let mut text = String::new();
        write_rfc3339(-NANOS_PER_SECOND / 4, &mut text);
        assert_eq!(text, "1969-12-31T23:59:59.75Z");
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Sun, 31 Nov 1994 08:49:37 GMT"), None);
    }

    #[test]
    fn a_year_outside_rfc_3339_is_written_with_its_sign() {
        let mut text = String::new();
        write_rfc3339(
            i128::from(days_from_civil(-12, 3, 4) * SECONDS_PER_DAY) * NANOS_PER_SECOND,
            &mut text,
        );
        assert_eq!(text, "-0012-03-04T00:00:00Z");
    }

    /// Text shaped like RFC 3339, each part sometimes out of range or malformed.
    fn rfc3339_like() -> impl Strategy<Value = String> {
        (
            (0u32..10_000, 0u32..14, 0u32..33),
            prop::sample::select(vec!["T", "t", " ", "x", ""]),
            (0u32..25, 0u32..61, 0u32..62),
            prop::option::of("[0-9]{0,12}"),
            prop::sample::select(vec![
                "Z", "z", "+00:00", "-00:00", "+05:30", "-23:59", "+24:00", "+01:60", "", "+0100",
                "Z ",
            ]),
        )
            .prop_map(|((y, mo, d), sep, (h, mi, s), fraction, zone)| {
                let fraction = fraction
                    .map(|digits| format!(".{digits}"))
                    .unwrap_or_default();
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{fraction}{zone}")
            })
    }

    fn http_date_like() -> impl Strategy<Value = String> {
        (
            prop::option::of(prop::sample::select(WEEKDAYS.to_vec())),
            (
                0u32..33,
                prop::sample::select(MONTHS.to_vec()),
                1890u32..2200,
            ),
            (0u32..25, 0u32..61, prop::option::of(0u32..62)),
            prop::sample::select(vec![
                "GMT", "UT", "gmt", "EST", "PDT", "+0000", "-0130", "+2359", "A", "J", "UTC",
                "+01:00", "",
            ]),
            prop::sample::select(vec![" ", "  ", "\t"]),
        )
            .prop_map(|(weekday, (d, month, y), (h, mi, s), zone, space)| {
                let weekday = weekday.map(|w| format!("{w},{space}")).unwrap_or_default();
                let seconds = s.map(|s| format!(":{s:02}")).unwrap_or_default();
                format!("{weekday}{d:02} {month}{space}{y} {h:02}:{mi:02}{seconds} {zone}")
            })
    }

    #[test]
    fn splits_seconds_at_the_edges() {
        for nanos in [
            0,
            1,
            -1,
            999_999_999,
            -999_999_999,
            NANOS_PER_SECOND,
            -NANOS_PER_SECOND,
            -NANOS_PER_SECOND - 1,
            i128::MAX,
            i128::MIN,
            i128::MIN + 1,
            i128::from(i64::MIN),
            i128::from(u64::MAX) << 32,
        ] {
            assert_eq!(
                seconds_and_nanosecond(nanos),
                (
                    nanos.div_euclid(NANOS_PER_SECOND),
                    nanos.rem_euclid(NANOS_PER_SECOND) as u32
                ),
                "{nanos}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn splits_seconds_as_euclid_division_does(nanos: i128) {
            prop_assert_eq!(
                seconds_and_nanosecond(nanos),
                (nanos.div_euclid(NANOS_PER_SECOND), nanos.rem_euclid(NANOS_PER_SECOND) as u32)
            );
        }

        #[test]
        fn reads_rfc3339_as_time_does(text in rfc3339_like()) {
            prop_assert_eq!(parse_rfc3339(&text), time_reads_rfc3339(&text), "{}", text);
        }

        #[test]
        fn writes_rfc3339_as_time_does(nanos in -62_135_596_800_000_000_000i128..253_402_300_800_000_000_000) {
            let mut ours = String::new();
            write_rfc3339(nanos, &mut ours);
            let theirs = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap().format(&Rfc3339).unwrap();
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(parse_rfc3339(&ours), Some(nanos));
        }

        #[test]
        fn reads_http_dates_as_time_does(text in http_date_like()) {
            prop_assert_eq!(parse_http_date(&text), time_reads_http_date(&text), "{}", text);
        }
    }
}
