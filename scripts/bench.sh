#!/usr/bin/env bash
# `npm run bench`: builds, then runs every benchmark under bench/ (each prints its own ratio).
# bench/cli-cold-start.ts is issue 3's: `wasmctl run` of a stored hello image vs bare node:wasi.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
bash scripts/build-test-modules.sh
for bench in bench/*.ts; do
  echo "== $bench"
  node --import tsx "$bench"
done
