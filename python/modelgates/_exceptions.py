"""The exceptions every call may raise. Which one a failure becomes is the Rust core's decision
(its error class, mapped to these names in bindings/python/src/errors.rs), and so are the
messages, which never contain a secret, and ``retryable``."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ModelGatesError(Exception):
    """The root of every error this package raises. ``message`` is the description without the
    kind prefix that ``str(error)`` starts with."""

    message: str
    retryable: bool
    """Whether trying again later may succeed (the SDK's own retries are already spent)."""

    def __init__(self, text: str, *, message: str | None = None, retryable: bool = False) -> None:
        super().__init__(text)
        self.message = text if message is None else message
        self.retryable = retryable

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle rebuilds an exception as cls(*args) by default, which loses the keyword-only
        # fields (and fails for APIStatusError): an error raised in a ProcessPoolExecutor worker
        # would arrive as BrokenProcessPool. Rebuild it with every attribute instead.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[ModelGatesError], args: tuple[Any, ...], state: dict[str, Any]) -> ModelGatesError:
    """An error back from its pickled form: its class, ``args`` and attributes."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ValidationError(ModelGatesError, ValueError):
    """The input was refused before anything was sent. ``field`` names the offending argument
    with the API's name for it (``slug``, ``limit``, ``api_key``, ...)."""

    field: str | None

    def __init__(
        self, text: str, *, message: str | None = None, field: str | None = None, retryable: bool = False
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        self.field = field


class APIStatusError(ModelGatesError):
    """The server answered with a non-2xx status. ``code``, ``message``, ``metadata`` and
    ``user_id`` come from the error body; ``request_id`` from the ``x-request-id`` header, for
    support requests; ``retry_after`` (seconds) from the ``Retry-After`` header; ``location``
    from a redirect's ``Location`` header."""

    status: int
    code: int | None
    metadata: Any
    user_id: str | None
    request_id: str | None
    retry_after: float | None
    location: str | None

    def __init__(
        self,
        text: str,
        *,
        message: str | None = None,
        status: int,
        code: int | None = None,
        metadata: Any = None,
        user_id: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        location: str | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        self.status = status
        self.code = code
        self.metadata = metadata
        self.user_id = user_id
        self.request_id = request_id
        self.retry_after = retry_after
        self.location = location


class BadRequestError(APIStatusError):
    """HTTP 400: the server refused the input."""


class AuthenticationError(APIStatusError):
    """HTTP 401: the management key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the key is valid but may not do this (it is not a management key)."""


class NotFoundError(APIStatusError):
    """HTTP 404: no such resource."""


class ConflictError(APIStatusError):
    """HTTP 409: the change conflicts with the resource's current state."""


class RedirectError(APIStatusError):
    """A 3xx: the SDK never follows a redirect (the key must not reach another host);
    ``location`` says where it pointed."""


class RateLimitError(APIStatusError):
    """HTTP 429, after the retries the policy allows; ``retry_after`` says when to try again."""


class InternalServerError(APIStatusError):
    """HTTP 5xx, after the retries the policy allows (POSTs are never retried on 5xx: the server
    may have acted)."""


class APIResponseValidationError(ModelGatesError):
    """The server answered 2xx, but the body is not what the API documents."""

    status: int | None

    def __init__(
        self, text: str, *, message: str | None = None, status: int | None = None, retryable: bool = False
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        self.status = status


class APIConnectionError(ModelGatesError):
    """No response: the connection failed or broke, on the last attempt allowed."""


class APITimeoutError(APIConnectionError):
    """No response in time, on the last attempt allowed."""


class InternalError(ModelGatesError):
    """The SDK itself was driven wrongly: a bug, never caused by input. Please report it."""
