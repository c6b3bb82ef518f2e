#!/usr/bin/env bash
# The helper's Go checks: vet, the tests (real namespaces, as root), then a
# short fuzz run of each input parser on its own and of the request decoder
# against stub methods (never the real kernel methods).
set -euo pipefail
cd "$(dirname "$0")/../native-helper"
go vet ./...
go test -count=1 ./...
for target in FuzzHandle:10s FuzzDecodeParams:5s FuzzReadLine:5s FuzzParseResolvConf:5s FuzzDecodeResponse:5s FuzzClassifyICMP:5s FuzzParseDiagMessage:5s FuzzDecodeRule:5s FuzzMatchTraceFrame:5s; do
  go test -run XXX -fuzz "^${target%%:*}\$" -fuzztime "${target##*:}" . >/dev/null || { echo "fuzzing ${target%%:*} found a failing input (see native-helper/testdata/fuzz)"; exit 1; }
done
echo "go: vet, tests and fuzzing passed"
