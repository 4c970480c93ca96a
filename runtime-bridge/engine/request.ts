/**
 * Checks a RunRequest at the engine's boundary. RunRequest is a typed in-process contract (the
 * CLI, the shim and `serve` build it after validating their own input with zod), so the types
 * already hold; these are the invariants types cannot express. Not zod here on purpose: importing
 * zod costs ~60 ms, half of the whole cold-start budget of `run` (bench/run-cold-start.ts).
 */
import * as fs from 'node:fs';
import { WasmctlError } from '../../common/index.js';
import { ENGINE_NAMES, type RunRequest } from '../types.js';

const MIN_MEMORY_CAP = 65536;
const MIN_NOFILE = 3;

function invalid(what: string): WasmctlError {
  return new WasmctlError('InvalidArgument', `invalid run request: ${what}`);
}

const isFd = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;

/** Throws InvalidArgument (exit 125) naming the first bad field; mount sources must be folders. */
export function validateRequest(req: RunRequest): void {
  if (req.argv.length === 0) throw invalid('argv: needs at least the entry');
  if (req.rootfs === null && req.modulePath === undefined) throw invalid('neither rootfs nor modulePath given');
  if (!req.cwd.startsWith('/')) throw invalid(`cwd: ${req.cwd} is not absolute`);
  const badEnv = req.env.find((e) => !/^[^=]+=/.test(e));
  if (badEnv !== undefined) throw invalid(`env: ${badEnv} is not NAME=value`);
  if (![req.stdio.stdout, req.stdio.stderr].every(isFd) || !(req.stdio.stdin === null || isFd(req.stdio.stdin))) {
    throw invalid('stdio: fds must be non-negative integers');
  }
  const { timeoutMs, memoryBytes } = req.limits;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw invalid('timeout must be a positive whole number of milliseconds');
  if (memoryBytes !== undefined && !(Number.isInteger(memoryBytes) && memoryBytes >= MIN_MEMORY_CAP)) {
    throw invalid('memory cap must be at least one 64 KiB Wasm page');
  }
  const { nofile } = req.limits;
  if (nofile !== undefined && !(Number.isInteger(nofile) && nofile >= MIN_NOFILE))
    throw invalid(`the descriptor limit (nofile) must be a whole number of at least ${MIN_NOFILE}, for stdio`);
  if (!(ENGINE_NAMES as readonly string[]).includes(req.engine)) throw invalid(`engine: unknown engine ${String(req.engine)}`);
  if (req.hostCalls && typeof req.hostCalls.handle !== 'function') throw invalid('hostCalls.handle must be a function');
  if (req.hostCalls?.workerModule !== undefined && !req.hostCalls.workerModule.startsWith('/')) {
    throw invalid('hostCalls.workerModule must be an absolute path');
  }
  for (const m of req.mounts) {
    if (!m.guestPath.startsWith('/')) throw invalid(`mounts: target ${m.guestPath} must be an absolute path`);
    // A host folder as the whole root (wasmtime's `--dir DIR::/`) is for a bare module: over an
    // image it would hide every file of it.
    if (!m.guestPath.split('/').some(Boolean) && req.rootfs !== null) {
      throw invalid(`mounts: target / would hide the image's files; mount / only for a bare .wasm module`);
    }
    if (!fs.statSync(m.hostPath, { throwIfNoEntry: false })?.isDirectory()) {
      throw new WasmctlError('NotFound', `mount source ${m.hostPath} is not a folder`, { hint: 'create it first' });
    }
  }
}
