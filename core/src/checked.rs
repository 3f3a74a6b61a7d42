//! Answers checked against their model's shape and written out as JSON text in one pass, with no
//! typed value in between: for a binding that hands answers on as JSON (the browser, whose
//! engine would otherwise carry each model's decoder and writer, the largest per-type code in
//! it). A model's [`Shape`] comes from the same `model!` declaration as its [`Decode`] and
//! [`ToJson`], and the leaves (strings, numbers, timestamps, the secret) are read and written by
//! those very impls, so the text and the errors are the typed path's; a test holds the two to it
//! on every vector.

use crate::prelude::*;

use crate::api::DecodeError;
use crate::decode::{Decode, Mismatch, Path};
use crate::encode::{JsonWriter, ToJson};
use crate::secret::Secret;
use crate::timestamp::Timestamp;
use crate::tree::{Map, Value};

/// Reads one value at a path with a type's [`Decode`] and writes it with its [`ToJson`].
pub(crate) type Leaf = fn(Value, &mut Path, &mut JsonWriter) -> Result<(), Mismatch>;

/// What a JSON value of an answer must be.
pub(crate) enum Shape {
    /// A value a type reads and writes itself.
    Leaf(Leaf),
    /// `null` or left out (written as `null`), or the inner shape.
    Optional(&'static Shape),
    /// An array of the inner shape.
    List(&'static Shape),
    /// An object with these fields, written in this order (fields not listed are dropped, as the
    /// typed models ignore them).
    Object(&'static [(&'static str, Shape)]),
}

/// A type with a [`Shape`]: each model (`model!` writes it from the field list) and each type a
/// model's field has.
pub(crate) trait Shaped {
    const SHAPE: Shape;
}

fn leaf<T: Decode + ToJson>(
    value: Value,
    at: &mut Path,
    out: &mut JsonWriter,
) -> Result<(), Mismatch> {
    T::decode(value, at).map(|read| read.write_json(out))
}

macro_rules! leaves {
    ($($ty:ty),*) => {$(
        impl Shaped for $ty {
            const SHAPE: Shape = Shape::Leaf(leaf::<$ty>);
        }
    )*};
}

// The secret is a leaf of its own: its text is wiped when the read value is dropped.
leaves!(String, bool, f64, i64, Timestamp, Secret, Value);

impl<T: Shaped> Shaped for Option<T> {
    const SHAPE: Shape = Shape::Optional(&T::SHAPE);
}

impl<T: Shaped> Shaped for Vec<T> {
    const SHAPE: Shape = Shape::List(&T::SHAPE);
}

/// Checks `value` against `shape` and writes it. The error is the typed decoding's: the first
/// value that does not fit, fields in declaration order, depth first.
fn write(value: Value, shape: &Shape, at: &mut Path, out: &mut JsonWriter) -> Result<(), Mismatch> {
    match shape {
        Shape::Leaf(leaf) => leaf(value, at, out),
        Shape::Optional(_) if value.is_null() => {
            out.raw("null");
            Ok(())
        }
        Shape::Optional(inner) => write(value, inner, at, out),
        Shape::List(item) => {
            let Value::Array(items) = value else {
                return Err(at.expected("an array", &value));
            };
            out.raw("[");
            for (index, value) in items.into_iter().enumerate() {
                if index > 0 {
                    out.raw(",");
                }
                at.enter_index(index);
                write(value, item, at, out)?;
                at.leave();
            }
            out.raw("]");
            Ok(())
        }
        Shape::Object(fields) => {
            let mut members = object(value, at)?;
            out.raw("{");
            for (index, (name, shape)) in fields.iter().enumerate() {
                if index > 0 {
                    out.raw(",");
                }
                out.string(name);
                out.raw(":");
                at.enter_key(name);
                match (take(&mut members, name), shape) {
                    (Some(value), _) => write(value, shape, at, out)?,
                    (None, Shape::Optional(_)) => out.raw("null"),
                    (None, _) => return Err(at.mismatch("is missing")),
                }
                at.leave();
            }
            out.raw("}");
            Ok(())
        }
    }
}

fn object(value: Value, at: &Path) -> Result<Map, Mismatch> {
    match value {
        Value::Object(members) => Ok(members),
        other => Err(at.expected("an object", &other)),
    }
}

// Taken (leaving `null`), not removed, as the typed decoding does.
fn take(members: &mut Map, name: &str) -> Option<Value> {
    members.get_mut(name).map(Value::take)
}

/// The field `name` of `members`, entered in `at` (the caller leaves it): an error when it is
/// missing.
fn required(members: &mut Map, name: &'static str, at: &mut Path) -> Result<Value, Mismatch> {
    at.enter_key(name);
    take(members, name).ok_or_else(|| at.mismatch("is missing"))
}

/// How an operation's 2xx body holds its result, and the result's shape.
pub(crate) struct Answer {
    /// Whether the result is the `data` field of a `{"data": ...}` envelope.
    enveloped: bool,
    shape: &'static Shape,
}

impl Answer {
    /// A result inside `{"data": ...}`.
    pub(crate) const fn data(shape: &'static Shape) -> Answer {
        Answer {
            enveloped: true,
            shape,
        }
    }

    /// A result that is the whole body.
    pub(crate) const fn body(shape: &'static Shape) -> Answer {
        Answer {
            enveloped: false,
            shape,
        }
    }

    /// Reads the result into its typed model: what the endpoint's `from_json` does.
    pub(crate) fn read<T: Decode>(&self, body: Value) -> Result<T, DecodeError> {
        match self.enveloped {
            true => crate::api::decode::<crate::api::Data<T>>(body).map(|envelope| envelope.data),
            false => crate::api::decode(body),
        }
    }

    fn write(&self, body: Value) -> Result<JsonText, DecodeError> {
        let mut at = Path::default();
        let mut out = JsonWriter::default();
        let value = match self.enveloped {
            true => {
                object(body, &at).and_then(|mut members| required(&mut members, "data", &mut at))
            }
            false => Ok(body),
        };
        value
            .and_then(|value| write(value, self.shape, &mut at, &mut out))
            .map(|()| JsonText::new(out.finish()))
            .map_err(crate::api::shape_error)
    }
}

/// An endpoint whose answer can be checked and written as JSON text by its [`Answer`].
pub(crate) trait AnswersJson: crate::api::Endpoint {
    const ANSWER: Answer;
}

/// An endpoint's JSON reader: one function per endpoint, so that a call keeps a plain function
/// pointer as its reader.
pub(crate) fn answer_json<E: AnswersJson>(body: Value) -> Result<JsonText, DecodeError> {
    E::ANSWER.write(body)
}

/// A result as JSON text with the API's field names, checked against its model: what
/// [`crate::Client::call_by_id_json`] answers and a [`crate::JsonPager`] yields. The text may
/// hold a new key's one-time secret (create-keys), so it is kept as a [`Secret`]: `Debug` shows
/// only its length, and it is wiped when dropped.
#[derive(Clone, PartialEq)]
pub struct JsonText(Secret);

impl JsonText {
    fn new(text: String) -> Self {
        JsonText(Secret::new(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.expose()
    }
}

impl core::fmt::Debug for JsonText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "JsonText([REDACTED], {} bytes)", self.as_str().len())
    }
}

impl ToJson for JsonText {
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(self.as_str());
    }
}

/// One item of a walked list, as JSON text, with the id that keeps it from being yielded twice.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonItem {
    pub(crate) id: String,
    pub(crate) text: JsonText,
}

impl ToJson for JsonItem {
    fn write_json(&self, out: &mut JsonWriter) {
        self.text.write_json(out);
    }
}

/// One page of a list read as [`JsonItem`]s: its items and, for a list that counts them, its
/// `total_count`.
#[derive(Debug)]
pub struct JsonPage {
    pub(crate) items: Vec<JsonItem>,
    pub(crate) total_count: Option<i64>,
}

/// Reads a page `{"data": [item, ...], "total_count": n}` (`total_count` only when `counted`),
/// each item checked against `item` and keyed by its field `id`. Errors as the typed page's.
pub(crate) fn page(
    body: Value,
    item: &Shape,
    id: &str,
    counted: bool,
) -> Result<JsonPage, DecodeError> {
    let mut at = Path::default();
    read_page(body, item, id, counted, &mut at).map_err(crate::api::shape_error)
}

fn read_page(
    body: Value,
    item: &Shape,
    id: &str,
    counted: bool,
    at: &mut Path,
) -> Result<JsonPage, Mismatch> {
    let mut members = object(body, at)?;
    let items = match required(&mut members, "data", at)? {
        Value::Array(items) => items,
        other => return Err(at.expected("an array", &other)),
    };
    let mut read = Vec::with_capacity(items.len());
    for (index, value) in items.into_iter().enumerate() {
        at.enter_index(index);
        // A checked item has its id: the shape requires it as a string.
        let key = value
            .get(id)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut out = JsonWriter::default();
        write(value, item, at, &mut out)?;
        at.leave();
        read.push(JsonItem {
            id: key,
            text: JsonText::new(out.finish()),
        });
    }
    at.leave();
    let total_count = match counted {
        true => {
            let total = required(&mut members, "total_count", at)
                .and_then(|total| i64::decode(total, at))?;
            at.leave();
            Some(total)
        }
        false => None,
    };
    Ok(JsonPage {
        items: read,
        total_count,
    })
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use super::*;
    use crate::api::keys::{ApiKey, KeyPage};
    use crate::api::workspaces::{Workspace, WorkspacePage};
    use crate::{Action, Call, Client, Config, HttpResponse};
    // The vectors' trees (read into the core's own where a call needs one).
    use serde_json::Value;

    /// Each vector's operation, its input, and the body of every 2xx answer it holds.
    fn vector_answers() -> Vec<(String, Value, Value)> {
        let mut answers = Vec::new();
        for (_, vector) in crate::test_vectors::all() {
            for exchange in vector["exchanges"].as_array().into_iter().flatten() {
                let status = exchange["response"]["status"].as_u64().unwrap_or(0);
                let body = &exchange["response"]["body"];
                if (200..300).contains(&status) && !body.is_null() {
                    let operation = vector["operation"].as_str().unwrap().to_owned();
                    answers.push((operation, vector["input"].clone(), body.clone()));
                }
            }
        }
        answers
    }

    /// What a call ends with after `body` as its answer: the result's text or the error's.
    fn outcome<T: ToJson>(
        call: Result<Call<T>, crate::Error>,
        body: &Value,
    ) -> Option<Result<String, String>> {
        let mut call = call.ok()?;
        let Action::Send(_) = call.next_action(Duration::ZERO) else {
            return None;
        };
        call.handle_response(HttpResponse::new(200, vec![], body.to_string()));
        match call.next_action(Duration::ZERO) {
            Action::Done(result) => Some(
                result
                    .map(|value| value.to_json())
                    .map_err(|e| e.to_string()),
            ),
            _ => None,
        }
    }

    #[test]
    fn json_text_debug_never_shows_the_text() {
        let created = r#"{"data": {}, "key": "sk-mg-v1-one-time-secret"}"#;
        let text = JsonText::new(created.to_owned());
        let shown = format!(
            "{text:?} {:?}",
            JsonItem {
                id: "hash".into(),
                text: text.clone()
            }
        );
        assert!(!shown.contains("one-time-secret"), "{shown}");
        assert_eq!(text.as_str(), created);
    }

    #[test]
    fn every_answer_reads_as_json_text_as_the_typed_models_read_it() {
        let client = Client::new(Config::new("mg-test"), 1).unwrap();
        let (mut compared, mut refused) = (0, 0);
        for (operation, input, body) in vector_answers() {
            for body in crate::test_vectors::with_mutations(&body) {
                let typed = outcome(client.call_by_id(&operation, input.clone()), &body);
                let json = outcome(client.call_by_id_json(&operation, input.clone()), &body);
                assert_eq!(json, typed, "{operation}: {body}");
                compared += 1;
                refused += usize::from(matches!(typed, Some(Err(_))));
            }
        }
        // Most mutations must be refused, and the original answers read: both paths exercised.
        assert!(
            compared > 5_000 && refused > 2_000,
            "{compared} compared, {refused} refused"
        );
    }

    /// A page's items (each one's id and text) and `total_count`.
    type PageRead = (Vec<(String, String)>, Option<i64>);

    /// A page read either way, or the error's path and message.
    type PageOutcome = Result<PageRead, (String, String)>;

    fn typed_page<P: Decode>(body: Value, split: fn(P) -> PageRead) -> PageOutcome {
        crate::api::decode::<P>(body.into())
            .map(split)
            .map_err(|e| (e.path, e.message))
    }

    fn json_page(body: Value, item: &Shape, id: &str, counted: bool) -> PageOutcome {
        page(body.into(), item, id, counted)
            .map(|page| {
                let items = page
                    .items
                    .into_iter()
                    .map(|item| (item.id, item.text.as_str().to_owned()))
                    .collect();
                (items, page.total_count)
            })
            .map_err(|e| (e.path, e.message))
    }

    #[test]
    fn every_page_reads_as_json_items_as_the_typed_pages_read_it() {
        let mut compared = 0;
        for (operation, _, body) in vector_answers() {
            for body in crate::test_vectors::with_mutations(&body) {
                let (typed, json) = match operation.as_str() {
                    "list-workspaces" => (
                        typed_page(body.clone(), |page: WorkspacePage| {
                            let items = page
                                .data
                                .iter()
                                .map(|w| (w.id.clone(), w.to_json()))
                                .collect();
                            (items, Some(page.total_count))
                        }),
                        json_page(body.clone(), &Workspace::SHAPE, "id", true),
                    ),
                    "list-keys" => (
                        typed_page(body.clone(), |page: KeyPage| {
                            let items = page
                                .data
                                .iter()
                                .map(|k| (k.hash.clone(), k.to_json()))
                                .collect();
                            (items, None)
                        }),
                        json_page(body.clone(), &ApiKey::SHAPE, "hash", false),
                    ),
                    _ => continue,
                };
                assert_eq!(json, typed, "{operation}: {body}");
                compared += 1;
            }
        }
        assert!(compared > 1_000, "{compared} compared");
    }
}
