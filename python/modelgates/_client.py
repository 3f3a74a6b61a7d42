"""The synchronous client: the core's Call loop, written once, over an ``httpx.Client``."""

from __future__ import annotations

import time

from . import _native
from ._config import http_client_for, native_client
from ._pagination import Walk
from ._transport import describe, failure_kind, send_errors
from ._types import NOT_GIVEN, NotGiven, given

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import TracebackType
    from typing import TypeVar

    import httpx

    from ._native import CreatedKey, RetryPolicy, Workspace, WorkspacePage

    T = TypeVar("T")


class Client:
    """A ModelGates management API client.

    ``api_key`` and ``base_url`` default to ``MODELGATES_API_KEY`` and ``MODELGATES_BASE_URL``.
    ``timeout`` is seconds per attempt: 60 (the SDK's default) when not given, None for no time
    limit at all; an ``http_client``'s own timeout setting is never used. Every method takes a
    ``timeout`` too, for that call only (not given: the client's; None: no time limit).
    ``max_retries`` and ``retry`` set how failed attempts are retried. Pass your own
    ``http_client`` for proxies or certificates: it is used as is and left open on ``close()``.
    """

    workspaces: Workspaces
    keys: Keys

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        import httpx

        self._native = native_client(api_key, base_url, timeout, max_retries, retry, default_headers)
        self._http, self._owns_http_client = http_client_for(http_client, httpx.Client)
        self.workspaces = Workspaces(self)
        self.keys = Keys(self)

    @property
    def base_url(self) -> str:
        """The API root requests go to."""
        return self._native.base_url

    def close(self) -> None:
        """Closes the HTTP client if this client opened it."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r})"

    # Monotonic clock and sleep, as methods so that a test can run the loop on a fake clock.
    def _now(self) -> float:
        return time.monotonic()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _run(self, call: _native.Call[T], timeout: float | None | NotGiven) -> T:
        """Drives one call to its end: sends what it asks, sleeps when it says, returns its value
        or raises its error."""
        if not isinstance(timeout, NotGiven):
            timeout = self._native.attempt_timeout(timeout)
        http = self._http
        errors = send_errors()
        while True:
            action = call.next_action(self._now())
            if isinstance(action, _native.Send):
                attempt_timeout = action.timeout if isinstance(timeout, NotGiven) else timeout
                try:
                    response = http.request(
                        action.method,
                        action.url,
                        headers=action.headers,
                        content=action.body,
                        timeout=attempt_timeout,
                        follow_redirects=action.follow_redirects,
                    )
                except errors as error:
                    call.handle_transport_error(failure_kind(error), describe(error))
                    continue
                call.handle_response(response.status_code, response.headers.raw, response.content)
            elif isinstance(action, _native.Wait):
                self._sleep(action.seconds)
            else:
                return action.value


class Workspaces:
    """``client.workspaces``: create, list, get and update workspaces."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        *,
        name: str,
        slug: str,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: str | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> Workspace:
        """``POST /workspaces``. Arguments left out are not sent; None is sent as null."""
        fields = given(
            name=name,
            slug=slug,
            description=description,
            default_image_model=default_image_model,
            default_text_model=default_text_model,
            default_provider_sort=default_provider_sort,
            io_logging_api_key_ids=io_logging_api_key_ids,
            io_logging_sampling_rate=io_logging_sampling_rate,
            is_data_discount_logging_enabled=is_data_discount_logging_enabled,
            is_observability_broadcast_enabled=is_observability_broadcast_enabled,
            is_observability_io_logging_enabled=is_observability_io_logging_enabled,
        )
        return self._client._run(self._client._native.call("create-workspace", {"body": fields}), timeout)

    def list(
        self,
        *,
        offset: int | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> WorkspacePage:
        """``GET /workspaces``: one page (``limit`` 1 to 100; the server's default is 50)."""
        fields = given(offset=offset, limit=limit)
        return self._client._run(self._client._native.call("list-workspaces", {"query": fields}), timeout)

    def list_all(
        self,
        *,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> Walk[Workspace]:
        """Every workspace, fetched ``page_size`` (1 to 100, default 100) at a time as you
        iterate with a ``for`` loop. The walk never ends early in silence; after a failed page,
        iterating it again retries that page. A bad ``page_size`` or ``timeout`` raises here,
        before anything is sent."""
        pager = self._client._native.workspace_pager(given(page_size=page_size))
        if not isinstance(timeout, NotGiven):
            timeout = self._client._native.attempt_timeout(timeout)
        return Walk(self._client, pager, timeout)

    def get(self, id: str, *, timeout: float | None | NotGiven = NOT_GIVEN) -> Workspace:
        """``GET /workspaces/{id}``, by id (UUID) or slug."""
        return self._client._run(self._client._native.call("get-workspace", {"id": id}), timeout)

    def update(
        self,
        id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        slug: str | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: str | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> Workspace:
        """``PATCH /workspaces/{id}``: only the arguments given change; None clears a field."""
        fields = given(
            name=name,
            slug=slug,
            description=description,
            default_image_model=default_image_model,
            default_text_model=default_text_model,
            default_provider_sort=default_provider_sort,
            io_logging_api_key_ids=io_logging_api_key_ids,
            io_logging_sampling_rate=io_logging_sampling_rate,
            is_data_discount_logging_enabled=is_data_discount_logging_enabled,
            is_observability_broadcast_enabled=is_observability_broadcast_enabled,
            is_observability_io_logging_enabled=is_observability_io_logging_enabled,
        )
        return self._client._run(self._client._native.call("update-workspace", {"id": id, "body": fields}), timeout)


class Keys:
    """``client.keys``: create API keys."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        *,
        name: str,
        workspace_id: str | NotGiven = NOT_GIVEN,
        expires_at: str | None | NotGiven = NOT_GIVEN,
        limit: float | None | NotGiven = NOT_GIVEN,
        limit_reset: str | None | NotGiven = NOT_GIVEN,
        include_byok_in_limit: bool | NotGiven = NOT_GIVEN,
        creator_user_id: str | None | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> CreatedKey:
        """``POST /keys``. The answer's ``key`` is the new key's secret, shown only this once.
        Never retried after the request may have reached the server, so it mints one key at
        most."""
        fields = given(
            name=name,
            workspace_id=workspace_id,
            expires_at=expires_at,
            limit=limit,
            limit_reset=limit_reset,
            include_byok_in_limit=include_byok_in_limit,
            creator_user_id=creator_user_id,
        )
        return self._client._run(self._client._native.call("create-keys", {"body": fields}), timeout)
