# Stubs of the extension module built from bindings/python (pyo3). Checked against the built
# module by `python -m mypy.stubtest modelgates._native` (just test-py).

import datetime
from collections.abc import Iterator, Mapping
from typing import Any, Final, Generic, Literal, TypeVar, final, overload

_T = TypeVar("_T")

__all__ = [
    "DEFAULT_TIMEOUT",
    "ERROR_CLASSES",
    "OPERATIONS",
    "Call",
    "Done",
    "NativeClient",
    "RetryPolicy",
    "Send",
    "Wait",
    "__version__",
]
# The models (`just generate`).
# >>> generated: exports
__all__ += [
    "ApiKey",
    "CreatedKey",
    "CurrentApiKey",
    "Deleted",
    "FreeModelDailyRequests",
    "KeyBudget",
    "KeyPage",
    "RateLimit",
    "Workspace",
    "WorkspacePage",
]
# <<< generated: exports

__version__: Final[str]
DEFAULT_TIMEOUT: Final[float]
# The core's error classes by name ("NotFound"), each with its exception's name ("NotFoundError").
ERROR_CLASSES: Final[dict[str, str]]
# The core's table of operations: operationId -> (resource, method, inputs in order).
OPERATIONS: Final[dict[str, tuple[str, str, list[str]]]]

@final
class RetryPolicy:
    def __new__(
        cls,
        *,
        max_retries: int | None = None,
        initial_backoff: float | datetime.timedelta | None = None,
        max_backoff: float | datetime.timedelta | None = None,
        max_elapsed: float | datetime.timedelta | None = None,
        jitter: float | None = None,
    ) -> RetryPolicy: ...
    @property
    def max_retries(self) -> int: ...
    @property
    def initial_backoff(self) -> float: ...
    @property
    def max_backoff(self) -> float: ...
    @property
    def max_elapsed(self) -> float: ...
    @property
    def jitter(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

# The models, from the core's types (`just generate`).
# >>> generated: models
@final
class ApiKey:
    """An API key as the API describes it (without its secret)."""
    @property
    def hash(self) -> str:
        """Unique hash identifier of the key."""
    @property
    def name(self) -> str:
        """Name of the key."""
    @property
    def label(self) -> str:
        """Human-readable label."""
    @property
    def disabled(self) -> bool:
        """Whether the key is disabled."""
    @property
    def limit(self) -> float | None:
        """Spending limit in USD."""
    @property
    def limit_remaining(self) -> float | None:
        """Remaining spending limit in USD."""
    @property
    def limit_reset(self) -> str | None:
        """When the limit resets."""
    @property
    def include_byok_in_limit(self) -> bool:
        """Whether external BYOK usage counts toward the limit."""
    @property
    def usage(self) -> float:
        """Total ModelGates credit usage in USD."""
    @property
    def usage_daily(self) -> float:
        """Usage in USD in the current UTC day."""
    @property
    def usage_weekly(self) -> float:
        """Usage in USD in the current UTC week (Monday to Sunday)."""
    @property
    def usage_monthly(self) -> float:
        """Usage in USD in the current UTC month."""
    @property
    def byok_usage(self) -> float:
        """Total external BYOK usage in USD."""
    @property
    def byok_usage_daily(self) -> float:
        """BYOK usage in USD in the current UTC day."""
    @property
    def byok_usage_weekly(self) -> float:
        """BYOK usage in USD in the current UTC week."""
    @property
    def byok_usage_monthly(self) -> float:
        """BYOK usage in USD in the current UTC month."""
    @property
    def created_at(self) -> datetime.datetime:
        """ISO 8601 creation time."""
    @property
    def updated_at(self) -> datetime.datetime | None:
        """ISO 8601 time of the last update."""
    @property
    def expires_at(self) -> datetime.datetime | None:
        """ISO 8601 UTC expiry; null means the key does not expire."""
    @property
    def creator_user_id(self) -> str | None:
        """The member who created the key (organisations) or the user's own id."""
    @property
    def workspace_id(self) -> str:
        """The workspace the key belongs to."""
    @property
    def external_user(self) -> str | None:
        """The partner's end-user identifier used for attribution (list, get, update)."""
    @property
    def last_used_at(self) -> datetime.datetime | None:
        """ISO 8601 UTC time of the key's most recent use, or null if none was recorded
        (list, get, update).
        """
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class CreatedKey:
    """A new API key: its details and its secret, which the API shows only this once. Printing it
    never shows the secret.
    """
    @property
    def data(self) -> ApiKey:
        """The new key's details."""
    @property
    def key(self) -> str:
        """The key itself. Store it now: the API never shows it again."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class CurrentApiKey:
    """The key the client calls with, as get-current-key describes it (not the `ApiKey` shape)."""
    @property
    def label(self) -> str:
        """Human-readable label."""
    @property
    def limit(self) -> float | None:
        """Spending limit in USD."""
    @property
    def limit_remaining(self) -> float | None:
        """Remaining spending limit in USD."""
    @property
    def limit_reset(self) -> str | None:
        """When the limit resets."""
    @property
    def include_byok_in_limit(self) -> bool:
        """Whether external BYOK usage counts toward the limit."""
    @property
    def usage(self) -> float:
        """Total ModelGates credit usage in USD."""
    @property
    def usage_daily(self) -> float:
        """Usage in USD in the current UTC day."""
    @property
    def usage_weekly(self) -> float:
        """Usage in USD in the current UTC week (Monday to Sunday)."""
    @property
    def usage_monthly(self) -> float:
        """Usage in USD in the current UTC month."""
    @property
    def byok_usage(self) -> float:
        """Total external BYOK usage in USD."""
    @property
    def byok_usage_daily(self) -> float:
        """BYOK usage in USD in the current UTC day."""
    @property
    def byok_usage_weekly(self) -> float:
        """BYOK usage in USD in the current UTC week."""
    @property
    def byok_usage_monthly(self) -> float:
        """BYOK usage in USD in the current UTC month."""
    @property
    def creator_user_id(self) -> str | None:
        """The member who created the key (organisations) or the user's own id."""
    @property
    def expires_at(self) -> datetime.datetime | None:
        """ISO 8601 UTC expiry; null means the key does not expire."""
    @property
    def workspace_id(self) -> str | None:
        """The workspace the key spends in; null when none resolves (its workspace was
        deleted).
        """
    @property
    def allowed_data_regions(self) -> list[str]:
        """The data regions its requests may be served from (empty: none)."""
    @property
    def budgets(self) -> list[KeyBudget]:
        """Every budget layer enforcement checks for its requests, in order."""
    @property
    def effective_budget(self) -> KeyBudget | None:
        """The budget that blocks requests first; null when nothing is budgeted."""
    @property
    def free_model_daily_requests(self) -> FreeModelDailyRequests:
        """The account's free-model daily quota."""
    @property
    def is_free_tier(self) -> bool:
        """Whether this is a free tier key."""
    @property
    def is_management_key(self) -> bool:
        """Whether this is a management key."""
    @property
    def is_provisioning_key(self) -> bool | None:
        """Whether this is a management key (the API's older name; deprecated)."""
    @property
    def organization_id(self) -> str | None:
        """The organisation that owns the key; null for an individual account."""
    @property
    def rate_limit(self) -> RateLimit | None:
        """Legacy rate limit information (deprecated)."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Deleted:
    """The answer to a deletion."""
    @property
    def deleted(self) -> bool:
        """Always true: the item is gone."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class FreeModelDailyRequests:
    """The account's daily quota of free-model requests."""
    @property
    def limit(self) -> int:
        """Free-model requests allowed per UTC day."""
    @property
    def remaining(self) -> int:
        """Free-model requests left today."""
    @property
    def used(self) -> int:
        """Free-model requests made today."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class KeyBudget:
    """One budget layer that applies to requests made with a key, and the spend enforcement
    compares against it.
    """
    @property
    def budget_id(self) -> str | None:
        """The workspace budget's id (scope `workspace`); null for other scopes."""
    @property
    def guardrail_id(self) -> str | None:
        """The guardrail that carries this budget; null for other scopes."""
    @property
    def include_byok(self) -> bool:
        """Whether external BYOK spend counts toward this budget."""
    @property
    def limit_usd(self) -> float:
        """The limit in USD for the current window."""
    @property
    def remaining_usd(self) -> float:
        """`limit_usd - spend_usd`; zero or less means this layer refuses requests (403) until
        it resets.
        """
    @property
    def reset_interval(self) -> str | None:
        """The window the spend is counted over; null for a lifetime budget."""
    @property
    def resets_at(self) -> datetime.datetime | None:
        """ISO 8601 UTC time the window rolls over; null for a lifetime budget."""
    @property
    def scope(self) -> str:
        """Which layer this is."""
    @property
    def spend_usd(self) -> float:
        """The spend in USD counted against this limit in the current window."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class KeyPage:
    """One page of API keys (list-keys). There is no total: a walk goes on until a page is
    empty.
    """
    @property
    def data(self) -> list[ApiKey]:
        """The keys on this page."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[ApiKey]: ...
    def __getitem__(self, index: int, /) -> ApiKey: ...

@final
class RateLimit:
    """Legacy rate limit information (deprecated by the API; always -1 requests)."""
    @property
    def interval(self) -> str:
        """The interval."""
    @property
    def note(self) -> str:
        """A note about the rate limit."""
    @property
    def requests(self) -> int:
        """Requests allowed per interval."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Workspace:
    """A workspace as the API returns it."""
    @property
    def id(self) -> str:
        """Unique identifier (UUID)."""
    @property
    def name(self) -> str:
        """Name of the workspace."""
    @property
    def slug(self) -> str:
        """URL-friendly slug."""
    @property
    def description(self) -> str | None:
        """Description of the workspace."""
    @property
    def default_image_model(self) -> str | None:
        """Default image model."""
    @property
    def default_text_model(self) -> str | None:
        """Default text model."""
    @property
    def default_provider_sort(self) -> str | None:
        """Default provider sort preference (a value this SDK does not know is kept as given)."""
    @property
    def io_logging_api_key_ids(self) -> list[int] | None:
        """API key ids whose requests are I/O-logged; null means all keys are logged."""
    @property
    def io_logging_sampling_rate(self) -> float:
        """Share of requests that are I/O-logged, 0.0001 to 1 (1 = every request)."""
    @property
    def is_data_discount_logging_enabled(self) -> bool:
        """Whether data discount logging is enabled."""
    @property
    def is_observability_broadcast_enabled(self) -> bool:
        """Whether broadcast is enabled."""
    @property
    def is_observability_io_logging_enabled(self) -> bool:
        """Whether private logging is enabled."""
    @property
    def created_at(self) -> datetime.datetime:
        """ISO 8601 creation time."""
    @property
    def created_by(self) -> str | None:
        """User id of the creator."""
    @property
    def updated_at(self) -> datetime.datetime | None:
        """ISO 8601 time of the last update, if any."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class WorkspacePage:
    """One page of workspaces."""
    @property
    def data(self) -> list[Workspace]:
        """The workspaces on this page."""
    @property
    def total_count(self) -> int:
        """How many workspaces there are in all (a walk refuses a negative one)."""
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict with the API's field names and JSON values (timestamps as RFC 3339 text)."""
    def to_json(self) -> str:
        """The model as JSON text with the API's field names (pickle and `copy` go through it)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Workspace]: ...
    def __getitem__(self, index: int, /) -> Workspace: ...

# <<< generated: models

@final
class Send:
    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def body(self) -> bytes | None: ...
    # Seconds this attempt may take; None: no time limit (hand it to httpx as is).
    @property
    def timeout(self) -> float | None: ...
    # Never true: the core makes a redirect an error (the key must not reach another host).
    @property
    def follow_redirects(self) -> bool: ...

@final
class Wait:
    @property
    def seconds(self) -> float: ...

@final
class Done(Generic[_T]):
    @property
    def value(self) -> _T: ...

@final
class Call(Generic[_T]):
    def begin_drive(self) -> None: ...
    def next_action(self, now: float) -> Send | Wait | Done[_T]: ...
    def handle_response(
        self, status: int, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> None: ...
    def handle_transport_error(self, kind: str, message: str) -> None: ...
    def take_log(self) -> list[tuple[int, str]]: ...
    def response(self) -> tuple[int, list[tuple[str, str]]] | None: ...

# Every bad setting, a value of the wrong type included, raises ValidationError naming it.
# `timeout`: seconds per attempt (a number or a timedelta), None for no time limit (the package passes DEFAULT_TIMEOUT when
# its caller gives none); `attempt_timeout` checks a call's own `timeout` the same way.
@final
class NativeClient:
    def __new__(
        cls,
        api_key: str,
        *,
        base_url: str | None = None,
        timeout: float | datetime.timedelta | None = None,
        retry: RetryPolicy | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent_suffix: str | None = None,
        seed: int | None = None,
    ) -> NativeClient: ...
    @property
    def base_url(self) -> str: ...
    @property
    def retry(self) -> RetryPolicy: ...
    @property
    def timeout(self) -> float | None: ...
    def attempt_timeout(self, timeout: float | datetime.timedelta | None) -> float | None: ...
    def with_options(
        self,
        *,
        timeout_given: bool,
        timeout: float | datetime.timedelta | None = None,
        retry: RetryPolicy | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> NativeClient: ...
    # Any operation by its operationId; `input` holds the endpoint's fields (path parameters,
    # then `body` or `query`). One overload per operation of the core's table.
    # >>> generated: call
    @overload
    def call(
        self, operation: Literal["create-workspace"], input: Mapping[str, Any]
    ) -> Call[Workspace]: ...
    @overload
    def call(
        self, operation: Literal["list-workspaces"], input: Mapping[str, Any]
    ) -> Call[WorkspacePage]: ...
    @overload
    def call(
        self, operation: Literal["get-workspace"], input: Mapping[str, Any]
    ) -> Call[Workspace]: ...
    @overload
    def call(
        self, operation: Literal["update-workspace"], input: Mapping[str, Any]
    ) -> Call[Workspace]: ...
    @overload
    def call(
        self, operation: Literal["delete-workspace"], input: Mapping[str, Any]
    ) -> Call[Deleted]: ...
    @overload
    def call(
        self, operation: Literal["create-keys"], input: Mapping[str, Any]
    ) -> Call[CreatedKey]: ...
    @overload
    def call(
        self, operation: Literal["list-keys"], input: Mapping[str, Any]
    ) -> Call[KeyPage]: ...
    @overload
    def call(
        self, operation: Literal["get-key"], input: Mapping[str, Any]
    ) -> Call[ApiKey]: ...
    @overload
    def call(
        self, operation: Literal["update-keys"], input: Mapping[str, Any]
    ) -> Call[ApiKey]: ...
    @overload
    def call(
        self, operation: Literal["delete-keys"], input: Mapping[str, Any]
    ) -> Call[Deleted]: ...
    @overload
    def call(
        self, operation: Literal["get-current-key"], input: Mapping[str, Any]
    ) -> Call[CurrentApiKey]: ...
    # <<< generated: call
    def workspace_pager(
        self, fields: dict[str, Any] | None = None
    ) -> Call[list[Workspace] | None]: ...
    def key_pager(self, fields: dict[str, Any] | None = None) -> Call[list[ApiKey] | None]: ...
