/**
 * WASI preview 1 calls on paths (path_*). Each resolves beneath its directory fd (namespace.cts)
 * and then acts on exactly what the walk found: one name inside one held directory fd.
 */
import * as fs from 'node:fs';
import { codeOf, Errno, fail } from './errno.cjs';
import type { FsContext } from './fd-calls.cjs';
import { FileType, fileTypeOf, type DirEntry } from './fd-table.cjs';
import {
  at,
  closeQuietly,
  hostErrno,
  lastStats,
  openBeneathStat,
  fstat,
  linkAt,
  lstatAt,
  mkdirAt,
  openAt,
  readlinkAt,
  renameAt,
  reopenDir,
  rmdirAt,
  symlinkAt,
  unlinkAt,
  type HostStats,
} from './host-fs.cjs';
import { release, type Target } from './namespace.cjs';
import { DIRECTORY_RIGHTS, HOST_WRITE_RIGHTS, openRights, Right, WRITE_RIGHTS } from './rights.cjs';
import { FINAL, statPath } from './resolve-beneath.cjs';
import { setTimes } from './times.cjs';

const LOOKUP_SYMLINK_FOLLOW = 1;
export const OFlag = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW, O_DIRECTORY } = fs.constants;

/** A whole-path open the kernel refused for a reason the component walk must judge (an escape, a link). */
class WalkInstead {}

/** The object a `whole` Target names, opened by one openat2; O_NOFOLLOW keeps its last link to the walk. */
function openWhole(beneath: NonNullable<Target['beneath']>, flags: number): number {
  const fd = openBeneathStat(beneath.fd, beneath.path, flags, beneath.resolve);
  if (fd >= 0) return fd;
  if (FINAL.has(fd)) throw hostErrno(fd, beneath.path);
  throw new WalkInstead();
}

export function pathCalls(ctx: FsContext) {
  const { fds, ns } = ctx;

  /** Resolves the module's path beneath `dirFd` (which must hold `needed`), runs `use`, releases. */
  function withTarget<T>(
    dirFd: number,
    needed: bigint,
    ptr: number,
    len: number,
    follow: boolean,
    use: (t: Target, dir: DirEntry) => T,
    whole = false,
  ): T {
    const dir = fds.dir(dirFd, needed);
    const path = ctx.mem().string(ptr, len);
    if (path.includes('\0')) fail(Errno.INVAL);
    const target = ns.resolve(dir.place, path, follow, whole);
    try {
      return use(target, dir);
    } finally {
      release(target.opened);
    }
  }

  /** The directory fd of a target the module is about to change; read-only places answer EROFS. */
  function writable(t: Target): number {
    if (t.parent.fd === null || t.parent.mount.readOnly) fail(Errno.ROFS);
    return t.parent.fd as number;
  }

  const statOf = (t: Target): HostStats | null => {
    if (t.parent.fd === null) return null;
    const stats = t.stats !== undefined ? t.stats : lstatAt(t.parent.fd, t.name);
    if (stats === null) fail(Errno.NOENT);
    if (t.mustBeDir && !stats!.isDirectory()) fail(Errno.NOTDIR);
    return stats;
  };

  /** A mount root, or a folder a mount point lies beneath, may not be removed or renamed away. */
  function refuseBusy(t: Target, stats: HostStats | null): void {
    if (ns.mounts.some((m) => m.guest.length > 0 && m.guest.join('/') === t.guest.join('/'))) fail(Errno.BUSY);
    if (ns.isMountParent(t.guest) || (stats !== null && ns.isMountRoot(stats))) fail(Errno.BUSY);
    if (t.name === '.') fail(t.guest.length === 0 ? Errno.BUSY : Errno.INVAL);
  }

  function openFile(t: Target, dir: DirEntry, oflags: number, rightsBase: bigint, rightsInheriting: bigint, fdFlags: number): number {
    if (t.parent.fd === null) fail(oflags & OFlag.CREAT ? Errno.ROFS : Errno.NOENT);
    const readOnly = t.parent.mount.readOnly;
    const rights = openRights(dir.rights, rightsBase, rightsInheriting, readOnly);
    const { wantsWrite, readable } = rights;
    if (readOnly && (wantsWrite || oflags & (OFlag.TRUNC | OFlag.CREAT))) {
      if (!(oflags & OFlag.CREAT) || lstatAt(t.parent.fd as number, t.name) === null) fail(Errno.ROFS);
      if (oflags & OFlag.EXCL) fail(Errno.EXIST);
      if (wantsWrite || oflags & OFlag.TRUNC) fail(Errno.ROFS);
    } else {
      if (oflags & OFlag.TRUNC && (dir.rights.base & Right.PATH_FILESTAT_SET_SIZE) === 0n) fail(Errno.PERM);
      if (oflags & OFlag.CREAT && (dir.rights.base & Right.PATH_CREATE_FILE) === 0n) fail(Errno.NOTCAPABLE);
    }
    if (fds.full()) fail(Errno.MFILE);
    let flags = (wantsWrite ? (readable ? O_RDWR : O_WRONLY) : O_RDONLY) | O_NOFOLLOW;
    if (oflags & OFlag.CREAT) flags |= O_CREAT;
    if (oflags & OFlag.EXCL) flags |= O_EXCL;
    if (oflags & OFlag.TRUNC) flags |= O_TRUNC;
    if (oflags & OFlag.DIRECTORY || t.mustBeDir) flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW;
    let hostFd: number;
    try {
      hostFd = t.beneath ? openWhole(t.beneath, flags) : openAt(t.parent.fd as number, t.name, flags, 0o644);
    } catch (err) {
      // The walk left the last link to us: O_NOFOLLOW reports it as ELOOP (or ENOTDIR with O_DIRECTORY).
      if (codeOf(err) === 'ENOENT' && t.mustBeDir && oflags & OFlag.CREAT) fail(Errno.ISDIR);
      throw err;
    }
    const stats = t.beneath ? lastStats() : fstat(hostFd);
    if (stats.isDirectory()) {
      if (wantsWrite) {
        closeQuietly(hostFd);
        fail(Errno.ISDIR);
      }
      return fds.add({
        kind: 'dir',
        place: { fd: hostFd, guest: t.guest, mount: t.parent.mount },
        readOnly,
        rights: { base: rights.dir, inheriting: rights.inheriting },
        flags: fdFlags,
      });
    }
    return fds.add({
      kind: 'file',
      hostFd,
      rights: { base: rights.file, inheriting: rights.inheriting },
      flags: fdFlags,
      position: 0,
      type: fileTypeOf(stats),
    });
  }

  /** The path named a folder the walk already holds (`.`, a mount point, a virtual folder). */
  function openHeld(t: Target, dir: DirEntry, oflags: number, rightsBase: bigint, rightsInheriting: bigint, fdFlags: number): number {
    if (oflags & OFlag.CREAT && oflags & OFlag.EXCL) fail(Errno.EXIST);
    if (oflags & OFlag.TRUNC || (rightsBase & dir.rights.inheriting & HOST_WRITE_RIGHTS) !== 0n) fail(Errno.ISDIR);
    if (fds.full()) fail(Errno.MFILE);
    const hostFd = t.parent.fd === null ? null : reopenDir(t.parent.fd);
    const readOnly = t.parent.mount.readOnly || hostFd === null;
    const mask = readOnly ? ~WRITE_RIGHTS : ~0n;
    return fds.add({
      kind: 'dir',
      place: { fd: hostFd, guest: t.guest, mount: t.parent.mount },
      readOnly,
      rights: {
        base: rightsBase & dir.rights.inheriting & DIRECTORY_RIGHTS & mask,
        inheriting: rightsInheriting & dir.rights.inheriting & mask,
      },
      flags: fdFlags,
    });
  }

  return {
    path_create_directory(dirFd: number, ptr: number, len: number) {
      withTarget(dirFd, Right.PATH_CREATE_DIRECTORY, ptr, len, false, (t) => {
        if (t.name === '.') fail(Errno.EXIST);
        mkdirAt(writable(t), t.name);
      });
    },
    path_filestat_get(dirFd: number, flags: number, ptr: number, len: number, statPtr: number) {
      const follow = (flags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      const dir = fds.dir(dirFd, Right.PATH_FILESTAT_GET);
      const path = ctx.mem().string(ptr, len);
      const fast = path.includes('\0') || path === '' ? null : statPath(ns, dir.place, path, follow);
      if (fast !== null) return ctx.writeFilestat(ctx.mem(), statPtr, fast, FileType.DIRECTORY);
      withTarget(dirFd, Right.PATH_FILESTAT_GET, ptr, len, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0, (t) => {
        ctx.writeFilestat(ctx.mem(), statPtr, statOf(t), FileType.DIRECTORY);
      });
    },
    path_filestat_set_times(dirFd: number, flags: number, ptr: number, len: number, atim: bigint, mtim: bigint, fstFlags: number) {
      withTarget(dirFd, Right.PATH_FILESTAT_SET_TIMES, ptr, len, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0, (t) => {
        statOf(t);
        // The walk followed every link it was asked to: what is left is acted on itself.
        setTimes(at(writable(t), t.name), atim, mtim, fstFlags, true);
      });
    },
    path_link(oldFd: number, oldFlags: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) {
      withTarget(oldFd, Right.PATH_LINK_SOURCE, oldPtr, oldLen, (oldFlags & LOOKUP_SYMLINK_FOLLOW) !== 0, (from) => {
        withTarget(newFd, Right.PATH_LINK_TARGET, newPtr, newLen, false, (to) => {
          const stats = statOf(from);
          if (stats === null || stats.isDirectory()) fail(Errno.PERM);
          if (to.mustBeDir) fail(lstatAt(to.parent.fd ?? -1, to.name) === null ? Errno.NOENT : Errno.EXIST);
          if (from.parent.mount !== to.parent.mount) fail(Errno.XDEV);
          linkAt(writable(from), from.name, writable(to), to.name);
        });
      });
    },
    path_open(
      dirFd: number,
      dirFlags: number,
      ptr: number,
      len: number,
      oflags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdFlags: number,
      fdOutPtr: number,
    ) {
      const follow = (dirFlags & LOOKUP_SYMLINK_FOLLOW) !== 0 && !(oflags & OFlag.CREAT && oflags & OFlag.EXCL);
      const open = (t: Target, dir: DirEntry): number =>
        t.name === '.'
          ? openHeld(t, dir, oflags, rightsBase, rightsInheriting, fdFlags)
          : openFile(t, dir, oflags, rightsBase, rightsInheriting, fdFlags);
      // Optimistic: the object opened by one openat2 of the whole path when that path allows.
      const whole = (oflags & OFlag.CREAT) === 0;
      let fd: number;
      try {
        try {
          fd = withTarget(dirFd, Right.PATH_OPEN, ptr, len, false, open, whole);
        } catch (err) {
          if (!(err instanceof WalkInstead)) throw err;
          fd = withTarget(dirFd, Right.PATH_OPEN, ptr, len, false, open);
        }
      } catch (err) {
        // The last name was opened with O_NOFOLLOW as it is; only a link costs a second walk.
        const code = codeOf(err);
        if (!follow || (code !== 'ELOOP' && code !== 'ENOTDIR')) throw err;
        fd = withTarget(dirFd, Right.PATH_OPEN, ptr, len, true, open);
      }
      ctx.mem().u32(fdOutPtr, fd);
    },
    path_readlink(dirFd: number, ptr: number, len: number, buf: number, bufLen: number, usedPtr: number) {
      withTarget(dirFd, Right.PATH_READLINK, ptr, len, false, (t) => {
        const stats = statOf(t);
        if (stats === null || !stats.isSymbolicLink()) fail(Errno.INVAL);
        const text = readlinkAt(t.parent.fd as number, t.name);
        const n = Math.min(text.length, bufLen);
        ctx.mem().write(buf, text.subarray(0, n));
        ctx.mem().u32(usedPtr, n);
      });
    },
    path_remove_directory(dirFd: number, ptr: number, len: number) {
      withTarget(dirFd, Right.PATH_REMOVE_DIRECTORY, ptr, len, false, (t) => {
        const stats = t.parent.fd === null ? null : lstatAt(t.parent.fd, t.name);
        refuseBusy(t, stats);
        const dirFd = writable(t);
        if (stats === null) fail(Errno.NOENT);
        if (!stats!.isDirectory()) fail(Errno.NOTDIR);
        rmdirAt(dirFd, t.name);
      });
    },
    path_rename(oldFd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) {
      withTarget(oldFd, Right.PATH_RENAME_SOURCE, oldPtr, oldLen, false, (from) => {
        withTarget(newFd, Right.PATH_RENAME_TARGET, newPtr, newLen, false, (to) => {
          const stats = from.parent.fd === null ? null : lstatAt(from.parent.fd, from.name);
          refuseBusy(from, stats);
          refuseBusy(to, to.parent.fd === null ? null : lstatAt(to.parent.fd, to.name));
          const source = writable(from);
          const dest = writable(to);
          if (stats === null) fail(Errno.NOENT);
          if ((from.mustBeDir || to.mustBeDir) && !stats!.isDirectory()) fail(Errno.NOTDIR);
          if (from.parent.mount !== to.parent.mount) fail(Errno.XDEV);
          renameAt(source, from.name, dest, to.name);
        });
      });
    },
    path_symlink(oldPtr: number, oldLen: number, dirFd: number, newPtr: number, newLen: number) {
      const text = ctx.mem().string(oldPtr, oldLen);
      if (text.includes('\0')) fail(Errno.INVAL);
      // An absolute link would point any non-WASI reader of this folder at the host (cap-std refuses it too).
      if (text.startsWith('/')) fail(Errno.NOTCAPABLE);
      withTarget(dirFd, Right.PATH_SYMLINK, newPtr, newLen, false, (t) => {
        if (t.name === '.') fail(Errno.EXIST);
        const dirFd = writable(t);
        if (t.mustBeDir) fail(lstatAt(dirFd, t.name) === null ? Errno.NOENT : Errno.EXIST);
        symlinkAt(text, dirFd, t.name);
      });
    },
    path_unlink_file(dirFd: number, ptr: number, len: number) {
      withTarget(dirFd, Right.PATH_UNLINK_FILE, ptr, len, false, (t) => {
        if (t.name === '.') fail(Errno.ISDIR);
        const dirFd = writable(t);
        const stats = lstatAt(dirFd, t.name);
        if (stats === null) fail(Errno.NOENT);
        if (stats!.isDirectory()) fail(Errno.ISDIR);
        if (t.mustBeDir) fail(Errno.NOTDIR);
        unlinkAt(dirFd, t.name);
      });
    },
  };
}
