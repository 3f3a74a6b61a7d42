//! The JavaScript built-ins the engine uses, declared here rather than taken from js-sys and
//! web-sys: those crates link a describe function for every binding they have, whatever the
//! engine calls, and the ones for closure-taking methods keep each closure type's invoke shim
//! (and js-sys's JSPI task machinery) in the engine's function table, where nothing can tell
//! they are never called (-1,090 B gzipped). js-sys and web-sys stay for the tests.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript function.
    #[derive(Clone)]
    pub type Function;

    /// Any JavaScript object.
    #[derive(Clone)]
    pub type Object;

    /// A JavaScript promise.
    #[derive(Clone)]
    pub type Promise;

    /// A DOM `AbortSignal`.
    #[derive(Clone)]
    pub type AbortSignal;

    /// A JavaScript array.
    pub(crate) type Array;

    /// `Promise.reject(reason)`.
    #[wasm_bindgen(static_method_of = Promise)]
    pub(crate) fn reject(reason: &JsValue) -> Promise;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub(crate) fn is_array(value: &JsValue) -> bool;

    /// `array.length`.
    #[wasm_bindgen(method, getter, structural)]
    pub(crate) fn length(this: &Array) -> u32;

    /// `array[index]`.
    #[wasm_bindgen(method, structural, indexing_getter)]
    pub(crate) fn get(this: &Array, index: u32) -> JsValue;

    /// `Object.entries(object)`: `[name, value]` pairs.
    #[wasm_bindgen(static_method_of = Object)]
    pub(crate) fn entries(object: &JsValue) -> Array;

    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub(crate) fn parse_json(text: &str) -> Result<JsValue, JsValue>;

    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math)]
    pub(crate) fn random() -> f64;
}
