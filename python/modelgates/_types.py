"""The sentinel that keeps "not given" apart from None: an argument left out is not sent, while
None is sent as JSON null (which clears a nullable field)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final


class NotGiven:
    """The type of ``NOT_GIVEN``, the default of every optional argument."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def given(**fields: Any) -> dict[str, Any]:
    """The arguments that were given, by the API's field names."""
    return {name: value for name, value in fields.items() if value is not NOT_GIVEN}
