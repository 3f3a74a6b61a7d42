"""The client: the core's Call loop, written once, over httpx. This file (``_async/``) is the
source; ``_sync/`` is made from it by ``python/scripts/make_sync.py``."""

from __future__ import annotations

import time

from .. import _backend, _logs, _native
from .._config import http_client_for, invalid, native_client, split_timeout
from .._response import RawResponse
from .._transport import describe, failure_kind, send_errors
from .._types import NOT_GIVEN, NotGiven, given
from .pagination import AsyncWalk

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence
    from decimal import Decimal
    from types import TracebackType
    from typing import Literal, TypeVar

    import httpx

    from .._native import RetryPolicy
    # >>> generated: models
    from .._native import ApiKey, CreatedKey, CurrentApiKey, Deleted, KeyPage, Workspace, WorkspacePage
    # <<< generated: models

    T = TypeVar("T")


class AsyncClient:
    """A ModelGates management API client (``AsyncClient``: asyncio; ``Client``: sync).

    ``api_key`` and ``base_url`` default to ``MODELGATES_API_KEY`` and ``MODELGATES_BASE_URL``.
    ``timeout`` is seconds per attempt (a number or a ``datetime.timedelta``; or an
    ``httpx.Timeout``, sent to httpx as it is): 60 (the
    SDK's default) when not given, None for no time limit at all; an ``http_client``'s own
    timeout setting is never used. Every method takes a ``timeout`` too, for that call only (not
    given: the client's; None: no time limit). ``user_agent`` (your app's name and version, e.g.
    ``"my-app/1.2"``) is added to the ``User-Agent`` header.
    ``max_retries`` and ``retry`` set how failed attempts are retried. Pass your own
    ``http_client`` (an ``httpx.AsyncClient`` or ``httpx.Client``) for proxies or certificates:
    it is used as is and left open when this client closes. Cancelling an asyncio task that
    awaits a call stops it at once, retries included.
    """

    workspaces: AsyncWorkspaces
    keys: AsyncKeys
    with_raw_response: _AsyncWithRawResponse
    """The same operations, each answering a ``RawResponse`` (status, headers, request id;
    ``parse()`` for the result): ``client.with_raw_response.workspaces.get("prod")``."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        user_agent: str | None = None,
    ) -> None:
        import httpx

        core_timeout: float | datetime.timedelta | None | NotGiven = NOT_GIVEN
        self._http_timeout: httpx.Timeout | None = None
        if not isinstance(timeout, NotGiven):
            core_timeout, self._http_timeout = split_timeout(timeout)
        self._native = native_client(
            api_key, base_url, core_timeout, max_retries, retry, default_headers, user_agent
        )
        self._http, self._owns_http_client = http_client_for(http_client, httpx.AsyncClient)
        self.workspaces = AsyncWorkspaces(self)
        self.keys = AsyncKeys(self)
        self.with_raw_response = _AsyncWithRawResponse(self)

    def with_options(
        self,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncClient:
        """This client with other settings, for some calls:
        ``client.with_options(timeout=5, max_retries=0).workspaces.get("prod")``. It shares the
        key, the base URL and the HTTP client (closing it closes nothing). What is left out keeps
        this client's setting; ``default_headers`` are added to its headers. Bad settings raise
        ``ValidationError`` naming them, as the constructor's do."""
        clone = object.__new__(type(self))
        http_timeout = self._http_timeout
        core_timeout: float | datetime.timedelta | None = None
        if not isinstance(timeout, NotGiven):
            core_timeout, http_timeout = split_timeout(timeout)
        clone._native = self._native.with_options(
            timeout_given=not isinstance(timeout, NotGiven),
            timeout=core_timeout,
            retry=retry,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        clone._http_timeout = http_timeout
        clone._http = self._http
        clone._owns_http_client = False
        clone.workspaces = AsyncWorkspaces(clone)
        clone.keys = AsyncKeys(clone)
        clone.with_raw_response = _AsyncWithRawResponse(clone)
        return clone

    @property
    def base_url(self) -> str:
        """The API root requests go to."""
        return self._native.base_url

    async def aclose(self) -> None:
        """Closes the HTTP client if this client opened it (``with`` blocks do it too)."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    # Monotonic clock and sleep, as methods so that a test can run the loop on a fake clock.
    def _now(self) -> float:
        return time.monotonic()

    async def _sleep(self, seconds: float) -> None:
        await _backend.async_sleep(seconds)

    async def _run_raw(
        self, call: _native.Call[T], timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven
    ) -> RawResponse[T]:
        """``_run``, answering the result with the response it came in."""
        import httpx

        value = await self._run(call, timeout)
        status, headers = call.response() or (0, [])
        return RawResponse(value, status, httpx.Headers(headers))

    async def _run(self, call: _native.Call[T], timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven) -> T:
        """Drives one call to its end: sends what it asks, sleeps when it says, returns its value
        or raises its error."""
        http_timeout = self._http_timeout
        if not isinstance(timeout, NotGiven):
            timeout, http_timeout = split_timeout(timeout)
            timeout = self._native.attempt_timeout(timeout)
        call.begin_drive()
        http = self._http
        if http.is_closed:
            # Nothing could be sent: refused like a bad setting, not retried as a lost request.
            raise invalid("http_client", "is closed (by `close()`, or its `with` block): nothing can be sent with it")
        errors = send_errors()
        while True:
            try:
                action = call.next_action(self._now())
            finally:
                _logs.emit(call.take_log())
            if isinstance(action, _native.Send):
                attempt_timeout: float | httpx.Timeout | None
                if http_timeout is not None:
                    attempt_timeout = http_timeout
                else:
                    attempt_timeout = action.timeout if isinstance(timeout, NotGiven) else timeout
                try:
                    response = await http.request(
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
                await self._sleep(action.seconds)
            else:
                return action.value


# The operations of each resource, from the core's table (`just generate`).
# >>> generated: resources

class _AsyncWorkspacesOperations:
    """The operations of ``client.workspaces`` (the core's table)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        *,
        name: str,
        slug: str,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: Literal["price", "throughput", "latency", "exacto"] | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | Decimal | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Workspace:
        """Creates a workspace.

        ``POST /workspaces`` (create-workspace). Arguments left out are not sent; None is sent as null.

        Args:
            name: Name for the new workspace (not empty).
            slug: URL-friendly slug: lowercase alphanumeric segments separated by single hyphens.
            description: Description; null clears it.
            default_image_model: Default image model; null clears it.
            default_text_model: Default text model; null clears it.
            default_provider_sort: Default provider sort; null clears it. A value this SDK does not know is sent as given (the API lists its values in prose only).
            io_logging_api_key_ids: API key ids to I/O-log; null logs all keys.
            io_logging_sampling_rate: Sampling rate for I/O logging, 0.0001 to 1.
            is_data_discount_logging_enabled: Whether data discount logging is enabled.
            is_observability_broadcast_enabled: Whether broadcast is enabled.
            is_observability_io_logging_enabled: Whether private logging is enabled.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
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
        call = self._client._native.call("create-workspace", {"body": fields})
        return await self._client._run(call, timeout)

    async def list(
        self,
        *,
        offset: int | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> WorkspacePage:
        """One page of workspaces.

        ``GET /workspaces`` (list-workspaces). Arguments left out are not sent; None is sent as null.

        Args:
            offset: Records to skip (0 or more).
            limit: Records to return, 1 to 100.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            offset=offset,
            limit=limit,
        )
        call = self._client._native.call("list-workspaces", {"query": fields})
        return await self._client._run(call, timeout)

    async def get(
        self,
        id: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Workspace:
        """A workspace by id (UUID) or slug.

        ``GET /workspaces/{id}`` (get-workspace).

        Args:
            id: The workspace id (UUID) or slug.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-workspace", {"id": id})
        return await self._client._run(call, timeout)

    async def update(
        self,
        id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        slug: str | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: Literal["price", "throughput", "latency", "exacto"] | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | Decimal | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Workspace:
        """Changes the given fields of a workspace (by id or slug); `null` clears a field.

        ``PATCH /workspaces/{id}`` (update-workspace). Arguments left out are not sent; None is sent as null.

        Args:
            id: The workspace id (UUID) or slug.
            name: New name (not empty).
            slug: New slug.
            description: Description; null clears it.
            default_image_model: Default image model; null clears it.
            default_text_model: Default text model; null clears it.
            default_provider_sort: Default provider sort; null clears it. A value this SDK does not know is sent as given (the API lists its values in prose only).
            io_logging_api_key_ids: API key ids to I/O-log; null logs all keys.
            io_logging_sampling_rate: Sampling rate for I/O logging, 0.0001 to 1.
            is_data_discount_logging_enabled: Whether data discount logging is enabled.
            is_observability_broadcast_enabled: Whether broadcast is enabled.
            is_observability_io_logging_enabled: Whether private logging is enabled.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
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
        call = self._client._native.call("update-workspace", {"id": id, "body": fields})
        return await self._client._run(call, timeout)

    async def delete(
        self,
        id: str,
        *,
        confirm_default_workspace_deletion: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Deleted:
        """Deletes a workspace (by id or slug). One with active keys is refused; the default workspace only with `confirm_default_workspace_deletion`.

        ``DELETE /workspaces/{id}`` (delete-workspace). Arguments left out are not sent; None is sent as null.

        Args:
            id: The workspace id (UUID) or slug.
            confirm_default_workspace_deletion: Required (true) to delete the default workspace, which permanently disables the account's unscoped inference keys and its budgets, guardrails, classifiers and broadcast destinations. Ignored for other workspaces.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            confirm_default_workspace_deletion=confirm_default_workspace_deletion,
        )
        call = self._client._native.call("delete-workspace", {"id": id, "query": fields})
        return await self._client._run(call, timeout)

class _AsyncKeysOperations:
    """The operations of ``client.keys`` (the core's table)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        *,
        name: str,
        workspace_id: str | NotGiven = NOT_GIVEN,
        expires_at: str | datetime.datetime | None | NotGiven = NOT_GIVEN,
        limit: float | Decimal | None | NotGiven = NOT_GIVEN,
        limit_reset: Literal["daily", "weekly", "monthly"] | None | NotGiven = NOT_GIVEN,
        include_byok_in_limit: bool | NotGiven = NOT_GIVEN,
        creator_user_id: str | None | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> CreatedKey:
        """Creates an API key; the answer holds its one-time secret.

        ``POST /keys`` (create-keys). Arguments left out are not sent; None is sent as null.
        The answer holds a secret shown only this once: store it, never log it.

        Args:
            name: Name for the new key (not empty).
            workspace_id: The workspace (UUID) to create the key in; the default workspace when left out.
            expires_at: Expiry, RFC 3339. Sent in UTC: a timestamp with another offset is converted, one without an offset is refused. Null: the key never expires.
            limit: Spending limit in USD (finite, 0 or more); null for none.
            limit_reset: When the limit resets; null for never.
            include_byok_in_limit: Whether BYOK usage counts toward the limit.
            creator_user_id: The creating member, for organisation-owned keys.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            name=name,
            workspace_id=workspace_id,
            expires_at=expires_at,
            limit=limit,
            limit_reset=limit_reset,
            include_byok_in_limit=include_byok_in_limit,
            creator_user_id=creator_user_id,
        )
        call = self._client._native.call("create-keys", {"body": fields})
        return await self._client._run(call, timeout)

    async def list(
        self,
        *,
        include_disabled: bool | NotGiven = NOT_GIVEN,
        include_expired: bool | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        workspace_id: str | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> KeyPage:
        """One page of API keys (disabled and expired ones only when asked for).

        ``GET /keys`` (list-keys). Arguments left out are not sent; None is sent as null.

        Args:
            include_disabled: Whether disabled keys are listed too (by default they are not).
            include_expired: Whether expired keys are listed too (by default they are not).
            offset: Keys to skip (0 or more).
            workspace_id: The workspace (UUID) whose keys to list; the default workspace when left out.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            include_disabled=include_disabled,
            include_expired=include_expired,
            offset=offset,
            workspace_id=workspace_id,
        )
        call = self._client._native.call("list-keys", {"query": fields})
        return await self._client._run(call, timeout)

    async def get(
        self,
        hash: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> ApiKey:
        """An API key by its hash.

        ``GET /keys/{hash}`` (get-key).

        Args:
            hash: The key's hash (its `hash`, not its secret).
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-key", {"hash": hash})
        return await self._client._run(call, timeout)

    async def update(
        self,
        hash: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        disabled: bool | NotGiven = NOT_GIVEN,
        include_byok_in_limit: bool | NotGiven = NOT_GIVEN,
        limit: float | Decimal | None | NotGiven = NOT_GIVEN,
        limit_reset: Literal["daily", "weekly", "monthly"] | None | NotGiven = NOT_GIVEN,
        workspace_id: str | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> ApiKey:
        """Changes the given fields of an API key (by hash): rename, disable, limit, move.

        ``PATCH /keys/{hash}`` (update-keys). Arguments left out are not sent; None is sent as null.

        Args:
            hash: The key's hash (its `hash`, not its secret).
            name: New name (not empty).
            disabled: Whether the key is disabled (a disabled key stops working, and can be enabled again).
            include_byok_in_limit: Whether BYOK usage counts toward the limit.
            limit: New spending limit in USD (finite, 0 or more); null removes the limit.
            limit_reset: When the limit resets; null for never.
            workspace_id: Moves the key to this workspace (UUID). The key keeps its value.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            name=name,
            disabled=disabled,
            include_byok_in_limit=include_byok_in_limit,
            limit=limit,
            limit_reset=limit_reset,
            workspace_id=workspace_id,
        )
        call = self._client._native.call("update-keys", {"hash": hash, "body": fields})
        return await self._client._run(call, timeout)

    async def delete(
        self,
        hash: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> Deleted:
        """Deletes (revokes) an API key by its hash.

        ``DELETE /keys/{hash}`` (delete-keys).

        Args:
            hash: The key's hash (its `hash`, not its secret).
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("delete-keys", {"hash": hash})
        return await self._client._run(call, timeout)

    async def current(
        self,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> CurrentApiKey:
        """The key this client calls with, as the API describes it.

        ``GET /key`` (get-current-key).

        Args:
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-current-key", {})
        return await self._client._run(call, timeout)

class _AsyncWorkspacesRawOperations:
    """``client.with_raw_response.workspaces``: each operation answers a RawResponse."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        *,
        name: str,
        slug: str,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: Literal["price", "throughput", "latency", "exacto"] | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | Decimal | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Workspace]:
        """Creates a workspace.

        ``POST /workspaces`` (create-workspace). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            name: Name for the new workspace (not empty).
            slug: URL-friendly slug: lowercase alphanumeric segments separated by single hyphens.
            description: Description; null clears it.
            default_image_model: Default image model; null clears it.
            default_text_model: Default text model; null clears it.
            default_provider_sort: Default provider sort; null clears it. A value this SDK does not know is sent as given (the API lists its values in prose only).
            io_logging_api_key_ids: API key ids to I/O-log; null logs all keys.
            io_logging_sampling_rate: Sampling rate for I/O logging, 0.0001 to 1.
            is_data_discount_logging_enabled: Whether data discount logging is enabled.
            is_observability_broadcast_enabled: Whether broadcast is enabled.
            is_observability_io_logging_enabled: Whether private logging is enabled.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
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
        call = self._client._native.call("create-workspace", {"body": fields})
        return await self._client._run_raw(call, timeout)

    async def list(
        self,
        *,
        offset: int | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WorkspacePage]:
        """One page of workspaces.

        ``GET /workspaces`` (list-workspaces). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            offset: Records to skip (0 or more).
            limit: Records to return, 1 to 100.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            offset=offset,
            limit=limit,
        )
        call = self._client._native.call("list-workspaces", {"query": fields})
        return await self._client._run_raw(call, timeout)

    async def get(
        self,
        id: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Workspace]:
        """A workspace by id (UUID) or slug.

        ``GET /workspaces/{id}`` (get-workspace). Answers the response's status and headers too; ``parse()`` gives the result.

        Args:
            id: The workspace id (UUID) or slug.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-workspace", {"id": id})
        return await self._client._run_raw(call, timeout)

    async def update(
        self,
        id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        slug: str | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        default_image_model: str | None | NotGiven = NOT_GIVEN,
        default_text_model: str | None | NotGiven = NOT_GIVEN,
        default_provider_sort: Literal["price", "throughput", "latency", "exacto"] | None | NotGiven = NOT_GIVEN,
        io_logging_api_key_ids: Sequence[int] | None | NotGiven = NOT_GIVEN,
        io_logging_sampling_rate: float | Decimal | NotGiven = NOT_GIVEN,
        is_data_discount_logging_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_broadcast_enabled: bool | NotGiven = NOT_GIVEN,
        is_observability_io_logging_enabled: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Workspace]:
        """Changes the given fields of a workspace (by id or slug); `null` clears a field.

        ``PATCH /workspaces/{id}`` (update-workspace). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            id: The workspace id (UUID) or slug.
            name: New name (not empty).
            slug: New slug.
            description: Description; null clears it.
            default_image_model: Default image model; null clears it.
            default_text_model: Default text model; null clears it.
            default_provider_sort: Default provider sort; null clears it. A value this SDK does not know is sent as given (the API lists its values in prose only).
            io_logging_api_key_ids: API key ids to I/O-log; null logs all keys.
            io_logging_sampling_rate: Sampling rate for I/O logging, 0.0001 to 1.
            is_data_discount_logging_enabled: Whether data discount logging is enabled.
            is_observability_broadcast_enabled: Whether broadcast is enabled.
            is_observability_io_logging_enabled: Whether private logging is enabled.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
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
        call = self._client._native.call("update-workspace", {"id": id, "body": fields})
        return await self._client._run_raw(call, timeout)

    async def delete(
        self,
        id: str,
        *,
        confirm_default_workspace_deletion: bool | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Deleted]:
        """Deletes a workspace (by id or slug). One with active keys is refused; the default workspace only with `confirm_default_workspace_deletion`.

        ``DELETE /workspaces/{id}`` (delete-workspace). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            id: The workspace id (UUID) or slug.
            confirm_default_workspace_deletion: Required (true) to delete the default workspace, which permanently disables the account's unscoped inference keys and its budgets, guardrails, classifiers and broadcast destinations. Ignored for other workspaces.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            confirm_default_workspace_deletion=confirm_default_workspace_deletion,
        )
        call = self._client._native.call("delete-workspace", {"id": id, "query": fields})
        return await self._client._run_raw(call, timeout)

class _AsyncKeysRawOperations:
    """``client.with_raw_response.keys``: each operation answers a RawResponse."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        *,
        name: str,
        workspace_id: str | NotGiven = NOT_GIVEN,
        expires_at: str | datetime.datetime | None | NotGiven = NOT_GIVEN,
        limit: float | Decimal | None | NotGiven = NOT_GIVEN,
        limit_reset: Literal["daily", "weekly", "monthly"] | None | NotGiven = NOT_GIVEN,
        include_byok_in_limit: bool | NotGiven = NOT_GIVEN,
        creator_user_id: str | None | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[CreatedKey]:
        """Creates an API key; the answer holds its one-time secret.

        ``POST /keys`` (create-keys). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.
        The answer holds a secret shown only this once: store it, never log it.

        Args:
            name: Name for the new key (not empty).
            workspace_id: The workspace (UUID) to create the key in; the default workspace when left out.
            expires_at: Expiry, RFC 3339. Sent in UTC: a timestamp with another offset is converted, one without an offset is refused. Null: the key never expires.
            limit: Spending limit in USD (finite, 0 or more); null for none.
            limit_reset: When the limit resets; null for never.
            include_byok_in_limit: Whether BYOK usage counts toward the limit.
            creator_user_id: The creating member, for organisation-owned keys.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            name=name,
            workspace_id=workspace_id,
            expires_at=expires_at,
            limit=limit,
            limit_reset=limit_reset,
            include_byok_in_limit=include_byok_in_limit,
            creator_user_id=creator_user_id,
        )
        call = self._client._native.call("create-keys", {"body": fields})
        return await self._client._run_raw(call, timeout)

    async def list(
        self,
        *,
        include_disabled: bool | NotGiven = NOT_GIVEN,
        include_expired: bool | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        workspace_id: str | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[KeyPage]:
        """One page of API keys (disabled and expired ones only when asked for).

        ``GET /keys`` (list-keys). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            include_disabled: Whether disabled keys are listed too (by default they are not).
            include_expired: Whether expired keys are listed too (by default they are not).
            offset: Keys to skip (0 or more).
            workspace_id: The workspace (UUID) whose keys to list; the default workspace when left out.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            include_disabled=include_disabled,
            include_expired=include_expired,
            offset=offset,
            workspace_id=workspace_id,
        )
        call = self._client._native.call("list-keys", {"query": fields})
        return await self._client._run_raw(call, timeout)

    async def get(
        self,
        hash: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ApiKey]:
        """An API key by its hash.

        ``GET /keys/{hash}`` (get-key). Answers the response's status and headers too; ``parse()`` gives the result.

        Args:
            hash: The key's hash (its `hash`, not its secret).
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-key", {"hash": hash})
        return await self._client._run_raw(call, timeout)

    async def update(
        self,
        hash: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        disabled: bool | NotGiven = NOT_GIVEN,
        include_byok_in_limit: bool | NotGiven = NOT_GIVEN,
        limit: float | Decimal | None | NotGiven = NOT_GIVEN,
        limit_reset: Literal["daily", "weekly", "monthly"] | None | NotGiven = NOT_GIVEN,
        workspace_id: str | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ApiKey]:
        """Changes the given fields of an API key (by hash): rename, disable, limit, move.

        ``PATCH /keys/{hash}`` (update-keys). Answers the response's status and headers too; ``parse()`` gives the result. Arguments left out are not sent; None is sent as null.

        Args:
            hash: The key's hash (its `hash`, not its secret).
            name: New name (not empty).
            disabled: Whether the key is disabled (a disabled key stops working, and can be enabled again).
            include_byok_in_limit: Whether BYOK usage counts toward the limit.
            limit: New spending limit in USD (finite, 0 or more); null removes the limit.
            limit_reset: When the limit resets; null for never.
            workspace_id: Moves the key to this workspace (UUID). The key keeps its value.
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        fields = given(
            name=name,
            disabled=disabled,
            include_byok_in_limit=include_byok_in_limit,
            limit=limit,
            limit_reset=limit_reset,
            workspace_id=workspace_id,
        )
        call = self._client._native.call("update-keys", {"hash": hash, "body": fields})
        return await self._client._run_raw(call, timeout)

    async def delete(
        self,
        hash: str,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Deleted]:
        """Deletes (revokes) an API key by its hash.

        ``DELETE /keys/{hash}`` (delete-keys). Answers the response's status and headers too; ``parse()`` gives the result.

        Args:
            hash: The key's hash (its `hash`, not its secret).
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("delete-keys", {"hash": hash})
        return await self._client._run_raw(call, timeout)

    async def current(
        self,
        *,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> RawResponse[CurrentApiKey]:
        """The key this client calls with, as the API describes it.

        ``GET /key`` (get-current-key). Answers the response's status and headers too; ``parse()`` gives the result.

        Args:
            timeout: Seconds for each attempt of this call (a number or a timedelta, or an httpx.Timeout); None for no time limit; left out, the client's.
        """
        call = self._client._native.call("get-current-key", {})
        return await self._client._run_raw(call, timeout)

class _AsyncWithRawResponse:
    """``client.with_raw_response``: the same operations, answering a RawResponse."""

    workspaces: _AsyncWorkspacesRawOperations
    keys: _AsyncKeysRawOperations

    def __init__(self, client: AsyncClient) -> None:
        self.workspaces = _AsyncWorkspacesRawOperations(client)
        self.keys = _AsyncKeysRawOperations(client)
# <<< generated: resources


class AsyncWorkspaces(_AsyncWorkspacesOperations):
    """``client.workspaces``: create, list, get and update workspaces, and walk them all."""

    def list_all(
        self,
        *,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncWalk[Workspace]:
        """Every workspace, fetched ``page_size`` (1 to 100, default 100) at a time as you
        iterate. The walk never ends early in silence; after a failed page, iterating it again
        retries that page. A bad ``page_size`` or ``timeout`` raises here, before anything is
        sent."""
        pager = self._client._native.workspace_pager(given(page_size=page_size))
        if not isinstance(timeout, NotGiven):
            self._client._native.attempt_timeout(split_timeout(timeout)[0])  # refused here, not mid-walk
        return AsyncWalk(self._client, pager, timeout)


class AsyncKeys(_AsyncKeysOperations):
    """``client.keys``: create, list, get, update and delete API keys, walk them all, and describe
    the calling key."""

    def list_all(
        self,
        *,
        workspace_id: str | NotGiven = NOT_GIVEN,
        include_disabled: bool | NotGiven = NOT_GIVEN,
        include_expired: bool | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> AsyncWalk[ApiKey]:
        """Every API key of a workspace (the default one when ``workspace_id`` is not given),
        fetched page after page as you iterate, until a page is empty. Disabled and expired keys
        only when asked for; ``offset`` keys are skipped at the start. The walk never ends early
        in silence; after a failed page,
        iterating it again retries that page. Bad arguments raise here, before anything is
        sent."""
        pager = self._client._native.key_pager(
            given(
                workspace_id=workspace_id,
                include_disabled=include_disabled,
                include_expired=include_expired,
                offset=offset,
            )
        )
        if not isinstance(timeout, NotGiven):
            self._client._native.attempt_timeout(split_timeout(timeout)[0])  # refused here, not mid-walk
        return AsyncWalk(self._client, pager, timeout)
