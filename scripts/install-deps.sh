#!/usr/bin/env bash
# Installs, on Debian, the packages of every program in scripts/system-tools.list that is missing
# (the one list of what the tests and the app run), then checks that each is now there. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t need < <(bash scripts/system-tools.sh packages)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  bash scripts/system-tools.sh check || true
  echo "(scripts/install-deps.sh needs root)" >&2
  exit 1
fi
command -v apt-get >/dev/null || { bash scripts/system-tools.sh check || true; echo "no apt-get here: install them with your system's package manager" >&2; exit 1; }
echo "installing: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# A package that installed but did not give its program (a renamed binary, a PATH without /usr/sbin) is named here.
bash scripts/system-tools.sh check
