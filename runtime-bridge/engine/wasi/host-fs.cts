/**
 * fd-relative host operations. Node has no openat/fstatat/unlinkat, so every operation names its
 * object as `/proc/self/fd/<dirfd>/<name>`: the kernel resolves the magic link to the directory the
 * fd holds (wherever it has been moved since) and then one plain name inside it, which is exactly
 * openat(dirfd, name). The module's folders are always reached through fds we opened component by
 * component with O_NOFOLLOW, never through a stored host path the filesystem can change underneath.
 */
import * as fs from 'node:fs';
import { Errno, fail } from './errno.cjs';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW } = fs.constants;
/** Linux's O_PATH (not in Node's constants): a handle for walking, no read permission needed. */
const O_PATH = 0o10000000;

/** The host name of `name` inside the directory held by `dirFd`; `name` has no `/`. */
export const at = (dirFd: number, name: string): string => `/proc/self/fd/${dirFd}/${name}`;

/** The host name of the object `fd` holds itself. */
export const self = (fd: number): string => `/proc/self/fd/${fd}`;

/** Opens the directory `name` inside `dirFd` for walking; ENOTDIR when it is a link or no folder. */
export function openDirAt(dirFd: number, name: string): number {
  return fs.openSync(at(dirFd, name), O_PATH | O_DIRECTORY | O_NOFOLLOW);
}

/** Opens a host folder the operator named (a mount source, the rootfs) as a walking handle. */
export function openRootDir(hostPath: string): number {
  return fs.openSync(fs.realpathSync(hostPath), O_PATH | O_DIRECTORY);
}

/** A second, readable handle on the directory `fd` holds (a guest fd must own its own). */
export function reopenDir(fd: number): number {
  return fs.openSync(self(fd), O_RDONLY | O_DIRECTORY);
}

/** lstat of `name` in `dirFd`, null when it does not exist. */
export function lstatAt(dirFd: number, name: string): fs.BigIntStats | null {
  return fs.lstatSync(at(dirFd, name), { bigint: true, throwIfNoEntry: false }) ?? null;
}

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already gone: nothing of the module's is left on it.
  }
}

/** A path string from the module: no NUL, valid length. */
export function checkPath(path: string): string {
  if (path.includes('\0')) fail(Errno.INVAL);
  return path;
}
