#!/usr/bin/env bash
# The format check of npm test: Prettier for everything it formats, gofmt for the helper. Names what is off.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx prettier --check --log-level warn . || status=1
unformatted=$(gofmt -l native-helper)
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted (run: gofmt -w native-helper)"
  status=1
fi
exit $status
