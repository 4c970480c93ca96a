/**
 * `engine: 'wasmer'`: @wasmer/wasi, wrapped to lift its limits where we can. Its files live in an
 * in-memory FS, so the rootfs and read-only mounts are copied in (writes never reach the host);
 * it captures stdout/stderr, so every fd_write is followed by a flush to the real fds; a module
 * without WASI imports (which @wasmer/wasi refuses) runs without it. Stdin is read up front;
 * reactors are refused (its state binds to an instance only through `_start`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { init, WASI, type MemFS } from '@wasmer/wasi';
import { InstanceRef } from '../wasi/memory.cjs';
import { ExitCode } from '../../../common/exit-codes.cjs';
import { ProcExit, writeAll } from '../wasi/fd-calls.cjs';
import { WASI_MODULE } from '../wasi/preview1.cjs';
import { checkImports, enter, hostImports, isHostImport } from './linking.cjs';
import type { WorkerConfig, WorkerResult } from './protocol.cjs';

type Imports = Record<string, Record<string, unknown>>;

function copyInto(memfs: MemFS, host: string, guest: string): void {
  for (const d of fs.readdirSync(host, { withFileTypes: true })) {
    const from = path.join(host, d.name);
    const to = path.posix.join(guest, d.name);
    if (d.isDirectory()) {
      memfs.createDir(to);
      copyInto(memfs, from, to);
    } else if (d.isFile()) {
      memfs.open(to, { write: true, create: true }).write(fs.readFileSync(from));
    }
  }
}

function ensureDirs(memfs: MemFS, guest: string): void {
  let at = '';
  for (const c of guest.split('/').filter(Boolean)) {
    at += `/${c}`;
    try {
      memfs.createDir(at);
    } catch {
      // Already there (from the rootfs or an outer mount).
    }
  }
}

function readAllStdin(fd: number | null): Uint8Array {
  if (fd === null) return new Uint8Array();
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

export async function runWithWasmer(module: WebAssembly.Module, config: WorkerConfig): Promise<WorkerResult> {
  const usesWasi = WebAssembly.Module.imports(module).some((i) => i.module === WASI_MODULE);
  const refused = checkImports(
    module,
    'the wasmer engine',
    (i) => (i.kind === 'function' && i.module === WASI_MODULE) || isHostImport(config, i),
  );
  if (refused) return refused;
  const writable = config.mounts.find((m) => !m.readOnly);
  if (writable) {
    return {
      type: 'failed',
      kind: 'Unimplemented',
      exitCode: ExitCode.TOOL_FAILURE,
      message: `the wasmer engine cannot write to host folders (mount ${writable.guestPath}); use --engine wasmctl`,
    };
  }
  const ref = new InstanceRef();
  const env = hostImports(config, ref);
  if (!usesWasi) {
    const instance = new WebAssembly.Instance(module, { env } as WebAssembly.Imports);
    ref.bind(instance);
    return { type: 'exited', exitCode: enter(instance.exports, config.invoke) };
  }

  await init();
  const wasi = new WASI({
    args: config.args,
    env: Object.fromEntries(config.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])),
    preopens: { '/': '/' },
  });
  if (config.rootfs) copyInto(wasi.fs, config.rootfs, '/');
  for (const m of config.mounts) {
    ensureDirs(wasi.fs, m.guestPath);
    copyInto(wasi.fs, m.hostPath, m.guestPath);
  }
  wasi.setStdinBuffer(readAllStdin(config.stdio.stdin));
  // @wasmer/wasi buffers stdout/stderr and cannot be drained while the module runs, so writes
  // to fds 1 and 2 are taken over here and go straight to the real fds.
  const imports = wasi.getImports(module) as Imports;
  const wasiCalls = imports[WASI_MODULE] as Record<string, (...a: number[]) => number>;
  const fdWrite = wasiCalls.fd_write as (...a: number[]) => number;
  const hostFds = new Map([
    [1, config.stdio.stdout],
    [2, config.stdio.stderr],
  ]);
  // A closed stdout/stderr pipe ends the module as SIGPIPE ends a native process (exit 141):
  // @wasmer/wasi rewraps what an import throws, so the cause is kept here, not in the error.
  let brokenPipe = false;
  wasiCalls.fd_write = (fd: number, iovs: number, count: number, nwrittenPtr: number) => {
    const hostFd = hostFds.get(fd);
    if (hostFd === undefined) return fdWrite(fd, iovs, count, nwrittenPtr);
    const mem = ref.memory();
    let total = 0;
    try {
      // writeAll waits out a full non-blocking pipe (EAGAIN, when the reader is slow) and ends the
      // module with ProcExit(141) on EPIPE, as our engine does.
      for (const buf of mem.iovecs(iovs, count)) {
        writeAll(hostFd, buf);
        total += buf.length;
      }
    } catch (err) {
      if (!(err instanceof ProcExit)) throw err;
      brokenPipe = true;
      throw err;
    }
    mem.u32(nwrittenPtr, total);
    return 0;
  };
  const instance = new WebAssembly.Instance(module, { ...imports, env } as WebAssembly.Imports);
  ref.bind(instance);
  if (typeof instance.exports._start !== 'function') {
    // @wasmer/wasi binds its state to the instance only inside start(), which needs `_start`.
    return {
      type: 'failed',
      kind: 'Unimplemented',
      exitCode: ExitCode.NOT_RUNNABLE,
      message: 'the wasmer engine cannot run a reactor (no _start); use --engine wasmctl',
    };
  }
  try {
    return { type: 'exited', exitCode: wasi.start(instance) };
  } catch (err) {
    if (brokenPipe) return { type: 'exited', exitCode: ExitCode.SIGPIPE };
    throw unwrapTrap(err);
  }
}

/** @wasmer/wasi wraps a trap as `Error: Error while running start function: RuntimeError: …`. */
function unwrapTrap(err: unknown): unknown {
  const trap = err instanceof Error ? /RuntimeError: (?:JsValue\(RuntimeError: )?([^\n]*)/.exec(err.message) : null;
  if (!trap) return err;
  const runtimeError = new WebAssembly.RuntimeError(trap[1]);
  runtimeError.stack = `${runtimeError.message}\n${(err as Error).message}`;
  return runtimeError;
}
