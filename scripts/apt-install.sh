#!/usr/bin/env bash
# Installs the named Debian packages that are missing; runs `apt-get update` at most once per
# machine boot (the marker lives in /tmp). Uses sudo only when not root.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
marker=/tmp/.modelgates-apt-updated
if [ ! -e "$marker" ]; then
  $sudo apt-get update -qq
  touch "$marker"
fi
echo "installing: ${missing[*]}"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
