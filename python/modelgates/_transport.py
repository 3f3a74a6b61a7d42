"""How an httpx failure is reported to the core: which of its three transport failure kinds it is.
The core decides from the kind whether the request may be retried (a POST only when it provably
never left)."""

from __future__ import annotations

_SEND_ERRORS: tuple[type[Exception], ...] = ()


def send_errors() -> tuple[type[Exception], ...]:
    """What sending a request and reading its answer may raise instead of giving a response:
    every httpx error (transport failures, but also ``DecodingError`` for a bad
    Content-Encoding, ``TooManyRedirects``, ``HTTPStatusError`` from a response hook, ...), the
    ``RuntimeError`` of a client closed during the call, and ``OSError``. Never a cancellation:
    those are ``BaseException``s, and leave the call at once."""
    global _SEND_ERRORS
    if not _SEND_ERRORS:
        import httpx

        _SEND_ERRORS = (
            httpx.HTTPError,
            httpx.InvalidURL,
            httpx.CookieConflict,
            httpx.StreamError,
            RuntimeError,
            OSError,
        )
    return _SEND_ERRORS


def failure_kind(error: Exception) -> str:
    """``connect`` (never sent), ``timeout`` or ``io`` (it may have reached the server: every
    failure not known to come before sending)."""
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(
        error,
        (httpx.ConnectError, httpx.UnsupportedProtocol, httpx.ProxyError, httpx.LocalProtocolError),
    ):
        return "connect"
    return "io"


def describe(error: Exception) -> str:
    """The failure as text for the error message (httpx messages hold no headers)."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
