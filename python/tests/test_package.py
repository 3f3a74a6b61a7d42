"""The package's own surface, with httpx.MockTransport as the network: absent vs null in request
bodies, models (attributes, equality, to_dict, repr), settings, and a light import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import httpx
import pytest

import modelgates

WORKSPACE = {
    "id": "550e8400-e29b-41d4-a716-446655440000",
    "name": "Production",
    "slug": "production",
    "description": None,
    "default_image_model": None,
    "default_text_model": None,
    "default_provider_sort": "price",
    "io_logging_api_key_ids": [1, 2],
    "io_logging_sampling_rate": 0.25,
    "is_data_discount_logging_enabled": True,
    "is_observability_broadcast_enabled": False,
    "is_observability_io_logging_enabled": False,
    "created_at": "2026-01-01T00:00:00Z",
    "created_by": "user_1",
    "updated_at": None,
}


class Recorder:
    """A fake network that answers every request with one canned workspace and keeps the
    requests."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={"data": WORKSPACE})

    def client(self, **kwargs: Any) -> modelgates.Client:
        http = httpx.Client(transport=httpx.MockTransport(self))
        return modelgates.Client("sk-mg-test", base_url="https://example.test/api/v1", http_client=http, **kwargs)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def test_absent_and_null_are_different() -> None:
    recorder = Recorder()
    with recorder.client() as client:
        client.workspaces.update("production", description=None, name="Renamed")
        assert recorder.body() == {"description": None, "name": "Renamed"}
        client.workspaces.update("production")
        assert recorder.body() == {}
        client.workspaces.update("production", io_logging_api_key_ids=None)
        assert recorder.body() == {"io_logging_api_key_ids": None}
        client.workspaces.create(name="A", slug="a", io_logging_api_key_ids=(3, 4))
        assert recorder.body() == {"name": "A", "slug": "a", "io_logging_api_key_ids": [3, 4]}
    assert repr(modelgates.NOT_GIVEN) == "NOT_GIVEN" and not modelgates.NOT_GIVEN


def test_requests_carry_the_sdk_headers() -> None:
    recorder = Recorder()
    with recorder.client(default_headers={"X-Trace": "t-1"}) as client:
        client.workspaces.get("prod/uction")
    request = recorder.requests[0]
    assert str(request.url) == "https://example.test/api/v1/workspaces/prod%2Fuction"
    assert request.headers["authorization"] == "Bearer sk-mg-test"
    assert request.headers["x-trace"] == "t-1"
    assert f"modelgates-python/{modelgates.__version__}" in request.headers["user-agent"]
    assert "content-type" not in request.headers


def test_models_behave_like_values() -> None:
    recorder = Recorder()
    with recorder.client() as client:
        first = client.workspaces.get("production")
        second = client.workspaces.get("production")
    assert first == second and first is not second
    assert first != WORKSPACE
    # Every field the answer had, and None for any other the model has (a field added later).
    as_dict = first.to_dict()
    assert {key: value for key, value in as_dict.items() if key in WORKSPACE} == WORKSPACE
    assert all(value is None for key, value in as_dict.items() if key not in WORKSPACE)
    assert (first.io_logging_api_key_ids, first.default_provider_sort) == ([1, 2], "price")
    assert repr(first).startswith("Workspace(id='550e8400-e29b-41d4-a716-446655440000', name='Production'")
    with pytest.raises(AttributeError):
        first.name = "changed"  # type: ignore[misc]


def test_unsupported_values_name_the_field() -> None:
    recorder = Recorder()
    with recorder.client() as client:
        with pytest.raises(modelgates.ValidationError) as raised:
            client.keys.create(name="k", limit=float("nan"))
        assert raised.value.field == "limit"
        with pytest.raises(modelgates.ValidationError) as raised:
            client.keys.create(name="k", expires_at=object())  # type: ignore[arg-type]
        assert raised.value.field == "expires_at" and "object" in raised.value.message
    assert recorder.requests == []


# Run in a child interpreter: without the depth cap these overflow the native stack and kill the
# process, which would take the whole pytest run with it.
NESTING = """
import json, httpx, modelgates

def outcome(**fields):
    sent = []
    http = httpx.Client(transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(500)))
    client = modelgates.Client("sk-mg-test", base_url="https://example.test/api/v1", http_client=http)
    try:
        client.workspaces.update("production", **fields)
    except modelgates.ValidationError as error:
        return [error.field, error.message, len(sent)]
    return ["no error", None, len(sent)]

loop = []
loop.append(loop)
cycle = {}
cycle["self"] = cycle
deep = []
for _ in range(100_000):
    deep = [deep]
print(json.dumps([
    outcome(io_logging_api_key_ids=loop),
    outcome(description=cycle),
    outcome(io_logging_api_key_ids=deep),
]))
"""


def test_nesting_is_capped() -> None:
    child = subprocess.run([sys.executable, "-c", NESTING], capture_output=True, text=True, timeout=60)
    assert child.returncode == 0, f"exit {child.returncode}: {child.stderr[-2000:]}"
    results = json.loads(child.stdout)
    assert [field for field, _, _ in results] == ["io_logging_api_key_ids", "description", "io_logging_api_key_ids"]
    for field, message, sent in results:
        assert message.startswith(f"{field}: ") and "nest more than 32 deep" in message, message
        assert sent == 0


def test_nesting_within_the_cap_is_converted() -> None:
    # 32 lists deep is still converted (and then refused by the core for its type, not its depth).
    recorder = Recorder()
    value: list[Any] = [1]
    for _ in range(31):
        value = [value]
    with recorder.client() as client:
        with pytest.raises(modelgates.ValidationError) as raised:
            client.workspaces.update("production", io_logging_api_key_ids=value)
    assert raised.value.field == "io_logging_api_key_ids" and "deep" not in raised.value.message
    assert recorder.requests == []


def test_settings_are_checked_and_shown() -> None:
    policy = modelgates.RetryPolicy(max_retries=5, jitter=0)
    assert (policy.max_retries, policy.initial_backoff, policy.max_backoff, policy.max_elapsed, policy.jitter) == (
        5,
        0.5,
        8.0,
        30.0,
        0.0,
    )
    assert policy == modelgates.RetryPolicy(max_retries=5, jitter=0) != modelgates.RetryPolicy()
    for bad in ({"base_url": "ftp://example.test"}, {"timeout": 0}):
        with pytest.raises(modelgates.ValidationError):
            modelgates.Client("sk-mg-test", **bad)  # type: ignore[arg-type]
    for policy_setting in ({"initial_backoff": -1}, {"jitter": 2}):
        with pytest.raises(ValueError):
            modelgates.RetryPolicy(**policy_setting)  # type: ignore[arg-type]
    client = modelgates.Client("sk-mg-test-secret", base_url="https://example.test/api/v1")
    assert "sk-mg-test-secret" not in repr(client)
    client.close()


def test_exceptions_form_one_tree() -> None:
    for name in (
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "RateLimitError",
        "InternalServerError",
    ):
        assert issubclass(getattr(modelgates, name), modelgates.APIStatusError)
    assert issubclass(modelgates.APITimeoutError, modelgates.APIConnectionError)
    assert issubclass(modelgates.ValidationError, ValueError)
    for cls in (modelgates.APIStatusError, modelgates.ValidationError, modelgates.APIConnectionError):
        assert issubclass(cls, modelgates.ModelGatesError)


def test_import_is_light() -> None:
    code = "import sys, modelgates; print(sorted(m for m in ('httpx', 'asyncio', 'typing') if m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


@pytest.mark.skipif(not os.environ.get("MODELGATES_EXPECT_INSTALLED"), reason="only in the fresh-venv wheel test")
def test_the_installed_wheel_is_under_test() -> None:
    assert modelgates.__file__.startswith(sys.prefix), modelgates.__file__
