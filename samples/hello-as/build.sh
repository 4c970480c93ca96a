#!/usr/bin/env bash
# Builds hello.wasm with AssemblyScript (npm devDependency, no apt package) and the FROM-scratch image
# hello-as:v1 in wasmctl's store with `wasmctl build` (or: buildah build -t localhost/hello-as:v1 .).
# asc resolves the shim's config relative to the working directory, so it runs from the repository root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wasmctl=${WASMCTL:-$here/../../bin/wasmctl}
cd "$here/../.."
npx asc samples/hello-as/hello.ts --config ./node_modules/@assemblyscript/wasi-shim/asconfig.json -O2 -o samples/hello-as/hello.wasm
"$wasmctl" build -q -t hello-as:v1 "$here" >/dev/null
echo "built samples/hello-as/hello.wasm and image hello-as:v1 (wasmctl run hello-as:v1)"
