//! Writing the models and the request bodies as JSON text.
//!
//! Each type lists its fields for one writer (the `model!` and `request!` macros write the
//! list), so a type costs one call per field: serde's derive gave every type a serializer of its
//! own, which every binding's build carried for each model and request. The text is the same as
//! serde's (field order, number and string forms); a test holds the two to it.

use crate::prelude::*;

use crate::secret::Secret;
use crate::text::Decimal;
use crate::timestamp::Timestamp;

/// A value the SDK writes as JSON: a model (as the API spells it, every field present) or a
/// request body (optional fields only when set).
pub trait ToJson {
    /// Appends the value to `out`.
    fn write_json(&self, out: &mut JsonWriter);

    /// The value as JSON text.
    fn to_json(&self) -> String
    where
        Self: Sized,
    {
        json_text(self)
    }
}

/// A value as JSON text, for a `&dyn ToJson` too. One copy for every type: as a provided
/// method callable on `dyn ToJson`, `to_json` had a copy in each type's vtable (40 in the
/// browser build).
pub(crate) fn json_text(value: &dyn ToJson) -> String {
    let mut out = JsonWriter::default();
    value.write_json(&mut out);
    out.text
}

/// JSON text being written.
#[derive(Default)]
pub struct JsonWriter {
    text: String,
}

impl JsonWriter {
    /// Starts an object; its fields follow.
    pub fn object(&mut self) -> ObjectWriter<'_> {
        self.text.push('{');
        ObjectWriter {
            out: self,
            first: true,
        }
    }

    /// A string, escaped as serde_json escapes it.
    pub fn string(&mut self, text: &str) {
        self.text.push('"');
        for c in text.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                '\t' => self.text.push_str("\\t"),
                '\u{08}' => self.text.push_str("\\b"),
                '\u{0c}' => self.text.push_str("\\f"),
                c if c < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let byte = c as usize;
                    self.text.push_str("\\u00");
                    self.text.push(char::from(HEX[byte >> 4]));
                    self.text.push(char::from(HEX[byte & 0xf]));
                }
                c => self.text.push(c),
            }
        }
        self.text.push('"');
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.text
    }

    pub(crate) fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// The fields of an object being written.
pub struct ObjectWriter<'a> {
    out: &'a mut JsonWriter,
    first: bool,
}

impl ObjectWriter<'_> {
    /// Writes a field.
    pub fn field(&mut self, name: &str, value: &dyn ToJson) {
        if !self.first {
            self.out.text.push(',');
        }
        self.first = false;
        self.out.string(name);
        self.out.text.push(':');
        value.write_json(self.out);
    }

    /// Writes a field when it is set; leaves it out otherwise.
    pub fn field_if_set(&mut self, name: &str, value: Option<&dyn ToJson>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }

    /// Ends the object.
    pub fn end(self) {
        self.out.text.push('}');
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(if *self { "true" } else { "false" });
    }
}

macro_rules! integer {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut JsonWriter) {
                out.raw(&Decimal::from(*self).text());
            }
        }
    )*};
}

integer!(i64, u64);

/// Narrower integers through `i64`'s printer: the browser engine carries no printer of their
/// own for JSON.
macro_rules! widened {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut JsonWriter) {
                i64::from(*self).write_json(out);
            }
        }
    )*};
}

widened!(u16, i32);

impl ToJson for f64 {
    /// The shortest text that reads back as the same number; `null` for NaN and the infinities,
    /// as serde_json writes them (request rules refuse those before anything is written).
    fn write_json(&self, out: &mut JsonWriter) {
        if self.is_finite() {
            crate::float_text::write_shortest(*self, out);
        } else {
            out.raw("null");
        }
    }
}

impl ToJson for serde_json::Number {
    /// As serde_json writes it, by the integer and float printers the engine has anyway
    /// (`Number`'s own `Display` brings a third, itoa's).
    fn write_json(&self, out: &mut JsonWriter) {
        if let Some(integer) = self.as_i64() {
            integer.write_json(out);
        } else if let Some(integer) = self.as_u64() {
            integer.write_json(out);
        } else {
            // Always a float here; `NaN` (written `null`) is what no `Number` holds.
            self.as_f64().unwrap_or(f64::NAN).write_json(out);
        }
    }
}

impl ToJson for Timestamp {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(&self.to_string());
    }
}

impl ToJson for Secret {
    /// The secret itself: what the bindings hand their own secret wrappers.
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.expose());
    }
}

impl ToJson for crate::tree::Value {
    fn write_json(&self, out: &mut JsonWriter) {
        use crate::tree::Value;
        match self {
            Value::Null => out.raw("null"),
            Value::Bool(flag) => flag.write_json(out),
            Value::Number(number) => number.write_json(out),
            Value::String(text) => out.string(text),
            Value::Array(items) => items.write_json(out),
            Value::Object(members) => {
                let mut object = out.object();
                for (key, value) in members.iter() {
                    object.field(key, value);
                }
                object.end();
            }
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(out),
            None => out.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut JsonWriter) {
        out.text.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.text.push(',');
            }
            item.write_json(out);
        }
        out.text.push(']');
    }
}

/// A pair as a two-item array, as serde writes a tuple: `["x-trace", "t-1"]`.
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut JsonWriter) {
        out.text.push('[');
        self.0.write_json(out);
        out.text.push(',');
        self.1.write_json(out);
        out.text.push(']');
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \0 del \u{7f} é ☃ 😀";
        assert_eq!(
            json_text(&text),
            serde_json::to_string(text).expect("a string is JSON")
        );
    }

    #[test]
    fn numbers_are_written_as_serde_json_does() {
        for number in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e21,
            1.5e-7,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(
                number.to_json(),
                serde_json::to_string(&number).expect("a number is JSON"),
                "{number}"
            );
        }
        assert_eq!(i64::MIN.to_json(), "-9223372036854775808");
        assert_eq!(vec![Some(1_i64), None].to_json(), "[1,null]");
        assert_eq!(
            vec![("x-trace".to_owned(), "t\"1".to_owned())].to_json(),
            r#"[["x-trace","t\"1"]]"#
        );
    }

    #[test]
    fn a_json_value_is_written_as_serde_json_writes_it() {
        let value = serde_json::json!({
            "z": [1, -2, 1.5, 1e300, true, null], "a": {"k\"ey": "v\u{1}"}, "m": u64::MAX,
            "n": i64::MIN, "f": 2.0
        });
        assert_eq!(
            crate::tree::Value::from(value.clone()).to_json(),
            value.to_string()
        );
    }
}
