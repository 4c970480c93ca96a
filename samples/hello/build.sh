#!/usr/bin/env bash
# Builds hello.wasm (clang + wasi-libc) and the FROM-scratch image with buildah, then writes the
# OCI archive that README's first command runs. Needs: clang lld wasi-libc buildah (Debian 12).
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -Wl,--strip-all hello.c -o hello.wasm
buildah build --quiet --timestamp 0 -t localhost/hello:v1 . >/dev/null
rm -f hello-oci.tar
buildah push --quiet localhost/hello:v1 oci-archive:hello-oci.tar:hello:v1
echo "built samples/hello/hello.wasm and samples/hello/hello-oci.tar"
