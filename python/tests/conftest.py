"""Shared fixtures: the sandbox (a real local server over real HTTP, started once per session
from the repository's own crate), Prism's validating proxy in front of it when
``MODELGATES_PRISM`` names the prism binary, and a tally of what the vector replay did."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SANDBOX_BINARY = REPO / "target" / "debug" / "modelgates-sandbox"

# Filled by test_vectors.py, printed at the end of the run.
VECTOR_TALLY: dict[str, int] = {}

# Faults that break HTTP or the spec on purpose: Prism would answer them itself, so they go to the
# sandbox directly.
UNSPEC_FAULTS = re.compile(r"\b(drop|truncate|body=html|redirect)\b")

# Prism's log of this session, checked for violations when the session ends.
PRISM_LOGS: list[Path] = []


@dataclass(frozen=True)
class Sandbox:
    base_url: str
    """Where contract traffic goes: Prism's proxy when it runs, else the sandbox."""
    direct_base_url: str
    origin: str
    management_key: str
    restricted_key: str

    def url_for(self, fault: str | None) -> str:
        """The base URL for a client sending ``fault`` in ``X-Sandbox-Fault``."""
        return self.direct_base_url if fault and UNSPEC_FAULTS.search(fault) else self.base_url

    def counts(self, label: str) -> dict[str, int]:
        """Requests that reached each operation with a fault header carrying ``key=label``."""
        response = httpx.get(f"{self.origin}/_sandbox/counts", params={"key": label})
        response.raise_for_status()
        counts: dict[str, int] = response.json()
        return counts


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    subprocess.run(["cargo", "build", "--quiet", "-p", "modelgates-sandbox"], cwd=REPO, check=True)
    management_key = f"sk-mg-sandbox-{secrets.token_hex(16)}"
    restricted_key = f"sk-mg-restricted-{secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory() as state:
        url_file = Path(state) / "url"
        env = dict(
            os.environ,
            MODELGATES_SANDBOX_MANAGEMENT_KEY=management_key,
            MODELGATES_SANDBOX_RESTRICTED_KEY=restricted_key,
        )
        process = subprocess.Popen(
            [str(SANDBOX_BINARY), "--port", "0", "--url-file", str(url_file)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while not (url_file.exists() and url_file.read_text().strip()):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not start")
                time.sleep(0.05)
            direct = url_file.read_text().strip()
            origin = direct.removesuffix("/api/v1")
            with prism_proxy(direct) as base_url:
                yield Sandbox(base_url, direct, origin, management_key, restricted_key)
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def prism_proxy(upstream: str) -> Iterator[str]:
    """Prism's validating proxy in front of ``upstream`` if ``MODELGATES_PRISM`` is set, logging
    to target/test-logs/prism/ where `just audit` counts requests and violations."""
    prism = os.environ.get("MODELGATES_PRISM")
    if not prism:
        yield upstream
        return
    logs = REPO / "target" / "test-logs" / "prism"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"python-{os.getpid()}.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    spec = REPO / "api" / "openapi.yaml"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [prism, "proxy", str(spec), upstream, "--errors", "-h", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 60
        while "Prism is listening" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"prism did not start: {log.read_text(errors='replace')}")
            time.sleep(0.1)
        PRISM_LOGS.append(log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def prism_violations() -> list[str]:
    return [
        line
        for log in PRISM_LOGS
        for line in log.read_text(errors="replace").splitlines()
        if "Violation:" in line or "\u2716" in line
    ]


def prism_requests() -> int:
    return sum(log.read_text(errors="replace").count("Request received") for log in PRISM_LOGS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A proxy that validated nothing proves nothing: traffic must really have gone through it.
    if prism_violations() or (PRISM_LOGS and prism_requests() == 0):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def fault_label() -> str:
    """A fresh label, so that each test's fault counter and request counts start at zero."""
    return f"py-{secrets.token_hex(6)}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if PRISM_LOGS:
        requests = prism_requests()
        violations = prism_violations()
        terminalreporter.write_line(f"prism: {requests} requests validated, {len(violations)} violations")
        for line in violations[:20]:
            terminalreporter.write_line(line)
    if VECTOR_TALLY:
        parts = ", ".join(f"{count} {what}" for what, count in sorted(VECTOR_TALLY.items()))
        terminalreporter.write_line(f"conformance vectors: {parts}")
