#!/usr/bin/env bash
# Builds the test modules: test/modules/*.c (clang + wasi-libc), *.wat (wabt), *.as.ts
# (AssemblyScript) into test/modules/build/. A C file's first line may be `// cflags: ...`.
# Rebuilds only what changed.
set -euo pipefail
# Under `npm test`, node_modules/.bin is on PATH and holds binaryen's wasm-opt (an AssemblyScript
# dependency); clang runs any wasm-opt it finds, which strips the name section the trap tests read.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/.bin' | paste -sd: -)
cd "$(dirname "$0")/../test/modules"
mkdir -p build
shopt -s nullglob
for src in *.c *.wat *.as.ts; do
  name=${src%.as.ts}; name=${name%.c}; name=${name%.wat}
  out=build/$name.wasm
  [ "$out" -nt "$src" ] && continue
  case $src in
    *.c)
      flags=$(sed -n '1s|^// cflags:||p' "$src")
      # shellcheck disable=SC2086
      clang --target=wasm32-wasi -O2 $flags "$src" -o "$out" ;;
    *.wat) wat2wasm --enable-all "$src" -o "$out" ;;
    *.as.ts) (cd ../.. && npx asc "test/modules/$src" --config ./node_modules/@assemblyscript/wasi-shim/asconfig.json -O2 -o "test/modules/$out") ;;
  esac
done
