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

from generated_code import patch_files, template_changed

CAUGHT = "catch(e: kotlin.Exception)"
WIDER = "catch(e: kotlin.Throwable)"


def widen(path, text):
    found = text.count(CAUGHT)
    if found == 0:
        template_changed(f"{path}: no `{CAUGHT}` from uniffi's templates: has uniffi caught Throwable itself since?")
    return text.replace(CAUGHT, WIDER), found


if __name__ == "__main__":
    patch_files(sys.argv[1:], widen, lambda found: f"{found} catches widened to Throwable")
