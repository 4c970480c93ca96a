/**
 * fd-relative host operations: the one seam between the engine and the host's files. Each names
 * its object as one name inside a directory fd we hold, and has two implementations:
 * - native (native.cts): the real openat/fstatat/mkdirat/… on that fd, and openat2 with
 *   RESOLVE_BENEATH for a whole path (namespace.cts's fast walk);
 * - JavaScript (no addon, no openat2, or WASMCTL_WASI_NATIVE=0): Node has no *at calls, so the
 *   object is named `/proc/self/fd/<dirfd>/<name>`: the kernel resolves the magic link to the
 *   directory the fd holds (wherever it has been moved since) and then one plain name inside it,
 *   which is exactly openat(dirfd, name).
 * Either way the module's folders are reached only through fds opened beneath the mount's, never
 * through a stored host path the filesystem can change underneath.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { startupSnapshot } from 'node:v8';
import { nativeAt, type NativeAt } from './native.cjs';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR, S_IFBLK, S_IFSOCK } = fs.constants;
/** Linux's O_PATH (not in Node's constants): a handle for walking, no read permission needed. */
const O_PATH = 0o10000000;
const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_REMOVEDIR = 0x200;
const AT_EMPTY_PATH = 0x1000;
export const RESOLVE_NO_MAGICLINKS = 0x02;
export const RESOLVE_NO_SYMLINKS = 0x04;
export const RESOLVE_BENEATH = 0x08;

/** What the engine reads of a host object's status: fs.BigIntStats, or the addon's fields. */
export interface HostStats {
  dev: bigint;
  ino: bigint;
  nlink: bigint;
  size: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

/** The host name of `name` inside the directory held by `dirFd`; `name` has no `/`. */
export const at = (dirFd: number, name: string): string => `/proc/self/fd/${dirFd}/${name}`;

/** The host name of the object `fd` holds itself. */
export const self = (fd: number): string => `/proc/self/fd/${fd}`;

let native: NativeAt | null | undefined;
let statFields: BigInt64Array;

/** The addon, bound at first use (the namespace's construction): null is the JavaScript path. */
function nat(): NativeAt | null {
  if (native === undefined) {
    // The snapshot's warm-up walks run's path through a namespace, but a loaded addon is a handle V8
    // cannot serialize: that walk takes the JavaScript path, and the choice is made after the restore.
    if (startupSnapshot.isBuildingSnapshot()) return null;
    native = nativeAt();
    statFields = new BigInt64Array(8);
    if (native !== null && native.bindStat(statFields) !== 0) native = null;
  }
  return native;
}

/** Whether the *at calls are the addon's (tests and the bench say which path they measured). */
export const usesNative = (): boolean => nat() !== null;

const codes = new Map<number, string>();

/** A failed native call as Node reports one (`code`), without the cost of an Error's stack. */
export class HostErrno {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
  toString(): string {
    return this.message;
  }
}

/** The error a native call's -errno `r` stands for (EFAULT: the module's memory, a RangeError). */
export function hostErrno(r: number, what: string): HostErrno | RangeError {
  if (r === -14) return new RangeError(`${what}: bad address`);
  if (codes.size === 0) for (const [name, n] of Object.entries(os.constants.errno)) codes.set(n, name);
  const code = codes.get(-r) ?? 'EIO';
  return new HostErrno(code, `${code}: ${what}`);
}

function check(r: number, what: string): number {
  if (r >= 0) return r;
  throw hostErrno(r, what);
}

class NativeStats implements HostStats {
  readonly dev: bigint;
  readonly ino: bigint;
  private readonly mode: number;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly atimeNs: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
  constructor(f: BigInt64Array) {
    this.dev = BigInt.asUintN(64, f[0] as bigint);
    this.ino = BigInt.asUintN(64, f[1] as bigint);
    this.mode = Number(f[2]);
    this.nlink = f[3] as bigint;
    this.size = f[4] as bigint;
    this.atimeNs = f[5] as bigint;
    this.mtimeNs = f[6] as bigint;
    this.ctimeNs = f[7] as bigint;
  }
  private is(type: number): boolean {
    return (this.mode & S_IFMT) === type;
  }
  isFile(): boolean {
    return this.is(S_IFREG);
  }
  isDirectory(): boolean {
    return this.is(S_IFDIR);
  }
  isSymbolicLink(): boolean {
    return this.is(S_IFLNK);
  }
  isCharacterDevice(): boolean {
    return this.is(S_IFCHR);
  }
  isBlockDevice(): boolean {
    return this.is(S_IFBLK);
  }
  isSocket(): boolean {
    return this.is(S_IFSOCK);
  }
}

/** openat(dirFd, name, flags, mode). */
export function openAt(dirFd: number, name: string, flags: number, mode = 0): number {
  const n = nat();
  return n ? check(n.openat(dirFd, name, flags, mode), name) : fs.openSync(at(dirFd, name), flags, mode);
}

/** Opens the directory `name` inside `dirFd` for walking; ENOTDIR when it is a link or no folder. */
export function openDirAt(dirFd: number, name: string): number {
  return openAt(dirFd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW);
}

/**
 * openat2 of a whole relative path beneath `dirFd` (RESOLVE_BENEATH and no magic links, plus
 * `resolve`): the native walk only, so the result is the fd or a negative errno, for the caller to
 * take or to hand the path to the JavaScript walk.
 */
export function openBeneath(dirFd: number, path: string, flags: number, resolve: number): number {
  return (nat() as NativeAt).openat2(dirFd, path, flags, 0, resolve | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, 0);
}

/** openBeneath that also takes the opened object's fstat (lastStats() reads it): one call for both. */
export function openBeneathStat(dirFd: number, path: string, flags: number, resolve: number): number {
  return (nat() as NativeAt).openat2(dirFd, path, flags, 0, resolve | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, 1);
}

/** The stats the last successful openBeneathStat took. */
export const lastStats = (): HostStats => new NativeStats(statFields);

/**
 * lstat of `name` in the folder at `dirPath` beneath `dirFd` ('' for dirFd itself), in one native
 * call: the stats, or the addon's code (resolve-beneath.cts reads it).
 */
export function statBeneath(dirFd: number, dirPath: string, name: string, resolve: number): HostStats | number {
  const r = (nat() as NativeAt).statBeneath(dirFd, dirPath, name, resolve | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS);
  return r === 0 ? new NativeStats(statFields) : r;
}

/** Opens a host folder the operator named (a mount source, the rootfs) as a walking handle. */
export function openRootDir(hostPath: string): number {
  const real = fs.realpathSync(hostPath);
  const n = nat();
  // Every fd is opened and closed by one side: Node closes its own again when a Worker exits.
  if (!n) return fs.openSync(real, O_PATH | O_DIRECTORY);
  const fd = n.openat(AT_FDCWD, real, O_PATH | O_DIRECTORY, 0);
  if (fd >= 0) return fd;
  // Rare and reported to the operator: a real Error with its code, as fs.openSync would throw.
  const { code, message } = hostErrno(fd, real) as HostErrno;
  throw Object.assign(new Error(message), { code });
}

/** A second, readable handle on the directory `fd` holds (a guest fd must own its own). */
export function reopenDir(fd: number): number {
  const n = nat();
  return n ? check(n.openat(fd, '.', O_RDONLY | O_DIRECTORY, 0), '.') : fs.openSync(self(fd), O_RDONLY | O_DIRECTORY);
}

/** lstat of `name` in `dirFd`, null when it does not exist. */
export function lstatAt(dirFd: number, name: string): HostStats | null {
  const n = nat();
  if (!n) return fs.lstatSync(at(dirFd, name), { bigint: true, throwIfNoEntry: false }) ?? null;
  const r = n.fstatat(dirFd, name, AT_SYMLINK_NOFOLLOW);
  if (r === -2) return null;
  check(r, name);
  return new NativeStats(statFields);
}

/** fstat of a held fd. */
export function fstat(fd: number): HostStats {
  const n = nat();
  if (!n) return fs.fstatSync(fd, { bigint: true });
  check(n.fstatat(fd, '', AT_EMPTY_PATH), 'fstat');
  return new NativeStats(statFields);
}

export function mkdirAt(dirFd: number, name: string): void {
  const n = nat();
  if (n) check(n.mkdirat(dirFd, name, 0o777), name);
  else fs.mkdirSync(at(dirFd, name));
}

export function unlinkAt(dirFd: number, name: string): void {
  const n = nat();
  if (n) check(n.unlinkat(dirFd, name, 0), name);
  else fs.unlinkSync(at(dirFd, name));
}

export function rmdirAt(dirFd: number, name: string): void {
  const n = nat();
  if (n) check(n.unlinkat(dirFd, name, AT_REMOVEDIR), name);
  else fs.rmdirSync(at(dirFd, name));
}

export function renameAt(fromDir: number, from: string, toDir: number, to: string): void {
  const n = nat();
  if (n) check(n.renameat(fromDir, from, toDir, to), from);
  else fs.renameSync(at(fromDir, from), at(toDir, to));
}

/** A hard link to `from` itself (never to what a link names), as linkat without AT_SYMLINK_FOLLOW. */
export function linkAt(fromDir: number, from: string, toDir: number, to: string): void {
  const n = nat();
  if (n) check(n.linkat(fromDir, from, toDir, to), from);
  else fs.linkSync(at(fromDir, from), at(toDir, to));
}

export function symlinkAt(text: string, dirFd: number, name: string): void {
  const n = nat();
  if (n) check(n.symlinkat(text, dirFd, name), name);
  else fs.symlinkSync(text, at(dirFd, name));
}

/** The bytes of the link `name` in `dirFd`. */
export function readlinkAt(dirFd: number, name: string): Buffer {
  const n = nat();
  if (!n) return fs.readlinkSync(at(dirFd, name), { encoding: 'buffer' });
  const r = n.readlinkat(dirFd, name);
  if (typeof r === 'number') check(r, name);
  return r as Buffer;
}

/**
 * readv/preadv (`write` false) or writev/pwritev straight from the module's memory: the iovec array
 * at `iovs` is read by the addon, so no view is made per buffer. Null when there is no addon or the
 * memory is shared (the caller decodes the iovecs itself); `position` null is the fd's own.
 */
export function memoryIo(
  write: boolean,
  fd: number,
  memory: ArrayBuffer,
  iovs: number,
  count: number,
  position: number | null,
): number | null {
  const n = nat();
  if (!n || !(memory instanceof ArrayBuffer)) return null;
  const r = (write ? n.writev : n.readv)(fd, memory, iovs, count, position ?? -1);
  return check(r, write ? 'write' : 'read');
}

/** close(fd), failing as fs.closeSync does. */
export function closeFd(fd: number): void {
  const n = nat();
  if (n) check(n.close(fd), 'close');
  else fs.closeSync(fd);
}

export function closeQuietly(fd: number): void {
  try {
    closeFd(fd);
  } catch {
    // Already gone: nothing of the module's is left on it.
  }
}

/** Closes the walking handles a resolution opened. */
export function release(fds: number[]): void {
  for (const fd of fds) closeQuietly(fd);
  fds.length = 0;
}
