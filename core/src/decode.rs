//! Reading the API's answers into the models.
//!
//! The body is read once into a [`serde_json::Value`] by the client's reader
//! ([`crate::api::ReadJson`]: serde_json's, or the browser's `JSON.parse`), then each model
//! takes its fields out of that tree through [`Decode`]. A model costs one call per field:
//! serde's derive gave every answer type a deserializer of its own (a state machine, a field
//! visitor and a sequence form JSON never uses), the largest part of the browser build. The path
//! of whatever does not fit is known as it is read, so an error names it (`data[3].slug`).

use crate::prelude::*;

use core::fmt;

use crate::text::Decimal;
use crate::tree::{Map, Value};

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    /// A field of an object.
    Key(&'static str),
    /// An element of an array.
    Index(usize),
}

/// Where in the answer the value being read is: empty for the whole body.
#[derive(Debug, Default)]
pub(crate) struct Path(Vec<Segment>);

impl Path {
    /// A mismatch at this path.
    pub(crate) fn mismatch(&self, message: impl Into<String>) -> Mismatch {
        Mismatch {
            path: self.to_string(),
            message: message.into(),
        }
    }

    /// Steps into the field `name` (until [`Path::leave`]).
    pub(crate) fn enter_key(&mut self, name: &'static str) {
        self.0.push(Segment::Key(name));
    }

    /// Steps into the element at `index` (until [`Path::leave`]).
    pub(crate) fn enter_index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }

    /// Steps back out of the last field or element entered.
    pub(crate) fn leave(&mut self) {
        self.0.pop();
    }

    /// "expected X, got Y" for `value` at this path.
    pub(crate) fn expected(&self, what: &str, value: &Value) -> Mismatch {
        self.mismatch(format!("expected {what}, got {}", kind(value)))
    }
}

impl fmt::Display for Path {
    /// `data[3].slug`; `.` for the whole body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{}]", Decimal::from(*index))?,
            }
        }
        Ok(())
    }
}

/// A value that does not have the shape the model needs: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// What a JSON value is, in words (never the value itself: it may be a secret).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a number written with a fraction or exponent",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A type read out of the answer's tree. Values are moved out, not copied: a secret is never
/// left behind in a second buffer.
pub(crate) trait Decode: Sized {
    /// Reads `value`, found at `at`.
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch>;

    /// What the field is when the answer leaves it out: an error, except for an `Option`.
    fn absent(at: &Path) -> Result<Self, Mismatch> {
        Err(at.mismatch("is missing"))
    }

    /// A stand-in for a field that did not decode, so that an object is built field by field
    /// with no early return per field (each would need its own cleanup code, per model). The
    /// object is then refused ([`Object::finish`]): a placeholder is never handed out.
    fn placeholder() -> Self;
}

/// An object being read field by field (unknown fields are ignored: the API may add some).
pub(crate) struct Object<'a> {
    fields: Map,
    at: &'a mut Path,
    /// The first field that did not decode.
    failed: Option<Mismatch>,
}

impl<'a> Object<'a> {
    /// `value` as an object, or the mismatch saying it is not one.
    pub(crate) fn new(value: Value, at: &'a mut Path) -> Result<Self, Mismatch> {
        match value {
            Value::Object(fields) => Ok(Object {
                fields,
                at,
                failed: None,
            }),
            other => Err(at.expected("an object", &other)),
        }
    }

    /// Reads the field `name`; if it does not fit, remembers why (the first such field is the
    /// one [`Object::finish`] reports) and gives a placeholder.
    // Never inlined: one copy per field type, and a call per field in each model.
    #[inline(never)]
    pub(crate) fn field<T: Decode>(&mut self, name: &'static str) -> T {
        let value = self.enter(name);
        let result = match value {
            Some(value) => T::decode(value, self.at),
            None => T::absent(self.at),
        };
        self.at.leave();
        result.unwrap_or_else(|mismatch| {
            self.failed.get_or_insert(mismatch);
            T::placeholder()
        })
    }

    /// The object read, or why its first field that did not fit did not.
    pub(crate) fn finish<T>(self, read: T) -> Result<T, Mismatch> {
        match self.failed {
            Some(mismatch) => Err(mismatch),
            None => Ok(read),
        }
    }

    // Out of `field`, so that its code is not repeated for every field type. The value is
    // taken (leaving `null`), not removed: removal would add the map's rebalancing code.
    fn enter(&mut self, name: &'static str) -> Option<Value> {
        self.at.enter_key(name);
        self.fields.get_mut(name).map(Value::take)
    }
}

/// [`Decode`] for a struct whose fields are all read by their own names:
/// `decode_fields!(Envelope { error, user_id })`.
macro_rules! decode_fields {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::decode::Decode for $name {
            fn decode(
                value: Value,
                at: &mut $crate::decode::Path,
            ) -> Result<Self, $crate::decode::Mismatch> {
                let mut object = $crate::decode::Object::new(value, at)?;
                let read = $name { $( $field: object.field(stringify!($field)), )* };
                object.finish(read)
            }

            fn placeholder() -> Self {
                $name { $( $field: $crate::decode::Decode::placeholder(), )* }
            }
        }
    };
}
pub(crate) use decode_fields;

/// Reads a whole body's tree as a `T`.
pub(crate) fn from_value<T: Decode>(value: Value) -> Result<T, Mismatch> {
    T::decode(value, &mut Path::default())
}

impl Decode for Value {
    fn decode(value: Value, _: &mut Path) -> Result<Self, Mismatch> {
        Ok(value)
    }

    fn placeholder() -> Self {
        Value::Null
    }
}

impl Decode for String {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(at.expected("a string", &other)),
        }
    }

    fn placeholder() -> Self {
        String::new()
    }
}

impl Decode for bool {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        match value {
            Value::Bool(flag) => Ok(flag),
            other => Err(at.expected("a boolean", &other)),
        }
    }

    fn placeholder() -> Self {
        false
    }
}

impl Decode for f64 {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        match value.as_f64() {
            Some(number) => Ok(number),
            None => Err(at.expected("a number", &value)),
        }
    }

    fn placeholder() -> Self {
        0.0
    }
}

impl Decode for i64 {
    // As serde read it: an integer written as one (`2.0` is refused), within i64.
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        match value.as_i64() {
            Some(number) => Ok(number),
            None if matches!(&value, Value::Number(number) if number.is_u64()) => {
                Err(at.mismatch("is larger than 2^63-1"))
            }
            None => Err(at.expected("an integer", &value)),
        }
    }

    fn placeholder() -> Self {
        0
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        match value {
            Value::Null => Ok(None),
            value => T::decode(value, at).map(Some),
        }
    }

    fn absent(_: &Path) -> Result<Self, Mismatch> {
        Ok(None)
    }

    fn placeholder() -> Self {
        None
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        let items = match value {
            Value::Array(items) => items,
            other => return Err(at.expected("an array", &other)),
        };
        let mut decoded = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            at.enter_index(index);
            let result = T::decode(item, at);
            at.leave();
            decoded.push(result?);
        }
        Ok(decoded)
    }

    fn placeholder() -> Self {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair {
        name: String,
        sizes: Vec<i64>,
        note: Option<String>,
    }

    decode_fields!(Pair { name, sizes, note });

    /// `body` read as the client reads answers (`api::read_json`), then decoded.
    fn from_slice<T: Decode>(body: &[u8]) -> Result<T, Mismatch> {
        from_value(crate::api::read_json(body).expect("the test's text is JSON"))
    }

    fn error_of<T: Decode>(text: &str) -> (String, String) {
        match from_slice::<T>(text.as_bytes()) {
            Err(mismatch) => (mismatch.path, mismatch.message),
            Ok(_) => panic!("{text} decoded"),
        }
    }

    #[test]
    fn reads_fields_and_ignores_unknown_ones() {
        let pair: Pair =
            from_slice(br#"{"name": "a", "sizes": [1, 2], "extra": {"x": 1}}"#).unwrap();
        assert_eq!(pair.name, "a");
        assert_eq!(pair.sizes, [1, 2]);
        assert_eq!(pair.note, None);
    }

    #[test]
    fn names_the_path_of_what_does_not_fit() {
        let list = r#"[{"name": "a", "sizes": []}, {"name": "b", "sizes": [1, "2"]}]"#;
        assert_eq!(
            error_of::<Vec<Pair>>(list),
            (
                "[1].sizes[1]".into(),
                "expected an integer, got a string".into()
            )
        );
        assert_eq!(
            error_of::<Pair>(r#"{"sizes": []}"#),
            ("name".into(), "is missing".into())
        );
        assert_eq!(
            error_of::<Pair>(r#"{"name": null, "sizes": []}"#),
            ("name".into(), "expected a string, got null".into())
        );
        assert_eq!(
            error_of::<Pair>("[]"),
            (".".into(), "expected an object, got an array".into())
        );
    }

    #[test]
    fn integers_are_whole_and_in_range() {
        assert_eq!(
            from_slice::<i64>(b"-9223372036854775808").unwrap(),
            i64::MIN
        );
        assert_eq!(
            error_of::<i64>("2.5").1,
            "expected an integer, got a number written with a fraction or exponent"
        );
        assert_eq!(error_of::<i64>("3.0").0, ".");
        assert_eq!(
            error_of::<i64>("9223372036854775808").1,
            "is larger than 2^63-1"
        );
        assert_eq!(from_slice::<f64>(b"7").unwrap(), 7.0);
    }

    #[test]
    fn a_message_never_quotes_the_value() {
        let (_, message) = error_of::<bool>(r#""sk-mg-v1-secret""#);
        assert_eq!(message, "expected a boolean, got a string");
    }
}
