#!/usr/bin/env bash
# Builds Layotto's two demo functions twice, from C (clang + wasi-libc) and from AssemblyScript,
# into build/c/ and build/as/, and their FROM-scratch images in wasmctl's store with `wasmctl build`:
# function1:v1, function2:v1 (C) and function1-as:v1, function2-as:v1, which `wasmctl serve` takes
# by name. With a registry argument (e.g. 127.0.0.1:5000) the images are pushed there too; with
# --modules-only only the .wasm files are built (the tests build their images themselves).
# With buildah instead: buildah build --timestamp 0 -f Dockerfile.function1 -t localhost/function1:v1 build/c
set -euo pipefail
modules_only=false
if [ "${1:-}" = --modules-only ]; then modules_only=true; shift; fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
wasmctl=${WASMCTL:-$root/bin/wasmctl}
mkdir -p "$here/build/c" "$here/build/as"
for n in 1 2; do
  clang --target=wasm32-wasi -O2 -Wl,--export=malloc -Wl,--export=free -Wl,--strip-all \
    "$here/c/function$n.c" -o "$here/build/c/function_$n.wasm"
  # asc resolves the shim's config relative to the working directory.
  (cd "$root" && npx asc "samples/faas/as/function$n.ts" --config ./node_modules/@assemblyscript/wasi-shim/asconfig.json \
    -O2 -o "samples/faas/build/as/function_$n.wasm")
  if $modules_only; then continue; fi
  for lang in c as; do
    suffix=""
    if [ "$lang" = as ]; then suffix=-as; fi
    tag="function$n$suffix:v1"
    "$wasmctl" build -q -f "$here/Dockerfile.function$n" -t "$tag" "$here/build/$lang" >/dev/null
    if [ $# -gt 0 ]; then
      "$wasmctl" tag "$tag" "$1/$tag"
      "$wasmctl" push -q "$1/$tag" >/dev/null
    fi
  done
done
if $modules_only; then echo "built samples/faas/build/{c,as}/function_{1,2}.wasm"; exit 0; fi
echo "built samples/faas/build/{c,as}/function_{1,2}.wasm and images function{1,2}:v1, function{1,2}-as:v1"
