"""What a Python user reaches for every day, tried as a user would against the sandbox: models and
errors that pickle and copy (a ProcessPoolExecutor worker's NotFoundError arrives as one),
`to_json()`, pages as sequences, settings refused where they are made (RetryPolicy, max_retries
with retry), httpx's own URL and Timeout types, the app's name in the User-Agent, any sequence for
a list argument, the missing-key error naming MODELGATES_API_KEY, and the core's log lines on the
`modelgates` logger (and on stderr with MODELGATES_LOG)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import json
import logging
import os
import pathlib
import pickle
import re
import secrets
import subprocess
import sys

import httpx
import pytest

import modelgates
from conftest import Sandbox


def client_for(sandbox: Sandbox, **kwargs: object) -> modelgates.Client:
    return modelgates.Client(sandbox.management_key, base_url=sandbox.base_url, **kwargs)  # type: ignore[arg-type]


def fetch_missing(api_key: str, base_url: str) -> None:
    """Runs in a worker process: raises the SDK's NotFoundError there."""
    with modelgates.Client(api_key, base_url=base_url) as client:
        client.workspaces.get(f"missing-{secrets.token_hex(4)}")


def test_models_pickle_copy_and_export_as_json(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        workspace = client.workspaces.get("default")
        page = client.workspaces.list(limit=1)
    assert pickle.loads(pickle.dumps(workspace)) == workspace
    assert copy.deepcopy(workspace) == workspace and copy.copy(workspace) == workspace
    assert pickle.loads(pickle.dumps(page)) == page
    exported = json.loads(workspace.to_json())
    assert exported == workspace.to_dict() and exported["slug"] == "default" and "created_at" in exported
    # Unpickling reads the text as the SDK reads an answer: a damaged one names the field.
    damaged = {key: value for key, value in exported.items() if key != "name"}
    with pytest.raises(ValueError, match=r"^name: is missing$"):
        type(workspace)._from_json(json.dumps(damaged))


def test_pages_read_as_sequences(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        client.workspaces.create(name="Seq", slug=f"py-seq-{secrets.token_hex(4)}")
        page = client.workspaces.list(limit=2)
    assert len(page) == 2
    assert [w.id for w in page] == [w.id for w in page.data]
    assert page[0] == page.data[0] and page[-1] == page.data[-1]
    with pytest.raises(IndexError):
        page[2]


def test_an_error_in_a_worker_process_arrives_as_itself(sandbox: Sandbox) -> None:
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        future = pool.submit(fetch_missing, sandbox.management_key, sandbox.base_url)
        with pytest.raises(modelgates.NotFoundError) as caught:
            future.result(timeout=60)
    error = caught.value
    assert error.status == 404 and error.request_id and error.message and not error.retryable
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is modelgates.NotFoundError and again.__dict__ == error.__dict__ and str(again) == str(error)


def test_validation_errors_pickle_with_their_field() -> None:
    with pytest.raises(modelgates.ValidationError) as caught:
        modelgates.RetryPolicy(jitter=2)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.field == "jitter" and str(again) == str(caught.value)


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"jitter": 2}, "jitter"),
        ({"jitter": -0.5}, "jitter"),
        ({"initial_backoff": 5, "max_backoff": 1}, "initial_backoff"),
        ({"max_elapsed": 0}, "max_elapsed"),
    ],
)
def test_a_bad_retry_policy_is_refused_where_it_is_made(settings: dict[str, float], field: str) -> None:
    with pytest.raises(modelgates.ValidationError) as caught:
        modelgates.RetryPolicy(**settings)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_no_retries_may_have_no_time_budget() -> None:
    assert modelgates.RetryPolicy(max_retries=0, max_elapsed=0).max_elapsed == 0


def test_max_retries_and_retry_together_are_refused(sandbox: Sandbox) -> None:
    with pytest.raises(modelgates.ValidationError) as caught:
        client_for(sandbox, retry=modelgates.RetryPolicy(max_retries=1), max_retries=3)
    assert caught.value.field == "max_retries" and "not both" in str(caught.value)


@pytest.mark.parametrize(("value", "problem"), [(-1, "must be 0 or more (got -1)"),
                                               (2**32, "must be 4294967295 or less (got 4294967296)")])
def test_a_count_out_of_range_says_which_end(sandbox: Sandbox, value: int, problem: str) -> None:
    for make in (lambda: client_for(sandbox, max_retries=value),
                 lambda: modelgates.RetryPolicy(max_retries=value)):
        with pytest.raises(modelgates.ValidationError) as caught:
            make()
        assert caught.value.field == "max_retries" and str(caught.value).endswith(problem)


def test_a_missing_key_names_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELGATES_API_KEY", raising=False)
    with pytest.raises(modelgates.ValidationError) as caught:
        modelgates.Client(base_url="http://127.0.0.1:9/api/v1")
    assert caught.value.field == "api_key" and "MODELGATES_API_KEY" in str(caught.value)


def test_httpx_url_and_timeout_are_accepted(sandbox: Sandbox, fault_label: str) -> None:
    with modelgates.Client(sandbox.management_key, base_url=httpx.URL(sandbox.base_url), timeout=httpx.Timeout(10)) as client:
        assert client.workspaces.get("default").slug == "default"
    fault = f"delay-ms=1500;key={fault_label}"
    with modelgates.Client(
        sandbox.management_key,
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault},
        retry=modelgates.RetryPolicy(max_retries=0),
        timeout=httpx.Timeout(10, read=0.3),
    ) as client:
        with pytest.raises(modelgates.APITimeoutError):
            client.workspaces.get("default")
        # A call's own httpx.Timeout wins over the client's.
        assert client.workspaces.get("default", timeout=httpx.Timeout(5)).slug == "default"


def test_the_apps_name_joins_the_user_agent(sandbox: Sandbox) -> None:
    seen: list[str] = []
    http = httpx.Client(event_hooks={"request": [lambda request: seen.append(request.headers["user-agent"])]})
    with http, client_for(sandbox, http_client=http, user_agent="inventory-sync/2.1") as client:
        client.workspaces.get("default")
    assert seen and seen[0].endswith(" inventory-sync/2.1") and "modelgates-python/" in seen[0]
    with pytest.raises(modelgates.ValidationError) as caught:
        client_for(sandbox, user_agent="bad\nagent")
    assert caught.value.field == "user_agent"


def test_any_sequence_is_a_list_argument_but_a_set_is_refused_by_name(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        workspace = client.workspaces.create(
            name="Seq ids", slug=f"py-ids-{secrets.token_hex(4)}", io_logging_api_key_ids=range(3)
        )
        assert workspace.io_logging_api_key_ids == [0, 1, 2]
        with pytest.raises(modelgates.ValidationError) as caught:
            client.workspaces.update(workspace.id, io_logging_api_key_ids={1, 2})  # type: ignore[arg-type]
        assert caught.value.field == "io_logging_api_key_ids"


def test_the_sync_clients_repr_names_its_own_class(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        assert repr(client).startswith("Client(")


def test_the_modelgates_logger_gets_each_attempt_retry_and_answer(
    sandbox: Sandbox, fault_label: str, caplog: pytest.LogCaptureFixture
) -> None:
    fault = f"status=503;times=1;key={fault_label}"
    caplog.set_level(logging.DEBUG, logger="modelgates")
    with modelgates.Client(
        sandbox.management_key,
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault},
        retry=modelgates.RetryPolicy(initial_backoff=0.05, max_backoff=0.2),
    ) as client:
        assert client.workspaces.get("default").slug == "default"
        with pytest.raises(modelgates.NotFoundError):
            client.workspaces.get(f"missing-{secrets.token_hex(4)}")
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "modelgates"]
    assert [level for level, _ in lines] == ["DEBUG", "INFO", "INFO", "DEBUG", "DEBUG", "DEBUG", "WARNING"], lines
    assert lines[0][1].startswith("get-workspace: sending GET ") and "(attempt 1 of at most 3)" in lines[0][1]
    assert lines[1][1].startswith("get-workspace: HTTP 503")
    assert re.fullmatch(r"get-workspace: retry 1 of 2 in \d+ ms \(backoff\)", lines[2][1])
    assert lines[6][1].startswith("get-workspace: failed: ")
    assert not any(sandbox.management_key in message for _, message in lines)


def test_modelgates_log_prints_the_lines_without_any_setup(sandbox: Sandbox) -> None:
    program = (
        "import modelgates, os\n"
        "client = modelgates.Client(os.environ['KEY'], base_url=os.environ['URL'])\n"
        "try:\n"
        "    client.workspaces.get('missing-workspace')\n"
        "except modelgates.NotFoundError:\n"
        "    pass\n"
    )
    env = dict(os.environ, MODELGATES_LOG="info", KEY=sandbox.management_key, URL=sandbox.base_url)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "modelgates WARNING get-workspace: failed: " in done.stderr
    assert "sending GET" not in done.stderr  # debug lines stay out at info
    assert sandbox.management_key not in done.stderr


def test_a_handled_error_prints_nothing_without_any_setup(sandbox: Sandbox) -> None:
    # Before, logging's last-resort handler printed the failed call's warning to stderr of a
    # program that had caught the error and set up no logging (as a library must not).
    program = (
        "import modelgates, os\n"
        "client = modelgates.Client(os.environ['KEY'], base_url=os.environ['URL'])\n"
        "try:\n"
        "    client.workspaces.get('00000000-0000-4000-8000-000000000000')\n"
        "except modelgates.NotFoundError:\n"
        "    print('handled')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MODELGATES_LOG"}
    env.update(KEY=sandbox.management_key, URL=sandbox.base_url)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "handled\n", "")


def test_with_options_changes_settings_for_some_calls_only(sandbox: Sandbox, fault_label: str) -> None:
    fault = f"status=503;key={fault_label}"
    seen: list[str] = []
    http = httpx.Client(event_hooks={"request": [lambda request: seen.append(request.headers.get("x-team", ""))]})
    with http, modelgates.Client(
        sandbox.management_key,
        base_url=sandbox.url_for(fault),
        http_client=http,
        default_headers={"X-Sandbox-Fault": fault, "X-Team": "core"},
        retry=modelgates.RetryPolicy(initial_backoff=0.02, max_backoff=0.05),
    ) as client:
        once = client.with_options(max_retries=0, default_headers={"X-Team": "ops"})
        with pytest.raises(modelgates.InternalServerError):
            once.workspaces.get("default")
        assert sandbox.counts(fault_label)["get-workspace"] == 1 and seen == ["ops"]
        with pytest.raises(modelgates.InternalServerError):
            client.workspaces.get("default")  # the client itself still retries, with its header
        assert sandbox.counts(fault_label)["get-workspace"] == 4 and seen[1:] == ["core"] * 3
        assert client.with_options(timeout=None)._native.timeout is None
        assert client._native.timeout == 60
    # Closing a derived client closes nothing: its HTTP client belongs to the one it came from.
    with client_for(sandbox) as owner:
        owner.with_options(timeout=5).close()
        assert owner.workspaces.get("default").slug == "default"
    for bad, field in (({"timeout": 0}, "timeout"), ({"default_headers": {"Connection": "close"}}, "default_headers"),
                       ({"max_retries": 1, "retry": modelgates.RetryPolicy()}, "max_retries")):
        with pytest.raises(modelgates.ValidationError) as caught:
            client.with_options(**bad)
        assert caught.value.field == field


def test_with_raw_response_gives_status_headers_and_request_id(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox) as client:
        raw = client.with_raw_response.workspaces.get("default")
        assert raw.status_code == 200 and raw.request_id and raw.request_id.startswith("req_")
        assert raw.headers["content-type"].startswith("application/json")
        workspace = raw.parse()
        assert isinstance(workspace, modelgates.Workspace) and workspace.slug == "default"
        assert "RawResponse(status_code=200" in repr(raw)
        slug = f"py-raw-{secrets.token_hex(4)}"
        created = client.with_raw_response.workspaces.create(name="Raw", slug=slug)
        assert created.status_code == 201 and created.parse().slug == slug
        # Errors stay errors; a derived client has the raw view too.
        with pytest.raises(modelgates.NotFoundError):
            client.with_raw_response.workspaces.get(f"missing-{secrets.token_hex(4)}")
        assert client.with_options(max_retries=0).with_raw_response.keys.current().status_code == 200


def test_with_raw_response_async(sandbox: Sandbox) -> None:
    async def main() -> None:
        async with modelgates.AsyncClient(sandbox.management_key, base_url=sandbox.base_url) as client:
            raw = await client.with_raw_response.workspaces.list(limit=1)
            assert raw.status_code == 200 and len(raw.parse()) == 1 and raw.request_id

    asyncio.run(main())


def test_expires_at_takes_an_aware_datetime_and_refuses_a_naive_one(sandbox: Sandbox) -> None:
    import datetime

    paris = datetime.timezone(datetime.timedelta(hours=2))
    with client_for(sandbox) as client:
        created = client.keys.create(name="dated", expires_at=datetime.datetime(2031, 6, 1, 14, 30, tzinfo=paris))
        # The same instant comes back, in UTC.
        assert created.data.expires_at == datetime.datetime(2031, 6, 1, 12, 30, tzinfo=datetime.timezone.utc)
        assert created.data.expires_at.utcoffset() == datetime.timedelta(0)
        client.keys.delete(created.data.hash)
        with pytest.raises(modelgates.ValidationError) as caught:
            client.keys.create(name="naive", expires_at=datetime.datetime(2031, 6, 1, 14, 30))
        assert caught.value.field == "expires_at" and "time zone" in str(caught.value)


def test_timestamps_are_aware_utc_datetimes(sandbox: Sandbox) -> None:
    import datetime

    with client_for(sandbox) as client:
        before = datetime.datetime.now(datetime.timezone.utc)
        workspace = client.workspaces.create(name="Timed", slug=f"timed-{secrets.token_hex(4)}")
        try:
            created_at = workspace.created_at
            assert isinstance(created_at, datetime.datetime) and created_at.tzinfo is not None
            assert created_at.utcoffset() == datetime.timedelta(0)
            # Arithmetic and comparison work as on any aware datetime (the sandbox's clock is ours).
            assert abs(created_at - before) < datetime.timedelta(minutes=1)
            key = client.keys.create(name="t", workspace_id=workspace.id, expires_at="2031-06-01T14:30:00.25+02:00")
            assert key.data.expires_at == datetime.datetime(2031, 6, 1, 12, 30, 0, 250000, tzinfo=datetime.timezone.utc)
            assert key.data.last_used_at is None
            # repr shows what the attribute is; to_dict and to_json keep the API's text.
            assert "created_at=datetime.datetime(" in repr(workspace)
            assert "expires_at=datetime.datetime(2031, 6, 1, 12, 30, 0, 250000" in repr(key)
            assert key.data.to_dict()["expires_at"] == "2031-06-01T12:30:00.25Z"
            assert pickle.loads(pickle.dumps(workspace)).created_at == created_at
            assert copy.deepcopy(key.data).expires_at == key.data.expires_at
            client.keys.delete(key.data.hash)
        finally:
            client.workspaces.delete(workspace.id)


def test_provider_sort_is_typed_by_its_documented_values_and_sends_any_other(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        slug = f"sort-{secrets.token_hex(4)}"
        workspace = client.workspaces.create(name="Sorted", slug=slug, default_provider_sort="latency")
        try:
            assert workspace.default_provider_sort == "latency"
            # The API lists its values in prose only: a value this SDK does not know goes through.
            later = client.workspaces.update(slug, default_provider_sort="carbon")  # type: ignore[arg-type]
            assert later.default_provider_sort == "carbon"
            assert client.workspaces.update(slug, default_provider_sort=None).default_provider_sort is None
        finally:
            client.workspaces.delete(workspace.id)


TYPED_CALLS = """
import datetime
import modelgates

client = modelgates.Client(api_key="x")
client.keys.create(name="n", limit_reset="monthly", expires_at=datetime.datetime.now(datetime.timezone.utc))
client.workspaces.create(name="n", slug="s", default_provider_sort="price")
created_at: datetime.datetime = client.workspaces.get("s").created_at
client.keys.create(name="n", limit_reset="yearly")
client.workspaces.create(name="n", slug="s", default_provider_sort="carbon")
text: str = client.workspaces.get("s").created_at
"""


def test_a_type_checker_knows_the_documented_values_and_the_time_types(tmp_path: pathlib.Path) -> None:
    # mypy --strict over a program with three right uses and three wrong ones: only the wrong
    # three are reported, each on its own line. (The wheel's own test environments hold pytest
    # only; the development environment, where CI runs this, has mypy.)
    pytest.importorskip("mypy")
    program = tmp_path / "typed_calls.py"
    program.write_text(TYPED_CALLS)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, str(program)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    lines = sorted(int(line.split(":")[1]) for line in errors)
    assert lines == [9, 10, 11], result.stdout
    assert '"limit_reset"' in errors[0] and '"default_provider_sort"' in errors[1], errors
