"""Prints the audit table from the logs the suites left in target/test-logs/:
requests validated by Prism and violations, what the Prism canaries caught, schemathesis cases
and failures, fuzz executions per target, and secret-leak scan hits per binding. A check with no
log reads "not run".

Standalone `just audit` reruns only the Rust pieces and leaves the bindings' logs of the last
`just test` in place; it marks its start with target/test-logs/audit-started, and every row
whose logs are older than that mark says "not rerun" and when its logs were written."""

import glob
import os
import re
import sys
import time

LOGS = os.path.join(os.path.dirname(__file__), "..", "target", "test-logs")
STAMP = os.path.join(LOGS, "audit-started")


def not_rerun(paths: list[str]) -> str:
    """" (not rerun: from <time>)" when a standalone audit did not rewrite these logs, else ""."""
    if not paths or not os.path.exists(STAMP):
        return ""
    newest = max(os.path.getmtime(p) for p in paths)
    if newest >= os.path.getmtime(STAMP):
        return ""
    return time.strftime(" (not rerun: from %Y-%m-%d %H:%M)", time.localtime(newest))


def read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def prism_rows() -> list[tuple[str, str, str]]:
    # One log per proxy; its file name starts with the suite that started it (rust-, js-, ...).
    by_suite: dict[str, list[int]] = {}
    files: dict[str, list[str]] = {}
    for path in glob.glob(os.path.join(LOGS, "prism", "*.log")):
        suite = os.path.basename(path).split("-")[0]
        text = read(path)
        requests = len(re.findall(r"Request received", text))
        violations = len(re.findall(r"Violation:|✖", text))
        totals = by_suite.setdefault(suite, [0, 0])
        totals[0] += requests
        totals[1] += violations
        files.setdefault(suite, []).append(path)
    if not by_suite:
        return [("prism", "not run", "")]
    return [
        (f"prism ({suite})", f"{r} requests validated{not_rerun(files[suite])}",
         f"{v} violations" if r else f"{v} violations, 0 requests: 1 failure")
        for suite, (r, v) in sorted(by_suite.items())
    ]


def canary_rows() -> list[tuple[str, str, str]]:
    # The canaries (core/tests/support/prism.rs, tests/contract/prism-canary.sh) write one line
    # each only when every off-spec exchange they sent was counted as a violation.
    rows = []
    for path in sorted(glob.glob(os.path.join(LOGS, "prism", "canary", "*.txt"))):
        for line in read(path).splitlines():
            m = re.match(r"prism-canary (\S+): (.*), (\d+ violations caught)$", line)
            if m:
                rows.append((f"prism canary ({m.group(1)})", m.group(2) + not_rerun([path]),
                             m.group(3)))
    return rows or [("prism canary", "not run", "")]


def schemathesis_row() -> tuple[str, str, str]:
    path = os.path.join(LOGS, "schemathesis.log")
    if not os.path.exists(path):
        return ("schemathesis", "not run", "")
    text = read(path)
    generated = re.findall(r"(\d+) generated", text)
    found = re.findall(r"found (\d+) unique failures", text)
    # The line the recipe prints, not its own command line, which just echoes into the log.
    if re.search(r"^schemathesis: stopped by its time bound", text, re.M):
        return ("schemathesis", "stopped by its time bound", "1 failure")
    if not generated:
        return ("schemathesis", "no summary in log", "1 failure")
    return ("schemathesis", f"{generated[-1]} cases", f"{found[-1] if found else 0} failures")


def fuzz_rows() -> list[tuple[str, str, str]]:
    rows = []
    for path in sorted(glob.glob(os.path.join(LOGS, "fuzz", "*.log"))):
        text = read(path)
        runs = re.findall(r"Done (\d+) runs", text)
        crashed = "crash-" in text or "ERROR: libFuzzer" in text or "panicked" in text
        rows.append(
            (
                f"fuzz {os.path.basename(path)[:-4]}",
                f"{runs[-1] if runs else 0} executions",
                "1 crash" if crashed else "0 crashes",
            )
        )
    return rows or [("fuzz", "not run", "")]


def fuzz_crashes() -> list[str]:
    """For each crashed target, the panic and libFuzzer's Base64 of the input: a fresh CI machine
    keeps no artifact, so the table's tail is all there is to reproduce it from."""
    lines = []
    for path in sorted(glob.glob(os.path.join(LOGS, "fuzz", "*.log"))):
        text = read(path)
        panic = re.search(r"panicked at [^\n]*\n([^\n]*)", text)
        base64 = re.search(r"^Base64: (\S+)", text, re.MULTILINE)
        if panic or base64:
            target = os.path.basename(path)[:-4]
            lines.append(f"fuzz {target} crashed: {panic.group(1) if panic else '(no panic message)'}")
            if base64:
                lines.append(f"  input (Base64): {base64.group(1)}")
                lines.append(f"  rerun: echo {base64.group(1)} | base64 -d > crash && "
                             "RUSTC_BOOTSTRAP=1 PATH=$PWD/.tools/bin:$PATH "
                             f"cargo fuzz run --fuzz-dir tests/fuzz {target} crash")
    return lines


def leak_rows() -> list[tuple[str, str, str]]:
    rows = []
    for path in sorted(glob.glob(os.path.join(LOGS, "leak-scan", "*.txt"))):
        for line in read(path).splitlines():
            m = re.match(r"leak-scan (\S+): (.*?),? (\d+) hits", line)
            if m:
                rows.append((f"leak scan ({m.group(1)})", m.group(2) + not_rerun([path]),
                             f"{m.group(3)} hits"))
    return rows or [("leak scan", "not run", "")]


def main() -> int:
    rows = prism_rows() + canary_rows() + [schemathesis_row()] + fuzz_rows() + leak_rows()
    widths = [max(len(r[i]) for r in rows + [("check", "ran", "found")]) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for row in [("check", "ran", "found")] + rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print(line)
    for crash in fuzz_crashes():
        print(crash)
    if os.path.exists(STAMP):
        print("just audit reran the Rust pieces only (Prism on the Rust end-to-end suite and both")
        print("canaries, schemathesis, fuzz, the Rust leak scan). Rows marked \"not rerun\" are from")
        print("an earlier run; a binding with no row has no log at all. `just test` reruns everything.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
