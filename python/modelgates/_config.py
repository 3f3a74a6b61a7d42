"""Client settings shared by Client and AsyncClient: arguments first, then the environment."""

from __future__ import annotations

import os

from . import _logs, _native
from ._exceptions import ValidationError
from ._types import NotGiven

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping
    from typing import TypeVar

    import httpx

    H = TypeVar("H", httpx.Client, httpx.AsyncClient)

USER_AGENT_SUFFIX = f"modelgates-python/{_native.__version__}"


def native_client(
    api_key: str | None,
    base_url: str | httpx.URL | None,
    timeout: float | datetime.timedelta | None | NotGiven,
    max_retries: int | None,
    retry: _native.RetryPolicy | None,
    default_headers: Mapping[str, str] | None,
    user_agent: str | None,
) -> _native.NativeClient:
    """The core client; raises ValidationError naming a bad setting (a missing key and a value
    of the wrong type included)."""
    import httpx

    _logs.setup_from_environment()
    if api_key is None:
        api_key = os.environ.get("MODELGATES_API_KEY", "")
    if api_key == "":
        raise invalid("api_key", "is required: pass api_key=... or set MODELGATES_API_KEY")
    if base_url is None:
        base_url = os.environ.get("MODELGATES_BASE_URL") or None
    elif isinstance(base_url, httpx.URL):
        base_url = str(base_url)
    suffix = USER_AGENT_SUFFIX
    if user_agent is not None:
        if not isinstance(user_agent, str) or not user_agent.strip():
            raise invalid("user_agent", "must be your app's name (and version), e.g. `my-app/1.2`")
        suffix = f"{suffix} {user_agent.strip()}"
    return _native.NativeClient(
        api_key,
        base_url=base_url,
        timeout=_native.DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout,
        retry=retry,
        max_retries=max_retries,
        default_headers=default_headers,
        user_agent_suffix=suffix,
    )


def split_timeout(
    timeout: float | datetime.timedelta | httpx.Timeout | None,
) -> tuple[float | datetime.timedelta | None, httpx.Timeout | None]:
    """The timeout the core checks (seconds per attempt), and the ``httpx.Timeout`` to send with
    when one was given: its longest phase is what the core sees, httpx gets it as is."""
    import httpx

    if not isinstance(timeout, httpx.Timeout):
        return timeout, None
    phases = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t is not None]
    return (max(phases) if phases else None), timeout


def http_client_for(given: object, cls: type[H]) -> tuple[H, bool]:
    """The HTTP client to send with (``given``, or a new ``cls``), and whether it is ours to
    close. Anything but a ``cls`` is refused with a ValidationError naming ``http_client``."""
    if given is None:
        return cls(), True
    if not isinstance(given, cls):
        raise invalid(
            "http_client", f"must be an {cls.__module__}.{cls.__name__}, not `{type(given).__name__}`"
        )
    return given, False


def invalid(field: str, problem: str) -> ValidationError:
    """A refused setting, worded as the core words one."""
    message = f"{field}: {problem}"
    return ValidationError(f"invalid input: {message}", message=message, field=field)
