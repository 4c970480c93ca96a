/**
 * Where the CommonJS code that runs inside a Worker lives, for the three ways this code runs:
 * - bundled by scripts/build.mjs (the `wasmctl` bin): every worker entry listed there is one
 *   self-contained `<entry basename>.cjs` in `workers/` next to the bundle's chunks;
 * - compiled by tsc (dist/, which the shim server runs): the emitted .cjs beside its source's place;
 * - from source through tsx (the tests): the .cts itself, with tsx's require hook in the Worker.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED } from '../../common/index.js';

/**
 * The file of a worker entry named relative to the calling module, without extension
 * (`workerFile(import.meta.url, './worker/main')`).
 */
export function workerFile(callerUrl: string, entry: string): string {
  if (BUNDLED) return fileURLToPath(new URL(`./workers/${basename(entry)}.cjs`, callerUrl));
  return fileURLToPath(new URL(`${entry}.${callerUrl.endsWith('.ts') ? 'cts' : 'cjs'}`, callerUrl));
}

/** The script a Worker evals to load `file` (an eval'd CommonJS Worker boots fastest). */
export function workerBoot(file: string): string {
  return `${file.endsWith('.cts') ? "require('tsx/cjs');" : ''}require(${JSON.stringify(file)});`;
}

let threads: typeof import('node:worker_threads') | undefined;

/**
 * node:worker_threads, taken at first use: the CLI's startup snapshot evaluates the engine, and the
 * module loaded while a snapshot is built leaves Workers broken after deserialization.
 */
export function workerThreads(): typeof import('node:worker_threads') {
  threads ??= createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return threads;
}
