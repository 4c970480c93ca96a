#!/usr/bin/env bash
# Makes sure the real peers the tests drive are on this machine: installs what is missing with apt
# when run as root, else says exactly what to install. Idempotent and quiet when all is there.
set -euo pipefail

declare -A NEED=(
  [buildah]=buildah
  [skopeo]=skopeo
  [docker-registry]=docker-registry
  [containerd]=containerd
  [ctr]=containerd
  [redis-server]=redis-server
  [redis-cli]=redis-tools
  [clang]=clang
  [wasm-ld]=lld
  [htpasswd]=apache2-utils
  [wat2wasm]=wabt
)
missing=()
for cmd in "${!NEED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}")
done
# wasi-libc and the wasm32 compiler runtime are files, not commands.
[ -e /usr/lib/wasm32-wasi/libc.a ] || [ -e /usr/share/wasi-sysroot/lib/wasm32-wasi/libc.a ] || missing+=(wasi-libc)
compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a' >/dev/null || missing+=(libclang-rt-dev-wasm32)

[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" -ne 0 ]; then
  echo "tests need these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing test peers: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
