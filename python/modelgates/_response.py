"""What ``client.with_raw_response`` answers: a call's result with the response it came in."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Generic, TypeVar

    import httpx

    T = TypeVar("T")
else:
    # Importing the package does not import typing; `RawResponse[Workspace]` in an annotation
    # is only evaluated by type checkers.
    class Generic:
        def __class_getitem__(cls, item: object) -> type:
            return cls

    T = None


class RawResponse(Generic[T]):
    """A call's result and the response it came in: ``status_code``, ``headers``,
    ``request_id``; ``parse()`` gives the result (already decoded and checked: nothing is sent
    again)."""

    __slots__ = ("_value", "headers", "status_code")

    status_code: int
    headers: httpx.Headers

    def __init__(self, value: T, status_code: int, headers: httpx.Headers) -> None:
        self._value = value
        self.status_code = status_code
        self.headers = headers

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` header, for support requests."""
        request_id: str | None = self.headers.get("x-request-id")
        return request_id

    def parse(self) -> T:
        """The result, as the plain method would have returned it."""
        return self._value

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"
