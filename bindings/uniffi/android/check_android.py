#!/usr/bin/env python3
"""What of the Android build can be checked without the Android SDK and NDK.

- The AAR's sources (bindings/uniffi/kotlin/src and okhttp) use nothing Android lacks:
  no java.net.http (JavaHttpTransport lives in kotlin/jvm, outside the AAR).
- The Gradle scripts parse as Kotlin (tree-sitter-kotlin).
- consumer-rules.pro is well-formed: each rule a known R8/ProGuard option, braces balanced,
  and it keeps what JNA reaches by reflection.
- build-aar.sh parses (`bash -n`), links for 16 KB pages, and builds with the library's own std
  (scripts/mobile-std.sh, as `just build-mobile` does on this machine).
(The `check-android` recipe also compiles the AAR's Kotlin and Java sources on the JVM.)

Prints one line per check, then "N passed, N failed".
"""

import re
import subprocess
import sys
from pathlib import Path

import tree_sitter
import tree_sitter_kotlin

HERE = Path(__file__).resolve().parent
KOTLIN = HERE.parent / "kotlin"
AAR_SOURCES = [KOTLIN / "src", KOTLIN / "okhttp"]
OPTIONS = {
    "-keep", "-keepclassmembers", "-keepclasseswithmembers", "-keepnames",
    "-keepclassmembernames", "-keepclasseswithmembernames", "-dontwarn", "-keepattributes",
    "-assumenosideeffects", "-dontnote", "-if",
}
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def errors(node):
    if node.type == "ERROR" or node.is_missing:
        yield node
    for child in node.children:
        yield from errors(child)


def main():
    for root in AAR_SOURCES:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".kt", ".java"):
                # A use (an import or a qualified name), not a mention in a comment.
                used = re.search(r"java\.net\.http\.\w", path.read_text())
                check(f"{path.relative_to(HERE.parent)} uses no java.net.http", used is None, used and used.group(0))

    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_kotlin.language()))
    for name in ("settings.gradle.kts", "build.gradle.kts"):
        tree = parser.parse((HERE / name).read_bytes())
        bad = [f"line {n.start_point[0] + 1}" for n in errors(tree.root_node)]
        check(f"{name} parses as Kotlin", not bad, ", ".join(bad))

    rules = (HERE / "consumer-rules.pro").read_text()
    body = "\n".join(line.split("#", 1)[0] for line in rules.splitlines())
    depth, balanced = 0, True
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        balanced &= depth >= 0
    check("consumer-rules.pro: braces balanced", balanced and depth == 0)
    # Outside braces, every line starts a rule with a known option.
    outside = re.sub(r"\{[^}]*\}", " ", body)
    starts = [line.split()[0] for line in outside.splitlines() if line.strip()]
    unknown = [word for word in starts if word not in OPTIONS]
    check("consumer-rules.pro: every rule starts with a known option", bool(starts) and not unknown, f"unknown {unknown}")
    for needed in ("-keep class com.sun.jna.** { *; }", "-keep class ai.modelgates.sdk.** { *; }"):
        check(f"consumer-rules.pro keeps `{needed}`", needed in rules)

    script = HERE / "build-aar.sh"
    check("build-aar.sh parses", subprocess.run(["bash", "-n", str(script)]).returncode == 0)
    text = script.read_text()
    for triple in ("AARCH64_LINUX_ANDROID", "X86_64_LINUX_ANDROID"):
        flags = re.search(rf'^export CARGO_TARGET_{triple}_RUSTFLAGS="([^"]*)"', text, re.M)
        check(
            f"build-aar.sh links {triple.lower()} for 16 KB pages and checks it",
            bool(flags) and "$pages16k" in flags.group(1) and "max-page-size=16384" in text and "0x4000" in text,
        )
    ndk = re.search(r'^RUSTC_BOOTSTRAP=1 cargo ndk .*?\n(?:  .*\n)*', text, re.M)
    check(
        "build-aar.sh builds std without its backtrace symbolizer (mobile-std.sh)",
        "source bindings/uniffi/scripts/mobile-std.sh" in text
        and bool(ndk) and '"${mobile_std[@]}"' in ndk.group(0),
    )

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
