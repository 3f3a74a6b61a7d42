# Sourced by scripts/demo and scripts/test: puts `just` on PATH, installing it from PyPI
# (the rust-just wheel, a few seconds) when it is missing. Tries, in order: a `just` already
# on PATH (nothing to do), one already in target/just-venv, `pip install`, `pip install --user`,
# and a virtualenv in target/just-venv, which also works where the system Python is
# externally managed (PEP 668) and refuses both pip installs.
if ! command -v just >/dev/null 2>&1; then
  just_venv="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/just-venv"
  if [ ! -x "$just_venv/bin/just" ]; then
    echo "installing just (pip install rust-just)..."
    if python3 -m pip install --quiet --disable-pip-version-check rust-just >/dev/null 2>&1 \
      || python3 -m pip install --quiet --disable-pip-version-check --user rust-just >/dev/null 2>&1; then
      if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi
      for dir in "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')" \
                 "$(python3 -m site --user-base 2>/dev/null)/bin"; do
        if [ -x "$dir/just" ]; then PATH="$dir:$PATH"; fi
      done
    fi
  fi
  if ! command -v just >/dev/null 2>&1 && [ ! -x "$just_venv/bin/just" ]; then
    echo "pip could not install just here (an externally managed Python?): using a virtualenv in $just_venv"
    rm -rf "$just_venv"
    python3 -m venv "$just_venv" \
      && "$just_venv/bin/python" -m pip install --quiet --disable-pip-version-check rust-just \
      || echo "could not create $just_venv (on Debian or Ubuntu: apt-get install python3-venv)" >&2
  fi
  if ! command -v just >/dev/null 2>&1 && [ -x "$just_venv/bin/just" ]; then
    PATH="$just_venv/bin:$PATH"
  fi
  export PATH
  command -v just >/dev/null 2>&1 || { echo "could not install just" >&2; exit 1; }
  unset just_venv
fi
