#!/usr/bin/env bash
# Reads scripts/system-tools.list, the one list of programs Dockwire's tests and app run.
#   scripts/system-tools.sh check      names every required program that is missing, and the one
#                                      command that installs them; exit 1 if any is missing
#   scripts/system-tools.sh packages   prints the Debian packages of the missing programs, one a line
set -euo pipefail
list="$(dirname "$0")/system-tools.list"

# present COMMAND HOW: is the program there, in the form the tests need?
present() {
  case "$2" in
    static) local path; path=$(command -v "$1" 2>/dev/null) || return 1
            command -v file >/dev/null && file -L "$path" | grep -q 'statically linked' ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# Lines of "command package how" for each required program that is missing.
missing() {
  local command package how _
  while read -r command package how _; do
    case "$command" in '' | '#'*) continue ;; esac
    [ "$how" = optional ] && continue
    present "$command" "$how" || echo "$command $package $how"
  done <"$list"
}

case "${1:-}" in
  packages) missing | awk '$3 != "node" {print $2}' | sort -u ;;
  check)
    gone=$(missing)
    [ -z "$gone" ] && exit 0
    echo "Missing programs the tests need (command: Debian package):" >&2
    echo "$gone" | awk '{printf "  %s: %s%s\n", $1, $2, ($3 == "static" ? " (the statically linked build)" : $3 == "node" ? " (comes with Node.js, which install-deps does not install)" : "")}' >&2
    echo "Install them all with: sudo bash scripts/install-deps.sh" >&2
    exit 1 ;;
  *) echo "usage: $0 check|packages" >&2; exit 2 ;;
esac
