#!/usr/bin/env python3
"""Makes the generated Kotlin reuse its call statuses instead of making one per call.

uniffi's Kotlin (up to 0.32.2) makes a new `UniffiRustCallStatus` for every call into Rust: a
JNA `Structure`, so each one is two native allocations (it and its nested `RustBuffer`), two
cleaner registrations and reflective field set-up. An SDK call makes about six such calls
(cloning the client's handle, lowering a string, freeing the request's buffer, lowering the
response, completing the future, freeing the result's buffer), and over a blocking transport
this was a third of the SDK's own time (`just bench-kotlin`: in-memory call 0.042 -> 0.027 ms).
Here each thread keeps the statuses it used in a stack: a call made from inside another one
(Rust calling a Kotlin transport that lowers its answer) takes one of its own, and a status is
reset to success and an empty error buffer before it is handed out again. JNA writes it to
native memory before each call and reads it back after, as for a new one.

Fails, naming the file, when the code it changes is not there (a uniffi upgrade must then drop
or adapt this step, not skip it in silence).

    reuse-call-status.py FILE.kt [FILE.kt ...]
"""

import sys

from generated_code import patch_files, template_changed

MADE_PER_CALL = """    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
"""

REUSED = """    val status = UniffiRustCallStatusPool.take()
    try {
        val return_value = callback(status)
        uniffiCheckCallStatus(errorHandler, status)
        return return_value
    } finally {
        UniffiRustCallStatusPool.give(status)
    }
}

// The call statuses this thread used, for reuse (bindings/uniffi/scripts/reuse-call-status.py):
// a call made from inside another one takes its own.
private object UniffiRustCallStatusPool {
    private val unused = ThreadLocal.withInitial { ArrayDeque<UniffiRustCallStatus>() }

    fun take(): UniffiRustCallStatus {
        val status = unused.get().removeLastOrNull() ?: return UniffiRustCallStatus()
        status.code = UNIFFI_CALL_SUCCESS
        status.error_buf.capacity = 0
        status.error_buf.len = 0
        status.error_buf.data = null
        return status
    }

    fun give(status: UniffiRustCallStatus) {
        unused.get().addLast(status)
    }
}
"""


def reuse(path, text):
    found = text.count(MADE_PER_CALL)
    if found != 1:
        template_changed(f"{path}: {found} copies of uniffiRustCallWithError's body from uniffi's templates (expected 1): has uniffi changed it?")
    return text.replace(MADE_PER_CALL, REUSED), found


if __name__ == "__main__":
    patch_files(sys.argv[1:], reuse, lambda found: "call statuses reused per thread")
