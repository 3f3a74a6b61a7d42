#!/usr/bin/env python3
"""Makes a generated Kotlin exception's `message` its plain-words `reason`.

uniffi (up to 0.32.2) gives an error variant with fields a `message` that lists every field:
`status=404, code=404, reason=Not found, metadataJson=null, userId=null, requestId=req_...`.
That reads badly in logs, and the request id, unique per call, keeps crash reporters from
grouping one failure as one issue. Every error of this SDK carries its readable text in
`reason` (the core's message: plain words, camelCase field names), and the details stay
fields (`e.status`, `e.requestId`, ...). uniffi has no setting for this, so the generated
files get that change here; it fails, naming the file, when no such `message` is found (a
uniffi upgrade must then adapt this step, not skip it in silence).

    readable-messages.py FILE.kt [FILE.kt ...]
"""

import re
import sys

from generated_code import patch_files, template_changed

# `override val message get() = "..., reason=${ `reason` }, ..."` (uniffi's ErrorTemplate.kt).
FIELD_DUMP = re.compile(r'(override val message\s+get\(\) = )"[^"\n]*\breason=\$\{ `reason` \}[^"\n]*"')


def readable(path, text):
    return FIELD_DUMP.subn(r"\1`reason`", text)


if __name__ == "__main__":
    paths = sys.argv[1:]
    if patch_files(paths, readable, lambda found: f"{found} exception messages are their reason") == 0:
        template_changed(f"no field-dump `message` with a `reason` in {paths}: has uniffi's ErrorTemplate.kt changed?")
