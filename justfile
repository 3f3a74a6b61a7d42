# Every build and test step of the ModelGates SDK, by name. README's two commands
# (scripts/demo, scripts/test) install `just` and call `demo` and `test`.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Each binding keeps its own recipes beside its code (test-js, bench-js, test-py, bench-py,
# test-kotlin, check-swift, ...); they are imported here so every recipe runs from the root.
import? 'js/tasks.just'
import? 'python/tasks.just'
import? 'bindings/uniffi/tasks.just'
import 'tests/contract/tasks.just'
import 'tests/fuzz/tasks.just'

# Lists the recipes.
default:
    @just --list

# --------------------------------------------------------------------- set-up

# Installs the Rust pieces the suites need (skips what is there).
setup-rust:
    rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
    rustup component list --installed | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
    rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

# ----------------------------------------------------------------------- demo

# Starts the sandbox on a free port, runs the example flow against it, stops the sandbox.
demo: build-demo
    scripts/with-sandbox.sh target/debug/examples/flow

build-demo:
    cargo build --quiet -p modelgates-sandbox
    cargo build --quiet -p modelgates-core --features blocking --example flow

# ---------------------------------------------------------------------- tests

# Every suite, continuing past failures; ends with one "N passed, N failed" line.
test: setup-rust
    scripts/run-suites.sh

# Core unit tests, vector replay, properties, sandbox tests, and the end-to-end tests over
# real HTTP (direct here; `test-rust-contract` runs them again through Prism).
test-rust:
    cargo test -p modelgates-core --features blocking -p modelgates-sandbox --no-fail-fast

# The core builds for the browser target.
check-core-wasm:
    cargo build --quiet -p modelgates-core --target wasm32-unknown-unknown

# The core's normal dependencies include no I/O, runtime or binding crate, and the browser
# engine's no js-sys or web-sys.
check-core-deps:
    #!/usr/bin/env bash
    set -euo pipefail
    tree=$(cargo tree -p modelgates-core -e normal --prefix none)
    bad=$(grep -E '^(tokio|reqwest|hyper|wasm-bindgen|js-sys|pyo3|uniffi|gloo[a-z-]*|ureq|getrandom) ' <<<"$tree" || true)
    if [ -n "$bad" ]; then echo "forbidden dependencies of modelgates-core:"; echo "$bad"; exit 1; fi
    echo "modelgates-core depends on: $(cut -d' ' -f1 <<<"$tree" | sort -u | tr '\n' ' ')"
    # The browser engine declares its few JavaScript built-ins itself (bindings/wasm/src/js.rs):
    # js-sys and web-sys would bring describe functions that keep unused closure shims (1 KB).
    engine=$(cargo tree -p modelgates-wasm -e normal --target wasm32-unknown-unknown --prefix none)
    bad=$(grep -E '^(js-sys|web-sys|gloo[a-z-]*|wasm-bindgen-futures) ' <<<"$engine" || true)
    if [ -n "$bad" ]; then echo "forbidden dependencies of modelgates-wasm:"; echo "$bad"; exit 1; fi

clippy:
    cargo clippy --quiet -p modelgates-core --features blocking,uniffi,python,schema -p modelgates-sandbox -p modelgates-uniffi -p modelgates-python -p modelgates-codegen --all-targets -- -D warnings

fmt-check:
    cargo fmt --all -- --check

# Every public item documented, no broken links (the wasm crate on its own target).
doc-check:
    RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p modelgates-core --features blocking,uniffi,python,schema -p modelgates-sandbox -p modelgates-uniffi -p modelgates-python -p modelgates-codegen
    RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p modelgates-wasm --target wasm32-unknown-unknown

# Writes what the bindings derive from the core (bindings/codegen): TypeScript declarations,
# the JS operation table, the Python stubs and resources, README's operation list; then the
# sync Python client from the asyncio one (unasync).
generate: setup-py
    cargo run --quiet -p modelgates-codegen
    target/py-venv/bin/python python/scripts/make_sync.py

# Fails, naming the files, when a generated file differs from what `just generate` writes.
check-generated: setup-py
    cargo run --quiet -p modelgates-codegen -- --check
    target/py-venv/bin/python python/scripts/make_sync.py --check

# The conformance vectors are well-formed.
check-vectors:
    python3 tests/vectors/tools/check.py

# What each registry would receive, through the registry's own checks (nothing is uploaded):
# versions in lockstep, `cargo package` (verified) for each publishable crate, `twine check` on
# the wheel and the sdist (and the sdist built and tested on its own), `npm pack --dry-run`,
# publint and arethetypeswrong on the tarball, and every artefact's contents (licences included).
release-check: build-js setup-py
    scripts/release-check.sh

# Sets the version of every package (the crates, npm, pip, Kotlin/Swift), e.g. `just set-version 0.2.0`.
set-version version:
    scripts/set-version.sh {{version}}

# The demo runs end to end against the sandbox and its output shows no secret.
test-demo: build-demo
    scripts/check-demo.sh

# ------------------------------------------------------------------ hardening

# Runs the contract and hardening checks (Prism on the Rust end-to-end traffic, the Prism
# canaries, schemathesis, every fuzz target, the Rust leak scan) and prints one table of what
# they ran and found. The bindings' Prism and leak-scan logs of the last `just test` are kept,
# not rerun, and their rows say so (with when they ran). `just test` runs all of these and
# every binding's checks, and prints the same table.
audit:
    #!/usr/bin/env bash
    set -uo pipefail
    logs=target/test-logs
    mkdir -p "$logs" && touch "$logs/audit-started"
    rm -rf "$logs/fuzz" "$logs/prism/canary" "$logs/leak-scan/rust.txt"
    status=0
    just test-rust-contract 2>&1 | tee "$logs/rust-contract.log" || status=1
    just test-prism-canary 2>&1 | tee "$logs/prism-canary.log" || status=1
    just test-schemathesis 2>&1 | tee "$logs/schemathesis.log" || status=1
    just fuzz 2>&1 | tee "$logs/fuzz.log" || status=1
    cargo test -p modelgates-core --features blocking --test leak_scan || status=1
    python3 scripts/audit.py
    exit $status
