"""Whatever httpx raises instead of a response becomes APIConnectionError, reported to the core as
a failure after which the request may have reached the server: a GET is retried, a POST never.
httpx.MockTransport is the network; the failures are httpx's own (a bad Content-Encoding) or
raised by the transport. A redirect is never followed, even by an httpx client set to follow: it
is the core's RedirectError. A closed client is refused before anything (a ValidationError)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import modelgates

BASE_URL = "https://example.test/api/v1"
POLICY = modelgates.RetryPolicy(max_retries=2, initial_backoff=0.01, max_backoff=0.01, jitter=0)


def bad_encoding(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-encoding": "gzip"}, content=b'{"data": "not gzip"}')


def redirect_loop(request: httpx.Request) -> httpx.Response:
    return httpx.Response(302, headers={"location": str(request.url)})


def raising(error: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handle(request: httpx.Request) -> httpx.Response:
        raise error

    return handle


# name, the exception class the SDK message must name, the handler, extra httpx client settings.
FAILURES: list[tuple[str, str, Callable[[httpx.Request], httpx.Response], dict[str, Any]]] = [
    ("bad content-encoding", "DecodingError", bad_encoding, {}),
    ("decoding error raised", "DecodingError", raising(httpx.DecodingError("bad brotli")), {}),
    ("too many redirects raised", "TooManyRedirects", raising(httpx.TooManyRedirects("loop")), {}),
    ("stream consumed", "StreamConsumed", raising(httpx.StreamConsumed()), {}),
    ("invalid url", "InvalidURL", raising(httpx.InvalidURL("bad host")), {}),
    ("os error", "ConnectionResetError", raising(ConnectionResetError(104, "reset")), {}),
    (
        "status error from a response hook",
        "HTTPStatusError",
        lambda request: httpx.Response(404, json={"error": {"code": 404, "message": "no"}}),
        {"event_hooks": {"response": [lambda response: response.raise_for_status()]}},
    ),
]
IDS = [name for name, *_ in FAILURES]


class Network:
    """Counts the requests that reach the handler."""

    def __init__(self, handle: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handle = handle
        self.sent: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request.method)
        return self.handle(request)


class CountingClient(modelgates.Client):
    waits: list[float]

    def _sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


class CountingAsyncClient(modelgates.AsyncClient):
    waits: list[float]

    async def _sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def sync_client(http: httpx.Client) -> CountingClient:
    client = CountingClient("sk-mg-test-secret", base_url=BASE_URL, retry=POLICY, http_client=http)
    client.waits = []
    return client


def async_client(http: httpx.AsyncClient) -> CountingAsyncClient:
    client = CountingAsyncClient("sk-mg-test-secret", base_url=BASE_URL, retry=POLICY, http_client=http)
    client.waits = []
    return client


def check(error: BaseException, name: str) -> None:
    assert type(error) is modelgates.APIConnectionError, repr(error)
    assert str(error).startswith(f"transport error: {name}"), str(error)
    assert "sk-mg-test-secret" not in str(error)


@pytest.mark.parametrize(("name", "handle", "settings"), [f[1:] for f in FAILURES], ids=IDS)
def test_sync(name: str, handle: Callable[[httpx.Request], httpx.Response], settings: dict[str, Any]) -> None:
    network = Network(handle)
    http = httpx.Client(transport=httpx.MockTransport(network), **settings)
    with sync_client(http) as client:
        with pytest.raises(modelgates.ModelGatesError) as raised:
            client.workspaces.get("production")
        check(raised.value, name)
        assert len(client.waits) == 2, "a GET is retried"
        gets = len(network.sent)
        with pytest.raises(modelgates.ModelGatesError) as raised:
            client.keys.create(name="k")
        check(raised.value, name)
        assert client.waits == [0.01, 0.01], "a POST is not retried after it may have been sent"
        assert network.sent[gets:].count("POST") == 1


@pytest.mark.parametrize(("name", "handle", "settings"), [f[1:] for f in FAILURES], ids=IDS)
def test_async(name: str, handle: Callable[[httpx.Request], httpx.Response], settings: dict[str, Any]) -> None:
    network = Network(handle)

    async def main() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(network), **settings)
        async with async_client(http) as client:
            with pytest.raises(modelgates.ModelGatesError) as raised:
                await client.workspaces.get("production")
            check(raised.value, name)
            assert len(client.waits) == 2, "a GET is retried"
            gets = len(network.sent)
            with pytest.raises(modelgates.ModelGatesError) as raised:
                await client.keys.create(name="k")
            check(raised.value, name)
            assert client.waits == [0.01, 0.01], "a POST is not retried after it may have been sent"
            assert network.sent[gets:].count("POST") == 1
        await http.aclose()

    asyncio.run(main())


def closed(error: BaseException) -> None:
    """A call on a closed HTTP client: refused at once, naming it, as a bad setting is (before,
    a GET was retried with backoff, then a retryable APIConnectionError)."""
    assert type(error) is modelgates.ValidationError, repr(error)
    assert error.field == "http_client" and "closed" in str(error), str(error)


def test_a_closed_http_client() -> None:
    network = Network(lambda request: httpx.Response(500))
    http = httpx.Client(transport=httpx.MockTransport(network))
    http.close()
    with sync_client(http) as client:
        for call in (lambda: client.keys.create(name="k"), lambda: client.workspaces.get("production")):
            with pytest.raises(modelgates.ModelGatesError) as raised:
                call()
            closed(raised.value)
    assert client.waits == [] and network.sent == []


def test_a_closed_http_client_async() -> None:
    network = Network(lambda request: httpx.Response(500))

    async def main() -> BaseException:
        http = httpx.AsyncClient(transport=httpx.MockTransport(network))
        await http.aclose()
        async with async_client(http) as client:
            with pytest.raises(modelgates.ModelGatesError) as raised:
                await client.workspaces.get("production")
            assert client.waits == []
        return raised.value

    closed(asyncio.run(main()))
    assert network.sent == []


def test_cancellation_is_not_a_failure() -> None:
    async def main() -> None:
        started = asyncio.Event()  # inside the loop: on Python 3.9 an Event binds to one when made

        async def handle(request: httpx.Request) -> httpx.Response:
            started.set()
            await asyncio.sleep(60)
            return httpx.Response(500)

        http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
        async with async_client(http) as client:
            task = asyncio.ensure_future(client.workspaces.get("production"))
            await started.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert client.waits == []
        await http.aclose()

    asyncio.run(main())


def test_a_redirect_is_never_followed_even_by_a_following_http_client() -> None:
    network = Network(redirect_loop)
    http = httpx.Client(transport=httpx.MockTransport(network), follow_redirects=True, max_redirects=3)
    with sync_client(http) as client:
        with pytest.raises(modelgates.RedirectError) as raised:
            client.workspaces.get("production")
    assert raised.value.status == 302 and raised.value.location == f"{BASE_URL}/workspaces/production"
    assert network.sent == ["GET"] and client.waits == []

    async def main() -> None:
        network = Network(redirect_loop)
        http = httpx.AsyncClient(transport=httpx.MockTransport(network), follow_redirects=True)
        async with async_client(http) as client:
            with pytest.raises(modelgates.RedirectError):
                await client.keys.create(name="k")
        assert network.sent == ["POST"]

    asyncio.run(main())

