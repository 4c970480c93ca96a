/**
 * The one way the WASI 0.2 host touches files and stdio: through our preview 1 engine, called with
 * a private scratch memory. So a component's descriptors are preview 1 fds of the same handle table
 * and namespace (image rootfs, -v mounts, :ro, fd-relative walks, nofile) that a module gets — the
 * sandbox is written once, in engine/wasi, and wasi:filesystem cannot diverge from it.
 */
import { Errno } from '../../wasi/errno.cjs';
import { GuestMemory } from '../../wasi/memory.cjs';
import { createPreview1, type Preview1, type Preview1Options } from '../../wasi/preview1.cjs';

/** A preview 1 call answered with an errno other than SUCCESS. */
export class Preview1Failure extends Error {
  constructor(readonly errno: number) {
    super(`wasi errno ${errno}`);
  }
}

export interface FileStat {
  dev: bigint;
  ino: bigint;
  filetype: number;
  nlink: bigint;
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

export interface RawDirEntry {
  name: string;
  filetype: number;
}

/** Scratch layout: fixed slots for out-values, then a growing data area for paths and buffers. */
const OUT = 0;
const IOV = 128;
const DATA = 256;
const PAGE = 65536;
const READDIR_BUF = 65536;
const DIRENT_HEADER = 24;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Preview1Bridge {
  private readonly memory = new WebAssembly.Memory({ initial: 2 });
  private readonly mem = new GuestMemory(this.memory);
  private readonly p1: Preview1;
  private next = DATA;

  constructor(options: Omit<Preview1Options, 'memory'>) {
    this.p1 = createPreview1({ ...options, memory: () => this.mem });
  }

  close(): void {
    this.p1.close();
  }

  private call(name: string, ...args: Array<number | bigint>): void {
    const fn = this.p1.imports[name] as (...a: Array<number | bigint>) => number;
    const errno = fn(...args);
    if (errno !== Errno.SUCCESS) throw new Preview1Failure(errno);
  }

  /** Room for `len` bytes in the data area, valid until the call completes (reset per call). */
  private alloc(len: number): number {
    const ptr = this.next;
    this.next += len + 8;
    const short = this.next - this.memory.buffer.byteLength;
    if (short > 0) this.memory.grow(Math.ceil(short / PAGE));
    return ptr;
  }

  private string(s: string): [number, number] {
    const bytes = encoder.encode(s);
    const ptr = this.alloc(bytes.length);
    this.mem.write(ptr, bytes);
    return [ptr, bytes.length];
  }

  /** Runs one call with a fresh data area. */
  private scoped<T>(use: () => T): T {
    this.next = DATA;
    return use();
  }

  read(fd: number, len: number, offset: bigint | null): Uint8Array {
    return this.scoped(() => {
      const buf = this.alloc(len);
      this.mem.u32(IOV, buf);
      this.mem.u32(IOV + 4, len);
      if (offset === null) this.call('fd_read', fd, IOV, 1, OUT);
      else this.call('fd_pread', fd, IOV, 1, offset, OUT);
      return this.mem.bytes(buf, this.mem.readU32(OUT)).slice();
    });
  }

  write(fd: number, data: Uint8Array, offset: bigint | null): number {
    return this.scoped(() => {
      const buf = this.alloc(data.length);
      this.mem.write(buf, data);
      this.mem.u32(IOV, buf);
      this.mem.u32(IOV + 4, data.length);
      if (offset === null) this.call('fd_write', fd, IOV, 1, OUT);
      else this.call('fd_pwrite', fd, IOV, 1, offset, OUT);
      return this.mem.readU32(OUT);
    });
  }

  private readStat(): FileStat {
    const u64 = (at: number): bigint => this.mem.readU64(OUT + at);
    return {
      dev: u64(0),
      ino: u64(8),
      filetype: this.mem.bytes(OUT + 16, 1)[0] as number,
      nlink: u64(24),
      size: u64(32),
      atim: u64(40),
      mtim: u64(48),
      ctim: u64(56),
    };
  }

  stat(fd: number): FileStat {
    this.call('fd_filestat_get', fd, OUT);
    return this.readStat();
  }

  statAt(fd: number, follow: boolean, path: string): FileStat {
    return this.scoped(() => {
      this.call('path_filestat_get', fd, follow ? 1 : 0, ...this.string(path), OUT);
      return this.readStat();
    });
  }

  /** fdstat: the file type and the fd's rights. */
  fdstat(fd: number): { filetype: number; rights: bigint } {
    this.call('fd_fdstat_get', fd, OUT);
    return { filetype: this.mem.bytes(OUT, 1)[0] as number, rights: this.mem.readU64(OUT + 8) };
  }

  open(fd: number, follow: boolean, path: string, oflags: number, base: bigint, inheriting: bigint, fdflags: number): number {
    return this.scoped(() => {
      this.call('path_open', fd, follow ? 1 : 0, ...this.string(path), oflags, base, inheriting, fdflags, OUT);
      return this.mem.readU32(OUT);
    });
  }

  /** A call on one path beneath `fd` (create/remove directory, unlink). */
  onPath(name: 'path_create_directory' | 'path_remove_directory' | 'path_unlink_file', fd: number, path: string): void {
    this.scoped(() => this.call(name, fd, ...this.string(path)));
  }

  rename(fd: number, from: string, toFd: number, to: string): void {
    this.scoped(() => this.call('path_rename', fd, ...this.string(from), toFd, ...this.string(to)));
  }

  link(fd: number, follow: boolean, from: string, toFd: number, to: string): void {
    this.scoped(() => this.call('path_link', fd, follow ? 1 : 0, ...this.string(from), toFd, ...this.string(to)));
  }

  symlink(text: string, fd: number, path: string): void {
    this.scoped(() => this.call('path_symlink', ...this.string(text), fd, ...this.string(path)));
  }

  readlink(fd: number, path: string): string {
    return this.scoped(() => {
      const name = this.string(path);
      const buf = this.alloc(PAGE);
      this.call('path_readlink', fd, ...name, buf, PAGE, OUT);
      return decoder.decode(this.mem.bytes(buf, this.mem.readU32(OUT)));
    });
  }

  setTimes(fd: number, path: { follow: boolean; path: string } | null, atim: bigint, mtim: bigint, fstFlags: number): void {
    this.scoped(() => {
      if (path === null) this.call('fd_filestat_set_times', fd, atim, mtim, fstFlags);
      else this.call('path_filestat_set_times', fd, path.follow ? 1 : 0, ...this.string(path.path), atim, mtim, fstFlags);
    });
  }

  /** fd_close, fd_sync, fd_datasync, fd_filestat_set_size, fd_advise: calls taking only numbers. */
  simple(
    name: 'fd_close' | 'fd_sync' | 'fd_datasync' | 'fd_filestat_set_size' | 'fd_advise',
    fd: number,
    ...args: Array<number | bigint>
  ): void {
    this.call(name, fd, ...args);
  }

  /** Every entry of a directory except `.` and `..`. */
  readdir(fd: number): RawDirEntry[] {
    return this.scoped(() => {
      const buf = this.alloc(READDIR_BUF);
      const out: RawDirEntry[] = [];
      let cookie = 0n;
      for (;;) {
        this.call('fd_readdir', fd, buf, READDIR_BUF, cookie, OUT);
        const used = this.mem.readU32(OUT);
        let at = 0;
        let progressed = false;
        while (at + DIRENT_HEADER <= used) {
          const nameLen = this.mem.readU32(buf + at + 16);
          if (at + DIRENT_HEADER + nameLen > used) break;
          cookie = this.mem.readU64(buf + at);
          const name = decoder.decode(this.mem.bytes(buf + at + DIRENT_HEADER, nameLen));
          if (name !== '.' && name !== '..') out.push({ name, filetype: this.mem.bytes(buf + at + 20, 1)[0] as number });
          at += DIRENT_HEADER + nameLen;
          progressed = true;
        }
        if (used < READDIR_BUF || !progressed) return out;
      }
    });
  }

  /** The preopened folders, fd 3 upwards, with their guest paths. */
  preopens(): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    for (let fd = 3; ; fd++) {
      try {
        this.call('fd_prestat_get', fd, OUT);
      } catch (err) {
        if (err instanceof Preview1Failure && err.errno === Errno.BADF) return out;
        throw err;
      }
      const len = this.mem.readU32(OUT + 4);
      const name = this.scoped(() => {
        const buf = this.alloc(len);
        this.call('fd_prestat_dir_name', fd, buf, len);
        return decoder.decode(this.mem.bytes(buf, len));
      });
      out.push([fd, name]);
    }
  }
}
