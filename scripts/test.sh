#!/usr/bin/env bash
# The one test command (README, .ci/run): peers installed, code built, every suite run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
[ -d node_modules ] || npm ci
node scripts/gen-proto.mjs --check # a .proto changed without its regenerated module committed
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/build-test-modules.sh
mapfile -t suites < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 --test-timeout=300000 "$@" "${suites[@]}"
