//! Python: the operations of each resource (`client.workspaces.create(...)`, keyword arguments
//! with the API's names, documented) for `modelgates/_async/client.py`, and the stubs of the
//! native module's models and its `call` for `modelgates/_native.pyi`.

use std::fmt::Write;

use crate::model::{Api, Op, Shape, Ty, Type};

/// Python spelling of a type. `request`: an argument (lists as `Sequence`, enums as `Literal`),
/// else a model's attribute.
fn ty(api: &Api, ty: &Ty, request: bool) -> String {
    match ty {
        Ty::String | Ty::Secret => "str".to_owned(),
        // An aware datetime (a naive one names no instant and is refused); text is taken too.
        Ty::Timestamp if request => "str | datetime.datetime".to_owned(),
        Ty::Timestamp => "datetime.datetime".to_owned(),
        // Amounts are often kept as Decimal; it is sent as the float it rounds to.
        Ty::Number if request => "float | Decimal".to_owned(),
        Ty::Number => "float".to_owned(),
        Ty::Integer => "int".to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::List(item) if request => format!("Sequence[{}]", self::ty(api, item, request)),
        Ty::List(item) => format!("list[{}]", self::ty(api, item, request)),
        Ty::Named(name) => match &api.ty(name).shape {
            Shape::OpenEnum(values) if request => {
                let values: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
                format!("Literal[{}]", values.join(", "))
            }
            // Open: a value this SDK does not know yet is kept as given.
            Shape::OpenEnum(_) => "str".to_owned(),
            Shape::Record(_) => name.clone(),
        },
    }
}

/// A docstring's lines, indented; the first line right after the quotes.
fn docstring(out: &mut String, indent: &str, text: &str) {
    let text = text.trim_end();
    if !text.contains('\n') {
        let _ = writeln!(out, "{indent}\"\"\"{text}\"\"\"");
        return;
    }
    let mut lines = text.lines();
    let _ = writeln!(out, "{indent}\"\"\"{}", lines.next().unwrap_or_default());
    for line in lines {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = writeln!(out, "{indent}\"\"\"");
}

/// An `Args:` entry: the name, then its doc on following lines.
fn arg_doc(args: &mut String, name: &str, doc: &str) {
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let _ = writeln!(args, "    {name}: {doc}");
}

/// One operation as a method; `raw`: the `with_raw_response` variant, answering a
/// `RawResponse` (status, headers, request id, and `parse()` for the result).
fn method(out: &mut String, api: &Api, op: &Op, raw: bool) {
    let info = op.info;
    let mut params = vec!["self".to_owned()];
    let mut args = String::new();
    let mut input = Vec::new();
    for param in op.path_params() {
        params.push(format!("{}: {}", param.name, ty(api, &param.ty, true)));
        arg_doc(&mut args, &param.name, &param.doc);
        input.push(format!("\"{0}\": {0}", param.name));
    }
    params.push("*".to_owned());
    let mut given = Vec::new();
    if let Some((container, type_name)) = op.fields_input() {
        let Shape::Record(fields) = &api.ty(type_name).shape else {
            panic!("{type_name} is not a record");
        };
        // Required fields first: they have no default.
        let ordered = fields
            .iter()
            .filter(|f| f.required)
            .chain(fields.iter().filter(|f| !f.required));
        for field in ordered {
            let mut t = ty(api, &field.ty, true);
            if field.nullable {
                t.push_str(" | None");
            }
            if field.required {
                params.push(format!("{}: {t}", field.name));
            } else {
                params.push(format!("{}: {t} | NotGiven = NOT_GIVEN", field.name));
            }
            arg_doc(&mut args, &field.name, &field.doc);
            given.push(format!("{0}={0}", field.name));
        }
        input.push(format!("\"{container}\": fields"));
    }
    params.push(
        "timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN"
            .to_owned(),
    );
    arg_doc(
        &mut args,
        "timeout",
        "Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.",
    );
    let _ = writeln!(out, "    async def {}(", info.verb);
    for param in &params {
        let _ = writeln!(out, "        {param},");
    }
    if raw {
        let _ = writeln!(out, "    ) -> RawResponse[{}]:", op.output);
    } else {
        let _ = writeln!(out, "    ) -> {}:", op.output);
    }
    let mut doc = format!(
        "{}\n\n``{} {}`` ({}).",
        op.summary(),
        info.method.as_str(),
        info.path,
        info.id
    );
    if raw {
        doc.push_str(
            " Answers the response's status and headers too; ``parse()`` gives the result.",
        );
    }
    if !given.is_empty() {
        doc.push_str(" Arguments left out are not sent; None is sent as null.");
    }
    doc.push('\n');
    if info.carries_secret {
        doc.push_str("The answer holds a secret shown only this once: store it, never log it.\n");
    }
    doc.push_str("\nArgs:\n");
    doc.push_str(&args);
    docstring(out, "        ", &doc);
    if !given.is_empty() {
        out.push_str("        fields = given(\n");
        for pair in &given {
            let _ = writeln!(out, "            {pair},");
        }
        out.push_str("        )\n");
    }
    let _ = writeln!(
        out,
        "        call = self._client._native.call(\"{}\", {{{}}})\n        return await self._client.{}(call, timeout)",
        info.id,
        input.join(", "),
        if raw { "_run_raw" } else { "_run" }
    );
}

/// The operations of every resource, as `_Async<Resource>Operations` classes.
pub fn resources(api: &Api) -> String {
    let mut out = String::new();
    let mut resources: Vec<&str> = Vec::new();
    for op in &api.ops {
        if !resources.contains(&op.info.resource) {
            resources.push(op.info.resource);
        }
    }
    for raw in [false, true] {
        for resource in &resources {
            let title = title(resource);
            let (class, doc) = if raw {
                (
                    format!("_Async{title}RawOperations"),
                    format!(
                        "``client.with_raw_response.{resource}``: each operation answers a RawResponse."
                    ),
                )
            } else {
                (
                    format!("_Async{title}Operations"),
                    format!("The operations of ``client.{resource}`` (the core's table)."),
                )
            };
            let _ = writeln!(out, "\nclass {class}:");
            let _ = writeln!(out, "    \"\"\"{doc}\"\"\"\n");
            out.push_str(
                "    def __init__(self, client: AsyncClient) -> None:\n        self._client = client\n",
            );
            for op in api.ops.iter().filter(|op| op.info.resource == *resource) {
                out.push('\n');
                method(&mut out, api, op, raw);
            }
        }
    }
    // `client.with_raw_response`: every resource, its operations answering RawResponse.
    out.push_str("\nclass _AsyncWithRawResponse:\n");
    out.push_str("    \"\"\"``client.with_raw_response``: the same operations, answering a RawResponse.\"\"\"\n\n");
    for resource in &resources {
        let _ = writeln!(
            out,
            "    {resource}: _Async{}RawOperations",
            title(resource)
        );
    }
    out.push_str("\n    def __init__(self, client: AsyncClient) -> None:\n");
    for resource in &resources {
        let _ = writeln!(
            out,
            "        self.{resource} = _Async{}RawOperations(client)",
            title(resource)
        );
    }
    out
}

fn title(resource: &str) -> String {
    let mut chars = resource.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A page (a model whose name ends in `Page`, with a `data` list): `core/src/python.rs` makes
/// it a sequence of its items. The item type, when it is one.
fn page_item<'a>(model: &'a Type, fields: &'a [crate::model::Field]) -> Option<&'a str> {
    if !model.name.ends_with("Page") {
        return None;
    }
    fields.iter().find_map(|field| match &field.ty {
        Ty::List(item) if field.name == "data" => match item.as_ref() {
            Ty::Named(name) => Some(name.as_str()),
            _ => None,
        },
        _ => None,
    })
}

fn model(out: &mut String, api: &Api, model: &Type) {
    let Shape::Record(fields) = &model.shape else {
        return;
    };
    let _ = writeln!(out, "@final\nclass {}:", model.name);
    docstring(out, "    ", &model.doc);
    for field in fields {
        let mut t = ty(api, &field.ty, false);
        if !field.required {
            t.push_str(" | None");
        }
        let _ = writeln!(out, "    @property\n    def {}(self) -> {t}:", field.name);
        docstring(out, "        ", &field.doc);
    }
    out.push_str("    def to_dict(self) -> dict[str, Any]:\n        \"\"\"The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text).\"\"\"\n");
    out.push_str("    def to_json(self) -> str:\n        \"\"\"The model as JSON text with the API's field names (pickle and `copy` go through it).\"\"\"\n");
    out.push_str("    def __eq__(self, value: object, /) -> bool: ...\n");
    if let Some(item) = page_item(model, fields) {
        let _ = writeln!(out, "    def __len__(self) -> int: ...");
        let _ = writeln!(out, "    def __iter__(self) -> Iterator[{item}]: ...");
        let _ = writeln!(
            out,
            "    def __getitem__(self, index: int, /) -> {item}: ..."
        );
    }
    out.push('\n');
}

/// The models' classes, for `_native.pyi`.
pub fn models(api: &Api) -> String {
    let mut out = String::new();
    for ty_ in api.types.values().filter(|t| !t.request) {
        model(&mut out, api, ty_);
    }
    out
}

/// `NativeClient.call`'s overloads, one per operation, for `_native.pyi`.
pub fn call_overloads(api: &Api) -> String {
    let mut out = String::new();
    for op in &api.ops {
        let _ = writeln!(
            out,
            "    @overload\n    def call(\n        self, operation: Literal[\"{}\"], input: Mapping[str, Any]\n    ) -> Call[{}]: ...",
            op.info.id, op.output
        );
    }
    out
}

/// The names every model and operation result needs in `_async/client.py`'s type imports.
pub fn model_names(api: &Api) -> Vec<String> {
    let mut names: Vec<String> = api.ops.iter().map(|op| op.output.clone()).collect();
    names.sort();
    names.dedup();
    names
}

/// The models' names (the native module's classes).
fn model_classes(api: &Api) -> Vec<&str> {
    api.types
        .values()
        .filter(|t| !t.request && matches!(t.shape, Shape::Record(_)))
        .map(|t| t.name.as_str())
        .collect()
}

/// The package's exports of the models, for `modelgates/__init__.py`.
pub fn exports(api: &Api) -> String {
    let names = model_classes(api);
    let mut out = String::from("from ._native import (\n");
    for name in &names {
        let _ = writeln!(out, "    {name},");
    }
    out.push_str(")\n\n__all__ += [\n");
    for name in &names {
        let _ = writeln!(out, "    \"{name}\",");
    }
    out.push_str("]\n");
    out
}

/// The native module's `__all__` entries of the models, for `_native.pyi`.
pub fn stub_exports(api: &Api) -> String {
    let mut out = String::from("__all__ += [\n");
    for name in model_classes(api) {
        let _ = writeln!(out, "    \"{name}\",");
    }
    out.push_str("]\n");
    out
}
