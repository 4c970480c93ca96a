// Replaced by `true` in the esbuild bundle of the `wasmctl` bin (scripts/build.mjs `define`); an
// undeclared global under tsc's output and under tsx.
declare const WASMCTL_BUNDLED: boolean | undefined;

/**
 * True when this code runs from dist/bundle/, where every module shares its chunk's location: code
 * that finds files relative to `import.meta.url` must then look from there.
 */
export const BUNDLED = typeof WASMCTL_BUNDLED !== 'undefined' && WASMCTL_BUNDLED;
