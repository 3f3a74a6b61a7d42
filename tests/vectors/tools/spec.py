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


def schemas():
    """components.schemas of the contract, as dicts."""
    lines = _lines(SPEC.read_text(encoding="utf-8"))
    document, _ = _block(lines, 0, 0)
    return document["components"]["schemas"]


def fields(schema_name):
    """Each property of a schema: (model type, nullable), and the required ones. The model's
    types: `str`, `num`, `bool`, `int_list`."""
    schema = schemas()[schema_name]
    out = {}
    for name, prop in schema.get("properties", {}).items():
        types = prop.get("type", "string")
        types = types if isinstance(types, list) else [types]
        nullable = "null" in types
        kind = next((t for t in types if t != "null"), "string")
        if "$ref" in prop or "anyOf" in prop or "oneOf" in prop:
            kind, nullable = "string", True
        model = {"string": "str", "number": "num", "integer": "num", "boolean": "bool"}.get(kind)
        if kind == "array":
            model = "int_list"
        out[name] = (model or "str", nullable)
    return out, set(schema.get("required", []))
