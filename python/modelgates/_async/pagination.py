"""A walk over a whole list. Every rule of the walk (offsets, ``total_count``, ids seen once, when
it is over) is decided by the Rust core's pager; this only hands out its batches one item at a
time."""

from __future__ import annotations

from collections import deque

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any, Generic, Protocol, TypeVar

    import httpx

    from .. import _native
    from .._types import NotGiven

    T = TypeVar("T")

    class _AsyncRuns(Protocol):
        async def _run(self, call: _native.Call[Any], timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven) -> Any: ...

else:
    # Importing the package does not import typing (it stays light): `Walk[Workspace]` in an
    # annotation is only evaluated by type checkers.
    class Generic:
        def __class_getitem__(cls, item: object) -> type:
            return cls

    T = None


class AsyncWalk(Generic[T]):
    """Every item of a list, fetched page by page as you iterate. It never ends early in
    silence: a short page or a list that grows mid-walk does not end it, and a page that cannot
    be right raises. After a failed page the walk is not over: iterating it again retries that
    page."""

    def __init__(
        self, client: _AsyncRuns, pager: _native.Call[list[T] | None], timeout: float | datetime.timedelta | httpx.Timeout | None | NotGiven
    ) -> None:
        self._client = client
        self._pager = pager
        self._timeout = timeout
        self._batch: deque[T] = deque()
        self._done = False
        # One page at a time: a second `__anext__` (from `asyncio.gather`; in the sync client,
        # another thread) waits for the first, then takes the next item, as one caller would.
        # Imported here: importing the package stays light.
        import asyncio

        self._turn = asyncio.Lock()

    def __aiter__(self) -> AsyncWalk[T]:
        return self

    async def __anext__(self) -> T:
        async with self._turn:
            while not self._batch:
                if self._done:
                    raise StopAsyncIteration
                batch = await self._client._run(self._pager, self._timeout)
                if batch is None:
                    self._done = True
                else:
                    self._batch.extend(batch)
            return self._batch.popleft()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(done={self._done})"
