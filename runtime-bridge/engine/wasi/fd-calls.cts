/** WASI preview 1 calls on open file descriptors (fd_*). */
import * as fs from 'node:fs';
import { ExitCode } from '../../../common/exit-codes.cjs';
import { codeOf, Errno, fail } from './errno.cjs';
import { FdFlag, FileType, fileTypeOf, writeFilestat, type DirEntry, type FdEntry, type FdTable, type FileEntry } from './fd-table.cjs';
import { fstat, lstatAt, memoryIo, self, usesNative } from './host-fs.cjs';
import { encodeUtf8, type GuestMemory } from './memory.cjs';
import type { GuestNamespace } from './namespace.cjs';
import { Right } from './rights.cjs';
import { sleepMs } from './sleep.cjs';
import { setTimes } from './times.cjs';

export interface FsContext {
  mem(): GuestMemory;
  fds: FdTable;
  ns: GuestNamespace;
  /** The namespace's `filestat` layout (snapshot 0's differs). */
  writeFilestat: typeof writeFilestat;
}

/** Thrown by proc_exit, and by a write to a closed stdout: unwinds the module to the engine. */
export class ProcExit {
  constructor(readonly code: number) {}
}

export const Whence = { SET: 0, CUR: 1, END: 2 } as const;
const DIRENT_HEADER = 24;
/** How long a read waits before retrying a non-blocking stdin that has nothing yet. */
const STDIN_RETRY_MS = 5;
const SETTABLE_FLAGS = FdFlag.APPEND | FdFlag.NONBLOCK | FdFlag.SYNC | FdFlag.DSYNC | FdFlag.RSYNC;

function readStdio(hostFd: number | null, buf: Uint8Array): number {
  if (hostFd === null) return 0;
  for (;;) {
    try {
      return fs.readSync(hostFd, buf, 0, buf.length, null);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw err;
      sleepMs(STDIN_RETRY_MS);
    }
  }
}

/** Writes all of `buf`, waiting out a full pipe (the host may hand us a non-blocking FIFO). */
export function writeAll(hostFd: number, buf: Uint8Array): void {
  let done = 0;
  while (done < buf.length) {
    try {
      done += fs.writeSync(hostFd, buf, done, buf.length - done);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'EPIPE') throw new ProcExit(ExitCode.SIGPIPE);
      if (code !== 'EAGAIN') throw err;
      sleepMs(1);
    }
  }
}

/** One writev to a stream: what it wrote (0 for a full pipe); a closed reader ends the module. */
function writevOnce(write: () => number): number {
  try {
    return write();
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EPIPE') throw new ProcExit(ExitCode.SIGPIPE);
    if (code !== 'EAGAIN') throw err;
    return 0;
  }
}

/** All of the module's iovecs to a stream in one writev when it goes through whole (printf's two: one call). */
function writeStdio(hostFd: number, m: GuestMemory, iovs: number, count: number): number {
  const memory = m.buffer();
  if (usesNative() && memory instanceof ArrayBuffer) {
    const done = writevOnce(() => memoryIo(true, hostFd, memory, iovs, count, null) as number);
    const total = m.iovecsLength(iovs, count);
    return done === total ? total : finishWrite(hostFd, m.iovecs(iovs, count), done);
  }
  const bufs = m.iovecs(iovs, count);
  if (bufs.length === 1) {
    writeAll(hostFd, bufs[0] as Uint8Array);
    return (bufs[0] as Uint8Array).length;
  }
  return finishWrite(
    hostFd,
    bufs,
    writevOnce(() => fs.writevSync(hostFd, bufs)),
  );
}

/** Writes what a first writev of `done` bytes left of `bufs`; the bytes of `bufs` in all. */
function finishWrite(hostFd: number, bufs: Uint8Array[], done: number): number {
  let total = 0;
  for (const buf of bufs) {
    total += buf.length;
    if (done >= buf.length) done -= buf.length;
    else {
      writeAll(hostFd, buf.subarray(done));
      done = 0;
    }
  }
  return total;
}

/** One preadv of the module's iovecs when the addon can, else one read per buffer up to a short one. */
function readFileAt(entry: FileEntry, m: GuestMemory, iovs: number, count: number, offset: number | null): number {
  let position = offset ?? entry.position;
  const memory = m.buffer();
  const fast = memory instanceof ArrayBuffer ? memoryIo(false, entry.hostFd, memory, iovs, count, position) : null;
  if (fast !== null) {
    if (offset === null) entry.position = position + fast;
    return fast;
  }
  const bufs = m.iovecs(iovs, count);
  let total = 0;
  for (const buf of bufs) {
    if (buf.length === 0) continue;
    const n = fs.readSync(entry.hostFd, buf, 0, buf.length, position);
    position += n;
    total += n;
    if (n < buf.length) break;
  }
  if (offset === null) entry.position = position;
  return total;
}

/** All of the module's iovecs at the file's position (its end with APPEND) or `offset`. */
function writeFileAt(entry: FileEntry, m: GuestMemory, iovs: number, count: number, offset: number | null): number {
  const append = offset === null && (entry.flags & FdFlag.APPEND) !== 0;
  let position = append ? Number(fstat(entry.hostFd).size) : (offset ?? entry.position);
  const memory = m.buffer();
  const fast = memory instanceof ArrayBuffer ? memoryIo(true, entry.hostFd, memory, iovs, count, position) : null;
  // A short pwritev (or none, without the addon) is finished buffer by buffer.
  let skip = fast ?? 0;
  const bufs = fast !== null && fast === m.iovecsLength(iovs, count) ? [] : m.iovecs(iovs, count);
  let total = skip;
  position += skip;
  for (let buf of bufs) {
    if (skip >= buf.length) {
      skip -= buf.length;
      continue;
    }
    buf = buf.subarray(skip);
    skip = 0;
    let done = 0;
    while (done < buf.length) done += fs.writeSync(entry.hostFd, buf, done, buf.length - done, position + done);
    position += buf.length;
    total += buf.length;
  }
  if (entry.flags & (FdFlag.SYNC | FdFlag.DSYNC)) fs.fdatasyncSync(entry.hostFd);
  if (offset === null) entry.position = position;
  return total;
}

const typeOfEntry = (entry: FdEntry): number =>
  entry.kind === 'dir' ? FileType.DIRECTORY : entry.kind === 'file' ? entry.type : FileType.CHARACTER_DEVICE;

function listDir(ns: GuestNamespace, dir: DirEntry): NonNullable<DirEntry['listing']> {
  const { fd, guest } = dir.place;
  const selfIno = fd === null ? 0n : fstat(fd).ino;
  const list: NonNullable<DirEntry['listing']> = [
    { name: '.', type: FileType.DIRECTORY, ino: selfIno },
    { name: '..', type: FileType.DIRECTORY, ino: fd === null ? 0n : (lstatAt(fd, '..')?.ino ?? 0n) },
  ];
  const mountChildren = new Map(ns.mountChildren(guest).map((c) => [c.name, c.mount]));
  if (fd !== null) {
    for (const name of fs.readdirSync(self(fd))) {
      if (mountChildren.has(name)) continue;
      // Gone since the listing was read: a file another process removed is simply not shown.
      const stats = lstatAt(fd, name);
      if (stats) list.push({ name, type: fileTypeOf(stats), ino: stats.ino });
    }
  }
  for (const [name, mount] of mountChildren) list.push({ name, type: FileType.DIRECTORY, ino: mount?.ino ?? 0n });
  return list;
}

export function fdCalls(ctx: FsContext) {
  const { fds } = ctx;
  const mem = (): GuestMemory => ctx.mem();
  return {
    fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number) {
      fds.file(fd, Right.FD_ADVISE);
      if (advice > 5) fail(Errno.INVAL);
    },
    fd_allocate(fd: number, offset: bigint, len: bigint) {
      const entry = fds.file(fd, Right.FD_ALLOCATE) as FileEntry;
      if (len === 0n) fail(Errno.INVAL);
      // posix_fallocate without Node's help: extend with zeros, never shrink.
      const end = Number(offset + len);
      if (end > Number(fs.fstatSync(entry.hostFd).size)) fs.ftruncateSync(entry.hostFd, end);
    },
    fd_close(fd: number) {
      fds.close(fd);
    },
    fd_datasync(fd: number) {
      fs.fdatasyncSync(fds.file(fd, Right.FD_DATASYNC).hostFd);
    },
    fd_fdstat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      const m = mem();
      m.bytes(ptr, 24).fill(0);
      m.u8(ptr, typeOfEntry(entry));
      m.u16(ptr + 2, entry.flags);
      m.u64(ptr + 8, entry.rights.base);
      m.u64(ptr + 16, entry.rights.inheriting);
    },
    fd_fdstat_set_flags(fd: number, flags: number) {
      const entry = fds.withRights(fd, Right.FD_FDSTAT_SET_FLAGS);
      if (flags & ~SETTABLE_FLAGS) fail(Errno.INVAL);
      if (entry.kind !== 'file' && flags & (FdFlag.APPEND | FdFlag.SYNC | FdFlag.DSYNC | FdFlag.RSYNC)) fail(Errno.NOTSUP);
      entry.flags = flags;
    },
    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint) {
      const entry = fds.get(fd);
      if ((base & ~entry.rights.base) !== 0n || (inheriting & ~entry.rights.inheriting) !== 0n) fail(Errno.NOTCAPABLE);
      entry.rights = { base, inheriting };
    },
    fd_filestat_get(fd: number, ptr: number) {
      const entry = fds.withRights(fd, Right.FD_FILESTAT_GET);
      const host = entry.kind === 'file' ? entry.hostFd : entry.kind === 'dir' ? entry.place.fd : null;
      ctx.writeFilestat(mem(), ptr, host === null ? null : fstat(host), typeOfEntry(entry));
    },
    fd_filestat_set_size(fd: number, size: bigint) {
      const entry = fds.file(fd, Right.FD_FILESTAT_SET_SIZE);
      fs.ftruncateSync(entry.hostFd, Number(size));
    },
    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number) {
      const entry = fds.withRights(fd, Right.FD_FILESTAT_SET_TIMES);
      const host = entry.kind === 'file' ? entry.hostFd : entry.kind === 'dir' ? entry.place.fd : null;
      if (host === null || (entry.kind === 'dir' && entry.readOnly)) fail(entry.kind === 'stdio' ? Errno.BADF : Errno.ROFS);
      setTimes(self(host as number), atim, mtim, flags, false);
    },
    fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number) {
      const entry = fds.file(fd, Right.FD_READ | Right.FD_SEEK);
      mem().u32(nreadPtr, readFileAt(entry, mem(), iovs, iovsLen, Number(offset)));
    },
    fd_prestat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (entry.kind !== 'dir' || entry.preopen === undefined) fail(Errno.BADF);
      mem().u32(ptr, 0);
      mem().u32(ptr + 4, encodeUtf8((entry as DirEntry).preopen as string).length);
    },
    fd_prestat_dir_name(fd: number, ptr: number, len: number) {
      const entry = fds.get(fd);
      if (entry.kind !== 'dir' || entry.preopen === undefined) fail(Errno.BADF);
      const name = encodeUtf8((entry as DirEntry).preopen as string);
      if (len < name.length) fail(Errno.NAMETOOLONG);
      mem().write(ptr, name);
    },
    fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number) {
      const entry = fds.file(fd, Right.FD_WRITE | Right.FD_SEEK);
      mem().u32(nwrittenPtr, writeFileAt(entry, mem(), iovs, iovsLen, Number(offset)));
    },
    fd_read(fd: number, iovs: number, iovsLen: number, nreadPtr: number) {
      const entry = fds.withRights(fd, Right.FD_READ, Errno.BADF);
      if (entry.kind === 'dir') fail(Errno.ISDIR);
      if (entry.kind === 'file') return mem().u32(nreadPtr, readFileAt(entry, mem(), iovs, iovsLen, null));
      const bufs = mem().iovecs(iovs, iovsLen);
      let total = 0;
      for (const buf of bufs) {
        const n = readStdio(entry.hostFd, buf);
        total += n;
        if (n < buf.length) break;
      }
      mem().u32(nreadPtr, total);
    },
    fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, bufUsedPtr: number) {
      const dir = fds.dir(fd, Right.FD_READDIR);
      if (cookie === 0n || !dir.listing) dir.listing = listDir(ctx.ns, dir);
      const m = mem();
      let used = 0;
      for (let i = Number(cookie); i < dir.listing.length && used < bufLen; i++) {
        const { name, type, ino } = dir.listing[i] as { name: string; type: number; ino: bigint };
        const nameBytes = encodeUtf8(name);
        const entry = new Uint8Array(DIRENT_HEADER + nameBytes.length);
        const view = new DataView(entry.buffer);
        view.setBigUint64(0, BigInt(i + 1), true);
        view.setBigUint64(8, ino, true);
        view.setUint32(16, nameBytes.length, true);
        view.setUint8(20, type);
        entry.set(nameBytes, DIRENT_HEADER);
        // A last entry that does not fit is cut off; a full buffer tells libc to call again.
        const take = Math.min(entry.length, bufLen - used);
        m.write(buf + used, entry.subarray(0, take));
        used += take;
      }
      m.u32(bufUsedPtr, used);
    },
    fd_renumber(from: number, to: number) {
      fds.renumber(from, to);
    },
    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number) {
      const entry = fds.get(fd);
      if (entry.kind === 'dir') fail(Errno.BADF);
      if (entry.kind === 'stdio') fail(Errno.SPIPE);
      const needed = whence === Whence.CUR && offset === 0n ? Right.FD_TELL : Right.FD_SEEK;
      const file = fds.file(fd, needed);
      const base =
        whence === Whence.SET
          ? 0
          : whence === Whence.CUR
            ? file.position
            : whence === Whence.END
              ? Number(fs.fstatSync(file.hostFd).size)
              : fail(Errno.INVAL);
      const target = base + Number(offset);
      if (!(target >= 0)) fail(Errno.INVAL);
      file.position = target;
      mem().u64(newOffsetPtr, target);
    },
    fd_sync(fd: number) {
      const entry = fds.withRights(fd, Right.FD_SYNC);
      const host = entry.kind === 'file' ? entry.hostFd : entry.kind === 'dir' ? entry.place.fd : null;
      if (host !== null) fs.fsyncSync(host);
    },
    fd_tell(fd: number, offsetPtr: number) {
      mem().u64(offsetPtr, fds.file(fd, Right.FD_TELL).position);
    },
    fd_write(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number) {
      const entry = fds.withRights(fd, Right.FD_WRITE, Errno.BADF);
      if (entry.kind === 'dir') fail(Errno.ISDIR);
      const m = mem();
      if (entry.kind === 'file') return m.u32(nwrittenPtr, writeFileAt(entry, m, iovs, iovsLen, null));
      if (entry.hostFd === null) fail(Errno.BADF);
      m.u32(nwrittenPtr, writeStdio(entry.hostFd as number, m, iovs, iovsLen));
    },
  };
}
