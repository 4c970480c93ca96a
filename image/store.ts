import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { WasmctlError, hasKind } from '../common/index.js';
import { exists } from './exists.js';
import { type ImageRecord, type IndexFile, IndexFileStore } from './index-file.js';
import { parsePlatform } from './platform.js';
import { normalizeReference, parseReference } from './reference.js';
import type { ImageSource, SelectOptions } from './source.js';
import type { OnProgress, StagedImage, StoreLayout } from './stage.js';
import { componentCacheDir } from './component-cache.js';
import { makeTempDir, sweepStale, tempPath } from './temp-files.js';
import { DigestSchema } from './types.js';

export interface StoredImage {
  /** The name it is stored under (`docker.io/library/hello:latest`), or its digest when unnamed. */
  reference: string;
  /** The manifest digest. */
  digest: string;
  platform: { os: string; architecture: string };
  config: { entrypoint: string[]; cmd: string[]; env: string[]; workingDir: string };
  layers: Array<{ digest: string; size: number; mediaType: string }>;
  /** Bytes of the unpacked files. */
  size: number;
  created?: string;
  /** Host folder of the unpacked files. Symlinks in it are the image's: resolve them inside it. */
  rootfs: string;
}

export interface StoreOptions {
  /** Cap on the uncompressed bytes of one image's layers (gzip/zstd bombs); default 4 GiB or $WASMCTL_MAX_UNPACKED_BYTES. */
  maxUnpackedBytes?: number;
}

export interface FetchOptions {
  /** `os/arch[/variant]`, e.g. `wasi/wasm`. */
  platform?: string;
  plainHttp?: boolean;
  onProgress?: OnProgress;
}

/** `name` says what the stream is in messages (`stdin`). */
export type LoadSource = { path: string } | { stream: Readable; name?: string };

/** docker's `--pull`: when a registry reference is pulled (transports are always read). */
export type PullPolicy = 'missing' | 'never' | 'always';

export interface ResolveOptions extends FetchOptions {
  pull: PullPolicy;
}

export interface Removed {
  untagged: string[];
  /** The manifest digests whose files were deleted (no other name used them). */
  deleted: string[];
}

export interface Pruned {
  /** The unnamed images removed, by digest. */
  deleted: string[];
  /** Bytes of the blobs and unpacked files removed. */
  reclaimedBytes: number;
}

const DEFAULT_CAP = 4 * 1024 ** 3;
const CapSchema = z.coerce.number().int().positive();
const TRANSPORTS = ['docker-archive:', 'oci-archive:', 'oci:'] as const;
const hexOf = (digest: string) => digest.slice('sha256:'.length);

/**
 * Sources and staging (registry client, tar-stream, fzstd, streamx) are imported where an image
 * comes in: running or listing a stored image reads the index file and loads none of them.
 */
export class ImageStore {
  private readonly index: IndexFileStore;
  private readonly cap: number;

  constructor(
    readonly root: string,
    options: StoreOptions = {},
  ) {
    this.index = new IndexFileStore(root);
    const fromEnv = process.env.WASMCTL_MAX_UNPACKED_BYTES;
    this.cap = options.maxUnpackedBytes ?? (fromEnv ? CapSchema.parse(fromEnv) : DEFAULT_CAP);
  }

  /**
   * A registry reference (`docker://` optional), or an archive or layout by transport
   * (`oci-archive:PATH`, `docker-archive:PATH`, `oci:DIR`: loaded, its first image), as podman
   * pull takes them; the platform is picked from an image index the same way for all.
   */
  async pull(reference: string, options: FetchOptions = {}): Promise<StoredImage> {
    const transport = TRANSPORTS.find((t) => reference.startsWith(t));
    if (transport) {
      const [first] = await this.load({ path: reference.slice(transport.length) }, options);
      return first as StoredImage;
    }
    const { RegistrySource } = await import('./sources/registry.js');
    const ref = parseReference(reference.replace(/^docker:\/\//, ''));
    const source = new RegistrySource(ref, { ...this.select(options), plainHttp: options.plainHttp ?? false });
    const [image] = await this.ingest(source, options.onProgress);
    return image as StoredImage;
  }

  /** Loads every image of a `docker save` tar, an OCI archive, an OCI layout folder, or such a tar on a stream. */
  async load(from: LoadSource, options: Pick<FetchOptions, 'platform'> = {}): Promise<StoredImage[]> {
    const select = this.select(options);
    const { extractArchive, folderSource } = await import('./sources/archive.js');
    if ('path' in from) {
      const info = await stat(from.path).catch(() => undefined);
      if (!info) throw new WasmctlError('NotFound', `${from.path} does not exist`);
      if (info.isDirectory()) return this.ingest(await folderSource(from.path, from.path, { ...select, namedAfter: from.path }));
    }
    const what = 'path' in from ? from.path : (from.name ?? 'the input');
    return this.withStaging(async (staging) => {
      const dir = join(staging, 'archive');
      await extractArchive('path' in from ? createReadStream(from.path) : from.stream, dir, what);
      const named = 'path' in from ? { namedAfter: from.path } : {};
      return this.ingest(await folderSource(dir, what, { ...select, ...named }), undefined, staging);
    });
  }

  async list(): Promise<StoredImage[]> {
    const { images } = await this.index.read();
    return Object.entries(images)
      .map(([reference, record]) => this.toStored(reference, record))
      .sort((a, b) => a.reference.localeCompare(b.reference));
  }

  /** A stored image by reference, by manifest digest or by a digest prefix. */
  async get(reference: string): Promise<StoredImage> {
    const index = await this.index.read();
    const [key] = this.lookup(index, reference);
    return this.toStored(key as string, index.images[key as string] as ImageRecord);
  }

  /** Untags `reference` (every name, when given a digest) and deletes what no other image uses. */
  async remove(reference: string): Promise<Removed> {
    await sweepStale(this.tmp);
    return this.index.update(async (index) => {
      const keys = this.lookup(index, reference);
      const removed = keys.map((k) => index.images[k] as ImageRecord);
      for (const key of keys) delete index.images[key];
      const deleted = await this.collect(index, removed);
      return { untagged: keys.filter((k) => !k.startsWith('sha256:')), deleted };
    });
  }

  /**
   * docker's `image prune`: unnamed images, then every blob and unpacked tree no stored image uses;
   * given the engine's current component toolchain, components transpiled by any other.
   */
  async prune(componentToolchain?: string): Promise<Pruned> {
    await sweepStale(this.tmp);
    return this.index.update(async (index) => {
      const dangling = Object.keys(index.images).filter((k) => k.startsWith('sha256:'));
      for (const key of dangling) delete index.images[key];
      const records = Object.values(index.images);
      const blobs = new Set(records.flatMap((r) => [r.digest, r.configDigest, ...r.layers.map((l) => l.digest)].map(hexOf)));
      const { removeUnlisted } = await import('./prune.js');
      const reclaimedBytes =
        (await removeUnlisted(join(this.root, 'blobs', 'sha256'), blobs)) +
        (await removeUnlisted(join(this.root, 'rootfs'), new Set(records.map((r) => hexOf(r.digest))))) +
        (componentToolchain === undefined ? 0 : await removeUnlisted(componentCacheDir(this.root), new Set([componentToolchain])));
      return { deleted: dangling, reclaimedBytes };
    });
  }

  /**
   * What `run` needs: a stored reference; `docker-archive:PATH`, `oci-archive:PATH`, `oci:DIR`
   * (loaded, first image); or a registry reference (`docker://` optional), pulled when missing.
   */
  async resolve(target: string, options: ResolveOptions = { pull: 'missing' }): Promise<StoredImage> {
    if (TRANSPORTS.some((t) => target.startsWith(t))) return this.pull(target, options);
    const reference = target.replace(/^docker:\/\//, '');
    if (options.pull === 'always') return this.pull(reference, options);
    try {
      return await this.get(reference);
    } catch (err) {
      if (options.pull === 'never' || !hasKind(err, 'NotFound')) throw err;
      return this.pull(reference, options);
    }
  }

  /** Names a stored image anew (docker tag); a name that pointed at another image moves. */
  async tag(source: string, target: string): Promise<StoredImage> {
    const name = normalizeReference(target);
    if (parseReference(target).digest)
      throw new WasmctlError('InvalidArgument', `cannot tag with a digest: ${target}`, { hint: 'give a name:tag' });
    return this.index.update(async (index) => {
      const [key] = this.lookup(index, source);
      const record = index.images[key as string] as ImageRecord;
      const previous = index.images[name];
      index.images[name] = record;
      // An unnamed image (keyed by its digest) is named now: the digest key goes.
      if (key === record.digest) delete index.images[key];
      if (previous && previous.digest !== record.digest) await this.collect(index, [previous]);
      return this.toStored(name, record);
    });
  }

  /** The file of a blob the store holds (manifests, configs, layers): for build, push and save. */
  blobFile(digest: string): string {
    return this.blobPath(DigestSchema.parse(digest));
  }

  private select(options: Pick<FetchOptions, 'platform'>): SelectOptions {
    return options.platform ? { platform: parsePlatform(options.platform) } : {};
  }

  private lookup(index: IndexFile, reference: string): string[] {
    if (index.images[reference]) return [reference];
    const prefix = /^(?:sha256:)?([a-f0-9]{4,64})$/.exec(reference)?.[1];
    if (prefix) {
      const keys = Object.keys(index.images).filter((k) => hexOf((index.images[k] as ImageRecord).digest).startsWith(prefix));
      const digests = new Set(keys.map((k) => index.images[k]?.digest));
      if (digests.size > 1)
        throw new WasmctlError('InvalidArgument', `"${reference}" matches ${digests.size} images; give more of the digest`);
      if (keys.length > 0) return keys;
    }
    const normal = normalizeReference(reference);
    if (index.images[normal]) return [normal];
    const ref = parseReference(reference);
    if (ref.digest) {
      const repo = `${ref.domain}/${ref.path}`;
      const keys = Object.keys(index.images).filter((k) => index.images[k]?.digest === ref.digest && k.startsWith(`${repo}:`));
      if (keys.length > 0) return keys;
    }
    throw new WasmctlError('NotFound', `image "${reference}" is not in the store`, {
      hint: `pull it first: wasmctl pull ${reference}`,
    });
  }

  private toStored(reference: string, record: ImageRecord): StoredImage {
    const { configDigest: _config, ...rest } = record;
    return { reference, ...rest, rootfs: this.rootfsPath(record.digest) };
  }

  private blobPath(digest: string): string {
    return join(this.root, 'blobs', 'sha256', hexOf(digest));
  }

  private rootfsPath(digest: string): string {
    return join(this.root, 'rootfs', hexOf(digest));
  }

  private get tmp(): string {
    return join(this.root, 'tmp');
  }

  /** Every write starts by sweeping what crashed processes left in tmp/. */
  private async withStaging<T>(run: (staging: string) => Promise<T>): Promise<T> {
    await sweepStale(this.tmp);
    const staging = await makeTempDir(this.tmp, 'op');
    try {
      return await run(staging);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  private async ingest(source: ImageSource, onProgress?: OnProgress, staging?: string): Promise<StoredImage[]> {
    if (!staging) return this.withStaging((dir) => this.ingest(source, onProgress, dir));
    const images = await source.images();
    if (images.length === 0) throw new WasmctlError('InvalidArgument', 'the source holds no images');
    const current = await this.index.read();
    const layout: StoreLayout = {
      blobPath: (d) => this.blobPath(d),
      rootfsPath: (d) => this.rootfsPath(d),
      unpacked: (d) => Object.values(current.images).find((r) => r.digest === d),
    };
    const { stageImage } = await import('./stage.js');
    const staged: StagedImage[] = [];
    for (const image of images) staged.push(await stageImage(source, image, staging, layout, this.cap, onProgress));
    return this.commit(staged);
  }

  /** Moves staged blobs and files into the store and names them, all under the index lock. */
  private async commit(staged: StagedImage[]): Promise<StoredImage[]> {
    mkdirSync(join(this.root, 'blobs', 'sha256'), { recursive: true });
    mkdirSync(join(this.root, 'rootfs'), { recursive: true });
    return this.index.update(async (index) => {
      const replaced: ImageRecord[] = [];
      const stored: StoredImage[] = [];
      for (const { names, record, blobs, rootfs } of staged) {
        await this.checkStillStored(record, blobs, rootfs);
        for (const [digest, path] of blobs) await rename(path, this.blobPath(digest));
        if (rootfs) await this.placeRootfs(rootfs, record.digest);
        const alreadyNamed = Object.values(index.images).some((r) => r.digest === record.digest);
        const keys = names.length > 0 ? names : alreadyNamed ? [] : [record.digest];
        for (const key of keys) {
          const previous = index.images[key];
          if (previous && previous.digest !== record.digest) replaced.push(previous);
          index.images[key] = record;
        }
        // One per name it now has, so that `load` can say each; the first is the image's main name.
        const shown =
          keys.length > 0 ? keys : [Object.keys(index.images).find((k) => index.images[k]?.digest === record.digest) ?? record.digest];
        for (const key of shown) stored.push(this.toStored(key, record));
      }
      await this.collect(index, replaced);
      return stored;
    });
  }

  /** Another process may have removed what this one found in the store while staging. */
  private async checkStillStored(record: ImageRecord, staged: Map<string, string>, rootfs: string | undefined) {
    const needed = [record.digest, record.configDigest, ...record.layers.map((l) => l.digest)];
    for (const digest of needed) {
      if (!staged.has(digest) && !(await exists(this.blobPath(digest)))) {
        throw new WasmctlError('Unavailable', `blob ${digest} was removed from the store during this operation`, { hint: 'try again' });
      }
    }
    if (!rootfs && !(await exists(this.rootfsPath(record.digest)))) {
      throw new WasmctlError('Unavailable', `image ${record.digest} was removed from the store during this operation`, {
        hint: 'try again',
      });
    }
  }

  private async placeRootfs(staged: string, digest: string): Promise<void> {
    try {
      await rename(staged, this.rootfsPath(digest));
    } catch (err) {
      // Another process unpacked the same image first: its copy is as good as ours.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  }

  /** Deletes the files of `removed` images that no image left in `index` still uses. */
  private async collect(index: IndexFile, removed: ImageRecord[]): Promise<string[]> {
    const records = Object.values(index.images);
    const inUse = new Set(records.flatMap((r) => [r.digest, r.configDigest, ...r.layers.map((l) => l.digest)]));
    const deleted: string[] = [];
    for (const gone of removed) {
      const { digest } = gone;
      if (inUse.has(digest) || deleted.includes(digest)) continue;
      for (const blob of [digest, gone.configDigest, ...gone.layers.map((l) => l.digest)]) {
        if (!inUse.has(blob)) await rm(this.blobPath(blob), { force: true });
      }
      const trash = tempPath(this.tmp, 'rm', hexOf(digest));
      await mkdir(this.tmp, { recursive: true });
      await rename(this.rootfsPath(digest), trash).catch(() => undefined);
      await rm(trash, { recursive: true, force: true });
      deleted.push(digest);
    }
    return deleted;
  }
}
