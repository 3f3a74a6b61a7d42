"""Benchmark of the `modelgates` package against raw httpx (the floor: the same requests by hand,
JSON decoded) and the official `openrouter` package (the API these pages mirror), side by side
in one run against the sandbox on loopback. Run by `just bench-py` in target/py-bench-venv.

Prints a Markdown table: import time (`python -X importtime`, median of fresh interpreters),
time to a ready client, installed size, and median per-call time for get-workspace,
list-workspaces (100 items) and create-keys. The three clients take turns call by call,
through every order in turn, so that drift on a shared machine hits them alike.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def sandbox(binary: Path) -> Iterator[tuple[str, str]]:
    """A fresh sandbox: (base URL, management key)."""
    key = f"sk-mg-bench-{secrets.token_hex(16)}"
    with tempfile.TemporaryDirectory() as state:
        url_file = Path(state) / "url"
        process = subprocess.Popen(
            [str(binary), "--port", "0", "--url-file", str(url_file)],
            env=dict(os.environ, MODELGATES_SANDBOX_MANAGEMENT_KEY=key),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while not (url_file.exists() and url_file.read_text().strip()):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not start")
                time.sleep(0.05)
            yield url_file.read_text().strip(), key
        finally:
            process.terminate()
            process.wait(timeout=10)


def import_ms(module: str, runs: int) -> float:
    """Median cumulative import time of `module` in fresh interpreters, from -X importtime."""
    times = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        )
        for line in result.stderr.splitlines():
            parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] == module:
                times.append(int(parts[1]) / 1000)
    return statistics.median(times)


READY = {
    "modelgates": "import modelgates; c = modelgates.Client('k', base_url='http://127.0.0.1:1/api/v1'); c.workspaces; c.keys",
    "raw httpx": "import httpx; c = httpx.Client()",
    "openrouter": "import openrouter; c = openrouter.OpenRouter(api_key='k', server_url='http://127.0.0.1:1/api/v1'); c.workspaces; c.api_keys",
}


def ready_ms(code: str, runs: int) -> float:
    """Median time from nothing imported to a client with its workspace and key methods."""
    probe = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
        * 1000
        for _ in range(runs)
    ]
    return statistics.median(times)


def requirements(name: str) -> Iterator[str]:
    for requirement in metadata.requires(name) or []:
        if "extra ==" in requirement:
            continue
        yield re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]


def closure(name: str) -> set[str]:
    """The installed distribution and everything it needs, transitively."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        key = current.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            metadata.distribution(current)
        except metadata.PackageNotFoundError:
            continue
        seen.add(key)
        todo.extend(requirements(current))
    return seen


def installed_bytes(names: set[str]) -> int:
    total = 0
    for name in names:
        for file in metadata.distribution(name).files or []:
            path = Path(str(file.locate()))
            if path.is_file():
                total += path.stat().st_size
    return total


def adapt_official_models() -> None:
    """The official SDK's models require three fields that OpenRouter returns and the ModelGates
    API does not have (`default_guardrail_id` on a workspace, `external_user` and
    `last_used_at` on a new key), so every answer from the sandbox would fail its validation.
    Defaulting them to None (once, before timing) lets it parse the same bodies; it adds no work
    per call."""
    from openrouter import components, operations

    missing = (
        (components.Workspace, ["default_guardrail_id"]),
        (operations.CreateKeysData, ["external_user", "last_used_at"]),
    )
    for model, fields in missing:
        for field in fields:
            model.model_fields[field].default = None
        model.model_rebuild(force=True)
    for parent in (components.GetWorkspaceResponse, components.ListWorkspacesResponse, operations.CreateKeysResponse):
        parent.model_rebuild(force=True)


def clients(base_url: str, key: str) -> dict[str, dict[str, Callable[[], Any]]]:
    """The three ways of making each call, each over its own keep-alive connection."""
    import httpx
    import openrouter

    import modelgates

    sdk = modelgates.Client(key, base_url=base_url)
    raw = httpx.Client()
    headers = {"authorization": f"Bearer {key}", "accept": "application/json"}
    adapt_official_models()
    official = openrouter.OpenRouter(api_key=key, server_url=base_url)

    def raw_call(method: str, path: str, **kwargs: Any) -> Any:
        response = raw.request(method, base_url + path, headers=headers, **kwargs)
        response.raise_for_status()
        return response.json()

    return {
        "modelgates": {
            "get-workspace": lambda: sdk.workspaces.get("default"),
            "list-workspaces (100 items)": lambda: sdk.workspaces.list(limit=100),
            "create-keys": lambda: sdk.keys.create(name="bench"),
        },
        "raw httpx": {
            "get-workspace": lambda: raw_call("GET", "/workspaces/default"),
            "list-workspaces (100 items)": lambda: raw_call("GET", "/workspaces", params={"limit": 100}),
            "create-keys": lambda: raw_call("POST", "/keys", json={"name": "bench"}),
        },
        "openrouter": {
            "get-workspace": lambda: official.workspaces.get(id="default"),
            "list-workspaces (100 items)": lambda: official.workspaces.list(limit=100),
            "create-keys": lambda: official.api_keys.create(name="bench"),
        },
    }


def check_results(calls: dict[str, dict[str, Callable[[], Any]]]) -> None:
    """Each client really lists 100 workspaces and creates a key (no silent error path)."""
    page = calls["modelgates"]["list-workspaces (100 items)"]()
    assert len(page.data) == 100, len(page.data)
    assert len(calls["raw httpx"]["list-workspaces (100 items)"]()["data"]) == 100
    official = calls["openrouter"]["list-workspaces (100 items)"]()
    assert len(official.result.data) == 100, official
    assert calls["openrouter"]["create-keys"]().key.startswith("sk-mg-v1-")
    assert calls["modelgates"]["create-keys"]().key.startswith("sk-mg-v1-")


def per_call_ms(calls: dict[str, dict[str, Callable[[], Any]]], operation: str, n: int, warmup: int) -> dict[str, float]:
    names = list(calls)
    # Every order in turn, so that each client follows each other client equally often (a call
    # right after the heavy official SDK's runs on colder caches).
    orders = list(itertools.permutations(names))
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(warmup + n):
        for name in orders[round_ % len(orders)]:
            call = calls[name][operation]
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
            if round_ >= warmup:
                samples[name].append(elapsed * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sandbox", type=Path, default=REPO / "target" / "release" / "modelgates-sandbox")
    parser.add_argument("--calls", type=int, default=300, help="timed calls per client and operation")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--import-runs", type=int, default=9)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    import httpx
    import openrouter

    import modelgates

    figures: dict[str, dict[str, Any]] = {name: {} for name in READY}
    modules = {"modelgates": "modelgates", "raw httpx": "httpx", "openrouter": "openrouter"}
    for name, module in modules.items():
        figures[name]["import (ms, -X importtime)"] = import_ms(module, args.import_runs)
        figures[name]["import + ready client (ms)"] = ready_ms(READY[name], args.import_runs)
    httpx_closure = closure("httpx")
    sizes = {
        "modelgates": ({"modelgates"}, closure("modelgates")),
        "raw httpx": ({"httpx"}, httpx_closure),
        "openrouter": ({"openrouter"}, closure("openrouter")),
    }
    for name, (alone, everything) in sizes.items():
        figures[name]["installed, package alone (MB)"] = installed_bytes(alone) / 1e6
        figures[name]["installed, with dependencies (MB)"] = installed_bytes(everything) / 1e6

    with sandbox(args.sandbox) as (base_url, key):
        calls = clients(base_url, key)
        seed = httpx.Client()
        for i in range(99):  # the default workspace plus 99: a full page of 100
            seed.post(
                base_url + "/workspaces",
                headers={"authorization": f"Bearer {key}"},
                json={"name": f"Bench {i}", "slug": f"bench-{i}", "description": "x" * 40},
            ).raise_for_status()
        check_results(calls)
        for operation in calls["modelgates"]:
            medians = per_call_ms(calls, operation, args.calls, args.warmup)
            for name, value in medians.items():
                figures[name][f"{operation}, median (ms)"] = value

    versions = {
        "modelgates": modelgates.__version__,
        "raw httpx": httpx.__version__,
        "openrouter": metadata.version("openrouter"),
    }
    print(
        f"python {sys.version.split()[0]}, httpx {httpx.__version__}, openrouter {versions['openrouter']}, "
        f"{args.calls} timed calls per cell after {args.warmup} warm-up, sandbox {args.sandbox.name} "
        f"({'release' if 'release' in str(args.sandbox) else 'debug'} build)"
    )
    print()
    names = list(figures)
    print("| | " + " | ".join(f"{n} {versions[n]}" for n in names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for row in figures["modelgates"]:
        cells = [f"{figures[n][row]:.3f}" if "median" in row else f"{figures[n][row]:.1f}" for n in names]
        print(f"| {row} | " + " | ".join(cells) + " |")
    print()
    for row in figures["modelgates"]:
        if "median" in row:
            ours, floor, official = (figures[n][row] for n in names)
            print(
                f"{row}: modelgates is {100 * (ours / floor - 1):+.1f}% vs raw httpx, "
                f"{100 * (ours / official - 1):+.1f}% vs openrouter"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"versions": versions, "figures": figures}, indent=2))
    del openrouter


if __name__ == "__main__":
    main()
