//! Turning loosely typed input (a JS object, a Python dict, a vector file) into the core's
//! request types, with errors that name the field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;

/// Decodes a request from JSON, naming the offending field on failure. Unknown fields are
/// refused, so a misspelt option is caught instead of silently ignored.
pub fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    if !value.is_object() {
        return Err(Error::invalid("body", "must be a JSON object"));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let message = err.inner().to_string();
        let field = err
            .path()
            .iter()
            .find_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            })
            .or_else(|| named_field(&message))
            .unwrap_or_else(|| "body".to_owned());
        Error::invalid(field, message)
    })
}

/// Decodes a request from JSON text; see [`from_json`].
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let value: Value = serde_json::from_str(text)
        .map_err(|err| Error::invalid("body", format!("is not valid JSON: {err}")))?;
    from_json(value)
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
}
