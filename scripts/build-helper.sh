#!/usr/bin/env bash
# Builds the native helper (Go, standard library only, static) for linux/amd64
# and linux/arm64 into dist/helper/. Without Go it says so and succeeds: the
# app then runs without the kernel view and tells the user why.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then
  echo "build-helper: Go is not installed; Dockwire will run without its native helper (kernel view unavailable)" >&2
  exit 0
fi
mkdir -p dist/helper
for arch in amd64 arm64; do
  (cd native-helper && CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -trimpath -ldflags='-s -w' -o "../dist/helper/dockwire-helper-linux-$arch" .)
done
