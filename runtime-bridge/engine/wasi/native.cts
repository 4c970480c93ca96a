/**
 * The engine's native addon (native/wasi-at.c, built by `npm install`/`npm ci`): openat2 and the *at
 * calls, which resolve a guest path under a held directory in one system call instead of one
 * /proc/self/fd open per folder. Loaded at the first namespace after start-up, never into the
 * start-up snapshot. Absent — no compiler at install, a kernel without openat2
 * (before 5.6), another OS — or turned off with WASMCTL_WASI_NATIVE=0, the engine keeps its
 * JavaScript path (host-fs.cts), which confines exactly as strongly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What native/wasi-at.c exports: each returns -errno on failure. */
export interface NativeAt {
  bindStat(out: BigInt64Array): number;
  probe(): number;
  /** `stat` 1: the opened object's fstat lands in the bound array too. */
  openat2(dirFd: number, path: string, flags: number, mode: number, resolve: number, stat: number): number;
  /** lstat in the folder openat2 finds at dirPath: 0, -errno, or -(1000 + errno) when openat2 failed. */
  statBeneath(dirFd: number, dirPath: string, name: string, resolve: number): number;
  openat(dirFd: number, name: string, flags: number, mode: number): number;
  fstatat(dirFd: number, name: string, flags: number): number;
  mkdirat(dirFd: number, name: string, mode: number): number;
  unlinkat(dirFd: number, name: string, flags: number): number;
  renameat(fromDir: number, from: string, toDir: number, to: string): number;
  linkat(fromDir: number, from: string, toDir: number, to: string): number;
  symlinkat(text: string, dirFd: number, name: string): number;
  readlinkat(dirFd: number, name: string): Buffer | number;
  readv(fd: number, memory: ArrayBuffer, iovs: number, count: number, position: number): number;
  writev(fd: number, memory: ArrayBuffer, iovs: number, count: number, position: number): number;
  close(fd: number): number;
}

const ADDON = path.join('runtime-bridge', 'engine', 'wasi', 'native', 'build', 'Release', 'wasi_at.node');

let loaded: NativeAt | null | undefined;

/** The addon when it loaded and this kernel has openat2; null for the JavaScript path. */
export function nativeAt(): NativeAt | null {
  if (loaded === undefined) loaded = load();
  return loaded;
}

function load(): NativeAt | null {
  if (process.env.WASMCTL_WASI_NATIVE === '0' || process.platform !== 'linux') return null;
  const file = findAddon();
  if (file === null) return null;
  try {
    const mod = { exports: {} as NativeAt };
    process.dlopen(mod, file);
    return mod.exports.probe() === 1 ? mod.exports : null;
  } catch {
    // Built for another node, or unloadable here: the JavaScript path does the same work.
    return null;
  }
}

/** The package's addon, from this file's place (source, dist/ or the bundle) or the running script's. */
function findAddon(): string | null {
  const starts = [typeof __dirname === 'string' ? __dirname : null, process.argv[1] ? path.dirname(process.argv[1]) : null];
  for (const start of starts) {
    if (start === null) continue;
    for (let dir = start, up = 0; up < 6; dir = path.dirname(dir), up++) {
      const file = path.join(dir, ADDON);
      if (fs.existsSync(file)) return file;
    }
  }
  return null;
}
