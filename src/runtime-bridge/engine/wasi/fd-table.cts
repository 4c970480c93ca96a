/** The module's file descriptors: stdio, the preopened folders, then files and folders it opens. */
import * as fs from 'node:fs';
import { Errno, WasiError } from './errno.cjs';
import type { GuestMemory } from './memory.cjs';
import type { GuestNamespace } from './namespace.cjs';

export const FileType = {
  UNKNOWN: 0,
  BLOCK_DEVICE: 1,
  CHARACTER_DEVICE: 2,
  DIRECTORY: 3,
  REGULAR_FILE: 4,
  SOCKET_STREAM: 6,
  SYMBOLIC_LINK: 7,
} as const;

export interface StdioEntry {
  kind: 'stdio';
  /** Host fd; null when the module has no stdin (reads see end of input). */
  hostFd: number | null;
  writable: boolean;
}

export interface FileEntry {
  kind: 'file';
  hostFd: number;
  readable: boolean;
  writable: boolean;
  append: boolean;
  position: number;
}

export interface DirEntry {
  kind: 'dir';
  guestPath: string;
  /** null for a virtual folder (a parent of a mount point that the rootfs lacks). */
  hostPath: string | null;
  readOnly: boolean;
  /** The name wasi-libc matches absolute paths against; set for preopened folders only. */
  preopen?: string;
  /** Listing cached from the first fd_readdir, so cookies stay stable while it is read. */
  listing?: Array<{ name: string; type: number }>;
}

export type FdEntry = StdioEntry | FileEntry | DirEntry;

export interface StdioFds {
  stdin: number | null;
  stdout: number;
  stderr: number;
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();
  private next = 0;

  constructor(stdio: StdioFds, ns: GuestNamespace) {
    this.add({ kind: 'stdio', hostFd: stdio.stdin, writable: false });
    this.add({ kind: 'stdio', hostFd: stdio.stdout, writable: true });
    this.add({ kind: 'stdio', hostFd: stdio.stderr, writable: true });
    for (const guestPath of ns.mountPoints()) {
      const at = ns.resolve(guestPath);
      this.add({ kind: 'dir', guestPath, hostPath: at.hostPath, readOnly: at.readOnly, preopen: guestPath });
    }
  }

  add(entry: FdEntry): number {
    const fd = this.next++;
    this.entries.set(fd, entry);
    return fd;
  }

  get(fd: number): FdEntry {
    const entry = this.entries.get(fd);
    if (!entry) throw new WasiError(Errno.BADF);
    return entry;
  }

  file(fd: number): FileEntry {
    const entry = this.get(fd);
    if (entry.kind === 'dir') throw new WasiError(Errno.ISDIR);
    if (entry.kind !== 'file') throw new WasiError(Errno.SPIPE);
    return entry;
  }

  dir(fd: number): DirEntry {
    const entry = this.get(fd);
    if (entry.kind !== 'dir') throw new WasiError(Errno.NOTDIR);
    return entry;
  }

  close(fd: number): void {
    const entry = this.get(fd);
    this.entries.delete(fd);
    // Stdio fds belong to the host process (the shim's FIFOs, the CLI's terminal): never close them.
    if (entry.kind === 'file') fs.closeSync(entry.hostFd);
  }

  renumber(from: number, to: number): void {
    const entry = this.get(from);
    if (this.entries.has(to)) this.close(to);
    this.entries.delete(from);
    this.entries.set(to, entry);
  }

  /** Closes every file the module left open. */
  closeAll(): void {
    for (const [fd, entry] of this.entries) if (entry.kind === 'file') this.close(fd);
  }
}

export function fileTypeOf(stats: fs.BigIntStats | fs.Stats): number {
  if (stats.isFile()) return FileType.REGULAR_FILE;
  if (stats.isDirectory()) return FileType.DIRECTORY;
  if (stats.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (stats.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (stats.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (stats.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

/** Writes a `filestat` (64 bytes); null stats describe a virtual folder or a stdio stream. */
export function writeFilestat(mem: GuestMemory, ptr: number, stats: fs.BigIntStats | null, type: number): void {
  mem.bytes(ptr, 64).fill(0);
  mem.u8(ptr + 16, stats ? fileTypeOf(stats) : type);
  if (!stats) return;
  mem.u64(ptr, stats.dev);
  mem.u64(ptr + 8, stats.ino);
  mem.u64(ptr + 24, stats.nlink);
  mem.u64(ptr + 32, stats.size);
  mem.u64(ptr + 40, stats.atimeNs);
  mem.u64(ptr + 48, stats.mtimeNs);
  mem.u64(ptr + 56, stats.ctimeNs);
}
