"""The AsyncClient against the sandbox over real HTTP: the flow, the faults, and asyncio
cancellation (in flight and during a retry backoff), with the sandbox's counts as proof."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Awaitable
from typing import Any, Callable, TypeVar

import httpx
import pytest

import modelgates
from conftest import Sandbox

T = TypeVar("T")
FAST_RETRY = modelgates.RetryPolicy(initial_backoff=0.05, max_backoff=0.2)


def run(test: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await test()

    return asyncio.run(main())


def client_for(sandbox: Sandbox, fault: str | None = None, **kwargs: Any) -> modelgates.AsyncClient:
    kwargs.setdefault("retry", FAST_RETRY)
    return modelgates.AsyncClient(
        kwargs.pop("api_key", sandbox.management_key),
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault} if fault else None,
        **kwargs,
    )


def unique_slug() -> str:
    return f"py-async-{secrets.token_hex(4)}"


def test_the_whole_flow(sandbox: Sandbox) -> None:
    async def flow() -> None:
        async with client_for(sandbox) as client:
            slug = unique_slug()
            created = await client.workspaces.create(name="Async flow", slug=slug, description="async")
            assert await client.workspaces.get(slug) == created
            page = await client.workspaces.list(limit=100)
            assert created in page.data
            cleared = await client.workspaces.update(created.id, description=None, name="Async renamed")
            assert (cleared.name, cleared.description) == ("Async renamed", None)
            for _ in range(2):
                await client.workspaces.create(name="Filler", slug=unique_slug())
            ids = [w.id async for w in client.workspaces.list_all(page_size=2)]
            assert len(ids) == len(set(ids)) == (await client.workspaces.list(limit=1)).total_count
            assert created.id in ids
            key = await client.keys.create(name="async-ci", workspace_id=created.id, limit=None)
            assert key.key.startswith("sk-mg-v1-") and key.data.limit is None
            assert key.key not in repr(key)
            # Several calls at once on one client.
            results = await asyncio.gather(*(client.workspaces.get("default") for _ in range(5)))
            assert len({w.id for w in results}) == 1
            with pytest.raises(modelgates.NotFoundError):
                await client.workspaces.get("no-such-workspace")

    run(flow)


def test_the_key_lifecycle(sandbox: Sandbox) -> None:
    async def flow() -> None:
        async with client_for(sandbox) as client:
            workspace = await client.workspaces.create(name="Async keys", slug=unique_slug())
            made = [await client.keys.create(name=f"async {i}", workspace_id=workspace.id) for i in range(2)]
            walked = [key.hash async for key in client.keys.list_all(workspace_id=workspace.id)]
            assert walked == [key.data.hash for key in made]
            updated = await client.keys.update(made[0].data.hash, disabled=True)
            assert updated.disabled
            for key in made:
                assert (await client.keys.delete(key.data.hash)).deleted
            assert (await client.workspaces.delete(workspace.id)).deleted
            assert (await client.keys.current()).is_management_key

    run(flow)


def test_faults(sandbox: Sandbox, fault_label: str) -> None:
    async def faults() -> None:
        label = f"{fault_label}-429"
        async with client_for(sandbox, f"status=429;retry-after=1;times=1;key={label}") as client:
            started = time.monotonic()
            await client.workspaces.get("default")
            assert time.monotonic() - started >= 0.95
        assert sandbox.counts(label)["get-workspace"] == 2

        label = f"{fault_label}-503-get"
        async with client_for(sandbox, f"status=503;times=2;key={label}") as client:
            await client.workspaces.get("default")
        assert sandbox.counts(label)["get-workspace"] == 3

        label = f"{fault_label}-503-post"
        async with client_for(sandbox, f"status=503;key={label}") as client:
            with pytest.raises(modelgates.InternalServerError):
                await client.keys.create(name="once")
        assert sandbox.counts(label)["create-keys"] == 1

        label = f"{fault_label}-drop"
        async with client_for(sandbox, f"drop;key={label}") as client:
            with pytest.raises(modelgates.APIConnectionError):
                await client.workspaces.create(name="Dropped", slug=unique_slug())
            with pytest.raises(modelgates.APIConnectionError):
                await client.workspaces.get("default")
        counts = sandbox.counts(label)
        assert (counts["create-workspace"], counts["get-workspace"]) == (1, 3)

        label = f"{fault_label}-truncate"
        async with client_for(sandbox, f"truncate;key={label}") as client:
            with pytest.raises(modelgates.APIConnectionError) as raised:
                await client.keys.create(name="truncated")
        assert "sk-mg-v1-" not in str(raised.value)
        assert sandbox.counts(label)["create-keys"] == 1

        label = f"{fault_label}-timeout"
        async with client_for(sandbox, f"delay-ms=3000;key={label}") as client:
            with pytest.raises(modelgates.APITimeoutError):
                await client.keys.create(name="slow", timeout=0.3)
        assert sandbox.counts(label)["create-keys"] == 1

    run(faults)


def test_cancellation_in_flight_stops_at_once(sandbox: Sandbox, fault_label: str) -> None:
    async def cancel() -> None:
        async with client_for(sandbox, f"delay-ms=5000;key={fault_label}") as client:
            task = asyncio.ensure_future(client.workspaces.get("default"))
            await asyncio.sleep(0.3)
            started = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.monotonic() - started < 1
        async with client_for(sandbox) as client:
            assert (await client.workspaces.get("default")).slug == "default"

    run(cancel)
    assert sandbox.counts(fault_label)["get-workspace"] == 1


def test_cancellation_during_backoff_sends_no_retry(sandbox: Sandbox, fault_label: str) -> None:
    async def cancel() -> None:
        slow_retry = modelgates.RetryPolicy(initial_backoff=5, jitter=0)
        async with client_for(sandbox, f"status=503;key={fault_label}", retry=slow_retry) as client:
            task = asyncio.ensure_future(client.workspaces.get("default"))
            await asyncio.sleep(0.5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    run(cancel)
    assert sandbox.counts(fault_label)["get-workspace"] == 1


def test_own_http_client_is_left_open(sandbox: Sandbox) -> None:
    async def scoped() -> None:
        http = httpx.AsyncClient()
        async with client_for(sandbox, http_client=http) as client:
            await client.workspaces.get("default")
        assert not http.is_closed
        await http.aclose()
        async with client_for(sandbox) as owned:
            await owned.workspaces.get("default")
        assert owned._http.is_closed

    run(scoped)


def test_anext_called_again_before_the_last_settled_gives_each_item_once(sandbox: Sandbox) -> None:
    """`asyncio.gather` over one walk's `__anext__`: each waits for the one before it (before, the
    pager was driven by two tasks at once and failed as an InternalError)."""

    async def walk() -> None:
        async with client_for(sandbox) as client:
            for _ in range(3):
                await client.workspaces.create(name="Queued", slug=unique_slug())
            total = (await client.workspaces.list(limit=1)).total_count
            items = client.workspaces.list_all(page_size=1).__aiter__()
            got = await asyncio.gather(*(items.__anext__() for _ in range(total)))
            assert len({w.id for w in got}) == total
            with pytest.raises(StopAsyncIteration):
                await items.__anext__()

    run(walk)


def test_a_walk_cancelled_mid_page_resumes_with_that_page(sandbox: Sandbox, fault_label: str) -> None:
    """`asyncio.wait_for` around a walk's `__anext__` that times out mid-page: the next
    `__anext__` asks for the page again (before, it failed as InternalError: the pager still
    waited for the abandoned request's outcome)."""

    async def walk() -> None:
        async with client_for(sandbox) as plain:
            total = (await plain.workspaces.list(limit=1)).total_count
        # Only the first request is slow: the one the timeout abandons.
        async with client_for(sandbox, f"delay-ms=400;times=1;key={fault_label}") as client:
            items = client.workspaces.list_all(page_size=1).__aiter__()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(items.__anext__(), 0.1)
            got = [await items.__anext__() for _ in range(total)]
            assert len({w.id for w in got}) == total
            with pytest.raises(StopAsyncIteration):
                await items.__anext__()

    run(walk)
