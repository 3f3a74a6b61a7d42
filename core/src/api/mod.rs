//! The API's operations, described once in [`for_each_operation!`](crate::for_each_operation): the table every request,
//! retry rule, name and binding method derives from, and the typed endpoints it lists.

use crate::prelude::*;

#[macro_use]
mod derive;
mod answers;
mod fields;
mod json_syntax;
pub(crate) mod rules;

pub mod keys;
pub mod workspaces;

pub(crate) use answers::Data;
pub use answers::Deleted;

pub use fields::{
    DoubleOrNull, IdsOrNull, LimitResetOrNull, ProviderSortOrNull, StringOrNull, TimestampOrNull,
};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::checked::AnswersJson;
use crate::checked_request::Tabled;
use crate::decode::{Decode, from_value};
use crate::encode::ToJson;
use crate::error::Error;
use crate::http::Method;
use crate::input::FromInput;
use crate::retry::Idempotency;
use crate::text::Decimal;
use crate::tree::Value;
use crate::validate;

/// The table of operations: one entry each, read by the core (the [`Operation`] enum, its
/// [`OperationInfo`], the typed [`crate::Client`] methods, calls by operation id) and by each
/// binding through this macro (the Swift/Kotlin client's methods). A new operation is one entry
/// here and one endpoint type.
///
/// Each entry: doc comment; `Variant`, the SDK's name for it (`snake_case`; camelCase in JS,
/// Kotlin and Swift), the spec's `operationId`, the method, the path template, the resource and
/// verb Python groups it under (`client.keys.create`), the endpoint type and its fields (the
/// path parameters, then `body` or `query`), the result type, whether a repeat is harmless (so
/// may be retried after a 5xx or a lost connection), whether the answer is one page of a longer
/// list (walked by a [`crate::Pager`]), whether the answer carries a secret, and how a 2xx
/// body holds the result (`data`: inside `{"data": ...}`; `body`: the whole body; `deleted`:
/// the deletion's constant `{"deleted": true}`). Types are written `$crate::...`, so that a
/// binding expanding the table needs no imports of its own.
#[macro_export]
macro_rules! for_each_operation {
    ($callback:path) => {
        $callback! {
            /// Creates a workspace.
            CreateWorkspace, create_workspace, "create-workspace", Post, "/workspaces",
                workspaces.create, CreateWorkspace { body: $crate::CreateWorkspaceRequest }, $crate::Workspace,
                retry: NotIdempotent, pages: false, secret: false, answer: data;
            /// One page of workspaces.
            ListWorkspaces, list_workspaces, "list-workspaces", Get, "/workspaces",
                workspaces.list, ListWorkspaces { query: $crate::ListWorkspacesRequest }, $crate::WorkspacePage,
                retry: Idempotent, pages: true, secret: false, answer: body;
            /// A workspace by id (UUID) or slug.
            GetWorkspace, get_workspace, "get-workspace", Get, "/workspaces/{id}",
                workspaces.get, GetWorkspace { id: String }, $crate::Workspace,
                retry: Idempotent, pages: false, secret: false, answer: data;
            /// Changes the given fields of a workspace (by id or slug); `null` clears a field.
            UpdateWorkspace, update_workspace, "update-workspace", Patch, "/workspaces/{id}",
                workspaces.update, UpdateWorkspace { id: String, body: $crate::UpdateWorkspaceRequest }, $crate::Workspace,
                retry: Idempotent, pages: false, secret: false, answer: data;
            /// Deletes a workspace (by id or slug). One with active keys is refused; the default
            /// workspace only with `confirm_default_workspace_deletion`.
            DeleteWorkspace, delete_workspace, "delete-workspace", Delete, "/workspaces/{id}",
                workspaces.delete, DeleteWorkspace { id: String, query: $crate::DeleteWorkspaceRequest }, $crate::Deleted,
                retry: Idempotent, pages: false, secret: false, answer: deleted;
            /// Creates an API key; the answer holds its one-time secret.
            CreateKey, create_key, "create-keys", Post, "/keys",
                keys.create, CreateKey { body: $crate::CreateKeyRequest }, $crate::CreatedKey,
                retry: NotIdempotent, pages: false, secret: true, answer: body;
            /// One page of API keys (disabled and expired ones only when asked for).
            ListKeys, list_keys, "list-keys", Get, "/keys",
                keys.list, ListKeys { query: $crate::ListKeysRequest }, $crate::KeyPage,
                retry: Idempotent, pages: true, secret: false, answer: body;
            /// An API key by its hash.
            GetKey, get_key, "get-key", Get, "/keys/{hash}",
                keys.get, GetKey { hash: String }, $crate::ApiKey,
                retry: Idempotent, pages: false, secret: false, answer: data;
            /// Changes the given fields of an API key (by hash): rename, disable, limit, move.
            UpdateKey, update_key, "update-keys", Patch, "/keys/{hash}",
                keys.update, UpdateKey { hash: String, body: $crate::UpdateKeyRequest }, $crate::ApiKey,
                retry: Idempotent, pages: false, secret: false, answer: data;
            /// Deletes (revokes) an API key by its hash.
            DeleteKey, delete_key, "delete-keys", Delete, "/keys/{hash}",
                keys.delete, DeleteKey { hash: String }, $crate::Deleted,
                retry: Idempotent, pages: false, secret: false, answer: deleted;
            /// The key this client calls with, as the API describes it.
            GetCurrentKey, get_current_key, "get-current-key", Get, "/key",
                keys.current, GetCurrentKey {}, $crate::CurrentApiKey,
                retry: Idempotent, pages: false, secret: false, answer: data;
        }
    };
}

/// Everything the table says about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The spec's `operationId`, e.g. `create-keys`.
    pub id: &'static str,
    /// The SDK's name, e.g. `create_key` (`createKey` in JS, Kotlin and Swift).
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template below the base URL, e.g. `/workspaces/{id}`.
    pub path: &'static str,
    /// The resource Python groups it under (`client.keys`).
    pub resource: &'static str,
    /// Its verb there (`client.keys.create`).
    pub verb: &'static str,
    /// The endpoint type's fields, in order: the path parameters, then `body` or `query`.
    pub inputs: &'static [&'static str],
    /// Whether sending the request twice is harmless, which decides its retry rules.
    pub idempotency: Idempotency,
    /// Whether the answer is one page of a longer list, which a [`crate::Pager`] walks.
    pub pages: bool,
    /// Whether a successful answer carries a secret (the new key), so that no part of its body
    /// may be quoted in an error.
    pub carries_secret: bool,
}

/// An operation's [`Answer`](crate::checked::Answer) from its table entry.
macro_rules! answer {
    (data, $output:ty) => {
        crate::checked::Answer::data(&<$output as crate::checked::Shaped>::SHAPE)
    };
    (body, $output:ty) => {
        crate::checked::Answer::body(&<$output as crate::checked::Shaped>::SHAPE)
    };
    (deleted, $output:ty) => {
        crate::checked::Answer::body(&answers::DELETED)
    };
}

macro_rules! define_operations {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident, $name:ident, $id:literal, $method:ident, $path:literal,
            $resource:ident . $verb:ident, $endpoint:ident { $($input:ident: $input_ty:ty),* },
            $output:ty, retry: $idempotency:ident, pages: $pages:tt, secret: $secret:tt,
            answer: $answer:ident;
    )*) => {
        /// The operations of the management API (see [`for_each_operation!`](crate::for_each_operation)).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Operation {
            /// Every operation, in the table's order.
            pub const ALL: &'static [Operation] = &[$(Operation::$variant),*];

            /// Everything the table says about it.
            pub fn info(self) -> &'static OperationInfo {
                match self {
                    $(Operation::$variant => &OperationInfo {
                        id: $id,
                        name: stringify!($name),
                        method: Method::$method,
                        path: $path,
                        resource: stringify!($resource),
                        verb: stringify!($verb),
                        inputs: &[$(stringify!($input)),*],
                        idempotency: Idempotency::$idempotency,
                        pages: $pages,
                        carries_secret: $secret,
                    },)*
                }
            }

            /// What it does, in one line (the table's doc comment). Not part of [`OperationInfo`],
            /// so that a build that never shows it (the browser's engine) does not carry it.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Operation::$variant => concat!($($doc),*),)*
                }
            }

            /// The operation with this spec `operationId`.
            pub fn from_id(id: &str) -> Option<Operation> {
                Operation::ALL.iter().copied().find(|op| op.id() == id)
            }
        }

        /// What a call made by operation id returns: the operation's typed result.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Response {
            $( $(#[doc = $doc])* $variant($output), )*
        }

        impl crate::encode::ToJson for Response {
            fn write_json(&self, out: &mut crate::encode::JsonWriter) {
                match self {
                    $(Response::$variant(value) => value.write_json(out),)*
                }
            }
        }

        #[cfg(feature = "python")]
        impl<'py> pyo3::IntoPyObject<'py> for Response {
            type Target = pyo3::PyAny;
            type Output = pyo3::Bound<'py, pyo3::PyAny>;
            type Error = pyo3::PyErr;

            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, pyo3::PyErr> {
                match self {
                    $(Response::$variant(value) => Ok(value.into_pyobject(py)?.into_any()),)*
                }
            }
        }

        // How each answer holds its result, for both readers: the typed `from_json` and the
        // JSON text of `call_by_id_json` (the vectors hold the two to the same text).
        $(
            impl crate::checked::AnswersJson for $crate::api::$resource::$endpoint {
                const ANSWER: crate::checked::Answer = answer!($answer, $output);
            }
        )*

        impl $crate::Client {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("Operation `", $id, "`: `", $path, "`.")]
                pub fn $name(&self, $($input: impl Into<$input_ty>),*) -> Result<$crate::Call<$output>, Error> {
                    self.call($crate::api::$resource::$endpoint { $($input: $input.into()),* })
                }
            )*

            /// A call by the spec's `operationId`, its input as the endpoint's fields (the path
            /// parameters, then `body` or `query`), e.g. `{"id": "production", "body": {...}}`:
            /// how a binding reaches every operation through one entry point.
            /// The input is the core's [`tree::Value`](crate::tree::Value) or serde_json's.
            pub fn call_by_id(&self, id: &str, input: impl Into<Value>) -> Result<$crate::Call<Response>, Error> {
                self.call_by_id_reading::<Typed>(id, input.into())
            }

            /// [`Client::call_by_id`](crate::Client::call_by_id) answering JSON text: the result
            /// checked against its model and written with the API's field names in one pass, no
            /// typed value in between (for a binding that hands answers on as JSON: the browser's
            /// engine then carries no model's own decoder or writer).
            pub fn call_by_id_json(&self, id: &str, input: impl Into<Value>) -> Result<$crate::Call<$crate::JsonText>, Error> {
                self.call_by_id_reading::<AsJson>(id, input.into())
            }

            fn call_by_id_reading<R: Reading>(&self, id: &str, input: Value) -> Result<$crate::Call<R::Answer>, Error> {
                let operation = Operation::from_id(id)
                    .ok_or_else(|| Error::invalid("operation", format!("`{id}` is not an operation of this API")))?;
                // The endpoint's two functions picked by the operation, then one call of each: not
                // every endpoint's `prepare` and `call_for` inlined, one per operation.
                let (prepare, read): (fn(Value) -> Result<Prepared, Error>, _) = match operation {
                    $(Operation::$variant => (
                        R::prepare::<$crate::api::$resource::$endpoint>,
                        R::reader::<$crate::api::$resource::$endpoint>(),
                    ),)*
                };
                self.call_for(operation, prepare(input), read)
            }
        }

        #[cfg(feature = "blocking")]
        impl $crate::blocking::BlockingClient {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("Operation `", $id, "`: `", $path, "`.")]
                pub fn $name(&self, $($input: impl Into<$input_ty>),*) -> Result<$output, Error> {
                    self.execute($crate::api::$resource::$endpoint { $($input: $input.into()),* })
                }
            )*
        }

        $(
            impl sealed::Sealed for $resource::$endpoint {}

            // Path parameters and `body` are required; `query` may be left out.
            crate::__impl_from_input!($resource::$endpoint {
                $( $input: stringify!($input) != "query" => ::core::convert::identity, )*
            });

            impl Respond for $resource::$endpoint {
                fn respond(output: Self::Output) -> Response {
                    Response::$variant(output)
                }
            }

            impl crate::checked_request::Tabled for $resource::$endpoint {
                const TABLE: crate::checked_request::Table = crate::checked_request::Table {
                    operation: Operation::$variant,
                    inputs: &[$(
                        (stringify!($input), <$input_ty as crate::checked_request::AsPart>::PART),
                    )*],
                    refuse_empty_body: <Self as Endpoint>::REFUSE_EMPTY_BODY,
                };
            }
        )*
    };
}

crate::for_each_operation!(define_operations);

impl Operation {
    /// The spec's `operationId`, e.g. `create-keys`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        self.info().method
    }

    /// Whether sending the request twice is harmless (the table's `retry` column).
    pub fn idempotency(self) -> Idempotency {
        self.info().idempotency
    }

    /// Whether a successful response carries a secret (the new key), so that no part of its
    /// body may be quoted in an error.
    pub fn response_carries_secret(self) -> bool {
        self.info().carries_secret
    }
}

mod sealed {
    pub trait Sealed {}
}

/// How an endpoint's typed result becomes a [`Response`] (calls by operation id).
pub(crate) trait Respond: Endpoint {
    fn respond(output: Self::Output) -> Response;
}

/// An endpoint's reader, answering a [`Response`]: one function per endpoint, so that a call by
/// id keeps a plain function pointer as its reader.
fn response_from_json<E: Respond>(body: Value) -> Result<Response, DecodeError> {
    E::from_json(body).map(E::respond)
}

/// How a call by operation id reads its input and its answer: through the typed endpoint and
/// into the typed [`Response`] ([`Typed`]), or checked against the endpoint's tables, the answer
/// as JSON text ([`AsJson`]).
trait Reading {
    type Answer;
    fn prepare<E: Respond + FromInput + Tabled>(input: Value) -> Result<Prepared, Error>;
    fn reader<E: Respond + AnswersJson>() -> fn(Value) -> Result<Self::Answer, DecodeError>;
}

struct Typed;

impl Reading for Typed {
    type Answer = Response;

    fn prepare<E: Respond + FromInput + Tabled>(input: Value) -> Result<Prepared, Error> {
        crate::input::from_json::<E>(input).and_then(E::prepare)
    }

    fn reader<E: Respond + AnswersJson>() -> fn(Value) -> Result<Response, DecodeError> {
        response_from_json::<E>
    }
}

struct AsJson;

impl Reading for AsJson {
    type Answer = crate::JsonText;

    fn prepare<E: Respond + FromInput + Tabled>(input: Value) -> Result<Prepared, Error> {
        crate::checked_request::prepare(&E::TABLE, &input)
    }

    fn reader<E: Respond + AnswersJson>() -> fn(Value) -> Result<crate::JsonText, DecodeError> {
        crate::checked::answer_json::<E>
    }
}

/// A typed endpoint: one request of one operation. Sealed: the endpoints are the table's.
pub trait Endpoint: sealed::Sealed + DeserializeOwned {
    /// What a successful call returns.
    type Output;
    /// The operation this endpoint performs.
    const OPERATION: Operation;
    /// For an update that must change something: the message refusing a body with no field.
    #[doc(hidden)]
    const REFUSE_EMPTY_BODY: Option<&'static str> = None;

    /// Checks (and where documented, normalises) the input and builds what goes on the wire,
    /// in one step. Errors name the field; nothing is sent.
    fn prepare(self) -> Result<Prepared, Error>;
    /// Decodes a 2xx body (read by [`read_json`]).
    fn parse(body: &[u8]) -> Result<Self::Output, DecodeError> {
        read_json(body).and_then(Self::from_json)
    }
    /// Decodes a 2xx body already read into a JSON tree.
    fn from_json(body: Value) -> Result<Self::Output, DecodeError>;
}

/// A request's parts, validated: the path with its parameters filled in, the query, the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Option<String>,
}

impl Prepared {
    /// The operation's path, its template's `{parameters}` not yet filled in.
    pub(crate) fn new(operation: Operation) -> Self {
        Prepared {
            path: operation.info().path.to_owned(),
            query: Vec::new(),
            body: None,
        }
    }

    /// Fills in the path parameter `name`: a non-empty id, percent-encoded as one segment.
    pub(crate) fn segment(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let encoded = validate::path_segment(name, value)?;
        self.path = crate::text::replace_all(&self.path, &format!("{{{name}}}"), &encoded);
        Ok(self)
    }

    /// Adds a query parameter (sent in the order added), its value percent-encoded.
    pub(crate) fn query(mut self, name: &'static str, value: Option<impl QueryText>) -> Self {
        if let Some(value) = value {
            self.query
                .push((name, validate::query_value(&value.query_text())));
        }
        self
    }

    /// Sets the JSON body.
    pub(crate) fn body(mut self, body: &dyn ToJson) -> Self {
        self.body = Some(crate::encode::json_text(body));
        self
    }
}

/// Why a 2xx body could not be decoded: where and what.
#[derive(Debug)]
pub struct DecodeError {
    /// The JSON path to what did not fit, e.g. `data.id`; `.` for the whole body (and for a
    /// body that is not JSON).
    pub path: String,
    /// What is wrong, in words. It never quotes a value from the body.
    pub message: String,
    /// Whether the body was JSON at all.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    /// The path of what did not fit, or `None` when it was the whole body (`path` is `.`).
    pub fn field_path(&self) -> Option<&str> {
        (self.path != ".").then_some(self.path.as_str())
    }
}

/// Whether an answer that could not be decoded was JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The body is not JSON.
    NotJson,
    /// The body is JSON that ends early.
    EndsEarly,
    /// JSON without the documented shape: a value missing or of another type.
    Shape,
}

/// A query parameter's value as text (not through `Display`: it brings an integer printer per
/// type into the browser engine).
pub(crate) trait QueryText {
    /// The text, before percent-encoding.
    fn query_text(&self) -> String;
}

impl QueryText for String {
    fn query_text(&self) -> String {
        self.clone()
    }
}

/// A flag or a number reads as its JSON text.
macro_rules! query_text_as_json {
    ($($ty:ty),*) => {$(
        impl QueryText for $ty {
            fn query_text(&self) -> String {
                self.to_json()
            }
        }
    )*};
}

query_text_as_json!(bool, i32);

/// Reads an answer's body into a JSON tree, or says why it is not JSON: what a [`crate::Client`]
/// reads answers with. [`read_json`] is serde_json's parser; a binding whose platform parses JSON
/// itself passes its own to [`crate::Client::with_json_reader`] (the browser's `JSON.parse`, so
/// that the browser engine carries no JSON parser of its own).
pub type ReadJson = fn(&[u8]) -> Result<Value, DecodeError>;

/// Reads a body with serde_json (the default [`ReadJson`]).
pub fn read_json(body: &[u8]) -> Result<Value, DecodeError> {
    serde_json::from_slice(body)
        .map_err(|error| syntax_error(error.is_eof(), error.line(), error.column()))
}

/// Why `body` is not JSON, in [`read_json`]'s words (with the line and column), found by
/// scanning it without building a tree or reading a number: for a [`ReadJson`] whose own parser
/// refused `body`.
pub fn not_json(body: &[u8]) -> DecodeError {
    match json_syntax::scan(body) {
        Err(stop) => {
            let (line, column) = stop.line_and_column(body);
            syntax_error(stop.ends_early, line, column)
        }
        // Well-formed, but refused by the other parser: a number past f64, nesting past 127.
        Ok(()) => DecodeError {
            path: ".".to_owned(),
            kind: DecodeErrorKind::NotJson,
            message: "the body is not valid JSON (a number out of range or nesting too deep)"
                .to_owned(),
        },
    }
}

// In our words, not serde_json's: its messages bring their whole table (and the standard I/O
// errors' texts) into the browser build.
fn syntax_error(ends_early: bool, line: usize, column: usize) -> DecodeError {
    let (kind, what) = if ends_early {
        (DecodeErrorKind::EndsEarly, "the body ends early")
    } else {
        (DecodeErrorKind::NotJson, "the body is not valid JSON")
    };
    DecodeError {
        path: ".".to_owned(),
        kind,
        message: format!(
            "{what} (line {}, column {})",
            Decimal::from(line),
            Decimal::from(column)
        ),
    }
}

/// Decodes a JSON tree into `T`, naming the path of whatever did not fit.
pub(crate) fn decode<T: Decode>(body: Value) -> Result<T, DecodeError> {
    from_value(body).map_err(shape_error)
}

/// A value of the answer that does not fit its model, as a [`DecodeError`].
pub(crate) fn shape_error(mismatch: crate::decode::Mismatch) -> DecodeError {
    DecodeError {
        path: mismatch.path,
        message: mismatch.message,
        kind: DecodeErrorKind::Shape,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::time::Duration;

    use crate::{Action, Client, Config, HttpResponse};

    /// Every answer of every vector that decodes, written by `ToJson` and by serde's derive:
    /// the same text (the browser hands the first to JavaScript, Rust users get the second).
    #[test]
    fn the_json_writer_agrees_with_serde_on_every_vector_answer() {
        let client = Client::new(Config::new("mg-test"), 1).unwrap();
        let mut compared = 0;
        for (path, vector) in crate::test_vectors::all() {
            let id = vector["operation"].as_str().unwrap();
            let Ok(mut call) = client.call_by_id(id, vector["input"].clone()) else {
                continue; // not an operation (a walk), or input refused
            };
            let Some(answer) = vector["exchanges"].as_array().unwrap().iter().find(|e| {
                let status = e["response"]["status"].as_u64().unwrap_or(0);
                (200..300).contains(&status) && !e["response"]["body"].is_null()
            }) else {
                continue;
            };
            let Action::Send(_) = call.next_action(Duration::ZERO) else {
                continue;
            };
            let status = answer["response"]["status"].as_u64().unwrap() as u16;
            let body = answer["response"]["body"].to_string();
            call.handle_response(HttpResponse::new(status, vec![], body));
            if let Action::Done(Ok(response)) = call.next_action(Duration::ZERO) {
                assert_eq!(
                    response.to_json(),
                    serde_json::to_string(&response).unwrap(),
                    "{}",
                    path.display()
                );
                compared += 1;
            }
        }
        assert!(compared >= 40, "only {compared} answers compared");
    }

    #[test]
    fn the_table_is_consistent() {
        for &operation in Operation::ALL {
            let info = operation.info();
            assert_eq!(Operation::from_id(info.id), Some(operation));
            for parameter in info.path.split('{').skip(1) {
                let name = parameter.split('}').next().unwrap_or_default();
                assert!(info.inputs.contains(&name), "{}: {name}", info.id);
            }
            assert!(!operation.summary().is_empty(), "{}", info.id);
            // HTTP's own rule: a POST may act twice, so the table must not call one harmless.
            if info.method == Method::Post {
                assert_eq!(info.idempotency, Idempotency::NotIdempotent, "{}", info.id);
            }
            // A listing pages through `offset`/`limit` (the walk's only knobs).
            assert_eq!(
                info.pages,
                info.method == Method::Get && info.inputs == ["query"],
                "{}",
                info.id
            );
        }
        assert_eq!(Operation::CreateKey.id(), "create-keys");
        assert!(Operation::CreateKey.response_carries_secret());
        assert_eq!(Operation::from_id("nope"), None);
    }
}
