"""What every patch of uniffi's generated code shares (catch-throwable.py, readable-messages.py,
reuse-call-status.py, swift-error-cases.py): read each file, rewrite it, write back the ones that
changed, and stop with a message when the code a patch expects from uniffi's templates is not
there: a uniffi upgrade must then adapt or drop the patch, never skip it in silence.
"""

import sys


def patch_files(paths, rewrite, done):
    """Rewrites each file with `rewrite(path, text) -> (text, how many places changed)` and prints
    `done(count)` for each one it changed. Returns how many places changed in all the files."""
    total = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        patched, found = rewrite(path, text)
        if patched != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(patched)
            print(f"{path}: {done(found)}")
        total += found
    return total


def template_changed(message):
    """Stops the build: the generated code is not what the patch was written for."""
    sys.exit(message)
