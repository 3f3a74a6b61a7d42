"""Client settings shared by Client and AsyncClient: arguments first, then the environment."""

from __future__ import annotations

import os

from . import _native
from ._types import NotGiven

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

USER_AGENT_SUFFIX = f"modelgates-python/{_native.__version__}"


def native_client(
    api_key: str | None,
    base_url: str | None,
    timeout: float | None | NotGiven,
    max_retries: int | None,
    retry: _native.RetryPolicy | None,
    default_headers: Mapping[str, str] | None,
) -> _native.NativeClient:
    """The core client; raises ValidationError naming a bad setting (a missing key included)."""
    if api_key is None:
        api_key = os.environ.get("MODELGATES_API_KEY", "")
    if base_url is None:
        base_url = os.environ.get("MODELGATES_BASE_URL") or None
    return _native.NativeClient(
        api_key,
        base_url=base_url,
        timeout=_native.DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout,
        retry=retry,
        max_retries=max_retries,
        headers=list(default_headers.items()) if default_headers else None,
        user_agent_suffix=USER_AGENT_SUFFIX,
    )
