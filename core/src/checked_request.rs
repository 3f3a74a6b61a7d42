//! Requests given as JSON checked and written from their field tables, with no typed request in
//! between: for a binding whose callers give JSON (the browser, whose engine would otherwise
//! carry each request's reader, checks and writer). The tables come from the same `request!`
//! field lists as the typed requests, the leaves are read by the typed path's own
//! [`FromInput`], checked by its [`Ruled`] and written by its [`ToJson`], and the steps run in
//! the typed `prepare`'s order, so the request and the errors are the typed path's; a test holds
//! the two to it on every vector input and its one-value variants.

use crate::prelude::*;

use crate::api::rules::{Rule, Ruled};
use crate::api::{Operation, Prepared};
use crate::encode::{JsonWriter, ToJson};
use crate::error::Error;
use crate::input::{FromInput, Input, InputError};
use crate::tree::{Map, Value};

/// What one type of field can do with a JSON value (one set per field type, not per field).
pub(crate) struct Leaf {
    /// Reads the value as the typed path would, for its errors.
    read: fn(Input<'_>) -> Result<(), InputError>,
    /// Checks or writes a value already read (one function, not two: each would read it again).
    apply: fn(&Value, Apply<'_>) -> Result<(), Error>,
    /// Whether `null` is a value of the field (sent as it is, to clear what it sets) rather
    /// than one its type refuses: an `XOrNull` field, which shares its `X`'s functions.
    takes_null: bool,
}

impl Leaf {
    /// Reads the value as the typed path would, for its errors.
    fn read_value(&self, input: Input<'_>) -> Result<(), InputError> {
        match self.takes_null && input.is_null() {
            true => Ok(()),
            false => (self.read)(input),
        }
    }

    /// Checks or writes a value already read: a `null` it takes has no rule to follow and is
    /// written as `null`.
    fn apply_to(&self, value: &Value, apply: Apply<'_>) -> Result<(), Error> {
        match (self.takes_null && value.is_null(), apply) {
            (true, Apply::Write(out)) => {
                out.raw("null");
                Ok(())
            }
            (true, Apply::Check(..)) => Ok(()),
            (false, apply) => (self.apply)(value, apply),
        }
    }
}

/// What [`Leaf::apply_to`] does with a value.
enum Apply<'a> {
    /// Applies a rule, naming the field in its error.
    Check(Rule, &'a str),
    /// Writes the value as the typed request's writer does.
    Write(&'a mut JsonWriter),
}

/// A value type with a [`Leaf`].
pub(crate) trait Leafy {
    const LEAF: Leaf;
    /// The leaf of a field that takes this type or `null` (an `XOrNull`).
    const OR_NULL: Leaf = Leaf {
        takes_null: true,
        ..Self::LEAF
    };
}

impl<T: FromInput + Ruled + ToJson> Leafy for T {
    const LEAF: Leaf = Leaf {
        takes_null: false,
        read: |input| T::from_input(input).map(drop),
        // Read once already (`read`), so this cannot fail; if it did, nothing is checked or
        // written rather than something made up.
        apply: |value, apply| match (T::from_input(Input::detached(value)), apply) {
            (Ok(read), Apply::Check(rule, field)) => read.check(rule, field),
            (Ok(read), Apply::Write(out)) => {
                read.write_json(out);
                Ok(())
            }
            (Err(_), _) => Ok(()),
        },
    };
}

/// A type a request's field list names, with its field's [`Leaf`]: its own, or for an
/// `XOrNull` (`api::fields`) the `X`'s taking `null` too, so that the browser engine carries
/// no reader, check or writer of the `XOrNull` types themselves.
pub(crate) trait FieldType {
    const LEAF: &'static Leaf;
}

macro_rules! field_types {
    ($($ty:ty),*) => {$(
        impl FieldType for $ty {
            const LEAF: &'static Leaf = &<$ty as Leafy>::LEAF;
        }
    )*};
}

field_types!(String, bool, f64, i32);

/// One field of a request body or query, from its `request!` field list.
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
    pub(crate) leaf: &'static Leaf,
    pub(crate) rule: Option<Rule>,
}

/// What an endpoint's input holds under one name.
pub(crate) enum Part {
    /// A path parameter (text).
    Segment,
    /// The body or the query (by its name), with its fields.
    Fields(&'static [Field]),
}

/// A type an endpoint's input holds: a path parameter's text, or a request.
pub(crate) trait AsPart {
    const PART: Part;
}

impl AsPart for String {
    const PART: Part = Part::Segment;
}

/// A request type's field table (written by `request!`).
pub(crate) trait Fields {
    const FIELDS: &'static [Field];
}

/// An endpoint with its [`Table`] (written by the operations table).
pub(crate) trait Tabled {
    const TABLE: Table;
}

/// An endpoint's input, as the operations table lists it: the path parameters, then `body` or
/// `query`.
pub(crate) struct Table {
    pub(crate) operation: Operation,
    pub(crate) inputs: &'static [(&'static str, Part)],
    /// The message refusing a body that changes nothing, for an update that needs one field.
    pub(crate) refuse_empty_body: Option<&'static str>,
}

/// Checks an endpoint's JSON input and builds the request, as `from_json` and the endpoint's
/// `prepare` would: the types of every field first (in the input's key order, then what is
/// missing), then the path parameters, an empty update, each field's rule in the field list's
/// order, and the body or query written in that order.
pub(crate) fn prepare(table: &Table, input: &Value) -> Result<Prepared, Error> {
    if !input.is_object() {
        return Err(crate::input::not_an_object());
    }
    read_types(table, input).map_err(InputError::into_error)?;
    let mut prepared = Prepared::new(table.operation);
    for (name, part) in table.inputs {
        let value = input.get(name);
        match (part, value) {
            (Part::Segment, Some(Value::String(text))) => {
                prepared = prepared.segment(name, text)?;
            }
            (Part::Fields(fields), Some(Value::Object(members))) => {
                if let (Some(message), true) = (table.refuse_empty_body, members.is_empty()) {
                    return Err(Error::invalid("body", message));
                }
                for field in *fields {
                    if let (Some(rule), Some(value)) = (field.rule, members.get(field.name)) {
                        field.leaf.apply_to(value, Apply::Check(rule, field.name))?;
                    }
                }
                prepared = if *name == "query" {
                    write_query(prepared, fields, members)
                } else {
                    prepared.body(&Body { fields, members })
                };
            }
            _ => {}
        }
    }
    Ok(prepared)
}

/// Reads every field's type, as the typed endpoint's `from_input` does: path parameters and
/// `body` are required, `query` may be left out.
fn read_types(table: &Table, input: &Value) -> Result<(), InputError> {
    // Loops, not `map(..).collect()`: each collect brings its own copy of `Vec`'s machinery.
    let mut names = Vec::with_capacity(table.inputs.len());
    for (name, _) in table.inputs {
        names.push((*name, *name != "query"));
    }
    Input::root(input).fields(&names, &mut |index, value| match &table.inputs[index].1 {
        Part::Segment => String::from_input(value).map(drop),
        Part::Fields(fields) => read_fields(fields, value),
    })
}

fn read_fields(fields: &[Field], input: Input<'_>) -> Result<(), InputError> {
    let mut names = Vec::with_capacity(fields.len());
    for field in fields {
        names.push((field.name, field.required));
    }
    input.fields(&names, &mut |index, value| {
        fields[index].leaf.read_value(value)
    })
}

fn write_query(mut prepared: Prepared, fields: &[Field], members: &Map) -> Prepared {
    for field in fields {
        if let Some(value) = members.get(field.name) {
            // A query value's text: a string as it is, anything else as its JSON.
            let text = match value {
                Value::String(text) => text.clone(),
                _ => crate::encode::json_text(&Written(field.leaf, value)),
            };
            prepared = prepared.query(field.name, Some(text));
        }
    }
    prepared
}

/// A body's given fields, written in the field list's order.
struct Body<'a> {
    fields: &'a [Field],
    members: &'a Map,
}

impl ToJson for Body<'_> {
    fn write_json(&self, out: &mut JsonWriter) {
        let mut object = out.object();
        for field in self.fields {
            if let Some(value) = self.members.get(field.name) {
                object.field(field.name, &Written(field.leaf, value));
            }
        }
        object.end();
    }
}

struct Written<'a>(&'static Leaf, &'a Value);

impl ToJson for Written<'_> {
    fn write_json(&self, out: &mut JsonWriter) {
        // Writing has no error to give (see `Leafy`).
        let _written = self.0.apply_to(self.1, Apply::Write(out));
    }
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use crate::prelude::*;

    use serde_json::{Value, json};

    use crate::{Action, Call, Client, Config};

    /// What a call by id starts with: the first request (method, URL, headers, body), or the
    /// error (its field and message).
    fn first_request<T>(call: Result<Call<T>, crate::Error>) -> Result<String, String> {
        let mut call = call.map_err(|e| format!("{:?} {e}", e.field()))?;
        match call.next_action(Duration::ZERO) {
            Action::Send(request) => Ok(format!(
                "{:?} {} {:?} {:?}",
                request.method, request.url, request.headers, request.body
            )),
            _ => Err("no request".to_owned()),
        }
    }

    /// Every vector's call input, with the operation it is for.
    fn vector_inputs() -> Vec<(String, Value)> {
        let mut inputs = Vec::new();
        for (_, vector) in crate::test_vectors::all() {
            if let (Some(operation), Some(input)) =
                (vector["operation"].as_str(), vector.get("input"))
            {
                inputs.push((operation.to_owned(), input.clone()));
            }
        }
        // Inputs no vector gives: every field of the updates at once, bodies that are not
        // objects, an input that is not one.
        inputs.push((
            "update-keys".into(),
            json!({"hash": "h", "body": {
            "name": "n", "disabled": true, "include_byok_in_limit": false, "limit": 5,
            "limit_reset": "daily", "workspace_id": "550e8400-e29b-41d4-a716-446655440000"}}),
        ));
        inputs.push((
            "update-workspace".into(),
            json!({"id": "w", "body": {"name": "n",
            "slug": "s", "description": null, "io_logging_sampling_rate": 0.5,
            "io_logging_api_key_ids": [1], "default_provider_sort": "price"}}),
        ));
        inputs.push(("create-keys".into(), json!([1])));
        inputs.push(("list-keys".into(), json!({"query": []})));
        inputs
    }

    #[test]
    fn every_input_builds_as_json_the_request_the_typed_endpoint_builds() {
        let client = Client::new(Config::new("mg-test"), 1).unwrap();
        let (mut compared, mut refused) = (0, 0);
        for (operation, input) in vector_inputs() {
            for input in crate::test_vectors::with_mutations(&input) {
                let typed = first_request(client.call_by_id(&operation, input.clone()));
                let json = first_request(client.call_by_id_json(&operation, input.clone()));
                assert_eq!(json, typed, "{operation}: {input}");
                compared += 1;
                refused += usize::from(typed.is_err());
            }
        }
        // Both outcomes exercised: requests built and inputs refused.
        assert!(
            compared > 5_000 && refused > 2_000 && compared - refused > 1_000,
            "{compared} compared, {refused} refused"
        );
    }
}
