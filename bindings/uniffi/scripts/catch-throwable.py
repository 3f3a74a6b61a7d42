#!/usr/bin/env python3
"""Makes the generated Kotlin catch `Throwable` where a Kotlin object is called from Rust.

uniffi up to 0.32.2 wraps each call into a Kotlin implementation of a Rust trait (the
transport, the timer, the listeners) in `catch(e: kotlin.Exception)`. A `java.lang.Error`
(`TODO()`'s NotImplementedError, an AssertionError, a StackOverflowError) then escapes: the
Rust side never hears back, the call waits for its attempt timeout, and on Android the
uncaught throwable on a dispatcher thread is fatal. uniffi fixed this upstream the same way
(mozilla/uniffi-rs#2945, catch `kotlin.Throwable`), not yet in a release; until it is, the
generated files get that change here. Fails, naming the file, when the code it changes is not
there (a uniffi upgrade must then drop or adapt this step, not skip it in silence).

    catch-throwable.py FILE.kt [FILE.kt ...]
"""

import sys

CAUGHT = "catch(e: kotlin.Exception)"
WIDER = "catch(e: kotlin.Throwable)"


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        found = text.count(CAUGHT)
        if found == 0:
            sys.exit(f"{path}: no `{CAUGHT}` from uniffi's templates: has uniffi caught Throwable itself since?")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(CAUGHT, WIDER))
        print(f"{path}: {found} catches widened to Throwable")


if __name__ == "__main__":
    main(sys.argv[1:])
