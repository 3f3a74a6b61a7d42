"""Counts passed and failed tests in one suite's log: `tally.py FORMAT LOG EXIT_CODE`.

Prints "PASSED FAILED". A suite that exits non-zero always counts at least one failure, so a
build error or a crash before any test ran can never read as a pass. A `summary` suite whose
log has no "N passed, N failed" line counts one failure whatever its exit code (a suite that
exits 0 before running its tests, or never reaches its last line, is not a pass); the reason
goes to stderr.
"""

import re
import sys

SUMMARY_LINE = re.compile(r"^(\d+) passed, (\d+) failed$", re.M)


def count(fmt: str, text: str) -> tuple[int, int]:
    if fmt == "cargo":
        results = re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", text)
        return sum(int(p) for p, _ in results), sum(int(f) for _, f in results)
    if fmt == "pytest":
        tail = text.strip().splitlines()[-1] if text.strip() else ""
        p = re.search(r"(\d+) passed", tail)
        f = re.search(r"(\d+) (failed|error)", tail)
        return int(p.group(1)) if p else 0, int(f.group(1)) if f else 0
    if fmt == "summary":
        # Suites that print their own "N passed, N failed" line (wasm, Kotlin, Python, ...).
        results = SUMMARY_LINE.findall(text)
        if not results:
            return 0, 1
        return int(results[-1][0]), int(results[-1][1])
    if fmt == "check":
        return 0, 0
    raise SystemExit(f"unknown format {fmt}")


def main() -> None:
    fmt, log, code = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    passed, failed = count(fmt, text)
    if fmt == "summary" and not SUMMARY_LINE.search(text):
        print(
            f"tally: {log} has no \"N passed, N failed\" line (exit code {code}): "
            "counted as 1 failed",
            file=sys.stderr,
        )
    if fmt == "check":
        passed, failed = (1, 0) if code == 0 else (0, 1)
    elif code != 0 and failed == 0:
        failed = 1
    print(passed, failed)


if __name__ == "__main__":
    main()
