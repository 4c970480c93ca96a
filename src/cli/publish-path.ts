/**
 * What `wasmctl build` and `push` need (the Dockerfile parser, the layer writer, the store's load
 * path, the registry writer): snapshot.ts imports it eagerly, so the startup snapshot holds it
 * evaluated, as it does run's path (run-path.ts); the commands import it lazily, so the
 * ES-module bundle loads it for them only.
 */
export { buildAndDeliver } from '../image/build/index.js';
export { pushImage } from '../image/push/index.js';
export { openStore } from '../image/index.js';
