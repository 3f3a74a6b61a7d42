#!/usr/bin/env python3
"""Check the conformance vectors in tests/vectors/ (python3 standard library only).

Usage:
    python3 tests/vectors/tools/check.py             # every vector under tests/vectors/
    python3 tests/vectors/tools/check.py FILE|DIR ...

Two layers of checks, both run on every file:

1. Format: the file follows the format in tests/vectors/README.md: valid JSON, known and
   required keys with the right types, `operation` equal to the folder name, kebab-case file
   name, one-line `description`, well-formed exchanges (a request plus exactly one of
   `response` / `transport_error`; a response has exactly one of `body` / `body_text`),
   `wait_ms` ranges with 0 <= min <= max and never on the first request of a call, exactly one
   of `expect.value` / `expect.error`, error keys that fit the error kind, and `exchanges`
   empty exactly when the expected error is `invalid_input`. Header names are written in
   lowercase (the replay matches them case-insensitively; lowercase keeps the files uniform).

2. Rules: a small reference model of README's "Rules the vectors pin down" and of
   api/CONSTRAINTS.md re-derives each vector from its input and canned responses: client-side
   validation (the offending field, and that an invalid vector has exactly one problem),
   the URL (percent-encoding, query order), headers and body of every request (expires_at
   converted to UTC; no content-type without a body), which responses are retried (GET,
   PATCH and DELETE alike; POST only on 429 and `connect`), every wait range (backoff,
   Retry-After, max_elapsed_ms), a DELETE retried into a 404 after an attempt that may have
   acted (reported deleted), the walks' page requests (workspaces until total_count, keys
   until an empty page, filters on every page), their end, the pages they resume after
   (walk_errors), and the expected value or error, decoded with the field lists of
   api/openapi.yaml (tools/spec.py: allOf merged, nested objects, lists, const). A vector
   whose outcome would depend on jitter is reported as ambiguous.

Exit status 0 when every vector passes, 1 otherwise. Prints one line per problem and a count
of vectors per operation.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import math
import re
import sys
import urllib.parse
from pathlib import Path

import spec

VECTORS_DIR = Path(__file__).resolve().parent.parent

OPERATIONS = {
    "create-workspace": "POST",
    "list-workspaces": "GET",
    "get-workspace": "GET",
    "update-workspace": "PATCH",
    "create-keys": "POST",
    "delete-workspace": "DELETE",
    "list-keys": "GET",
    "get-key": "GET",
    "update-keys": "PATCH",
    "delete-keys": "DELETE",
    "get-current-key": "GET",
    "list-all-workspaces": "GET",
    "list-all-keys": "GET",
}
# The walks, and the list operation each one pages through.
WALKS = {"list-all-workspaces": "list-workspaces", "list-all-keys": "list-keys"}
# The query parameters of each operation that takes a query, in the order they are sent.
QUERY_PARAMS = {
    "list-workspaces": ("offset", "limit"),
    "delete-workspace": ("confirm_default_workspace_deletion",),
    "list-keys": ("include_disabled", "include_expired", "offset", "workspace_id"),
}

DEFAULT_CONFIG = {
    "api_key": "mg-vector-management-key",
    "base_url": "https://modelgates.ai/api/v1",
    "retry": {
        "max_retries": 2,
        "initial_backoff_ms": 500,
        "max_backoff_ms": 8000,
        "max_elapsed_ms": 30000,
        "jitter": 0.25,
    },
}
RETRY_FIELDS = set(DEFAULT_CONFIG["retry"])

ERROR_KINDS = {"invalid_input", "api", "decode", "transport", "timeout"}
ERROR_KEYS = {
    "kind", "class", "retryable", "status", "code", "message", "message_contains",
    "message_not_contains", "field", "request_id", "retry_after_ms", "user_id", "metadata",
    "location",
}
API_ONLY_ERROR_KEYS = {"code", "message", "request_id", "retry_after_ms", "user_id", "metadata", "location"}
# The core's error classes (core/src/error.rs ErrorClass), by kind and status.
ERROR_CLASSES = {
    "InvalidInput", "BadRequest", "Authentication", "PermissionDenied", "NotFound", "Conflict",
    "RateLimit", "InternalServer", "Redirect", "ApiStatus", "Decode", "Connection", "Timeout",
    "Internal",
}
RETRYABLE_CLASSES = {"RateLimit", "InternalServer", "Connection", "Timeout"}


def error_class(kind, status):
    if kind == "api":
        if status == 0 or 300 <= status < 400:
            return "Redirect"
        return {400: "BadRequest", 401: "Authentication", 403: "PermissionDenied", 404: "NotFound",
                409: "Conflict", 429: "RateLimit"}.get(status, "InternalServer" if status >= 500 else "ApiStatus")
    return {"invalid_input": "InvalidInput", "decode": "Decode", "transport": "Connection",
            "timeout": "Timeout"}.get(kind, "Internal")
TRANSPORT_ERRORS = {"connect", "timeout", "io"}
KEBAB_FILE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.json$")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
RFC3339_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
RETRY_AFTER_SECONDS_RE = re.compile(r"^\d+(?:\.\d+)?$")


class VectorError(Exception):
    """A problem in one vector."""


class DecodeFailure(Exception):
    """The model could not decode a 2xx body."""


# --------------------------------------------------------------------------- JSON helpers


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def json_eq(a, b):
    """JSON equality with numbers compared by value (100 == 100.0), booleans never numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if is_num(a) and is_num(b):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_eq(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_eq(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def value_matches(got, want):
    """A result against ``expect.value``: ``json_eq``, except that a field the vector leaves out
    must be null in the result (a new optional field needs no edit to old vectors)."""
    if isinstance(got, list) and isinstance(want, list):
        return len(got) == len(want) and all(value_matches(g, w) for g, w in zip(got, want))
    if isinstance(got, dict) and isinstance(want, dict):
        return want.keys() <= got.keys() and all(
            value_matches(v, want[k]) if k in want else v is None for k, v in got.items()
        )
    return json_eq(got, want)


# --------------------------------------------------------------------------- layer 1: format


def check_format(path: Path, v) -> list[str]:
    p = []
    if not isinstance(v, dict):
        return ["top level is not an object"]
    allowed = {"description", "operation", "config", "input", "exchanges", "expect"}
    for k in v.keys() - allowed:
        p.append(f"unknown top-level key {k!r}")
    for k in allowed - {"config"} - v.keys():
        p.append(f"missing required key {k!r}")
    if p:
        return p

    if not KEBAB_FILE.match(path.name):
        p.append(f"file name {path.name!r} is not kebab-case .json")
    d = v["description"]
    if not isinstance(d, str) or not d.strip() or "\n" in d:
        p.append("description must be a non-empty one-line string")
    op = v["operation"]
    if op not in OPERATIONS:
        p.append(f"unknown operation {op!r}")
    elif path.parent.name != op:
        p.append(f"operation {op!r} does not match folder {path.parent.name!r}")

    if "config" in v:
        p += check_config_format(v["config"])
    if op in OPERATIONS:
        p += check_input_format(op, v["input"])

    ex = v["exchanges"]
    if not isinstance(ex, list):
        p.append("exchanges must be an array")
        ex = []
    for i, e in enumerate(ex):
        p += [f"exchanges[{i}]: {m}" for m in check_exchange_format(e)]

    p += check_expect_format(v["expect"], ex)
    return p


def check_config_format(c) -> list[str]:
    if not isinstance(c, dict):
        return ["config must be an object"]
    p = [f"config: unknown key {k!r}" for k in c.keys() - {"api_key", "base_url", "retry"}]
    if "api_key" in c and (not isinstance(c["api_key"], str) or not c["api_key"]):
        p.append("config.api_key must be a non-empty string")
    if "base_url" in c and (
        not isinstance(c["base_url"], str) or not re.match(r"^https?://", c["base_url"])
    ):
        p.append("config.base_url must be an http(s) URL")
    if "retry" in c:
        r = c["retry"]
        if not isinstance(r, dict):
            return p + ["config.retry must be an object"]
        if r.keys() != RETRY_FIELDS:
            p.append(f"config.retry must list exactly {sorted(RETRY_FIELDS)}")
        if "max_retries" in r and (not is_int(r["max_retries"]) or r["max_retries"] < 0):
            p.append("config.retry.max_retries must be an integer >= 0")
        for k in ("initial_backoff_ms", "max_backoff_ms", "max_elapsed_ms"):
            if k in r and (not is_num(r[k]) or r[k] < 0):
                p.append(f"config.retry.{k} must be a number >= 0")
        if "jitter" in r and (not is_num(r["jitter"]) or not 0 <= r["jitter"] <= 1):
            p.append("config.retry.jitter must be a number in [0, 1]")
    return p


def check_input_format(op, inp) -> list[str]:
    if not isinstance(inp, dict):
        return ["input must be an object"]
    shapes = {
        "create-workspace": ({"body"}, set()),
        "create-keys": ({"body"}, set()),
        "update-workspace": ({"id", "body"}, set()),
        "get-workspace": ({"id"}, set()),
        "delete-workspace": ({"id"}, {"query"}),
        "list-workspaces": (set(), {"query"}),
        "list-keys": (set(), {"query"}),
        "get-key": ({"hash"}, set()),
        "update-keys": ({"hash", "body"}, set()),
        "delete-keys": ({"hash"}, set()),
        "get-current-key": (set(), set()),
        "list-all-workspaces": (set(), {"page_size"}),
        # The key walk's input is the filters themselves (list-keys' query, not wrapped).
        "list-all-keys": (set(), set(QUERY_PARAMS["list-keys"])),
    }
    req, opt = shapes[op]
    p = [f"input: missing {k!r}" for k in req - inp.keys()]
    p += [f"input: unknown key {k!r}" for k in inp.keys() - req - opt]
    if "body" in inp and not isinstance(inp["body"], dict):
        p.append("input.body must be an object")
    for k in ("id", "hash"):
        if k in inp and not isinstance(inp[k], str):
            p.append(f"input.{k} must be a string")
    if "query" in inp:
        q = inp["query"]
        if not isinstance(q, dict):
            p.append("input.query must be an object")
        else:
            p += [f"input.query: unknown key {k!r}" for k in q.keys() - set(QUERY_PARAMS[op])]
    return p


def check_headers_obj(h, where) -> list[str]:
    if not isinstance(h, dict):
        return [f"{where} must be an object"]
    p = []
    for k, val in h.items():
        if k != k.lower():
            p.append(f"{where}: header name {k!r} is not lowercase")
        if not isinstance(val, str):
            p.append(f"{where}: header {k!r} value must be a string")
    return p


def check_exchange_format(e) -> list[str]:
    if not isinstance(e, dict):
        return ["must be an object"]
    p = [f"unknown key {k!r}" for k in e.keys() - {"wait_ms", "request", "response", "transport_error"}]
    if "wait_ms" in e:
        w = e["wait_ms"]
        if not isinstance(w, dict) or w.keys() != {"min", "max"}:
            p.append("wait_ms must be {min, max}")
        elif not (is_num(w["min"]) and is_num(w["max"]) and 0 <= w["min"] <= w["max"]):
            p.append("wait_ms needs numbers with 0 <= min <= max")
    r = e.get("request")
    if not isinstance(r, dict):
        p.append("request missing or not an object")
    else:
        p += [f"request: unknown key {k!r}" for k in r.keys() - {"method", "url", "headers", "absent_headers", "body"}]
        p += [f"request: missing {k!r}" for k in {"method", "url", "headers", "body"} - r.keys()]
        if r.get("method") not in ("GET", "POST", "PATCH", "DELETE"):
            p.append(f"request.method {r.get('method')!r} is not GET/POST/PATCH/DELETE")
        if not isinstance(r.get("url"), str) or not re.match(r"^https?://", r.get("url", "")):
            p.append("request.url must be an absolute http(s) URL")
        p += check_headers_obj(r.get("headers", {}), "request.headers")
        if "absent_headers" in r:
            a = r["absent_headers"]
            if not isinstance(a, list) or not all(isinstance(x, str) and x == x.lower() for x in a):
                p.append("request.absent_headers must be an array of lowercase names")
            elif isinstance(r.get("headers"), dict) and set(a) & set(r["headers"]):
                p.append("a header is both required and absent")
    has_resp, has_te = "response" in e, "transport_error" in e
    if has_resp == has_te:
        p.append("needs exactly one of response / transport_error")
    if has_te and e["transport_error"] not in TRANSPORT_ERRORS:
        p.append(f"transport_error {e['transport_error']!r} is not one of {sorted(TRANSPORT_ERRORS)}")
    if has_resp:
        s = e["response"]
        if not isinstance(s, dict):
            p.append("response must be an object")
        else:
            p += [f"response: unknown key {k!r}" for k in s.keys() - {"status", "headers", "body", "body_text"}]
            if not is_int(s.get("status")) or not 100 <= s["status"] <= 599:
                p.append("response.status must be an integer 100..599")
            if "headers" in s:
                p += check_headers_obj(s["headers"], "response.headers")
            if ("body" in s) == ("body_text" in s):
                p.append("response needs exactly one of body / body_text")
            if "body_text" in s and not isinstance(s["body_text"], str):
                p.append("response.body_text must be a string")
    return p


def check_expect_format(x, exchanges) -> list[str]:
    if not isinstance(x, dict):
        return ["expect must be an object"]
    p = [f"expect: unknown key {k!r}" for k in x.keys() - {"value", "error", "walk_errors"}]
    if ("value" in x) == ("error" in x):
        return p + ["expect needs exactly one of value / error"]
    walk_errors = x.get("walk_errors", [])
    if not isinstance(walk_errors, list) or not all(isinstance(w, dict) for w in walk_errors):
        p.append("expect.walk_errors must be an array of error objects")
    else:
        for n, w in enumerate(walk_errors):
            p += [m.replace("expect.error", f"expect.walk_errors[{n}]") for m in check_expect_format({"error": w}, exchanges)]
    if "value" in x:
        if not exchanges:
            p.append("a value is expected but nothing is sent")
        return p
    e = x["error"]
    if not isinstance(e, dict):
        return p + ["expect.error must be an object"]
    p += [f"expect.error: unknown key {k!r}" for k in e.keys() - ERROR_KEYS]
    kind = e.get("kind")
    if kind not in ERROR_KINDS:
        return p + [f"expect.error.kind {kind!r} is not one of {sorted(ERROR_KINDS)}"]
    types = {
        "status": lambda v: is_int(v) and 100 <= v <= 599,
        "code": lambda v: v is None or is_int(v),
        "message": lambda v: isinstance(v, str),
        "message_contains": lambda v: isinstance(v, str) and v != "",
        "message_not_contains": lambda v: isinstance(v, str) and v != "",
        "field": lambda v: isinstance(v, str) and v != "",
        "request_id": lambda v: v is None or isinstance(v, str),
        "retry_after_ms": lambda v: v is None or (is_num(v) and v >= 0),
        "user_id": lambda v: v is None or isinstance(v, str),
        "metadata": lambda v: v is None or isinstance(v, dict),
        "class": lambda v: v in ERROR_CLASSES,
        "retryable": lambda v: isinstance(v, bool),
        "location": lambda v: v is None or isinstance(v, str),
    }
    for k, ok in types.items():
        if k in e and not ok(e[k]):
            p.append(f"expect.error.{k} has the wrong type")
    if kind == "invalid_input":
        if "field" not in e:
            p.append("invalid_input needs a field")
        if exchanges:
            p.append("invalid_input must have exchanges: []")
    else:
        if "field" in e:
            p.append("field is only for invalid_input")
        if not exchanges:
            p.append(f"{kind} error with no exchange")
    if kind in ("api", "decode") and "status" not in e:
        p.append(f"{kind} error needs a status")
    if kind in ("invalid_input", "transport", "timeout") and "status" in e:
        p.append(f"{kind} error has no status")
    if kind != "api":
        for k in API_ONLY_ERROR_KEYS & e.keys():
            p.append(f"{k} is only for api errors")
    return p


# --------------------------------------------------------------------------- layer 2: model
# ---- validation (CONSTRAINTS.md + README) ----

# Field lists from the contract itself (api/openapi.yaml, read by spec.py), not kept here.
_WS_REQUEST = spec.fields("CreateWorkspaceRequest")[0]
WS_STRING_OR_NULL = tuple(k for k, (t, nullable) in _WS_REQUEST.items() if t == "str" and nullable)
WS_BOOLS = tuple(k for k, (t, _) in _WS_REQUEST.items() if t == "bool")
WS_REQUEST_FIELDS = set(_WS_REQUEST) | set(spec.fields("UpdateWorkspaceRequest")[0])
KEY_REQUEST_FIELDS = set(spec.fields("CreateKeysRequest")[0])
_KEY_UPDATE = spec.fields("UpdateKeysRequest")[0]
KEY_UPDATE_FIELDS = set(_KEY_UPDATE)
KEY_UPDATE_BOOLS = tuple(k for k, (t, _) in _KEY_UPDATE.items() if t == "bool")
LIMIT_RESETS = (None, "daily", "weekly", "monthly")
MAX_U32 = 2**32 - 1


def parse_rfc3339(s):
    """Returns (utc datetime, fraction text) or None when s is not RFC 3339 with an offset."""
    m = RFC3339_RE.match(s) if isinstance(s, str) else None
    if not m:
        return None
    y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
    frac, off = m.group(7) or "", m.group(8)
    try:
        if off == "Z":
            tz = dt.timezone.utc
        else:
            sign = 1 if off[0] == "+" else -1
            oh, om = int(off[1:3]), int(off[4:6])
            if oh > 23 or om > 59:
                return None
            tz = dt.timezone(sign * dt.timedelta(hours=oh, minutes=om))
        t = dt.datetime(y, mo, d, h, mi, se, tzinfo=tz)
        # An offset may move the instant out of the years 1..9999 (the SDK refuses those too).
        return t.astimezone(dt.timezone.utc), frac
    except (ValueError, OverflowError):
        return None


def to_utc_z(s):
    """The instant in UTC as the core writes it: trailing zeros of a fraction dropped."""
    t, frac = parse_rfc3339(s)
    frac = frac.rstrip("0").rstrip(".")
    return t.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def validate_segment(inp, name):
    """A path parameter: not empty or blank, and not `.` or `..` (URL parsers resolve those)."""
    i = inp.get(name)
    return [] if isinstance(i, str) and i.strip() and i not in (".", "..") else [name]


def validate_id(inp):
    return validate_segment(inp, "id")


def validate_workspace_body(body, create):
    p = [k for k in body if k not in WS_REQUEST_FIELDS]
    for k in ("name", "slug"):
        if k not in body:
            if create:
                p.append(k)
            continue
        val = body[k]
        if not isinstance(val, str) or (k == "name" and val == "") or (k == "slug" and not SLUG_RE.match(val)):
            p.append(k)
    for k in WS_STRING_OR_NULL:
        if k in body and not (body[k] is None or isinstance(body[k], str)):
            p.append(k)
    for k in WS_BOOLS:
        if k in body and not isinstance(body[k], bool):
            p.append(k)
    if "io_logging_api_key_ids" in body:
        ids = body["io_logging_api_key_ids"]
        if not (ids is None or (isinstance(ids, list) and all(is_int(x) for x in ids))):
            p.append("io_logging_api_key_ids")
    if "io_logging_sampling_rate" in body:
        r = body["io_logging_sampling_rate"]
        if not (is_num(r) and 0.0001 <= r <= 1):
            p.append("io_logging_sampling_rate")
    return p


def validate_key_body(body):
    p = [k for k in body if k not in KEY_REQUEST_FIELDS]
    if not isinstance(body.get("name"), str) or body.get("name") == "":
        p.append("name")
    if "creator_user_id" in body and not (body["creator_user_id"] is None or isinstance(body["creator_user_id"], str)):
        p.append("creator_user_id")
    if "expires_at" in body and not (body["expires_at"] is None or parse_rfc3339(body["expires_at"])):
        p.append("expires_at")
    if "include_byok_in_limit" in body and not isinstance(body["include_byok_in_limit"], bool):
        p.append("include_byok_in_limit")
    if "limit" in body and not (body["limit"] is None or (is_num(body["limit"]) and body["limit"] >= 0)):
        p.append("limit")
    if "limit_reset" in body and body["limit_reset"] not in (None, "daily", "weekly", "monthly"):
        p.append("limit_reset")
    if "workspace_id" in body and not (isinstance(body["workspace_id"], str) and UUID_RE.match(body["workspace_id"])):
        p.append("workspace_id")
    return p


def is_uuid(v):
    return isinstance(v, str) and bool(UUID_RE.match(v))


def validate_key_update(body):
    """update-keys' body: at least one field; only limit and limit_reset may be null."""
    p = [k for k in body if k not in KEY_UPDATE_FIELDS]
    if not body:
        p.append("body")
    if "name" in body and not (isinstance(body["name"], str) and body["name"].strip()):
        p.append("name")
    for k in KEY_UPDATE_BOOLS:
        if k in body and not isinstance(body[k], bool):
            p.append(k)
    if "limit" in body and not (body["limit"] is None or (is_num(body["limit"]) and body["limit"] >= 0)):
        p.append("limit")
    if "limit_reset" in body and body["limit_reset"] not in LIMIT_RESETS:
        p.append("limit_reset")
    if "workspace_id" in body and not is_uuid(body["workspace_id"]):
        p.append("workspace_id")
    return p


def validate_key_filters(q):
    """list-keys' query, and the key walk's filters."""
    p = [k for k in ("include_disabled", "include_expired") if k in q and not isinstance(q[k], bool)]
    if "offset" in q and not (is_int(q["offset"]) and 0 <= q["offset"] <= MAX_U32):
        p.append("offset")
    if "workspace_id" in q and not is_uuid(q["workspace_id"]):
        p.append("workspace_id")
    return p


def validate(op, inp):
    if op == "create-workspace":
        return validate_workspace_body(inp["body"], create=True)
    if op == "update-workspace":
        return validate_id(inp) + validate_workspace_body(inp["body"], create=False)
    if op == "get-workspace":
        return validate_id(inp)
    if op == "create-keys":
        return validate_key_body(inp["body"])
    if op == "list-workspaces":
        q = inp.get("query", {})
        p = []
        if "offset" in q and not (is_int(q["offset"]) and q["offset"] >= 0):
            p.append("offset")
        if "limit" in q and not (is_int(q["limit"]) and 1 <= q["limit"] <= 100):
            p.append("limit")
        return p
    if op == "list-all-workspaces":
        ps = inp.get("page_size", 100)
        return [] if is_int(ps) and 1 <= ps <= 100 else ["page_size"]
    if op == "delete-workspace":
        q = inp.get("query", {})
        c = "confirm_default_workspace_deletion"
        return validate_id(inp) + ([c] if c in q and not isinstance(q[c], bool) else [])
    if op in ("get-key", "delete-keys"):
        return validate_segment(inp, "hash")
    if op == "update-keys":
        return validate_segment(inp, "hash") + validate_key_update(inp["body"])
    if op == "list-keys":
        return validate_key_filters(inp.get("query", {}))
    if op == "list-all-keys":
        return validate_key_filters(inp)
    if op == "get-current-key":
        return []
    raise AssertionError(op)


# ---- requests ----


def encode_segment(s):
    # Everything but ASCII letters, digits and - _ . ~ becomes %XX (UTF-8, uppercase hex).
    return urllib.parse.quote(s, safe="", encoding="utf-8")


def query_string(op, q):
    """The query parameters given, in the operation's order; booleans as true/false."""
    parts = []
    for k in QUERY_PARAMS[op]:
        if k in q:
            val = q[k]
            parts.append(f"{k}={'true' if val is True else 'false' if val is False else val}")
    return "?" + "&".join(parts) if parts else ""


def build_request(op, inp, cfg, page=None):
    base = cfg["base_url"].rstrip("/")
    method = OPERATIONS[op]
    body = None
    if op == "create-workspace":
        url, body = base + "/workspaces", dict(inp["body"])
    elif op == "update-workspace":
        url, body = base + "/workspaces/" + encode_segment(inp["id"]), dict(inp["body"])
    elif op == "get-workspace":
        url = base + "/workspaces/" + encode_segment(inp["id"])
    elif op == "create-keys":
        url, body = base + "/keys", dict(inp["body"])
        if isinstance(body.get("expires_at"), str):
            body["expires_at"] = to_utc_z(body["expires_at"])
    elif op == "list-workspaces":
        q = inp.get("query", {})
        parts = [f"{k}={q[k]}" for k in ("offset", "limit") if k in q]
        url = base + "/workspaces" + ("?" + "&".join(parts) if parts else "")
    elif op == "list-all-workspaces":
        offset, limit = page
        url = f"{base}/workspaces?offset={offset}&limit={limit}"
    elif op == "delete-workspace":
        url = base + "/workspaces/" + encode_segment(inp["id"]) + query_string(op, inp.get("query", {}))
    elif op in ("get-key", "delete-keys"):
        url = base + "/keys/" + encode_segment(inp["hash"])
    elif op == "update-keys":
        url, body = base + "/keys/" + encode_segment(inp["hash"]), dict(inp["body"])
    elif op == "list-keys":
        url = base + "/keys" + query_string(op, inp.get("query", {}))
    elif op == "list-all-keys":
        # Every page: the filters, with the page's offset.
        url = base + "/keys" + query_string("list-keys", dict(inp, offset=page))
    elif op == "get-current-key":
        url = base + "/key"
    else:
        raise AssertionError(op)
    headers = {"authorization": "Bearer " + cfg["api_key"], "accept": "application/json"}
    if body is not None:
        headers["content-type"] = "application/json"
    return {"method": method, "url": url, "headers": headers, "body": body}


def compare_request(got, want, where):
    if got["method"] != want["method"]:
        raise VectorError(f"{where}: method {got['method']} != expected {want['method']}")
    if got["url"] != want["url"]:
        raise VectorError(f"{where}: url {got['url']!r} != expected {want['url']!r}")
    gh = got["headers"]
    for k, val in want["headers"].items():
        if gh.get(k) != val:
            raise VectorError(f"{where}: header {k!r} should be {val!r}, vector has {gh.get(k)!r}")
    for k in gh.keys() - want["headers"].keys():
        raise VectorError(f"{where}: header {k!r} is not one the model knows how to check")
    absent = set(got.get("absent_headers", []))
    if want["body"] is None and "content-type" not in absent:
        raise VectorError(f"{where}: a request without a body ({want['method']}) must list "
                          "content-type in absent_headers")
    if not json_eq(got["body"], want["body"]):
        raise VectorError(f"{where}: body {json.dumps(got['body'])} != expected {json.dumps(want['body'])}")


# ---- responses ----

# How each field of a response model decodes: (type, may be null or missing), from the contract
# (spec.fields: allOf merged; `obj:<Schema>` nested objects, `obj_list:<Schema>` lists of them).
# Unknown fields are dropped; an enum is a string, so an unknown value is kept as it is.
def is_i64(v):
    return is_int(v) and -(2**63) <= v < 2**63


TYPE_OK = {
    "str": lambda v: isinstance(v, str),
    "time": lambda v: parse_rfc3339(v) is not None,
    "num": is_num,
    "int": is_i64,
    "bool": lambda v: isinstance(v, bool),
    "int_list": lambda v: isinstance(v, list) and all(is_i64(x) for x in v),
    "num_list": lambda v: isinstance(v, list) and all(is_num(x) for x in v),
    "bool_list": lambda v: isinstance(v, list) and all(isinstance(x, bool) for x in v),
    "str_list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
}
_FIELDS = {}


def schema_fields(name):
    if name not in _FIELDS:
        _FIELDS[name] = (spec.fields(name)[0], spec.consts(name))
    return _FIELDS[name]


def decode_value(val, t, what):
    if t.startswith("obj:"):
        return decode_object(val, t[4:], what)
    if t.startswith("obj_list:"):
        if not isinstance(val, list):
            raise DecodeFailure(f"{what} is not an array")
        return [decode_object(x, t[9:], f"{what}[{n}]") for n, x in enumerate(val)]
    if not TYPE_OK[t](val):
        raise DecodeFailure(f"{what} has the wrong type")
    # An instant is read in UTC, whatever offset it was written with.
    return to_utc_z(val) if t == "time" else val


def decode_object(obj, schema_name, what):
    if not isinstance(obj, dict):
        raise DecodeFailure(f"{what} is not an object")
    schema, consts = schema_fields(schema_name)
    out = {}
    for k, (t, nullable) in schema.items():
        val = obj.get(k)
        if val is None:
            if not nullable:
                raise DecodeFailure(f"{what}.{k} is missing or null")
            out[k] = None
        else:
            out[k] = decode_value(val, t, f"{what}.{k}")
            if k in consts and not json_eq(val, consts[k]):
                raise DecodeFailure(f"{what}.{k} must be {json.dumps(consts[k])}")
    return out


def response_json(resp):
    if "body" in resp:
        return resp["body"]
    try:
        return json.loads(resp["body_text"])
    except ValueError as e:
        raise DecodeFailure("not JSON") from e


def decode_success(op, resp):
    top = response_json(resp)
    if not isinstance(top, dict):
        raise DecodeFailure("body is not an object")
    if op in ("create-workspace", "get-workspace", "update-workspace"):
        return decode_object(top.get("data"), "Workspace", "data")
    if op in ("list-workspaces", "list-all-workspaces"):
        data, total = top.get("data"), top.get("total_count")
        if not isinstance(data, list):
            raise DecodeFailure("data is not an array")
        if not is_int(total):
            raise DecodeFailure("total_count is missing or not an integer")
        return {"data": [decode_object(w, "Workspace", "data[]") for w in data], "total_count": total}
    if op == "create-keys":
        if not isinstance(top.get("key"), str):
            raise DecodeFailure("key is missing or not a string")
        return {"data": decode_object(top.get("data"), "ApiKey", "data"), "key": top["key"]}
    if op in ("list-keys", "list-all-keys"):
        # No total_count: a page is its items only.
        return decode_object(top, "ListKeysResponse", "body")
    if op in ("get-key", "update-keys"):
        return decode_object(top.get("data"), "ApiKeyRecord", "data")
    if op == "get-current-key":
        return decode_object(top.get("data"), "CurrentApiKey", "data")
    if op == "delete-workspace":
        return decode_object(top, "DeleteWorkspaceResponse", "body")
    if op == "delete-keys":
        return decode_object(top, "DeleteKeysResponse", "body")
    raise AssertionError(op)


# What a DELETE retried into a 404 answers (see run_call).
GONE = {"deleted": True}


def header(resp, name):
    for k, val in resp.get("headers", {}).items():
        if k.lower() == name:
            return val
    return None


def retry_after_ms(resp):
    """Delay-seconds, or an HTTP-date measured against the response's own Date header (none: not
    reported); a date already past is 0."""
    ra = header(resp, "retry-after")
    if ra is None:
        return None
    if RETRY_AFTER_SECONDS_RE.match(ra.strip()):
        return float(ra.strip()) * 1000
    date = header(resp, "date")
    try:
        retry_at = email.utils.parsedate_to_datetime(ra.strip())
        now = email.utils.parsedate_to_datetime(date.strip()) if date else None
    except (TypeError, ValueError):
        return None
    if now is None:
        return None
    return max(0.0, (retry_at - now).total_seconds() * 1000)


def api_error(resp):
    status = resp["status"]
    err = {
        "kind": "api", "status": status, "code": None, "message": None,
        "request_id": header(resp, "x-request-id"), "retry_after_ms": retry_after_ms(resp),
        "user_id": None, "metadata": None, "_envelope": False,
        "_body_text": resp.get("body_text") if "body_text" in resp else json.dumps(resp.get("body")),
    }
    if 300 <= status < 400:
        location = header(resp, "location")
        err.update(retry_after_ms=None, location=location,
                   _own_message=f"the server redirected to {location} (HTTP {status})" if location else f"HTTP {status}")
        return err
    err["location"] = header(resp, "location")
    try:
        top = response_json(resp)
    except DecodeFailure:
        top = None
    e = top.get("error") if isinstance(top, dict) else None
    if isinstance(e, dict) and is_int(e.get("code")) and isinstance(e.get("message"), str):
        err.update(code=e["code"], message=e["message"], _envelope=True)
        err["metadata"] = e.get("metadata") if isinstance(e.get("metadata"), dict) else None
        err["user_id"] = top.get("user_id") if isinstance(top.get("user_id"), str) else None
    return err


# ---- retries ----


def retryable(method, outcome):
    if "transport_error" in outcome:
        return method != "POST" or outcome["transport_error"] == "connect"
    s = outcome["response"]["status"]
    return s == 429 or (s >= 500 and method != "POST")


def backoff_range(retry, n):
    base = min(retry["initial_backoff_ms"] * 2**n, retry["max_backoff_ms"])
    return (base * (1 - retry["jitter"]), base)


def run_call(op, exchanges, start, want_request, cfg, where):
    """Replays one call (its retries included) from exchanges[start].

    Returns (("value", decoded) | ("error", error dict), index after the call)."""
    retry = cfg["retry"]
    method = want_request["method"]
    elapsed = (0.0, 0.0)
    pending_wait = None
    n = 0
    i = start
    # Whether an earlier attempt may have reached the server and acted: a 5xx, a `timeout` or an
    # `io` failure (not a 429, not a `connect` failure, which was never sent).
    may_have_acted = False
    while True:
        if i >= len(exchanges):
            raise VectorError(f"{where}: the exchanges end before the call is finished")
        ex = exchanges[i]
        got_wait = ex.get("wait_ms")
        if pending_wait is None and got_wait is not None:
            raise VectorError(f"exchanges[{i}]: wait_ms given but no wait is due")
        if pending_wait is not None:
            if got_wait is None:
                raise VectorError(f"exchanges[{i}]: wait_ms {pending_wait} is due but missing")
            if not (math.isclose(got_wait["min"], pending_wait[0]) and math.isclose(got_wait["max"], pending_wait[1])):
                raise VectorError(f"exchanges[{i}]: wait_ms {got_wait} != expected {pending_wait}")
        compare_request(ex["request"], want_request, f"exchanges[{i}]")

        if "transport_error" in ex:
            err = {"kind": "timeout" if ex["transport_error"] == "timeout" else "transport"}
            ra = None
            may_have_acted |= ex["transport_error"] != "connect"
        else:
            resp = ex["response"]
            if 200 <= resp["status"] < 300:
                try:
                    return ("value", decode_success(op, resp)), i + 1
                except DecodeFailure as f:
                    return ("error", {"kind": "decode", "status": resp["status"], "_why": str(f),
                                      "_body_text": resp.get("body_text")}), i + 1
            if resp["status"] == 404 and method == "DELETE" and may_have_acted:
                # Project decision (api/openapi.yaml, delete-keys' 404): the item is gone either
                # way, so the deletion is done.
                return ("value", dict(GONE)), i + 1
            err = api_error(resp)
            ra = err["retry_after_ms"]
            may_have_acted |= resp["status"] >= 500
        if not retryable(method, ex) or n >= retry["max_retries"]:
            return ("error", err), i + 1
        wait = (ra, ra) if ra is not None else backoff_range(retry, n)
        lo, hi = elapsed[0] + wait[0], elapsed[1] + wait[1]
        limit = retry["max_elapsed_ms"]
        if lo > limit:
            return ("error", err), i + 1
        if hi > limit:
            raise VectorError(f"exchanges[{i}]: whether the budget is exceeded depends on jitter (ambiguous)")
        elapsed, pending_wait, n, i = (lo, hi), wait, n + 1, i + 1


def run_pager(inp, exchanges, cfg, resumes):
    """The walk: by offsets until total_count; a shrinking total steps back by as much; an empty
    page before the total, or a negative total, is an error; after an error (up to `resumes` times) the same page is
    asked for again. Returns (result, index after the walk, the errors resumed after)."""
    page_size = inp.get("page_size", 100)
    offset, seen, items, total_before, i, failures = 0, set(), [], None, 0, []
    while True:
        want = build_request("list-all-workspaces", inp, cfg, page=(offset, page_size))
        result, i = run_call("list-all-workspaces", exchanges, i, want, cfg, f"page at offset {offset}")
        if result[0] == "value":
            page = result[1]
            got, total = len(page["data"]), page["total_count"]
            if total < 0:
                result = ("error", {"kind": "decode", "status": 200,
                                    "_own_message": f"total_count is {total}: a count cannot be negative"})
            elif got == 0 and offset < total:
                result = ("error", {"kind": "decode", "status": 200, "_own_message":
                                    f"the page at offset {offset} is empty, but total_count says "
                                    f"there are {total} items"})
        if result[0] == "error":
            if len(failures) < resumes:
                failures.append(result[1])
                continue
            return result, i, failures
        for w in page["data"]:
            if w["id"] not in seen:
                seen.add(w["id"])
                items.append(w)
        shrunk = max(0, total_before - total) if total_before is not None else 0
        total_before = total
        offset = max(0, offset - shrunk) if shrunk else offset + got
        if offset >= total:
            return ("value", items), i, failures


def run_key_pager(inp, exchanges, cfg, resumes):
    """The walk over keys: list-keys with the filters on every page, from the given offset (0 by
    default) to the next one (plus the items received) until a page is empty (there is no
    total_count); a hash seen before is not yielded again; after an error (up to `resumes`
    times) the same page is asked for again. Returns as run_pager."""
    offset, seen, items, i, failures = inp.get("offset", 0), set(), [], 0, []
    while True:
        want = build_request("list-all-keys", inp, cfg, page=offset)
        result, i = run_call("list-all-keys", exchanges, i, want, cfg, f"page at offset {offset}")
        if result[0] == "error":
            if len(failures) < resumes:
                failures.append(result[1])
                continue
            return result, i, failures
        page = result[1]["data"]
        if not page:
            return ("value", items), i, failures
        for k in page:
            if k["hash"] not in seen:
                seen.add(k["hash"])
                items.append(k)
        offset += len(page)


def match_error(err, model) -> list[str]:
    """How an expected error (vector) differs from the model's error."""
    model = dict(model)
    model["class"] = error_class(model["kind"], model.get("status"))
    model["retryable"] = model["class"] in RETRYABLE_CLASSES
    p = []
    for k, want in err.items():
        if k in ("message_contains", "message_not_contains"):
            continue
        if k == "message" and not model.get("_envelope"):
            p.append("exact message given for an error whose message the model cannot know")
            continue
        if k not in model:
            p.append(f"expect.error.{k} is not something this error carries")
        elif not json_eq(want, model[k]):
            p.append(f"expect.error.{k} = {want!r}, model says {model[k]!r}")
    mc = err.get("message_contains")
    if mc is not None:
        if model.get("_envelope"):
            if mc not in model["message"]:
                p.append(f"message_contains {mc!r} is not in the message {model['message']!r}")
        elif "_own_message" in model:
            if mc not in model["_own_message"]:
                p.append(f"message_contains {mc!r} is not in the message {model['_own_message']!r}")
        elif model["kind"] == "api":
            if mc not in str(model["status"]):
                p.append(f"message_contains {mc!r}: for a non-envelope body only the status is certain")
        else:
            p.append(f"message_contains {mc!r} cannot be checked for a {model['kind']} error")
    mnc = err.get("message_not_contains")
    if mnc is not None and model.get("_envelope") and mnc in model["message"]:
        p.append(f"message_not_contains {mnc!r} is in the server's own message")
    if "kind" not in err:
        p.append("expect.error.kind is required")
    return p


def check_rules(v) -> list[str]:
    op, inp, exchanges, expect = v["operation"], v["input"], v["exchanges"], v["expect"]
    cfg = dict(DEFAULT_CONFIG)
    cfg.update(v.get("config", {}))
    problems = validate(op, inp)
    err = expect.get("error")
    if err is not None and err.get("kind") == "invalid_input":
        if problems != [err.get("field")]:
            return [f"model finds invalid fields {problems}, vector says [{err.get('field')!r}] "
                    "(an invalid vector must have exactly one problem)"]
        mc = err.get("message_contains")
        if mc is not None and mc not in err["field"]:
            return [f"message_contains {mc!r} is not part of the field name (not checkable)"]
        return []
    if problems:
        return [f"model finds invalid input fields {problems} but the vector sends requests"]

    walk_errors = expect.get("walk_errors", [])
    if walk_errors and op not in WALKS:
        return ["walk_errors is only for a walk"]
    try:
        if op == "list-all-workspaces":
            result, used, failures = run_pager(inp, exchanges, cfg, len(walk_errors))
        elif op == "list-all-keys":
            result, used, failures = run_key_pager(inp, exchanges, cfg, len(walk_errors))
        else:
            result, used = run_call(op, exchanges, 0, build_request(op, inp, cfg), cfg, "call")
            failures = []
    except VectorError as e:
        return [str(e)]
    if used != len(exchanges):
        return [f"the call ends after {used} exchange(s) but the vector has {len(exchanges)}"]
    if len(failures) != len(walk_errors):
        return [f"the walk resumes after {len(failures)} failed page(s), the vector lists {len(walk_errors)}"]
    for n, (want, model) in enumerate(zip(walk_errors, failures)):
        problems = match_error(want, model)
        if problems:
            return [f"walk_errors[{n}]: {m}" for m in problems]

    if result[0] == "value":
        if "value" not in expect:
            return [f"model gives a value, vector expects error {expect.get('error')}"]
        if not value_matches(result[1], expect["value"]):
            return ["expect.value differs from the model's value:\n    model:  "
                    + json.dumps(result[1], sort_keys=True) + "\n    vector: "
                    + json.dumps(expect["value"], sort_keys=True)]
        return []
    model = result[1]
    if "error" not in expect:
        return [f"model gives an error {({k: x for k, x in model.items() if not k.startswith('_')})}, vector expects a value"]
    return match_error(err, model)


# --------------------------------------------------------------------------- main


def main(argv):
    paths = [Path(a) for a in argv] or [VECTORS_DIR]
    files = []
    for p in paths:
        files += sorted(p.rglob("*.json")) if p.is_dir() else [p]
    files = [f for f in files if "tools" not in f.resolve().relative_to(VECTORS_DIR).parts]
    failed, counts = 0, {}
    for f in files:
        rel = f.resolve().relative_to(VECTORS_DIR)
        try:
            v = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            print(f"FAIL {rel}: invalid JSON: {e}")
            failed += 1
            continue
        problems = check_format(f, v)
        if not problems:
            problems = check_rules(v)
        for m in problems:
            print(f"FAIL {rel}: {m}")
        failed += bool(problems)
        counts[f.parent.name] = counts.get(f.parent.name, 0) + 1
    for op in sorted(counts):
        print(f"{counts[op]:4d}  {op}")
    print(f"{sum(counts.values()):4d}  vectors, {failed} failing")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
