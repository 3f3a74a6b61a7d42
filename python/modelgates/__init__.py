"""ModelGates management API for Python: workspaces and API keys.

    import modelgates

    with modelgates.Client() as client:        # MODELGATES_API_KEY, MODELGATES_BASE_URL
        workspace = client.workspaces.create(name="Production", slug="production")
        key = client.keys.create(name="ci", workspace_id=workspace.id, limit=25)

Validation, retries, status mapping and decoding run in a Rust core shared with the SDK's other
languages; this package drives it over httpx. Importing it does not import httpx: that happens
when the first client is built.
"""

from ._async.client import AsyncClient
from ._sync.client import Client
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalError,
    InternalServerError,
    ModelGatesError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    ValidationError,
)
from ._native import RetryPolicy
from ._response import RawResponse
from ._native import __version__ as __version__
from ._types import NOT_GIVEN, NotGiven

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalError",
    "InternalServerError",
    "ModelGatesError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RedirectError",
    "RetryPolicy",
    "ValidationError",
]

# The models, from the core's types (`just generate`).
# >>> generated: models
from ._native import (
    ApiKey,
    CreatedKey,
    CurrentApiKey,
    Deleted,
    FreeModelDailyRequests,
    KeyBudget,
    KeyPage,
    RateLimit,
    Workspace,
    WorkspacePage,
)

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
# <<< generated: models
