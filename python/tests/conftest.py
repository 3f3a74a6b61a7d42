"""Shared fixtures: the sandbox (a real local server over real HTTP, started once per session
from the repository's own crate) and a tally of what the vector replay did."""

from __future__ import annotations

import os
import secrets
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


@dataclass(frozen=True)
class Sandbox:
    base_url: str
    origin: str
    management_key: str
    restricted_key: str

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
            base_url = url_file.read_text().strip()
            origin = base_url.removesuffix("/api/v1")
            yield Sandbox(base_url, origin, management_key, restricted_key)
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def fault_label() -> str:
    """A fresh label, so that each test's fault counter and request counts start at zero."""
    return f"py-{secrets.token_hex(6)}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if VECTOR_TALLY:
        parts = ", ".join(f"{count} {what}" for what, count in sorted(VECTOR_TALLY.items()))
        terminalreporter.write_line(f"conformance vectors: {parts}")
