//! The engine decodes bytes that may not be UTF-8 (an error body's excerpt) with the JavaScript
//! engine's `TextDecoder`, the other bindings with Rust's own decoder: in real Chromium, the
//! two must give the same text, or an error message would read differently in the browser.

// Browser tests: they run under wasm-bindgen-test-runner (`just test-wasm`), not natively.
#![cfg(target_arch = "wasm32")]

mod common;

use common::Numbers;
use modelgates_core::text::lossy;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Bytes where UTF-8's rules are decided: continuation bytes, the lead bytes at each range's
/// edge (overlong forms, surrogates, past U+10FFFF), bytes never valid, and ASCII.
const EDGES: [u8; 16] = [
    0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5,
];

#[wasm_bindgen_test]
fn any_bytes_decode_as_from_utf8_lossy_decodes_them() {
    let mut numbers = Numbers(0x006d_672d_7574_6638);
    for _ in 0..50_000 {
        let random = numbers.next();
        let length = (random % 12) as usize;
        let bytes: Vec<u8> = (0..length)
            .map(|_| {
                let pick = numbers.next();
                match pick % 4 {
                    0 => pick as u8 >> 1,
                    1 => pick as u8,
                    _ => EDGES[(pick >> 8) as usize % EDGES.len()],
                }
            })
            .collect();
        assert_eq!(lossy(&bytes), String::from_utf8_lossy(&bytes), "{bytes:x?}");
    }
}

#[wasm_bindgen_test]
fn text_with_a_byte_order_mark_or_every_length_of_character_decodes_as_it_is() {
    for text in ["\u{feff}{\"error\": 1}", "plain", "é ✓ 😀 \u{10ffff}", ""] {
        assert_eq!(lossy(text.as_bytes()), text);
    }
    // A sequence cut by the end of the body: one U+FFFD for all of it.
    assert_eq!(lossy(b"ok \xf0\x9f\x98"), "ok \u{fffd}");
    assert_eq!(lossy(b"\xed\xa0\x80"), "\u{fffd}\u{fffd}\u{fffd}");
}
