"""The fields of the API's schemas, read from the project's contract (api/openapi.yaml), so that
the vector checker's reference model takes its field lists from the spec rather than from
lists of its own (python3 standard library only: a reader for the block-style YAML the spec is
written in, enough for its `components.schemas`)."""

from __future__ import annotations

from pathlib import Path

SPEC = Path(__file__).resolve().parents[3] / "api" / "openapi.yaml"


def _scalar(text):
    text = text.strip()
    if text in ("[]", "{}"):
        return [] if text == "[]" else {}
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _lines(text):
    """(indent, content) of each line that holds something, comments dropped."""
    out = []
    for raw in text.splitlines():
        stripped = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if stripped.strip():
            out.append((len(stripped) - len(stripped.lstrip()), stripped.strip()))
    return out


def _block(lines, i, indent):
    """Parses the node whose lines start at lines[i] with this indent; returns (node, next i)."""
    if lines[i][1].startswith("- "):
        items = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            rest = lines[i][1][2:]
            if ":" in rest and not rest.startswith(("'", '"')):
                # A mapping in a sequence: its first key sits after the dash.
                lines[i] = (indent + 2, rest)
                item, i = _block(lines, i, indent + 2)
            else:
                item, i = _scalar(rest), i + 1
            items.append(item)
        return items, i
    mapping = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        key, _, value = lines[i][1].partition(":")
        key, value = key.strip().strip("'\""), value.strip()
        i += 1
        if value in (">-", ">", "|", "|-"):
            parts = []
            while i < len(lines) and lines[i][0] > indent:
                parts.append(lines[i][1])
                i += 1
            mapping[key] = " ".join(parts)
        elif value:
            mapping[key] = _scalar(value)
        elif i < len(lines) and lines[i][0] > indent:
            mapping[key], i = _block(lines, i, lines[i][0])
        elif i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            mapping[key], i = _block(lines, i, indent)
        else:
            mapping[key] = None
    return mapping, i


_SCHEMAS = None


def schemas():
    """components.schemas of the contract, as dicts (read once)."""
    global _SCHEMAS
    if _SCHEMAS is None:
        lines = _lines(SPEC.read_text(encoding="utf-8"))
        document, _ = _block(lines, 0, 0)
        _SCHEMAS = document["components"]["schemas"]
    return _SCHEMAS


def _ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def _flatten(schema):
    """A schema with its `allOf` merged: the parts' properties and required lists, in order (a
    `$ref` part is read from components.schemas)."""
    if "allOf" not in schema:
        return schema
    properties, required = {}, []
    for part in schema["allOf"]:
        part = _flatten(schemas()[_ref_name(part["$ref"])] if "$ref" in part else part)
        properties.update(part.get("properties", {}))
        required += [r for r in part.get("required", []) if r not in required]
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    merged.update(type="object", properties=properties, required=required)
    return merged


def _model_type(prop):
    """(model type, nullable) of one property (or of a list's items)."""
    if "$ref" in prop:
        name = _ref_name(prop["$ref"])
        target = _flatten(schemas()[name])
        if target.get("type") == "object" or "properties" in target:
            return "obj:" + name, False
        return _model_type(target)
    for combinator in ("oneOf", "anyOf"):
        if combinator in prop:
            options = prop[combinator]
            nullable = any(o.get("type") == "null" for o in options)
            rest = [o for o in options if o.get("type") != "null"]
            kind = _model_type(rest[0])[0] if len(rest) == 1 else "str"
            return kind, nullable
    types = prop.get("type", "string")
    types = types if isinstance(types, list) else [types]
    nullable = "null" in types
    kind = next((t for t in types if t != "null"), "string")
    if kind == "array":
        item = _model_type(prop.get("items", {}))[0]
        if item.startswith("obj:"):
            return "obj_list:" + item[4:], nullable
        return {"int": "int_list", "num": "num_list", "bool": "bool_list"}.get(item, "str_list"), nullable
    if kind == "string" and is_timestamp(prop):
        return "time", nullable
    model = {"string": "str", "number": "num", "integer": "int", "boolean": "bool"}.get(kind)
    return model or "str", nullable


def is_timestamp(prop):
    """An instant: `format: date-time`, or a string the contract calls an "ISO 8601 timestamp"
    (created_at and updated_at carry no format, only those words)."""
    return prop.get("format") == "date-time" or "ISO 8601 timestamp" in prop.get("description", "")


def fields(schema_name):
    """Each property of a schema (`allOf` merged): (model type, nullable), and the required
    ones. The model's types: `str`, `time` (an RFC 3339 instant), `num` (any finite number), `int` (a whole number), `bool`,
    `int_list`, `num_list`, `bool_list`, `str_list`, `obj:<Schema>` (an object of that
    schema) and `obj_list:<Schema>` (a list of them). An enum is `str` (unknown values are kept)."""
    schema = _flatten(schemas()[schema_name])
    out = {name: _model_type(prop) for name, prop in schema.get("properties", {}).items()}
    return out, set(schema.get("required", []))


def consts(schema_name):
    """The properties of a schema that have a `const` value (`deleted: true`)."""
    schema = _flatten(schemas()[schema_name])
    return {name: prop["const"] for name, prop in schema.get("properties", {}).items() if "const" in prop}
