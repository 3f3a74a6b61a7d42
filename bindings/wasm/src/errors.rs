//! How a failed call reaches JavaScript: a JSON description the npm package turns into a
//! `ModelGatesError`. Field names are the core's (snake_case); `js/src/case.js` maps them.

use alloc::string::String;

use modelgates_core::{Error, FieldStyle, JsonWriter, ToJson};
use wasm_bindgen::JsValue;

/// The description of a core error, as a value to throw.
pub(crate) fn error_value(error: Error) -> JsValue {
    JsValue::from_str(&error_text(error))
}

/// The description of a core error, its field named as JavaScript spells it. Messages and
/// classes come from the core, which keeps secrets out. (The failures the core never sees, an
/// aborted call and a failed custom clock, are described by the driving loop, `driver.rs`.)
pub(crate) fn error_text(error: Error) -> String {
    let error = error.with_field_style(FieldStyle::Camel);
    let api = error.api();
    describe(&[
        ("kind", &error.kind().as_str()),
        ("class", &error.class().js_name()),
        ("retryable", &error.is_retryable()),
        ("message", &error.message()),
        ("status", &error.status()),
        ("code", &api.and_then(|a| a.code)),
        ("field", &error.field()),
        ("metadata", &api.and_then(|a| a.metadata.as_ref())),
        ("user_id", &api.and_then(|a| a.user_id.as_deref())),
        ("request_id", &api.and_then(|a| a.request_id.as_deref())),
        (
            "retry_after_ms",
            &api.and_then(|a| a.retry_after)
                .map(modelgates_core::retry::whole_millis),
        ),
        ("location", &api.and_then(|a| a.location.as_deref())),
    ])
}

/// The description as JSON text, for `JSON.parse` on the other side.
fn describe(fields: &[(&str, &dyn ToJson)]) -> String {
    let mut out = JsonWriter::default();
    let mut object = out.object();
    for (name, value) in fields {
        object.field(name, *value);
    }
    object.end();
    out.finish()
}
