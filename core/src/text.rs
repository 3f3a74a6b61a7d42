//! Text work done by short loops instead of `core`'s general machinery, which the browser engine
//! would carry for a handful of short texts (error bodies, path templates, messages):
//! `str::replace` and `str::contains` bring its two-way substring searcher, and
//! `String::from_utf8_lossy` its `Utf8Chunks` decoder.

use core::fmt;

use crate::prelude::*;

/// `text` with every occurrence of `from` replaced by `to`, left to right and not overlapping:
/// what `str::replace` gives (a property test holds them equal), except that an empty `from`
/// changes nothing (`str::replace` would put `to` between every two characters).
#[doc(hidden)]
pub fn replace_all(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Character by character, so that `out` is built as text (no UTF-8 check of bytes).
    while let Some(c) = rest.chars().next() {
        let step = if rest.starts_with(from) {
            out.push_str(to);
            from.len()
        } else {
            out.push(c);
            c.len_utf8()
        };
        rest = rest.get(step..).unwrap_or_default();
    }
    out
}

/// `bytes` as text, each invalid sequence shown as U+FFFD: what `String::from_utf8_lossy`
/// gives (a property test holds them equal), from `str::from_utf8`'s own error positions.
#[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
#[doc(hidden)]
pub fn lossy(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match core::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                out.push_str(core::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{fffd}');
                // No length: the text ends inside a sequence, one U+FFFD for all of it.
                bytes = rest
                    .get(error.error_len().unwrap_or(rest.len())..)
                    .unwrap_or_default();
            }
        }
    }
}

/// `bytes` as text, each invalid sequence shown as U+FFFD: the browser engine's JavaScript
/// decoder (`str::from_utf8` stays out of the engine; a browser test holds the two equal).
#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
#[doc(hidden)]
pub fn lossy(bytes: &[u8]) -> String {
    crate::browser::decode_lossy(bytes)
}

/// `text.split_once(separator)` for an ASCII separator, by a byte search: `str`'s character
/// searcher (and its `memchr`) stays out of the browser engine.
#[doc(hidden)]
pub fn split_once(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|byte| byte == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text.trim()` (Unicode whitespace off both ends), by one forward scan: `str::trim` brings a
/// backward UTF-8 decoder and a searcher of its own into the browser engine.
pub(crate) fn trim(text: &str) -> &str {
    let (mut start, mut end) = (None, 0);
    for (at, c) in text.char_indices() {
        if !c.is_whitespace() {
            start.get_or_insert(at);
            end = at + c.len_utf8();
        }
    }
    text.get(start.unwrap_or(end)..end).unwrap_or_default()
}

/// Whether `needle` occurs in `text` (an empty one does): `str::contains`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty()
        || text
            .as_bytes()
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
}

/// An integer in decimal, with at least `width` digits (zeros in front), for messages, JSON and
/// timestamps: `core`'s integer `Display` is one printer per integer type with every padding
/// rule of `Formatter` (2 KB of the browser engine); this is one short loop for them all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimal {
    negative: bool,
    magnitude: u64,
    width: u8,
}

impl Decimal {
    /// `value` with at least `width` digits: `Decimal::padded(7, 2)` is `07`.
    pub(crate) fn padded(value: u64, width: u8) -> Self {
        Decimal {
            negative: false,
            magnitude: value,
            width,
        }
    }

    /// It as text.
    pub(crate) fn text(self) -> String {
        let mut text = String::new();
        self.push_to(&mut text);
        text
    }

    /// Appends it to `out`, from the most significant digit (no digit buffer to index).
    pub(crate) fn push_to(self, out: &mut String) {
        if self.negative {
            out.push('-');
        }
        let mut unit = 1_u64;
        let mut digits = 1;
        while self.magnitude / unit >= 10 {
            unit *= 10;
            digits += 1;
        }
        for _ in digits..self.width {
            out.push('0');
        }
        loop {
            out.push(char::from(b'0' + (self.magnitude / unit % 10) as u8));
            if unit == 1 {
                break;
            }
            unit /= 10;
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Decimal::padded(value, 1)
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal {
            negative: value < 0,
            magnitude: value.unsigned_abs(),
            width: 1,
        }
    }
}

macro_rules! widened {
    ($($ty:ty => $wide:ty),*) => {$(
        impl From<$ty> for Decimal {
            fn from(value: $ty) -> Self {
                Decimal::from(<$wide>::from(value))
            }
        }
    )*};
}

widened!(u16 => u64, u32 => u64, i32 => i64);

impl From<usize> for Decimal {
    fn from(value: usize) -> Self {
        Decimal::from(u64::try_from(value).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_display_writes_them() {
        for value in [0, 1, -1, 9, 10, -10, 99, 100, i64::MAX, i64::MIN, 1_234_567] {
            assert_eq!(Decimal::from(value).to_string(), value.to_string());
        }
        assert_eq!(Decimal::from(u64::MAX).to_string(), u64::MAX.to_string());
        let mut out = String::new();
        Decimal::padded(7, 4).push_to(&mut out);
        Decimal::padded(12_345, 2).push_to(&mut out);
        Decimal::padded(0, 2).push_to(&mut out);
        assert_eq!(out, "00071234500");
    }

    proptest::proptest! {
        #[test]
        fn decimals_are_displays_digits(value: i64, unsigned: u64, width in 0_u8..24) {
            proptest::prop_assert_eq!(Decimal::from(value).to_string(), value.to_string());
            let mut padded = String::new();
            Decimal::padded(unsigned, width).push_to(&mut padded);
            proptest::prop_assert_eq!(padded, format!("{unsigned:0width$}", width = usize::from(width)));
        }
    }

    #[test]
    fn replaces_as_str_replace_does() {
        for (text, from, to) in [
            ("aaaa", "aa", "b"),
            ("aaa", "aa", "xyz"),
            ("", "a", "b"),
            ("abc", "abcd", "x"),
            ("sk-1 and sk-1", "sk-1", "[REDACTED]"),
            ("é✓é✓", "✓", "-"),
            ("/workspaces/{id}", "{id}", "a%2Fb"),
        ] {
            assert_eq!(
                replace_all(text, from, to),
                text.replace(from, to),
                "{text} {from}"
            );
        }
        assert_eq!(replace_all("x", "", "y"), "x");
    }

    proptest::proptest! {
        #[test]
        fn decodes_as_from_utf8_lossy_does(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    proptest::sample::select(vec![0x80_u8, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xff]),
                ],
                0..24,
            ),
            text in ".{0,8}",
        ) {
            proptest::prop_assert_eq!(lossy(&bytes), String::from_utf8_lossy(&bytes));
            let mut mixed = text.into_bytes();
            mixed.extend_from_slice(&bytes);
            proptest::prop_assert_eq!(lossy(&mixed), String::from_utf8_lossy(&mixed));
        }

        #[test]
        fn replaces_any_text_as_str_replace_does(text in "[ab✓]{0,12}", from in "[ab✓]{1,3}", to in ".{0,3}") {
            proptest::prop_assert_eq!(replace_all(&text, &from, &to), text.replace(&from, &to));
        }
    }

    proptest::proptest! {
        #[test]
        fn trims_as_str_trim_does(text in "[ \t\n\u{a0}\u{2003}\u{3000}\u{85}\u{b}xé✓/]{0,10}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }
    }

    #[test]
    fn splits_as_str_split_once_does() {
        for text in ["a.b.c", ".", "", "ab", "é.✓", "a.", ".b", "a\nb\n"] {
            for separator in [b'.', b'\n'] {
                assert_eq!(
                    split_once(text, separator),
                    text.split_once(char::from(separator)),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn finds_as_str_contains_does() {
        for (text, needle) in [
            ("abc", "bc"),
            ("abc", "cb"),
            ("", ""),
            ("a", ""),
            ("", "a"),
            ("é✓", "✓"),
        ] {
            assert_eq!(
                contains(text, needle),
                text.contains(needle),
                "{text} {needle}"
            );
        }
    }
}
