/**
 * What `wasmctl build` needs (the Dockerfile parser, the layer writer, the store's load path):
 * snapshot.ts imports it eagerly, so the startup snapshot holds it evaluated, as it does run's
 * path (run-path.ts); build.ts imports it lazily, so the ES-module bundle loads it for build only.
 * push's path stays out: the registry writer loads node:http, which snapshots do not take.
 */
export { buildAndDeliver } from '../image/build/index.js';
export { openStore } from '../image/index.js';
