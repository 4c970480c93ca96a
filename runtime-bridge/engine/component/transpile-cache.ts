/**
 * A component transpiled by jco (core modules + instantiation glue), kept on disk under the
 * toolchain that made it and its sha256 digest (`<toolchain>/<hex>/`). Transpiling costs a second
 * or more; a cached one costs reading a small manifest. The folder is written beside its final
 * name and renamed into place, so a reader never sees half of one and two first runs racing both
 * end with the same complete folder. The transpile runs in a worker that the run's stop (timeout,
 * Ctrl-C) terminates, leaving nothing behind.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmctlError } from '../../../common/index.js';
import { workerBoot, workerFile } from '../worker-file.js';
import { toolchainTag } from './toolchain.js';
import type { TranspileReply } from './transpile-worker.cjs';

const NOT_RUNNABLE = 126;
const MANIFEST = 'manifest.json';
export const GLUE = 'glue.mjs';

export interface Transpiled {
  dir: string;
  /** Core module files, in the order the glue compiles them. */
  modules: string[];
  /** Interfaces the component imports, with their versions where it gives one (`wasi:io/streams@0.2.12`). */
  imports: string[];
  /** Interfaces it exports, likewise (`wasi:cli/run@0.2.12`). */
  exports: string[];
}

interface Manifest {
  toolchain: string;
  modules: string[];
  imports: string[];
  exports: string[];
}

/**
 * Without a store (a caller that gave none), a per-user folder in the system's temp. Its glue is
 * imported and run, so a folder (or link) another user made first under that guessable name must
 * never be used: it must be a real folder of ours that nobody else may write.
 */
function defaultCache(): string {
  const dir = join(tmpdir(), `wasmctl-components-${process.getuid?.() ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const stats = fs.lstatSync(dir);
  if (!stats.isDirectory() || stats.uid !== process.getuid?.() || (stats.mode & 0o022) !== 0) {
    throw new WasmctlError('PermissionDenied', `component cache ${dir} is not a folder of this user's that only it may write`, {
      hint: 'remove it, or run with an image store (--root)',
    });
  }
  return dir;
}

function readManifest(dir: string): Manifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return m.toolchain === toolchainTag() ? m : null;
  } catch {
    return null;
  }
}

/** Runs jco in a transpile worker (node:worker_threads taken at first use, see run-module.ts). */
async function transpileInWorker(bytes: Uint8Array, signal: AbortSignal | undefined): Promise<TranspileReply> {
  signal?.throwIfAborted();
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(workerBoot(workerFile(import.meta.url, './transpile-worker')), { eval: true });
  let onAbort = (): void => undefined;
  try {
    return await new Promise<TranspileReply>((resolve, reject) => {
      onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the transpile worker ended (exit ${code})`)));
      worker.postMessage(bytes);
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
  }
}

async function transpileInto(bytes: Uint8Array, dir: string, shownAs: string, signal: AbortSignal | undefined): Promise<Manifest> {
  const result = await transpileInWorker(bytes, signal);
  if (result.error !== undefined || !result.files || !result.imports || !result.exports) {
    const detail = (result.error ?? 'no output').split('\n')[0];
    throw new WasmctlError('InvalidArgument', `entry ${shownAs} is not a valid Wasm component: ${detail}`, { exitCode: NOT_RUNNABLE });
  }
  const modules = Object.keys(result.files)
    .filter((f) => f.endsWith('.wasm'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const glue = result.files['component.js'];
  if (!glue) throw new Error('jco produced no glue');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of modules) fs.writeFileSync(join(dir, name), result.files[name] as Uint8Array);
  fs.writeFileSync(join(dir, GLUE), glue);
  const manifest: Manifest = { toolchain: toolchainTag(), modules, imports: result.imports, exports: result.exports };
  fs.writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
  return manifest;
}

/** The transpiled component for these bytes, from the cache or transpiled into it now (unless `signal` stops it first). */
export async function transpiled(
  bytes: Uint8Array,
  shownAs: string,
  cacheRoot: string | undefined,
  signal?: AbortSignal,
): Promise<Transpiled> {
  const root = join(cacheRoot ?? defaultCache(), toolchainTag());
  const dir = join(root, createHash('sha256').update(bytes).digest('hex'));
  const cached = readManifest(dir);
  if (cached) return { dir, ...cached };
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(join(root, '.tmp-'));
  try {
    const manifest = await transpileInto(bytes, staging, shownAs, signal);
    try {
      // A folder a crash left without its manifest is replaced.
      if (!readManifest(dir)) fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(staging, dir);
    } catch (err) {
      // Another first run renamed its copy in first: the same digest, the same content.
      if (!readManifest(dir)) throw err;
    }
    return { dir, ...manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
