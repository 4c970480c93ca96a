import { createWriteStream, openSync, writeFileSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WasmctlError, isWasmctlError } from '../common/index.js';
import { DiffHasher, type SizeBudget, type Stage, decompressorFor, peek } from './compression.js';
import { entryPath, resolveInRoot } from './safe-path.js';
import { type TarEntry, forEachTarEntry } from './tar-entries.js';

const WHITEOUT = '.wh.';
/** Files up to this size are written synchronously (writeSmallFile). */
const SMALL_FILE = 256 * 1024;
const OPAQUE = '.wh..wh..opq';

/** What a layer unpacked into its own folder leaves to do on the layers below it, in order (layer-merge.ts). */
export interface LayerChanges {
  /** Folders (relative) an opaque marker empties of what lower layers put there. */
  opaque: string[];
  /** Paths (relative) a whiteout removes. */
  removed: string[];
  /** Hard links (relative target → link name) whose source is in a lower layer. */
  links: Array<[string, string]>;
  /** Folders the tar names itself: such an entry replaces a lower layer's symlink, as tar does. */
  dirs: Set<string>;
}

/**
 * Unpacks one tar layer, read from `input` (a blob file, or a download as it arrives, through
 * `before`: the digest check and the blob's file), into `dir`, a folder of its own, so that layers
 * unpack at once; returns the digest of its uncompressed bytes (diff_id) and what mergeLayer()
 * must do to the layers below.
 */
export async function unpackTarLayer(
  dir: string,
  input: Readable,
  what: string,
  budget: SizeBudget,
  before: Stage[] = [],
): Promise<{ diffId: string; changes: LayerChanges }> {
  const hasher = new DiffHasher(budget, what);
  const layer = new LayerWriter(dir, what);
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
  return { diffId: hasher.digest(), changes: layer.changes };
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
  readonly changes: LayerChanges = { opaque: [], removed: [], links: [], dirs: new Set() };
  /** Folder (relative) → its host path, made; see parentOf(). */
  private readonly folders = new Map<string, string>();

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
      if (name === OPAQUE) this.changes.opaque.push(dirname(rel));
      else if (name.startsWith(WHITEOUT)) this.changes.removed.push(this.whiteoutTarget(rel, name));
      return;
    }
    const parent = await this.parentOf(rel);
    const target = join(parent, name);
    const mode = header.mode ?? 0o644;
    switch (header.type) {
      case 'directory':
        entry.resume();
        this.changes.dirs.add(rel);
        await this.makeDir(target, (mode & 0o777) | 0o700);
        return;
      case 'file':
      case 'contiguous-file': {
        if ((header.size ?? 0) <= SMALL_FILE) return this.writeSmallFile(entry, target, mode & 0o777);
        const fd = await this.createFile(target, mode & 0o777);
        await pipeline(entry as unknown as Readable, createWriteStream(target, { fd }));
        return;
      }
      case 'symlink':
        entry.resume();
        await this.clear(target);
        await symlink(header.linkname ?? '', target);
        return;
      case 'link':
        entry.resume();
        await this.hardlink(header.linkname ?? '', target, rel);
        return;
      default:
        // Device nodes and FIFOs have no meaning for a Wasm module and are a host hazard.
        entry.resume();
    }
  }

  /**
   * The folder an entry goes in, made when missing. Resolved once per folder: a layer of thousands
   * of files would otherwise pay an lstat per path component and a mkdir for each. A cached folder
   * is a real one that exists; anything removed (an entry replacing another) empties the cache, so
   * no cached path can lead through what a later entry put there.
   */
  private async parentOf(rel: string): Promise<string> {
    const dir = dirname(rel);
    const known = this.folders.get(dir);
    if (known !== undefined) return known;
    const parent = await resolveInRoot(this.root, dir, true);
    await mkdir(parent, { recursive: true });
    this.folders.set(dir, parent);
    return parent;
  }

  /** Removes what is at `target`, if anything, forgetting the folders resolved so far. */
  private async clear(target: string): Promise<void> {
    if (!(await lstat(target).catch(() => undefined))) return;
    this.folders.clear();
    await rm(target, { force: true, recursive: true });
  }

  private async makeDir(target: string, mode: number): Promise<void> {
    try {
      await mkdir(target, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if ((await lstat(target)).isDirectory()) return;
      await this.clear(target);
      await mkdir(target, { mode });
    }
  }

  /**
   * A small file is written with one synchronous call: its bytes are in memory already, and the
   * three thread-pool round trips of an async open, write and close cost more than the writing,
   * for each of the thousands of files a layer can hold.
   */
  private async writeSmallFile(entry: TarEntry, target: string, mode: number): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    try {
      writeFileSync(target, bytes, { flag: 'wx', mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await this.clear(target);
      writeFileSync(target, bytes, { flag: 'wx', mode });
    }
  }

  /**
   * 'wx' is O_CREAT|O_EXCL: never writes through a link left in place; what is there goes first.
   * Its bytes go through fs.write (a plain write stream on the fd), not FileHandle's promise
   * writes, which cost the main thread ~3x as much per byte (bench/pull.ts profile).
   */
  private async createFile(target: string, mode: number): Promise<number> {
    try {
      return openSync(target, 'wx', mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await this.clear(target);
      return openSync(target, 'wx', mode);
    }
  }

  private async hardlink(linkname: string, target: string, rel: string): Promise<void> {
    const source = entryPath(linkname, this.what);
    const info = await lstat(await resolveInRoot(this.root, source, false)).catch(() => undefined);
    // Not in this layer: a lower one's file, linked once the layers below are in place.
    if (!info) return void this.changes.links.push([rel, source]);
    if (info.isDirectory()) throw notAFile(this.what, linkname);
    await this.clear(target);
    await link(await resolveInRoot(this.root, source, false), target);
  }

  private whiteoutTarget(rel: string, name: string): string {
    const hidden = name.slice(WHITEOUT.length);
    if (hidden === '' || hidden === '.' || hidden === '..') {
      throw new WasmctlError('DataLoss', `${this.what} has an invalid whiteout "${rel}"`);
    }
    return join(dirname(rel), hidden);
  }
}

export const notAFile = (what: string, linkname: string) =>
  new WasmctlError('DataLoss', `${what} hardlinks to "${linkname}", which is not a file in the image`);
