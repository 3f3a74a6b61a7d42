//! Turning loosely typed input (a JS object, a Python dict, a vector file) into the core's
//! request types, with errors that name the field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;
use crate::json_path::JsonPath;

/// Decodes a request from JSON, naming the offending field on failure. Unknown fields are
/// refused, so a misspelt option is caught instead of silently ignored.
pub fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    if !value.is_object() {
        return Err(Error::invalid("body", "must be a JSON object"));
    }
    // Through text, so that the error's position locates the field (a `Value` has none).
    from_json_str(&value.to_string())
}

/// Decodes a request from JSON text; see [`from_json`]. The text goes straight into the type,
/// through the same byte-slice decoder as responses, with no `Value` in between: in the
/// browser build that keeps a second decoder out of every page.
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let not_json =
        |err: serde_json::Error| Error::invalid("body", format!("is not valid JSON: {err}"));
    // serde accepts an array for a struct; a request is an object and nothing else.
    if !text.trim_start().starts_with('{') {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
        return Err(Error::invalid("body", "must be a JSON object"));
    }
    serde_json::from_str(text).map_err(|err| {
        if err.is_syntax() || err.is_eof() {
            return not_json(err);
        }
        let message = without_position(&err.to_string()).to_owned();
        // The field is the outermost key being read, or the one serde's message names (a
        // missing field is reported at the end of its object).
        let field = JsonPath::of_error(text.as_bytes(), &err)
            .first_key()
            .map(str::to_owned)
            .or_else(|| named_field(&message))
            .unwrap_or_else(|| "body".to_owned());
        // An unknown key is the caller's text, of any length: errors quote it shortened.
        Error::invalid(
            shorten(&field, MAX_QUOTED),
            shorten(&message, 4 * MAX_QUOTED),
        )
    })
}

/// The most characters of a caller's key an error repeats.
const MAX_QUOTED: usize = 100;

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

// serde_json ends a message from text with " at line L column C"; the same mistake given as a
// JS object or a Python dict has no position, and the message should not depend on that.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

// serde reports a missing or unknown field at the enclosing object, as "missing field `name`".
fn named_field(message: &str) -> Option<String> {
    if !(message.starts_with("missing field") || message.starts_with("unknown field")) {
        return None;
    }
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CreateWorkspaceRequest;
    use serde_json::json;

    fn field_of(value: Value) -> String {
        let err = from_json::<CreateWorkspaceRequest>(value).unwrap_err();
        err.field().unwrap().to_owned()
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(field_of(json!({"slug": "a"})), "name");
        assert_eq!(field_of(json!({"name": 5, "slug": "a"})), "name");
        assert_eq!(
            field_of(json!({"name": "a", "slug": "a", "nmae": 1})),
            "nmae"
        );
        assert_eq!(
            field_of(json!({"name": "a", "slug": "a", "io_logging_api_key_ids": [1.5]})),
            "io_logging_api_key_ids"
        );
        assert_eq!(field_of(json!([1])), "body");
    }

    #[test]
    fn text_and_value_give_the_same_error() {
        let cases = [
            json!({"slug": "a"}),
            json!({"name": 5, "slug": "a"}),
            json!({"name": "a", "slug": "a", "nmae": 1}),
            json!({"name": "a", "slug": "a", "io_logging_api_key_ids": [1.5]}),
            json!({"name": "a", "slug": "a", "io_logging_sampling_rate": "x"}),
            json!([1]),
            json!("text"),
        ];
        for value in cases {
            let from_value = from_json::<CreateWorkspaceRequest>(value.clone()).unwrap_err();
            let from_text =
                from_json_str::<CreateWorkspaceRequest>(&value.to_string()).unwrap_err();
            assert_eq!(from_text.to_string(), from_value.to_string(), "{value}");
            assert_eq!(from_text.field(), from_value.field(), "{value}");
        }
    }

    #[test]
    fn a_huge_unknown_key_is_quoted_shortened() {
        let key = "é".repeat(5000);
        let err =
            from_json_str::<CreateWorkspaceRequest>(&format!(r#"{{"{key}": 1}}"#)).unwrap_err();
        assert_eq!(err.field().unwrap().chars().count(), MAX_QUOTED + 1);
        assert!(err.to_string().len() < 2000, "{}", err.to_string().len());
        let short = from_json_str::<CreateWorkspaceRequest>(r#"{"nmae": 1}"#).unwrap_err();
        assert_eq!(short.field(), Some("nmae"));
    }

    #[test]
    fn text_must_be_one_json_object() {
        for text in ["", "{", r#"{"name": "a", "slug": "a"} x"#, "[1", "nul"] {
            let err = from_json_str::<CreateWorkspaceRequest>(text).unwrap_err();
            assert_eq!(err.field(), Some("body"), "{text}");
            assert!(
                err.to_string().contains("is not valid JSON"),
                "{text}: {err}"
            );
        }
        let ok: CreateWorkspaceRequest = from_json_str(r#" {"name": "a", "slug": "a"} "#).unwrap();
        assert_eq!(ok, from_json(json!({"name": "a", "slug": "a"})).unwrap());
    }
}
