"""Every package of the SDK carries one version: the workspace's (Cargo.toml).

Checked: each Rust crate (cargo metadata) and the workspace's own requirements on them, the
npm package and its lock files, the Python package (its version is taken from Cargo by maturin,
never written twice), the Kotlin/Swift binding crate, and CHANGELOG.md (an Unreleased section,
and a section for the version once its tag exists). With artefact paths as arguments (wheels,
sdists, npm tarballs, .crate files), also that each file name carries the version.

Prints one line per check and exits non-zero if any differs.
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
failures = 0


def check(what: str, found: object, expected: str) -> None:
    global failures
    ok = found == expected
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {what}: {found}" + ("" if ok else f" (expected {expected})"))


def python_version(version: str) -> str:
    """The version as maturin writes it into a wheel or sdist (PEP 440): 1.0.0-rc.1 -> 1.0.0rc1."""
    match = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.?(\d+))?", version)
    if not match or not match.group(2):
        return version
    return f"{match.group(1)}{dict(alpha='a', beta='b', rc='rc')[match.group(2)]}{match.group(3)}"


def artefact_version(name: str, version: str) -> tuple[str | None, str]:
    """The version in an artefact's file name, and the one expected there."""
    if name.endswith(".whl"):  # modelgates-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl
        return name.split("-")[1], python_version(version)
    if name.startswith("modelgates-") and name.endswith(".tar.gz"):  # the sdist
        return name.removeprefix("modelgates-").removesuffix(".tar.gz"), python_version(version)
    match = re.search(r"-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.(tgz|crate)$", name)  # npm, crates
    return (match.group(1) if match else None), version


def main() -> None:
    manifest = tomllib.loads((ROOT / "Cargo.toml").read_text())
    version = manifest["workspace"]["package"]["version"]
    print(f"the workspace version: {version}")

    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--no-deps", "--format-version", "1"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    )
    for package in metadata["packages"]:
        check(f"crate {package['name']}", package["version"], version)
    for name, spec in manifest["workspace"]["dependencies"].items():
        if isinstance(spec, dict) and "path" in spec:
            check(f"Cargo.toml requirement on {name}", spec.get("version"), version)

    npm = json.loads((ROOT / "js/package.json").read_text())
    check("npm package.json", npm["version"], version)
    lock = json.loads((ROOT / "js/package-lock.json").read_text())
    check("npm package-lock.json", lock["version"], version)
    check("npm package-lock.json (root package)", lock["packages"][""]["version"], version)
    dashboard = json.loads((ROOT / "js/examples/dashboard/package-lock.json").read_text())
    check("dashboard lock (linked modelgates)", dashboard["packages"]["../.."]["version"], version)

    pyproject = tomllib.loads((ROOT / "python/pyproject.toml").read_text())["project"]
    check("pyproject version (taken from Cargo by maturin)", "version" in pyproject.get("dynamic", []), True)
    check("pyproject writes no version of its own", "version" in pyproject, False)

    changelog = (ROOT / "CHANGELOG.md").read_text()
    check("CHANGELOG.md has an Unreleased section", "## [Unreleased]" in changelog, True)
    tags = subprocess.run(["git", "tag", "--list", f"v{version}"], cwd=ROOT, capture_output=True, text=True).stdout
    if tags.strip():
        check(f"CHANGELOG.md has a section for the tagged v{version}", f"## [{version}]" in changelog, True)

    # Artefact names: modelgates-0.1.0-cp39-abi3-....whl, modelgates-0.1.0.tar.gz,
    # modelgates-0.1.0.tgz, modelgates-core-0.1.0.crate.
    for artefact in map(Path, sys.argv[1:]):
        check(f"artefact {artefact.name}", *artefact_version(artefact.name, version))

    print(f"{failures} version(s) differ" if failures else "every package carries the same version")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
