//! Turning loosely typed input (a JS object, a Python dict, a vector file) into the core's
//! request types, with errors in plain words that name the field.
//!
//! The input arrives as JSON values and is read by the core's own [`FromInput`], not by serde:
//! it knows what each field asked for, so a mistake reads "must be a whole number from 0 to
//! 4294967295, not a string" (never a Rust type name). Each type is a list of its fields read
//! by one routine ([`Input::fields`]), so a request costs a table, not a deserializer of its
//! own (serde's derive gave every request and endpoint one, in every binding's build).
//!
//! A number JSON cannot carry (NaN, an infinity) travels as [`non_finite`]'s marker object, so
//! that it reaches the core as it is and the field's own rule refuses it by name, in every
//! language alike.

use crate::prelude::*;

use core::fmt;

use serde_json::Number;

use crate::encode::ToJson;
use crate::error::Error;
use crate::text::Decimal;
use crate::tree::{Map, Value};
use crate::validate::number_text;

/// The key of the marker object that carries a non-finite number (see [`non_finite`]).
pub const NON_FINITE_KEY: &str = "$non_finite";

/// Decodes a request from JSON, naming the offending field on failure. Unknown fields are
/// refused, so a misspelt option is caught instead of silently ignored. The value is the core's
/// [`Value`] or serde_json's.
pub fn from_json<T: FromInput>(value: impl Into<Value>) -> Result<T, Error> {
    read_object(value.into(), UNKNOWN_FIELD)
}

/// Decodes a binding's own settings (the npm package's client, call and walk options) as
/// [`from_json`] decodes a request; a member it does not know "is not an option".
pub fn options_from_json<T: FromInput>(value: Value) -> Result<T, Error> {
    read_object(value, "is not an option (is it misspelt?)")
}

/// What a request says of a member it does not have.
const UNKNOWN_FIELD: &str = "is not a field of this request (is it misspelt?)";

fn read_object<T: FromInput>(value: Value, unknown: &str) -> Result<T, Error> {
    if !value.is_object() {
        return Err(not_an_object());
    }
    T::from_input(Input::root(&value)).map_err(|error| error.into_error_saying(unknown))
}

/// Why input that is not a JSON object is refused.
pub(crate) fn not_an_object() -> Error {
    Error::invalid("body", "must be an object")
}

/// Decodes a request from JSON text; see [`from_json`].
pub fn from_json_str<T: FromInput>(text: &str) -> Result<T, Error> {
    from_json(parse_json(text)?)
}

/// JSON text as a value, for [`from_json`] or [`crate::Client::call_by_id`] (markers of
/// non-finite numbers kept as they are).
pub fn parse_json(text: &str) -> Result<Value, Error> {
    // The same parser as the answers' default reader (`api::read_json`).
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

    pub(crate) fn into_error(self) -> Error {
        self.into_error_saying(UNKNOWN_FIELD)
    }

    /// The error, `unknown` said of a member the object does not have.
    fn into_error_saying(self, unknown: &str) -> Error {
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
                unknown.to_owned(),
            ),
            Problem::Expected { what, got } => (self.field, format!("must be {what}, not {got}")),
            Problem::Other(text) => (self.field, text),
        };
        // An endpoint's input wraps the request in `body` or `query`: the caller's field is
        // the one inside.
        let field = match crate::text::split_once(&field, b'.') {
            Some(("body" | "query", inner)) => inner.to_owned(),
            _ if field.is_empty() => "body".to_owned(),
            _ => field,
        };
        // "item 2 must be a whole number": the position reads as the subject.
        let mut positioned = String::new();
        for index in &self.positions {
            positioned.push_str("item ");
            Decimal::from(index + 1).push_to(&mut positioned);
            positioned.push(' ');
        }
        positioned.push_str(&problem);
        Error::invalid(field, positioned)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.problem)
    }
}

impl core::error::Error for InputError {}

/// The most characters of a caller's key an error repeats.
const MAX_QUOTED: usize = 100;

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// A value, described for "not ..." in a message. Strings are not quoted: they may be secrets.
fn describe(value: &Value) -> String {
    if let Some(number) = marked_number(value) {
        return number_text(number);
    }
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_json(),
        Value::Number(number) => number.to_json(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Caller input being read: a JSON value, and where it sits.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    value: &'a Value,
    path: &'a Path<'a>,
}

/// Why caller input could not be read: where and what (see [`from_json`] for the [`Error`]).
#[derive(Debug)]
pub struct InputError {
    field: String,
    positions: Vec<usize>,
    problem: Problem,
}

/// A type read from caller input: a request, an endpoint's input, a binding's options. Written
/// by the `request!` macro and [`from_input!`](crate::from_input) as a list of fields, read by
/// [`Input::fields`]: a type costs a table and one assignment per field, not a deserializer.
pub trait FromInput: Sized {
    /// Reads the input.
    fn from_input(input: Input<'_>) -> Result<Self, InputError>;
}

impl<'a> Input<'a> {
    /// The whole input.
    pub(crate) fn root(value: &'a Value) -> Self {
        Input {
            value,
            path: &Path::Root,
        }
    }

    /// Whether the value is `null`.
    pub(crate) fn is_null(&self) -> bool {
        self.value.is_null()
    }

    /// A value read before, whose place in the input no error will name again.
    pub(crate) fn detached(value: &'a Value) -> Self {
        Input::root(value)
    }
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

    /// A whole number in `min..=max` (`what` says that range). Something that is no whole
    /// number at all is told only that: the type's range ("from -2147483648 to 2147483647")
    /// would read as the field's own, which its rule states when it has one ("1 to 100").
    fn whole(&self, what: &str, min: i128, max: i128) -> Result<i128, InputError> {
        let whole = match self.value {
            Value::Number(number) => number
                .as_i64()
                .map(i128::from)
                .or_else(|| number.as_u64().map(i128::from)),
            _ => None,
        };
        match whole {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            Some(_) => Err(self.expected(what)),
            None => Err(self.expected("a whole number")),
        }
    }

    fn float(&self) -> Result<f64, InputError> {
        match self.value {
            Value::Number(number) => number.as_f64().ok_or_else(|| self.expected("a number")),
            other => marked_number(other).ok_or_else(|| self.expected("a number")),
        }
    }

    fn text(&self) -> Result<&str, InputError> {
        match self.value {
            Value::String(text) => Ok(text),
            _ => Err(self.expected("a string")),
        }
    }

    /// Reads an object field by field: `fields` names each and says whether it is required;
    /// `set` reads the one at an index. Unknown fields are refused, so a misspelt option is
    /// caught instead of silently ignored. Problems are reported in the object's key order,
    /// then the first required field left out.
    pub fn fields(
        self,
        fields: &[(&'static str, bool)],
        set: &mut dyn FnMut(usize, Input<'_>) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let members = match self.value {
            Value::Object(members) if marked_number(self.value).is_none() => members,
            _ => return Err(self.expected("an object")),
        };
        let mut seen = vec![false; fields.len()];
        for (key, value) in members {
            let Some(index) = fields.iter().position(|(name, _)| name == key) else {
                return Err(InputError::at(self.path, Problem::Unknown(key.clone())));
            };
            let path = Path::Key(self.path, key);
            set(index, Input { value, path: &path })?;
            seen[index] = true;
        }
        let missing = fields
            .iter()
            .zip(&seen)
            .find(|((_, required), seen)| *required && !**seen);
        match missing {
            Some(((name, _), _)) => Err(InputError::at(
                self.path,
                Problem::Missing((*name).to_owned()),
            )),
            None => Ok(()),
        }
    }
}

/// Reads a struct from caller input through [`Input::fields`]: its required fields, then those
/// that may be left out (each keeps its `Default` value then; an `Option` field reads `null` as
/// `None`). The struct must implement `Default`.
///
/// ```ignore
/// modelgates_core::from_input!(PagerOptions { required {} optional { page_size } });
/// ```
#[macro_export]
macro_rules! from_input {
    ($name:ident { required { $($required:ident),* $(,)? } optional { $($optional:ident),* $(,)? } }) => {
        $crate::__impl_from_input!($name {
            $( $required: true => ::core::convert::identity, )*
            $( $optional: false => ::core::convert::identity, )*
        });
    };
}

/// The `FromInput` impl behind [`from_input!`], `request!` and the operations table: each field
/// with whether it is required and what wraps the value read (`Some` for a request's optional
/// field, which is `Some` once given, `null` included).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_from_input {
    ($name:ty { $( $field:ident: $required:expr => $wrap:path, )* }) => {
        impl $crate::input::FromInput for $name {
            #[allow(unused_mut, unused_variables)] // a struct with no fields
            fn from_input(
                input: $crate::input::Input<'_>,
            ) -> Result<Self, $crate::input::InputError> {
                let mut this = <$name as Default>::default();
                input.fields(
                    &[$((stringify!($field), $required),)*],
                    &mut |index, field| {
                        let mut _at = index;
                        $(
                            if _at == 0 {
                                return $crate::input::read_field(&mut this.$field, $wrap, field);
                            }
                            _at -= 1;
                        )*
                        Ok(())
                    },
                )?;
                Ok(this)
            }
        }
    };
}

/// Reads a field into its slot: one copy per field type (and wrapper), not one per field of
/// every request, as the assignment's code was when written out in each type's field list.
#[doc(hidden)]
#[inline(never)]
pub fn read_field<T: FromInput, S>(
    slot: &mut S,
    wrap: fn(T) -> S,
    input: Input<'_>,
) -> Result<(), InputError> {
    *slot = wrap(T::from_input(input)?);
    Ok(())
}

impl FromInput for String {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        input.text().map(str::to_owned)
    }
}

impl FromInput for bool {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        match input.value {
            Value::Bool(flag) => Ok(*flag),
            _ => Err(input.expected("true or false")),
        }
    }
}

impl FromInput for f64 {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        input.float()
    }
}

macro_rules! whole_number {
    ($($ty:ty: $what:expr;)*) => {$(
        impl FromInput for $ty {
            fn from_input(input: Input<'_>) -> Result<Self, InputError> {
                let n = input.whole($what, i128::from(<$ty>::MIN), i128::from(<$ty>::MAX))?;
                <$ty>::try_from(n).map_err(|_| input.expected($what))
            }
        }
    )*};
}

whole_number! {
    u8: "a whole number from 0 to 255";
    u16: "a whole number from 0 to 65535";
    u32: "a whole number from 0 to 4294967295";
    u64: "a whole number, 0 or more";
    i8: "a whole number from -128 to 127";
    i16: "a whole number from -32768 to 32767";
    i32: "a whole number from -2147483648 to 2147483647";
    i64: "a whole number";
}

impl<T: FromInput> FromInput for Option<T> {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        match input.value {
            Value::Null => Ok(None),
            _ => T::from_input(input).map(Some),
        }
    }
}

impl<T: FromInput> FromInput for Vec<T> {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        let Value::Array(items) = input.value else {
            return Err(input.expected("a list"));
        };
        let mut read = Vec::with_capacity(items.len());
        for (index, value) in items.iter().enumerate() {
            let path = Path::Index(input.path, index);
            read.push(T::from_input(Input { value, path: &path })?);
        }
        Ok(read)
    }
}

/// An object read as its members, in key order (a binding's header map). A list, not a map:
/// the members are only iterated, and another map type would add its own tree code to the
/// browser build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Members<T>(pub Vec<(String, T)>);

impl<T: FromInput> FromInput for Members<T> {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        let members = match input.value {
            Value::Object(members) if marked_number(input.value).is_none() => members,
            _ => return Err(input.expected("an object")),
        };
        let mut read = Vec::with_capacity(members.len());
        for (key, value) in members {
            let path = Path::Key(input.path, key);
            read.push((key.clone(), T::from_input(Input { value, path: &path })?));
        }
        Ok(Members(read))
    }
}

impl FromInput for crate::Timestamp {
    fn from_input(input: Input<'_>) -> Result<Self, InputError> {
        input
            .text()?
            .parse()
            .map_err(|error: crate::ParseTimestampError| {
                InputError::at(input.path, Problem::Other(error.to_string()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CreateKeyRequest, CreateWorkspaceRequest, ListWorkspacesRequest};
    use serde_json::json;

    fn error_of<T: FromInput + fmt::Debug>(value: serde_json::Value) -> Error {
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
        assert_eq!(non_finite(1.5), Value::from(json!(1.5)));
        assert_eq!(
            non_finite(f64::NEG_INFINITY),
            Value::from(json!({"$non_finite": "-Infinity"}))
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
