//! The engine writes numbers from the JavaScript engine's digits (`toExponential()`), the
//! other bindings with zmij: in real Chromium, the two must give the same text for every
//! number, or an answer's or a message's numbers would read differently in the browser.

// Browser tests: they run under wasm-bindgen-test-runner (`just test-wasm`), not natively.
#![cfg(target_arch = "wasm32")]

mod common;

use common::Numbers;
use modelgates_core::ToJson;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn assert_written_as_zmij_writes(number: f64) {
    assert_eq!(
        number.to_json(),
        zmij::Buffer::new().format_finite(number),
        "{:#x}",
        number.to_bits()
    );
}

#[wasm_bindgen_test]
fn any_finite_number_is_written_as_zmij_writes_it() {
    let mut numbers = Numbers(0x6d67_2d66_6c6f_6174);
    let mut checked = 0;
    while checked < 100_000 {
        let number = f64::from_bits(numbers.next());
        if number.is_finite() {
            assert_written_as_zmij_writes(number);
            checked += 1;
        }
    }
}

#[wasm_bindgen_test]
fn numbers_an_api_answers_with_are_written_as_zmij_writes_them() {
    let mut numbers = Numbers(7);
    for _ in 0..100_000 {
        let random = numbers.next();
        // Amounts in USD with up to six decimals, near each bound of the plain layout.
        let cents = (random >> 20) as f64 / 1e6;
        let scale = 10f64.powi((random % 27) as i32 - 8);
        assert_written_as_zmij_writes(cents);
        assert_written_as_zmij_writes(-cents * scale);
        // Subnormals, whose digits come from an unequal rounding interval.
        assert_written_as_zmij_writes(f64::from_bits(random >> 12));
        // Whole numbers, up to past 2^53.
        assert_written_as_zmij_writes((random >> 8) as f64);
    }
    for number in [
        0.0,
        -0.0,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        1e-5,
        9.999_999_999_999_999e-6,
        1e16,
        9_999_999_999_999_998.0,
        779_328_216_681_460.2,
        0.1 + 0.2,
    ] {
        assert_written_as_zmij_writes(number);
    }
    // Every power of two, whose rounding interval is narrower below than above (subnormal
    // ones have one bit set, normal ones a bare exponent).
    for bit in 0..52 {
        assert_written_as_zmij_writes(f64::from_bits(1 << bit));
    }
    for exponent in 1..2047_u64 {
        assert_written_as_zmij_writes(f64::from_bits(exponent << 52));
    }
}
