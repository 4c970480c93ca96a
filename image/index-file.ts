import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { WasmctlError } from '../common/index.js';
import { parseImageJson } from './blob-copy.js';
import { processAlive, tempPath } from './temp-files.js';
import { DigestSchema } from './types.js';

export const ImageRecordSchema = z.object({
  digest: DigestSchema,
  configDigest: DigestSchema,
  platform: z.object({ os: z.string(), architecture: z.string() }),
  config: z.object({
    entrypoint: z.array(z.string()),
    cmd: z.array(z.string()),
    env: z.array(z.string()),
    workingDir: z.string(),
  }),
  layers: z.array(z.object({ digest: DigestSchema, size: z.number(), mediaType: z.string() })),
  size: z.number(),
  created: z.string().optional(),
});
export type ImageRecord = z.infer<typeof ImageRecordSchema>;

export const IndexFileSchema = z.object({
  version: z.literal(1),
  /** Reference (or, for an unnamed image, its digest) → image. */
  images: z.record(z.string(), ImageRecordSchema),
});
export type IndexFile = z.infer<typeof IndexFileSchema>;

const LOCK_WAIT_MS = 30_000;

/**
 * The reference index: read freely, changed only under an exclusive lock file, written by rename.
 * Its file calls are synchronous: a few small files, each async call a thread-pool round trip.
 */
export class IndexFileStore {
  private readonly path: string;
  private readonly lockPath: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.path = join(root, 'images.json');
    this.lockPath = join(root, 'images.json.lock');
    this.tmp = join(root, 'tmp');
  }

  async read(): Promise<IndexFile> {
    // Read synchronously: `wasmctl run` does no other file I/O through libuv's thread pool before its
    // module starts, so reading this small file that way would start the pool's threads and cost a
    // round trip through them for each of open, stat, read and close.
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, images: {} };
      throw err;
    }
    return parseImageJson(bytes, IndexFileSchema, this.path);
  }

  /** Runs `change` with the index locked; what it returns is written back atomically. */
  async update<T>(change: (index: IndexFile) => Promise<T>): Promise<T> {
    await this.lock();
    try {
      const index = await this.read();
      const result = await change(index);
      // In tmp/ with the other temp files, so a crash between write and rename is swept too.
      mkdirSync(this.tmp, { recursive: true });
      const temp = tempPath(this.tmp, 'index', 'images.json');
      writeFileSync(temp, `${JSON.stringify(index, null, 2)}\n`);
      renameSync(temp, this.path);
      return result;
    } finally {
      rmSync(this.lockPath, { force: true });
    }
  }

  private async lock(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    // A fresh store has no folder yet to hold the lock.
    mkdirSync(dirname(this.lockPath), { recursive: true });
    for (;;) {
      try {
        const fd = openSync(this.lockPath, 'wx');
        try {
          writeSync(fd, String(process.pid));
        } finally {
          closeSync(fd);
        }
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(readLock(this.lockPath));
      // A lock left by a process that died is taken over; an empty one may be mid-write.
      if (holder > 0 && !processAlive(holder)) rmSync(this.lockPath, { force: true });
      else if (Date.now() > deadline) {
        throw new WasmctlError('Unavailable', `the image store is locked by process ${holder || 'unknown'}`, {
          hint: `remove ${this.lockPath} if no wasmctl is running`,
        });
      } else await sleep(20 + Math.random() * 30);
    }
  }
}

function readLock(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
