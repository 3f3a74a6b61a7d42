//! A finite `f64` as the shortest text that reads back as the same number, laid out as
//! serde_json writes it: `0.1`, `2.0`, `-0.0`, `1e+21`, `1.5e-7` (plain from 1e-5 up to below
//! 1e16, with an exponent outside that: `1e+16`).
//!
//! Everywhere but the browser engine, zmij (serde_json's own printer) writes it. The browser
//! engine takes the digits from the JavaScript engine instead (`toExponential()`, whose digits
//! ECMAScript defines as the fewest that read back as the number, the nearest of those when
//! several are as few) and only places them here: zmij's digit generation and its table of
//! powers of ten were 1.3 KB of the gzipped download. A browser test holds the two to each
//! other on random numbers.

#[cfg(any(test, all(feature = "wasm", target_arch = "wasm32")))]
use crate::prelude::*;

use crate::encode::JsonWriter;

/// Writes `number`, which is finite.
#[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
pub(crate) fn write_shortest(number: f64, out: &mut JsonWriter) {
    out.raw(zmij::Buffer::new().format_finite(number));
}

/// Writes `number`, which is finite. JavaScript loses the sign of `-0` (`"0e+0"`), so the sign
/// is taken here.
#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
pub(crate) fn write_shortest(number: f64, out: &mut JsonWriter) {
    lay_out(
        number.is_sign_negative(),
        &crate::browser::to_exponential(number.abs()),
        out,
    );
}

/// Writes the number `scientific` spells (`d.ddde+x`, `d.ddde-x` or `d.dddex`, no sign), with a
/// minus sign when `negative`, as zmij lays it out.
#[cfg(any(test, all(feature = "wasm", target_arch = "wasm32")))]
pub(crate) fn lay_out(negative: bool, scientific: &str, out: &mut JsonWriter) {
    use crate::encode::ToJson;

    let (mantissa, exponent) =
        crate::text::split_once(scientific, b'e').unwrap_or((scientific, "0"));
    let magnitude = exponent
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0_i32, |value, digit| value * 10 + i32::from(digit - b'0'));
    let exponent = if exponent.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    // Plain from 10^-5 up to below 10^16, as zmij writes an f64; an exponent otherwise.
    let plain = (-5..=15).contains(&exponent);
    let mut text = String::with_capacity(scientific.len() + 20);
    if negative {
        text.push('-');
    }
    if plain && exponent < 0 {
        text.push_str("0.");
        for _ in exponent + 1..0 {
            text.push('0');
        }
    }
    // Where the point goes: after the digits before it (none when the number is below 1).
    let point = match (plain, exponent) {
        (true, 0..) => exponent as usize + 1,
        (true, _) => 0,
        (false, _) => 1,
    };
    let mut digits = 0;
    for digit in mantissa.bytes().filter(u8::is_ascii_digit) {
        if digits == point && digits > 0 {
            text.push('.');
        }
        text.push(char::from(digit));
        digits += 1;
    }
    if plain && point >= digits {
        // A whole number: its zeros, then `.0`.
        for _ in digits..point {
            text.push('0');
        }
        text.push_str(".0");
    }
    if !plain {
        text.push_str(if exponent < 0 { "e" } else { "e+" });
    }
    out.raw(&text);
    if !plain {
        i64::from(exponent).write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What `lay_out` writes for `number`, given zmij's digits in JavaScript's scientific form.
    /// (Not Rust's `{:e}`: where the number lies exactly halfway between the two nearest
    /// shortest texts, it takes the upper one; zmij and JavaScript take the even one.)
    fn laid_out(number: f64) -> String {
        let mut out = JsonWriter::default();
        lay_out(
            number.is_sign_negative(),
            &scientific(&zmij(number)),
            &mut out,
        );
        out.finish()
    }

    /// zmij's text as `d.ddde+x`, as `toExponential()` spells it (no sign).
    fn scientific(text: &str) -> String {
        let text = text.trim_start_matches('-');
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let exponent: i32 = exponent.parse().expect("an exponent");
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = format!("{whole}{fraction}");
        let significant = all.trim_start_matches('0');
        let leading_zeros = (all.len() - significant.len()) as i32;
        let digits = significant.trim_end_matches('0');
        if digits.is_empty() {
            return "0e+0".to_owned();
        }
        let exponent = exponent + whole.len() as i32 - 1 - leading_zeros;
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let sign = if exponent < 0 { "" } else { "+" };
        format!("{first}{point}{rest}e{sign}{exponent}")
    }

    fn zmij(number: f64) -> String {
        zmij::Buffer::new().format_finite(number).to_owned()
    }

    #[test]
    fn numbers_at_the_edges_of_each_layout_are_laid_out_as_zmij_writes_them() {
        for number in [
            0.0,
            -0.0,
            1.0,
            -2.5,
            0.1,
            1e-5,
            1.5e-5,
            9.999e-6,
            1e-6,
            1e15,
            9_999_999_999_999_998.0,
            1e16,
            1.5e16,
            123_456_789_012_345_680.0,
            1e21,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -1.7976931348623157e308,
            9_007_199_254_740_993.0,
            0.30000000000000004,
            1234.5,
        ] {
            assert_eq!(laid_out(number), zmij(number), "{number:e}");
        }
        // What `toExponential()` answers, as it spells it.
        for (negative, scientific, text) in [
            (true, "1.25e+20", "-1.25e+20"),
            (false, "1.25e+15", "1250000000000000.0"),
            (false, "5e-324", "5e-324"),
            (false, "1.5e-7", "1.5e-7"),
            (false, "1e-5", "0.00001"),
            (true, "0e+0", "-0.0"),
            (false, "7.793282166814602e+14", "779328216681460.2"),
        ] {
            let mut out = JsonWriter::default();
            lay_out(negative, scientific, &mut out);
            assert_eq!(out.finish(), text, "{scientific}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_finite_number_is_laid_out_as_zmij_writes_it(bits in any::<u64>()) {
            let number = f64::from_bits(bits);
            prop_assume!(number.is_finite());
            prop_assert_eq!(laid_out(number), zmij(number));
        }

        #[test]
        fn numbers_near_the_plain_layouts_bounds_are_laid_out_as_zmij_writes_them(
            mantissa in 1.0f64..10.0,
            exponent in -8i32..=18,
        ) {
            let number = mantissa * 10f64.powi(exponent);
            prop_assert_eq!(laid_out(number), zmij(number));
        }
    }
}
