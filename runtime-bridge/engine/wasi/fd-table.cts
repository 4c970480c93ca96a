/**
 * The module's handle table: stdio, the preopened folders, then what it opens. Every entry owns the
 * host fd it holds (a preopen opens its own, so closing it never closes the namespace's), stdio
 * never closes the host's, and the table is bounded (`nofile`), so that in a process shared with
 * other modules a guest number can never reach, or exhaust, anybody else's descriptors.
 */
import * as fs from 'node:fs';
import { Errno, fail } from './errno.cjs';
import { closeFd, closeQuietly, reopenDir, type HostStats } from './host-fs.cjs';
import type { RunStdio } from '../../types.js';
import type { GuestMemory } from './memory.cjs';
import type { GuestNamespace, Place } from './namespace.cjs';
import { directoryRights, type RightsPair, STDIO_RIGHTS, Right, WRITE_RIGHTS } from './rights.cjs';

export const FileType = {
  UNKNOWN: 0,
  BLOCK_DEVICE: 1,
  CHARACTER_DEVICE: 2,
  DIRECTORY: 3,
  REGULAR_FILE: 4,
  SOCKET_STREAM: 6,
  SYMBOLIC_LINK: 7,
} as const;

export const FdFlag = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;

export interface StdioEntry {
  kind: 'stdio';
  /** Host fd; null when the module has no stdin (reads see end of input). */
  hostFd: number | null;
  writable: boolean;
  rights: RightsPair;
  flags: number;
}

export interface FileEntry {
  kind: 'file';
  hostFd: number;
  rights: RightsPair;
  /** APPEND is emulated (every write goes to the end), so that pwrite keeps its offset. */
  flags: number;
  position: number;
  /** The host object's type (a device opened by path is not a regular file). */
  type: number;
}

export interface DirEntry {
  kind: 'dir';
  place: Place;
  readOnly: boolean;
  rights: RightsPair;
  flags: number;
  /** The name wasi-libc matches absolute paths against; set for preopened folders only. */
  preopen?: string;
  /** Listing taken at cookie 0, so that later cookies resume exactly where the last read stopped. */
  listing?: Array<{ name: string; type: number; ino: bigint }>;
}

export type FdEntry = StdioEntry | FileEntry | DirEntry;

export const DEFAULT_NOFILE = 1024;

/** The handle a guest fd holds on the host, null for stdio and virtual folders. */
function ownedFd(entry: FdEntry): number | null {
  if (entry.kind === 'file') return entry.hostFd;
  if (entry.kind === 'dir') return entry.place.fd;
  return null;
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();

  constructor(
    stdio: RunStdio,
    ns: GuestNamespace,
    private readonly limit = DEFAULT_NOFILE,
  ) {
    const stdioRights = (writable: boolean): RightsPair => ({
      base: STDIO_RIGHTS & ~(writable ? Right.FD_READ : Right.FD_WRITE),
      inheriting: 0n,
    });
    this.add({ kind: 'stdio', hostFd: stdio.stdin, writable: false, rights: stdioRights(false), flags: 0 });
    this.add({ kind: 'stdio', hostFd: stdio.stdout, writable: true, rights: stdioRights(true), flags: 0 });
    this.add({ kind: 'stdio', hostFd: stdio.stderr, writable: true, rights: stdioRights(true), flags: 0 });
    const mounts = [...ns.mounts].sort((a, b) => a.guest.length - b.guest.length);
    for (const mount of mounts) {
      const root = ns.rootPlace(mount);
      const place = { ...root, fd: root.fd === null ? null : reopenDir(root.fd) };
      const entry: DirEntry = {
        kind: 'dir',
        place,
        readOnly: mount.readOnly,
        rights: directoryRights(mount.readOnly),
        flags: 0,
        preopen: `/${mount.guest.join('/')}`,
      };
      this.add(entry);
    }
  }

  /** The lowest free number, as POSIX gives; EMFILE past the module's `nofile` limit. */
  add(entry: FdEntry): number {
    if (this.entries.size >= this.limit) {
      const fd = ownedFd(entry);
      if (fd !== null) closeQuietly(fd);
      fail(Errno.MFILE);
    }
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, entry);
    return fd;
  }

  /** Whether another open would pass the limit (checked before a host open, so none is wasted). */
  full(): boolean {
    return this.entries.size >= this.limit;
  }

  get(fd: number): FdEntry {
    return this.entries.get(fd) ?? fail(Errno.BADF);
  }

  /** The entry, if it holds every right in `needed`; else `errno` (BADF for read/write, as POSIX). */
  withRights(fd: number, needed: bigint, errno: number = Errno.NOTCAPABLE): FdEntry {
    const entry = this.get(fd);
    if ((entry.rights.base & needed) !== needed) fail(errno);
    return entry;
  }

  file(fd: number, needed = 0n): FileEntry {
    const entry = this.withRights(fd, needed);
    if (entry.kind === 'dir') fail(Errno.ISDIR);
    if (entry.kind !== 'file') fail(Errno.SPIPE);
    return entry as FileEntry;
  }

  dir(fd: number, needed = 0n): DirEntry {
    const entry = this.get(fd);
    if (entry.kind !== 'dir') fail(Errno.NOTDIR);
    if ((entry.rights.base & needed) === needed) return entry as DirEntry;
    const missing = needed & ~entry.rights.base;
    // A read-only folder never had the rights to change it: say so as a native system does.
    return fail((missing & WRITE_RIGHTS) !== 0n && (entry as DirEntry).readOnly ? Errno.ROFS : Errno.NOTCAPABLE);
  }

  close(fd: number): void {
    const entry = this.get(fd);
    this.entries.delete(fd);
    // Stdio fds belong to the host process (the shim's FIFOs, the CLI's terminal): never close them.
    const host = ownedFd(entry);
    if (host !== null) closeFd(host);
  }

  /** `to` takes `from`'s entry, as dup2 + close; both must be open, and (a, a) changes nothing. */
  renumber(from: number, to: number): void {
    const entry = this.get(from);
    this.get(to);
    if (from === to) return;
    this.close(to);
    this.entries.delete(from);
    this.entries.set(to, entry);
  }

  /** Closes every host fd the module still holds; the table is unusable afterwards. */
  closeAll(): void {
    for (const entry of this.entries.values()) {
      const host = ownedFd(entry);
      if (host !== null) closeQuietly(host);
    }
    this.entries.clear();
  }
}

export function fileTypeOf(stats: HostStats | fs.Stats): number {
  if (stats.isFile()) return FileType.REGULAR_FILE;
  if (stats.isDirectory()) return FileType.DIRECTORY;
  if (stats.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (stats.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (stats.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (stats.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

/** Where a `filestat`'s fields sit: snapshot 0 has a u32 nlink, and what follows it 8 bytes earlier. */
interface FilestatLayout {
  size: number;
  nlink: number;
  nlinkIsU32: boolean;
  /** Offset of `size`; atim, mtim and ctim follow it, 8 bytes each. */
  rest: number;
}

type FilestatWriter = (mem: GuestMemory, ptr: number, stats: HostStats | null, type: number) => void;

/** A writer for one layout; null stats describe a virtual folder or a stdio stream. */
function filestatWriter(layout: FilestatLayout): FilestatWriter {
  return (mem, ptr, stats, type) => {
    mem.bytes(ptr, layout.size).fill(0);
    mem.u8(ptr + 16, stats ? fileTypeOf(stats) : type);
    if (!stats) return;
    mem.u64(ptr, stats.dev);
    mem.u64(ptr + 8, stats.ino);
    if (layout.nlinkIsU32) mem.u32(ptr + layout.nlink, Number(stats.nlink));
    else mem.u64(ptr + layout.nlink, stats.nlink);
    [stats.size, stats.atimeNs, stats.mtimeNs, stats.ctimeNs].forEach((v, i) => mem.u64(ptr + layout.rest + i * 8, v));
  };
}

export const writeFilestat = filestatWriter({ size: 64, nlink: 24, nlinkIsU32: false, rest: 32 });
export const writeFilestatSnapshot0 = filestatWriter({ size: 56, nlink: 20, nlinkIsU32: true, rest: 24 });
