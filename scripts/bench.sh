#!/usr/bin/env bash
# `npm run bench`: builds, starts the private engine if needed, runs the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run --silent build
export DOCKWIRE_ENGINE_DIR=${DOCKWIRE_ENGINE_DIR:-/tmp/dockwire-engine}
DOCKER_HOST=$(bash scripts/engine.sh start)
export DOCKER_HOST
bash scripts/test-images.sh
node dist/bench/bench.js
