"""Replays every conformance vector in tests/vectors/ through the package's public API, sync and
async: the client's own httpx client on httpx.MockTransport (the fake network, which checks
each request and the wait before it) and a fake clock that only moves when the client sleeps."""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path
from typing import Any, Callable, Union

import httpx
import pytest

import modelgates
from conftest import REPO, VECTOR_TALLY

VECTORS = REPO / "tests" / "vectors"
FILES = sorted(p for p in VECTORS.glob("*/*.json"))

Result = Union[Any, BaseException]


class FakeClockClient(modelgates.Client):
    def __init__(self, script: Script, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.script = script

    def _now(self) -> float:
        return self.script.now

    def _sleep(self, seconds: float) -> None:
        self.script.sleep(seconds)


class FakeClockAsyncClient(modelgates.AsyncClient):
    def __init__(self, script: Script, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.script = script

    def _now(self) -> float:
        return self.script.now

    async def _sleep(self, seconds: float) -> None:
        self.script.sleep(seconds)


class Script:
    """The fake network and clock: canned answers in order, each request and wait checked."""

    def __init__(self, exchanges: list[dict[str, Any]]) -> None:
        self.exchanges = exchanges
        self.sent = 0
        self.now = 1000.0
        self.pending_wait: float | None = None

    def sleep(self, seconds: float) -> None:
        assert self.pending_wait is None, "two waits in a row without a request between them"
        self.pending_wait = seconds
        self.now += seconds

    def handle(self, request: httpx.Request) -> httpx.Response:
        index = self.sent
        assert index < len(self.exchanges), f"unexpected request #{index + 1}: {request.method} {request.url}"
        exchange = self.exchanges[index]
        self.sent += 1
        self.check_wait(index, exchange.get("wait_ms"))
        self.check_request(index, request, exchange["request"])
        failure = exchange.get("transport_error")
        if failure is not None:
            raise {
                "connect": httpx.ConnectError("connection refused", request=request),
                "timeout": httpx.ReadTimeout("timed out", request=request),
                "io": httpx.ReadError("connection reset by peer", request=request),
            }[failure]
        canned = exchange["response"]
        content = canned["body_text"].encode() if "body_text" in canned else json.dumps(canned["body"]).encode()
        return httpx.Response(canned["status"], headers=list(canned.get("headers", {}).items()), content=content)

    def check_wait(self, index: int, expected: dict[str, int] | None) -> None:
        waited, self.pending_wait = self.pending_wait, None
        if expected is None:
            assert waited is None, f"request #{index + 1}: waited {waited} s, expected no wait"
            return
        assert waited is not None, f"request #{index + 1}: no wait, expected {expected} ms"
        ms = waited * 1000
        assert expected["min"] - 1e-6 <= ms <= expected["max"] + 1e-6, (
            f"request #{index + 1}: waited {ms} ms, expected {expected}"
        )

    def check_request(self, index: int, request: httpx.Request, expected: dict[str, Any]) -> None:
        where = f"request #{index + 1}"
        assert request.method == expected["method"], where
        assert str(request.url) == expected["url"], f"{where}: url {request.url}"
        for name, value in expected.get("headers", {}).items():
            assert request.headers.get(name) == value, f"{where}: header {name}"
        for name in expected.get("absent_headers", []):
            assert name not in request.headers, f"{where}: header {name} must be absent"
        body = request.content
        if expected["body"] is None:
            assert body == b"", f"{where}: unexpected body {body!r}"
        else:
            assert json.loads(body) == expected["body"], f"{where}: body {body!r}"


def client_kwargs(vector: dict[str, Any]) -> dict[str, Any]:
    config = vector.get("config", {})
    kwargs: dict[str, Any] = {
        "api_key": config.get("api_key", "mg-vector-management-key"),
        "base_url": config.get("base_url", "https://modelgates.ai/api/v1"),
    }
    retry = config.get("retry")
    if retry is not None:
        kwargs["retry"] = modelgates.RetryPolicy(
            max_retries=retry["max_retries"],
            initial_backoff=retry["initial_backoff_ms"] / 1000,
            max_backoff=retry["max_backoff_ms"] / 1000,
            max_elapsed=retry["max_elapsed_ms"] / 1000,
            jitter=retry["jitter"],
        )
    return kwargs


NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def as_python(value: Any) -> Any:
    """A vector's input value as a Python caller writes it: the core's marker for a number JSON
    cannot carry becomes that float (NaN, inf)."""
    if isinstance(value, dict):
        if value.keys() == {"$non_finite"}:
            return NON_FINITE[value["$non_finite"]]
        return {key: as_python(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_python(item) for item in value]
    return value


def invoke(client: Any, vector: dict[str, Any]) -> Any:
    """The operation through the public API (``client.<resource>.<method>``, from the core's table
    of operations: path parameters positional, ``body`` or ``query`` as keyword arguments);
    returns a value, a coroutine or a walk."""
    op, data = vector["operation"], as_python(vector["input"])
    if op == "list-all-workspaces":
        return client.workspaces.list_all(**data)
    if op == "list-all-keys":
        return client.keys.list_all(**data)
    resource, method, inputs = modelgates._native.OPERATIONS[op]
    args = [data[name] for name in inputs if name not in ("body", "query")]
    kwargs = next((data.get(name, {}) for name in inputs if name in ("body", "query")), {})
    return getattr(getattr(client, resource), method)(*args, **kwargs)


def as_json(value: Any) -> Any:
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.to_dict()


def walk_sync(walk: Any, vector: dict[str, Any], script: Script) -> list[Any]:
    """Every item of a walk; after each failed page listed in ``walk_errors``, the same walk is
    iterated again (it retries that page)."""
    items: list[Any] = []
    walk_errors = vector["expect"].get("walk_errors", [])
    failed = 0
    while True:
        try:
            items.extend(walk)
        except modelgates.ModelGatesError as error:
            if failed == len(walk_errors):
                raise
            check_error(error, walk_errors[failed], script)
            failed += 1
            continue
        assert failed == len(walk_errors), f"the walk ended after {failed} failed pages"
        return items


async def walk_async(walk: Any, vector: dict[str, Any], script: Script) -> list[Any]:
    """``walk_sync`` for an async walk."""
    items: list[Any] = []
    walk_errors = vector["expect"].get("walk_errors", [])
    failed = 0
    while True:
        try:
            async for item in walk:
                items.append(item)
        except modelgates.ModelGatesError as error:
            if failed == len(walk_errors):
                raise
            check_error(error, walk_errors[failed], script)
            failed += 1
            continue
        assert failed == len(walk_errors), f"the walk ended after {failed} failed pages"
        return items


def run_sync(vector: dict[str, Any], script: Script) -> Result:
    http = httpx.Client(transport=httpx.MockTransport(script.handle))
    with FakeClockClient(script, http_client=http, **client_kwargs(vector)) as client:
        try:
            result = invoke(client, vector)
            if vector["operation"].startswith("list-all-"):
                return walk_sync(result, vector, script)
            return result
        except (modelgates.ModelGatesError, TypeError) as error:
            return error


def run_async(vector: dict[str, Any], script: Script) -> Result:
    async def main() -> Result:
        http = httpx.AsyncClient(transport=httpx.MockTransport(script.handle))
        async with FakeClockAsyncClient(script, http_client=http, **client_kwargs(vector)) as client:
            try:
                result = invoke(client, vector)
                if vector["operation"].startswith("list-all-"):
                    return await walk_async(result, vector, script)
                return await result
            except (modelgates.ModelGatesError, TypeError) as error:
                return error

    return asyncio.run(main())


ERROR_CLASSES = {
    "invalid_input": modelgates.ValidationError,
    "api": modelgates.APIStatusError,
    "decode": modelgates.APIResponseValidationError,
    "transport": modelgates.APIConnectionError,
    "timeout": modelgates.APITimeoutError,
}


def check_error(error: BaseException, expected: dict[str, Any], script: Script) -> str | None:
    """Checks a raised error; returns a tally label."""
    kind = expected["kind"]
    if isinstance(error, TypeError):
        # A field Python's own call signature refuses (an unknown keyword, a missing required
        # one): the static signature expresses it, so the core never sees it. It must still name
        # the field and send nothing.
        assert kind == "invalid_input", f"TypeError {error} for a {kind} vector"
        assert expected["field"] in str(error), f"TypeError does not name {expected['field']}: {error}"
        assert script.sent == 0
        return "refused by the Python signature (TypeError naming the field, nothing sent)"
    assert isinstance(error, ERROR_CLASSES[kind]), f"{type(error).__name__}: {error} (expected {kind})"
    if kind == "transport":
        assert not isinstance(error, modelgates.APITimeoutError)
    assert isinstance(error, modelgates.ModelGatesError)
    text = str(error)
    if "status" in expected:
        assert getattr(error, "status", None) == expected["status"]
    if "field" in expected:
        assert getattr(error, "field", None) == expected["field"]
    if "message" in expected:
        assert error.message == expected["message"]
    if "message_contains" in expected:
        assert expected["message_contains"] in error.message, error.message
    if "message_not_contains" in expected:
        assert expected["message_not_contains"] not in text
        assert expected["message_not_contains"] not in repr(error)
    if "class" in expected:
        assert type(error).__name__ == modelgates._native.ERROR_CLASSES[expected["class"]], type(error).__name__
    if "retryable" in expected:
        assert error.retryable is expected["retryable"], f"retryable {error.retryable}"
    for name in ("code", "request_id", "user_id", "metadata", "location"):
        if name in expected:
            assert getattr(error, name) == expected[name], f"{name}: {getattr(error, name)!r}"
    if "retry_after_ms" in expected:
        retry_after = error.retry_after  # type: ignore[attr-defined]
        got = None if retry_after is None else round(retry_after * 1000, 6)
        assert got == expected["retry_after_ms"], f"retry_after {retry_after}"
    return None


def value_matches(got: Any, want: Any) -> bool:
    """A result against the vector's ``expect.value``: equal, except that a field the vector leaves
    out must be None in the result (a new optional field does not change every vector)."""
    if isinstance(got, list) and isinstance(want, list):
        return len(got) == len(want) and all(value_matches(g, w) for g, w in zip(got, want))
    if isinstance(got, dict) and isinstance(want, dict):
        return want.keys() <= got.keys() and all(
            value_matches(value, want[key]) if key in want else value is None for key, value in got.items()
        )
    return bool(got == want)


def check(vector: dict[str, Any], runner: Callable[[dict[str, Any], Script], Result], mode: str) -> None:
    script = Script(vector["exchanges"])
    result = runner(vector, script)
    expect = vector["expect"]
    label = f"replayed {mode}"
    if "error" in expect:
        assert isinstance(result, BaseException), f"expected an error, got {result!r}"
        label = check_error(result, expect["error"], script) or label
        if label != f"replayed {mode}":
            label = f"{label} ({mode})"
    else:
        assert not isinstance(result, BaseException), f"unexpected {type(result).__name__}: {result}"
        assert value_matches(as_json(result), expect["value"])
    assert script.sent == len(script.exchanges), f"{script.sent} of {len(script.exchanges)} requests sent"
    VECTOR_TALLY[label] = VECTOR_TALLY.get(label, 0) + 1


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(VECTORS)) for p in FILES])
def test_vector_sync(path: Path) -> None:
    check(json.loads(path.read_text()), run_sync, "sync")


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(VECTORS)) for p in FILES])
def test_vector_async(path: Path) -> None:
    check(json.loads(path.read_text()), run_async, "async")


def test_every_vector_is_found() -> None:
    assert len(FILES) >= 200
