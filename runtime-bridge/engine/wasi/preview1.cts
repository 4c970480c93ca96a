/**
 * Our WASI preview 1: one context (memory, handle table, namespace), every function of
 * `wasi_snapshot_preview1` listed below — implemented, or refused on purpose with the errno a
 * native system gives — and the older `wasi_unstable` (snapshot 0) served from the same context
 * with its few layout differences. A module importing anything else fails to link, naming it.
 */
import { Errno, errnoOf, fail } from './errno.cjs';
import { fdCalls, ProcExit, Whence, type FsContext } from './fd-calls.cjs';
import type { Mount, RunStdio } from '../../types.js';
import { DEFAULT_NOFILE, FdTable, writeFilestat, writeFilestatSnapshot0 } from './fd-table.cjs';
import { encodeUtf8, type GuestMemory } from './memory.cjs';
import { GuestNamespace } from './namespace.cjs';
import { pathCalls } from './path-calls.cjs';
import { clockNow, clockResolution, pollOneoff, PREVIEW1_SUBSCRIPTION, SNAPSHOT0_SUBSCRIPTION } from './poll.cjs';

export { ProcExit };
export const WASI_MODULE = 'wasi_snapshot_preview1';
export const WASI_UNSTABLE = 'wasi_unstable';

export interface Preview1Options {
  args: string[];
  env: string[];
  rootfs: string | null;
  mounts: Mount[];
  stdio: RunStdio;
  /** Most handles the module may hold at once (docker's `--ulimit nofile`). */
  nofile?: number | null;
  /** The instance's memory; available once the module is instantiated. */
  memory(): GuestMemory;
}

const RANDOM_CHUNK = 65536;

/** Every function of wasi_snapshot_preview1 (witx order); `calls` below must define each. */
export const PREVIEW1_FUNCTIONS = [
  'args_get',
  'args_sizes_get',
  'environ_get',
  'environ_sizes_get',
  'clock_res_get',
  'clock_time_get',
  'fd_advise',
  'fd_allocate',
  'fd_close',
  'fd_datasync',
  'fd_fdstat_get',
  'fd_fdstat_set_flags',
  'fd_fdstat_set_rights',
  'fd_filestat_get',
  'fd_filestat_set_size',
  'fd_filestat_set_times',
  'fd_pread',
  'fd_prestat_get',
  'fd_prestat_dir_name',
  'fd_pwrite',
  'fd_read',
  'fd_readdir',
  'fd_renumber',
  'fd_seek',
  'fd_sync',
  'fd_tell',
  'fd_write',
  'path_create_directory',
  'path_filestat_get',
  'path_filestat_set_times',
  'path_link',
  'path_open',
  'path_readlink',
  'path_remove_directory',
  'path_rename',
  'path_symlink',
  'path_unlink_file',
  'poll_oneoff',
  'proc_exit',
  'proc_raise',
  'sched_yield',
  'random_get',
  'sock_accept',
  'sock_recv',
  'sock_send',
  'sock_shutdown',
] as const;
const KNOWN = new Set<string>(PREVIEW1_FUNCTIONS);

/** Whether our WASI provides this import (either namespace; snapshot 0 has the same names). */
export const providesWasi = (i: WebAssembly.ModuleImportDescriptor): boolean =>
  i.kind === 'function' && (i.module === WASI_MODULE || i.module === WASI_UNSTABLE) && KNOWN.has(i.name);

type WasiFunction = (...args: never[]) => number;

/** Writes a list of strings as C strings plus the pointer array libc expects. */
function writeStrings(mem: GuestMemory, list: Uint8Array[], ptrs: number, buf: number): void {
  let at = buf;
  list.forEach((s, i) => {
    mem.u32(ptrs + i * 4, at);
    mem.write(at, s);
    mem.u8(at + s.length, 0);
    at += s.length + 1;
  });
}

function sizes(mem: GuestMemory, list: Uint8Array[], countPtr: number, sizePtr: number): void {
  mem.u32(countPtr, list.length);
  mem.u32(
    sizePtr,
    list.reduce((n, s) => n + s.length + 1, 0),
  );
}

/** Every call returns an errno: thrown WasiErrors and fs errors become one, anything else unwinds. */
function asWasi(calls: Record<string, (...a: never[]) => unknown>): Record<string, WasiFunction> {
  const out: Record<string, WasiFunction> = {};
  for (const [name, fn] of Object.entries(calls)) {
    out[name] = (...callArgs: never[]) => {
      try {
        fn(...callArgs);
        return Errno.SUCCESS;
      } catch (err) {
        const errno = errnoOf(err);
        if (errno === undefined) throw err;
        return errno;
      }
    };
  }
  return out;
}

export interface Preview1 {
  /** The `wasi_snapshot_preview1` functions. */
  imports: Record<string, WasiFunction>;
  /** Both namespaces, keyed by import module name. */
  namespaces: Record<string, Record<string, WasiFunction>>;
  close(): void;
}

export function createPreview1(options: Preview1Options): Preview1 {
  const args = options.args.map(encodeUtf8);
  const env = options.env.map(encodeUtf8);
  const ns = new GuestNamespace(options.rootfs, options.mounts);
  let fds: FdTable;
  try {
    fds = new FdTable(options.stdio, ns, options.nofile ?? DEFAULT_NOFILE);
  } catch (err) {
    ns.close();
    throw err;
  }
  const mem = options.memory;
  const ctx: FsContext = { mem, fds, ns, writeFilestat };
  const byFd = fdCalls(ctx);
  const byPath = pathCalls(ctx);

  // No socket is ever handed to a module: every fd it holds is a file, a folder or stdio.
  const notSocket = (fd: number): never => {
    fds.get(fd);
    return fail(Errno.NOTSOCK);
  };

  const preview1: Record<(typeof PREVIEW1_FUNCTIONS)[number], (...a: never[]) => unknown> = {
    args_get: (ptrs: number, buf: number) => writeStrings(mem(), args, ptrs, buf),
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(mem(), args, countPtr, sizePtr),
    environ_get: (ptrs: number, buf: number) => writeStrings(mem(), env, ptrs, buf),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(mem(), env, countPtr, sizePtr),
    clock_res_get: (id: number, ptr: number) => mem().u64(ptr, clockResolution(id)),
    clock_time_get: (id: number, _precision: bigint, ptr: number) => mem().u64(ptr, clockNow(id)),
    ...byFd,
    ...byPath,
    poll_oneoff: (inPtr: number, outPtr: number, count: number, neventsPtr: number) =>
      pollOneoff(mem(), fds, PREVIEW1_SUBSCRIPTION, inPtr, outPtr, count, neventsPtr),
    proc_exit(code: number) {
      throw new ProcExit(code);
    },
    // Signals have no meaning inside the sandbox; wasmtime refuses raise() too.
    proc_raise: () => fail(Errno.NOTSUP),
    sched_yield() {},
    random_get(buf: number, len: number) {
      // Required here, not at the top: most modules never ask, and node:crypto slows every start.
      const { randomFillSync } = require('node:crypto') as typeof import('node:crypto');
      for (let at = 0; at < len; at += RANDOM_CHUNK) randomFillSync(mem().bytes(buf + at, Math.min(RANDOM_CHUNK, len - at)));
    },
    sock_accept: notSocket,
    sock_recv: notSocket,
    sock_send: notSocket,
    sock_shutdown: notSocket,
  };

  const imports = asWasi(preview1);
  return {
    imports,
    namespaces: { [WASI_MODULE]: imports, [WASI_UNSTABLE]: { ...imports, ...asWasi(snapshot0(ctx)) } },
    close: () => {
      fds.closeAll();
      ns.close();
    },
  };
}

function snapshot0(ctx: FsContext) {
  const SNAPSHOT0_WHENCE = [Whence.CUR, Whence.END, Whence.SET];
  const ctx0: FsContext = { ...ctx, writeFilestat: writeFilestatSnapshot0 };
  const byFd = fdCalls(ctx0);
  return {
    ...byFd,
    ...pathCalls(ctx0),
    fd_seek: (fd: number, offset: bigint, whence: number, ptr: number) =>
      byFd.fd_seek(fd, offset, SNAPSHOT0_WHENCE[whence] ?? fail(Errno.INVAL), ptr),
    poll_oneoff: (inPtr: number, outPtr: number, count: number, neventsPtr: number) =>
      pollOneoff(ctx.mem(), ctx.fds, SNAPSHOT0_SUBSCRIPTION, inPtr, outPtr, count, neventsPtr),
  };
}
