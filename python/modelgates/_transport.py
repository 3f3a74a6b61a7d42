"""How an httpx failure is reported to the core: which of its three transport failure kinds it is.
The core decides from the kind whether the request may be retried (a POST only when it provably
never left)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import httpx


def failure_kind(error: httpx.TransportError) -> str:
    """``connect`` (never sent), ``timeout`` or ``io`` (it may have reached the server)."""
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
