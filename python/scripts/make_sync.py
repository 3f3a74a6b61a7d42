"""Makes the sync client from the asyncio one, as httpcore does: every file of
``python/modelgates/_async/`` becomes the same file in ``_sync/`` with ``async``/``await`` removed
and the async names made sync (``AsyncClient`` -> ``Client``, ``__aenter__`` -> ``__enter__``,
``aclose`` -> ``close``, ``asyncio.Lock`` -> ``threading.Lock``, ...), by the unasync package. The two clients are never edited apart.

    python python/scripts/make_sync.py            # writes _sync/
    python python/scripts/make_sync.py --check    # fails if _sync/ is not what _async/ gives
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import unasync

PACKAGE = Path(__file__).resolve().parents[1] / "modelgates"
HEADER = "# Generated from ../_async/{name} by python/scripts/make_sync.py (`just generate`): do not edit.\n"
ASYNC_NAME = re.compile(r"^(_?)Async(?=[A-Z])")


class Rule(unasync.Rule):
    """unasync's rule, with ``Async``-prefixed names losing the prefix (``AsyncWalk`` ->
    ``Walk``, ``_AsyncKeysOperations`` -> ``_KeysOperations``) rather than becoming ``Sync...``."""

    def _unasync_name(self, name: str) -> str:
        if name in self.token_replacements:
            return str(self.token_replacements[name])
        return ASYNC_NAME.sub(r"\1", name)


def generate(into: Path) -> list[Path]:
    """Writes the sync files under ``into`` (a copy of the package's layout); returns them."""
    sources = sorted((PACKAGE / "_async").glob("*.py"))
    rule = Rule(
        fromdir=str(PACKAGE / "_async") + "/",
        todir=str(into / "_sync") + "/",
        # A walk's lock: asyncio's for the tasks of one loop, threading's for threads.
        additional_replacements={"aclose": "close", "async_sleep": "sleep", "asyncio": "threading"},
    )
    unasync.unasync_files([str(path) for path in sources], [rule])
    written = []
    for source in sources:
        target = into / "_sync" / source.name
        target.write_text(HEADER.format(name=source.name) + target.read_text())
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        with tempfile.TemporaryDirectory() as scratch:
            stale = [
                path.name
                for path in generate(Path(scratch))
                if not (PACKAGE / "_sync" / path.name).is_file()
                or (PACKAGE / "_sync" / path.name).read_text() != path.read_text()
            ]
        if stale:
            print(f"python/modelgates/_sync/ is out of date ({', '.join(stale)}): run `just generate`")
            return 1
        print("python/modelgates/_sync/ is up to date")
        return 0
    if argv:
        print(__doc__)
        return 2
    for path in generate(PACKAGE):
        print(f"wrote {path.relative_to(PACKAGE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
