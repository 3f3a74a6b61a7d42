//! The JavaScript the core calls in the browser engine (the `wasm` feature, on wasm32 only):
//! where the JavaScript engine already does a job exactly as the core's own routine does, the
//! routine stays out of the download. Each is held to the routine by a browser test
//! (`bindings/wasm/tests/`).

use crate::prelude::*;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
export function decodeLossy(bytes) { return lenient.decode(bytes); }
"#)]
extern "C" {
    /// `bytes` as text, each invalid sequence shown as U+FFFD, a byte order mark kept: the
    /// WHATWG decoder replaces the same maximal subparts as `String::from_utf8_lossy`.
    #[wasm_bindgen(js_name = decodeLossy)]
    pub(crate) fn decode_lossy(bytes: &[u8]) -> String;
}

#[wasm_bindgen]
extern "C" {
    /// `Number.prototype.toExponential.call(number)`: `number.toExponential()`, the shortest
    /// digits as `d.ddde+x`.
    #[wasm_bindgen(js_namespace = ["Number", "prototype", "toExponential"], js_name = call)]
    pub(crate) fn to_exponential(number: f64) -> String;
}
