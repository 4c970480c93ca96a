import { createWriteStream } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WasmctlError, isWasmctlError } from '../common/index.js';
import { DiffHasher, type SizeBudget, type Stage, decompressorFor, peek } from './compression.js';
import { entryPath, resolveInRoot } from './safe-path.js';
import { type TarEntry, forEachTarEntry } from './tar-entries.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Applies one tar layer, read from `input` (a blob file, or a download as it arrives, through
 * `before`: the digest check and the blob's file) onto `root`; returns the digest of its
 * uncompressed bytes (diff_id).
 */
export async function applyTarLayer(root: string, input: Readable, what: string, budget: SizeBudget, before: Stage[] = []): Promise<string> {
  const hasher = new DiffHasher(budget, what);
  const layer = new LayerWriter(root, what);
  try {
    let peeked: Awaited<ReturnType<typeof peek>>;
    try {
      peeked = await peek(input, 4);
    } catch (err) {
      input.destroy();
      for (const stage of before) if (typeof stage !== 'function') (stage as unknown as Readable).destroy();
      throw err;
    }
    const decoder = decompressorFor(peeked.head, budget);
    await forEachTarEntry(peeked.stream, [...before, ...(decoder ? [decoder] : []), hasher], (entry) => layer.apply(entry));
  } catch (err) {
    throw asLayerError(err, what);
  }
  return hasher.digest();
}

/** A Wasm artifact layer is the module itself: it becomes one file at the root. */
export async function placeWasmLayer(root: string, blobPath: string, fileName: string, budget: SizeBudget): Promise<void> {
  const { size } = await stat(blobPath);
  budget.take(size, `module ${fileName}`);
  await copyFile(blobPath, join(root, entryPath(fileName, 'a Wasm layer')));
}

function asLayerError(err: unknown, what: string): WasmctlError {
  if (isWasmctlError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WasmctlError('DataLoss', `${what} is corrupt: ${message}`, { cause: err });
}

class LayerWriter {
  /** Paths this layer wrote, so an opaque marker only empties what lower layers left. */
  private readonly written = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly what: string,
  ) {}

  async apply(entry: TarEntry): Promise<void> {
    const { header } = entry;
    const rel = entryPath(header.name, this.what);
    const name = basename(rel);
    if (rel === '' || name.startsWith(WHITEOUT)) {
      entry.resume();
      if (name.startsWith(WHITEOUT)) await this.whiteout(rel, name);
      return;
    }
    const parent = await resolveInRoot(this.root, dirname(rel), true);
    await mkdir(parent, { recursive: true });
    const target = join(parent, name);
    this.written.add(target);
    const mode = header.mode ?? 0o644;
    switch (header.type) {
      case 'directory':
        entry.resume();
        if (!(await lstat(target).catch(() => undefined))?.isDirectory()) {
          await rm(target, { force: true, recursive: true });
          await mkdir(target, { mode: (mode & 0o777) | 0o700 });
        }
        return;
      case 'file':
      case 'contiguous-file':
        await rm(target, { force: true, recursive: true });
        // 'wx' is O_CREAT|O_EXCL: never writes through a link left in place.
        await pipeline(entry as unknown as Readable, createWriteStream(target, { flags: 'wx', mode: mode & 0o777 }));
        return;
      case 'symlink':
        entry.resume();
        await rm(target, { force: true, recursive: true });
        await symlink(header.linkname ?? '', target);
        return;
      case 'link':
        entry.resume();
        await this.hardlink(header.linkname ?? '', target);
        return;
      default:
        // Device nodes and FIFOs have no meaning for a Wasm module and are a host hazard.
        entry.resume();
    }
  }

  private async hardlink(linkname: string, target: string): Promise<void> {
    const rel = entryPath(linkname, this.what);
    const source = await resolveInRoot(this.root, rel, false);
    const info = await lstat(source).catch(() => undefined);
    if (!info || info.isDirectory()) {
      throw new WasmctlError('DataLoss', `${this.what} hardlinks to "${linkname}", which is not a file in the image`);
    }
    await rm(target, { force: true, recursive: true });
    await link(source, target);
  }

  private async whiteout(rel: string, name: string): Promise<void> {
    const dir = await resolveInRoot(this.root, dirname(rel), true);
    if (name === OPAQUE) {
      const children = await readdir(dir).catch(() => [] as string[]);
      for (const child of children) {
        const path = join(dir, child);
        if (!this.wroteUnder(path)) await rm(path, { force: true, recursive: true });
      }
      return;
    }
    const hidden = name.slice(WHITEOUT.length);
    if (hidden === '' || hidden === '.' || hidden === '..') {
      throw new WasmctlError('DataLoss', `${this.what} has an invalid whiteout "${rel}"`);
    }
    await rm(join(dir, hidden), { force: true, recursive: true });
  }

  private wroteUnder(path: string): boolean {
    if (this.written.has(path)) return true;
    const prefix = `${path}${sep}`;
    for (const p of this.written) if (p.startsWith(prefix)) return true;
    return false;
  }
}
