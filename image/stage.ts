import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WasmctlError } from '../common/index.js';
import { rm } from 'node:fs/promises';
import { coalescing, copyVerified, parseImageJson, readSmallFile, teeToFile, verifying } from './blob-copy.js';
import { SizeBudget, openBlobFile } from './compression.js';
import type { ImageRecord } from './index-file.js';
import type { ImageSource, SourceImage } from './source.js';
import { ImageConfigSchema, MediaType, WasmConfigSchema, isWasmLayer, type Descriptor, Annotation } from './types.js';
import { applyTarLayer, placeWasmLayer } from './unpack.js';

export interface ProgressEvent {
  /** The layer's digest, shortened as docker shows it. */
  id: string;
  status: 'Waiting' | 'Downloading' | 'Already exists' | 'Extracting' | 'Pull complete';
  current: number;
  total: number;
}
export type OnProgress = (event: ProgressEvent) => void;

/** Where a staged image's pieces are, before the store takes them under its lock. */
export interface StagedImage {
  names: string[];
  record: ImageRecord;
  /** Blob digest → staged file; blobs already in the store are not here. */
  blobs: Map<string, string>;
  /** Unpacked files, or undefined when the store already has this image's rootfs. */
  rootfs: string | undefined;
}

export interface StoreLayout {
  blobPath(digest: string): string;
  rootfsPath(digest: string): string;
  /** A record of this manifest digest whose rootfs is already unpacked in the store. */
  unpacked(digest: string): ImageRecord | undefined;
}

const DOWNLOAD_CONCURRENCY = 3;
const shortId = (digest: string) => digest.slice(7, 19);
const exists = (path: string) => access(path).then(() => true, () => false);

/** A safe file name for a Wasm artifact layer: its title annotation, else its digest. */
function moduleName(layer: Descriptor): string {
  const title = layer.annotations?.[Annotation.title];
  return title && /^[\w][\w.-]*$/.test(title) ? title : `${layer.digest.slice(7)}.wasm`;
}

/** Downloads (verified) and unpacks one image into `staging`, touching nothing in the store. */
export async function stageImage(
  source: ImageSource,
  image: SourceImage,
  staging: string,
  store: StoreLayout,
  cap: number,
  onProgress?: OnProgress,
): Promise<StagedImage> {
  const blobDir = join(staging, 'blobs');
  await mkdir(blobDir, { recursive: true });
  const blobs = new Map<string, string>();
  const manifestPath = join(blobDir, image.manifestDigest.slice(7));
  await writeFile(manifestPath, image.manifestBytes);
  blobs.set(image.manifestDigest, manifestPath);

  const fetchBlob = async (descriptor: Descriptor, what: string, progress: boolean): Promise<string> => {
    const stored = store.blobPath(descriptor.digest);
    const report = (status: ProgressEvent['status'], current: number) =>
      progress && onProgress?.({ id: shortId(descriptor.digest), status, current, total: descriptor.size });
    if (await exists(stored)) {
      report('Already exists', descriptor.size);
      return stored;
    }
    const staged = join(blobDir, descriptor.digest.slice(7));
    if (blobs.has(descriptor.digest)) return staged;
    blobs.set(descriptor.digest, staged);
    let current = 0;
    report('Downloading', 0);
    await copyVerified(await source.openBlob(image, descriptor), staged, descriptor, what, (n) => {
      current += n;
      report('Downloading', current);
    });
    return staged;
  };

  const { manifest } = image;
  const configWhat = `config ${manifest.config.digest}`;
  const configBytes = await readSmallFile(await fetchBlob(manifest.config, configWhat, false), configWhat);
  const isWasmArtifact = manifest.config.mediaType === MediaType.wasmConfig;
  const config = isWasmArtifact ? undefined : parseImageJson(configBytes, ImageConfigSchema, configWhat);
  const wasmConfig = isWasmArtifact ? parseImageJson(configBytes, WasmConfigSchema, configWhat) : undefined;
  if (config && config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new WasmctlError('DataLoss', `${configWhat} lists ${config.rootfs.diff_ids.length} diff_ids for ${manifest.layers.length} layers`);
  }

  const known = store.unpacked(image.manifestDigest);
  const rootfs = known ? undefined : join(staging, `rootfs-${image.manifestDigest.slice(7)}`);
  if (rootfs) await mkdir(rootfs);
  const budget = new SizeBudget(cap);
  const modules: string[] = [];
  const checkDiffId = (i: number, diffId: string, what: string) => {
    const expected = config?.rootfs.diff_ids[i];
    if (config && diffId !== expected) {
      throw new WasmctlError('DataLoss', `${what} unpacks to ${diffId}, but the config's rootfs.diff_ids says ${expected}`);
    }
  };
  /** Layers before this one are applied: a tar layer whose download starts now can be unpacked as it arrives. */
  let applied = 0;

  /**
   * Downloads one layer; when every layer before it is applied, it is also unpacked on the way, in
   * one pass (digest → blob file → decompress → diff_id → tar), and `unpacked` says so.
   */
  const fetchLayer = async (layer: Descriptor, i: number): Promise<{ path: string; unpacked: boolean }> => {
    const what = `layer ${layer.digest}`;
    const inStore = await exists(store.blobPath(layer.digest));
    if (!rootfs || inStore || i !== applied || isWasmLayer(layer.mediaType) || blobs.has(layer.digest)) {
      return { path: await fetchBlob(layer, what, true), unpacked: false };
    }
    const staged = join(blobDir, layer.digest.slice(7));
    blobs.set(layer.digest, staged);
    const id = shortId(layer.digest);
    let current = 0;
    onProgress?.({ id, status: 'Downloading', current, total: layer.size });
    const onBytes = (n: number) => {
      current += n;
      onProgress?.({ id, status: 'Downloading', current, total: layer.size });
    };
    try {
      const input = await source.openBlob(image, layer);
      const diffId = await applyTarLayer(rootfs, input, what, budget, [coalescing(), verifying(layer, what, onBytes), teeToFile(staged)]);
      checkDiffId(i, diffId, what);
    } catch (err) {
      await rm(staged, { force: true });
      throw err;
    }
    return { path: staged, unpacked: true };
  };

  for (const layer of manifest.layers) onProgress?.({ id: shortId(layer.digest), status: 'Waiting', current: 0, total: layer.size });
  const downloads = limitedAll(manifest.layers, DOWNLOAD_CONCURRENCY, fetchLayer);
  try {
    for (const [i, layer] of manifest.layers.entries()) {
      const { path, unpacked } = await (downloads[i] as Promise<{ path: string; unpacked: boolean }>);
      const what = `layer ${layer.digest}`;
      if (rootfs && !unpacked) {
        onProgress?.({ id: shortId(layer.digest), status: 'Extracting', current: layer.size, total: layer.size });
        if (isWasmLayer(layer.mediaType)) {
          const name = moduleName(layer);
          await placeWasmLayer(rootfs, path, name, budget);
          modules.push(`/${name}`);
        } else {
          checkDiffId(i, await applyTarLayer(rootfs, openBlobFile(path), what, budget), what);
        }
      }
      applied = i + 1;
      onProgress?.({ id: shortId(layer.digest), status: 'Pull complete', current: layer.size, total: layer.size });
    }
    const first = modules[0];
    const described = config ?? wasmConfig;
    const record: ImageRecord = known ?? {
      digest: image.manifestDigest,
      configDigest: manifest.config.digest,
      platform: { os: described?.os ?? 'unknown', architecture: described?.architecture ?? 'unknown' },
      config: config
        ? {
            entrypoint: config.config?.Entrypoint ?? [],
            cmd: config.config?.Cmd ?? [],
            env: config.config?.Env ?? [],
            workingDir: config.config?.WorkingDir || '/',
          }
        : { entrypoint: first ? [first] : [], cmd: [], env: [], workingDir: '/' },
      layers: manifest.layers.map(({ digest, size, mediaType }) => ({ digest, size, mediaType })),
      size: budget.used,
      ...(described?.created ? { created: described.created } : {}),
    };
    return { names: image.names, record, blobs, rootfs };
  } finally {
    await Promise.allSettled(downloads);
  }
}

/** Runs `run` over `items` with at most `limit` at once; the promises keep the items' order. */
function limitedAll<T, R>(items: T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R>[] {
  const slots: Array<() => void> = [];
  let active = 0;
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < limit) {
        active++;
        resolve();
      } else slots.push(resolve);
    });
  const release = () => {
    const waiter = slots.shift();
    if (waiter) waiter();
    else active--;
  };
  return items.map((item, index) => {
    const promise = acquire().then(() => run(item, index).finally(release));
    promise.catch(() => undefined);
    return promise;
  });
}
