"""The sync Client against the sandbox over real HTTP: the whole flow, every error class, and the
faults (429 with Retry-After, 503 on GET retried, 503 on POST not retried, a dropped connection,
a truncated body, a timeout). The sandbox's request counts prove how many requests were sent."""

from __future__ import annotations

import datetime
import secrets
import time
from typing import Any

import httpx
import pytest

import modelgates
from conftest import Sandbox

FAST_RETRY = modelgates.RetryPolicy(initial_backoff=0.05, max_backoff=0.2)


def client_for(sandbox: Sandbox, fault: str | None = None, **kwargs: Any) -> modelgates.Client:
    # max_retries and retry may not both be given: a test's max_retries goes into the fast policy.
    if "max_retries" in kwargs:
        kwargs["retry"] = modelgates.RetryPolicy(max_retries=kwargs.pop("max_retries"), initial_backoff=0.05, max_backoff=0.2)
    kwargs.setdefault("retry", FAST_RETRY)
    return modelgates.Client(
        kwargs.pop("api_key", sandbox.management_key),
        base_url=sandbox.url_for(fault),
        default_headers={"X-Sandbox-Fault": fault} if fault else None,
        **kwargs,
    )


def unique_slug() -> str:
    return f"py-{secrets.token_hex(4)}"


def test_the_whole_flow(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        slug = unique_slug()
        created = client.workspaces.create(
            name="Python flow", slug=slug, description="made by pytest", io_logging_sampling_rate=0.5
        )
        assert (created.name, created.slug, created.description) == ("Python flow", slug, "made by pytest")
        assert created.io_logging_sampling_rate == 0.5
        assert client.workspaces.get(created.id) == created
        assert client.workspaces.get(slug) == created

        page = client.workspaces.list(limit=100)
        assert created in page.data and page.total_count >= len(page.data) >= 2

        renamed = client.workspaces.update(slug, name="Renamed", default_text_model="openai/gpt-4o")
        assert (renamed.name, renamed.description, renamed.default_text_model) == (
            "Renamed",
            "made by pytest",
            "openai/gpt-4o",
        )
        assert renamed.updated_at is not None
        # None is sent as null and clears the field; what is not given stays as it was.
        cleared = client.workspaces.update(slug, description=None)
        assert cleared.description is None and cleared.default_text_model == "openai/gpt-4o"

        for _ in range(3):
            client.workspaces.create(name="Filler", slug=unique_slug())
        everything = list(client.workspaces.list_all(page_size=2))
        ids = [w.id for w in everything]
        assert len(ids) == len(set(ids)) == client.workspaces.list(limit=1).total_count
        assert created.id in ids

        key = client.keys.create(
            name="ci", workspace_id=created.id, limit=25, limit_reset="monthly", expires_at="2099-01-01T00:00:00+00:00"
        )
        assert key.key.startswith("sk-mg-v1-")
        assert key.data.workspace_id == created.id
        assert (key.data.limit, key.data.limit_reset, key.data.expires_at) == (
        25.0,
        "monthly",
        datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc),
    )
        assert key.key not in repr(key) and "[REDACTED]" in repr(key)
        assert key.to_dict()["key"] == key.key and key.to_dict()["data"] == key.data.to_dict()


def test_the_walk_never_ends_early(sandbox: Sandbox, fault_label: str) -> None:
    """A server that gives fewer items than asked, a list that grows mid-walk and a failed page
    (reported as a user met them: ``list_all()`` used to stop after the first short page)."""
    with client_for(sandbox) as client:
        for _ in range(4):
            client.workspaces.create(name="Walk filler", slug=unique_slug())
        total = client.workspaces.list(limit=1).total_count
        with client_for(sandbox, "page-cap=2") as capped:
            assert len(list(capped.workspaces.list_all())) == total

        walk = client.workspaces.list_all(page_size=2)
        first = next(walk)
        late = client.workspaces.create(name="Late", slug=unique_slug())
        rest = [w.id for w in walk]
        assert len(rest) + 1 == total + 1 and rest[-1] == late.id
        assert first.id not in rest

    # No retries and a 500 on the first page: the walk raises, and iterating it again retries.
    with client_for(sandbox, f"status=500;times=1;key={fault_label}", max_retries=0) as flaky:
        walk = flaky.workspaces.list_all(page_size=3)
        with pytest.raises(modelgates.InternalServerError):
            list(walk)
        assert len(list(walk)) == total + 1
    assert sandbox.counts(fault_label)["list-workspaces"] == 1 + (total + 1 + 2) // 3


def test_the_key_lifecycle(sandbox: Sandbox, fault_label: str) -> None:
    """Walk, get, update (None clears), conflict, deletions and the calling key, as a user
    would call them; then a DELETE whose answer was lost, reported done."""
    with client_for(sandbox) as client:
        workspace = client.workspaces.create(name="Keys", slug=unique_slug())
        made = [client.keys.create(name=f"py key {i}", workspace_id=workspace.id, limit=5) for i in range(3)]
        hashes = [key.data.hash for key in made]
        assert [key.hash for key in client.keys.list_all(workspace_id=workspace.id)] == hashes
        got = client.keys.get(hashes[0])
        assert (got.name, got.limit, got.last_used_at) == ("py key 0", 5.0, None)
        updated = client.keys.update(hashes[0], name="renamed", disabled=True, limit=None)
        assert (updated.name, updated.disabled, updated.limit) == ("renamed", True, None)
        assert len(client.keys.list(workspace_id=workspace.id)) == 2
        assert len(client.keys.list(workspace_id=workspace.id, include_disabled=True)) == 3
        with pytest.raises(modelgates.ConflictError):
            client.keys.update(hashes[2], name="py key 1")
        with pytest.raises(modelgates.ValidationError) as nothing:
            client.keys.update(hashes[2])
        assert nothing.value.field == "body"
        with pytest.raises(modelgates.BadRequestError):
            client.workspaces.delete(workspace.id)
        for key_hash in hashes:
            assert client.keys.delete(key_hash).deleted
        with pytest.raises(modelgates.NotFoundError):
            client.keys.get(hashes[0])
        assert client.workspaces.delete(workspace.slug).deleted
        assert client.keys.current().is_management_key

        lost = client.keys.create(name="lost answer")
    with client_for(sandbox, f"truncate;times=1;key={fault_label}") as flaky:
        assert flaky.keys.delete(lost.data.hash).deleted
    assert sandbox.counts(fault_label)["delete-keys"] == 2


def test_a_redirect_is_never_followed(sandbox: Sandbox, fault_label: str) -> None:
    """httpx is told not to follow (even an http_client that would), and the core makes the 302
    a RedirectError naming where it pointed."""
    http = httpx.Client(follow_redirects=True)
    with client_for(sandbox, f"redirect;key={fault_label}", http_client=http) as client:
        with pytest.raises(modelgates.RedirectError) as raised:
            client.workspaces.get("default")
    http.close()
    assert raised.value.status == 302 and not raised.value.retryable
    assert raised.value.location == "http://127.0.0.1:9/api/v1/redirected"
    assert "http://127.0.0.1:9/api/v1/redirected" in raised.value.message
    assert sandbox.counts(fault_label)["get-workspace"] == 1


def test_environment_variables_configure_the_client(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELGATES_API_KEY", sandbox.management_key)
    monkeypatch.setenv("MODELGATES_BASE_URL", sandbox.base_url)
    with modelgates.Client() as client:
        assert client.base_url == sandbox.base_url
        assert client.workspaces.get("default").slug == "default"
    monkeypatch.delenv("MODELGATES_API_KEY")
    with pytest.raises(modelgates.ValidationError) as raised:
        modelgates.Client()
    assert raised.value.field == "api_key"


def test_status_errors_map_to_their_classes(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        with pytest.raises(modelgates.NotFoundError) as not_found:
            client.workspaces.get("no-such-workspace")
        assert not_found.value.status == 404 and not_found.value.code == 404
        assert (not_found.value.request_id or "").startswith("req_")
        assert not_found.value.user_id == "user_sandbox"

        slug = unique_slug()
        client.workspaces.create(name="First", slug=slug)
        with pytest.raises(modelgates.BadRequestError) as taken:
            client.workspaces.create(name="Second", slug=slug)
        assert taken.value.status == 400 and taken.value.metadata == {"field": "slug"}

    with client_for(sandbox, api_key="sk-mg-not-the-right-key") as client, pytest.raises(
        modelgates.AuthenticationError
    ) as unauthorized:
        client.workspaces.list()
    assert unauthorized.value.status == 401 and unauthorized.value.user_id is None

    with client_for(sandbox, api_key=sandbox.restricted_key) as client, pytest.raises(
        modelgates.PermissionDeniedError
    ) as forbidden:
        client.keys.create(name="nope")
    assert forbidden.value.status == 403


def test_invalid_input_sends_nothing(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"key={fault_label}") as client:
        with pytest.raises(modelgates.ValidationError) as bad_slug:
            client.workspaces.create(name="X", slug="Not A Slug")
        assert bad_slug.value.field == "slug"
        with pytest.raises(modelgates.ValidationError) as bad_limit:
            client.keys.create(name="k", limit=-1)
        assert bad_limit.value.field == "limit"
        with pytest.raises(modelgates.ValidationError) as bad_page:
            client.workspaces.list_all(page_size=0)
        assert bad_page.value.field == "page_size"
        # A sanity check that the label counts at all: one real request.
        client.workspaces.get("default")
    assert sum(sandbox.counts(fault_label).values()) == 1


def test_429_with_retry_after_is_retried_after_that_wait(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"status=429;retry-after=1;times=1;key={fault_label}") as client:
        started = time.monotonic()
        assert client.workspaces.get("default").slug == "default"
        assert time.monotonic() - started >= 0.95
    assert sandbox.counts(fault_label)["get-workspace"] == 2


def test_429_after_the_last_retry_is_a_rate_limit_error(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"status=429;retry-after=0;key={fault_label}", max_retries=1) as client:
        with pytest.raises(modelgates.RateLimitError) as raised:
            client.keys.create(name="limited")
    assert raised.value.retry_after == 0.0 and raised.value.status == 429
    # A 429 means the server refused the POST, so retrying it cannot mint a second key.
    assert sandbox.counts(fault_label)["create-keys"] == 2


def test_503_twice_on_get_is_retried(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"status=503;times=2;key={fault_label}") as client:
        assert client.workspaces.list(limit=1).total_count >= 1
    assert sandbox.counts(fault_label)["list-workspaces"] == 3


def test_503_on_post_is_not_retried(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"status=503;key={fault_label}") as client:
        with pytest.raises(modelgates.InternalServerError) as workspace_error:
            client.workspaces.create(name="Once", slug=unique_slug())
        with pytest.raises(modelgates.InternalServerError):
            client.keys.create(name="once")
    assert workspace_error.value.status == 503
    counts = sandbox.counts(fault_label)
    assert (counts["create-workspace"], counts["create-keys"]) == (1, 1)


def test_html_error_page_is_an_api_error_without_code(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"status=502;body=html;key={fault_label}") as client:
        with pytest.raises(modelgates.InternalServerError) as on_get:
            client.workspaces.get("default")
        with pytest.raises(modelgates.InternalServerError) as on_key:
            client.keys.create(name="html")
    assert on_get.value.status == 502 and on_get.value.code is None
    assert "Bad Gateway" in on_get.value.message
    # A create-keys answer is described, never quoted: a gateway page may wrap the new secret.
    assert on_key.value.status == 502 and on_key.value.code is None
    assert "Bad Gateway" not in on_key.value.message and "not shown" in on_key.value.message


def test_dropped_connection(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"drop;key={fault_label}") as client:
        with pytest.raises(modelgates.APIConnectionError) as on_get:
            client.workspaces.get("default")
        with pytest.raises(modelgates.APIConnectionError):
            client.keys.create(name="dropped")
    assert not isinstance(on_get.value, modelgates.APITimeoutError)
    counts = sandbox.counts(fault_label)
    # GET: first attempt and two retries. POST: the server may have acted, so once only.
    assert (counts["get-workspace"], counts["create-keys"]) == (3, 1)


def test_truncated_body(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"truncate;times=1;key={fault_label}") as client:
        assert client.workspaces.get("default").slug == "default"
    assert sandbox.counts(fault_label)["get-workspace"] == 2

    label = fault_label + "-post"
    with client_for(sandbox, f"truncate;key={label}") as client:
        with pytest.raises(modelgates.APIConnectionError) as raised:
            client.keys.create(name="truncated")
    assert "sk-mg-v1-" not in str(raised.value)
    assert sandbox.counts(label)["create-keys"] == 1


def test_timeout(sandbox: Sandbox, fault_label: str) -> None:
    with client_for(sandbox, f"delay-ms=3000;key={fault_label}", max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(modelgates.APITimeoutError):
            client.workspaces.get("default", timeout=0.3)
        assert time.monotonic() - started < 2.5
    label = fault_label + "-post"
    with client_for(sandbox, f"delay-ms=3000;key={label}", timeout=0.3) as client:
        with pytest.raises(modelgates.APITimeoutError):
            client.workspaces.create(name="Slow", slug=unique_slug())
    assert sandbox.counts(fault_label)["get-workspace"] == 1
    assert sandbox.counts(label)["create-workspace"] == 1


def test_own_http_client_is_left_open(sandbox: Sandbox) -> None:
    http = httpx.Client()
    with client_for(sandbox, http_client=http) as client:
        assert client.workspaces.get("default").slug == "default"
    assert not http.is_closed
    http.close()
    with client_for(sandbox) as owned:
        owned.workspaces.get("default")
    assert owned._http.is_closed


def test_threads_sharing_one_walk_get_each_item_once(sandbox: Sandbox) -> None:
    """Threads calling `next` on one walk: each waits for the page another is fetching."""
    from concurrent.futures import ThreadPoolExecutor

    with client_for(sandbox) as client:
        for _ in range(3):
            client.workspaces.create(name="Queued", slug=unique_slug())
        total = client.workspaces.list(limit=1).total_count
        items = client.workspaces.list_all(page_size=1)
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda _: next(items), range(total)))
        assert len({w.id for w in got}) == total
        assert next(items, None) is None


def test_a_closed_client_refuses_at_once_and_sends_nothing(sandbox: Sandbox, fault_label: str) -> None:
    """After `close()` (or its `with` block), a call is a ValidationError naming `http_client`
    at once: before, a GET was retried with backoff for over a second, then a retryable
    APIConnectionError."""
    client = client_for(sandbox, f"key={fault_label}")
    client.close()
    started = time.monotonic()
    with pytest.raises(modelgates.ValidationError) as raised:
        client.workspaces.get("default")
    assert raised.value.field == "http_client" and time.monotonic() - started < 0.5
    assert sandbox.counts(fault_label).get("get-workspace", 0) == 0


def test_amounts_as_decimal_or_fraction(sandbox: Sandbox, fault_label: str) -> None:
    """Money is often a Decimal: an amount may be one (or a Fraction), sent as the float it
    rounds to. A Decimal NaN is refused by name like a float NaN, nothing sent (before, any
    Decimal was refused as an unsupported type)."""
    from decimal import Decimal
    from fractions import Fraction

    with client_for(sandbox, f"key={fault_label}") as client:
        key = client.keys.create(name="decimal", limit=Decimal("12.50"))
        assert key.data.limit == 12.5
        updated = client.keys.update(key.data.hash, limit=Fraction(1, 4))
        assert updated.limit == 0.25
        for bad in (Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), Decimal("-1")):
            with pytest.raises(modelgates.ValidationError) as raised:
                client.keys.create(name="bad", limit=bad)
            assert raised.value.field == "limit", str(raised.value)
        client.keys.delete(key.data.hash)
    assert sandbox.counts(fault_label).get("create-keys", 0) == 1
