"""Client, retry-policy and per-call settings: every bad one raises ValidationError naming it (a
value of the wrong type included), before anything is sent."""

from __future__ import annotations

import asyncio
import datetime
import math
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import modelgates

BASE_URL = "https://example.test/api/v1"


def refused(field: str, build: Callable[[], object]) -> modelgates.ValidationError:
    with pytest.raises(modelgates.ValidationError) as raised:
        build()
    error = raised.value
    assert isinstance(error, modelgates.ModelGatesError)
    assert error.field == field, (error.field, str(error))
    assert error.message.startswith(f"{field}: ") and str(error) == f"invalid input: {error.message}"
    return error


BAD_CLIENT_SETTINGS: list[tuple[str, dict[str, Any]]] = [
    ("api_key", {"api_key": 12345}),
    ("base_url", {"base_url": 8080}),
    ("timeout", {"timeout": -1}),
    ("timeout", {"timeout": math.nan}),
    ("timeout", {"timeout": math.inf}),
    ("timeout", {"timeout": 0}),
    ("timeout", {"timeout": "10"}),
    ("timeout", {"timeout": True}),
    ("timeout", {"timeout": datetime.timedelta(seconds=-1)}),
    ("timeout", {"timeout": datetime.timedelta(0)}),
    ("max_retries", {"max_retries": -1}),
    ("max_retries", {"max_retries": 2**32}),
    ("max_retries", {"max_retries": 1.5}),
    ("max_retries", {"max_retries": "2"}),
    ("max_retries", {"max_retries": True}),
    ("retry", {"retry": {"max_retries": 1}}),
    ("max_retries", {"max_retries": 1, "retry": modelgates.RetryPolicy()}),
    ("default_headers", {"default_headers": [("x-trace", "t-1")]}),
    ("default_headers", {"default_headers": {"x-trace": 1}}),
    ("default_headers", {"default_headers": {1: "t-1"}}),
    ("default_headers", {"default_headers": {"x-trace": "a\r\nb"}}),
    # Refused by the core, which calls them `headers`: named as the argument here too.
    ("default_headers", {"default_headers": {"Authorization": "Bearer other"}}),
    ("default_headers", {"default_headers": {"X Bad": "v"}}),
]


@pytest.mark.parametrize("client_class", [modelgates.Client, modelgates.AsyncClient])
@pytest.mark.parametrize(("field", "setting"), BAD_CLIENT_SETTINGS, ids=lambda v: repr(v)[:40])
def test_bad_client_settings_are_refused(client_class: Any, field: str, setting: dict[str, Any]) -> None:
    kwargs = {"api_key": "sk-mg-test", "base_url": BASE_URL, **setting}
    refused(field, lambda: client_class(**kwargs))


@pytest.mark.parametrize(
    ("client_class", "http_client"),
    [
        (modelgates.Client, httpx.AsyncClient()),
        (modelgates.AsyncClient, httpx.Client()),
        (modelgates.Client, object()),
    ],
    ids=["async-to-sync", "sync-to-async", "object"],
)
def test_an_http_client_of_the_wrong_kind_is_refused(client_class: Any, http_client: object) -> None:
    error = refused("http_client", lambda: client_class("sk-mg-test", base_url=BASE_URL, http_client=http_client))
    assert client_class.__name__ in error.message and type(http_client).__name__ in error.message


BAD_POLICIES: list[tuple[str, dict[str, Any]]] = [
    ("max_retries", {"max_retries": -1}),
    ("max_retries", {"max_retries": 0.5}),
    ("initial_backoff", {"initial_backoff": -1}),
    ("initial_backoff", {"initial_backoff": "1"}),
    ("max_backoff", {"max_backoff": math.nan}),
    ("max_elapsed", {"max_elapsed": math.inf}),
    ("max_elapsed", {"max_elapsed": False}),
    ("jitter", {"jitter": "0.1"}),
    ("jitter", {"jitter": math.nan}),
    ("jitter", {"jitter": 1.5}),
    ("initial_backoff", {"initial_backoff": 9}),
    ("initial_backoff", {"initial_backoff": 2, "max_backoff": 1}),
    ("max_elapsed", {"max_elapsed": 0}),
    ("max_backoff", {"max_backoff": datetime.timedelta(milliseconds=-1)}),
    ("initial_backoff", {"initial_backoff": datetime.timedelta(seconds=2), "max_backoff": 1}),
]


@pytest.mark.parametrize(("field", "setting"), BAD_POLICIES, ids=lambda v: repr(v)[:40])
def test_bad_retry_policies_are_refused(field: str, setting: dict[str, Any]) -> None:
    refused(field, lambda: modelgates.RetryPolicy(**setting))


def test_good_settings_are_taken() -> None:
    policy = modelgates.RetryPolicy(max_retries=0, initial_backoff=0, max_backoff=1, max_elapsed=2.5, jitter=1)
    assert (policy.max_retries, policy.initial_backoff, policy.max_backoff, policy.max_elapsed, policy.jitter) == (
        0,
        0.0,
        1.0,
        2.5,
        1.0,
    )
    headers = httpx.Headers({"X-Trace": "t-1"})
    client = modelgates.Client("sk-mg-test", base_url=BASE_URL, timeout=2, max_retries=7, default_headers=headers)
    assert (client._native.timeout, client._native.retry.max_retries) == (2.0, 7)
    client.close()


def test_durations_can_be_timedeltas() -> None:
    policy = modelgates.RetryPolicy(
        initial_backoff=datetime.timedelta(milliseconds=250),
        max_backoff=datetime.timedelta(seconds=4),
        max_elapsed=datetime.timedelta(minutes=1),
    )
    assert (policy.initial_backoff, policy.max_backoff, policy.max_elapsed) == (0.25, 4.0, 60.0)
    client = modelgates.Client("sk-mg-test", base_url=BASE_URL, timeout=datetime.timedelta(seconds=7.5))
    assert client._native.timeout == 7.5
    assert client.with_options(timeout=datetime.timedelta(milliseconds=1500))._native.timeout == 1.5
    client.close()


def test_a_key_of_the_wrong_type_is_not_shown() -> None:
    error = refused("api_key", lambda: modelgates.Client(b"sk-mg-secret-bytes", base_url=BASE_URL))  # type: ignore[arg-type]
    assert "secret" not in str(error) and "bytes" in str(error)


BAD_CALL_TIMEOUTS: list[Any] = [-1, 0, math.nan, math.inf, "5", True, [5], datetime.timedelta(seconds=-5)]


class NoNetwork:
    """A fake network that records whatever reaches it."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(500)


@pytest.mark.parametrize("timeout", BAD_CALL_TIMEOUTS, ids=repr)
def test_a_bad_call_timeout_is_refused(timeout: Any) -> None:
    network = NoNetwork()
    http = httpx.Client(transport=httpx.MockTransport(network))
    with modelgates.Client("sk-mg-test", base_url=BASE_URL, http_client=http) as client:
        refused("timeout", lambda: client.workspaces.get("production", timeout=timeout))
        refused("timeout", lambda: client.keys.create(name="k", timeout=timeout))
        refused("timeout", lambda: client.workspaces.list_all(timeout=timeout))
    assert network.requests == []


@pytest.mark.parametrize("timeout", BAD_CALL_TIMEOUTS, ids=repr)
def test_a_bad_call_timeout_is_refused_async(timeout: Any) -> None:
    network = NoNetwork()

    async def main() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(network))
        async with modelgates.AsyncClient("sk-mg-test", base_url=BASE_URL, http_client=http) as client:
            with pytest.raises(modelgates.ValidationError) as raised:
                await client.workspaces.update("production", name="x", timeout=timeout)
            assert raised.value.field == "timeout"
            refused("timeout", lambda: client.workspaces.list_all(timeout=timeout))

    asyncio.run(main())
    assert network.requests == []
