//! JSON text read by the JS engine's own `JSON.parse`, for the answers (the core's
//! [`ReadJson`](modelgates_core::api::ReadJson)) and the wrapper's inputs: the engine then
//! carries no JSON parser of its own (serde_json's, with its exact float reader, was a tenth of
//! the download). The tree is the core's own ([`Value`]), the one serde_json's parser fills in
//! the other bindings.

use alloc::vec::Vec;

use modelgates_core::Error;
use modelgates_core::api::{DecodeError, not_json};
use modelgates_core::tree::{Map, Value};
use serde_json::Number;
use wasm_bindgen::prelude::*;

use crate::js::{Array, Object, parse_json};

/// serde_json's nesting limit (127 arrays or objects deep): deeper text is not JSON to the
/// other bindings either.
const MAX_DEPTH: u32 = 127;

/// An answer's body as a tree; when `JSON.parse` refuses it (or it holds what serde_json
/// refuses: a number past f64, nesting past 127), the core says why in its usual words.
pub(crate) fn read_answer(body: &[u8]) -> Result<Value, DecodeError> {
    parse_json_bytes(body)
        .ok()
        .and_then(|value| tree(value, MAX_DEPTH))
        .ok_or_else(|| not_json(body))
}

// One snippet for both: with `kindOf` in a second `inline_js` block, the browser tests that link
// the engine from another crate (tests/sandbox.rs) never finished loading.
#[wasm_bindgen(inline_js = r#"
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
export function parseJsonBytes(bytes) { return JSON.parse(strict.decode(bytes)); }
export function kindOf(v) {
  return v === null ? 0 : v === false ? 1 : v === true ? 2 : typeof v === "number" ? 3
    : typeof v === "string" ? 4 : Array.isArray(v) ? 5 : 6;
}
"#)]
extern "C" {
    /// `JSON.parse` of `bytes` as UTF-8. The decoder refuses bytes that are not UTF-8 (as
    /// serde_json does; `str::from_utf8` stays out of the engine) and keeps a byte order mark,
    /// which `JSON.parse` then refuses, as serde_json does.
    #[wasm_bindgen(catch, js_name = parseJsonBytes)]
    fn parse_json_bytes(bytes: &[u8]) -> Result<JsValue, JsValue>;

    /// What a value `JSON.parse` built is, in one call: 0 null, 1 false, 2 true, 3 a number,
    /// 4 a string, 5 an array, 6 an object (asking each question in turn was four calls).
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u32;
}

/// The wrapper's input (JSON text it wrote with `JSON.stringify`) as a tree.
pub(crate) fn read_input(text: &str) -> Result<Value, Error> {
    parse(text).ok_or_else(|| Error::invalid("body", "is not valid JSON"))
}

fn parse(text: &str) -> Option<Value> {
    tree(parse_json(text).ok()?, MAX_DEPTH)
}

/// What `JSON.parse` built, as the core's tree. It only builds strings, numbers, booleans,
/// null, arrays and plain objects.
fn tree(value: JsValue, depth: u32) -> Option<Value> {
    let kind = kind_of(&value);
    match kind {
        0 => return Some(Value::Null),
        1 | 2 => return Some(Value::Bool(kind == 2)),
        3 => return number_value(value.unchecked_into_f64()).map(Value::Number),
        4 => return value.as_string().map(Value::String),
        _ => {}
    }
    let depth = depth.checked_sub(1)?;
    if kind == 5 {
        let items: Array = value.unchecked_into();
        // A loop, not `collect::<Option<Vec<_>>>()`: its generic machinery is 300 B here.
        let mut list = Vec::with_capacity(items.length() as usize);
        for index in 0..items.length() {
            list.push(tree(items.get(index), depth)?);
        }
        return Some(Value::Array(list));
    }
    let mut fields = Map::new();
    let pairs = Object::entries(&value);
    for index in 0..pairs.length() {
        let entry: Array = pairs.get(index).unchecked_into();
        fields.insert(entry.get(0).as_string()?, tree(entry.get(1), depth)?);
    }
    Some(Value::Object(fields))
}

/// A whole number as an integer (as serde_json reads `2`), anything else as a float; `None`
/// for a number `JSON.parse` took past f64's range (serde_json refuses it).
fn number_value(number: f64) -> Option<Number> {
    // 2^63: the integers below it are i64 values; from it up to 2^64, u64 values.
    const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
    // Whole when it comes back unchanged from an integer (`fract()` is `std`'s); every f64
    // from 2^63 up is whole.
    if (-TWO_TO_63..TWO_TO_63).contains(&number) && number as i64 as f64 == number {
        return Some(Number::from(number as i64));
    }
    if (TWO_TO_63..2.0 * TWO_TO_63).contains(&number) {
        return Some(Number::from(number as u64));
    }
    Number::from_f64(number)
}

#[cfg(test)]
mod tests {
    use alloc::borrow::ToOwned;
    use alloc::format;

    use modelgates_core::api::{DecodeErrorKind, read_json};
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn reads_answers_as_serde_json_does() {
        for text in [
            r#"{"data":{"id":"w1","n":[0,-7,1.5,-2.5e-8,1e300,9007199254740992,-9223372036854775808]}}"#,
            r#"{"s":"quote \" tab \t é \u00e9 😀 \ud83d\ude00","t":true,"f":false,"z":null,"o":{}}"#,
            r#"[[], [[]], {"a": {"b": {"c": []}}}]"#,
            r#"  "text"  "#,
            "18446744073709549568",
            r#"{"k":1,"k":2}"#,
        ] {
            assert_eq!(
                read_answer(text.as_bytes()).ok(),
                read_json(text.as_bytes()).ok(),
                "{text}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn what_is_not_json_is_described_in_the_cores_words() {
        for text in [
            "",
            "<html>502 Bad Gateway</html>",
            r#"{"data": {"id": "w"#,
            "[1,]",
            "{\"a\":1}x",
            "\u{feff}{}",
        ] {
            let ours = read_answer(text.as_bytes()).expect_err(text);
            let cores = read_json(text.as_bytes()).expect_err(text);
            assert_eq!(
                (ours.kind, &ours.message),
                (cores.kind, &cores.message),
                "{text}"
            );
        }
        assert_eq!(
            read_answer(b"{\"data\": {").expect_err("truncated").kind,
            DecodeErrorKind::EndsEarly
        );
        assert_eq!(
            read_answer(&[b'"', 0xff, b'"'])
                .expect_err("not UTF-8")
                .kind,
            DecodeErrorKind::NotJson
        );
    }

    #[wasm_bindgen_test]
    fn numbers_and_nesting_past_serde_jsons_limits_are_refused() {
        let error = read_answer(b"[1e400]").expect_err("past f64");
        assert_eq!(error.kind, DecodeErrorKind::NotJson);
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for depth in 125..130 {
            let text = nested(depth);
            let ours = read_answer(text.as_bytes()).is_ok();
            assert_eq!(ours, read_json(text.as_bytes()).is_ok(), "{depth} deep");
            assert_eq!(ours, depth <= 127, "{depth} deep");
        }
    }

    #[wasm_bindgen_test]
    fn what_reads_otherwise_than_in_serde_json() {
        // JSON.parse keeps no trace of `2.0`'s fraction: the browser reads it as `2`.
        assert_eq!(read_answer(b"2.0").ok(), Some(Value::Number(2.into())));
        assert_eq!(
            read_answer(b"-0.5").ok(),
            Number::from_f64(-0.5).map(Value::Number)
        );
        // A lone surrogate escape: serde_json refuses the body, JSON.parse takes it, and the
        // string reaches Rust with U+FFFD in its place.
        assert!(read_json(br#""\ud800""#).is_err());
        assert_eq!(
            read_answer(br#""a\ud800""#).ok(),
            Some(Value::String("a\u{fffd}".to_owned()))
        );
        assert!(read_input("{").is_err());
    }
}
