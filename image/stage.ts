import { join } from 'node:path';
import { WasmctlError } from '../common/index.js';
import { parseImageJson, readSmallFile } from './blob-copy.js';
import { SizeBudget } from './compression.js';
import type { ImageRecord } from './index-file.js';
import type { ImageSource, SourceImage } from './source.js';
import { StagedBlobs, reporter } from './stage-blobs.js';
import { fetchLayers, unpackLayers } from './stage-layers.js';
import { type ImageConfig, ImageConfigSchema, type Manifest, MediaType, WasmConfigSchema } from './types.js';

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

type Described = { kind: 'image'; config: ImageConfig } | { kind: 'wasm'; os: string; architecture: string; created?: string };

/** The image's config: an image config whose diff_ids match the layers, or a Wasm artifact's. */
async function readConfig(blobs: StagedBlobs, manifest: Manifest): Promise<Described> {
  const what = `config ${manifest.config.digest}`;
  const bytes = await readSmallFile(await blobs.file(manifest.config, what), what);
  if (manifest.config.mediaType === MediaType.wasmConfig) return { kind: 'wasm', ...parseImageJson(bytes, WasmConfigSchema, what) };
  const config = parseImageJson(bytes, ImageConfigSchema, what);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new WasmctlError('DataLoss', `${what} lists ${config.rootfs.diff_ids.length} diff_ids for ${manifest.layers.length} layers`);
  }
  return { kind: 'image', config };
}

/** What the store records: docker's run config, or a Wasm artifact's first module as the entrypoint. */
function imageRecord(image: SourceImage, described: Described, modules: string[], size: number): ImageRecord {
  const { manifest } = image;
  const about = described.kind === 'image' ? described.config : described;
  const run = described.kind === 'image' ? described.config.config : undefined;
  return {
    digest: image.manifestDigest,
    configDigest: manifest.config.digest,
    platform: { os: about.os, architecture: about.architecture },
    config:
      described.kind === 'image'
        ? { entrypoint: run?.Entrypoint ?? [], cmd: run?.Cmd ?? [], env: run?.Env ?? [], workingDir: run?.WorkingDir || '/' }
        : { entrypoint: modules[0] ? [modules[0]] : [], cmd: [], env: [], workingDir: '/' },
    layers: manifest.layers.map(({ digest, size, mediaType }) => ({ digest, size, mediaType })),
    size,
    ...(about.created ? { created: about.created } : {}),
  };
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
  const blobs = new StagedBlobs(source, image, staging, store);
  await blobs.writeManifest();
  const described = await readConfig(blobs, image.manifest);
  const { layers } = image.manifest;
  for (const layer of layers) reporter(onProgress, layer)('Waiting', 0);
  const budget = new SizeBudget(cap);
  const plan = { layers, diffIds: described.kind === 'image' ? described.config.rootfs.diff_ids : undefined, blobs, budget, onProgress };
  const known = store.unpacked(image.manifestDigest);
  if (known) {
    await fetchLayers(plan);
    return { names: image.names, record: known, blobs: blobs.staged, rootfs: undefined };
  }
  const rootfs = join(staging, `rootfs-${image.manifestDigest.slice(7)}`);
  const modules = await unpackLayers(plan, rootfs);
  return { names: image.names, record: imageRecord(image, described, modules, budget.used), blobs: blobs.staged, rootfs };
}
