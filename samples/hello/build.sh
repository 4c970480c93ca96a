#!/usr/bin/env bash
# Builds hello.wasm (clang + wasi-libc), the FROM-scratch image hello:v1 in wasmctl's store with
# `wasmctl build`, and the OCI archive that README's first command runs. Needs: clang lld wasi-libc
# (Debian 12) and the repository built (npm run build). With buildah instead:
#   buildah build --timestamp 0 -t localhost/hello:v1 . && buildah push localhost/hello:v1 oci-archive:hello-oci.tar:hello:v1
set -euo pipefail
cd "$(dirname "$0")"
wasmctl=${WASMCTL:-../../bin/wasmctl}
clang --target=wasm32-wasi -O2 -Wl,--strip-all hello.c -o hello.wasm
"$wasmctl" build -q -t hello:v1 . >/dev/null
rm -f hello-oci.tar
"$wasmctl" build -q --output type=oci,dest=hello-oci.tar -t hello:v1 . >/dev/null
echo "built samples/hello/hello.wasm, image hello:v1 (wasmctl run hello:v1) and samples/hello/hello-oci.tar"
