//! Turning loosely typed input (a JS object, a Python dict, a vector file) into the core's
//! request types, with errors in plain words that name the field.
//!
//! The input arrives as JSON values and goes through the core's own deserializer, not through
//! serde_json's: it knows what each field asked for, so a mistake reads "must be a whole number
//! from 0 to 4294967295, not a string" (never a Rust type name), and it never has to read
//! serde's message text to learn which field was missing or unknown.
//!
//! A number JSON cannot carry (NaN, an infinity) travels as [`non_finite`]'s marker object, so
//! that it reaches the core as it is and the field's own rule refuses it by name, in every
//! language alike.

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::Error;

/// The key of the marker object that carries a non-finite number (see [`non_finite`]).
pub const NON_FINITE_KEY: &str = "$non_finite";

/// Decodes a request from JSON, naming the offending field on failure. Unknown fields are
/// refused, so a misspelt option is caught instead of silently ignored.
pub fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    if !value.is_object() {
        return Err(Error::invalid("body", "must be an object"));
    }
    T::deserialize(Input {
        value: &value,
        path: &Path::Root,
    })
    .map_err(InputError::into_error)
}

/// Decodes a request from JSON text; see [`from_json`].
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    from_json(parse_json(text)?)
}

/// JSON text as a value, for [`from_json`] or [`crate::Client::call_by_id`] (markers of
/// non-finite numbers kept as they are).
pub fn parse_json(text: &str) -> Result<Value, Error> {
    // The same reader as the answers' (`from_slice`): one copy of serde_json's parser.
    serde_json::from_slice(text.as_bytes()).map_err(|err| {
        Error::invalid(
            "body",
            format!(
                "is not valid JSON (line {}, column {})",
                err.line(),
                err.column()
            ),
        )
    })
}

/// How a number that JSON cannot carry (NaN, an infinity) travels to the core: as
/// `{"$non_finite": "NaN" | "Infinity" | "-Infinity"}`. A finite number is an ordinary JSON
/// number.
pub fn non_finite(number: f64) -> Value {
    match Number::from_f64(number) {
        Some(finite) => Value::Number(finite),
        None => {
            let name = if number.is_nan() {
                "NaN"
            } else if number > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            let mut marker = Map::new();
            marker.insert(NON_FINITE_KEY.to_owned(), Value::String(name.to_owned()));
            Value::Object(marker)
        }
    }
}

/// The number a [`non_finite`] marker carries.
fn marked_number(value: &Value) -> Option<f64> {
    let Value::Object(object) = value else {
        return None;
    };
    if object.len() != 1 {
        return None;
    }
    match object.get(NON_FINITE_KEY)?.as_str()? {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Where in the input a value sits: object keys from the root, and list positions.
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The field, as object keys joined with dots (`retry.max_retries`); list positions are
    /// left out (they go into the message).
    fn field(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let parent = parent.field();
                if parent.is_empty() {
                    (*key).to_owned()
                } else {
                    format!("{parent}.{key}")
                }
            }
            Path::Index(parent, _) => parent.field(),
        }
    }

    /// The list positions on the way (outermost first), for the message.
    fn positions(&self, into: &mut Vec<usize>) {
        match self {
            Path::Root => {}
            Path::Key(parent, _) => parent.positions(into),
            Path::Index(parent, index) => {
                parent.positions(into);
                into.push(*index);
            }
        }
    }
}

/// What was wrong, in plain words.
#[derive(Debug)]
enum Problem {
    /// A value of the wrong kind: what the field takes, and what it got.
    Expected { what: String, got: String },
    /// A required field is missing.
    Missing(String),
    /// A field the request does not have.
    Unknown(String),
    /// Anything else a type's own decoding said.
    Other(String),
}

/// An input decoding failure: where and what.
#[derive(Debug)]
struct InputError {
    field: String,
    positions: Vec<usize>,
    problem: Problem,
}

impl InputError {
    fn at(path: &Path<'_>, problem: Problem) -> Self {
        let mut positions = Vec::new();
        path.positions(&mut positions);
        InputError {
            field: path.field(),
            positions,
            problem,
        }
    }

    fn into_error(self) -> Error {
        let join = |parent: &str, name: &str| {
            if parent.is_empty() {
                name.to_owned()
            } else {
                format!("{parent}.{name}")
            }
        };
        let (field, problem) = match self.problem {
            Problem::Missing(name) => (join(&self.field, &name), "is required".to_owned()),
            Problem::Unknown(name) => (
                join(&self.field, &shorten(&name, MAX_QUOTED)),
                "is not a field of this request (is it misspelt?)".to_owned(),
            ),
            Problem::Expected { what, got } => (self.field, format!("must be {what}, not {got}")),
            Problem::Other(text) => (self.field, text),
        };
        // An endpoint's input wraps the request in `body` or `query`: the caller's field is
        // the one inside.
        let field = match field.split_once('.') {
            Some(("body" | "query", inner)) => inner.to_owned(),
            _ if field.is_empty() => "body".to_owned(),
            _ => field,
        };
        let position: String = self
            .positions
            .iter()
            .map(|index| format!("item {} ", index + 1))
            .collect();
        let problem = if position.is_empty() {
            problem
        } else {
            // "item 2 must be a whole number": the position reads as the subject.
            format!("{position}{problem}")
        };
        Error::invalid(field, problem)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.problem)
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        InputError::at(&Path::Root, Problem::Other(message.to_string()))
    }

    fn missing_field(field: &'static str) -> Self {
        InputError::at(&Path::Root, Problem::Missing(field.to_owned()))
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        InputError::at(&Path::Root, Problem::Unknown(field.to_owned()))
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        InputError::at(
            &Path::Root,
            Problem::Expected {
                what: expected.to_string(),
                got: unexpected.to_string(),
            },
        )
    }
}

/// The most characters of a caller's key an error repeats.
const MAX_QUOTED: usize = 100;

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A number as JavaScript and Python users write it (`NaN`, `Infinity`).
fn number_text(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_owned()
    } else if number.is_infinite() {
        if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned()
    } else {
        number.to_string()
    }
}

/// A value, described for "not ..." in a message. Strings are not quoted: they may be secrets.
fn describe(value: &Value) -> String {
    if let Some(number) = marked_number(value) {
        return number_text(number);
    }
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A JSON value being decoded, and where it sits.
struct Input<'a> {
    value: &'a Value,
    path: &'a Path<'a>,
}

impl Input<'_> {
    fn expected(&self, what: impl Into<String>) -> InputError {
        InputError::at(
            self.path,
            Problem::Expected {
                what: what.into(),
                got: describe(self.value),
            },
        )
    }

    /// A whole number in `min..=max`.
    fn whole(&self, what: &str, min: i128, max: i128) -> Result<i128, InputError> {
        let whole = match self.value {
            Value::Number(number) => number
                .as_i64()
                .map(i128::from)
                .or_else(|| number.as_u64().map(i128::from)),
            _ => None,
        };
        whole
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| self.expected(what))
    }

    fn float(&self) -> Result<f64, InputError> {
        match self.value {
            Value::Number(number) => number.as_f64().ok_or_else(|| self.expected("a number")),
            other => marked_number(other).ok_or_else(|| self.expected("a number")),
        }
    }

    /// Errors raised by a type's own decoding (missing, unknown, custom) happen "here".
    fn locate(&self, error: InputError) -> InputError {
        if !error.field.is_empty() || !error.positions.is_empty() {
            return error;
        }
        let mut located = InputError::at(self.path, error.problem);
        if let Problem::Expected { got, .. } = &mut located.problem {
            // A type's own message quotes the value; describe it our way instead.
            *got = describe(self.value);
        }
        located
    }
}

macro_rules! whole_number {
    ($method:ident, $visit:ident, $ty:ty, $what:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
            let n = self.whole($what, i128::from(<$ty>::MIN), i128::from(<$ty>::MAX))?;
            let n = <$ty>::try_from(n).map_err(|_| self.expected($what))?;
            visitor.$visit(n)
        }
    };
}

impl<'de> de::Deserializer<'de> for Input<'_> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(flag) => visitor.visit_bool(*flag),
            Value::Number(number) => {
                if let Some(n) = number.as_u64() {
                    visitor.visit_u64(n)
                } else if let Some(n) = number.as_i64() {
                    visitor.visit_i64(n)
                } else {
                    visitor.visit_f64(number.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(text) => visitor.visit_str(text),
            Value::Array(_) => self.deserialize_seq(visitor),
            Value::Object(_) => match marked_number(self.value) {
                Some(number) => visitor.visit_f64(number),
                None => self.deserialize_map(visitor),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Bool(flag) => visitor.visit_bool(*flag),
            _ => Err(self.expected("true or false")),
        }
    }

    whole_number!(deserialize_u8, visit_u8, u8, "a whole number from 0 to 255");
    whole_number!(
        deserialize_u16,
        visit_u16,
        u16,
        "a whole number from 0 to 65535"
    );
    whole_number!(
        deserialize_u32,
        visit_u32,
        u32,
        "a whole number from 0 to 4294967295"
    );
    whole_number!(deserialize_u64, visit_u64, u64, "a whole number, 0 or more");
    whole_number!(
        deserialize_i8,
        visit_i8,
        i8,
        "a whole number from -128 to 127"
    );
    whole_number!(
        deserialize_i16,
        visit_i16,
        i16,
        "a whole number from -32768 to 32767"
    );
    whole_number!(
        deserialize_i32,
        visit_i32,
        i32,
        "a whole number from -2147483648 to 2147483647"
    );
    whole_number!(deserialize_i64, visit_i64, i64, "a whole number");

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::String(text) => visitor.visit_str(text).map_err(|error| self.locate(error)),
            _ => Err(self.expected("a string")),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.expected("null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Array(items) => visitor
                .visit_seq(Items {
                    items: items.iter(),
                    index: 0,
                    path: self.path,
                })
                .map_err(|error| self.locate(error)),
            _ => Err(self.expected("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Object(members) if marked_number(self.value).is_none() => visitor
                .visit_map(Members {
                    members: members.iter(),
                    value: None,
                    path: self.path,
                })
                .map_err(|error| self.locate(error)),
            _ => Err(self.expected("an object")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        match self.value {
            Value::String(text) => visitor
                .visit_enum(text.as_str().into_deserializer())
                .map_err(|error: InputError| self.locate(error)),
            _ => Err(self.expected("a string")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        visitor.visit_unit()
    }
}

/// The items of a list, each with its position.
struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    path: &'a Path<'a>,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = InputError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(Input { value, path: &path })
            .map(Some)
            .map_err(|error| Input { value, path: &path }.locate(error))
    }
}

/// The members of an object, each with its key.
struct Members<'a> {
    members: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
    path: &'a Path<'a>,
}

impl<'de> de::MapAccess<'de> for Members<'_> {
    type Error = InputError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        // An unknown key is reported by the type, at the object it belongs to.
        let key_input: de::value::StrDeserializer<'_, InputError> =
            key.as_str().into_deserializer();
        seed.deserialize(key_input)
            .map(Some)
            .map_err(|error| InputError::at(self.path, error.problem))
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        let Some((key, value)) = self.value.take() else {
            return Err(InputError::at(
                self.path,
                Problem::Other("a value was read before its key".to_owned()),
            ));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(Input { value, path: &path })
            .map_err(|error| Input { value, path: &path }.locate(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CreateKeyRequest, CreateWorkspaceRequest, ListWorkspacesRequest};
    use serde_json::json;

    fn error_of<T: DeserializeOwned + fmt::Debug>(value: Value) -> Error {
        from_json::<T>(value).unwrap_err()
    }

    #[test]
    fn errors_name_the_field() {
        let field = |value| {
            error_of::<CreateWorkspaceRequest>(value)
                .field()
                .unwrap()
                .to_owned()
        };
        assert_eq!(field(json!({"slug": "a"})), "name");
        assert_eq!(field(json!({"name": 5, "slug": "a"})), "name");
        assert_eq!(field(json!({"name": "a", "slug": "a", "nmae": 1})), "nmae");
        assert_eq!(
            field(json!({"name": "a", "slug": "a", "io_logging_api_key_ids": [1.5]})),
            "io_logging_api_key_ids"
        );
        assert_eq!(field(json!([1])), "body");
    }

    #[test]
    fn messages_are_plain_words() {
        let message = |value| {
            error_of::<CreateWorkspaceRequest>(value)
                .message()
                .to_owned()
        };
        assert_eq!(message(json!({"slug": "a"})), "name: is required");
        assert_eq!(
            message(json!({"name": 5, "slug": "a"})),
            "name: must be a string, not 5"
        );
        assert_eq!(
            message(json!({"name": "a", "slug": "a", "io_logging_api_key_ids": [1, 1.5]})),
            "io_logging_api_key_ids: item 2 must be a whole number, not 1.5"
        );
        assert_eq!(
            message(json!({"name": "a", "slug": "a", "io_logging_sampling_rate": "x"})),
            "io_logging_sampling_rate: must be a number, not a string"
        );
        assert_eq!(
            message(json!({"name": "a", "slug": "a", "is_observability_broadcast_enabled": null})),
            "is_observability_broadcast_enabled: must be true or false, not null"
        );
        let offset = error_of::<ListWorkspacesRequest>(json!({"offset": 3_000_000_000u64}));
        assert_eq!(
            offset.message(),
            "offset: must be a whole number from -2147483648 to 2147483647, not 3000000000"
        );
        assert!(
            message(json!({"name": "a", "slug": "a", "nmae": 1}))
                .starts_with("nmae: is not a field")
        );
    }

    #[test]
    fn a_string_value_is_never_quoted() {
        let error = error_of::<ListWorkspacesRequest>(json!({"limit": "sk-mg-secret"}));
        assert!(!error.to_string().contains("sk-mg-secret"), "{error}");
    }

    #[test]
    fn non_finite_numbers_reach_the_rules_of_their_field() {
        let request: CreateKeyRequest =
            from_json(json!({"name": "k", "limit": non_finite(f64::NAN)})).unwrap();
        assert!(matches!(request.limit, Some(crate::DoubleOrNull::Value(limit)) if limit.is_nan()));
        assert_eq!(non_finite(1.5), json!(1.5));
        assert_eq!(
            non_finite(f64::NEG_INFINITY),
            json!({"$non_finite": "-Infinity"})
        );
        let error = error_of::<ListWorkspacesRequest>(json!({"limit": non_finite(f64::INFINITY)}));
        assert_eq!(error.field(), Some("limit"));
        assert!(error.message().ends_with("not Infinity"), "{error}");
    }

    #[test]
    fn a_huge_unknown_key_is_quoted_shortened() {
        let key = "é".repeat(5000);
        let error =
            from_json_str::<CreateWorkspaceRequest>(&format!(r#"{{"{key}": 1}}"#)).unwrap_err();
        assert_eq!(error.field().unwrap().chars().count(), MAX_QUOTED + 1);
        assert!(
            error.to_string().len() < 2000,
            "{}",
            error.to_string().len()
        );
    }

    #[test]
    fn text_must_be_one_json_object() {
        for text in ["", "{", r#"{"name": "a", "slug": "a"} x"#, "[1", "nul"] {
            let error = from_json_str::<CreateWorkspaceRequest>(text).unwrap_err();
            assert_eq!(error.field(), Some("body"), "{text}");
            assert!(
                error.to_string().contains("is not valid JSON"),
                "{text}: {error}"
            );
        }
        for text in ["[1]", "\"text\"", "5"] {
            let error = from_json_str::<CreateWorkspaceRequest>(text).unwrap_err();
            assert_eq!(error.message(), "body: must be an object", "{text}");
        }
        let ok: CreateWorkspaceRequest = from_json_str(r#" {"name": "a", "slug": "a"} "#).unwrap();
        assert_eq!(ok, from_json(json!({"name": "a", "slug": "a"})).unwrap());
    }
}
