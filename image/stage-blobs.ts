import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { coalescing, copyVerified, teeToFile, verifyBytes, verifying } from './blob-copy.js';
import { type Stage, openBlobFile } from './compression.js';
import { exists } from './exists.js';
import type { ImageSource, SourceImage } from './source.js';
import type { OnProgress, ProgressEvent, StoreLayout } from './stage.js';
import type { Descriptor } from './types.js';

export type Report = (status: ProgressEvent['status'], current: number) => void;

/** docker's progress lines for one blob, keyed by its short digest; nothing when no one listens. */
export function reporter(onProgress: OnProgress | undefined, d: Descriptor): Report {
  const id = d.digest.slice(7, 19);
  return (status, current) => onProgress?.({ id, status, current, total: d.size });
}

/**
 * Blobs up to this size in a host file (an archive's, a layout's: a build's config and small
 * layers) are read, verified and staged with synchronous calls: a stream's open, reads, writes and
 * close are a dozen thread-pool round trips for a few KiB.
 */
const SMALL_BLOB = 1024 * 1024;

/** Counts a download's bytes into 'Downloading' reports. */
function downloading(report: Report): (n: number) => void {
  let current = 0;
  report('Downloading', 0);
  return (n) => report('Downloading', (current += n));
}

/**
 * An image's blobs as staging sees them: each is the store's file when the store has it, else
 * downloaded from the source into the staging folder, verified against its descriptor on the way,
 * once per digest. `staged` lists what the store must take in.
 */
export class StagedBlobs {
  readonly staged = new Map<string, string>();
  private readonly dir: string;

  constructor(
    private readonly source: ImageSource,
    private readonly image: SourceImage,
    staging: string,
    private readonly store: StoreLayout,
  ) {
    this.dir = join(staging, 'blobs');
  }

  /** Synchronous: a folder and a file of a few hundred bytes. */
  async writeManifest(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const path = this.stagedPath(this.image.manifestDigest);
    writeFileSync(path, this.image.manifestBytes);
    this.staged.set(this.image.manifestDigest, path);
  }

  /** The blob's file, downloaded first when the store lacks it. */
  async file(d: Descriptor, what: string, report: Report = () => undefined): Promise<string> {
    const stored = await this.inStore(d, report);
    if (stored) return stored;
    const staged = this.stagedPath(d.digest);
    if (this.staged.has(d.digest)) return staged;
    this.staged.set(d.digest, staged);
    if (!(await this.stageSmall(d, what, staged, report))) {
      await copyVerified(await this.source.openBlob(this.image, d), staged, d, what, downloading(report));
    }
    return staged;
  }

  /**
   * The blob's bytes to read once, as they arrive: the store's file, or the download with the
   * stages that verify it and keep it in staging (the read fails on a digest mismatch). The first
   * read of a digest only: a later one waits for it and takes file().
   */
  async open(d: Descriptor, what: string, report: Report): Promise<{ input: Readable; stages: Stage[] }> {
    const stored = await this.inStore(d, report);
    if (stored) return { input: openBlobFile(stored), stages: [] };
    const staged = this.stagedPath(d.digest);
    this.staged.set(d.digest, staged);
    const small = await this.stageSmall(d, what, staged, report);
    if (small) return { input: Readable.from([small], { objectMode: false }), stages: [] };
    const input = await this.source.openBlob(this.image, d);
    return { input, stages: [coalescing(), verifying(d, what, downloading(report)), teeToFile(staged)] };
  }

  /**
   * A small blob of a source on disk, verified and staged whole; undefined (stream it) for anything
   * else, a file whose size is not the descriptor's included, so that it fails as a stream would.
   */
  private async stageSmall(d: Descriptor, what: string, staged: string, report: Report): Promise<Buffer | undefined> {
    if (d.size > SMALL_BLOB || !this.source.blobFile) return undefined;
    const path = await this.source.blobFile(this.image, d);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size !== d.size) return undefined;
    const bytes = verifyBytes(readFileSync(path), d, what);
    writeFileSync(staged, bytes, { flag: 'wx' });
    downloading(report)(bytes.length);
    return bytes;
  }

  private async inStore(d: Descriptor, report: Report): Promise<string | undefined> {
    const stored = this.store.blobPath(d.digest);
    if (!(await exists(stored))) return undefined;
    report('Already exists', d.size);
    return stored;
  }

  private stagedPath(digest: string): string {
    return join(this.dir, digest.slice('sha256:'.length));
  }
}
