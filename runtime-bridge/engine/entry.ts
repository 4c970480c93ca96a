/**
 * Finds the entry module inside the image (never on the host) and loads it: docker's 127 for an
 * entry that is not there, 126 for one that is not a runnable Wasm module.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, WasmctlError } from '../../common/index.js';
import { isComponent } from './component/index.js';
import { capLinearMemory } from './memory-cap.js';
import { at } from './wasi/host-fs.cjs';
import { GuestNamespace, release } from './wasi/namespace.cjs';

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
const { ENTRY_MISSING, NOT_RUNNABLE } = ExitCode;

/**
 * The host path of `argv0` inside `rootfs`: relative to the working directory `cwd`, with `..`
 * and symlinks resolved inside the rootfs.
 */
export function resolveEntry(rootfs: string, argv0: string, cwd: string): string {
  const missing = new WasmctlError('NotFound', `entry ${argv0} not found in the image`, { exitCode: ENTRY_MISSING });
  if (argv0 === '') throw missing;
  let hostPath: string | null = null;
  const ns = new GuestNamespace(rootfs, []);
  try {
    const guestPath = path.posix.resolve('/', cwd, argv0).slice(1);
    const target = ns.resolve(ns.rootPlace(ns.root), guestPath === '' ? '.' : guestPath, true);
    // The rootfs is the store's, never written by a module: its real path stays valid after the walk.
    if (target.parent.fd !== null) hostPath = fs.realpathSync(at(target.parent.fd, target.name));
    release(target.opened);
  } catch {
    throw missing;
  } finally {
    ns.close();
  }
  const stats = hostPath === null ? null : fs.statSync(hostPath, { throwIfNoEntry: false });
  if (!stats || hostPath === null) throw missing;
  if (!stats.isFile()) {
    throw new WasmctlError('InvalidArgument', `entry ${argv0} is not a file`, { exitCode: NOT_RUNNABLE });
  }
  return hostPath;
}

/** Reads the module, checks it is Wasm, and applies the memory cap (a component's is applied per core module). */
export function loadModuleBytes(hostPath: string, shownAs: string, memoryBytes: number | undefined): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(hostPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WasmctlError('NotFound', `module ${shownAs} not found`, { exitCode: ENTRY_MISSING });
    throw new WasmctlError('InvalidArgument', `cannot read module ${shownAs}: ${code ?? String(err)}`, { exitCode: NOT_RUNNABLE });
  }
  if (bytes.length < 8 || !bytes.subarray(0, 4).equals(WASM_MAGIC)) {
    throw new WasmctlError('InvalidArgument', `entry ${shownAs} is not a Wasm module (no \\0asm header)`, {
      exitCode: NOT_RUNNABLE,
    });
  }
  return memoryBytes === undefined || isComponent(bytes) ? bytes : capLinearMemory(bytes, memoryBytes);
}

function notValid(err: unknown, shownAs: string): WasmctlError {
  const detail = err instanceof Error ? err.message.replace(/^WebAssembly\.(?:compile|Module)\(\): /, '') : String(err);
  return new WasmctlError('InvalidArgument', `entry ${shownAs} is not a valid Wasm module: ${detail}`, { exitCode: NOT_RUNNABLE });
}

function refuseComponent(bytes: Uint8Array, shownAs: string): void {
  // runModule and serve's loader take components apart before this (prepareComponent).
  if (isComponent(bytes))
    throw new WasmctlError('InvalidArgument', `${shownAs} is a WASI 0.2 component, not a core module`, { exitCode: NOT_RUNNABLE });
}

/** Compiles, turning V8's CompileError into the one-line 126 failure. */
export async function compileModule(bytes: Uint8Array, shownAs: string): Promise<WebAssembly.Module> {
  refuseComponent(bytes, shownAs);
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw notValid(err, shownAs);
  }
}

/** compileModule on this thread, for a module about to run on it (inline-run.ts). */
export function compileModuleSync(bytes: Uint8Array, shownAs: string): WebAssembly.Module {
  refuseComponent(bytes, shownAs);
  try {
    return new WebAssembly.Module(bytes);
  } catch (err) {
    throw notValid(err, shownAs);
  }
}
