#!/usr/bin/env bash
# Builds hello.wasm with AssemblyScript (npm devDependency, no apt package) and the FROM-scratch image
# localhost/hello-as:v1 with buildah. asc resolves the shim's config relative to the working
# directory, so it runs from the repository root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
npx asc samples/hello-as/hello.ts --config ./node_modules/@assemblyscript/wasi-shim/asconfig.json -O2 -o samples/hello-as/hello.wasm
cd "$here"
buildah build --quiet --timestamp 0 -t localhost/hello-as:v1 . >/dev/null
echo "built samples/hello-as/hello.wasm and image localhost/hello-as:v1"
