"""No secret in any exception message, repr, traceback or log record: the management key, the
restricted key, a wrong key that was sent, and every new key's one-time secret. The flows run
against the sandbox (sync and async) with logging at DEBUG for every logger (httpx, httpcore and
this package's). The tally goes to target/test-logs/leak-scan/python.txt for `just audit`."""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
from typing import Any

import pytest

import modelgates
from conftest import REPO, Sandbox

NEW_KEY_PREFIX = "sk-mg-v1-"
# Any new key's secret, including one the test never saw (a truncated create-keys answer); the
# API's masked label (`sk-mg-v1-3fa...9c2`) does not match.
ANY_NEW_KEY = re.compile(r"sk-mg-v1-[0-9a-f]{12,}")


def texts_of(value: Any) -> list[str]:
    texts = [repr(value), str(value)]
    if isinstance(value, BaseException):
        texts.append("".join(traceback.format_exception(type(value), value, value.__traceback__)))
        texts.append(getattr(value, "message", ""))
        texts.append(repr(getattr(value, "metadata", None)))
    return texts


def sync_flow(sandbox: Sandbox, wrong_key: str, seen: list[Any], new_keys: list[str]) -> None:
    def expect_error(call: Any) -> None:
        with pytest.raises(modelgates.ModelGatesError) as raised:
            call()
        seen.append(raised.value)

    fast = modelgates.RetryPolicy(initial_backoff=0.01, max_backoff=0.02)
    with modelgates.Client(sandbox.management_key, base_url=sandbox.base_url, retry=fast) as client:
        seen.append(client)
        workspace = client.workspaces.get("default")
        key = client.keys.create(name="leak-scan", workspace_id=workspace.id)
        new_keys.append(key.key)
        seen.extend([workspace, key, key.data, client.workspaces.list(limit=2), fast])
        expect_error(lambda: client.workspaces.get("missing-workspace"))
        expect_error(lambda: client.keys.create(name=""))
        expect_error(lambda: client.keys.create(name="k", workspace_id="not-a-uuid"))
        expect_error(lambda: client.workspaces.create(name="x", slug="default"))
        call = client._native.call("create-keys", {"body": {"name": "never sent"}})
        seen.append(call.next_action(0.0))  # the Send action holds the Authorization header
    faults = ("drop", "truncate", "status=503", "status=502;body=html", "status=502;body=wrapped")
    for fault in (*faults, "delay-ms=2000"):
        with modelgates.Client(
            sandbox.management_key,
            base_url=sandbox.url_for(fault),
            retry=fast,
            timeout=0.3,
            default_headers={"X-Sandbox-Fault": fault},
        ) as client:
            expect_error(lambda: client.keys.create(name="faulty"))
            expect_error(lambda: client.workspaces.get("default"))
    with modelgates.Client(wrong_key, base_url=sandbox.base_url) as client:
        expect_error(lambda: client.workspaces.list())
    with modelgates.Client(sandbox.restricted_key, base_url=sandbox.base_url) as client:
        expect_error(lambda: client.keys.create(name="restricted"))
    expect_error(lambda: modelgates.Client(sandbox.management_key + "\n", base_url=sandbox.base_url))


def async_flow(sandbox: Sandbox, seen: list[Any], new_keys: list[str]) -> None:
    async def main() -> None:
        async with modelgates.AsyncClient(sandbox.management_key, base_url=sandbox.base_url) as client:
            key = await client.keys.create(name="leak-scan-async")
            new_keys.append(key.key)
            seen.append(key)
            try:
                await client.workspaces.get("missing-workspace")
            except modelgates.NotFoundError as error:
                seen.append(error)
        async with modelgates.AsyncClient(
            sandbox.management_key,
            base_url=sandbox.url_for("truncate"),
            default_headers={"X-Sandbox-Fault": "truncate"},
        ) as client:
            try:
                await client.keys.create(name="truncated-async")
            except modelgates.APIConnectionError as error:
                seen.append(error)

    asyncio.run(main())


def test_no_secret_in_errors_reprs_or_logs(sandbox: Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong_key = "sk-mg-wrong-key-0123456789abcdef"
    seen: list[Any] = []
    new_keys: list[str] = []
    sync_flow(sandbox, wrong_key, seen, new_keys)
    async_flow(sandbox, seen, new_keys)

    texts = [text for value in seen for text in texts_of(value)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(record.args) for record in caplog.records]
    secrets = [sandbox.management_key, sandbox.restricted_key, wrong_key, *new_keys]
    assert len(new_keys) == 2 and all(k.startswith(NEW_KEY_PREFIX) for k in new_keys)
    assert caplog.records, "the HTTP client logged nothing: the log scan would prove nothing"
    ours = [record for record in caplog.records if record.name == "modelgates"]
    assert any(r.levelno == logging.WARNING for r in ours), "the SDK's own log lines are not in the scan"

    hits = [
        (secret[:12] + "...", text[:200]) for text in texts for secret in secrets if secret in text
    ] + [("sk-mg-v1-<hex>", text[:200]) for text in texts if ANY_NEW_KEY.search(text)]
    report = REPO / "target" / "test-logs" / "leak-scan" / "python.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        f"leak-scan python: {len(texts)} messages, reprs, tracebacks and log records scanned "
        f"for {len(secrets)} secrets, {len(hits)} hits\n"
    )
    assert not hits, hits
