/** WASI preview 1 calls on paths (path_*), all resolved through the guest namespace. */
import * as fs from 'node:fs';
import { Errno, WasiError } from './errno.cjs';
import type { FsContext } from './fd-calls.cjs';
import { FileType, writeFilestat, type DirEntry } from './fd-table.cjs';
import { lstatOrNull, type Resolved } from './namespace.cjs';

const LOOKUP_SYMLINK_FOLLOW = 1;
const OFLAG_CREAT = 1;
const OFLAG_DIRECTORY = 2;
const OFLAG_EXCL = 4;
const OFLAG_TRUNC = 8;
const FDFLAG_APPEND = 1;
const RIGHT_FD_READ = 1n << 1n;
const WRITE_RIGHTS = (1n << 6n) | (1n << 8n) | (1n << 22n); // fd_write, fd_allocate, fd_filestat_set_size

export function pathCalls(ctx: FsContext) {
  const { fds, ns } = ctx;

  function resolveAt(dirFd: number, ptr: number, len: number, followLast: boolean): { dir: DirEntry; at: Resolved } {
    const dir = fds.dir(dirFd);
    const guest = ctx.mem().string(ptr, len);
    if (guest.includes('\0')) throw new WasiError(Errno.INVAL);
    return { dir, at: ns.resolve(guest, dir.guestPath, followLast) };
  }

  /** The host path of a file the module is about to change; read-only places answer EROFS. */
  function writablePath(dirFd: number, ptr: number, len: number): string {
    const { at } = resolveAt(dirFd, ptr, len, false);
    if (at.readOnly || at.hostPath === null) throw new WasiError(Errno.ROFS);
    return at.hostPath;
  }

  return {
    path_open(
      dirFd: number,
      dirFlags: number,
      ptr: number,
      len: number,
      oflags: number,
      rightsBase: bigint,
      _rightsInheriting: bigint,
      fdFlags: number,
      fdOutPtr: number,
    ) {
      const { at } = resolveAt(dirFd, ptr, len, (dirFlags & LOOKUP_SYMLINK_FOLLOW) !== 0);
      const wantsWrite =
        (rightsBase & WRITE_RIGHTS) !== 0n || (oflags & (OFLAG_CREAT | OFLAG_TRUNC)) !== 0 || (fdFlags & FDFLAG_APPEND) !== 0;
      const stats = at.hostPath === null ? null : lstatOrNull(at.hostPath);
      const isDir = at.hostPath === null || (stats?.isDirectory() ?? false);
      if (isDir) {
        if (oflags & OFLAG_EXCL) throw new WasiError(Errno.EXIST);
        if (wantsWrite && (rightsBase & WRITE_RIGHTS) !== 0n) throw new WasiError(Errno.ISDIR);
        const fd = fds.add({ kind: 'dir', guestPath: at.guestPath, hostPath: at.hostPath, readOnly: at.readOnly });
        ctx.mem().u32(fdOutPtr, fd);
        return;
      }
      if (oflags & OFLAG_DIRECTORY) throw new WasiError(stats ? Errno.NOTDIR : Errno.NOENT);
      if (wantsWrite && at.readOnly) throw new WasiError(Errno.ROFS);
      const readable = (rightsBase & RIGHT_FD_READ) !== 0n || !wantsWrite;
      const writable = wantsWrite;
      let flags = writable ? (readable ? fs.constants.O_RDWR : fs.constants.O_WRONLY) : fs.constants.O_RDONLY;
      if (oflags & OFLAG_CREAT) flags |= fs.constants.O_CREAT;
      if (oflags & OFLAG_EXCL) flags |= fs.constants.O_EXCL;
      if (oflags & OFLAG_TRUNC) flags |= fs.constants.O_TRUNC;
      if (fdFlags & FDFLAG_APPEND) flags |= fs.constants.O_APPEND;
      // The namespace resolved every link already; a link swapped in since must not be followed.
      flags |= fs.constants.O_NOFOLLOW;
      const hostFd = fs.openSync(at.hostPath as string, flags, 0o644);
      const append = (fdFlags & FDFLAG_APPEND) !== 0;
      const fd = fds.add({ kind: 'file', hostFd, readable, writable, append, position: append ? fs.fstatSync(hostFd).size : 0 });
      ctx.mem().u32(fdOutPtr, fd);
    },
    path_filestat_get(dirFd: number, flags: number, ptr: number, len: number, statPtr: number) {
      const { at } = resolveAt(dirFd, ptr, len, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0);
      if (at.hostPath === null) return writeFilestat(ctx.mem(), statPtr, null, FileType.DIRECTORY);
      writeFilestat(ctx.mem(), statPtr, fs.lstatSync(at.hostPath, { bigint: true }), 0);
    },
    path_create_directory(dirFd: number, ptr: number, len: number) {
      fs.mkdirSync(writablePath(dirFd, ptr, len));
    },
    path_unlink_file(dirFd: number, ptr: number, len: number) {
      const host = writablePath(dirFd, ptr, len);
      if (fs.lstatSync(host).isDirectory()) throw new WasiError(Errno.ISDIR);
      fs.unlinkSync(host);
    },
    path_remove_directory(dirFd: number, ptr: number, len: number) {
      fs.rmdirSync(writablePath(dirFd, ptr, len));
    },
    path_rename(oldFd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) {
      fs.renameSync(writablePath(oldFd, oldPtr, oldLen), writablePath(newFd, newPtr, newLen));
    },
    path_readlink(dirFd: number, ptr: number, len: number, buf: number, bufLen: number, usedPtr: number) {
      const { at } = resolveAt(dirFd, ptr, len, false);
      if (at.hostPath === null) throw new WasiError(Errno.INVAL);
      const target = fs.readlinkSync(at.hostPath, { encoding: 'buffer' });
      const n = Math.min(target.length, bufLen);
      ctx.mem().write(buf, target.subarray(0, n));
      ctx.mem().u32(usedPtr, n);
    },
  };
}

