//! The API as the generators see it: the core's table of operations, and its types read from
//! their JSON Schemas (schemars, the core's `schema` feature) into a few plain shapes.

use std::collections::BTreeMap;

use modelgates_core::{Operation, OperationInfo};
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// A value's type, as the generators spell it in each language.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    /// An instant (`format: date-time`): the core's `Timestamp`, RFC 3339 on the wire.
    Timestamp,
    Number,
    Integer,
    Boolean,
    /// A secret string (the new key).
    Secret,
    List(Box<Ty>),
    /// A type of the API, by name.
    Named(String),
}

/// One field of a record.
#[derive(Debug, Clone)]
pub struct Field {
    /// The API's name (`io_logging_sampling_rate`).
    pub name: String,
    pub doc: String,
    pub ty: Ty,
    /// Always present in a model; must be given in a request.
    pub required: bool,
    /// A request field that may be sent as `null` (which clears it).
    pub nullable: bool,
}

/// A named type of the API.
#[derive(Debug, Clone)]
pub enum Shape {
    Record(Vec<Field>),
    /// A string with documented values; others are kept when read (open).
    OpenEnum(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Type {
    pub name: String,
    pub doc: String,
    pub shape: Shape,
    /// A request's body or query (fields are optional unless required, and null only where
    /// nullable), rather than a model the API returns (fields are always present, null when
    /// optional).
    pub request: bool,
}

/// One input of an operation: a path parameter, or the `body` / `query`.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub doc: String,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct Op {
    pub operation: Operation,
    pub info: &'static OperationInfo,
    pub inputs: Vec<Input>,
    pub output: String,
}

impl Op {
    /// The one-line summary, without the doc comment's leading space.
    pub fn summary(&self) -> &str {
        self.operation.summary().trim()
    }

    /// The type of the `body` or `query` input, if it has one.
    pub fn fields_input(&self) -> Option<(&str, &str)> {
        self.inputs.iter().find_map(|input| match &input.ty {
            Ty::Named(name) if input.name == "body" || input.name == "query" => {
                Some((input.name.as_str(), name.as_str()))
            }
            _ => None,
        })
    }

    /// The path parameters, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &Input> {
        self.inputs
            .iter()
            .filter(|input| input.name != "body" && input.name != "query")
    }
}

/// Everything the generators need.
pub struct Api {
    pub ops: Vec<Op>,
    pub types: BTreeMap<String, Type>,
}

impl Api {
    pub fn ty(&self, name: &str) -> &Type {
        match self.types.get(name) {
            Some(ty) => ty,
            None => panic!("the schema has no type {name}"),
        }
    }
}

macro_rules! collect_operations {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident, $name:ident, $id:literal, $method:ident, $path:literal,
            $resource:ident . $verb:ident, $endpoint:ident { $($input:ident: $input_ty:ty),* },
            $output:ty, retry: $idempotency:ident, pages: $pages:tt, secret: $secret:tt,
            answer: $answer:ident;
    )*) => {
        /// Each operation: its inputs' schemas, its endpoint's schema (the inputs' docs) and
        /// its result's schema.
        fn operations(generator: &mut schemars::SchemaGenerator) -> Vec<Raw> {
            vec![$(Raw {
                operation: Operation::$variant,
                inputs: vec![$((stringify!($input), generator.subschema_for::<$input_ty>().to_value())),*],
                endpoint: generator.subschema_for::<modelgates_core::api::$resource::$endpoint>().to_value(),
                output: generator.subschema_for::<$output>().to_value(),
            }),*]
        }
    };
}

struct Raw {
    operation: Operation,
    inputs: Vec<(&'static str, Value)>,
    endpoint: Value,
    output: Value,
}

modelgates_core::for_each_operation!(collect_operations);

/// The schema name of the core's `Secret`.
const SECRET: &str = "Secret";

/// Reads the core's table and types.
pub fn api() -> Api {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let raw = operations(&mut generator);
    let definitions: BTreeMap<String, Value> = generator
        .definitions()
        .iter()
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    let mut ops = Vec::new();
    let mut requests = Vec::new();
    let mut endpoints = Vec::new();
    for Raw {
        operation,
        inputs,
        endpoint,
        output,
    } in raw
    {
        let Ty::Named(endpoint) = ty_of(&endpoint) else {
            panic!("{}: the endpoint is not a named type", operation.id());
        };
        let fields = &definitions[&endpoint]["properties"];
        let inputs: Vec<Input> = inputs
            .into_iter()
            .map(|(name, schema)| Input {
                name: name.to_owned(),
                doc: doc_of(&fields[name]),
                ty: ty_of(&schema),
            })
            .collect();
        endpoints.push(endpoint);
        for input in &inputs {
            if let Ty::Named(name) = &input.ty {
                requests.push(name.clone());
            }
        }
        let Ty::Named(output) = ty_of(&output) else {
            panic!("{}: the result is not a named type", operation.id());
        };
        ops.push(Op {
            operation,
            info: operation.info(),
            inputs,
            output,
        });
    }
    let types = definitions
        .iter()
        .filter(|(name, _)| !endpoints.contains(name) && name.as_str() != SECRET)
        .map(|(name, schema)| {
            let ty = Type {
                name: name.clone(),
                doc: doc_of(schema),
                shape: shape_of(schema),
                request: requests.contains(name),
            };
            (name.clone(), ty)
        })
        .collect();
    Api { ops, types }
}

/// A doc comment as plain text: rustdoc links (`` [`X`] ``) become code spans.
fn doc_of(schema: &Value) -> String {
    let text = schema["description"].as_str().unwrap_or_default();
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find("`]") {
            Some(end) => {
                // `[`LimitReset::Other`]` -> `LimitReset::Other`
                out.push_str(&after[..end + 1]);
                rest = &after[end + 2..];
                if rest.starts_with('(') {
                    rest = rest.find(')').map_or("", |close| &rest[close + 1..]);
                }
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn shape_of(schema: &Value) -> Shape {
    if let Some(values) = schema["x-open-enum"].as_array() {
        return Shape::OpenEnum(
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        );
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields = schema["properties"]
        .as_object()
        .map(|properties| {
            properties
                .iter()
                .map(|(name, property)| Field {
                    name: name.clone(),
                    doc: doc_of(property),
                    ty: ty_of(property),
                    required: required.contains(&name.as_str()),
                    nullable: has_marker(property, "x-nullable"),
                })
                .collect()
        })
        .unwrap_or_default();
    Shape::Record(fields)
}

fn has_marker(schema: &Value, marker: &str) -> bool {
    schema.get(marker).is_some()
        || schema["anyOf"]
            .as_array()
            .is_some_and(|branches| branches.iter().any(|b| has_marker(b, marker)))
}

/// A property's type, `null` left out (nullability is the field's).
fn ty_of(schema: &Value) -> Ty {
    if schema.get("x-secret").is_some() {
        return Ty::Secret;
    }
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        // A secret is a string wherever it is used.
        if name == SECRET {
            return Ty::Secret;
        }
        return Ty::Named(name.to_owned());
    }
    if let Some(branches) = schema["anyOf"].as_array() {
        let real = branches.iter().find(|b| b["type"] != "null");
        return real.map_or(Ty::String, ty_of);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    match types.iter().find(|t| **t != "null").copied() {
        Some("string") if schema["format"] == "date-time" => Ty::Timestamp,
        Some("string") => Ty::String,
        Some("number") => Ty::Number,
        Some("integer") => Ty::Integer,
        Some("boolean") => Ty::Boolean,
        Some("array") => Ty::List(Box::new(ty_of(&schema["items"]))),
        other => panic!("unsupported schema type {other:?}: {schema}"),
    }
}

/// `io_logging_sampling_rate` -> `ioLoggingSamplingRate`.
pub fn camel(name: &str) -> String {
    modelgates_core::FieldStyle::Camel.apply(name)
}
