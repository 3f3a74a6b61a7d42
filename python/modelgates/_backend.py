"""What differs between the asyncio client and the sync one besides ``async``/``await``: how to
sleep. ``_async`` calls ``async_sleep``, which ``python/scripts/make_sync.py`` renames ``sleep``."""

from __future__ import annotations

import time


async def async_sleep(seconds: float) -> None:
    """Sleeps without blocking the event loop; cancelling the task ends it at once."""
    import asyncio

    await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Sleeps (the sync client)."""
    time.sleep(seconds)
