# Sourced by scripts/demo and scripts/test: puts `just` on PATH, installing it from PyPI
# (the rust-just wheel, a few seconds) when it is missing.
if ! command -v just >/dev/null 2>&1; then
  echo "installing just (pip install rust-just)..."
  python3 -m pip install --quiet --disable-pip-version-check rust-just >/dev/null 2>&1 \
    || python3 -m pip install --quiet --user rust-just
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1
  for dir in "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')" \
             "$(python3 -m site --user-base 2>/dev/null)/bin"; do
    [ -x "$dir/just" ] && PATH="$dir:$PATH"
  done
  export PATH
  command -v just >/dev/null 2>&1 || { echo "could not install just" >&2; exit 1; }
fi
