"""What ``timeout`` means, for the client and for one call: left out, the SDK's default per attempt
(60 s) or the client's; a number, that many seconds; None, no time limit (as in httpx). The
``http_client``'s own timeout is never used. httpx records the timeout each request was sent with
in ``request.extensions["timeout"]``; the sandbox shows the difference over real HTTP."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import httpx
import pytest

import modelgates
from conftest import Sandbox

WORKSPACE = {
    "id": "550e8400-e29b-41d4-a716-446655440000",
    "name": "Production",
    "slug": "production",
    "description": None,
    "default_image_model": None,
    "default_text_model": None,
    "default_provider_sort": None,
    "io_logging_api_key_ids": None,
    "io_logging_sampling_rate": 1,
    "is_data_discount_logging_enabled": True,
    "is_observability_broadcast_enabled": False,
    "is_observability_io_logging_enabled": False,
    "created_at": "2026-01-01T00:00:00Z",
    "created_by": None,
    "updated_at": None,
}
# A timeout on the user's own httpx client that the SDK must not fall back to.
HTTP_CLIENT_TIMEOUT = 5.0


class Recorder:
    """Answers every request with a page of one workspace, keeping the timeout it was sent with."""

    def __init__(self) -> None:
        self.timeouts: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions["timeout"]
        assert len(set(timeouts.values())) == 1, timeouts  # connect, read, write and pool alike
        self.timeouts.append(timeouts["read"])
        if request.url.path.endswith("/workspaces"):
            return httpx.Response(200, json={"data": [WORKSPACE], "total_count": 1})
        return httpx.Response(200, json={"data": WORKSPACE})


# (client kwargs, call kwargs, the timeout the request must carry)
CASES: list[tuple[dict[str, Any], dict[str, Any], float | None]] = [
    ({}, {}, 60.0),
    ({}, {"timeout": 2.5}, 2.5),
    ({}, {"timeout": None}, None),
    ({"timeout": 10}, {}, 10.0),
    ({"timeout": 10}, {"timeout": None}, None),
    ({"timeout": None}, {}, None),
    ({"timeout": None}, {"timeout": 3}, 3.0),
    ({"timeout": datetime.timedelta(seconds=10)}, {}, 10.0),
    ({}, {"timeout": datetime.timedelta(milliseconds=2500)}, 2.5),
]
IDS = [f"client{c}-call{k}" for c, k, _ in CASES]


def seconds(timeout: float | datetime.timedelta | None) -> float | None:
    return timeout.total_seconds() if isinstance(timeout, datetime.timedelta) else timeout


@pytest.mark.parametrize(("client_kwargs", "call_kwargs", "expected"), CASES, ids=IDS)
def test_sync(client_kwargs: dict[str, Any], call_kwargs: dict[str, Any], expected: float | None) -> None:
    recorder = Recorder()
    http = httpx.Client(transport=httpx.MockTransport(recorder), timeout=HTTP_CLIENT_TIMEOUT)
    with modelgates.Client("sk-mg-test", base_url="https://example.test/api/v1", http_client=http, **client_kwargs) as client:
        assert client._native.timeout == seconds(client_kwargs.get("timeout", 60.0))
        client.workspaces.get("production", **call_kwargs)
        client.workspaces.update("production", name="x", **call_kwargs)
        assert len(list(client.workspaces.list_all(**call_kwargs))) == 1
    assert recorder.timeouts == [expected] * 3


@pytest.mark.parametrize(("client_kwargs", "call_kwargs", "expected"), CASES, ids=IDS)
def test_async(client_kwargs: dict[str, Any], call_kwargs: dict[str, Any], expected: float | None) -> None:
    recorder = Recorder()

    async def main() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder), timeout=HTTP_CLIENT_TIMEOUT)
        async with modelgates.AsyncClient(
            "sk-mg-test", base_url="https://example.test/api/v1", http_client=http, **client_kwargs
        ) as client:
            await client.workspaces.get("production", **call_kwargs)
            await client.workspaces.update("production", name="x", **call_kwargs)
            assert len([w async for w in client.workspaces.list_all(**call_kwargs)]) == 1
        await http.aclose()

    asyncio.run(main())
    assert recorder.timeouts == [expected] * 3


def test_none_means_no_limit_over_real_http(sandbox: Sandbox, fault_label: str) -> None:
    # The user's httpx client would give up after 0.2 s; the answer comes after 0.6 s.
    fault = f"delay-ms=600;key={fault_label}"
    http = httpx.Client(timeout=0.2)
    with modelgates.Client(
        sandbox.management_key,
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault},
        max_retries=0,
        timeout=None,
        http_client=http,
    ) as client:
        assert client.workspaces.get("default").slug == "default"
        with pytest.raises(modelgates.APITimeoutError):
            client.workspaces.get("default", timeout=0.2)
        assert client.workspaces.get("default", timeout=None).slug == "default"
    http.close()
    assert sandbox.counts(fault_label)["get-workspace"] == 3


def test_a_timedelta_is_a_timeout_over_real_http(sandbox: Sandbox, fault_label: str) -> None:
    # Each answer comes after 0.6 s: too late for 0.2 s, in time for 5 s.
    fault = f"delay-ms=600;key={fault_label}"
    with modelgates.Client(
        sandbox.management_key,
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault},
        max_retries=0,
        timeout=datetime.timedelta(milliseconds=200),
    ) as client:
        with pytest.raises(modelgates.APITimeoutError):
            client.workspaces.get("default")
        assert client.workspaces.get("default", timeout=datetime.timedelta(seconds=5)).slug == "default"
        assert len(list(client.workspaces.list_all(timeout=datetime.timedelta(seconds=5)))) >= 1
    assert sandbox.counts(fault_label)["get-workspace"] == 2
