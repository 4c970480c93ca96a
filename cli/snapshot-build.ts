/**
 * What `wasmctl build` needs (the Dockerfile parser, the layer writer, the store's load path):
 * snapshot.ts imports it eagerly, so the startup snapshot holds it evaluated, as it does run's
 * path (snapshot-run.ts); build.ts imports it lazily, so the ES-module bundle loads it for build only.
 * push's path stays out: the registry writer loads node:http, which snapshots do not take.
 * warmBuildPath() runs the pieces once there, so that they are held compiled too.
 */
import { warmBuildPath as warmImageBuild } from '../image/build/index.js';
import { warmOptions } from './commands/build.js';

export { buildAndDeliver } from '../image/build/index.js';
export { openStore } from '../image/index.js';

/** Runs build's first-use code (option parsing, the Dockerfile parser, zod's parsers, the tar writer) without I/O while the snapshot is built. */
export async function warmBuildPath(): Promise<void> {
  warmOptions();
  await warmImageBuild();
}
