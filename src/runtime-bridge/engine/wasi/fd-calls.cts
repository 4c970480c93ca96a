/** WASI preview 1 calls on open file descriptors (fd_*). */
import * as fs from 'node:fs';
import { Errno, WasiError } from './errno.cjs';
import { FileType, writeFilestat, type DirEntry, type FdEntry, type FdTable } from './fd-table.cjs';
import { encodeUtf8, type GuestMemory } from './memory.cjs';
import type { GuestNamespace } from './namespace.cjs';
import { sleepMs } from './sleep.cjs';

export interface FsContext {
  mem(): GuestMemory;
  fds: FdTable;
  ns: GuestNamespace;
}

const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const ALL_RIGHTS = (1n << 30n) - 1n;
const FDFLAG_APPEND = 1;
const WHENCE_SET = 0;
const WHENCE_CUR = 1;
const WHENCE_END = 2;
const DIRENT_HEADER = 24;
/** How long a read waits before retrying a non-blocking stdin that has nothing yet. */
const STDIN_RETRY_MS = 5;

function readStdio(hostFd: number | null, buf: Uint8Array): number {
  if (hostFd === null) return 0;
  for (;;) {
    try {
      return fs.readSync(hostFd, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw err;
      sleepMs(STDIN_RETRY_MS);
    }
  }
}

/** Writes all of `buf`, waiting out a full pipe (the host may hand us a non-blocking FIFO). */
function writeAll(hostFd: number, buf: Uint8Array): void {
  let done = 0;
  while (done < buf.length) {
    try {
      done += fs.writeSync(hostFd, buf, done, buf.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      sleepMs(1);
    }
  }
}

function rightsOf(entry: FdEntry): bigint {
  if (entry.kind === 'dir') return entry.readOnly ? ALL_RIGHTS & ~RIGHT_FD_WRITE : ALL_RIGHTS;
  const readable = entry.kind === 'file' ? entry.readable : !entry.writable;
  let rights = ALL_RIGHTS & ~(RIGHT_FD_READ | RIGHT_FD_WRITE);
  if (readable) rights |= RIGHT_FD_READ;
  if (entry.writable) rights |= RIGHT_FD_WRITE;
  return rights;
}

function listDir(ctx: FsContext, dir: DirEntry): Array<{ name: string; type: number }> {
  const names = new Map<string, number>([
    ['.', FileType.DIRECTORY],
    ['..', FileType.DIRECTORY],
  ]);
  if (dir.hostPath !== null) {
    for (const d of fs.readdirSync(dir.hostPath, { withFileTypes: true })) {
      const type = d.isDirectory() ? FileType.DIRECTORY : d.isFile() ? FileType.REGULAR_FILE : d.isSymbolicLink() ? FileType.SYMBOLIC_LINK : FileType.UNKNOWN;
      names.set(d.name, type);
    }
  }
  for (const name of ctx.ns.mountChildren(dir.guestPath)) names.set(name, FileType.DIRECTORY);
  return [...names].map(([name, type]) => ({ name, type }));
}

export function fdCalls(ctx: FsContext) {
  const { fds } = ctx;
  return {
    fd_close(fd: number) {
      fds.close(fd);
    },
    fd_read(fd: number, iovs: number, iovsLen: number, nreadPtr: number) {
      const entry = fds.get(fd);
      if (entry.kind === 'dir') throw new WasiError(Errno.ISDIR);
      let total = 0;
      for (const buf of ctx.mem().iovecs(iovs, iovsLen)) {
        let n: number;
        if (entry.kind === 'stdio') {
          if (entry.writable) throw new WasiError(Errno.BADF);
          n = readStdio(entry.hostFd, buf);
        } else {
          if (!entry.readable) throw new WasiError(Errno.BADF);
          n = fs.readSync(entry.hostFd, buf, 0, buf.length, entry.position);
          entry.position += n;
        }
        total += n;
        if (n < buf.length) break;
      }
      ctx.mem().u32(nreadPtr, total);
    },
    fd_write(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number) {
      const entry = fds.get(fd);
      if (entry.kind === 'dir') throw new WasiError(Errno.ISDIR);
      if (!entry.writable || entry.hostFd === null) throw new WasiError(Errno.BADF);
      let total = 0;
      for (const buf of ctx.mem().iovecs(iovs, iovsLen)) {
        if (entry.kind === 'stdio') {
          writeAll(entry.hostFd, buf);
        } else {
          const n = fs.writeSync(entry.hostFd, buf, 0, buf.length, entry.append ? null : entry.position);
          entry.position = entry.append ? fs.fstatSync(entry.hostFd).size : entry.position + n;
        }
        total += buf.length;
      }
      ctx.mem().u32(nwrittenPtr, total);
    },
    fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number) {
      const entry = fds.file(fd);
      if (!entry.readable) throw new WasiError(Errno.BADF);
      let position = Number(offset);
      let total = 0;
      for (const buf of ctx.mem().iovecs(iovs, iovsLen)) {
        const n = fs.readSync(entry.hostFd, buf, 0, buf.length, position);
        position += n;
        total += n;
        if (n < buf.length) break;
      }
      ctx.mem().u32(nreadPtr, total);
    },
    fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number) {
      const entry = fds.file(fd);
      if (!entry.writable) throw new WasiError(Errno.BADF);
      let position = Number(offset);
      for (const buf of ctx.mem().iovecs(iovs, iovsLen)) position += fs.writeSync(entry.hostFd, buf, 0, buf.length, position);
      ctx.mem().u32(nwrittenPtr, position - Number(offset));
    },
    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number) {
      const entry = fds.file(fd);
      const base =
        whence === WHENCE_SET ? 0 : whence === WHENCE_CUR ? entry.position : whence === WHENCE_END ? fs.fstatSync(entry.hostFd).size : NaN;
      const target = base + Number(offset);
      if (!(target >= 0)) throw new WasiError(Errno.INVAL);
      entry.position = target;
      ctx.mem().u64(newOffsetPtr, target);
    },
    fd_tell(fd: number, offsetPtr: number) {
      ctx.mem().u64(offsetPtr, fds.file(fd).position);
    },
    fd_sync(fd: number) {
      fs.fsyncSync(fds.file(fd).hostFd);
    },
    fd_datasync(fd: number) {
      fs.fdatasyncSync(fds.file(fd).hostFd);
    },
    fd_advise(fd: number) {
      fds.get(fd);
    },
    fd_fdstat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      const mem = ctx.mem();
      mem.bytes(ptr, 24).fill(0);
      const type =
        entry.kind === 'dir' ? FileType.DIRECTORY : entry.kind === 'file' ? FileType.REGULAR_FILE : FileType.CHARACTER_DEVICE;
      mem.u8(ptr, type);
      mem.u16(ptr + 2, entry.kind === 'file' && entry.append ? FDFLAG_APPEND : 0);
      mem.u64(ptr + 8, rightsOf(entry));
      mem.u64(ptr + 16, entry.kind === 'dir' ? rightsOf(entry) : 0n);
    },
    fd_fdstat_set_flags(fd: number) {
      fds.get(fd);
      throw new WasiError(Errno.NOTSUP);
    },
    fd_fdstat_set_rights(fd: number) {
      fds.get(fd);
    },
    fd_filestat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (entry.kind === 'file') writeFilestat(ctx.mem(), ptr, fs.fstatSync(entry.hostFd, { bigint: true }), 0);
      else if (entry.kind === 'dir' && entry.hostPath !== null) writeFilestat(ctx.mem(), ptr, fs.statSync(entry.hostPath, { bigint: true }), 0);
      else writeFilestat(ctx.mem(), ptr, null, entry.kind === 'dir' ? FileType.DIRECTORY : FileType.CHARACTER_DEVICE);
    },
    fd_filestat_set_size(fd: number, size: bigint) {
      const entry = fds.file(fd);
      if (!entry.writable) throw new WasiError(Errno.BADF);
      fs.ftruncateSync(entry.hostFd, Number(size));
    },
    fd_prestat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (entry.kind !== 'dir' || entry.preopen === undefined) throw new WasiError(Errno.BADF);
      ctx.mem().u32(ptr, 0);
      ctx.mem().u32(ptr + 4, encodeUtf8(entry.preopen).length);
    },
    fd_prestat_dir_name(fd: number, ptr: number, len: number) {
      const entry = fds.get(fd);
      if (entry.kind !== 'dir' || entry.preopen === undefined) throw new WasiError(Errno.BADF);
      const name = encodeUtf8(entry.preopen);
      if (len < name.length) throw new WasiError(Errno.NAMETOOLONG);
      ctx.mem().write(ptr, name);
    },
    fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, bufUsedPtr: number) {
      const dir = fds.dir(fd);
      if (cookie === 0n || !dir.listing) dir.listing = listDir(ctx, dir);
      const mem = ctx.mem();
      let used = 0;
      for (let i = Number(cookie); i < dir.listing.length && used < bufLen; i++) {
        const { name, type } = dir.listing[i] as { name: string; type: number };
        const nameBytes = encodeUtf8(name);
        const entry = new Uint8Array(DIRENT_HEADER + nameBytes.length);
        const view = new DataView(entry.buffer);
        view.setBigUint64(0, BigInt(i + 1), true);
        // Never 0: wasi-libc would stat each entry to find a real inode.
        view.setBigUint64(8, BigInt(i + 1), true);
        view.setUint32(16, nameBytes.length, true);
        view.setUint8(20, type);
        entry.set(nameBytes, DIRENT_HEADER);
        // A last entry that does not fit is cut off; a full buffer tells libc to call again.
        const take = Math.min(entry.length, bufLen - used);
        mem.write(buf + used, entry.subarray(0, take));
        used += take;
      }
      mem.u32(bufUsedPtr, used);
    },
    fd_renumber(from: number, to: number) {
      fds.renumber(from, to);
    },
  };
}
