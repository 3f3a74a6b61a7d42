"""Lists what each release artefact would publish and checks it: the licence texts (byte for
byte the repository's), the README, the files a user imports, and nothing that is not meant
to ship (tests, sources of other packages, build folders).

    check-artefacts.py ARTEFACT...   (.whl, .tar.gz sdist, .tgz npm tarball, .crate)

Prints one line per artefact (and each problem), exits non-zero on any problem.
"""

import fnmatch
import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCES = {name: (ROOT / name).read_bytes() for name in ("LICENSE-MIT", "LICENSE-APACHE")}


def read_members(path: Path) -> dict[str, bytes]:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    with tarfile.open(path, "r:gz") as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile()
        }


# Per kind: where the licences sit, the files that must be there, the only files allowed.
def rules(path: Path, root: str) -> tuple[str, list[str], list[str]]:
    name = path.name
    if name.endswith(".whl"):
        dist_info = re.sub(r"^([^-]+-[^-]+)-.*$", r"\1.dist-info", name)
        return (
            f"{dist_info}/licenses/",
            ["modelgates/__init__.py", "modelgates/py.typed", "modelgates/_native.pyi",
             "modelgates/_native.*.so", f"{dist_info}/METADATA"],
            ["modelgates/*", f"{dist_info}/*"],
        )
    if name.endswith(".tgz"):
        return (
            "package/",
            ["package/package.json", "package/README.md", "package/dist/index.js",
             "package/dist/index.d.ts", "package/dist/*.wasm"],
            ["package/package.json", "package/README.md", "package/LICENSE-*", "package/dist/*"],
        )
    if name.endswith(".crate"):
        return (
            f"{root}/",
            [f"{root}/Cargo.toml", f"{root}/README.md", f"{root}/src/lib.rs"],
            [f"{root}/*"],
        )
    # A Python sdist: the package and the Rust crates it builds from (the sandbox only because
    # the core's tests depend on it, which cargo needs to resolve the lock file).
    return (
        f"{root}/",
        [f"{root}/PKG-INFO", f"{root}/pyproject.toml", f"{root}/README.md", f"{root}/Cargo.lock",
         f"{root}/modelgates/py.typed", f"{root}/core/src/lib.rs", f"{root}/bindings/python/src/lib.rs"],
        [f"{root}/{name}" for name in ("PKG-INFO", "pyproject.toml", "README.md", "LICENSE-*",
                                       "Cargo.toml", "Cargo.lock", "modelgates/*", "core/*",
                                       "bindings/python/*", "tests/sandbox/*")],
    )


def check(path: Path) -> list[str]:
    members = read_members(path)
    stem = re.sub(r"(\.tar\.gz|\.crate|\.tgz|\.whl)$", "", path.name)
    licence_dir, required, allowed = rules(path, stem)
    problems = []
    for licence, text in LICENCES.items():
        found = members.get(licence_dir + licence)
        if found is None:
            problems.append(f"no {licence_dir}{licence}")
        elif found != text:
            problems.append(f"{licence_dir}{licence} differs from the repository's {licence}")
    for pattern in required:
        if not any(fnmatch.fnmatchcase(name, pattern) for name in members):
            problems.append(f"nothing matches {pattern}")
    for name in members:
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in allowed):
            problems.append(f"unexpected file {name}")
    print(f"{'ok  ' if not problems else 'FAIL'} {path.name}: {len(members)} files, licences and {len(required)} required entries checked")
    for problem in problems:
        print(f"     {problem}")
    return problems


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: check-artefacts.py ARTEFACT...")
    failed = [path for path in map(Path, sys.argv[1:]) if check(path)]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
