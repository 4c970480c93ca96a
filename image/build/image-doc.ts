import { writeFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Of } from '../blob-copy.js';
import { Annotation, MediaType } from '../types.js';
import type { Blob, LayerBlob } from './layer.js';

/** docker's ImageConfig fields, in the order Go marshals them; empty ones are left out (omitempty). */
export interface RunConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface HistoryEntry {
  created: string;
  created_by: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const ORDER: Array<keyof RunConfig> = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal'];

function runConfig(config: RunConfig): RunConfig {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) {
    const value = config[key];
    const empty =
      value === undefined || value === '' || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    // An explicit `CMD []` is kept (it clears the base's Cmd), as docker keeps it.
    if (!empty) out[key] = value;
  }
  return out as RunConfig;
}

/** The image config as BuildKit writes it: keys sorted, created from the build's timestamp. */
export function imageConfig(
  platform: Platform,
  config: RunConfig,
  created: string,
  history: HistoryEntry[],
  diffIds: string[],
  author?: string,
): Buffer {
  const doc = {
    architecture: platform.architecture,
    ...(author ? { author } : {}),
    config: runConfig(config),
    created,
    history,
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: diffIds },
    ...(platform.variant ? { variant: platform.variant } : {}),
  };
  return Buffer.from(JSON.stringify(doc));
}

/** The CNCF TAG-Runtime Wasm artifact config. */
export const wasmConfig = (created: string, layers: Blob[]): Buffer =>
  Buffer.from(JSON.stringify({ created, architecture: 'wasm', os: 'wasip1', layerDigests: layers.map((l) => l.digest) }));

export interface LayoutImage {
  dir: string;
  manifestDigest: string;
  manifestBytes: Buffer;
}

type LayerDescriptor = Blob & { annotations?: Record<string, string> };

/** Writes config, manifest and index.json into `dir` (whose blobs/sha256 holds the layers), one index entry per name. */
// Synchronous writes: four small files, each an async thread-pool round trip otherwise.
export async function writeLayout(
  dir: string,
  config: { bytes: Buffer; mediaType: string },
  layers: Array<LayerBlob | LayerDescriptor>,
  names: string[],
): Promise<LayoutImage> {
  const blobDir = join(dir, 'blobs', 'sha256');
  const configDigest = sha256Of(config.bytes);
  writeFileSync(join(blobDir, configDigest.slice(7)), config.bytes);
  const isWasm = config.mediaType === MediaType.wasmConfig;
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    ...(isWasm ? { artifactType: MediaType.wasmConfig } : {}),
    config: { mediaType: config.mediaType, digest: configDigest, size: config.bytes.length },
    layers: layers.map((l) => ({
      mediaType: l.mediaType,
      digest: l.digest,
      size: l.size,
      ...('annotations' in l && l.annotations ? { annotations: l.annotations } : {}),
    })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestDigest = sha256Of(manifestBytes);
  writeFileSync(join(blobDir, manifestDigest.slice(7)), manifestBytes);
  const entry = { mediaType: MediaType.ociManifest, digest: manifestDigest, size: manifestBytes.length };
  const manifests =
    names.length === 0
      ? [entry]
      : names.map((name) => ({ ...entry, annotations: { [Annotation.containerdName]: name, [Annotation.refName]: name } }));
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
  return { dir, manifestDigest, manifestBytes };
}

/** A blob the build reuses (a base image's layer) copied into the layout. */
export async function copyBlobInto(dir: string, digest: string, from: string): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await copyFile(from, join(dir, 'blobs', 'sha256', digest.slice(7)));
}
