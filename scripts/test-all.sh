#!/usr/bin/env bash
# `npm test`: every check Dockwire has, against a private Docker engine.
#   a preflight of the programs it needs (scripts/system-tools.list), build, type check, lint, format, the Go
#   helper's tests (real namespaces) and fuzzing, unit tests,
#   then a private engine + test images, integration tests and Chromium e2e tests.
# All suites run even when one fails; the last line sums them up.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
failed_steps=()
step() { # step NAME COMMAND... : run, remember failure, keep going
  local name=$1; shift
  echo "::: $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

# Preflight, before a minute goes on builds: every program of scripts/system-tools.list is there.
# As root the missing ones are installed (a fresh machine needs no step by hand); otherwise each is
# named with the one command that installs them all.
if [ "$(id -u)" = 0 ]; then bash scripts/install-deps.sh || exit 1; else bash scripts/system-tools.sh check || exit 1; fi
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1
npm run --silent build || exit 1

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step format bash scripts/format-check.sh
step go npm run --silent test:go
step unit npx vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile.json="$results/unit.json"

# Always the private engine: these tests create, remove and restart things, so
# they must never run against a user's own DOCKER_HOST.
export DOCKWIRE_ENGINE_DIR=${DOCKWIRE_ENGINE_DIR:-/tmp/dockwire-engine}
started_engine=0
if ! bash scripts/engine.sh host >/dev/null || ! docker --host "$(bash scripts/engine.sh host)" version >/dev/null 2>&1; then
  started_engine=1
fi
DOCKER_HOST=$(bash scripts/engine.sh start) || exit 1
export DOCKER_HOST
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
cleanup_engine() { [ "$started_engine" = 1 ] && bash scripts/engine.sh stop; rm -rf "$results"; }
trap cleanup_engine EXIT
bash scripts/test-images.sh || exit 1

step integration npx vitest run --config vitest.integration.config.ts --reporter=default --reporter=json --outputFile.json="$results/integration.json"
step e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --config e2e/playwright.config.ts --reporter=list,json

[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
# Type check, lint, format and the Go suite count as one test each in the closing line.
checks_failed=0
for name in typecheck lint format go; do [[ " ${failed_steps[*]} " == *" $name "* ]] && checks_failed=$((checks_failed + 1)); done
node scripts/sum-test-results.mjs --checks=4 --checks-failed=$checks_failed "$results"/unit.json "$results"/integration.json "$results"/e2e.json
status=$?
[ ${#failed_steps[@]} -gt 0 ] && exit 1
exit $status
